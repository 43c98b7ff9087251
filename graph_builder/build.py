"""The ``build`` job: load, validate, serialise, and write every output or none.

A build is a folder (``build/`` by default)::

    graph.trig                            the export a build writes by default (``exports=``):
                                          every named graph, the union as default graph
    graph.ttl, graph.jsonld               the others it writes when asked
    viewer.html                           the interactive viewer
    store/                                the persisted Oxigraph store the other commands open
    listings/                             the sorted keys of listing queries, for their pages
                                          (graph_builder.sparql.paging)
    manifest.json                         content hashes of the inputs, per source its id and
                                          the countries it names, and the build's counts
    .entities.json                        the entity registry, read again only when the entity
                                          files change

It is assembled in a fresh folder beside the target and swapped in with one atomic
rename, so readers and crashes only ever see the old build or the whole new one. When the
previous build's manifest shows that only source files changed (or were added), the new
store starts as a hard-linked copy of the old one and only those sources are loaded again.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from graph_builder.errors import OutputError, SourceError, StoreDamaged, ValidationFailed
from graph_builder.files import (
    MARKER,
    fsync_tree,
    inodes,
    os_reason,
    recover_folder,
    remove_folder,
    staging_folder,
    swap_in_folder,
    write_text,
)
from graph_builder.ingest.sources import load_sources, read_entities
from graph_builder.lock import writer_lock
from graph_builder.manifest import (
    MANIFEST,
    STORE_DIR,
    Contents,
    Counts,
    Inputs,
    Manifest,
    input_hashes,
    read_manifest,
    unchanged_since,
)
from graph_builder.namespaces import compact
from graph_builder.ontology import Vocabulary, load_ontology, load_shapes
from graph_builder.rdf.chunks import ChunkWriter
from graph_builder.rdf.export import export_dataset
from graph_builder.rdf.feed import Feed
from graph_builder.rdf.infer import check_mode, infer
from graph_builder.rdf.mapping import WHOLE_RECORDS
from graph_builder.rdf.shacl_record import RecordCheck
from graph_builder.rdf.store import GraphStore
from graph_builder.rdf.update import validation_scope
from graph_builder.rdf.validate import ValidationReport, validate_dataset
from graph_builder.rebuild import (
    REGISTRY,
    keep_registry,
    plan_rebuild,
    rebuild_store,
    source_entry,
    source_key,
)
from graph_builder.sparql.named import named_queries
from graph_builder.sparql.paging import LISTINGS_DIR, write_listings

log = logging.getLogger(__name__)

BUILD_FILES = {"graph.ttl": "ttl", "graph.trig": "trig", "graph.jsonld": "jsonld"}
DEFAULT_EXPORTS = ("trig",)
"""TriG alone: the one file holding the whole dataset (which source states what); the others
cost as much again or more to write and are one ``export`` away (docs/performance.md)."""
VIEWER_FILE = "viewer.html"
_OURS = {
    *BUILD_FILES,
    VIEWER_FILE,
    STORE_DIR,
    LISTINGS_DIR,
    MANIFEST,
    REGISTRY,
    MARKER,
    ".complete",
}


@dataclass
class BuildSummary:
    """What a build produced."""

    quads: int
    triples: int | None
    """Distinct triples of the union; None above :data:`UNION_COUNT_LIMIT` quads."""
    sources: int
    statements: int
    inferred: int
    entities: dict[str, int]
    report: ValidationReport | None
    files: list[Path] = field(default_factory=list)
    how: str = ""
    """``full``, or what an incremental build loaded again."""

    def text(self) -> str:
        """A short human summary."""
        lines = [
            f"sources: {self.sources}   statements with evidence: {self.statements}",
            f"triples (union): {self.triples if self.triples is not None else 'not counted'}"
            f"   quads (named graphs): {self.quads}   of which inferred: {self.inferred}",
            "entities: " + ", ".join(f"{name} {n}" for name, n in sorted(self.entities.items())),
        ]
        if self.how:
            lines.append(f"build: {self.how}")
        if self.report is not None:
            lines.append(self.report.text())
        lines.extend(f"wrote {path}" for path in self.files)
        return "\n".join(lines)


_STATEMENTS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?e a agr:Evidence } }"
_SOURCES = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH graph:catalog { ?s dcterms:identifier ?id } }"
_ENTITIES = """
SELECT ?class (COUNT(?s) AS ?n) WHERE { GRAPH graph:reference { ?s a ?class } } GROUP BY ?class
"""
UNION_COUNT_LIMIT = 500_000
"""Above this many quads the summary does not count distinct triples (a full scan)."""


def summarize(
    store: GraphStore,
    report: ValidationReport | None = None,
    *,
    counts: Counts | None = None,
) -> BuildSummary:
    """Counts of *store*: quads, union triples, sources, evidence records, entities by class.

    *counts* (quads, statements, inferred) are taken as given instead of counted: an
    incremental build knows them from the previous build and what it changed.
    """
    from graph_builder.rdf.infer import inferred_count

    def count(query: str) -> int:
        return int(next(store.select(query))["n"].value)

    quads = counts.quads if counts else len(store)
    return BuildSummary(
        quads=quads,
        triples=store.triple_count() if quads <= UNION_COUNT_LIMIT else None,
        sources=count(_SOURCES),
        statements=counts.statements if counts else count(_STATEMENTS),
        inferred=counts.inferred if counts else inferred_count(store),
        entities={compact(r["class"].value): int(r["n"].value) for r in store.select(_ENTITIES)},
        report=report,
    )


def run_build(
    data_dir: Path | None,
    out_dir: Path,
    *,
    ontology_dir: Path | None = None,
    validate: bool = True,
    viewer: bool = True,
    exports: Iterable[str] = DEFAULT_EXPORTS,
    infer: str = "rdfs",
    incremental: bool = True,
    wait: bool = False,
    on_stage: Callable[[str], object] | None = None,
) -> BuildSummary:
    """Load, validate and serialise *data_dir*; replace *out_dir* with the new build.

    Everything is written into a fresh folder first, so a failure (or a kill) leaves
    *out_dir* as it was. *exports* picks the RDF files (``ttl``, ``trig``, ``jsonld``; by default
    :data:`DEFAULT_EXPORTS`), streamed from the store on disk once it is written.
    Raises :class:`ValidationFailed` when SHACL finds violations.

    One build writes *out_dir* at a time (:func:`graph_builder.lock.writer_lock`): while
    another holds it, raises :class:`FolderLocked`, or with *wait* waits for it to finish.
    A folder that cannot be written (read-only, disk full) raises :class:`OutputError`.
    *on_stage* is called with the name of each stage as it starts (for progress).
    """
    from graph_builder import resources

    data = Path(data_dir or resources.data_dir())
    ontology = Path(ontology_dir or resources.ontology_dir())
    with _output_errors(out_dir):
        _check_out_dir(out_dir)
    with writer_lock(out_dir, wait=wait):
        return _locked_build(
            data,
            ontology,
            out_dir,
            validate=validate,
            viewer=viewer,
            exports=exports,
            infer=infer,
            incremental=incremental,
            on_stage=on_stage or (lambda name: None),
        )


def _locked_build(
    data: Path,
    ontology: Path,
    out_dir: Path,
    *,
    validate: bool,
    viewer: bool,
    exports: Iterable[str],
    infer: str,
    incremental: bool,
    on_stage: Callable[[str], object],
) -> BuildSummary:
    """:func:`run_build` once it holds the folder's lock."""
    with _output_errors(out_dir):
        _check_out_dir(out_dir)  # again: a build we waited for may have changed it
        recover_folder(out_dir)
    previous = read_manifest(out_dir) if incremental else None
    inputs = input_hashes(data, ontology, known=None if previous is None else previous.inputs)
    with _output_errors(out_dir):
        staging = staging_folder(out_dir)
    try:
        on_stage("loading the sources")
        shapes = load_shapes(ontology) if validate else None
        target = staging / STORE_DIR
        with _build_store(
            data, ontology, out_dir, target, inputs, infer, previous=previous, shapes=shapes
        ) as built:
            store = built.store
            focus = None if built.touched is None else validation_scope(store, built.touched)
            report = None
            if shapes is not None:
                on_stage("validating (SHACL)")
                report = validate_dataset(
                    store, shapes=shapes, ontology_dir=ontology, focus=focus, written=built.written
                )
            if report is not None and not report.conforms:
                from graph_builder.rdf.locate import locate_report

                report = locate_report(report, data, ontology_dir=ontology)
                raise ValidationFailed(report.text(), len(report.violations))
            if viewer:
                from graph_builder.viewer.render import render_viewer

                on_stage(f"writing {VIEWER_FILE}")
                write_text(staging / VIEWER_FILE, render_viewer(store))
            on_stage("writing the listings")
            before = None if built.touched is None else out_dir / LISTINGS_DIR
            queries = [named.text for named in named_queries().values()]
            listings = staging / LISTINGS_DIR
            write_listings(store, listings, queries, before=before, touched=built.touched or ())
            on_stage("saving the store")
            summary = summarize(store, report, counts=built.counts)
            summary.how, read, linked = built.how, built.read, built.touched is not None
            del store
        wanted = [name for name, fmt in BUILD_FILES.items() if fmt in set(exports)]
        _write_exports(staging, wanted, on_stage)
        counts = Counts(summary.quads, summary.statements, summary.inferred)
        manifest = Manifest(inputs, infer, built.contents, counts)
        if not unchanged_since(inputs, data_files=read):
            # The manifest would name contents the store does not hold.
            raise SourceError(data, "files changed while the build read them; build again")
        write_text(staging / MANIFEST, manifest.to_json())
        (staging / ".complete").touch()
        # An incremental build's store hard-links the previous one's files, synced then.
        fsync_tree(staging, durable=inodes(out_dir / STORE_DIR) if linked else ())
    except BaseException as exc:
        remove_folder(staging)
        if _from_the_system(exc):
            raise _unwritable(out_dir, exc) from None
        raise
    with _output_errors(out_dir):
        swap_in_folder(staging, out_dir)
    summary.files = [out_dir / name for name in [*wanted, VIEWER_FILE][: len(wanted) + viewer]]
    summary.files += [out_dir / MANIFEST, out_dir / STORE_DIR, out_dir / LISTINGS_DIR]
    log.info("build finished: %d files", len(summary.files))
    return summary


