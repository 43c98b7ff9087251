"""Serialising the dataset: RDF files written by the engine as it reads the store.

Turtle, N-Triples and RDF/XML hold the union of all graphs (each triple once); TriG, N-Quads
and JSON-LD keep the named graphs and hold that union as their default graph too, as the
store does, so that any store reading them has the same dataset. The engine streams every
format straight from the store into the file, so memory stays flat whatever the size, and
writes statements in the order of its index, which depends only on the quads: the same
build gives the same bytes on every run, and an incremental build the bytes of a full one.

JSON-LD is the engine's (expanded: full IRIs, one node object per subject and graph) inside
a document that gives the project's prefixes as ``@context``, so that a JSON-LD processor
can compact it (``jsonld.compact(doc, doc["@context"])``). Each of :func:`write_rdf`'s
formats can also be written one named graph at a time (``graph=``), for shards.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from graph_builder.errors import OutputError
from graph_builder.files import write_atomically
from graph_builder.prefixes import PREFIX_IRIS
from graph_builder.rdf.store import GraphStore
from graph_builder.rdf.terms import to_engine

if TYPE_CHECKING:
    from rdflib import Graph

RDF_FORMATS = ("ttl", "trig", "nq", "nt", "jsonld", "xml")
_PREFIXES = dict(sorted(PREFIX_IRIS.items()))
_WITH_PREFIXES = ("ttl", "trig", "xml")
_JSONLD_HEAD = (
    '{"@context": ' + json.dumps(_PREFIXES, ensure_ascii=False, sort_keys=True) + ',\n"@graph": '
).encode("utf-8")
_JSONLD_TAIL = b"}\n"


def write_rdf(store: GraphStore, fmt: str, output: BinaryIO, *, graph: str | None = None) -> None:
    """Write *store* in *fmt* (one of :data:`RDF_FORMATS`) to the binary stream *output*.

    With *graph* (a named graph's IRI), only that graph: its quads in TriG, N-Quads and
    JSON-LD, its triples in the others (without the ``@prefix`` lines for ``ttl`` and
    ``trig``, so that pieces written one after another stay one valid file in N-Quads and
    N-Triples). Memory stays flat: the engine writes as it reads.
    """
    _check_format(fmt)
    prefixes = _PREFIXES if fmt in _WITH_PREFIXES and graph is None else None
    if fmt == "jsonld":
        output.write(_JSONLD_HEAD)
        output.flush()
    store.write(output, fmt, graph=graph, prefixes=prefixes)
    if fmt == "jsonld":
        output.write(_JSONLD_TAIL)


def export_dataset(store: GraphStore, fmt: str, path: Path) -> Path:
    """Write *store* as *fmt* to *path* atomically (a temporary file renamed over it)."""
    _check_format(fmt)

    def write(tmp: Path) -> None:
        with tmp.open("wb") as handle:
            write_rdf(store, fmt, handle)

    return write_atomically(Path(path), write)


def serialize(store: GraphStore, fmt: str) -> str:
    """*store* in *fmt* as text (:func:`write_rdf` into memory: for small datasets)."""
    buffer = io.BytesIO()
    write_rdf(store, fmt, buffer)
    return buffer.getvalue().decode("utf-8")


def to_jsonld(quads: Iterable[ox.Quad]) -> str:
    """*quads* as the JSON-LD of :func:`write_rdf`, in a fixed order (graph, then subject …)."""
    ordered = sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.triple)))
    body = ox.serialize(ordered, format=ox.RdfFormat.JSON_LD) or b"[]"
    return (_JSONLD_HEAD + body + _JSONLD_TAIL).decode("utf-8")


def graph_to_jsonld(graph: Graph) -> str:
    """An rdflib graph (a CONSTRUCT result, say) as JSON-LD, like :func:`to_jsonld`."""
    return to_jsonld(
        ox.Quad(to_engine(s), to_engine(p), to_engine(o))  # type: ignore[arg-type]
        for s, p, o in graph
    )


def _check_format(fmt: str) -> None:
    if fmt not in RDF_FORMATS:
        raise OutputError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
