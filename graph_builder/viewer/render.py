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

import base64
import hashlib
import json
import math
import re
from collections import defaultdict
from importlib import resources
from typing import Any

import networkx as nx
import numpy as np

from graph_builder.errors import QueryError
from graph_builder.namespaces import PREFIXES, compact
from graph_builder.network.project import entity_network
from graph_builder.rdf.store import GraphStore

LAYOUT_THRESHOLD = 400
"""Above this many vertices the layout is precomputed and physics starts switched off."""
EDGE_LABEL_LIMIT = 1500
"""Above this many edges edge labels are left off the canvas (they stay in the details)."""
LANGUAGES = ("en", "id")
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
    "Ministry": ("#f28e2b", "square"),
    "GovernmentBody": ("#f28e2b", "square"),
    "Person": ("#e15759", "dot"),
    "Post": ("#ff9da7", "triangleDown"),
    "Signature": ("#b07aa1", "triangle"),
    "SigningEvent": ("#9c755f", "hexagon"),
    "Event": ("#bab0ac", "hexagon"),
    "Place": ("#76b7b2", "triangle"),
    "Sector": ("#59a14f", "diamond"),
    "Activity": ("#edc948", "dot"),
    "Objective": ("#86bcb6", "dot"),
    "Institution type": ("#a0cbe8", "square"),
}
_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")


def render_viewer(
    dataset: GraphStore,
    *,
    lang: str = "en",
    focus: str | None = None,
    depth: int = 1,
    layout_threshold: int = LAYOUT_THRESHOLD,
    title: str = "Agreement graph",
) -> str:
    """Return the viewer page for *dataset* as one self-contained HTML document.

    *lang* (``en`` or ``id``) picks the labels shown first; *focus* (an IRI or a compact
    ``prefix:name``) opens the page on that vertex's neighbourhood of *depth* hops.
    Raises ``QueryError`` for an unknown language or focus vertex.
    """
    if lang not in LANGUAGES:
        raise QueryError(f"--lang {lang!r}: choose one of {', '.join(LANGUAGES)}")
    if depth < 0:
        raise QueryError(f"--depth {depth}: must be 0 or more")
    network = entity_network(dataset)
    payload = viewer_payload(network, lang=lang, layout_threshold=layout_threshold)
    if focus is not None:
        payload["focus"] = {"node": _focus_index(network, focus), "depth": depth}
    return _fill_template(payload, title=title)


def viewer_payload(
    network: nx.MultiDiGraph, *, lang: str = "en", layout_threshold: int = LAYOUT_THRESHOLD
) -> dict[str, Any]:
    """The JSON-ready data the page renders: vertices, edges, groups, sources, divergences."""
    ids = {node: i for i, node in enumerate(network.nodes)}
    groups = sorted({d["group"] for _, d in network.nodes(data=True)})
    group_index = {g: i for i, g in enumerate(groups)}
    predicates = sorted({k for _, _, k in network.edges(keys=True)})
    predicate_index = {p: i for i, p in enumerate(predicates)}
    precomputed = network.number_of_nodes() > layout_threshold
    positions = force_layout(network) if precomputed else {}
    nodes = []
    for node, d in network.nodes(data=True):
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
                    _evidence_rows(f["evidence"]),
                ]
                for f in d["details"]
            ],
        }
        if node in positions:
            row["x"], row["y"] = positions[node]
        nodes.append(row)
    pair_count: dict[tuple[int, int], int] = defaultdict(int)
    edges = []
    for u, v, key, d in network.edges(keys=True, data=True):
        pair = (min(ids[u], ids[v]), max(ids[u], ids[v]))
        edges.append(
            {
                "f": ids[u],
                "t": ids[v],
                "p": predicate_index[key],
                "src": d["sources"],
                "ev": _evidence_rows(d["evidence"]),
                "n": pair_count[pair],
            }
        )  # n: how many edges of this pair came before
        pair_count[pair] += 1
    labels = {
        k: (d["label_en"], d["label_id"]) for _, _, k, d in network.edges(keys=True, data=True)
    }
    return {
        "lang": lang,
        "groups": [_group_style(g, i) for i, g in enumerate(groups)],
        "predicates": [
            {"iri": p, "name": compact(p), "en": labels[p][0], "id": labels[p][1]}
            for p in predicates
        ],
        "nodes": nodes,
        "edges": edges,
        "sources": network.graph.get("sources", {}),
        "agreements": _agreement_members(network, ids),
        "divergences": _divergence_rows(network, ids),
        "layout": "precomputed" if precomputed else "physics",
        "edgeLabels": network.number_of_edges() <= EDGE_LABEL_LIMIT,
        "focus": None,
    }


def _evidence_rows(evidence: list[dict[str, Any]]) -> list[list[str]]:
    return [[e["source"], e["locator"], "; ".join(e["key_terms"])] for e in evidence]


