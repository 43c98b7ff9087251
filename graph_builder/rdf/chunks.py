"""The whole dataset as N-Quads chunks for bulk loads, with its RDFS entailments."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from graph_builder.namespaces import ONTOLOGY_GRAPH_IRI
from graph_builder.rdf.infer import INFERRED_GRAPH
from graph_builder.rdf.mapping import citation_nquads, records_nquads, source_nquads
from graph_builder.records import SourceRecord, SourceSet

if TYPE_CHECKING:
    from rdflib import Graph

    from graph_builder.rdf.shacl_record import RecordCheck
    from graph_builder.rdf.store import GraphStore
    from graph_builder.rdf.terms import Triple

CHUNK_BYTES = 32 << 20
"""About how much N-Quads text one bulk load of :class:`ChunkWriter` takes, entailments
included (what waits for and in the loads follows it)."""


class ChunkWriter:
    """Writes the whole dataset as N-Quads chunks of about :data:`CHUNK_BYTES`, for bulk
    loads, handing each to *emit* as soon as it is full.

    The ontology goes first (at once), then each source as it comes (:meth:`source`), then
    (:meth:`finish`) the reference and catalog records. With *entail*, each source is
    followed by the RDFS entailments (``graph:inferred``) of its triples that no triple
    seen so far states (:mod:`.entail`), so that they are not all held until the end;
    those that a later triple states are returned by :meth:`finish`, to be removed once
    loaded (:func:`drop_stated`). A source may repeat an entailment of an earlier one: the
    store holds it once. Entailments about the ontology's blank
    nodes travel with the ontology: a blank node is only the same node within one load.
    *check* is shown every triple written, a graph at a time, and the entailments apart
    (:mod:`.shacl_record`).
    """

    def __init__(
        self,
        ontology: Graph,
        *,
        entail: bool,
        emit: Callable[[bytes], None],
        check: RecordCheck | None = None,
    ) -> None:
        from graph_builder.rdf.entail import Entailer, nquads, ontology_triples

        triples = ontology_triples(ontology)
        first = [nquads(triples, ONTOLOGY_GRAPH_IRI)]
        self.entailer = Entailer.from_ontology(ontology) if entail else None
        self._check = check
        if check is not None:
            check.see(triples)
        if self.entailer is not None:
            self.entailer.see(triples)
            first.append(nquads(self._entailed(blank=True)))
            first.append(self.entailer.schema.closure_nquads())
            self.entailer.stream()
        self._emit = emit
        entailer_see = self.entailer.see if self.entailer is not None else None
        self._see = _both(entailer_see, check.see if check is not None else None)
        # The text waits as bytes: a chunk is then joined once, not joined and encoded.
        self._pending: list[bytes] = ["".join(first).encode("utf-8")]
        self._size = 0

    def _entailed(self, *, blank: bool) -> list[Triple]:
        assert self.entailer is not None
        taken = self.entailer.take(blank=blank)
        if self._check is not None:
            self._check.see_entailed(taken)
        return taken

    def _add(self, piece: str) -> None:
        data = piece.encode("utf-8")
        self._pending.append(data)
        self._size += len(data)
        if self._size >= CHUNK_BYTES:
            self._flush()

    def _flush(self) -> None:
        chunk = b"".join(self._pending)
        self._pending, self._size = [], 0
        if chunk:
            self._emit(chunk)

    def source(self, record: SourceRecord, sources: SourceSet) -> None:
        """One source's citation and named graph (*sources* holds its entities)."""
        self._add(citation_nquads(record, see=self._see))
        self._add(source_nquads(record, sources, see=self._see))
        self._add_entailed()

    def _add_entailed(self) -> None:
        """The entailments of the triples written since the last call that no triple seen
        so far states (they count towards the chunk's size)."""
        if self.entailer is not None:
            from graph_builder.rdf.entail import nquads

            taken = self._entailed(blank=False)
            self.entailer.entailed.clear()  # the rest is stated
            if taken:
                self._add(nquads(taken))

    def finish(self, sources: SourceSet) -> list[Triple]:
        """The reference and catalog records of *sources*; returns the triples written as
        entailments that a later triple states, to be removed from ``graph:inferred``
        (with a few it did not write, whose removal finds nothing)."""
        for piece in records_nquads(sources, self._see):
            self._add(piece)
            self._add_entailed()
        self._flush()
        if self.entailer is None:
            return []
        late, self.entailer.late = self.entailer.late, []
        self.entailer.stated.clear()
        return late


def _both(
    first: Callable[[list[Triple]], None] | None, second: Callable[[list[Triple]], None] | None
) -> Callable[[list[Triple]], None] | None:
    """*first* and *second* one after the other (either may be None)."""
    if first is None or second is None:
        return first or second

    def both(triples: list[Triple]) -> None:
        first(triples)
        second(triples)

    return both


def drop_stated(store: GraphStore, late: list[Triple]) -> None:
    """Remove from ``graph:inferred`` of *store* the triples *late* (:meth:`ChunkWriter.finish`)
    that it holds: written as entailments before some graph stated them."""
    if late:
        store.set_membership(INFERRED_GRAPH, (), late)
