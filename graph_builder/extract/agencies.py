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
    # a place or a time after the comma ("Ms. X, at the agency's offices") is no apposition
    r"(?!(?:at|in|on|to|from|with|by|di|ke|dari|pada|dengan)\s)"
    # nor are what a person is or says ("X, said in his welcome that the organisation …")
    r"(?:(?!(?:head|chief|director|minister|secretary|spokes\w*|president|chair\w*|ketua|"
    r"kepala|direktur|menteri|juru|who|which|yang|said|says|told|added|noted|stated|"
    r"explained|kata|ujar|mengatakan|menyatakan|menambahkan)\b)[\w'’-]+\s+){0,6}?"
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


def without_parent(name: str, known: Callable[[str], bool]) -> str:
    """*name* without the parent body (known by *known*) its last word names: "Pusat
    Industri Hijau Kemenperin" is the ministry's centre, named "Pusat Industri Hijau"."""
    head, _, last = name.rpartition(" ")
    if len(head.split()) >= 2 and last[:1].isupper() and known(last):
        return head
    return name


_SHORT_NAME = re.compile(r"\((?:[^()/\n]{2,80}/)?([A-Z][A-Za-z]{1,9})\)")
"""A short name given in brackets after a full one: "(OKI)", "(International Pepper
Community/IPC)"."""
_SECRETARIAT = re.compile(
    r"(?:Sekretariat(?:\s+Jenderal)?|Secretariat(?:\s+General)?(?:\s+of)?(?:\s+the)?)"
    r"\s+([A-Z][A-Za-z]{1,9})"
    r"|([A-Z][A-Za-z]{1,9})\s+(?:Secretariat(?:\s+General)?|Sekretariat(?:\s+Jenderal)?)"
)


def short_names(text: str) -> set[str]:
    """The short names *text* gives in brackets after a body's full name."""
    return {match.group(1) for match in _SHORT_NAME.finditer(text)} if "(" in text else set()


def secretariat_of(name: str, shorts: set[str]) -> bool:
    """Whether *name* is an organisation's secretariat called by the organisation's short
    name that the article gave with its full one ("Sekretariat Jenderal OKI", "IPC
    Secretariat" after "… (International Pepper Community/IPC)"): the same body again,
    which the full name already proposes."""
    match = _SECRETARIAT.fullmatch(name)
    return match is not None and (match.group(1) or match.group(2)) in shorts
