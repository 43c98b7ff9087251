"""The interactive HTML viewer: one self-contained, offline, script-safe page.

``render_viewer`` returns the page as a string; the caller decides where it goes. The page
inlines vis-network (the copy pyvis ships), our own template, script and style, and the
network as one JSON blob inside ``<script type="application/json">``. The page's script
renders every piece of data text with ``textContent`` (or on the canvas), vertex and edge
ids are list positions rather than data, and a Content-Security-Policy admits only the
page's own inline script and style (by hash) and no network access at all.

Above ``layout_threshold`` vertices the positions are computed here (a force-directed
layout with grid-approximated repulsion, O(V + E) per iteration) and the browser starts
with physics off, so even large graphs are stable as soon as they are drawn.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from graph_builder.csp import hash_source
from graph_builder.errors import OutputError, QueryError
from graph_builder.network.project import collector_paused
from graph_builder.prefixes import PREFIX_IRIS, compact
from graph_builder.rdf.store import GraphStore
from graph_builder.records import LANGUAGES
from graph_builder.viewer.timeline import timeline_rows

if TYPE_CHECKING:
    import networkx as nx

LAYOUT_THRESHOLD = 400
"""Above this many overview vertices the layout uses the grid-approximated force layout."""
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
AGREEMENT_STYLE = {  # text sits on these fills: each is >= 4.5:1 against white (WCAG AA)
    "StrategicCooperation": ("#1f4e79", "box"),
    "MemorandumOfUnderstanding": ("#6a2c91", "ellipse"),
    "CooperationAgreement": ("#8c3a06", "pill"),
}
AGREEMENT_FALLBACK = ("#3b3b3b", "box")
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
    "#86bcb6",
    "#d37295",
    "#a0cbe8",
    "#ffbe7d",
    "#8cd17d",
    "#f1ce63",
    "#499894",
    "#fabfd2",
)
SHAPES = ("dot", "square", "diamond", "triangle", "star", "triangleDown", "hexagon")
GROUP_STYLE = {  # fixed styles for the groups every dataset has; others cycle the palette
    "Country": ("#4e79a7", "star"),
    "InternationalOrganisation": ("#499894", "star"),
    "Ministry": ("#f28e2b", "square"),
    "GovernmentBody": ("#f28e2b", "square"),
    "Person": ("#e15759", "dot"),
    "Post": ("#ff9da7", "triangleDown"),
    "Signature": ("#b07aa1", "triangle"),
    "SigningEvent": ("#9c755f", "hexagon"),
    "Event": ("#bab0ac", "hexagon"),
    "Place": ("#76b7b2", "triangle"),
    "Sector": ("#59a14f", "diamond"),
    "IndustrySector": ("#59a14f", "diamond"),
    "Activity": ("#edc948", "dot"),
    "CooperationActivity": ("#edc948", "dot"),
    "Objective": ("#86bcb6", "dot"),
    "Institution type": ("#a0cbe8", "square"),
    "InstitutionType": ("#a0cbe8", "square"),
}
BROADER = PREFIX_IRIS["skos"] + "broader"
_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")


def render_viewer(
    dataset: GraphStore,
    *,
    lang: str = "en",
    focus: str | None = None,
    depth: int = 1,
    layout_threshold: int = LAYOUT_THRESHOLD,
    title: str = "Agreement graph",
    evidence: bool | None = None,
    full: bool | None = None,
) -> str:
    """Return the viewer page for *dataset* as one self-contained HTML document.

    *lang* (``en`` or ``id``) picks the labels shown first; *focus* (an IRI or a compact
    ``prefix:name``) opens the page on that vertex's neighbourhood of *depth* hops.
    *evidence*: whether the page carries the evidence of every statement; by default it
    does up to :data:`~graph_builder.network.fetch.EVIDENCE_LIMIT` sources and with a
    *focus*, and otherwise says where to find it (reading it is most of a large store).
    *full*: whether the page draws the whole entity network; by default it does up to
    :data:`~graph_builder.viewer.overview.OVERVIEW_LIMIT` agreements, with a *focus* and
    with *evidence*, and otherwise draws the overview read from the store with a few
    aggregate queries (:mod:`graph_builder.viewer.overview`).
    Raises ``QueryError`` for an unknown language or focus vertex.
    """
    _check_options(lang, depth)
    chosen = full is not None
    if not chosen:
        full = focus is not None or bool(evidence)
    if not full:
        if focus is not None:
            raise QueryError("focus: a focused page draws the whole network; leave full unset")
        if evidence:
            raise QueryError("evidence: the overview carries no evidence; leave full unset")
        from graph_builder.viewer.overview import OVERVIEW_LIMIT, overview_payload

        with collector_paused():
            payload = overview_payload(
                dataset,
                lang=lang,
                layout_threshold=layout_threshold,
                limit=0 if chosen else OVERVIEW_LIMIT,
            )
            if payload is not None:
                return _fill_template(payload, title=title)
    from graph_builder.network.project import entity_network

    if evidence is None and focus is not None:
        evidence = True
    return render_network(
        entity_network(dataset, evidence=evidence),
        lang=lang,
        focus=focus,
        depth=depth,
        layout_threshold=layout_threshold,
        title=title,
    )


def render_network(
    network: nx.MultiDiGraph,
    *,
    lang: str = "en",
    focus: str | None = None,
    depth: int = 1,
    layout_threshold: int = LAYOUT_THRESHOLD,
    title: str = "Agreement graph",
) -> str:
    """The viewer page for an entity network already projected (``render_viewer`` minus
    ``entity_network``): payload, layout and HTML."""
    _check_options(lang, depth)
    with collector_paused():
        payload = viewer_payload(network, lang=lang, layout_threshold=layout_threshold)
        if focus is not None:
            payload["focus"] = {"node": _focus_index(network, focus), "depth": depth}
        return _fill_template(payload, title=title)


def _check_options(lang: str, depth: int) -> None:
    if lang not in LANGUAGES:
        raise QueryError(f"lang {lang!r}: choose one of {', '.join(LANGUAGES)}")
    if depth < 0:
        raise QueryError(f"depth {depth}: must be 0 or more")


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
    counts: dict[tuple[str, int], int] | None = None,
    page: int | None = None,
) -> dict[str, Any]:
    """:func:`viewer_payload` from the vertices and edges themselves; *graph* holds
    ``sources``, ``divergences`` and ``evidence`` as ``entity_network`` gives them.

    The overview of a large store passes *counts* (concepts per agreement IRI and scheme
    index; ``counts``: ``[agreement, n per scheme…]`` for each agreement whose concepts
    are not in the page) and *page* (the matrix shows the first *page* agreements,
    ``matrixRows``; theirs are the only badges)."""
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
        "groups": [_group_style(g, i) for i, g in enumerate(groups)],
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
        payload["counts"] = [
            [a, *(counts.get((nodes[a]["iri"], s), 0) for s in range(len(SCHEMES)))]
            for a in rows
            if a not in row_of
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


def overview_layout(
    vertices: list[int],
    edges: list[tuple[int, int]],
    badge_agreements: list[int],
    *,
    threshold: int = LAYOUT_THRESHOLD,
    max_grid: int = 128,
) -> dict[str, Any]:
    """Positions (vis-network pixels) of the overview: *vertices*, and one badge per entry
    of *badge_agreements* (the agreement vertex it hangs off).

    Up to *threshold* vertices: networkx's spring layout; above: ``force_layout``'s grid
    approximation (*max_grid* cells a side at most; the overview of a large store uses a
    coarser grid, four times cheaper). The page then moves vertices apart until no two
    label boxes overlap (it measures the text).
    """
    n = len(vertices) + len(badge_agreements)
    if n == 0:
        return {"nodes": {}, "badges": []}
    index = {v: i for i, v in enumerate(vertices)}
    pairs = [(index[u], index[v]) for u, v in edges if u != v and u in index and v in index]
    pairs += [(index[a], len(vertices) + k) for k, a in enumerate(badge_agreements)]
    if n <= threshold:
        import networkx as nx

        graph = nx.Graph()
        graph.add_nodes_from(range(n))
        graph.add_edges_from(pairs)
        raw = nx.spring_layout(graph, seed=1, iterations=200, scale=60.0 * math.sqrt(n) + 60)
        pos = np.array([raw[i] for i in range(n)])
    else:
        array = np.array(pairs or [(0, 0)], dtype=np.int64).reshape(-1, 2)
        # 110 px per unit edge length leaves each vertex about 5 times its label box
        pos = _force_positions(
            n, array[:, 0], array[:, 1], iterations=40, max_grid=max_grid, scale=200.0
        )
    pos = np.rint(pos).astype(np.int64).tolist()
    return {
        "nodes": {v: tuple(pos[i]) for i, v in enumerate(vertices)},
        "badges": [tuple(p) for p in pos[len(vertices) :]],
    }


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


def group_color(name: str) -> str:
    """The ``#rrggbb`` colour the viewer gives vertices of group *name* (for other tools)."""
    return _group_style(name, sum(map(ord, name)))["color"]


