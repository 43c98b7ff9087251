"""N-Quads shards of a built store, for bulk loaders that read files (Virtuoso's ``ld_dir``).

:func:`write_shards` writes the store's named graphs into a folder of N-Quads files, each at
most ``shard_bytes`` long, and a manifest (:data:`MANIFEST`) listing every shard with the
quads it holds per graph. The engine serialises the quads batch by batch as they are read
from the store, so memory stays flat however large the store is.

Graphs are written group by group: a graph's group is the first segment of its name under
the project's graph namespace (``graph:source/S1`` is in group ``source``, ``graph:ontology``
in ``ontology``; a graph outside the namespace is in ``other``). Each group has its own
shards, named ``GROUP-NNNNN.nq`` from ``00001``; graphs go in sorted order, packed into a
shard until the next quad would pass the bound, so a large graph runs on into the next
shard of its group. A graph that holds blank nodes is never split: bulk loaders read each
file on its own, so a blank node written in two files would become two nodes. It starts a
new shard when it does not fit in the current one, and a graph with blank nodes larger
than the bound is an error. The same store gives the same files.

The folder is assembled beside its target and renamed into place when complete
(:mod:`graph_builder.files`): a failure leaves no partial set of shards. A folder that is
already there is replaced only when it is a shard folder this module wrote (or empty).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from graph_builder.errors import OutputError, SourceError
from graph_builder.files import (
    MARKER,
    fsync_tree,
    os_reason,
    remove_folder,
    staging_folder,
    swap_in_folder,
)
from graph_builder.namespaces import GRAPH
from graph_builder.rdf.store import GraphStore

MANIFEST = "shards.json"
"""The manifest's file name in a shard folder."""
SUFFIX = ".nq"
BULK_STAGING = ".bulk-staging-"
"""Folders in a shard folder whose names start so are a bulk push's staging copies
(:mod:`graph_builder.publish_bulk`), not shards."""
BATCH = 4096
"""Quads serialised by the engine in one call."""


@dataclass
class Shard:
    """One N-Quads file of a shard folder."""

    file: str
    group: str
    bytes: int = 0
    quads: int = 0
    graphs: dict[str, int] = field(default_factory=dict)
    """Graph IRI → quads of that graph in this file."""


@dataclass
class ShardSet:
    """A shard folder: where it is, the bound its files keep to, and its shards."""

    folder: Path
    shard_bytes: int
    shards: list[Shard] = field(default_factory=list)

    @property
    def quads(self) -> int:
        return sum(s.quads for s in self.shards)

    def graphs(self) -> dict[str, int]:
        """Graph IRI → quads, over every shard, in the order the graphs were written."""
        totals: dict[str, int] = {}
        for shard in self.shards:
            for iri, quads in shard.graphs.items():
                totals[iri] = totals.get(iri, 0) + quads
        return totals

    def shards_of(self, iri: str) -> list[str]:
        """The files that hold quads of the graph *iri*."""
        return [s.file for s in self.shards if iri in s.graphs]

    def text(self) -> str:
        """A one-line summary."""
        groups = len({s.group for s in self.shards})
        return (
            f"wrote {len(self.shards)} shards in {groups} graph groups "
            f"({len(self.graphs())} graphs, {self.quads} quads, "
            f"each at most {self.shard_bytes} bytes) to {self.folder}"
        )


def graph_group(iri: str) -> str:
    """The group of the graph *iri*: its first segment under the project's graph namespace."""
    base = str(GRAPH)
    if not iri.startswith(base) or not iri[len(base) :]:
        return "other"
    head = iri[len(base) :].split("/", 1)[0]
    return head if re.fullmatch(r"[A-Za-z0-9_-]+", head) else "other"


def write_shards(store: GraphStore, folder: Path, *, shard_bytes: int) -> ShardSet:
    """Write the named graphs of *store* as N-Quads shards of at most *shard_bytes* each,
    and their manifest, into the folder *folder* (replaced as a whole when complete)."""
    folder = Path(folder)
    _check_replaceable(folder)
    staging = staging_folder(folder)
    try:
        result = _Writer(staging, shard_bytes).write(store)
        _dump_manifest(result, staging / MANIFEST)
        fsync_tree(staging)
        swap_in_folder(staging, folder)
    except OSError as exc:
        remove_folder(staging)
        raise OutputError(f"{folder}: cannot write the shards: {os_reason(exc)}") from None
    except BaseException:
        remove_folder(staging)
        raise
    result.folder = folder
    return result


def read_shards(folder: Path) -> ShardSet:
    """The shard folder *folder*, its manifest checked against the files it names."""
    folder = Path(folder)
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        result = ShardSet(
            folder,
            int(data["shard_bytes"]),
            [
                Shard(s["file"], s["group"], int(s["bytes"]), int(s["quads"]), dict(s["graphs"]))
                for s in data["shards"]
            ],
        )
    except FileNotFoundError:
        raise SourceError(
            path, "no shard manifest here; write shards with the export command first"
        ) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SourceError(path, f"not a shard manifest ({exc}); write the shards again") from None
    listed = {s.file for s in result.shards}
    present = {
        p.name
        for p in folder.iterdir()
        if p.name not in (MANIFEST, MARKER) and not p.name.startswith(BULK_STAGING)
    }
    for name in sorted(present - listed):
        raise SourceError(
            folder / name,
            "not listed in the shard manifest; a bulk loader would load it too: "
            "move it out of the shard folder",
        )
    for shard in result.shards:
        where = folder / shard.file
        size = where.stat().st_size if where.is_file() else None
        if size != shard.bytes:
            found = "missing" if size is None else f"{size} bytes"
            raise SourceError(
                where,
                f"{found}, the manifest says {shard.bytes} bytes; write the shards again",
            )
    return result


