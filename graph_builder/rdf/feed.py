"""Loading the same quads into several stores at once, each in its own thread."""

from __future__ import annotations

import queue
import threading

from graph_builder.rdf.store import GraphStore


class Feed:
    """Bulk-load the same N-Quads chunks into several stores at once, one thread per store.

    The engine lets go of Python's lock while it loads, so the caller goes on writing the
    next chunk (or runs queries on a store that is already complete) meanwhile. Chunks wait
    in a queue per store; the first error of a load is raised again by :meth:`close`. They
    are the mapping's text, so they are loaded as checked, with each triple in the default
    graph too (:meth:`GraphStore.load_nquads`).

    The stores in *compact* (on disk) are compacted in their thread once their last chunk
    is loaded: each chunk's load leaves files whose keys overlap the others', and a store
    read in that state answers queries a third slower, or more, depending on how far the
    engine's own compaction had got when the store was closed.
    """

    _DONE = b""
    QUEUED = 2
    """Chunks that wait per store at most: past that, :meth:`put` waits for the load to
    catch up, so the text waiting in memory stays the same whatever the dataset's size."""

    def __init__(self, *stores: GraphStore, compact: tuple[GraphStore, ...] = ()) -> None:
        self._queues: dict[int, queue.Queue[bytes]] = {}
        self._threads: dict[int, threading.Thread] = {}
        self._errors: list[BaseException] = []
        self._compact = {id(store) for store in compact}
        self._aborted = False
        for store in stores:
            inbox: queue.Queue[bytes] = queue.Queue(maxsize=self.QUEUED)
            thread = threading.Thread(target=self._load, args=(store, inbox), daemon=True)
            self._queues[id(store)], self._threads[id(store)] = inbox, thread
            thread.start()

    def _load(self, store: GraphStore, inbox: queue.Queue[bytes]) -> None:
        while (chunk := inbox.get()) is not self._DONE:
            if not self._errors:
                try:
                    store.load_nquads(chunk, checked=True, union=True)
                except BaseException as exc:  # raised again in the caller's thread
                    self._errors.append(exc)
        if id(store) in self._compact and not self._errors and not self._aborted:
            try:
                store.optimize()
            except BaseException as exc:
                self._errors.append(exc)

    def put(self, chunk: bytes, *, to: GraphStore | None = None) -> None:
        """Queue *chunk* for every open store (or only *to*)."""
        if self._errors:
            self.close()
        if chunk:
            for key, inbox in self._queues.items():
                if to is None or key == id(to):
                    inbox.put(chunk)

    def close(self, store: GraphStore | None = None) -> None:
        """Wait until *store* (or every store) has loaded what was queued for it."""
        for key in [id(store)] if store is not None else list(self._queues):
            self._stop(key)
        if self._errors:
            self.abort()  # the build fails: the other loads need not go on
            raise self._errors[0]

    def abort(self) -> None:
        """Drop the chunks still queued and wait for the loads under way to end."""
        self._aborted = True
        for key, inbox in list(self._queues.items()):
            while not inbox.empty():
                inbox.get_nowait()
            self._stop(key)

    def _stop(self, key: int) -> None:
        if key in self._queues:
            self._queues.pop(key).put(self._DONE)
            self._threads.pop(key).join()
