"""Data files → records: the entity registry, the sources with their claims, divergences.

Layout of a data folder (see docs/data-format.md)::

    data/entities/*.yaml   shared entities: countries, bodies, international organisations,
                           persons, posts, agreements, signings, events, places
    data/sources/*.yaml    one file per source: its citation and the claims it makes
    data/divergences.yaml  where sources differ (optional)

Every problem raises :class:`~graph_builder.errors.SourceError` naming the file, the line
and the field, before anything is built.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from graph_builder.errors import SourceError
from graph_builder.ingest import source_file as claims
from graph_builder.ingest.checks import FileChecker, suggest
from graph_builder.ingest.resolver import Resolver
from graph_builder.ingest.strict_yaml import Path_, read_yaml
from graph_builder.ontology import Vocabulary
from graph_builder.records import LANGUAGES, Entity, Origin, SourceRecord, SourceSet

ENTITY_KINDS = (
    "bodies", "organisations", "persons", "posts", "agreements", "signings", "events", "places",
)  # fmt: skip
KIND_OF_SECTION = {
    "bodies": "body",
    "organisations": "organisation",
    "persons": "person",
    "posts": "post",
    "agreements": "agreement",
    "signings": "signing",
    "events": "event",
    "places": "place",
}
TYPES = {
    "body": ("Ministry", "GovernmentBody"),
    "agreement": ("StrategicCooperation", "MemorandumOfUnderstanding", "CooperationAgreement"),
}


def _files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def load_sources(
    data_dir: Path,
    *,
    vocabulary: Vocabulary,
    only: Collection[Path] | None = None,
    other_ids: Mapping[str, Path | str] | None = None,
    known: Registry | None = None,
) -> SourceSet:
    """Read and check every file of *data_dir*; raise :class:`SourceError` on the first problem.

    With *only*, just those source files are read (entities always are, divergences are
    not): an incremental build's changed sources. *other_ids* maps the ids of the sources
    not read to their files (paths in *data_dir*, or whole), so that a reused id is still
    refused. *known* is the entity registry when it was read before (:func:`read_entities`).
    """
    found, records = _reading(data_dir, vocabulary, only, other_ids, known)
    found.sources = list(records)
    return found


def read_sources(
    data_dir: Path, *, vocabulary: Vocabulary, known: Registry | None = None
) -> tuple[SourceSet, Iterator[SourceRecord]]:
    """:func:`load_sources` of the whole folder, a source at a time: the set (its list of
    sources left empty) and the records, each read and checked as it is taken, so that
    they need not all be held at once. The set's countries grow as the records are read;
    its divergences are read once the last record has been taken. A problem raises
    :class:`SourceError` when the file is reached."""
    return _reading(data_dir, vocabulary, None, None, known)


def _reading(
    data_dir: Path,
    vocabulary: Vocabulary,
    only: Collection[Path] | None,
    other_ids: Mapping[str, Path | str] | None,
    known: Registry | None,
) -> tuple[SourceSet, Iterator[SourceRecord]]:
    registry = known if known is not None else read_entities(data_dir)
    entities = registry.entities  # read, never changed: a kept registry stays lazy
    resolver = Resolver(entities, vocabulary)
    for code, (ids, origin) in registry.country_ids.items():
        resolver.country_from_code(code, origin, "countries").identifiers.update(ids)
    source_paths = _files(data_dir / "sources") if only is None else sorted(only)
    if not source_paths and only is None:
        raise SourceError(data_dir / "sources", "no source files (*.yaml) found")
    found = SourceSet(entities, resolver.countries, [], [])
    others = {} if other_ids is None else other_ids  # not its len(): it may be looked up
    return found, _records(data_dir, source_paths, resolver, others, found, only is None)


def _records(
    data_dir: Path,
    source_paths: list[Path],
    resolver: Resolver,
    others: Mapping[str, Path | str],
    found: SourceSet,
    divergences: bool,
) -> Iterator[SourceRecord]:
    """Each source file of *source_paths* read as a record; then, with *divergences*, the
    divergences read into *found*."""
    seen: dict[str, Path | str] = {}
    for path in source_paths:
        file = FileChecker(read_yaml(path, folder=data_dir))
        record = claims.read_source(file, resolver)
        source_id = record.citation.id
        used = seen.get(source_id)
        if used is None and source_id in others:
            used = data_dir / others[source_id]
        if used is not None:
            raise file.fail(("source", "id"), f"source id {source_id!r} is also used by {used}")
        seen[source_id] = path
        yield record
    divergence_path = data_dir / "divergences.yaml"
    if divergences and (divergence_path.is_symlink() or divergence_path.exists()):
        from graph_builder.ingest.divergences import read_divergences  # a full load's

        found.divergences = read_divergences(
            FileChecker(read_yaml(divergence_path, folder=data_dir)), resolver, set(seen)
        )


@dataclass
class Registry:
    """The entities of ``data/entities`` and the identifiers given for countries."""

    entities: Mapping[str, Entity]
    country_ids: dict[str, tuple[dict[str, str], Origin]]

    def to_data(self) -> dict[str, Any]:
        """The registry as plain data for JSON (a build keeps it for incremental rebuilds:
        :mod:`graph_builder.building.kept`)."""
        ids = {
            code: [ids, [str(origin.path), origin.line]]
            for code, (ids, origin) in self.country_ids.items()
        }
        return {"entities": [_entity_row(e) for e in self.entities.values()], "country_ids": ids}


_FIELDS = {field.name for field in fields(Entity)}


def _entity_row(entity: Entity) -> dict[str, Any]:
    return {**asdict(entity), "origin": [str(entity.origin.path), entity.origin.line]}


def is_entity_row(row: Any) -> bool:
    """Whether *row* (parsed JSON) is an entity as :meth:`Registry.to_data` writes it."""
    return (
        type(row) is dict
        and row.keys() == _FIELDS
        and type(row["origin"]) is list
        and len(row["origin"]) == 2
    )


def entity_of_row(row: dict[str, Any], paths: dict[str, Path]) -> Entity:
    """The entity of *row* (:func:`is_entity_row`); *paths* holds one ``Path`` per file
    named, shared by the entities of that file."""
    fields_of = dict(row)
    path, line = fields_of.pop("origin")
    file = paths.get(path) or paths.setdefault(path, Path(path))
    return Entity(**fields_of, origin=Origin(file, line))


def read_entities(data_dir: Path) -> Registry:
    """Read and check the entity files of *data_dir* (``entities/*.yaml``)."""
    if not data_dir.is_dir():
        raise SourceError(
            data_dir, "data folder not found; give a folder that holds entities/ and sources/"
        )
    entities: dict[str, Entity] = {}
    extra_ids: dict[str, tuple[dict[str, str], Origin]] = {}
    for path in _files(data_dir / "entities"):
        _read_entities(FileChecker(read_yaml(path, folder=data_dir)), entities, extra_ids)
    for entity in entities.values():
        if entity.post_in is not None:
            body = entities.get(entity.post_in)
            if body is None or body.kind != "body":
                raise SourceError(
                    entity.origin.path,
                    f"post_in {entity.post_in!r} is not a body{suggest(entity.post_in, entities)}",
                    line=entity.origin.line,
                    field="post_in",
                )
    return Registry(entities, extra_ids)


def _read_entities(
    file: FileChecker,
    entities: dict[str, Entity],
    extra_ids: dict[str, tuple[dict[str, str], Origin]],
) -> None:
    top = file.mapping(file.doc.data, (), optional=(*ENTITY_KINDS, "countries"))
    for section, items in top.items():
        for i, item in enumerate(file.listing(items, (section,))):
            where: Path_ = (section, i)
            if section == "countries":
                row = file.mapping(
                    item, where, required=("code",), optional=("wikidata", "geonames")
                )
                ids: dict[str, str] = {
                    k: file.text(row[k], (*where, k)) for k in ("wikidata", "geonames") if k in row
                }
                if "wikidata" in ids and not re.fullmatch(r"Q[1-9][0-9]*", ids["wikidata"]):
                    raise file.fail((*where, "wikidata"), "a Wikidata id looks like Q252")
                if "geonames" in ids and not ids["geonames"].isdigit():
                    raise file.fail((*where, "geonames"), "a GeoNames id is a number")
                extra_ids[file.text(row["code"], (*where, "code"))] = (ids, file.origin(where))
                continue
            entity = _read_entity(file, KIND_OF_SECTION[section], item, where)
            if entity.id in entities:
                first = entities[entity.id].origin
                raise file.fail(
                    (*where, "id"), f"id {entity.id!r} is already used at {first.path}:{first.line}"
                )
            entities[entity.id] = entity


def _read_entity(file: FileChecker, kind: str, item: Any, where: Path_) -> Entity:
    if kind == "person":
        row = file.mapping(item, where, required=("id", "name"))
        name = file.text(row["name"], (*where, "name"))
        return Entity(
            kind,
            file.slug(row["id"], (*where, "id")),
            None,
            {"en": name, "id": name},
            file.origin(where),
            name=name,
        )
    required = ["id", "label"] + (["type"] if kind in TYPES else []) + []
    optional = {
        "body": ["abbreviation"],
        "organisation": ["abbreviation"],
        "post": ["post_in"],
    }.get(kind, [])
    row = file.mapping(item, where, required=required, optional=optional)
    entity_type = None
    if kind in TYPES:
        entity_type = file.text(row["type"], (*where, "type"))
        if entity_type not in TYPES[kind]:
            raise file.fail(
                (*where, "type"),
                f"unknown {kind} type {entity_type!r}{suggest(entity_type, TYPES[kind])}; "
                f"use one of {', '.join(TYPES[kind])}",
            )
    entity = Entity(
        kind,
        file.slug(row["id"], (*where, "id")),
        entity_type,
        file.labels(row["label"], (*where, "label")),
        file.origin(where),
    )
    if "abbreviation" in row:
        abbr = file.mapping(row["abbreviation"], (*where, "abbreviation"), optional=LANGUAGES)
        entity.abbreviations = {
            k: file.text(v, (*where, "abbreviation", k)) for k, v in abbr.items()
        }
    if "post_in" in row:
        entity.post_in = file.slug(row["post_in"], (*where, "post_in"))
    return entity
