"""Serialising the dataset: RDF formats written by the engine, byte-identical for the same input.

Turtle, N-Triples and RDF/XML hold the union of all graphs (each triple once); TriG, N-Quads
and JSON-LD keep the named graphs and hold that union as their default graph too, as the
store does, so that any store reading them has the same dataset. Statements are sorted
before they are written, so the same input gives the same bytes on every run.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from graph_builder.errors import OutputError
from graph_builder.files import write_text
from graph_builder.namespaces import PREFIXES, compact
from graph_builder.rdf.store import FORMATS, GraphStore
from graph_builder.rdf.terms import to_engine

RDF_FORMATS = ("ttl", "trig", "nq", "nt", "jsonld", "xml")
_PREFIXES = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _sorted_quads(store: GraphStore) -> list[ox.Quad]:
    """The default graph's quads first, then those of each named graph."""
    union = [ox.Quad(t.subject, t.predicate, t.object) for t in _sorted_triples(store)]
    return union + sorted(store.quads(), key=lambda q: (str(q.graph_name), str(q.triple)))


def _sorted_triples(store: GraphStore) -> list[ox.Triple]:
    return sorted(store.union_triples(), key=str)


def serialize(store: GraphStore, fmt: str) -> str:
    """*store* in *fmt* (one of :data:`RDF_FORMATS`), the same text for the same input."""
    if fmt == "jsonld":
        return to_jsonld(_sorted_quads(store))
    if fmt in ("trig", "nq"):
        data = ox.serialize(_sorted_quads(store), format=FORMATS[fmt], prefixes=_prefixes(fmt))
    elif fmt in ("ttl", "nt", "xml"):
        data = ox.serialize(_sorted_triples(store), format=FORMATS[fmt], prefixes=_prefixes(fmt))
    else:
        raise OutputError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
    return _stable_header((data or b"").decode("utf-8"), fmt)


def _stable_header(text: str, fmt: str) -> str:
    """Put the engine's prefix declarations (written in hash order) in sorted order."""
    if fmt in ("ttl", "trig"):
        lines = text.split("\n")
        count = next((i for i, line in enumerate(lines) if not line.startswith("@prefix")), 0)
        return "\n".join(sorted(lines[:count]) + lines[count:])
    if fmt == "xml":
        match = re.search(r"<rdf:RDF((?:\s+xmlns:[\w.-]+=\"[^\"]*\")*)\s*>", text)
        if match:
            names = sorted(re.findall(r"xmlns:[\w.-]+=\"[^\"]*\"", match.group(1)))
            head = "<rdf:RDF" + "".join(f"\n   {n}" for n in names) + ">"
            return text[: match.start()] + head + text[match.end() :]
    return text


def _prefixes(fmt: str) -> dict[str, str] | None:
    return _PREFIXES if fmt in ("ttl", "trig", "xml") else None


def to_jsonld(quads: list[ox.Quad]) -> str:
    """JSON-LD 1.1 with the project's prefixes as ``@context`` and one object per named graph.

    Each named graph is a node whose ``@graph`` holds its statements, and the default
    graph's nodes stand beside them, so the file carries the same quads as
    TriG. Properties and values are written in a fixed order.
    """
    graphs: dict[str, dict[str, dict[str, list[Any]]]] = defaultdict(lambda: defaultdict(dict))
    for quad in quads:
        graph_name = quad.graph_name
        key = graph_name.value if isinstance(graph_name, ox.NamedNode) else "@default"
        node = graphs[key][_node_id(quad.subject)]
        if isinstance(quad.predicate, ox.NamedNode) and quad.predicate.value == _TYPE:
            node.setdefault("@type", []).append(compact(_node_id(quad.object)))
        else:
            node.setdefault(compact(quad.predicate.value), []).append(_value(quad.object))
    out: list[dict[str, Any]] = []
    for name in sorted(graphs):
        nodes = [_node(subject, props) for subject, props in sorted(graphs[name].items())]
        if name == "@default":
            out.extend(nodes)
        else:
            out.append({"@id": name, "@graph": nodes})
    document = {"@context": _PREFIXES, "@graph": out}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def graph_to_jsonld(graph: Graph) -> str:
    """An rdflib graph (a CONSTRUCT result, say) as JSON-LD, like :func:`to_jsonld`."""
    quads = [
        ox.Quad(to_engine(s), to_engine(p), to_engine(o))  # type: ignore[arg-type]
        for s, p, o in graph
    ]
    return to_jsonld(sorted(quads, key=str))


def _node(subject: str, props: dict[str, list[Any]]) -> dict[str, Any]:
    node: dict[str, Any] = {"@id": subject}
    for prop in sorted(props):
        values = props[prop]
        node[prop] = sorted(values) if prop == "@type" else _sorted_values(values)
    return node


def _sorted_values(values: list[Any]) -> list[Any]:
    return sorted(values, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))


def _node_id(term: Any) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term.value)


def _value(term: Any) -> dict[str, str]:
    if isinstance(term, ox.Literal):
        value = {"@value": term.value}
        if term.language:
            value["@language"] = term.language
        elif term.datatype.value != _XSD_STRING:
            value["@type"] = term.datatype.value
        return value
    return {"@id": _node_id(term)}


def export_dataset(store: GraphStore, fmt: str, path: Path) -> Path:
    """Write *store* as *fmt* to *path* atomically."""
    return write_text(path, serialize(store, fmt))
