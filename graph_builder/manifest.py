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
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph_builder.errors import SourceError
from graph_builder.ingest.input_files import check_input_file, hash_input_file, resolve_input

if TYPE_CHECKING:
    from graph_builder.rdf.store import GraphStore

log = logging.getLogger(__name__)

STORE_DIR = "store"
MANIFEST = "manifest.json"
LAYOUT = 2
"""What a build's store holds, recorded in its manifest as ``layout``: 2 since its default
graph holds the union of the named graphs. A build of another layout is built again."""


def input_hashes(
    data_dir: Path | None,
    ontology_dir: Path | None,
    *,
    known: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Content hashes of every input file, by folder and relative path.

    With *known* (a previous manifest), a file whose size and modification time are the
    ones recorded there keeps its recorded hash instead of being read again, as ``make``
    trusts timestamps; any other file is hashed.

    Raises :class:`~graph_builder.errors.SourceError` for anything in the folders but
    folders and regular files (see :mod:`graph_builder.ingest.input_files`).
    """
    from graph_builder import resources

    folders = {
        "data": Path(data_dir or resources.data_dir()),
        "ontology": Path(ontology_dir or resources.ontology_dir()),
    }
    return {
        name: _folder_hashes(folder, (known or {}).get(name) or {})
        for name, folder in folders.items()
    }


def _folder_hashes(folder: Path, before: dict[str, Any]) -> dict[str, Any]:
    """:func:`input_hashes` of one folder, *before* its entry in a previous manifest."""
    same_folder = before.get("path") == str(folder.resolve())
    old_hashes, old_stats = before.get("files", {}), before.get("stat", {})
    files, stats = {}, {}
    for key, path, info in sorted(_input_files(folder)):
        stat = [info.st_size, info.st_mtime_ns]
        if same_folder and old_stats.get(key) == stat and key in old_hashes:
            files[key] = old_hashes[key]
        else:
            files[key] = hash_input_file(path, folder)
        stats[key] = stat
    return {"path": str(folder.resolve()), "files": files, "stat": stats}


def unchanged_since(inputs: dict[str, Any], *, data_files: Collection[str] | None = None) -> bool:
    """Whether the input files still hash as *inputs* (:func:`input_hashes`) says.

    With *data_files* (a build that read only those files of the data folder), only they
    are looked at there: a file not read may change meanwhile, the manifest then names its
    old content, and the next build sees it changed. The ontology folder is looked at whole.
    """
    data, ontology = (Path(inputs[name]["path"]) for name in ("data", "ontology"))
    if data_files is None:
        return same_inputs(input_hashes(data, ontology, known=inputs), inputs)
    if _folder_hashes(ontology, inputs["ontology"])["files"] != inputs["ontology"]["files"]:
        return False
    recorded = inputs["data"]
    for key in data_files:
        path = data / key
        try:
            info = os.stat(path)
        except OSError:
            return False
        if [info.st_size, info.st_mtime_ns] != recorded["stat"].get(key) and hash_input_file(
            path, data
        ) != recorded["files"].get(key):
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


def same_inputs(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two manifests' inputs have the same paths and contents (times aside)."""
    return all(
        (a.get(k) or {}).get(f) == (b.get(k) or {}).get(f)
        for k in ("data", "ontology")
        for f in ("path", "files")
    )


def read_manifest(out_dir: Path) -> dict[str, Any] | None:
    """The manifest of the build in *out_dir*, or None when there is no complete build."""
    from graph_builder.rdf.store import holds_store

    path = out_dir / MANIFEST
    if not path.is_file() or not holds_store(out_dir / STORE_DIR):
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or not {"sources", "countries"} <= set(manifest):
        return None
    if manifest.get("layout") != LAYOUT:
        log.info("%s was built by an older version; it is built again", out_dir)
        return None
    return manifest


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
        data = data_dir or Path(manifest["data"]["path"])
        ontology = ontology_dir or Path(manifest["ontology"]["path"])
        current = input_hashes(data, ontology, known=manifest)
    except (OSError, KeyError, TypeError):
        return None
    if not same_inputs(current, manifest):
        log.info("%s was built from other inputs than these", out_dir)
        return None
    return out_dir / STORE_DIR
