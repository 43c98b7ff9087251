"""Agencies named by an apposition, and names that run on past a body already known.

An agency the gazetteer lacks is often introduced by what it is, after a comma: "X, the
national innovation agency, will …", "X, badan pengembangan ekonomi Malta, akan …", or
what it is comes first: "Saint Lucia's investment agency, X, will …". The name beside such
an apposition is a body's, whatever its words. And a known body's name
followed by more capitalised words that are not portfolios is that body with a person or
a place after it ("Kementerian Perindustrian Dwi Handayani …", "Ministry of Industry,
Ratna …"), not a new body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .portfolios import BY_FIRST, JOINERS

_UPPER = "A-ZÀ-ÖØ-Þ"
_HEAD_WORDS = (
    ("agency", ""),
    ("authority", ""),
    ("organi", "[sz]ation"),
    ("council", ""),
    ("institute", ""),
    ("office", ""),
    ("corporation", ""),
    ("board", ""),
    ("arm", ""),
    ("badan", ""),
    ("lembaga", ""),
    ("otoritas", ""),
    ("dewan", ""),
)
"""What an apposition calls an agency ("… promotion agency", "… trade promotion arm"),
each as the letters it is written with first and the pattern of the rest: a sentence
holding none of those letters (or no comma) holds no apposition, and is not searched."""
_HEADS = "(?:" + "|".join(letters + rest for letters, rest in _HEAD_WORDS) + ")"
_APPOSED = re.compile(
    rf"(?<![\w-])([{_UPPER}][\w'’-]+(?:\s+[{_UPPER}][\w'’-]+){{0,3}})"
    r"(?:\s+\([^()]{2,40}\))?,\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:(?!(?:head|chief|director|minister|secretary|spokes\w*|president|chair\w*|ketua|"
    r"kepala|direktur|menteri|juru|who|which|yang)\b)[\w'’-]+\s+){0,6}?"
    rf"{_HEADS}(?![\w-])"
)
_APPOSED_AFTER = re.compile(
    # "Saint Lucia's investment agency, Invest Saint Lucia, will …": what it is, then its name
    rf"(?<![\w-]){_HEADS},\s+"
    rf"([{_UPPER}][\w'’-]+(?:\s+[{_UPPER}][\w'’-]+){{0,3}})(?:\s+\([^()]{{2,40}}\))?,"
)
_NOT_NAMES = {
    "meanwhile",
    "however",
    "earlier",
    "later",
    "also",
    "then",
    "today",
    "yesterday",
    "separately",
    "sementara",
    "selain",
    "namun",
    "kemudian",
    "menurut",
    "selanjutnya",
    "first",
    "second",
    "third",
    "fourth",
    "finally",
    "lastly",
    "pertama",
    "kedua",
    "ketiga",
    "keempat",
    "terakhir",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "as",
    "after",
    "before",
    "under",
    "during",
    "di",
    "pada",
    "dalam",
    "untuk",
    "dengan",
    "oleh",
    "setelah",
}
"""Capitalised words that open a sentence and are no name ("Separately, the agency …",
"Second, the agency …", "In Chile, the agency …")."""


def apposed_names(sentence: str) -> Iterator[tuple[int, str]]:
    """The names (offset in *sentence*, words) that an apposition says are agencies."""
    if "," not in sentence or not any(letters in sentence for letters, _ in _HEAD_WORDS):
        return  # most sentences of a long page: the patterns would try each capital's run
    for match in _APPOSED.finditer(sentence):
        name = match.group(1)
        first = name.split()[0].lower()
        if first in _NOT_NAMES or (len(name.split()) == 1 and first.endswith("ly")):
            continue
        yield match.start(1), name
    for match in _APPOSED_AFTER.finditer(sentence):
        yield match.start(1), match.group(1)


def runs_past_known(name: str, known: Callable[[str], bool]) -> bool:
    """Whether *name* is a known body's name (by *known*) with words after it that are no
    portfolios of its name: the body, then a person or a place."""
    words = name.split()
    for size in range(2, len(words)):
        lead = " ".join(words[:size]).rstrip(",")
        following = words[size].strip(",").lower()
        if following in BY_FIRST or following in JOINERS or following in ("of", "for"):
            continue
        if known(lead):
            return True
    return False
