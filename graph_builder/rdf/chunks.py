"""The whole dataset as N-Quads chunks for bulk loads, with its RDFS entailments."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Graph

from graph_builder.namespaces import ONTOLOGY_GRAPH
from graph_builder.rdf.mapping import citation_nquads, records_nquads, source_nquads
from graph_builder.records import SourceRecord, SourceSet

CHUNK_BYTES = 32 << 20
"""About how much N-Quads text one bulk load of :class:`ChunkWriter` takes."""


class ChunkWriter:
    """Writes the whole dataset as N-Quads chunks of about :data:`CHUNK_BYTES`, for bulk
    loads, handing each to *emit* as soon as it is full.

    The ontology goes first (at once), then each source as it comes (:meth:`source`), then
    (:meth:`finish`) the reference and catalog records and, with *entail*, the RDFS
    entailments (``graph:inferred``), found as the triples were written (:mod:`.entail`).
    Entailments about the ontology's blank nodes travel with the ontology: a blank node is
    only the same node within one load.
    """

    def __init__(self, ontology: Graph, *, entail: bool, emit: Callable[[bytes], None]) -> None:
        from graph_builder.rdf.entail import Entailer, nquads, ontology_triples

        triples = ontology_triples(ontology)
        first = [nquads(triples, str(ONTOLOGY_GRAPH))]
        self.entailer = Entailer.from_ontology(ontology) if entail else None
        if self.entailer is not None:
            self.entailer.see(triples)
            first.append(nquads(self.entailer.take(blank=True)))
            first.append(self.entailer.schema.closure_nquads())
        self._emit = emit
        self._see = self.entailer.see if self.entailer is not None else None
        self._pending, self._size = ["".join(first)], 0

    def _add(self, piece: str) -> None:
        self._pending.append(piece)
        self._size += len(piece)
        if self._size >= CHUNK_BYTES:
            self._flush()

    def _flush(self) -> None:
        chunk = "".join(self._pending).encode("utf-8")
        self._pending, self._size = [], 0
        if chunk:
            self._emit(chunk)

    def source(self, record: SourceRecord, sources: SourceSet) -> None:
        """One source's citation and named graph (*sources* holds its entities)."""
        self._add(citation_nquads(record, see=self._see))
        self._add(source_nquads(record, sources, see=self._see))

    def finish(self, sources: SourceSet) -> None:
        """The reference and catalog records of *sources*, then the entailments."""
        from graph_builder.rdf.entail import nquads

        for piece in records_nquads(sources, self._see):
            self._add(piece)
        if self.entailer is not None:
            self._add(nquads(self.entailer.take(blank=False)))
        self._flush()


def dataset_chunks(sources: SourceSet, *, ontology: Graph, entail: bool = True) -> list[bytes]:
    """The whole dataset as N-Quads chunks (see :class:`ChunkWriter`)."""
    chunks: list[bytes] = []
    writer = ChunkWriter(ontology, entail=entail, emit=chunks.append)
    for record in sources.sources:
        writer.source(record, sources)
    writer.finish(sources)
    return chunks
