"""Sector names that share their head: compound lists and process nouns.

A list of sectors often writes the head once: "industri makanan, minuman dan tembakau"
(Indonesian puts the head first), "food, beverage and tobacco industries" (English puts
it last). Each bare item is read with the head added, and counts when that is a phrase of
the lexicon. A process noun heading a sector's name takes an object that names the
sector: "industri pengolahan kelapa sawit" is not the whole of manufacturing, so the
shorter match is dropped and the name is left to the unknown-sector reader.
"""

from __future__ import annotations

import re

from .matcher import Mention, PhraseFinder
from .patterns import Target

_ID_HEAD = re.compile(r"^(?:industri|sektor)\s", re.IGNORECASE)
_EN_HEAD = re.compile(r"\s(?:industry|industries|sector|sectors)$", re.IGNORECASE)
_ID_NEXT = re.compile(
    r"(?:\s*,\s*(?:dan\s+|serta\s+)?|\s+(?:dan|serta|atau)\s+)([a-z]+(?:\s[a-z]+)?)"
)
_TOKEN = re.compile(r"[A-Za-z-]+|[,&]")
_SEPARATORS = {",", "&", "and", "or"}
_PROCESS = re.compile(r"^pe[a-z]+an$")  # pengolahan, pembuatan, perakitan …
_OBJECT = re.compile(r"\s+([a-z]{3,})")
_NOT_OBJECTS = {"dan", "serta", "atau", "yang", "di", "ke", "dari", "untuk", "dengan", "ini", "itu"}
_NOT_OBJECTS |= {"nasional", "tersebut", "lainnya", "dalam", "pada", "oleh", "juga", "akan"}


def _sector_targets(finder: PhraseFinder, phrase: str) -> tuple[Target, ...]:
    return tuple(t for t in finder.lookup(phrase) if t.cls == "sectors")


def read_sectors(text: str, mentions: list[Mention], finder: PhraseFinder) -> list[Mention]:
    """*mentions* with the items of compound lists added and process-noun heads dropped."""
    taken = {(m.start, m.end) for m in mentions}
    starts = {m.start for m in mentions}
    added: list[Mention] = []
    dropped: set[int] = set()
    for index, mention in enumerate(mentions):
        if not any(t.cls == "sectors" for t in mention.targets):
            continue
        last = mention.text.split()[-1].lower()
        following = _OBJECT.match(text, mention.end)
        if (
            _PROCESS.match(last)
            and following
            and following.group(1) not in _NOT_OBJECTS
            and following.start(1) not in starts
        ):
            dropped.add(index)
            continue
        if _ID_HEAD.match(mention.text):
            head = mention.text.split()[0].lower()
            pos = mention.end
            while (item := _ID_NEXT.match(text, pos)) is not None and item.start(1) not in starts:
                words = item.group(1)
                targets = _sector_targets(finder, f"{head} {words}") or _sector_targets(
                    finder, f"{head} {words.split()[0]}"
                )
                if not targets:
                    break
                end = item.start(1) + (
                    len(words) if finder.lookup(f"{head} {words}") else len(words.split()[0])
                )
                added.append(Mention(item.start(1), end, text[item.start(1) : end], targets))
                pos = end
        elif _EN_HEAD.search(mention.text):
            head = mention.text.split()[-1]
            for start, end in _items_before(text, mention.start):
                targets = _sector_targets(finder, f"{text[start:end]} {head}")
                if targets and (start, end) not in taken and start not in starts:
                    added.append(Mention(start, end, text[start:end], targets))
    if not added and not dropped:
        return mentions
    kept = [m for i, m in enumerate(mentions) if i not in dropped]
    return sorted([*kept, *added], key=lambda m: m.start)


def _items_before(text: str, at: int) -> list[tuple[int, int]]:
    """The words listed right before *at* ("food, beverage and " → food, beverage), read
    backwards from *at* over one bounded window (a search anchored at its end would try
    every start)."""
    lo = max(0, at - 120)
    tokens = [(m.group(), m.start() + lo, m.end() + lo) for m in _TOKEN.finditer(text, lo, at)]
    items: list[tuple[int, int]] = []
    i = len(tokens) - 1
    while i >= 1 and tokens[i][0].lower() in _SEPARATORS:
        while i >= 1 and tokens[i][0].lower() in _SEPARATORS:
            i -= 1  # ", and"
        word, start, end = tokens[i]
        if word.lower() in _SEPARATORS:
            break
        items.append((start, end))
        i -= 1
    return items
