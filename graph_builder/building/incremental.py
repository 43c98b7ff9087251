"""Incremental builds: the previous build's store brought up to date.

When only source files changed or were added (:func:`~.plan.plan_changes`), a build
starts from a hard-linked copy of the previous store and loads just those files again
(:func:`rebuild_store`); the
ontology, entities and divergences are as before, so their records come from the store and
from the entity registry the previous build kept (``.entities.json``).
"""

from __future__ import annotations

import json
import shutil
from operator import methodcaller
from pathlib import Path
from typing import NamedTuple

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from graph_builder.building.folder import REGISTRY
from graph_builder.building.plan import BuildPlan
from graph_builder.collector import collector_paused
from graph_builder.errors import KeptStateUnreadable
from graph_builder.files import write_text
from graph_builder.ingest.countries import lookup_country
from graph_builder.ingest.sources import Registry, load_sources, read_entities
from graph_builder.manifest import STORE_DIR, Contents, Counts, Inputs, SourceEntry
from graph_builder.namespaces import ONTOLOGY_GRAPH
from graph_builder.ontology import Vocabulary
from graph_builder.rdf.mapping import countries_of
from graph_builder.rdf.store import GraphStore
from graph_builder.rdf.update import replace_sources
from graph_builder.records import Country, SourceRecord


class Rebuilt(NamedTuple):
    """An incremental build's store, and what its manifest says of it."""

    store: GraphStore
    how: str
    touched: set[str]
    """The nodes the change touched."""
    read: list[str] | None
    """The data files read (None: more than the changed sources)."""
    contents: Contents
    counts: Counts | None
    """None when the previous manifest had none."""
    registry: Registry | None
    """The entity registry, when it was read again (None: the previous build's)."""


def rebuild_store(plan: BuildPlan, target: Path) -> Rebuilt:
    """The previous build's store, copied to *target*, with the sources of the plan's
    changes loaded again (nothing else is written)."""
    assert plan.previous is not None and plan.changes is not None
    data, out_dir, inputs, previous = plan.data, plan.out_dir, plan.inputs, plan.previous
    changed_paths, removed_ids = plan.changes.paths, plan.changes.removed
    files, before = inputs.data.files, previous.contents.sources
    kept = before.replaced([*changed_paths, *(before.rows().keys() - files.keys())], {})
    GraphStore.open(out_dir / STORE_DIR, read_only=True).backup(target)
    store = GraphStore.open(target, read_only=False)
    # The ontology and the entity files are as before (or the build would be full): their
    # records come from the store and the registry the previous build kept.
    registry = kept_registry(out_dir, inputs)
    read: list[str] | None = list(changed_paths)
    fresh = None  # the same entity files: the previous registry is kept
    if registry is None:
        read = None  # the entity files too
        registry = fresh = read_entities(data)
    loaded = load_sources(
        data,
        vocabulary=_vocabulary(store),
        only=[data / key for key in changed_paths],
        other_ids=kept.files_by_id(),
        known=registry,
    )
    new_entries = {source_key(r.path, data): source_entry(r) for r in loaded.sources}
    countries_after = dict(loaded.countries)
    for code in kept.countries().difference(countries_after):
        countries_after[code] = _country(code)
    counts = previous.counts
    change = replace_sources(
        store,
        removed=removed_ids,
        records=loaded,
        countries_before=set(previous.contents.countries),
        countries_after=countries_after,
        infer_mode=previous.infer,
        count_union=counts is not None and counts.triples is not None,
    )
    contents = Contents(kept.replaced((), new_entries), tuple(sorted(countries_after)))
    how = f"incremental: {len(changed_paths)} source file(s) loaded again"
    if counts is not None:
        counts += Counts(change.quads, change.statements, change.inferred, change.triples)
    return Rebuilt(store, how, change.touched, read, contents, counts, fresh)


def source_entry(record: SourceRecord) -> SourceEntry:
    """A source's entry in the manifest: its id and the countries it names."""
    return SourceEntry(record.citation.id, tuple(sorted(countries_of(record))))


def source_key(path: Path, data: Path) -> str:
    """A source file's key in the manifest: its path in the data folder."""
    return str(path.relative_to(data))


def _entity_files(inputs: Inputs) -> dict[str, str]:
    files = inputs.data.files
    return {key: files[key] for key in filter(methodcaller("startswith", "entities/"), files)}


def keep_registry(folder: Path, registry: Registry | None, inputs: Inputs, out_dir: Path) -> None:
    """Write *registry* into *folder* as read from the entity files of *inputs*; None: the
    registry of the build in *out_dir*, read from the same files (the same text, copied)."""
    if registry is None:
        shutil.copyfile(out_dir / REGISTRY, folder / REGISTRY)
        return
    kept = {"files": _entity_files(inputs), "registry": registry.to_data()}
    with collector_paused():
        text = json.dumps(kept, sort_keys=True) + "\n"
    write_text(folder / REGISTRY, text)


def kept_registry(out_dir: Path, inputs: Inputs) -> Registry | None:
    """The previous build's entity registry, if it was read from the same entity files."""
    try:
        with collector_paused():
            kept = json.loads((out_dir / REGISTRY).read_text(encoding="utf-8"))
            if kept["files"] != _entity_files(inputs):
                return None
            return Registry.from_data(kept["registry"])
    except (OSError, ValueError, KeyError, TypeError, KeptStateUnreadable):
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
    for row in store.select(_CONCEPTS):
        concept = URIRef(row["concept"].value)
        graph.add((concept, SKOS.inScheme, URIRef(row["scheme"].value)))
        graph.add((concept, RDF.type, SKOS.Concept))
    return Vocabulary.from_graph(graph)


def _country(code: str) -> Country:
    country = lookup_country(code)
    assert country is not None  # codes in a manifest were checked when first read
    return country
