"""Which build ``serve`` answers from: one private, unchanging copy for its whole run.

A build swaps a new folder in place of the old one. A worker that starts later (after a
504 kills its predecessor) would open the new store while the others keep the old one,
and answers would alternate between builds. So the server takes a snapshot of the build's
store when it starts (the engine hard-links the immutable files, so this is cheap on one
file system) and every worker, first or restarted, opens that snapshot. A new build is
served after a restart.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from graph_builder.errors import OutputError
from graph_builder.inputs import DatasetInputs
from graph_builder.manifest import MANIFEST, STORE_DIR
from graph_builder.manifest_inputs import Inputs, input_hashes
from graph_builder.rdf.store import GraphStore, open_store

__all__ = ["ServedBuild", "build_id", "inputs_id", "served_build", "snapshot_build"]

_ATTEMPTS = 3


@dataclass(frozen=True)
class ServedBuild:
    """A store folder that no build replaces, and the id of the build it holds."""

    store: Path
    build_id: str

    def factory(self) -> Callable[[], GraphStore]:
        """A picklable dataset factory for the worker processes."""
        return partial(open_store, self.store)


def build_id(manifest: bytes) -> str:
    """The id of a build: the start of the SHA-256 of its ``manifest.json``."""
    return "sha256:" + hashlib.sha256(manifest).hexdigest()[:16]


def inputs_id(hashes: Inputs) -> str:
    """The id of data built without a manifest, from its input files' content hashes."""
    files = {"data": dict(hashes.data.files), "ontology": dict(hashes.ontology.files)}
    canonical = json.dumps(files, sort_keys=True).encode("utf-8")
    return "inputs:" + hashlib.sha256(canonical).hexdigest()[:16]


def snapshot_build(build_dir: Path) -> tuple[ServedBuild, Callable[[], None]]:
    """A private copy of the store in *build_dir*, and what removes it.

    The manifest is read before and after the copy; when a build was swapped in meanwhile
    the copy is taken again, so the id always names the build copied.
    """
    folder = Path(tempfile.mkdtemp(prefix="graph-builder-serve-", dir=_beside(build_dir)))
    remove = partial(shutil.rmtree, folder, ignore_errors=True)
    try:
        for attempt in range(_ATTEMPTS):
            target = folder / f"store-{attempt}"
            before = _manifest(build_dir)
            try:
                GraphStore.open(build_dir / STORE_DIR, read_only=True).backup(target)
            except OutputError:
                if attempt == _ATTEMPTS - 1:
                    raise
                continue  # the folder was swapped out under the copy
            if _manifest(build_dir) == before:
                return ServedBuild(target, build_id(before)), remove
            shutil.rmtree(target, ignore_errors=True)
        raise OutputError(
            f"{build_dir}: a build replaced it {_ATTEMPTS} times while it was being copied; "
            "serve it again when the builds have finished"
        )
    except BaseException:
        remove()
        raise


def served_build(inputs: DatasetInputs) -> tuple[ServedBuild, Callable[[], None]]:
    """The build's store copied aside when it is up to date, else the data built apart;
    and what to call when done with it."""
    if inputs.current_store() is not None:
        return snapshot_build(inputs.build_dir)
    path, cleanup = inputs.temporary_store()
    try:
        hashes = input_hashes(inputs.data_dir, inputs.ontology_dir)
    except BaseException:
        cleanup()
        raise
    return ServedBuild(path, inputs_id(hashes)), cleanup


def _manifest(build_dir: Path) -> bytes:
    try:
        return (build_dir / MANIFEST).read_bytes()
    except OSError as exc:
        raise OutputError(f"{build_dir / MANIFEST}: cannot read the manifest: {exc}") from None


def _beside(build_dir: Path) -> str:
    """The system's temporary folder when it is on the build's file system (hard links
    then work), else the folder holding the build."""
    temp = tempfile.gettempdir()
    parent = build_dir.absolute().parent
    try:
        if os.stat(temp).st_dev == os.stat(parent).st_dev:
            return temp
    except OSError:
        return temp
    return str(parent)
