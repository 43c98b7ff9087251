"""A build's manifest: what it was built from, so later commands know whether it is current.

``manifest.json`` holds the content hash of every input file (data and ontology, by
relative path), the entailment mode, and per source file its id and the countries it
names. ``query``, ``view``, ``stats``, ``export`` and ``serve`` open a build's store only
when the inputs still hash the same; ``build`` uses it to load only the sources that
changed. This module is light on purpose: every command reads it at start-up.
"""

from __future__ import annotations

import json
import logging
import os
import stat as stat_module
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph_builder.collector import collector_paused
from graph_builder.errors import KeptStateUnreadable, SourceError
from graph_builder.ingest.input_files import check_input_file, hash_input_file, resolve_input
from graph_builder.rows import Rows

if TYPE_CHECKING:
    from graph_builder.rdf.store import GraphStore

log = logging.getLogger(__name__)

STORE_DIR = "store"
MANIFEST = "manifest.json"
LAYOUT = 2
"""What a build's store holds, recorded in its manifest as ``layout``: 2 since its default
graph holds the union of the named graphs. A build of another layout is built again."""


@dataclass(frozen=True)
class FolderHashes:
    """One input folder as a manifest records it: its resolved path, and by relative path
    each file's content hash and ``(size, modification time in ns)``."""

    path: str
    files: Mapping[str, str]
    stat: Mapping[str, tuple[int, int]]

    def to_data(self) -> dict[str, Any]:
        stats = dict(zip(self.stat.keys(), map(list, self.stat.values()), strict=True))
        return {"path": self.path, "files": dict(self.files), "stat": stats}

    @classmethod
    def from_data(cls, data: Any) -> FolderHashes:
        """The folder's entry *data* (parsed JSON); TypeError or AttributeError when it is
        not one."""
        recorded = data["stat"]
        values = tuple(map(tuple, recorded.values()))
        hash(values)  # TypeError unless each is a tuple of plain values, as a stat is
        stats = dict(zip(recorded.keys(), values, strict=True))
        return cls(str(data["path"]), dict(data["files"]), stats)


@dataclass(frozen=True)
class Inputs:
    """The content hashes of a build's input folders (:func:`input_hashes`)."""

    data: FolderHashes
    ontology: FolderHashes

    def same_as(self, other: Inputs) -> bool:
        """Whether both have the same paths and contents (times aside)."""
        return all(
            (mine.path, mine.files) == (theirs.path, theirs.files)
            for mine, theirs in ((self.data, other.data), (self.ontology, other.ontology))
        )


@dataclass(frozen=True)
class Counts:
    """A build's quads, statements and inferred statements, and the union's triples."""

    quads: int
    statements: int
    inferred: int
    triples: int | None = None
    """The distinct triples of the union (None: not counted; a manifest then has no
    ``triples``)."""

    def __add__(self, other: Counts) -> Counts:
        triples = None
        if self.triples is not None and other.triples is not None:
            triples = self.triples + other.triples
        return Counts(
            self.quads + other.quads,
            self.statements + other.statements,
            self.inferred + other.inferred,
            triples,
        )


@dataclass(frozen=True)
class SourceEntry:
    """A source file's entry in a manifest: its source's id and the countries it names."""

    id: str
    countries: tuple[str, ...]


