"""The agreements over time: when each was signed and when its term ends, for the viewer.

Read from the entity network as the named query ``agreements-ending`` reads the graph:
the dates of the signings an agreement was signed in, and the end of its term (the signing
date plus the years its sources state; 29 February ends on 28 February). Each date keeps
the sources that state it; an agreement without a computable end says why.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Any

from graph_builder.prefixes import PREFIX_IRIS, in_source_order

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["timeline_row", "timeline_rows"]

_YEARS = re.compile(r"^P(\d+)Y$")
_SIGNED_IN, _HAS_TERM, _HAS_PARTY, _COVERS_SECTOR = (
    PREFIX_IRIS["agr"] + name for name in ("signedIn", "hasTerm", "hasParty", "coversSector")
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
    """One row per agreement vertex in *agreements* (indices of *ids*): see
    :func:`timeline_row`."""
    by_index = {i: node for node, i in ids.items()}
    rows: list[dict[str, Any]] = []
    for a in agreements:
        node = by_index[a]
        targets = _targets(network, node)
        signed = [
            fact
            for signing in targets.get(_SIGNED_IN, [])
            for fact in _facts(network, signing, "agr:date")
        ]
        terms = [
            fact
            for term in targets.get(_HAS_TERM, [])
            for fact in _facts(network, term, "time:hasXSDDuration")
        ]
        parties = [ids[v] for v in targets.get(_HAS_PARTY, [])]
        sectors = [ids[v] for v in targets.get(_COVERS_SECTOR, [])]
        rows.append(timeline_row(a, signed, terms, parties=parties, sectors=sectors))
    return rows


def timeline_row(
    agreement: int,
    signed: list[tuple[str, list[str]]],
    terms: list[tuple[str, list[str]]],
    *,
    parties: list[int],
    sectors: list[int],
) -> dict[str, Any]:
    """The timeline row of one *agreement* (a vertex index) from its signing dates and its
    terms' durations (each a value with the sources that state it): signing dates, ends of
    term, parties and sectors (vertex indices), and why there is no end (a key: ``noTerm``,
    ``noDate``, ``noTermNoDate``)."""
    dates: dict[str, list[str]] = {}
    for value, sources in signed:
        dates.setdefault(value, []).extend(sources)
    years = [(int(m.group(1)), sources) for value, sources in terms if (m := _YEARS.match(value))]
    ends = (
        [
            [end, in_source_order(set(term_sources))]
            for date in sorted(dates)
            for count, term_sources in years
            if (end := end_of_term(date, count)) is not None
        ]
        if dates
        else []
    )  # most agreements of a large store have no signing date
    return {
        "a": agreement,
        "signed": [[date, in_source_order(set(dates[date]))] for date in sorted(dates)],
        "ends": ends,
        "why": "" if ends else _why(bool(years), bool(dates)),
        "parties": parties,
        "sectors": sectors,
    }
