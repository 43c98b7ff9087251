"""The entity registry a build keeps for the next one (graph_builder.building.kept)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from graph_builder.build import run_build
from graph_builder.building.folder import REGISTRY
from graph_builder.building.kept import keep_registry, kept_registry
from graph_builder.errors import KeptStateUnreadable
from graph_builder.ingest.sources import read_entities
from graph_builder.manifest_inputs import input_hashes
from graph_builder.resources import data_dir, ontology_dir


def _rows(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT id, row FROM entity"))


def test_the_registry_a_build_keeps_reads_back_the_same(tmp_path):
    """Kept and read back, it is the registry the entity files give, entity by entity."""
    registry = read_entities(data_dir())
    assert registry.entities and registry.country_ids
    inputs = input_hashes(data_dir(), ontology_dir())
    keep_registry(tmp_path, registry, inputs, tmp_path)
    kept = kept_registry(tmp_path, inputs)
    assert kept is not None
    first = next(iter(registry.entities))
    assert kept.entities[first] == registry.entities[first]
    assert first in kept.entities and "no-such-entity" not in kept.entities
    assert len(kept.entities) == len(registry.entities)
    assert kept == registry
    assert kept.to_data() == registry.to_data()


def test_a_registry_kept_from_other_entity_files_is_not_read(tmp_path):
    inputs = input_hashes(data_dir(), ontology_dir())
    keep_registry(tmp_path, read_entities(data_dir()), inputs, tmp_path)
    key = next(k for k in inputs.data.files if k.startswith("entities/"))
    other = input_hashes(data_dir(), ontology_dir())
    other.data.files[key] = "another hash"  # type: ignore[index]
    assert kept_registry(tmp_path, other) is None


@pytest.mark.parametrize(
    "spoil",
    [
        lambda row: row.pop("labels"),
        lambda row: row.update(colour="red"),
        lambda row: row.update(origin=3),
        lambda row: row.update(origin=["entities/bodies.yaml"]),
        lambda row: row.clear(),
    ],
    ids=["a-field-missing", "a-field-more", "origin-not-a-place", "origin-half", "empty"],
)
def test_a_kept_entity_that_is_not_one_is_refused_when_looked_up(
    tmp_path, spoil: Callable[[dict[str, Any]], object]
):
    """Its row is made into an entity only when looked up, and checked then: an incremental
    build then reads the entity files again instead of using it."""
    registry = read_entities(data_dir())
    inputs = input_hashes(data_dir(), ontology_dir())
    keep_registry(tmp_path, registry, inputs, tmp_path)
    entity_id, text = next(iter(_rows(tmp_path / REGISTRY).items()))
    row = json.loads(text)
    spoil(row)
    with sqlite3.connect(tmp_path / REGISTRY) as db:
        db.execute("UPDATE entity SET row = ? WHERE id = ?", (json.dumps(row), entity_id))
    kept = kept_registry(tmp_path, inputs)
    assert kept is not None
    with pytest.raises(KeptStateUnreadable):
        kept.entities[entity_id]


def test_a_spoiled_kept_entity_is_read_again_from_the_files(data_copy, tmp_path):
    """An incremental build whose change names a kept entity that is not one reads the entity
    files instead: it builds what a full build does and keeps the registry they give."""
    from .test_build import _change_s1, _quads

    out, full = tmp_path / "out", tmp_path / "full"
    run_build(data_copy, out, viewer=False, exports=())
    rows = _rows(out / REGISTRY)
    with sqlite3.connect(out / REGISTRY) as db:
        db.execute("UPDATE entity SET row = '[]'")  # every entity: the change names some
    _change_s1(data_copy)
    second = run_build(data_copy, out, viewer=False, exports=())
    assert second.how == "incremental: 1 source file(s) loaded again"
    run_build(data_copy, full, viewer=False, exports=())
    assert _quads(out / "store") == _quads(full / "store")
    assert _rows(out / REGISTRY) == rows == _rows(full / REGISTRY)


def test_a_build_of_an_earlier_version_is_built_on(built_copy, tmp_path):
    """A build folder that kept its registry as JSON (``.entities.json``) is still a build:
    the next build reads the entity files, loads only the change, and keeps the SQLite file
    in place of the JSON."""
    from .test_build import _change_s1

    data_copy, out = built_copy, tmp_path / "out"
    (out / REGISTRY).rename(out / ".entities.json")
    _change_s1(data_copy)
    second = run_build(data_copy, out, viewer=False, exports=())
    assert second.how == "incremental: 1 source file(s) loaded again"
    assert (out / REGISTRY).is_file() and not (out / ".entities.json").exists()


def test_an_incremental_build_keeps_the_registry_file_as_it_was(data_copy, tmp_path):
    """The entity files being the same, the next build links the kept file, neither written
    nor synced again."""
    from .test_build import _change_s1

    out = tmp_path / "out"
    run_build(data_copy, out, viewer=False, exports=())
    before = (out / REGISTRY).stat().st_ino
    _change_s1(data_copy)
    run_build(data_copy, out, viewer=False, exports=())
    assert (out / REGISTRY).stat().st_ino == before