class SourceEntries(Rows[SourceEntry]):
    """The sources' entries of a manifest by file, held as the JSON rows it reads and writes
    (``{"id": …, "countries": […]}``); an entry is made when it is looked up. So an
    incremental build reads, changes and writes the entries of thousands of sources without
    a Python object for each, and the work follows the few that changed."""

    @classmethod
    def of(cls, entries: Mapping[str, SourceEntry]) -> SourceEntries:
        """The entries *entries* (by file)."""
        return cls({key: _row(entry) for key, entry in entries.items()})

    def make(self, row: Any) -> SourceEntry:
        return SourceEntry(row["id"], tuple(row["countries"]))

    def replaced(self, drop: Iterable[str], add: Mapping[str, SourceEntry]) -> SourceEntries:
        """These entries without those of the files *drop*, with those of *add*."""
        rows = dict(self._rows)
        for key in drop:
            rows.pop(key, None)
        rows.update((key, _row(entry)) for key, entry in add.items())
        return SourceEntries(rows)

    def files_by_id(self) -> dict[str, str]:
        """Each source's id, with its file."""
        return {row["id"]: key for key, row in self._rows.items()}

    def countries(self) -> set[str]:
        """The codes of the countries any of the sources names."""
        return set().union(*(row["countries"] for row in self._rows.values()))

    def rows(self) -> dict[str, Mapping[str, Any]]:
        """The entries as the manifest's JSON holds them."""
        return self._rows


def _row(entry: SourceEntry) -> dict[str, Any]:
    return {"id": entry.id, "countries": list(entry.countries)}


def _entry_rows(data: Any) -> SourceEntries:
    """The ``sources`` of a manifest's JSON; KeptStateUnreadable when one is not an entry."""
    if not all(
        type(row) is dict
        and type(row.get("id")) is str
        and type(row.get("countries")) is list
        and all(type(code) is str for code in row["countries"])
        for row in data.values()
    ):
        raise KeptStateUnreadable("a source entry is not an id and a list of countries")
    return SourceEntries(data)


@dataclass(frozen=True)
class Contents:
    """What a build's store holds: per source file (by its path in the data folder) its
    entry, and the codes of every country named."""

    sources: SourceEntries
    countries: tuple[str, ...]


@dataclass(frozen=True)
class Manifest:
    """A build's ``manifest.json``: its inputs, entailment mode, contents and counts.

    :meth:`to_json` writes the bytes builds have always written (one line, keys sorted);
    :meth:`from_data` reads them back, including a manifest without counts.
    """

    inputs: Inputs
    infer: str
    contents: Contents
    counts: Counts | None
    layout: int = LAYOUT

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "data": self.inputs.data.to_data(),
            "ontology": self.inputs.ontology.to_data(),
            "infer": self.infer,
            "layout": self.layout,
            "sources": self.contents.sources.rows(),
            "countries": list(self.contents.countries),
        }
        if self.counts is not None:
            counted = asdict(self.counts)
            data["counts"] = {k: v for k, v in counted.items() if v is not None}
        # One line: the C encoder writes 6,400 sources' entries in milliseconds.
        with collector_paused():
            return json.dumps(data, sort_keys=True) + "\n"

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Manifest:
        """The manifest *data* (parsed JSON) holds; KeyError, TypeError or ValueError when
        it is not one."""
        inputs = Inputs(*(FolderHashes.from_data(data[k]) for k in ("data", "ontology")))
        sources = _entry_rows(data["sources"])
        counts = data.get("counts")
        return cls(
            inputs,
            str(data["infer"]),
            Contents(sources, tuple(data["countries"])),
            None if counts is None else Counts(**counts),
            int(data["layout"]),
        )


def input_hashes(
    data_dir: Path | None,
    ontology_dir: Path | None,
    *,
    known: Inputs | None = None,
) -> Inputs:
    """Content hashes of every input file, by folder and relative path.

    With *known* (a previous manifest's inputs), a file whose size and modification time are the
    ones recorded there keeps its recorded hash instead of being read again, as ``make``
    trusts timestamps; any other file is hashed.

    Raises :class:`~graph_builder.errors.SourceError` for anything in the folders but
    folders and regular files (see :mod:`graph_builder.ingest.input_files`).
    """
    from graph_builder import resources

    data = Path(data_dir or resources.data_dir())
    ontology = Path(ontology_dir or resources.ontology_dir())
    with collector_paused():  # a tuple or two per file: thousands of containers
        if known is None:
            return Inputs(_folder_hashes(data, None), _folder_hashes(ontology, None))
        return Inputs(_folder_hashes(data, known.data), _folder_hashes(ontology, known.ontology))


