"""The content hashes of a build's input folders, as its manifest records them: each
file's hash and stat, by folder, and whether the folders still hash the same.

A file whose size, modification time and inode are the recorded ones keeps its recorded
hash (as ``make`` trusts timestamps); only the others are read again. Every command that
opens a build checks it this way at start-up, so this module is light on purpose.

Where the folders are does not matter, only what they hold: a project copied or moved (or
restored from a cache elsewhere) is up to date when its files hash as recorded. A folder
that is not at its recorded path has each of its files hashed again (no recorded stat is
trusted there), and a build then loads only the files whose content changed. What a build
writes names no input folder (a source is known by its path within the data folder), with
one exception: an ontology that writes a relative IRI, resolved against its file's own
``file:`` address (:meth:`Inputs.ontology_moved`); that build is made again in full.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph_builder.collector import collector_paused
from graph_builder.errors import KeptStateUnreadable
from graph_builder.ingest.input_files import hash_input_file, list_input_files, stat_text
from graph_builder.manifest_rows import FileHashes


@dataclass(frozen=True)
class FolderHashes:
    """One input folder as a manifest records it: its resolved path, and by relative path
    each file's content hash and stat (``"size mtime_ns inode"``)."""

    path: str
    files: Mapping[str, str]
    stat: Mapping[str, str]

    def to_data(self) -> dict[str, Any]:
        return {"path": self.path, "files": dict(self.files), "stat": dict(self.stat)}

    @classmethod
    def from_data(cls, data: Any) -> FolderHashes:
        """The folder's entry *data* (parsed JSON); KeyError, TypeError, AttributeError or
        KeptStateUnreadable when it is not one (the manifest's reader catches each and builds
        again). A stat recorded as a list (layout 2) is read as text that no file's stat
        equals: each file is hashed once again."""
        recorded = data["stat"]
        stats = dict(zip(recorded.keys(), map(_stat_text, recorded.values()), strict=True))
        return cls(str(data["path"]), dict(data["files"]), stats)

    def differ_from(self, before: FolderHashes) -> set[str]:
        """The files added, removed or changed since *before*, by content: wherever either
        folder is (*before* may be another folder's, or this one's before it moved)."""
        if isinstance(self.files, FileHashes):
            return self.files.differ_from(before.files)
        return {key for key, _ in before.files.items() ^ self.files.items()}


def _stat_text(value: Any) -> str:
    if type(value) is list and all(type(part) is int for part in value):
        return " ".join(map(str, value))
    if type(value) is not str:
        raise KeptStateUnreadable(f"a recorded file stat is {value!r}, not numbers")
    return value


@dataclass(frozen=True)
class Inputs:
    """The content hashes of a build's input folders (:func:`input_hashes`)."""

    data: FolderHashes
    ontology: FolderHashes

    def same_as(self, other: Inputs) -> bool:
        """Whether both have the same contents (times and paths aside), and a build of
        *other* is one of these (:meth:`ontology_moved`)."""
        return (
            self.ontology.differ_from(other.ontology) == set()
            and self.data.differ_from(other.data) == set()
            and not self.ontology_moved(other)
        )

    def ontology_moved(self, before: Inputs) -> bool:
        """Whether the ontology folder is not where *before* had it, and its graph names
        where it is: its files write a relative IRI, resolved against the file's own
        ``file:`` address (:func:`graph_builder.ontology.names_its_folder`). A build of
        *before* holds the old folder's IRIs then, and is not one of these inputs. The
        ontology is parsed only when the folder moved."""
        if self.ontology.path == before.ontology.path:
            return False
        from graph_builder.ontology import names_its_folder

        return names_its_folder(Path(self.ontology.path))


def input_hashes(
    data_dir: Path | None,
    ontology_dir: Path | None,
    *,
    known: Inputs | None = None,
) -> Inputs:
    """Content hashes of every input file, by folder and relative path.

    With *known* (a previous manifest's inputs), a file whose size, modification time and
    inode are the ones recorded there keeps its recorded hash instead of being read again,
    as ``make`` trusts timestamps; any other file is hashed, and so is every file of a
    folder that is not at the path *known* records (copied or moved: the hashes then say
    what changed, :meth:`FolderHashes.differ_from`).

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

    One ``stat`` per file; the rest follows the change: the files whose size, time and
    inode are not the recorded ones are found in one pass over the listing, and only they
    are hashed (their hashes over *before*'s, which are read when looked up). (A pass
    looking each file up: 2 ms for 25,600 files, against 17 ms for the set of the files
    whose stat is the recorded one.) In a folder at another path than *before*'s, every
    file is hashed: a stat recorded for another folder says nothing of this one's files
    (another file system's inodes, times kept by a copy)."""
    path = str(folder.resolve())
    stats = list_input_files(folder)
    if before is None:
        hashed = {key: hash_input_file(os.path.join(folder, key), folder) for key in sorted(stats)}
        return FolderHashes(path, hashed, stats)
    if before.path != path:
        changed = sorted(stats)
    else:
        recorded = before.stat.get
        changed = sorted([key for key, info in stats.items() if recorded(key) != info])
    fresh = {key: hash_input_file(os.path.join(folder, key), folder) for key in changed}
    return FolderHashes(path, FileHashes(before.files, fresh, stats.keys()), stats)


def changed_since(inputs: Inputs, *, data_files: Collection[str] | None = None) -> Path | None:
    """The input folder whose files no longer hash as *inputs* (:func:`input_hashes`) says,
    the ontology folder first; None when both still do.

    With *data_files* (a build that read only those files of the data folder), only they
    are looked at there: a file not read may change meanwhile, the manifest then names its
    old content, and the next build sees it changed. The ontology folder is looked at whole.
    """
    data, ontology = Path(inputs.data.path), Path(inputs.ontology.path)
    if _folder_hashes(ontology, inputs.ontology).differ_from(inputs.ontology) != set():
        return ontology
    if data_files is None:
        return None if _folder_hashes(data, inputs.data).differ_from(inputs.data) == set() else data
    recorded = inputs.data
    for key in data_files:
        path = data / key
        try:
            info = os.stat(path)
        except OSError:
            return data
        if stat_text(info) != recorded.stat.get(key) and hash_input_file(
            path, data
        ) != recorded.files.get(key):
            return data
    return None
