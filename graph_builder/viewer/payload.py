"""The data a viewer page draws, as JSON-ready rows: vertices and edges with their labels
and sources, the agreements × concepts matrices, the overview's badges and positions, the
timeline, the divergences and the evidence. ``page_payload`` makes it from rows, so the
whole network (``viewer_payload``) and the overview of a large store
(``viewer.overview``) give the page the same shape."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from graph_builder.prefixes import PREFIX_IRIS, compact
from graph_builder.viewer.layout import LAYOUT_THRESHOLD, overview_layout
from graph_builder.viewer.style import group_style
from graph_builder.viewer.timeline import timeline_rows

if TYPE_CHECKING:
    import networkx as nx

HOVER_LIMIT = 5000
"""Above this many overview edges, edge labels follow selection only (hover tests every edge)."""
_AGR = PREFIX_IRIS["agr"]
SCHEMES = (
    ("sectors", _AGR + "coversSector"),
    ("activities", _AGR + "includesActivity"),
    ("objectives", _AGR + "pursuesObjective"),
    ("institutionTypes", _AGR + "involvesInstitutionType"),
)
"""The concept schemes an agreement refers to: matrix tabs and overview badges, in order."""
BROADER = PREFIX_IRIS["skos"] + "broader"
NodeRow = tuple[str, dict[str, Any]]
"""A vertex and its attributes, as ``entity_network`` gives them."""
EdgeRow = tuple[str, str, str, dict[str, Any]]
"""An edge (from, to, predicate) and its attributes, as ``entity_network`` gives them."""
Timeline = Callable[[dict[str, int], list[int]], list[dict[str, Any]]]
"""The timeline rows of the agreements (vertex indices), given the vertex indices by IRI."""


def viewer_payload(
    network: nx.MultiDiGraph, *, lang: str = "en", layout_threshold: int = LAYOUT_THRESHOLD
) -> dict[str, Any]:
    """The JSON-ready data the page renders.

    ``nodes`` and ``edges`` are the whole network (concept vertices flagged ``c``);
    ``schemes`` the agreements × concepts matrices (rows: ``rows``, agreement vertex
    indices; cells: row, column, edge index); ``badges`` one collapsed vertex per agreement
    and scheme; overview vertices and badges carry positions, concepts are placed when shown.
    """
    return page_payload(
        list(network.nodes(data=True)),
        list(network.edges(keys=True, data=True)),
        network.graph,
        lambda ids, rows: timeline_rows(network, ids, rows),
        lang=lang,
        layout_threshold=layout_threshold,
    )


def page_payload(
    node_rows: list[NodeRow],
    edge_rows: list[EdgeRow],
    graph: dict[str, Any],
    timeline: Timeline,
    *,
    lang: str = "en",
    layout_threshold: int = LAYOUT_THRESHOLD,
    counts: dict[str, list[int]] | None = None,
    page: int | None = None,
) -> dict[str, Any]:
    """:func:`viewer_payload` from the vertices and edges themselves; *graph* holds
    ``sources``, ``divergences`` and ``evidence`` as ``entity_network`` gives them.

    The overview of a large store passes *counts* (concepts per scheme, in the order of
    :data:`SCHEMES`, by agreement IRI; ``counts``: ``[agreement, n per scheme…]`` for
    each agreement whose concepts are not in the page) and *page* (the matrix shows the
    first *page* agreements, ``matrixRows``; theirs are the only badges)."""
    ids = {node: i for i, (node, _) in enumerate(node_rows)}
    groups = sorted({d["group"] for _, d in node_rows})
    group_index = {g: i for i, g in enumerate(groups)}
    predicates = sorted({k for _, _, k, _ in edge_rows})
    predicate_index = {p: i for i, p in enumerate(predicates)}
    nodes = []
    for node, d in node_rows:
        row = {
            "iri": node,
            "en": d["label_en"],
            "id": d["label_id"],
            "g": group_index[d["group"]],
            "cls": d["classes"],
            "src": d["sources"],
            "det": [
                [
                    f["property"],
                    f["value"],
                    f["lang"] or "",
                    f["sources"],
                    _evidence_rows(f["evidence"]) if f["evidence"] else [],
                ]
                for f in d["details"]
            ],
        }
        if "skos:Concept" in d["classes"]:
            row["c"] = 1
        nodes.append(row)
    rows = sorted(
        (ids[n] for n, d in node_rows if d.get("agreement")),
        key=lambda i: (nodes[i]["en"].casefold(), i),
    )
    matrix_rows = rows if page is None else rows[:page]
    row_of = {a: r for r, a in enumerate(matrix_rows)}
    scheme_of = {predicate: s for s, (_, predicate) in enumerate(SCHEMES)}
    cells: list[list[tuple[int, int, int]]] = [[] for _ in SCHEMES]
    pair_count: dict[tuple[int, int], int] = defaultdict(int)
    edges = []
    for j, (u, v, key, d) in enumerate(edge_rows):
        f, t = ids[u], ids[v]
        pair = (f, t) if f < t else (t, f)
        edges.append(
            {
                "f": f,
                "t": t,
                "p": predicate_index[key],
                "src": d["sources"],
                "ev": _evidence_rows(d["evidence"]) if d["evidence"] else [],
                "n": pair_count[pair],
            }
        )  # n: how many edges of this pair came before
        pair_count[pair] += 1
        if key in scheme_of and f in row_of and "c" in nodes[t]:
            cells[scheme_of[key]].append((row_of[f], t, j))
    labels = {k: (d["label_en"], d["label_id"]) for _, _, k, d in edge_rows}
    schemes, badges = _schemes(nodes, edges, predicates, matrix_rows, cells)
    overview_edges = [
        (e["f"], e["t"]) for e in edges if "c" not in nodes[e["f"]] and "c" not in nodes[e["t"]]
    ]
    positions = overview_layout(
        [i for i, n in enumerate(nodes) if "c" not in n],
        overview_edges,
        [b["a"] for b in badges],
        threshold=layout_threshold,
        max_grid=128 if counts is None else 64,
    )
    for i, (x, y) in positions["nodes"].items():
        nodes[i]["x"], nodes[i]["y"] = x, y
    for badge, (x, y) in zip(badges, positions["badges"], strict=True):
        badge["x"], badge["y"] = x, y
    payload = {
        "lang": lang,
        "groups": [group_style(g, i) for i, g in enumerate(groups)],
        "predicates": [
            {"iri": p, "name": compact(p), "en": labels[p][0], "id": labels[p][1]}
            for p in predicates
        ],
        "nodes": nodes,
        "edges": edges,
        "rows": rows,
        "schemes": schemes,
        "badges": badges,
        "sources": graph.get("sources", {}),
        "divergences": _divergence_rows(graph.get("divergences", []), ids),
        "timeline": timeline(ids, rows),
        "hover": len(overview_edges) + len(badges) <= HOVER_LIMIT,
        "evidence": graph.get("evidence", True),
        "focus": None,
    }
    if page is not None:
        payload["matrixRows"] = matrix_rows
    if counts is not None:
        none = [0] * len(SCHEMES)
        payload["counts"] = [
            [a, *counts.get(nodes[a]["iri"], none)] for a in rows if a not in row_of
        ]
    return payload


def _schemes(
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    predicates: list[str],
    rows: list[int],
    cells: list[list[tuple[int, int, int]]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The matrix of each scheme and the overview badges (agreement, scheme, concepts)
    from each scheme's *cells* (row, concept vertex, edge index)."""
    broader = predicates.index(BROADER) if BROADER in predicates else -1
    parent = {e["f"]: e["t"] for e in edges if e["p"] == broader}
    schemes: list[dict[str, Any]] = []
    badges: list[dict[str, Any]] = []
    for s, (key, predicate) in enumerate(SCHEMES):
        # columns grouped under their top concept (as the named queries group them)
        cols = sorted(
            {c for _, c, _ in cells[s]},
            key=lambda c: (nodes[_top(c, parent)]["en"].casefold(), nodes[c]["en"].casefold()),
        )
        col_of = {c: k for k, c in enumerate(cols)}
        members: dict[int, list[int]] = defaultdict(list)
        for r, c, _ in cells[s]:
            members[r].append(c)
        schemes.append(
            {
                "key": key,
                "p": predicates.index(predicate) if predicate in predicates else -1,
                "cols": cols,
                "cells": sorted([r, col_of[c], j] for r, c, j in cells[s]),
            }
        )
        badges.extend(
            {"a": rows[r], "s": s, "m": sorted(members[r], key=col_of.__getitem__)}
            for r in sorted(members)
        )
    return schemes, badges


def _top(concept: int, parent: dict[int, int]) -> int:
    seen = {concept}
    while concept in parent and parent[concept] not in seen:
        concept = parent[concept]
        seen.add(concept)
    return concept


def _evidence_rows(evidence: list[dict[str, Any]]) -> list[list[str]]:
    return [[e["source"], e["locator"], "; ".join(e["key_terms"])] for e in evidence]


def _divergence_rows(
    divergences: list[dict[str, Any]], ids: dict[str, int]
) -> list[dict[str, Any]]:
    """Each divergence with the indices of the vertices it concerns (``on``)."""
    return [
        {
            "iri": d["iri"],
            "en": d["label_en"],
            "id": d["label_id"],
            "on": [ids[v] for v in d["concerns"] if v in ids],
            "sides": [
                {"en": s["label_en"], "id": s["label_id"], "src": s["sources"]} for s in d["sides"]
            ],
        }
        for d in divergences
    ]