def _group_style(name: str, index: int) -> dict[str, str]:
    if name in AGREEMENT_STYLE or name.endswith("Agreement"):
        color, shape = AGREEMENT_STYLE.get(name, AGREEMENT_FALLBACK)
        return {"name": name, "color": color, "shape": shape, "text": "#ffffff"}
    color, shape = GROUP_STYLE.get(
        name, (PALETTE[index % len(PALETTE)], SHAPES[index % len(SHAPES)])
    )
    return {"name": name, "color": color, "shape": shape}


def _focus_index(network: nx.MultiDiGraph, focus: str) -> int:
    iri = focus
    prefix, _, local = focus.partition(":")
    if prefix in PREFIX_IRIS and not local.startswith("//"):
        iri = PREFIX_IRIS[prefix] + local
    for i, node in enumerate(network.nodes):
        if node == iri:
            return i
    near = [n for n in network.nodes if local and n.endswith(local.rsplit("/", 1)[-1])]
    hint = f" (did you mean {compact(near[0])}?)" if near else ""
    raise QueryError(
        f"focus {focus}: no vertex with this IRI in the entity network{hint}; "
        "`graph-builder stats` lists the vertices"
    )


def force_layout(
    network: nx.Graph, *, iterations: int = 60, seed: int = 1
) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold positions with the repulsion taken from a density grid.

    The grid (cell = ideal edge length) turns the O(V²) repulsion into one FFT convolution
    per iteration, so 20,000 vertices take about a second. Positions are in vis-network
    pixels.
    """
    nodes = list(network.nodes)
    if not nodes:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = np.array(
        [(index[u], index[v]) for u, v in network.edges() if u != v] or [(0, 0)], dtype=np.int64
    ).reshape(-1, 2)
    pos = _force_positions(len(nodes), pairs[:, 0], pairs[:, 1], iterations=iterations, seed=seed)
    return {
        node: (round(float(x), 1), round(float(y), 1))
        for node, (x, y) in zip(nodes, pos, strict=True)
    }


def _force_positions(
    n: int,
    src: np.ndarray,
    dst: np.ndarray,
    *,
    iterations: int = 60,
    seed: int = 1,
    max_grid: int = 192,
    scale: float = 60.0,
) -> np.ndarray:
    """``force_layout`` on vertex numbers: an (n, 2) array of pixel positions."""
    rng = np.random.default_rng(seed)
    side = math.sqrt(n) * 2.0  # room for about four vertices per unit-length cell squared
    grid = int(min(max_grid, max(4, math.ceil(side / 1.5))))
    cell = side / grid
    size = _fast_fft_size(3 * grid - 2)  # linear, not circular, convolution
    offsets = np.arange(-grid + 1, grid) * cell
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    r2 = dx * dx + dy * dy
    r2[grid - 1, grid - 1] = np.inf
    # one complex kernel carries both force components: x in the real, y in the imaginary part
    kernel = np.fft.fft2(dx / r2 + 1j * dy / r2, s=(size, size))
    pos = rng.random((n, 2)) * side
    temperature = side / 8
    window = slice(grid - 1, 2 * grid - 1)
    for _ in range(iterations):
        cells = np.clip((pos / cell).astype(np.int64), 0, grid - 1)
        flat = cells[:, 0] * grid + cells[:, 1]
        density = np.bincount(flat, minlength=grid * grid).reshape(grid, grid).astype(float)
        field = np.fft.ifft2(np.fft.fft2(density, s=(size, size)) * kernel)[window, window]
        at = field.ravel()[flat]
        disp = np.stack([at.real, at.imag], axis=1)
        delta = pos[dst] - pos[src]
        pull = delta * np.linalg.norm(delta, axis=1, keepdims=True)  # |d|²/k, k = 1
        for axis in (0, 1):
            disp[:, axis] += np.bincount(src, pull[:, axis], minlength=n)
            disp[:, axis] -= np.bincount(dst, pull[:, axis], minlength=n)
        disp += rng.normal(scale=0.01, size=disp.shape)  # separates vertices sharing a cell
        length = np.maximum(np.linalg.norm(disp, axis=1, keepdims=True), 1e-9)
        pos += disp / length * np.minimum(length, temperature)
        pos = np.clip(pos, 0, side * (1 - 1e-9))
        temperature = max(temperature * 0.95, cell * 0.05)
    return (pos - side / 2) * scale  # scale: pixels per unit edge length


def _fast_fft_size(minimum: int) -> int:
    """The smallest 2^a·3^b ≥ *minimum* (FFTs of such sizes are fast)."""
    candidates = [2**a * 3**b for a in range(16) for b in range(10)]
    return min(c for c in candidates if c >= minimum)


def _asset(path: str) -> str:
    return (resources.files("graph_builder.viewer") / "templates" / path).read_text(
        encoding="utf-8"
    )


def _vis_asset(name: str) -> str:
    spec = importlib.util.find_spec("pyvis")  # found, not imported (pyvis imports networkx)
    if spec is None or not spec.submodule_search_locations:
        raise OutputError("pyvis is not installed: the viewer inlines its vis-network copy")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return (folder / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def _json_for_html(payload: dict[str, Any]) -> str:
    """JSON that cannot end its ``<script>`` element or open markup, whatever the data."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _fill_template(payload: dict[str, Any], *, title: str) -> str:
    # inline scripts must not contain "</script" or "<!--"; neither occurs in these assets,
    # and the check keeps a future vis-network upgrade from silently breaking the page
    scripts = {
        "VIS_JS": _vis_asset("vis-network.min.js"),
        "APP_JS": _asset("viewer.js"),
        "MATRIX_JS": _asset("matrix.js"),
        "TIMELINE_JS": _asset("timeline.js"),
    }
    for name, script in scripts.items():
        if re.search(r"</script|<!--", script, re.IGNORECASE):
            raise OutputError(
                f"{name} cannot be inlined into the viewer: it contains '</script' or '<!--' "
                "(a broken installation; reinstall graph-builder and pyvis)"
            )
    style = _vis_asset("vis-network.css") + "\n" + _asset("viewer.css")
    csp = (
        f"default-src 'none'; script-src {' '.join(hash_source(s) for s in scripts.values())}; "
        f"style-src {hash_source(style)}; img-src data:; base-uri 'none'; form-action 'none'"
    )
    values = {
        **scripts,
        "STYLE": style,
        "CSP": csp,
        "DATA": _json_for_html(payload),
        "UI": _json_for_html(json.loads(_asset("viewer-text.json"))),
        "LANG": payload["lang"],
        "TITLE": _html_text(title),
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("viewer.html"))


def _html_text(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
