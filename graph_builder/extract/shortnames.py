"""A short name two states share, read as the state the article names in full.

"Congo"/"Kongo" is the short name of both the Republic of the Congo and the Democratic
Republic of the Congo. An article names its state in full once and then writes the short
name ("Pemerintah Indonesia dan Republik Kongo …", then "Menteri Ekonomi Kehutanan Kongo");
the phrase table can give the short name only one owner. The sharer the article names in
full first is the one it is about: the other, when named at all, comes later, set apart
("… bukan Republik Demokratik Kongo"). Every bare short name is read as the first; an article
that names neither in full leaves the short name to its owner in the table.
"""

from __future__ import annotations

from dataclasses import replace

from .matcher import Mention

SHARED = {"congo": ("CD", "CG"), "kongo": ("CD", "CG")}
"""Short names (lower case) and the ISO codes of the states that share them."""


def read_shared_names(mentions: list[Mention]) -> list[Mention]:
    """*mentions* (in text order) with each bare shared short name retargeted to the sharer
    the article names in full first."""
    shared = [i for i, m in enumerate(mentions) if m.text.lower() in SHARED]
    if not shared:
        return mentions  # most articles: no name shared by two states
    sharers = {code for codes in SHARED.values() for code in codes}
    first = next(
        (
            t
            for m in mentions
            if m.text.lower() not in SHARED
            for t in m.targets
            if t.cls == "countries" and t.ref in sharers
        ),
        None,
    )
    if first is None:
        return mentions
    state = replace(first, capital=False)
    result = list(mentions)
    for index in shared:
        mention = mentions[index]
        if first.ref not in SHARED[mention.text.lower()]:
            continue
        targets = tuple(state if t.cls == "countries" else t for t in mention.targets)
        result[index] = mention._replace(targets=targets)
    return result
