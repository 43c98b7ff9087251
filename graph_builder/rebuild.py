"""Incremental builds: what changed since the previous build, and its store brought up to date.

When only source files changed or were added, a build starts from a hard-linked copy of
the previous store and loads just those files again (:func:`rebuild_store`); the
ontology, entities and divergences are as before, so their records come from the store and
from the entity registry the previous build kept (``.entities.json``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from graph_builder.files import write_text
from graph_builder.ingest.countries import lookup_country
from graph_builder.ingest.sources import Registry, load_sources, read_entities
from graph_builder.manifest import STORE_DIR
from graph_builder.namespaces import ONTOLOGY_GRAPH
from graph_builder.ontology import Vocabulary
from graph_builder.rdf.mapping import countries_of
from graph_builder.rdf.store import GraphStore
from graph_builder.rdf.update import replace_sources
from graph_builder.records import Country, SourceRecord

REGISTRY = ".entities.json"
"""The entity registry a build keeps, with the hashes of the files it was read from."""


def rebuild_store(
    data: Path,
    out_dir: Path,
    target: Path,
    inputs: dict[str, Any],
    previous: dict[str, Any],
    plan: tuple[list[str], list[str]],
) -> tuple[GraphStore, str, set[str], list[str] | None]:
    """The previous build's store, copied to *target*, with the sources of *plan* (see
    :func:`plan_rebuild`) loaded again; sets the manifest's sources, countries and counts
    in *inputs*. Returns the store, how it was built, the nodes the change touched and
    the data files it read (None: more than the changed sources)."""
    changed_paths, removed_ids = plan
    kept = {k: v for k, v in previous["sources"].items() if k in inputs["data"]["files"]}
    for key in changed_paths:
        kept.pop(key, None)
    GraphStore.open(out_dir / STORE_DIR, read_only=True).backup(target)
    store = GraphStore.open(target, read_only=False)
    # The ontology and the entity files are as before (or the build would be full): their
    # records come from the store and the registry the previous build kept.
    registry = kept_registry(out_dir, inputs)
    read: list[str] | None = list(changed_paths)
    if registry is None:
        read = None  # the entity files too
        registry = read_entities(data)
        keep_registry(target.parent, registry, inputs)
    else:  # the same entity files: the same text, not written out again
        shutil.copyfile(out_dir / REGISTRY, target.parent / REGISTRY)
    loaded = load_sources(
        data,
        vocabulary=_vocabulary(store),
        only=[data / key for key in changed_paths],
        other_ids={v["id"]: f"{data}/{k}" for k, v in kept.items()},  # no Path each: 6,400 of them
        known=registry,
    )
    new_entries = {source_key(r.path, data): source_entry(r) for r in loaded.sources}
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
    return store, how, change.touched, read


def source_entry(record: SourceRecord) -> dict[str, Any]:
    """A source's entry in the manifest: its id and the countries it names."""
    return {"id": record.citation.id, "countries": sorted(countries_of(record))}


def source_key(path: Path, data: Path) -> str:
    """A source file's key in the manifest: its path in the data folder."""
    return str(path.relative_to(data))


def _entity_files(inputs: dict[str, Any]) -> dict[str, str]:
    files: dict[str, str] = inputs["data"]["files"]
    return {k: v for k, v in files.items() if k.startswith("entities/")}


def keep_registry(folder: Path, registry: Registry, inputs: dict[str, Any]) -> None:
    kept = {"files": _entity_files(inputs), "registry": registry.to_data()}
    write_text(folder / REGISTRY, json.dumps(kept, sort_keys=True) + "\n")


def kept_registry(out_dir: Path, inputs: dict[str, Any]) -> Registry | None:
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
    for row in store.select(_CONCEPTS):
        concept = URIRef(row["concept"].value)
        graph.add((concept, SKOS.inScheme, URIRef(row["scheme"].value)))
        graph.add((concept, RDF.type, SKOS.Concept))
    return Vocabulary.from_graph(graph)


def _country(code: str) -> Country:
    country = lookup_country(code)
    assert country is not None  # codes in a manifest were checked when first read
    return country


def plan_rebuild(
    previous: dict[str, Any], inputs: dict[str, Any]
) -> tuple[list[str], list[str]] | None:
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
