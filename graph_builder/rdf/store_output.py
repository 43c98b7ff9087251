"""The store written out: its quads and union triples read whole, serialised by the engine
(dumps, streams, one named graph's N-Quads), or copied into rdflib where a library needs it.

:class:`StoreOutput` is that half of :class:`~graph_builder.rdf.store.GraphStore` (its
base class); with :mod:`.store` it is the only code that talks to the engine.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import chain
from typing import TYPE_CHECKING, Any, BinaryIO

import pyoxigraph as ox

from graph_builder.prefixes import PREFIX_IRIS

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

FORMATS: dict[str, ox.RdfFormat] = {
    "nq": ox.RdfFormat.N_QUADS,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "ttl": ox.RdfFormat.TURTLE,
    "xml": ox.RdfFormat.RDF_XML,
}
"""Formats the engine writes and reads itself (JSON-LD is written in :mod:`.export`)."""
_WRITES = {**FORMATS, "jsonld": ox.RdfFormat.JSON_LD}

PREFIXES = dict(PREFIX_IRIS)
"""The project's prefixes, as the engine takes them (queries, dumps)."""
DEFAULT_GRAPH = ox.DefaultGraph()


def with_union(nquads: str, graph: str) -> str:
    """N-Quads *nquads*, every line of which is in the named *graph*, followed by the same
    triples in the default graph: what :meth:`GraphStore.load_nquads` loads with
    ``union=True``. One load holds both, so a blank node is the same node in both."""
    return nquads + nquads.replace(f" <{graph}> .\n", " .\n")


class StoreOutput:
    """Reading a store out whole: :class:`~graph_builder.rdf.store.GraphStore`'s base."""

    _store: ox.Store

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad of the named graphs (of *graph*), as engine quads; for projections
        that read everything."""
        if graph:
            return iter(self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
        graphs = self._store.named_graphs()  # graph by graph: the default graph is not read
        return chain.from_iterable(
            self._store.quads_for_pattern(None, None, None, g) for g in graphs
        )

    def union_triples(self) -> Iterator[ox.Triple]:
        """The triples of the default graph (the union of the named graphs, each once)."""
        return (q.triple for q in self._store.quads_for_pattern(None, None, None, DEFAULT_GRAPH))

    def dump(self, fmt: str, *, graph: str | None = None) -> bytes:
        """The store (or one named graph) serialised by the engine in *fmt*."""
        if graph is not None:
            data = self._store.dump(format=FORMATS[fmt], from_graph=ox.NamedNode(graph))
        elif fmt in ("nt", "ttl", "xml"):
            triples = sorted(self.union_triples(), key=str)
            data = ox.serialize(triples, format=FORMATS[fmt], prefixes=PREFIXES)
        else:
            prefixes = PREFIXES if fmt == "trig" else None
            data = self._store.dump(format=FORMATS[fmt], prefixes=prefixes)
        return data or b""

    def write(
        self,
        output: BinaryIO,
        fmt: str,
        *,
        graph: str | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> None:
        """Stream the store in *fmt* (``ttl``, ``trig``, ``nq``, ``nt``, ``xml``, ``jsonld``)
        to the binary *output*, written by the engine as it reads: constant memory.

        Without *graph*: the whole dataset (named graphs and the union as the default graph)
        for the formats of datasets (``trig``, ``nq``, ``jsonld``), the union for the others.
        With *graph*: only that named graph, its quads (datasets) or its triples (others).
        The order is the engine's: on disk, the order of its index, the same for the same
        quads (blank node labels are the engine's own, though, and differ from load to load).
        """
        engine_format = _WRITES[fmt]
        options: dict[str, Any] = {"prefixes": dict(prefixes) if prefixes else None}
        if graph is not None and engine_format.supports_datasets:
            ox.serialize(self.quads(graph), output, engine_format, **options)
            return
        if graph is not None:
            options["from_graph"] = ox.NamedNode(graph)
        elif not engine_format.supports_datasets:
            options["from_graph"] = DEFAULT_GRAPH
        self._store.dump(output, engine_format, **options)

    def graph_nquads(self, iri: str) -> bytes:
        """The named graph *iri* as N-Quads, its triples in the default graph too: for
        :meth:`load_nquads` into another store with ``union=True``."""
        lines = self.dump("nt", graph=iri).decode("utf-8")  # each line ends " .\n"
        return with_union(lines.replace(" .\n", f" <{iri}> .\n"), iri).encode("utf-8")

    def union_graph(self) -> Graph:
        """Every triple of every named graph as one rdflib Graph; for data that fits in memory."""
        from rdflib import Graph

        from graph_builder.namespaces import bind_namespaces

        graph = bind_namespaces(Graph())
        graph.parse(data=self.dump("nt"), format="nt")
        return graph

    def to_rdflib(self) -> Dataset:
        """The whole store as an rdflib Dataset (default graph = union); for small datasets."""
        from rdflib import Dataset

        from graph_builder.namespaces import bind_namespaces

        dataset = bind_namespaces(Dataset(default_union=True))
        dataset.parse(data=self.dump("nq"), format="nquads")
        return dataset
