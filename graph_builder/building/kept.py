"""The entity registry a build keeps for the next one, read by id.

A build keeps the registry it read from the entity files in an SQLite file of its folder
(:data:`~.folder.REGISTRY`): one row per entity (its fields as JSON, in the order of the
files), the country identifiers, and the hashes of the entity files it was read from. An
incremental build whose entity files hash the same reads from it only the entities its
changed sources name, one query each, so that part of its cost follows the change (the
registry read whole as JSON took 88 ms of CPU at 25,600 sources, this 4.5 ms:
docs/performance.md). When the entity files are the same, the next build links the file
as it is.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import closing
from operator import methodcaller
from pathlib import Path
from typing import Any

from graph_builder.building.folder import REGISTRY
from graph_builder.errors import KeptStateUnreadable
from graph_builder.ingest.sources import Registry, entity_of_row, is_entity_row
from graph_builder.manifest_inputs import Inputs
from graph_builder.records import Entity, Origin

_SCHEMA = """
CREATE TABLE kept (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entity (id TEXT PRIMARY KEY, row TEXT NOT NULL);
"""


def keep_registry(folder: Path, registry: Registry | None, inputs: Inputs, out_dir: Path) -> None:
    """Write *registry* into *folder* as read from the entity files of *inputs*; None: the
    registry of the build in *out_dir*, read from the same files (its file, hard-linked:
    no build writes it again once made; copied where links cannot be made)."""
    path = folder / REGISTRY
    if registry is None:
        try:
            os.link(out_dir / REGISTRY, path)
        except OSError:
            shutil.copyfile(out_dir / REGISTRY, path)
        return
    data = registry.to_data()
    rows = ((row["id"], json.dumps(row, sort_keys=True)) for row in data["entities"])
    kept = {"files": _entity_files(inputs), "country_ids": data["country_ids"]}
    with closing(sqlite3.connect(path)) as db:
        # A new file in the staging folder, synced with it before it is swapped in: no
        # journal, no sync of its own.
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.executescript(_SCHEMA)
        db.executemany(
            "INSERT INTO kept VALUES (?, ?)", [(k, json.dumps(v)) for k, v in kept.items()]
        )
        db.executemany("INSERT INTO entity VALUES (?, ?)", rows)
        db.commit()


def kept_registry(out_dir: Path, inputs: Inputs) -> Registry | None:
    """The previous build's entity registry, if it was read from the same entity files
    (None: none kept, another version's, or other files). Its entities are read from the
    file when looked up."""
    path = out_dir / REGISTRY
    if not path.is_file():
        return None
    try:
        with closing(_open(path)) as db:
            kept = {name: json.loads(value) for name, value in db.execute("SELECT * FROM kept")}
        if kept.get("files") != _entity_files(inputs):
            return None
        ids = {
            code: (ids, Origin(Path(place), line))
            for code, (ids, (place, line)) in kept["country_ids"].items()
        }
    except (sqlite3.Error, ValueError, KeyError, TypeError, AttributeError):
        return None
    return Registry(KeptEntities(path), ids)


class KeptEntities(Mapping[str, Entity]):
    """The entities of a kept registry by id, each read from the file on its first lookup.

    A row that is not an entity raises :class:`KeptStateUnreadable` when it is looked up:
    the build then reads the entity files instead (:func:`~.incremental.rebuild_store`).
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._made: dict[str, Entity] = {}
        self._paths: dict[str, Path] = {}  # one Path per file, not per entity

    def __getitem__(self, key: str) -> Entity:
        made = self._made.get(key)
        if made is None:
            found = self._query("SELECT row FROM entity WHERE id = ?", (key,))
            if not found:
                raise KeyError(key)
            made = self._made[key] = entity_of_row(_row(found[0][0]), self._paths)
        return made

    def __iter__(self) -> Iterator[str]:
        # Every id: asked only to suggest a name for an unknown one.
        return (key for (key,) in self._query("SELECT id FROM entity ORDER BY rowid", ()))

    def __len__(self) -> int:
        return int(self._query("SELECT count(*) FROM entity", ())[0][0])

    def _query(self, sql: str, args: tuple[str, ...]) -> list[Any]:
        try:
            with closing(_open(self._path)) as db:
                return db.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise KeptStateUnreadable(f"the kept entities cannot be read: {exc}") from None


def _open(path: Path) -> sqlite3.Connection:
    """*path* opened read-only (the build folder is never written in place)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _row(text: Any) -> dict[str, Any]:
    try:
        row = json.loads(text)
    except (TypeError, ValueError):
        row = None
    if not is_entity_row(row):
        raise KeptStateUnreadable("a kept entity is not a row of an entity's fields")
    return row


def _entity_files(inputs: Inputs) -> dict[str, str]:
    files = inputs.data.files
    return {key: files[key] for key in filter(methodcaller("startswith", "entities/"), files)}
