"""Case-insensitive patterns matched faster on lowercased ASCII text.

Python's engine enters every alternative of a case-insensitive alternation at each word
start; in a case-sensitive one it skips those whose first letter is not there. The cues
(:mod:`.cues`) are alternations of dozens of words, matched on every sentence of a long
page: their lowercase copies read the lowercased sentence about three times faster, and
match where the patterns match the sentence itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def folded(text: str) -> str | None:
    """*text* lowercased when that leaves every case-insensitive match where it was: ASCII
    text (a character stays one, and no letter of it matches one outside ASCII ignoring
    case); None otherwise."""
    return text.lower() if text.isascii() else None


def search(pattern: re.Pattern[str], text: str, lower: str | None) -> re.Match[str] | None:
    """``pattern.search(text)``, read on *lower* (``folded(text)``) when given and *pattern*
    has a lowercase copy: the same span, its letters lowercase."""
    if lower is not None:
        copy = _copy(pattern)
        if copy is not None:
            return copy.search(lower)
    return pattern.search(text)


def finditer(pattern: re.Pattern[str], text: str, lower: str | None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, read on *lower* when given, as :func:`search` does."""
    if lower is not None:
        copy = _copy(pattern)
        if copy is not None:
            return copy.finditer(lower)
    return pattern.finditer(text)


_COPIES: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}
"""Each pattern's copy by the pattern's id (a pattern's hash reads its whole compiled code),
the pattern kept alive beside it so that its id is not reused."""
_UNSAFE = re.compile(r"\\[xuUN0-9]|\(\?[a-zA-Z]")
"""What lowercasing a pattern's source would change the meaning of: a character given by
its code ("\\x41"), a group's number or name, inline flags."""
_ESCAPE = re.compile(r"(\\.)", re.DOTALL)


def _copy(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """*pattern*, case-insensitive, as a case-sensitive pattern of lowercase letters (the
    letter after a backslash kept: ``\\S`` is not ``\\s``); None for a case-sensitive
    pattern or one whose source lowercasing would change otherwise: see :data:`_UNSAFE`, and
    a letter outside ASCII that has a case (the Kelvin sign matches "k" ignoring case)."""
    known = _COPIES.get(id(pattern))
    if known is None:
        source, copy = pattern.pattern, None
        cased = any(not c.isascii() and c.lower() + c.upper() != c + c for c in source)
        if pattern.flags & re.IGNORECASE and not cased and not _UNSAFE.search(source):
            parts = _ESCAPE.split(source)
            lowered = "".join(p if p.startswith("\\") else p.lower() for p in parts)
            copy = re.compile(lowered, pattern.flags & ~re.IGNORECASE)
        known = _COPIES[id(pattern)] = (pattern, copy)
    return known[1]