def _write_exports(staging: Path, names: list[str], on_stage: Callable[[str], object]) -> None:
    """The RDF files *names* of :data:`BUILD_FILES`, streamed from the finished store on disk:
    its order depends only on the quads, so a full and an incremental build write the same
    bytes."""
    if not names:
        return
    store = GraphStore.open(staging / STORE_DIR)
    for name in names:
        on_stage(f"writing {name}")
        export_dataset(store, BUILD_FILES[name], staging / name)


def _from_the_system(exc: BaseException) -> bool:
    """Whether *exc* is the operating system refusing a write (or an error it caused)."""
    return isinstance(exc, OSError) or (
        type(exc) is OutputError and isinstance(exc.__context__, OSError)
    )


@contextmanager
def _output_errors(out_dir: Path) -> Iterator[None]:
    """Turn the operating system refusing to read or write *out_dir* into OutputError."""
    try:
        yield
    except Exception as exc:
        if _from_the_system(exc):
            raise _unwritable(out_dir, exc) from None
        raise


def _unwritable(out_dir: Path, exc: BaseException) -> OutputError:
    return OutputError(
        f"{out_dir}: cannot write the build: {os_reason(exc)}; the folder is as it was"
    )


def _check_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: is a file; choose a folder for the build")
    if out_dir.is_dir():
        others = sorted(p.name for p in out_dir.iterdir() if p.name not in _OURS)
        if others:
            raise OutputError(
                f"{out_dir}: holds files a build did not write ({', '.join(others[:3])}"
                f"{' …' if len(others) > 3 else ''}); a build replaces its whole folder, so "
                "choose an empty folder or one that only holds a previous build"
            )


