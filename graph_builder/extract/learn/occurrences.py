"""How often each of many strings stands in a long text, the text read once for all.

``text.count(s)`` reads the whole text for each string: on a page of 5 MB with 250
proposals that is 0.5 CPU s. Here the text's UTF-8 bytes are read once into the code of
every three bytes; the places where a string's first three bytes stand are its only
candidates, and the rest of its bytes are compared there, all candidates at once. The
counts are ``str.count``'s: non-overlapping occurrences, counted from the left (in UTF-8 a
string's bytes stand only where its characters do, so counting bytes counts characters).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import numpy as np

_HEAD = 3
"""Bytes of a string's head that pick its candidates (shorter strings are counted whole)."""


class Occurrences(NamedTuple):
    """How often a string stands in a text, and where the first few stand (character
    offsets)."""

    total: int
    first: list[int]


class TextCodes(NamedTuple):
    """What :func:`count_all` reads of a text whatever the strings: its UTF-8 bytes, the
    code of the three bytes at each place, and where its continuation bytes stand (None
    for ASCII). Read by :func:`text_codes`, which a long page's extraction calls while its
    child works, so that the counting after the child's answer starts from them."""

    data: bytes
    array: np.ndarray
    codes: np.ndarray
    continuations: np.ndarray | None


def text_codes(text: str) -> TextCodes:
    """The :class:`TextCodes` of *text*."""
    # imported here: a long page's command forks before it needs numpy, and spaCy imports
    # it in the process that reads the phrases anyway (0.07 CPU s out of the serial start)
    import numpy as np

    data = text.encode("utf-8")
    array = np.frombuffer(data, dtype=np.uint8)
    # a byte's character offset: its own less the continuation bytes (10xxxxxx) before it,
    # counted where asked in their sorted places (a running sum over every byte of a long
    # text costs a hundred times as much)
    continuations = None
    if len(data) != len(text):
        continuations = np.flatnonzero((array & 0xC0) == 0x80)
    return TextCodes(data, array, _heads(array), continuations)


def count_all(
    text: str, strings: Iterable[str], *, first: int = 0, codes: TextCodes | None = None
) -> dict[str, Occurrences]:
    """The :class:`Occurrences` of each of *strings* (none empty) in *text*, with the
    places of the first *first* of them; *codes*, when given, are :func:`text_codes` of
    *text*."""
    data = codes.data if codes is not None else text.encode("utf-8")
    found: dict[str, Occurrences] = {}
    wanted = {s: s.encode("utf-8") for s in strings}
    long = {s: b for s, b in wanted.items() if len(b) >= _HEAD and len(data) >= _HEAD}
    for s, b in wanted.items():
        if s not in long:  # counted whole; mentions() finds its first places itself
            found[s] = Occurrences(data.count(b), [])
    if not long:
        return found
    import numpy as np

    _, array, heads_at, continuations = codes if codes is not None else text_codes(text)
    heads = {s: int.from_bytes(b[:_HEAD], "big") for s, b in long.items()}
    chosen = np.zeros(1 << (8 * _HEAD), dtype=bool)
    chosen[list(set(heads.values()))] = True
    places = np.flatnonzero(chosen[heads_at])
    # the candidates grouped by head: sorted by head, then by place within one
    order = np.argsort(heads_at[places], kind="stable")
    places, sorted_heads = places[order], heads_at[places][order]
    for s, b in long.items():
        low, high = np.searchsorted(sorted_heads, [heads[s], heads[s] + 1])
        at = places[low:high]
        at = at[at <= len(data) - len(b)]
        for k in range(_HEAD, len(b)):  # the rest of the string, byte by byte
            at = at[array[at + k] == b[k]]
        starts = at.tolist()
        if _overlaps_itself(b):  # "aba" in "ababa": counted from the left, as str.count
            starts, free = [], 0
            for start in at.tolist():
                if start >= free:
                    starts.append(start)
                    free = start + len(b)
        opening = starts[:first]
        if continuations is not None and opening:
            shifts = np.searchsorted(continuations, opening).tolist()
            opening = [at - shift for at, shift in zip(opening, shifts, strict=True)]
        found[s] = Occurrences(len(starts), opening)
    return found


def _overlaps_itself(string: bytes) -> bool:
    """Whether two occurrences of *string* can overlap (a proper suffix is a prefix)."""
    return any(string.endswith(string[:size]) for size in range(1, len(string)))


def _heads(array: np.ndarray) -> np.ndarray:
    """The code (big-endian integer) of the three bytes starting at each place of *array*."""
    import numpy as np

    wide = array.astype(np.uint32)
    return (wide[:-2] << 16) | (wide[1:-1] << 8) | wide[2:]
