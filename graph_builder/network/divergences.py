"""Divergence records (where the sources differ), gathered for the entity network.

A divergence is not a vertex: it is a record about the graph. ``entity_network`` keeps
the list of them in ``network.graph["divergences"]`` so the viewer can show, for each
vertex, what the sources disagree about.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pyoxigraph import Literal

from graph_builder.prefixes import PREFIX_IRIS, source_order

_TYPE, _LABEL = PREFIX_IRIS["rdf"] + "type", PREFIX_IRIS["rdfs"] + "label"
_DIVERGENCE, _CONCERNS, _HAS_SIDE = (
    PREFIX_IRIS["agr"] + name for name in ("Divergence", "concerns", "hasSide")
)
_SOURCE, _IDENTIFIER = (PREFIX_IRIS["dcterms"] + name for name in ("source", "identifier"))


def divergence_records(
    quads: list[tuple[Any, str, Any, str]], vertices: set[str]
) -> list[dict[str, Any]]:
    """Each ``agr:Divergence`` in *quads* as a plain dict, ordered by IRI.

    Keys: ``iri``, ``label_en``, ``label_id``, ``concerns`` (the concerned IRIs that are
    vertices, sorted) and ``sides`` (ordered by IRI), each with ``label_en``, ``label_id``
    and ``sources`` (source ids such as ``S1``, from ``dcterms:identifier``, sorted).
    """
    divergences = {s for s, p, o, _ in quads if p == _TYPE and o == _DIVERGENCE}
    if not divergences:
        return []
    labels: dict[Any, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    links: dict[tuple[Any, str], set[Any]] = defaultdict(set)
    identifiers: dict[Any, set[str]] = defaultdict(set)
    for s, p, o, _ in quads:
        if p == _LABEL and isinstance(o, Literal):
            labels[s][o.language or ""].add(o.value)
        elif p in (_CONCERNS, _HAS_SIDE, _SOURCE):
            links[(s, p)].add(o)
        elif p == _IDENTIFIER:
            identifiers[s].add(o if isinstance(o, str) else o.value)

    def label(node: Any, lang: str) -> str:
        by_lang = labels.get(node, {})
        for key in (lang, "", "en", *sorted(by_lang)):
            if by_lang.get(key):
                return min(by_lang[key])
        return ""

    def source_id(source: Any) -> str:
        found = identifiers.get(source)
        return min(found) if found else str(source).rstrip("/").rsplit("/", 1)[-1]

    return [
        {
            "iri": str(d),
            "label_en": label(d, "en"),
            "label_id": label(d, "id"),
            "concerns": sorted(str(v) for v in links[(d, _CONCERNS)] if v in vertices),
            "sides": [
                {
                    "label_en": label(side, "en"),
                    "label_id": label(side, "id"),
                    "sources": sorted(
                        {source_id(s) for s in links[(side, _SOURCE)]}, key=source_order
                    ),
                }
                for side in sorted(links[(d, _HAS_SIDE)], key=str)
            ],
        }
        for d in sorted(divergences, key=str)
    ]
