"""The ``build`` job: load, validate, serialise, and write every output or none.

A build is a folder (``build/`` by default)::

    graph.ttl, graph.trig, graph.jsonld   the exports (``exports=``)
    viewer.html                           the interactive viewer
    store/                                the persisted Oxigraph store the other commands open
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

import json
import logging
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, Variable
from rdflib.namespace import RDF, SKOS

from graph_builder.errors import OutputError, ValidationFailed
from graph_builder.files import (
    fsync_tree,
    recover_folder,
    staging_folder,
    swap_in_folder,
    write_text,
)
from graph_builder.ingest.countries import Country, lookup_country
from graph_builder.ingest.sources import Registry, load_sources, read_entities
from graph_builder.manifest import MANIFEST, STORE_DIR, input_hashes, read_manifest
from graph_builder.namespaces import ONTOLOGY_GRAPH, compact
from graph_builder.ontology import Vocabulary, load_ontology
from graph_builder.rdf.export import serialize
from graph_builder.rdf.infer import INFERRED_GRAPH, check_mode, infer
from graph_builder.rdf.mapping import ChunkWriter, countries_of
from graph_builder.rdf.store import Feed, GraphStore
from graph_builder.rdf.update import replace_sources, validation_scope
from graph_builder.rdf.validate import ValidationReport, validate_dataset
from graph_builder.records import SourceRecord

log = logging.getLogger(__name__)

BUILD_FILES = {"graph.ttl": "ttl", "graph.trig": "trig", "graph.jsonld": "jsonld"}
VIEWER_FILE = "viewer.html"
REGISTRY = ".entities.json"
"""The entity registry a build keeps, with the hashes of the files it was read from."""
_OURS = {*BUILD_FILES, VIEWER_FILE, STORE_DIR, MANIFEST, REGISTRY, ".complete"}


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
_TRIPLES = (
    "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
)
_ENTITIES = """
SELECT ?class (COUNT(?s) AS ?n) WHERE { GRAPH graph:reference { ?s a ?class } } GROUP BY ?class
"""
UNION_COUNT_LIMIT = 500_000
"""Above this many quads the summary does not count distinct triples (a full scan)."""


def summarize(
    store: GraphStore,
    report: ValidationReport | None = None,
    *,
    counts: dict[str, int] | None = None,
) -> BuildSummary:
    """Counts of *store*: quads, union triples, sources, evidence records, entities by class.

    *counts* (quads, statements, inferred) are taken as given instead of counted: an
    incremental build knows them from the previous build and what it changed.
    """
    from graph_builder.rdf.infer import inferred_count

    def count(query: str) -> int:
        return int(str(store.query(query).bindings[0][Variable("n")]))

    quads = counts["quads"] if counts else len(store)
    return BuildSummary(
        quads=quads,
        triples=count(_TRIPLES) if quads <= UNION_COUNT_LIMIT else None,
        sources=count(_SOURCES),
        statements=counts["statements"] if counts else count(_STATEMENTS),
        inferred=counts["inferred"] if counts else inferred_count(store),
        entities={
            compact(str(r[Variable("class")])): int(str(r[Variable("n")]))
            for r in store.query(_ENTITIES).bindings
        },
        report=report,
    )


def run_build(
    data_dir: Path | None,
    out_dir: Path,
    *,
    ontology_dir: Path | None = None,
    validate: bool = True,
    viewer: bool = True,
    exports: Iterable[str] = tuple(BUILD_FILES.values()),
    infer: str = "rdfs",
    incremental: bool = True,
) -> BuildSummary:
    """Load, validate and serialise *data_dir*; replace *out_dir* with the new build.

    Everything is written into a fresh folder first, so a failure (or a kill) leaves
    *out_dir* as it was. *exports* picks the RDF files (``ttl``, ``trig``, ``jsonld``).
    Raises :class:`ValidationFailed` when SHACL finds violations.
    """
    from graph_builder import resources

    data = Path(data_dir or resources.data_dir())
    ontology = Path(ontology_dir or resources.ontology_dir())
    _check_out_dir(out_dir)
    recover_folder(out_dir)
    previous = read_manifest(out_dir) if incremental else None
    inputs = input_hashes(data, ontology, known=previous)
    inputs["infer"] = infer
    staging = staging_folder(out_dir)
    try:
        staging.mkdir()
        with _build_store(
            data, ontology, out_dir, staging / STORE_DIR, inputs, previous=previous
        ) as built:
            store = built.store
            focus = None if built.touched is None else validation_scope(store, built.touched)
            report = None
            if validate:
                report = validate_dataset(store, ontology_dir=ontology, focus=focus)
            if report is not None and not report.conforms:
                raise ValidationFailed(report.text(), len(report.violations))
            wanted = [name for name, fmt in BUILD_FILES.items() if fmt in set(exports)]
            for name in wanted:
                write_text(staging / name, serialize(store, BUILD_FILES[name]))
            if viewer:
                from graph_builder.viewer.render import render_viewer

                write_text(staging / VIEWER_FILE, render_viewer(store))
            summary = summarize(store, report, counts=inputs.get("counts"))
            summary.how = built.how
            del store
        inputs["counts"] = {
            "quads": summary.quads,
            "statements": summary.statements,
            "inferred": summary.inferred,
        }
        # One line: the C encoder writes 6,400 sources' entries in milliseconds.
        write_text(staging / MANIFEST, json.dumps(inputs, sort_keys=True) + "\n")
        (staging / ".complete").touch()
        fsync_tree(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in_folder(staging, out_dir)
    summary.files = [out_dir / name for name in [*wanted, VIEWER_FILE][: len(wanted) + viewer]]
    summary.files += [out_dir / MANIFEST, out_dir / STORE_DIR]
    log.info("build finished: %d files", len(summary.files))
    return summary


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


class _Built:
    """The store of a build being made: :attr:`store` to read (validate, export) and, when it
    is a copy in memory, the feed that is writing the same quads to the store on disk."""

    def __init__(
        self,
        store: GraphStore,
        how: str,
        touched: set[str] | None = None,
        feed: Feed | None = None,
        saved: GraphStore | None = None,
    ) -> None:
        self.store, self.how, self.touched = store, how, touched
        self.feed, self.saved = feed, saved

    def __enter__(self) -> _Built:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        """Finish writing the store on disk (or stop, when the build failed)."""
        if self.feed is not None:
            self.feed.__exit__(kind, *rest)
        saved = self.saved if self.saved is not None else self.store
        if kind is None:
            saved.flush()
        # Close both stores now: the folder is synced and swapped in next.
        self.store = self.saved = self.feed = None  # type: ignore[assignment]
        del saved


def _build_store(
    data: Path,
    ontology: Path,
    out_dir: Path,
    target: Path,
    inputs: dict[str, Any],
    *,
    previous: dict[str, Any] | None,
) -> _Built:
    """The store for *inputs* in *target*: from scratch, or from the build whose manifest is
    *previous* (None: from scratch). Sets the manifest's per-source entries and countries
    in *inputs*.

    From scratch, the quads are loaded into a store in memory (where validation and the
    exports read them several times faster) and, at the same time, by another thread into
    the store on disk; leaving the returned context waits for that load.
    """
    plan = _plan(previous, inputs) if previous is not None else None
    if plan is None:
        mode = inputs["infer"]
        check_mode(mode)
        graph = load_ontology(ontology)
        memory, saved = GraphStore.memory(), GraphStore.create(target)
        feed = Feed(memory, saved)
        try:
            # Each source is mapped and queued for loading as soon as it is read.
            writer = ChunkWriter(graph, entail=mode == "rdfs", emit=feed.put)
            registry = read_entities(data)
            records = load_sources(
                data, vocabulary=Vocabulary.from_graph(graph), each=writer.source, known=registry
            )
            _keep_registry(target.parent, registry, inputs)
            writer.finish(records)
            inputs["sources"] = {_key(r.path, data): _source_entry(r) for r in records.sources}
            inputs["countries"] = sorted(records.countries)
            del records, writer
            feed.close(memory)
            if mode == "owl-rl":
                infer(memory, mode)
                feed.put(memory.dump("nq", graph=INFERRED_GRAPH), to=saved)
        except BaseException as exc:
            feed.__exit__(type(exc), exc, None)
            raise
        return _Built(memory, "full", feed=feed, saved=saved)
    assert previous is not None
    changed_paths, removed_ids = plan
    kept = {k: v for k, v in previous["sources"].items() if k in inputs["data"]["files"]}
    for key in changed_paths:
        kept.pop(key, None)
    GraphStore.open(out_dir / STORE_DIR, read_only=True).backup(target)
    store = GraphStore.open(target, read_only=False)
    # The ontology and the entity files are as before (or the build would be full): their
    # records come from the store and the registry the previous build kept.
    registry = _kept_registry(out_dir, inputs) or read_entities(data)
    _keep_registry(target.parent, registry, inputs)
    loaded = load_sources(
        data,
        vocabulary=_vocabulary(store),
        only=[data / key for key in changed_paths],
        other_ids={v["id"]: f"{data}/{k}" for k, v in kept.items()},  # no Path each: 6,400 of them
        known=registry,
    )
    new_entries = {_key(r.path, data): _source_entry(r) for r in loaded.sources}
    countries_after = dict(loaded.countries)
    for entry in kept.values():
        for code in entry["countries"]:
            if code not in countries_after:
                countries_after[code] = _country(code)
    change = replace_sources(
        store,
        removed=removed_ids,
        records=loaded,
        countries_before=set(previous["countries"]),
        countries_after=countries_after,
        infer_mode=inputs["infer"],
    )
    inputs["sources"] = {**kept, **new_entries}
    inputs["countries"] = sorted(countries_after)
    how = f"incremental: {len(changed_paths)} source file(s) loaded again"
    counts = previous.get("counts")
    if counts is not None:
        inputs["counts"] = {
            "quads": counts["quads"] + change.quads,
            "statements": counts["statements"] + change.statements,
            "inferred": counts["inferred"] + change.inferred,
        }
    return _Built(store, how, change.touched)


def _entity_files(inputs: dict[str, Any]) -> dict[str, str]:
    files: dict[str, str] = inputs["data"]["files"]
    return {k: v for k, v in files.items() if k.startswith("entities/")}


def _keep_registry(folder: Path, registry: Registry, inputs: dict[str, Any]) -> None:
    kept = {"files": _entity_files(inputs), "registry": registry.to_data()}
    write_text(folder / REGISTRY, json.dumps(kept, sort_keys=True) + "\n")


def _kept_registry(out_dir: Path, inputs: dict[str, Any]) -> Registry | None:
    """The previous build's entity registry, if it was read from the same entity files."""
    try:
        kept = json.loads((out_dir / REGISTRY).read_text(encoding="utf-8"))
        if kept["files"] != _entity_files(inputs):
            return None
        return Registry.from_data(kept["registry"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # none kept, or not readable: read the entity files


_CONCEPTS = f"""
SELECT ?concept ?scheme WHERE {{
  GRAPH <{ONTOLOGY_GRAPH}> {{ ?concept skos:inScheme ?scheme ; a skos:Concept }}
  FILTER(isIRI(?concept))
}}
"""


def _vocabulary(store: GraphStore) -> Vocabulary:
    """The concept schemes as the store's ontology graph holds them."""
    graph = Graph()
    for row in store.query(_CONCEPTS).bindings:
        concept = row[Variable("concept")]
        graph.add((concept, SKOS.inScheme, row[Variable("scheme")]))
        graph.add((concept, RDF.type, SKOS.Concept))
    return Vocabulary.from_graph(graph)


def _source_entry(record: SourceRecord) -> dict[str, Any]:
    return {"id": record.citation.id, "countries": sorted(countries_of(record))}


def _key(path: Path, data: Path) -> str:
    return str(path.relative_to(data))


def _country(code: str) -> Country:
    country = lookup_country(code)
    assert country is not None  # codes in a manifest were checked when first read
    return country


def _plan(previous: dict[str, Any], inputs: dict[str, Any]) -> tuple[list[str], list[str]] | None:
    """(changed or added source files, ids of sources to drop), or None for a full build."""
    if previous.get("infer") != inputs["infer"]:
        return None
    if any(
        previous[k].get(f) != inputs[k].get(f) for k in ("ontology",) for f in ("path", "files")
    ):
        return None
    if previous["data"]["path"] != inputs["data"]["path"]:
        return None
    before, now = previous["data"]["files"], inputs["data"]["files"]
    others = {k for k in {*before, *now} if not k.startswith("sources/")}
    if any(before.get(k) != now.get(k) for k in others):
        return None  # entities or divergences changed: everything may refer to them
    if any(k not in now for k in before if k.startswith("sources/")):
        return None  # a removed source may be named by a divergence: check it all
    changed = sorted(k for k in now if k.startswith("sources/") and before.get(k) != now[k])
    removed = [previous["sources"][k]["id"] for k in changed if k in previous["sources"]]
    return changed, removed
