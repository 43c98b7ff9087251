"""A build's manifest: what it was built from, so later commands know whether it is current.

``manifest.json`` holds the entailment mode, the counts, the ontology files' content
hashes and, for the data folder, how many files it held and a digest of their rows: each
data file's content hash, stat and, for a source file, its id and the countries it names,
kept in SQLite beside it (:mod:`graph_builder.manifest_rows`), read by key. ``query``,
``view``, ``stats``, ``export`` and ``serve`` open a build's store only when the inputs
still hash the same; ``build`` uses it to load only the sources that changed. This
module is light on purpose: every command reads it at start-up.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph_builder.collector import collector_paused
from graph_builder.errors import KeptStateUnreadable
from graph_builder.manifest_entries import KeptEntries, SourceEntries, SourceEntry, entry_rows
from graph_builder.manifest_inputs import FolderHashes, Inputs, input_hashes
from graph_builder.manifest_rows import (
    ROWS,
    FileHashes,
    KeptRows,
    Row,
    patch_rows,
    row_digest,
    write_rows,
)

if TYPE_CHECKING:
    from graph_builder.rdf.store import GraphStore

log = logging.getLogger(__name__)

STORE_DIR = "store"
MANIFEST = "manifest.json"
LAYOUT = 4
"""What a build's store holds, recorded in its manifest as ``layout``: 2 since its default
graph holds the union of the named graphs, 3 since the data files' rows are kept in SQLite,
4 since their stats are kept as one text (manifests of layouts 2 and 3 are still read). A
build of another layout is built again."""


@dataclass(frozen=True)
class Counts:
    """A build's quads, statements and inferred statements, and the union's triples."""

    quads: int
    statements: int
    inferred: int
    triples: int | None = None
    """The distinct triples of the union (None: not counted; a manifest then has no
    ``triples``)."""
    entities: Mapping[str, int] | None = None
    """The reference graph's entities by class (``agr:Country``), the classes with none
    left out (None: not counted; a manifest then has no ``entities``)."""

    def __add__(self, other: Counts) -> Counts:
        triples = None
        if self.triples is not None and other.triples is not None:
            triples = self.triples + other.triples
        entities = None
        if self.entities is not None and other.entities is not None:
            summed = dict(self.entities)
            for name, n in other.entities.items():
                summed[name] = summed.get(name, 0) + n
            entities = {name: n for name, n in summed.items() if n}
        return Counts(
            self.quads + other.quads,
            self.statements + other.statements,
            self.inferred + other.inferred,
            triples,
            entities,
        )

    @classmethod
    def from_data(cls, data: Any) -> Counts:
        """The counts of a manifest's JSON; KeptStateUnreadable (or the TypeError of a wrong
        field) when they are not counts."""
        entities = data.get("entities")
        if entities is not None and not (
            type(entities) is dict
            and all(type(k) is str and type(n) is int for k, n in entities.items())
        ):
            raise KeptStateUnreadable("the entities' counts are not counts by class")
        return cls(**data)


@dataclass(frozen=True)
class Contents:
    """What a build's store holds: per source file (by its path in the data folder) its
    entry, and the codes of every country named."""

    sources: SourceEntries | KeptEntries
    countries: tuple[str, ...]


@dataclass(frozen=True)
class Manifest:
    """A build's ``manifest.json``: its inputs, entailment mode, contents and counts.

    :meth:`to_json` writes it (one line, keys sorted), the data files' rows aside
    (:func:`write_manifest` writes both); :meth:`from_data` reads it back with the kept
    rows, or a manifest of layout 2 that held them all.
    """

    inputs: Inputs
    infer: str
    contents: Contents
    counts: Counts | None
    layout: int = LAYOUT
    digest: str = ""
    """The digest of the data files' rows (:func:`~.manifest_rows.row_digest`), once written."""

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "data": {
                "path": self.inputs.data.path,
                "files": len(self.inputs.data.stat),
                "rows": self.digest,
            },
            "ontology": self.inputs.ontology.to_data(),
            "infer": self.infer,
            "layout": self.layout,
            "countries": list(self.contents.countries),
        }
        if self.counts is not None:
            counted = asdict(self.counts)
            data["counts"] = {k: v for k, v in counted.items() if v is not None}
        return json.dumps(data, sort_keys=True) + "\n"

    @classmethod
    def from_data(cls, data: dict[str, Any], kept: KeptRows | None = None) -> Manifest:
        """The manifest *data* (parsed JSON) holds, with its data files' rows *kept*;
        KeyError, TypeError, ValueError or KeptStateUnreadable when it is not one."""
        ontology = FolderHashes.from_data(data["ontology"])
        sources: SourceEntries | KeptEntries
        if data["layout"] == 2:  # every row in the JSON
            folder = FolderHashes.from_data(data["data"])
            sources, digest = entry_rows(data["sources"]), ""
        else:
            recorded = data["data"]
            int(recorded["rows"], 16)  # ValueError unless the digest is hexadecimal
            if kept is None or (recorded["files"], recorded["rows"]) != (
                len(kept.stat),
                kept.digest,
            ):
                raise KeptStateUnreadable(f"{ROWS} does not hold the rows of this manifest")
            files = FileHashes(kept, {}, kept.stat.keys())
            folder = FolderHashes(str(recorded["path"]), files, kept.stat)
            sources, digest = KeptEntries(kept), kept.digest
        counts = data.get("counts")
        return cls(
            Inputs(folder, ontology),
            str(data["infer"]),
            Contents(sources, tuple(data["countries"])),
            None if counts is None else Counts.from_data(counts),
            int(data["layout"]),
            digest,
        )


