"""Loading the same chunks into several stores at once (graph_builder.rdf.feed)."""

from __future__ import annotations

import threading

import pytest

from graph_builder.rdf.feed import Feed
from graph_builder.rdf.store import GraphStore

CHUNKS = [
    "".join(f"<urn:s{i}> <urn:p> <urn:o{j}> <urn:g{i % 3}> .\n" for j in range(50)).encode()
    for i in range(6)
]


class _Recording(GraphStore):
    """A store on disk that notes what it was asked to do, in order."""

    def __init__(self, path):
        created = GraphStore.create(path)
        super().__init__(created._store, path=path)
        self.calls: list[str] = []

    def load_nquads(self, data, *, checked=False, union=False):
        super().load_nquads(data, checked=checked, union=union)
        self.calls.append("load")

    def optimize(self):
        super().optimize()
        self.calls.append("optimize")


def test_every_store_gets_every_chunk(tmp_path):
    memory, disk = GraphStore.memory(), GraphStore.create(tmp_path / "store")
    feed = Feed(memory, disk)
    for chunk in CHUNKS:
        feed.put(chunk)
    feed.close(memory)
    assert len(memory) == 300
    feed.put(b"<urn:x> <urn:p> <urn:y> <urn:g0> .\n", to=disk)
    feed.close()
    assert len(disk) == 301
    assert {str(q) for q in memory.quads()} < {str(q) for q in disk.quads()}


def test_a_store_to_compact_is_compacted_after_its_last_chunk(tmp_path):
    disk = _Recording(tmp_path / "store")
    feed = Feed(GraphStore.memory(), disk, compact=(disk,))
    for chunk in CHUNKS:
        feed.put(chunk)
    feed.close()
    assert disk.calls == ["load"] * len(CHUNKS) + ["optimize"]
    assert len(disk) == 300


def test_an_aborted_or_failed_load_is_not_compacted(tmp_path):
    aborted = _Recording(tmp_path / "aborted")
    feed = Feed(aborted, compact=(aborted,))
    feed.put(CHUNKS[0])
    feed.abort()
    assert "optimize" not in aborted.calls

    failed = _Recording(tmp_path / "failed")
    feed = Feed(failed, compact=(failed,))
    feed.put(b"<urn:s> <urn:p> not a term .\n")
    with pytest.raises(SyntaxError):
        feed.close()
    assert failed.calls == []


class _Held(GraphStore):
    """A store in memory whose loads wait until it is let go."""

    def __init__(self):
        super().__init__(GraphStore.memory()._store)
        self.go = threading.Event()

    def load_nquads(self, data, *, checked=False, union=False):
        self.go.wait()
        super().load_nquads(data, checked=checked, union=union)


def test_put_waits_while_the_queue_is_full():
    """At most :attr:`Feed.QUEUED` chunks wait for a store that is still loading: the text
    held in memory does not grow with the dataset."""
    held = _Held()
    feed = Feed(held)
    # one chunk in the load, QUEUED waiting, and the next put has to wait
    putter = threading.Thread(target=lambda: [feed.put(c) for c in CHUNKS[: Feed.QUEUED + 2]])
    putter.start()
    putter.join(timeout=0.2)  # unblocked, the puts take microseconds
    assert putter.is_alive()
    held.go.set()
    putter.join()
    feed.close()
    assert len(held) == 50 * (Feed.QUEUED + 2)
