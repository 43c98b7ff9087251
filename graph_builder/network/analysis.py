"""Network analytics of the entity network: centrality, communities, components.

The measures are computed on the undirected simple graph underlying the entity network
(a tie between two entities counts once, whatever its direction or predicates), since
"who is central" and "what hangs together" do not depend on which way a property points.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph_builder.namespaces import compact
from graph_builder.network.project import entity_network
from graph_builder.rdf.store import GraphStore

CENTRALITY_COLUMNS = ["iri", "id", "label", "class", "degree", "degree_centrality", "betweenness"]
"""The fields of a vertex's row in ``network_stats(...)["centrality"]``, in order."""

EXACT_BETWEENNESS_LIMIT = 2000
"""Above this many vertices betweenness is estimated from a fixed sample of pivots."""


def network_stats(dataset: GraphStore, *, top: int | None = None, seed: int = 1) -> dict[str, Any]:
    """Degree and betweenness centrality, communities and connected components.

    Returns a JSON-ready dict: ``vertices``, ``edges`` (of the directed multigraph),
    ``ties`` (undirected simple edges), ``density``, ``centrality`` (one row per vertex,
    most central first; the first *top* rows if given), ``communities`` (greedy modularity,
    largest first) and ``components`` (largest first).
    """
    return stats_of_network(entity_network(dataset, evidence=False), top=top, seed=seed)


def stats_of_network(
    network: nx.MultiDiGraph, *, top: int | None = None, seed: int = 1
) -> dict[str, Any]:
    """``network_stats`` for an entity network already at hand."""
    simple = nx.Graph(network.to_undirected(as_view=True))
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    n = simple.number_of_nodes()
    degree = nx.degree_centrality(simple) if n > 1 else dict.fromkeys(simple, 0.0)
    sample = None if n <= EXACT_BETWEENNESS_LIMIT else min(n, 500)
    betweenness = nx.betweenness_centrality(simple, k=sample, seed=seed) if n else {}

    def label(v: str) -> str:
        return str(network.nodes[v]["label_en"])

    rows = [
        {
            "iri": v,
            "id": compact(v),
            "label": label(v),
            "class": network.nodes[v]["class"],
            "degree": simple.degree(v),
            "degree_centrality": round(degree[v], 6),
            "betweenness": round(betweenness[v], 6),
        }
        for v in simple
    ]
    rows.sort(key=lambda r: (-r["betweenness"], -r["degree"], r["iri"]))
    communities = _communities(simple, seed=seed)
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))
    return {
        "vertices": network.number_of_nodes(),
        "edges": network.number_of_edges(),
        "ties": simple.number_of_edges(),
        "density": round(nx.density(simple), 6) if n > 1 else 0.0,
        "betweenness_sampled": sample is not None,
        "centrality": rows[:top] if top else rows,
        "communities": [_group_summary(c, network, i) for i, c in enumerate(communities)],
        "components": [_group_summary(c, network, i) for i, c in enumerate(components)],
    }


def _communities(simple: nx.Graph, *, seed: int) -> list[set[str]]:
    if simple.number_of_edges() == 0:
        return [{v} for v in sorted(simple)]
    if simple.number_of_nodes() <= EXACT_BETWEENNESS_LIMIT:
        found = nx.community.greedy_modularity_communities(simple)
    else:  # greedy modularity is quadratic-ish; label propagation scales linearly
        found = nx.community.asyn_lpa_communities(simple, seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))


def _group_summary(members: set[str], network: nx.MultiDiGraph, index: int) -> dict[str, Any]:
    """A community or component: its size and members, best-connected first."""
    ordered = sorted(members, key=lambda v: (-network.degree(v), v))
    return {
        "index": index,
        "size": len(members),
        "members": [{"id": compact(v), "label": network.nodes[v]["label_en"]} for v in ordered],
    }


def format_stats_table(stats: dict[str, Any], *, top: int = 15, members: int = 6) -> str:
    """A plain-text report of *stats*: summary, the *top* most central vertices, groups."""
    lines = [
        f"vertices {stats['vertices']}  edges {stats['edges']}  ties {stats['ties']}  "
        f"density {stats['density']:.4f}  components {len(stats['components'])}  "
        f"communities {len(stats['communities'])}",
        "",
        "most central vertices"
        + (" (betweenness sampled)" if stats["betweenness_sampled"] else ""),
    ]
    header = ["rank", "betweenness", "degree", "class", "vertex"]
    body = [
        [
            str(i + 1),
            f"{r['betweenness']:.4f}",
            str(r["degree"]),
            r["class"],
            f"{r['label']} ({r['id']})",
        ]
        for i, r in enumerate(stats["centrality"][:top])
    ]
    lines += _columns(header, body)
    for name in ("communities", "components"):
        lines += ["", name]
        for group in stats[name][:top]:
            shown = ", ".join(m["label"] for m in group["members"][:members])
            more = f", … (+{group['size'] - members})" if group["size"] > members else ""
            lines.append(f"  {group['index'] + 1:>3}. [{group['size']}] {shown}{more}")
        if len(stats[name]) > top:
            lines.append(f"  … {len(stats[name]) - top} more")
    return "\n".join(lines)


def _columns(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    right = {0, 1, 2}

    def fmt(row: list[str]) -> str:
        cells = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    return [fmt(header), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)]
