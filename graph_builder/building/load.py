"""A build's second stage: the plan's data loaded into the new store, on disk.

From scratch, the quads are mapped chunk by chunk and loaded by another thread into the
store on disk, the one copy of them; an incremental plan starts from a copy of the
previous store instead (:mod:`.incremental`), and falls back to a full load when that
store is damaged.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph_builder.building.incremental import (
    rebuild_store,
    source_entry,
    source_key,
)
from graph_builder.building.plan import BuildPlan
from graph_builder.errors import KeptStateUnreadable, StoreDamaged
from graph_builder.ingest.sources import Registry, read_entities, read_sources
from graph_builder.manifest import Contents, Counts, SourceEntries, SourceEntry
from graph_builder.ontology import Vocabulary, load_ontology, load_shapes
from graph_builder.rdf.infer import infer
from graph_builder.rdf.mapping import WHOLE_RECORDS
from graph_builder.rdf.store import GraphStore

if TYPE_CHECKING:
    from rdflib import Graph

    from graph_builder.rdf.shacl_record import RecordCheck


@dataclass
class Loaded:
    """The store of a build being made, on disk, and what its manifest will say of it.

    Used as a context manager: on leaving, the store is flushed (when no error was raised)
    and closed; what is known of it stays.
    """

    store: GraphStore
    how: str
    """``full``, or what an incremental build loaded again."""
    contents: Contents
    counts: Counts | None = None
    """None: to be counted."""
    touched: set[str] | None = None
    """The nodes an incremental build touched (None: a full build)."""
    read: list[str] | None = None
    """The data files read (None: all)."""
    registry: Registry | None = None
    """The entity registry read (None: the previous build's, from the same files)."""
    vocabulary: Vocabulary | None = None
    """The concepts the sources were read with."""
    shapes: Graph | None = None
    """The SHACL shapes, read by a full build that validates (an incremental build reads
    them only when it cannot use the checks the previous build kept: :mod:`.check`)."""
    written: RecordCheck | None = None
    """The records the mapping wrote whole, checked against the shapes as it wrote them
    (:mod:`graph_builder.rdf.shacl_record`)."""
    checks: str | None = None
    """The compiled SHACL checks to keep for the next build
    (:func:`~graph_builder.rdf.shacl_kept.keep_checks`)."""

    def __enter__(self) -> Loaded:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        store = self.store
        if kind is None:
            store.flush()
        # Close the store now: the folder is synced and swapped in next.
        self.store = self.written = None  # type: ignore[assignment]
        del store


def load_build(plan: BuildPlan, target: Path) -> Loaded:
    """The store of *plan* in the folder *target*: from scratch, or from the previous
    build's store when the plan is incremental."""
    how, rebuilt = "full", None
    if plan.changes is not None:
        try:
            rebuilt = rebuild_store(plan, target)
        except StoreDamaged:
            shutil.rmtree(target, ignore_errors=True)
            how = "full (the previous store is damaged)"
        except KeptStateUnreadable as exc:
            shutil.rmtree(target, ignore_errors=True)
            how = f"full (what the previous build kept is damaged: {exc})"
    if rebuilt is None:
        shapes = load_shapes(plan.ontology) if plan.validate else None
        return _load_all(plan, target, how, shapes)
    store, how, touched, read, contents, counts, registry, vocabulary = rebuilt
    return Loaded(store, how, contents, counts, touched, read, registry, vocabulary)


def _load_all(plan: BuildPlan, target: Path, how: str, shapes: Graph | None) -> Loaded:
    """Every input of *plan* loaded into a new store in *target*; with *shapes*, the
    records the mapping writes whole are checked against them as they are written."""
    # Here, not at import: an incremental build, the common one, maps no chunk and feeds no
    # bulk load.
    from graph_builder.rdf.chunks import ChunkWriter, drop_stated
    from graph_builder.rdf.feed import Feed

    mode = plan.infer
    graph = load_ontology(plan.ontology)
    written = None
    if shapes is not None and mode != "owl-rl":  # owl-rl adds triples after the mapping
        from graph_builder.rdf.shacl_record import RecordCheck

        written = RecordCheck.for_ontology(shapes, graph, classes=WHOLE_RECORDS)
    saved = GraphStore.create(target)
    feed = Feed(saved, compact=(saved,))
    try:
        registry = read_entities(plan.data)
        vocabulary = Vocabulary.from_graph(graph)
        # Each source is mapped as soon as it is read and then let go (the rest of the
        # mapping reads only the entities, countries and divergences): the records are
        # never all held while the store grows. The chunks are queued as they fill: the
        # loads run while the rest is read and mapped.
        records, reading = read_sources(plan.data, vocabulary=vocabulary, known=registry)
        writer = ChunkWriter(graph, entail=mode == "rdfs", emit=feed.put, check=written)
        sources: dict[str, SourceEntry] = {}
        for record in reading:
            writer.source(record, records)
            sources[source_key(record.path, plan.data)] = source_entry(record)
        late = writer.finish(records)
        contents = Contents(SourceEntries.of(sources), tuple(sorted(records.countries)))
        del records, writer
        give_back_free_memory()  # what the mapping freed, before the last loads and compaction
        feed.close()
        drop_stated(saved, late)
        if mode == "owl-rl":
            infer(saved, mode)
        give_back_free_memory()
    except BaseException:
        feed.abort()
        raise
    return Loaded(
        saved,
        how,
        contents,
        registry=registry,
        vocabulary=vocabulary,
        shapes=shapes,
        written=written,
    )


def give_back_free_memory() -> None:
    """Hand the C library's free heap memory back to the system (glibc's ``malloc_trim``).

    The mapping, the loads and the engine's compaction run in threads of their own: what
    one freed stays in its own heap, which the others (and validation's threads) do not
    reuse, so the process kept it for the rest of the build (81 of the 229 MB held once a
    store of 1.35M quads was loaded). Called once the mapping is done (before the last
    loads and the compaction) and once the store is loaded. Nothing elsewhere (another C
    library).
    """
    if sys.platform != "linux":
        return
    import ctypes  # here: an incremental build loads no chunks

    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # the process's own symbols
    if trim is not None:
        trim(0)