def _divergence_rows(network: nx.MultiDiGraph, ids: dict[str, int]) -> list[dict[str, Any]]:
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
        for d in network.graph.get("divergences", [])
    ]


def _group_style(name: str, index: int) -> dict[str, str]:
    color, shape = GROUP_STYLE.get(
        name, (PALETTE[index % len(PALETTE)], SHAPES[index % len(SHAPES)])
    )
    if "Agreement" in name or name in ("StrategicCooperation", "MemorandumOfUnderstanding"):
        color, shape = (
            ("#d62728", "box") if name != "MemorandumOfUnderstanding" else ("#c44e52", "box")
        )
    return {"name": name, "color": color, "shape": shape}


def _agreement_members(network: nx.MultiDiGraph, ids: dict[str, int]) -> list[dict[str, Any]]:
    """Each agreement with what belongs to it: its in-neighbours and everything reachable
    from it or them along edge directions without passing through another agreement."""
    agreements = [n for n, d in network.nodes(data=True) if d.get("agreement")]
    found = []
    for agreement in agreements:
        members = {agreement}
        todo = [
            agreement,
            *(u for u in network.predecessors(agreement) if not network.nodes[u].get("agreement")),
        ]
        members.update(todo)
        while todo:
            for nxt in network.successors(todo.pop()):
                if nxt not in members and not network.nodes[nxt].get("agreement"):
                    members.add(nxt)
                    todo.append(nxt)
        found.append({"node": ids[agreement], "members": sorted(ids[m] for m in members)})
    return found


def _focus_index(network: nx.MultiDiGraph, focus: str) -> int:
    iri = focus
    prefix, _, local = focus.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        iri = str(PREFIXES[prefix]) + local
    for i, node in enumerate(network.nodes):
        if node == iri:
            return i
    near = [n for n in network.nodes if local and n.endswith(local.rsplit("/", 1)[-1])]
    hint = f" (did you mean {compact(near[0])}?)" if near else ""
    raise QueryError(
        f"--focus {focus}: no vertex with this IRI in the entity network{hint}; "
        "`graph-builder stats` lists the vertices"
    )


def force_layout(
    network: nx.Graph, *, iterations: int = 60, seed: int = 1
) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold positions with the repulsion taken from a density grid.

    The grid (cell = ideal edge length) turns the O(V²) repulsion into one FFT convolution
    per iteration, so 20,000 vertices take seconds. Positions are in vis-network pixels.
    """
    nodes = list(network.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = np.array(
        [(index[u], index[v]) for u, v in network.edges() if u != v] or [(0, 0)], dtype=np.int64
    ).reshape(-1, 2)
    src, dst = pairs[:, 0], pairs[:, 1]
    rng = np.random.default_rng(seed)
    side = math.sqrt(n) * 2.0  # room for about four vertices per unit-length cell squared
    grid = int(min(192, max(4, math.ceil(side / 1.5))))
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
    scale = 60.0  # pixels per unit edge length
    pos = (pos - side / 2) * scale
    return {
        node: (round(float(x), 1), round(float(y), 1))
        for node, (x, y) in zip(nodes, pos, strict=True)
    }


def _fast_fft_size(minimum: int) -> int:
    """The smallest 2^a·3^b ≥ *minimum* (FFTs of such sizes are fast)."""
    candidates = [2**a * 3**b for a in range(16) for b in range(10)]
    return min(c for c in candidates if c >= minimum)


def _asset(path: str) -> str:
    return (resources.files("graph_builder.viewer") / "templates" / path).read_text(
        encoding="utf-8"
    )


def _vis_asset(name: str) -> str:
    return (resources.files("pyvis") / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


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


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _fill_template(payload: dict[str, Any], *, title: str) -> str:
    # inline scripts must not contain "</script" or "<!--"; neither occurs in these assets,
    # and the check keeps a future vis-network upgrade from silently breaking the page
    scripts = {"VIS_JS": _vis_asset("vis-network.min.js"), "APP_JS": _asset("viewer.js")}
    for name, script in scripts.items():
        if re.search(r"</script|<!--", script, re.IGNORECASE):
            raise RuntimeError(f"{name} cannot be inlined: it contains '</script' or '<!--'")
    style = _vis_asset("vis-network.css") + "\n" + _asset("viewer.css")
    csp = (
        f"default-src 'none'; script-src {' '.join(_sha256(s) for s in scripts.values())}; "
        f"style-src {_sha256(style)}; img-src data:; base-uri 'none'; form-action 'none'"
    )
    values = {
        **scripts,
        "STYLE": style,
        "CSP": csp,
        "DATA": _json_for_html(payload),
        "LANG": payload["lang"],
        "TITLE": _html_text(title),
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("viewer.html"))


def _html_text(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