def _folder_hashes(folder: Path, before: FolderHashes | None) -> FolderHashes:
    """:func:`input_hashes` of one folder, *before* its entry in a previous manifest.

    One ``stat`` per file; the rest follows the change: the files whose size and time are
    the recorded ones are found with set operations on the two listings, and only the others
    are hashed."""
    path = str(folder.resolve())
    if before is None or before.path != path:
        before = FolderHashes(path, {}, {})
    stats = {key: (info.st_size, info.st_mtime_ns) for key, _, info in _input_files(folder)}
    same = dict(stats.items() & before.stat.items()).keys() & before.files.keys()
    files = dict(before.files)
    for key in files.keys() - same:
        del files[key]  # changed or removed
    for key in sorted(stats.keys() - same):
        files[key] = hash_input_file(os.path.join(folder, key), folder)
    return FolderHashes(path, files, stats)


def unchanged_since(inputs: Inputs, *, data_files: Collection[str] | None = None) -> bool:
    """Whether the input files still hash as *inputs* (:func:`input_hashes`) says.

    With *data_files* (a build that read only those files of the data folder), only they
    are looked at there: a file not read may change meanwhile, the manifest then names its
    old content, and the next build sees it changed. The ontology folder is looked at whole.
    """
    data, ontology = Path(inputs.data.path), Path(inputs.ontology.path)
    if data_files is None:
        return input_hashes(data, ontology, known=inputs).same_as(inputs)
    if _folder_hashes(ontology, inputs.ontology).files != inputs.ontology.files:
        return False
    recorded = inputs.data
    for key in data_files:
        path = data / key
        try:
            info = os.stat(path)
        except OSError:
            return False
        if (info.st_size, info.st_mtime_ns) != recorded.stat.get(key) and hash_input_file(
            path, data
        ) != recorded.files.get(key):
            return False
    return True


def _input_files(folder: Path) -> Iterator[tuple[str, str, os.stat_result]]:
    """``(relative path, path, stat)`` of every input file under *folder*.

    The files ``folder.rglob("*")`` lists whose own name does not start with a dot;
    symbolic links to folders are not entered. Anything else than a regular file (a FIFO,
    a device, a socket, a symbolic link that is dangling, loops or leaves *folder*) raises
    :class:`~graph_builder.errors.SourceError` without being opened. One ``os.scandir``
    per folder and one ``stat`` per entry, without a ``Path`` per file: at 6,400 sources
    this takes a fraction of the time.
    """
    if not os.path.isdir(folder):
        return  # rglob lists nothing either
    pending = [("", str(folder))]
    while pending:
        prefix, directory = pending.pop()
        try:
            entries = list(os.scandir(directory))
        except PermissionError as exc:
            if not prefix:
                raise SourceError(folder, f"cannot read folder: {exc.strerror}") from None
            continue  # an unreadable subfolder is passed over, as rglob passes it over
        for entry in entries:
            key = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                pending.append((key + os.sep, entry.path))  # hidden ones too, as rglob
                continue
            if entry.name.startswith("."):
                continue
            info = entry.stat(follow_symlinks=False)
            if entry.is_symlink():
                info = resolve_input(entry.path, folder)
                if stat_module.S_ISDIR(info.st_mode):
                    continue  # not entered, as rglob
            if not stat_module.S_ISREG(info.st_mode):
                check_input_file(entry.path, folder)  # raises, naming what it is
            yield key, entry.path, info


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
    if not isinstance(data, dict) or not {"sources", "countries"} <= set(data):
        return None
    if data.get("layout") != LAYOUT:
        log.info("%s was built by an older version; it is built again", out_dir)
        return None
    try:
        return Manifest.from_data(data)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, KeptStateUnreadable):
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
