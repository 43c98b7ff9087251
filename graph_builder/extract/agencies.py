"""Agencies named by an apposition, and names that run on past a body already known.

An agency the gazetteer lacks is often introduced by what it is, after a comma: "X, the
national innovation agency, will …", "X, badan pengembangan ekonomi Malta, akan …", or
what it is comes first: "Saint Lucia's investment agency, X, will …". The name beside such
an apposition is a body's, whatever its words. And a known body's name
followed by more capitalised words that are not portfolios is that body with a person or
a place after it ("Kementerian Perindustrian Dwi Handayani …", "Ministry of Industry,
Ratna …"), not a new body. A name also ends before an official joined to it ("… dan Deputy
Secretary …") or named after its closed list ("… Science and Technology, Andrea Smith"); a
centre that is a venue is no body; a long name is quoted by its short name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping

from .portfolios import BY_FIRST, JOINERS
from .products import SAYS_WORDS

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


VENUE = re.compile(r"\b(?:Convention|Exhibition|Conference|Expo)\s+(?:Center|Centre|Hall)\b")
"""A venue named as a centre ("Jakarta Convention Center"): where a deal is signed, no body."""
_NEXT_POST = re.compile(
    r"(?<!,)\s+(?:and|dan|&)\s+(?:the\s+)?(?=(?:Deputy|Secretary|Minister|Director|Head|Chief|"
    r"Ambassador|Wakil|Menteri|Sekretaris|Direktur|Kepala|Duta)\b)"
)
_AND_WORD = re.compile(r"\b(?:and|dan|&)(?:\s|$)")
_LAST_JOINED = re.compile(r"\b(?:and|dan|&)\s+([A-Z][\w-]*)[^,]*$")
_POST_WORDS = frozenset(
    re.findall(
        r"\w+",
        "Deputy Secretary Minister Director Head Chief Ambassador President Chairman Governor "
        "Wakil Menteri Sekretaris Direktur Kepala Duta Presiden Ketua Gubernur Dirjen Sekjen",
    )
)
_SHORT_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z0-9-]{1,11})\)")


def before_an_official(name: str) -> str:
    """*name* up to an official written right after "and" ("Kementerian X dan Deputy
    Secretary …"). After a comma, "…, dan Direktur …" lists signatories and is left whole
    (its caller reads such lists)."""
    return _NEXT_POST.split(name, 1)[0]


def without_apposition(name: str) -> str:
    """*name* without what follows its last comma when its list was closed by "and" before
    that comma ("… Innovation, Science and Technology, Andrea Smith": the official's name),
    unless the word after that "and" is a post ("…, dan Direktur Jenderal X, Nama"): then
    the "and" joined another official and the name is left as it is."""
    head, _, tail = name.rpartition(",")
    closing = _LAST_JOINED.search(head)
    if not _AND_WORD.search(tail) and closing and closing.group(1) not in _POST_WORDS:
        return head
    return name


def quoted_span(
    text: str, start: int, end: int, countries: Mapping[int, str] | None = None
) -> tuple[int, int]:
    """The span a body's finding quotes: its name, or, for a name longer than
    :data:`~.products.SAYS_WORDS` words, the short name in brackets right after it ("… dan
    Maritim (BBSPJIHPMM)") or the name without the country written in it ("Departemen
    Perdagangan, Industri dan Persaingan Usaha (DTIC) Afrika Selatan"; *countries*: the
    country mentions' start offsets): the label keeps the long name, the quote names the
    body in a few words."""
    if len(text[start:end].split()) <= SAYS_WORDS:
        return start, end
    short = _SHORT_AFTER.match(text, end)
    if short is not None:
        return short.start(1), short.end(1)
    inside = [at for at in countries or () if start < at < end]
    if inside:
        name = _STATE_TAIL.sub("", text[start : min(inside)])
        if len(name.split()) >= 2:
            return start, start + len(name)
    return start, end


_STATE_TAIL = re.compile(
    r"(?:\s*,)?\s+(?:of\s+(?:the\s+)?)?(?:(?:Republic|Kingdom|Federation|State|Sultanate)\s+"
    r"of\s+(?:the\s+)?|(?:Republik|Kerajaan|Federasi|Negara)\s+)?$"
)
"""The words between a body's name and its country ("… of the Republic of", "… Republik")."""
