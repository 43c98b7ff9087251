"""Incremental builds: the previous build's store brought up to date.

When only source files changed or were added (:func:`~.plan.plan_changes`), a build
starts from a hard-linked copy of the previous store and loads just those files again
(:func:`rebuild_store`); the
ontology, entities and divergences are as before, so their records come from the store and
from the entity registry the previous build kept (:mod:`.kept`), unless the data folder
moved since (a project copied or moved): the entity files are then read again.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import NamedTuple

from graph_builder.building.kept import kept_registry
from graph_builder.building.plan import BuildPlan
from graph_builder.errors import KeptStateUnreadable
from graph_builder.ingest.countries import known_country
from graph_builder.ingest.sources import Registry, load_sources, read_entities
from graph_builder.manifest import STORE_DIR, Contents, Counts, SourceEntry
from graph_builder.namespaces import ONTOLOGY_GRAPH_IRI
from graph_builder.ontology import Vocabulary
from graph_builder.rdf.mapping import countries_of
from graph_builder.rdf.store import GraphStore
from graph_builder.rdf.update import replace_sources
from graph_builder.records import SourceRecord, SourceSet


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
    vocabulary: Vocabulary
    """The concepts the changed sources were read with."""


def rebuild_store(plan: BuildPlan, target: Path) -> Rebuilt:
    """The previous build's store, copied to *target*, with the sources of the plan's
    changes loaded again (nothing else is written)."""
    assert plan.previous is not None and plan.changes is not None
    data, out_dir, inputs, previous = plan.data, plan.out_dir, plan.inputs, plan.previous
    changed_paths, before = plan.changes.paths, previous.contents.sources
    removed_ids = [before[key].id for key in changed_paths if key in before]
    # What the previous manifest says of the sources that stay, taken before anything is
    # read. A removed file makes the build full (plan_changes): only the changed ones leave.
    kept = before.replaced(changed_paths, {})
    ids = kept.files_by_id()
    kept_countries = {code: known_country(code) for code in sorted(kept.countries())}
    GraphStore.copy_closed(out_dir / STORE_DIR, target)
    store = GraphStore.open(target, read_only=False)
    # The ontology and the entity files are as before (or the build would be full): their
    # records come from the store and the registry the previous build kept. Not when the
    # data folder moved: the kept entities name their files where they were (the origins
    # error messages give), so the entity files are read again where they are.
    registry = None
    if inputs.data.path == previous.inputs.data.path:
        registry = kept_registry(out_dir, inputs)
    read: list[str] | None = list(changed_paths)
    fresh = None  # the same entity files: the previous registry is kept
    vocabulary = _vocabulary(store)

    def load(registry: Registry) -> SourceSet:
        only = [data / key for key in changed_paths]
        return load_sources(data, vocabulary=vocabulary, only=only, other_ids=ids, known=registry)

    loaded = None
    if registry is not None:
        # An entity looked up that is not one this version keeps: read the files instead.
        with suppress(KeptStateUnreadable):
            loaded = load(registry)
    if loaded is None:
        read = None  # the entity files too
        loaded = load(fresh := read_entities(data))
    new_entries = {source_key(r.path, data): source_entry(r) for r in loaded.sources}
    countries_after = dict(loaded.countries)
    for code, country in kept_countries.items():
        countries_after.setdefault(code, country)
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
        counts += Counts(
            change.quads, change.statements, change.inferred, change.triples, change.entities
        )
    return Rebuilt(store, how, change.touched, read, contents, counts, fresh, vocabulary)


def source_entry(record: SourceRecord) -> SourceEntry:
    """A source's entry in the manifest: its id and the countries it names."""
    return SourceEntry(record.citation.id, tuple(sorted(countries_of(record))))


def source_key(path: Path, data: Path) -> str:
    """A source file's key in the manifest: its path in the data folder."""
    return str(path.relative_to(data))


_CONCEPTS = f"""
SELECT ?concept ?scheme WHERE {{
  GRAPH <{ONTOLOGY_GRAPH_IRI}> {{ ?concept skos:inScheme ?scheme ; a skos:Concept }}
  FILTER(isIRI(?concept))
}}
"""


def _vocabulary(store: GraphStore) -> Vocabulary:
    """The concept schemes as the store's ontology graph holds them."""
    rows = store.select(_CONCEPTS)
    return Vocabulary.from_pairs((row["concept"].value, row["scheme"].value) for row in rows)
