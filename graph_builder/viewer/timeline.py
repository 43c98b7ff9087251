"""The agreements over time: when each was signed and when its term ends, for the viewer.

Read from the entity network as the named query ``agreements-ending`` reads the graph:
the dates of the signings an agreement was signed in, and the end of its term (the signing
date plus the years its sources state; 29 February ends on 28 February). Each date keeps
the sources that state it; an agreement without a computable end says why.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import networkx as nx

from graph_builder.namespaces import AGR, source_order

__all__ = ["timeline_rows"]

_YEARS = re.compile(r"^P(\d+)Y$")
_SIGNED_IN, _HAS_TERM, _HAS_PARTY, _COVERS_SECTOR = (
    str(p) for p in (AGR.signedIn, AGR.hasTerm, AGR.hasParty, AGR.coversSector)
)


def _facts(network: nx.MultiDiGraph, node: str, prop: str) -> list[tuple[str, list[str]]]:
    return [
        (f["value"], list(f["sources"]))
        for f in network.nodes[node]["details"]
        if f["property"] == prop
    ]


def _targets(network: nx.MultiDiGraph, node: str) -> dict[str, list[str]]:
    """The vertices *node* links to, sorted, by predicate IRI (one pass over its edges)."""
    found: dict[str, set[str]] = {}
    for target, keyed in network.succ[node].items():
        for key in keyed:
            found.setdefault(key, set()).add(target)
    return {key: sorted(targets) for key, targets in found.items()}


def end_of_term(signed: str, years: int) -> str | None:
    """*signed* (``YYYY-MM-DD``) plus *years*, as XPath adds a year-month duration."""
    try:
        day = datetime.date.fromisoformat(signed)
    except ValueError:
        return None
    try:
        return day.replace(year=day.year + years).isoformat()
    except ValueError:  # 29 February in a year without one: the last day of that February
        return day.replace(year=day.year + years, day=28).isoformat()


def _why(term: bool, date: bool) -> str:
    """Why no end of term can be computed, as a key the page words in either language."""
    if not term and not date:
        return "noTermNoDate"
    return "noDate" if term else "noTerm"


def timeline_rows(
    network: nx.MultiDiGraph, ids: dict[str, int], agreements: list[int]
) -> list[dict[str, Any]]:
    """One row per agreement vertex in *agreements* (indices of *ids*): signing dates, ends
    of term, parties and sectors (vertex indices), and why there is no end (a key:
    ``noTerm``, ``noDate``, ``noTermNoDate``)."""
    by_index = {i: node for node, i in ids.items()}
    rows: list[dict[str, Any]] = []
    for a in agreements:
        node = by_index[a]
        targets = _targets(network, node)
        signed: dict[str, list[str]] = {}
        for signing in targets.get(_SIGNED_IN, []):
            for value, sources in _facts(network, signing, "agr:date"):
                signed.setdefault(value, []).extend(sources)
        years = [
            (int(m.group(1)), sources)
            for term in targets.get(_HAS_TERM, [])
            for value, sources in _facts(network, term, "time:hasXSDDuration")
            if (m := _YEARS.match(value))
        ]
        ends = [
            [end, sorted(set(term_sources), key=source_order)]
            for date in sorted(signed)
            for count, term_sources in years
            if (end := end_of_term(date, count)) is not None
        ]
        why = "" if ends else _why(bool(years), bool(signed))
        rows.append(
            {
                "a": a,
                "signed": [
                    [date, sorted(set(signed[date]), key=source_order)] for date in sorted(signed)
                ],
                "ends": ends,
                "why": why,
                "parties": [ids[v] for v in targets.get(_HAS_PARTY, [])],
                "sectors": [ids[v] for v in targets.get(_COVERS_SECTOR, [])],
            }
        )
    return rows
