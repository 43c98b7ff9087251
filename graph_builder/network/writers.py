"""Writing the entity network (:func:`graph_builder.network.project.entity_network`) to files.

GraphML and GEXF keep labels, classes and sources as attributes (lists joined with ``; ``);
CSV writes a nodes file and an edges file. Every file is written atomically.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from graph_builder.files import write_atomically

EXPORT_NODE_ATTRIBUTES = ("label", "label_en", "label_id", "class", "classes", "group", "sources")


def flat_network(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with string attributes only (lists joined by ``"; "``), for GraphML and GEXF.

    Edges are keyed ``e0``, ``e1`` ... (file formats want unique edge ids); the predicate IRI
    is the ``predicate`` attribute; ``evidence`` is its number of evidence records.
    """
    flat = nx.MultiDiGraph()
    for node, data in network.nodes(data=True):
        flat.add_node(
            node,
            label=data["label_en"],
            iri=node,
            **{
                k: "; ".join(v) if isinstance(v, list) else str(v)
                for k, v in data.items()
                if k in EXPORT_NODE_ATTRIBUTES
            },
        )
    for i, (u, v, key, data) in enumerate(network.edges(keys=True, data=True)):
        flat.add_edge(
            u,
            v,
            key=f"e{i}",
            edge_id=f"e{i}",  # the element's id too: igraph reads no edge id of its own
            predicate=str(key),
            label=data["label_en"],
            label_en=data["label_en"],
            label_id=data["label_id"],
            sources="; ".join(data["sources"]),
            evidence=len(data["evidence"]),
        )
    return flat


def write_graphml(network: nx.MultiDiGraph, path: Path) -> Path:
    """Write *network* as GraphML; read it with ``nx.read_graphml(path, edge_key_type=str)``."""
    flat = flat_network(network)
    return write_atomically(Path(path), lambda tmp: nx.write_graphml(flat, tmp))


def write_gexf(network: nx.MultiDiGraph, path: Path) -> Path:
    """Write *network* as GEXF 1.2 (for Gephi), each vertex with the viewer's colour of its
    class and a position (``viz:color``, ``viz:position``), so that Gephi opens it drawn."""
    from graph_builder.viewer.layout import force_layout
    from graph_builder.viewer.style import group_color

    flat = flat_network(network)
    positions = force_layout(nx.Graph(flat))
    for node, data in flat.nodes(data=True):
        red, green, blue = (int(group_color(data["group"])[i : i + 2], 16) for i in (1, 3, 5))
        x, y = positions[node]
        data["viz"] = {
            "color": {"r": red, "g": green, "b": blue, "a": 1.0},
            "position": {"x": x, "y": -y, "z": 0.0},  # the page's y grows downwards
            "size": 10.0,
        }
    text = "<?xml version='1.0' encoding='utf-8'?>\n" + "\n".join(nx.generate_gexf(flat))
    # networkx stamps today's date; without it the same input gives the same bytes every day
    text = re.sub(r' lastmodifieddate="[0-9-]+"', "", text, count=1)
    return write_atomically(Path(path), lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))


def write_csv(network: nx.MultiDiGraph, path: Path) -> list[Path]:
    """Write ``STEM.nodes.csv`` and ``STEM.edges.csv`` beside *path*; return both paths.

    ``-o build/graph.csv`` gives ``build/graph.nodes.csv`` and ``build/graph.edges.csv``.
    Column names follow Gephi's spreadsheet import (``Id``, ``Label``, ``Source``,
    ``Target``); list values are joined by ``"; "``.
    """
    path = Path(path)
    stem = path.stem if path.suffix.lower() == ".csv" else path.name
    flat = flat_network(network)
    node_columns = ["Id", "Label", *EXPORT_NODE_ATTRIBUTES[1:]]
    node_rows = [
        [n, d["label"], *(d[k] for k in EXPORT_NODE_ATTRIBUTES[1:])]
        for n, d in flat.nodes(data=True)
    ]
    edge_columns = ["Source", "Target", "Label", "predicate", "label_id", "sources", "evidence"]
    edge_rows = [
        [u, v, d["label"], d["predicate"], d["label_id"], d["sources"], d["evidence"]]
        for u, v, d in flat.edges(data=True)
    ]
    return [
        write_atomically(path.with_name(f"{stem}.{kind}.csv"), _csv_writer(columns, rows))
        for kind, columns, rows in (
            ("nodes", node_columns, node_rows),
            ("edges", edge_columns, edge_rows),
        )
    ]


def _csv_writer(columns: list[str], rows: list[list[Any]]) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        with tmp.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows(rows)

    return write