def write_manifest(folder: Path, manifest: Manifest) -> Manifest:
    """Write *manifest* into the build *folder*: its data files' rows (the previous
    build's rows, copied, with those that changed replaced; or all of them), then
    ``manifest.json``. Returns the manifest written (its layout and digest set)."""
    data, sources = manifest.inputs.data, manifest.contents.sources
    files = data.files
    kept = files.root() if isinstance(files, FileHashes) else None
    with collector_paused():  # the listings: a string or two per file
        if (
            kept is not None
            and kept.patchable
            and isinstance(files, FileHashes)
            and isinstance(sources, KeptEntries)
            and sources.kept is kept
        ):
            # The files whose stat is not the kept one are among those read: each listing
            # since the kept rows hashed the files whose stat its previous one did not
            # record (:func:`~graph_builder.manifest_inputs.input_hashes`), so a file whose
            # stat moved was read at the listing where it moved. No pass over every file's
            # stat again.
            stale = set(files.read().keys())
            stale |= sources.touched() & data.stat.keys()
            drop = kept.stat.keys() - data.stat.keys()
            rows = [_file_row(key, files[key], sources) for key in sorted(stale)]
            before = [(key, kept.hash_of(key) or "") for key in (stale | drop) & kept.stat.keys()]
            after = ((row[0], row[1]) for row in rows)
            digest = int(kept.digest, 16) ^ row_digest(before) ^ row_digest(after)
            patch_rows(folder / ROWS, kept, drop, rows, data.stat, digest)
        else:
            hashes = files.whole() if isinstance(files, FileHashes) else files
            rows = [_file_row(key, hashes[key], sources) for key in data.stat]
            digest = row_digest((key, hashes[key]) for key in data.stat)
            write_rows(folder / ROWS, rows, data.stat, digest)
    written = replace(manifest, layout=LAYOUT, digest=f"{digest:032x}")
    from graph_builder.files import write_text

    write_text(folder / MANIFEST, written.to_json())
    return written


def _file_row(key: str, hash: str, sources: Mapping[str, SourceEntry]) -> Row:
    entry = sources.get(key)
    if entry is None:
        return (key, hash, None, None)
    return (key, hash, entry.id, json.dumps(list(entry.countries)))


def read_manifest(out_dir: Path) -> Manifest | None:
    """The manifest of the build in *out_dir*, or None when there is no complete build."""
    from graph_builder.rdf.store import holds_store

    path = out_dir / MANIFEST
    if not path.is_file() or not holds_store(out_dir / STORE_DIR):
        return None
    with collector_paused():
        return _manifest_in(path, out_dir)


def _manifest_in(path: Path, out_dir: Path) -> Manifest | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or "countries" not in data:
        return None
    layout = data.get("layout")
    if layout not in (2, 3, LAYOUT) or (layout == 2 and "sources" not in data):
        log.info("%s was built by an older version; it is built again", out_dir)
        return None
    kept = None
    failed: Exception
    try:
        if layout != 2:
            kept = KeptRows(out_dir / ROWS, stat_in_rows=layout == 3)
        return Manifest.from_data(data, kept)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        failed = exc
    except KeptStateUnreadable as exc:
        failed = exc
    if kept is not None:
        kept.close()
    if isinstance(failed, KeptStateUnreadable):
        log.warning("%s: %s; it is built again", out_dir, failed)
    return None


def open_build(
    out_dir: Path, *, data_dir: Path | None = None, ontology_dir: Path | None = None
) -> GraphStore | None:
    """The persisted store in *out_dir* if it was built from the current inputs, else None.

    *data_dir* and *ontology_dir* default to the folders the store was built from.
    """
    folder = current_store(out_dir, data_dir=data_dir, ontology_dir=ontology_dir)
    if folder is None:
        return None
    from graph_builder.rdf.store import GraphStore
    from graph_builder.sparql.paging import LISTINGS_DIR

    return GraphStore.open(folder, read_only=True, listings=out_dir / LISTINGS_DIR)


def current_store(
    out_dir: Path, *, data_dir: Path | None = None, ontology_dir: Path | None = None
) -> Path | None:
    """The store folder of *out_dir* if it was built from the current inputs, else None.

    :func:`open_build` without opening the store: for a caller that opens it elsewhere
    (in a query process).
    """
    manifest = read_manifest(out_dir)
    if manifest is None:
        return None
    try:
        data = data_dir or Path(manifest.inputs.data.path)
        ontology = ontology_dir or Path(manifest.inputs.ontology.path)
        current = input_hashes(data, ontology, known=manifest.inputs)
    except OSError:
        return None
    if not current.same_as(manifest.inputs):
        log.info("%s was built from other inputs than these", out_dir)
        return None
    return out_dir / STORE_DIR