# ---------------------------------------------------------------- private


@dataclass(frozen=True)
class _Mark:
    """Where a graph began: the shard's index and how long that shard was then."""

    index: int
    bytes: int
    quads: int


class _Writer:
    def __init__(self, folder: Path, shard_bytes: int) -> None:
        self.folder = folder
        self.limit = shard_bytes
        self.shards: list[Shard] = []
        self.handle: IO[bytes] | None = None
        self.group = ""

    def write(self, store: GraphStore) -> ShardSet:
        graphs = sorted(store.named_graphs(), key=lambda iri: (graph_group(iri), iri))
        try:
            for iri in graphs:
                if graph_group(iri) != self.group:
                    self.group = graph_group(iri)
                    self._open_next()
                self._write_graph(store, iri)
        finally:
            self._close()
        for shard in [s for s in self.shards if not s.quads]:  # empty graphs write nothing
            (self.folder / shard.file).unlink()
        return ShardSet(self.folder, self.limit, [s for s in self.shards if s.quads])

    def _write_graph(self, store: GraphStore, iri: str) -> None:
        mark = _Mark(len(self.shards) - 1, self.shards[-1].bytes, self.shards[-1].quads)
        if self._stream(store, iri, whole=False):
            return
        self._roll_back(mark, iri)
        if mark.bytes:  # not alone in its shard: try again at the start of a new one
            self._open_next()
        self._stream(store, iri, whole=True)

    def _stream(self, store: GraphStore, iri: str, *, whole: bool) -> bool:
        """Write the quads of *iri*, moving on to a new shard at the bound; False when the
        graph holds blank nodes and was (or would be) split, to be written again whole.
        With *whole*, a graph too large for one shard is an error."""
        split = False
        blank = whole
        for batch in _batches(store.quads(iri)):
            data = ox.serialize(batch, format=ox.RdfFormat.N_QUADS) or b""
            blank = blank or _has_blank_node(data, batch)
            if blank and split:
                return False
            while data:
                room = self.limit - self.shards[-1].bytes
                if len(data) <= room:
                    self._put(iri, data)
                    break
                if blank and whole:
                    raise OutputError(
                        f"{iri}: the graph holds blank nodes, which must stay in one file, "
                        f"and needs more than {self.limit} bytes; choose a larger shard size"
                    )
                if blank:
                    return False
                cut = data.rfind(b"\n", 0, room) + 1
                if cut == 0 and self.shards[-1].bytes == 0:
                    line = data[: data.index(b"\n") + 1]
                    raise OutputError(
                        f"{iri}: a quad of {len(line)} bytes is longer than the shard size "
                        f"{self.limit}; choose a larger shard size"
                    )
                self._put(iri, data[:cut])
                data = data[cut:]
                self._open_next()
                split = True
        return True

    def _put(self, iri: str, data: bytes) -> None:
        assert self.handle is not None
        self.handle.write(data)
        shard = self.shards[-1]
        quads = data.count(b"\n")
        shard.bytes += len(data)
        shard.quads += quads
        if quads:
            shard.graphs[iri] = shard.graphs.get(iri, 0) + quads

    def _roll_back(self, mark: _Mark, iri: str) -> None:
        """Undo the writing of *iri*: back to the shard and length it started at."""
        self._close()
        for shard in self.shards[mark.index + 1 :]:
            (self.folder / shard.file).unlink()
        del self.shards[mark.index + 1 :]
        shard = self.shards[mark.index]
        shard.bytes, shard.quads = mark.bytes, mark.quads
        shard.graphs.pop(iri, None)
        self.handle = (self.folder / shard.file).open("r+b")
        self.handle.truncate(mark.bytes)
        self.handle.seek(mark.bytes)

    def _open_next(self) -> None:
        self._close()
        number = sum(1 for s in self.shards if s.group == self.group) + 1
        shard = Shard(f"{self.group}-{number:05d}{SUFFIX}", self.group)
        self.shards.append(shard)
        self.handle = (self.folder / shard.file).open("xb")

    def _close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def _batches(quads: Iterator[ox.Quad]) -> Iterator[list[ox.Quad]]:
    while batch := list(islice(quads, BATCH)):
        yield batch


def _has_blank_node(data: bytes, batch: list[ox.Quad]) -> bool:
    if b"_:" not in data:  # the text of a blank node; literals may hold it too, so look
        return False
    return any(
        isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in batch
    )


def _dump_manifest(result: ShardSet, path: Path) -> None:
    data: dict[str, Any] = {
        "format": "application/n-quads",
        "shard_bytes": result.shard_bytes,
        "quads": result.quads,
        "shards": [
            {
                "file": s.file,
                "group": s.group,
                "bytes": s.bytes,
                "quads": s.quads,
                "graphs": s.graphs,
            }
            for s in result.shards
        ],
    }
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _check_replaceable(folder: Path) -> None:
    if not folder.exists():
        return
    if not folder.is_dir():
        raise OutputError(f"{folder}: a file, not a folder; choose a folder for the shards")
    ours = (folder / MANIFEST).is_file() and (folder / MARKER).is_file()
    if not ours and any(folder.iterdir()):
        raise OutputError(
            f"{folder}: the folder holds files that are not shards written by graph-builder; "
            "choose a new or empty folder"
        )