@dataclass
class _Built:
    """The store of a build being made, on disk: :attr:`store` to read (validate, export);
    *written* checked the records the mapping wrote whole (:mod:`.rdf.shacl_record`);
    *contents* and *counts* (None: to be counted) are what its manifest will say."""

    store: GraphStore
    how: str
    contents: Contents
    counts: Counts | None = None
    touched: set[str] | None = None
    read: list[str] | None = None
    """The data files read (None: all)."""
    written: RecordCheck | None = None

    def __enter__(self) -> _Built:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        """Flush the store (when the build succeeded) and close it."""
        store = self.store
        if kind is None:
            store.flush()
        # Close the store now: the folder is synced and swapped in next.
        self.store = self.written = None  # type: ignore[assignment]
        del store


def _build_store(
    data: Path,
    ontology: Path,
    out_dir: Path,
    target: Path,
    inputs: Inputs,
    mode: str,
    *,
    previous: Manifest | None,
    shapes: Graph | None,
) -> _Built:
    """The store for *inputs* with entailment *mode* in *target*: from scratch, or from the
    build whose manifest is *previous* (None: from scratch).

    From scratch, the quads are mapped chunk by chunk and loaded by another thread into the
    store on disk, the one copy of them; with *shapes*, the records the mapping writes whole
    are checked against them as they are written.
    """
    plan = plan_rebuild(previous, inputs, mode) if previous is not None else None
    how = "full"
    if plan is not None:
        assert previous is not None
        try:
            done = rebuild_store(data, out_dir, target, inputs, previous, plan)
        except StoreDamaged:
            shutil.rmtree(target, ignore_errors=True)
            how = "full (the previous store is damaged)"
        else:
            return _Built(done.store, done.how, done.contents, done.counts, done.touched, done.read)
    check_mode(mode)
    graph = load_ontology(ontology)
    written = None
    if shapes is not None and mode != "owl-rl":  # owl-rl adds triples after the mapping
        written = RecordCheck.for_ontology(shapes, graph, classes=WHOLE_RECORDS)
    saved = GraphStore.create(target)
    feed = Feed(saved, compact=(saved,))
    try:
        registry = read_entities(data)
        records = load_sources(data, vocabulary=Vocabulary.from_graph(graph), known=registry)
        keep_registry(target.parent, registry, inputs)
        # Mapped and queued chunk by chunk: the loads run while the rest is mapped.
        # (Mapping each source as soon as it is read was tried: no faster on 2 cores.)
        writer = ChunkWriter(graph, entail=mode == "rdfs", emit=feed.put, check=written)
        for record in records.sources:
            writer.source(record, records)
        writer.finish(records)
        sources = {source_key(r.path, data): source_entry(r) for r in records.sources}
        contents = Contents(sources, tuple(sorted(records.countries)))
        del records, writer
        feed.close()
        if mode == "owl-rl":
            infer(saved, mode)
    except BaseException:
        feed.abort()
        raise
    return _Built(saved, how, contents, written=written)
