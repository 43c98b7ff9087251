"""A pool of query worker processes with hard wall-clock timeouts.

A query cannot be interrupted from a thread, so every query runs in a separate
process that loads the dataset once. A query that outlives its timeout has its process
killed (SIGKILL) and replaced; the server never waits for it. Workers ignore SIGINT (the
server decides when they stop), cap their address space, and refuse every network call
through an audit hook (:func:`graph_builder.sparql.bounded.confine`, shared with the
command line's bounded queries), so a query can never reach another host even if a guard
missed it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from graph_builder.errors import ServerError
from graph_builder.rdf.query_errors import explain_unparsed
from graph_builder.rdf.store import Answer, GraphStore
from graph_builder.server.admission import AdmissionLimits, FairScheduler, Lease
from graph_builder.sparql.bounded import confine, query_context
from graph_builder.sparql.guard import QueryRefused, check_protocol_dataset, parse_guarded
from graph_builder.sparql.named import Bindings, bind_values
from graph_builder.sparql.results import (
    GRAPH_TYPES,
    RESULT_FORMATS,
    RESULT_TYPES,
    Written,
    negotiate,
    not_acceptable,
    write_graph,
    write_results,
)

log = logging.getLogger("graph_builder.server.app")


@dataclass(frozen=True)
class WorkerLimits:
    """What one query may produce inside a worker."""

    max_rows: int
    max_bytes: int
    max_memory_mb: int


@dataclass(frozen=True)
class QueryJob:
    """One query to evaluate, with its protocol parameters."""

    text: str
    accept: str | None = None
    bindings: Bindings | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base_iri: str | None = None
    """Resolves relative IRIs in a query without BASE: the endpoint's URL."""
    trusted: bool = False
    """A named query of this package: evaluated without the guard's check (its parameters
    are bound as terms)."""


@dataclass(frozen=True)
class ViewerJob:
    """Render the HTML viewer of the whole dataset."""

    lang: str = "en"


@dataclass
class Reply:
    """What the HTTP layer sends back for a job."""

    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    cpu_seconds: float = 0.0
    """Processor time the worker spent on it: what the job cost, however busy the host."""

    @classmethod
    def text(cls, status: int, message: str, **headers: str) -> Reply:
        return cls(status, "text/plain; charset=utf-8", (message + "\n").encode(), headers)


# --------------------------------------------------------------------------- worker side


def _worker_main(conn: Connection, factory: Callable[[], GraphStore], limits: WorkerLimits) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    confine(limits.max_memory_mb)
    try:
        dataset = factory()
    except BaseException as exc:
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    served = dataset.named_graphs()
    conn.send(("ready", served))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        started = time.process_time()
        if isinstance(job, ViewerJob):
            reply = _render_viewer(dataset, job)
        else:
            reply = _answer(dataset, served, job, limits)
        reply.cpu_seconds = time.process_time() - started
        conn.send(reply)


def _render_viewer(dataset: GraphStore, job: ViewerJob) -> Reply:
    try:
        from graph_builder.viewer.render import render_viewer
    except ImportError:
        return Reply.text(404, "the viewer is not available in this installation")
    try:
        html = render_viewer(dataset, lang=job.lang)
    except Exception as exc:
        log.exception("rendering the viewer failed")
        return Reply.text(500, f"the viewer could not be rendered: {type(exc).__name__}")
    return Reply(200, "text/html; charset=utf-8", html.encode("utf-8"))


def _answer(dataset: GraphStore, served: list[str], job: QueryJob, limits: WorkerLimits) -> Reply:
    try:
        if not job.trusted:
            try:
                parse_guarded(job.text, served_graphs=served)
            except QueryRefused as exc:
                raise explain_unparsed(job.text, exc) from None  # what is wrong, in words
        check_protocol_dataset(
            default=list(job.default_graphs), named=list(job.named_graphs), served_graphs=served
        )
        answer = dataset.query(  # evaluated as it is read: after the negotiation
            bind_values(job.text, job.bindings or {}),
            default_graphs=job.default_graphs or None,
            named_graphs=job.named_graphs or None,
            base_iri=job.base_iri,
        )
        media_type, out = _written(answer, job.accept, limits.max_rows)
        if len(out.body) > limits.max_bytes:
            raise QueryRefused(
                f"the result is {len(out.body)} bytes, over this endpoint's limit of "
                f"{limits.max_bytes}; add a LIMIT or select fewer variables"
            )
    except QueryRefused as exc:
        return Reply.text(exc.status, str(exc))
    except MemoryError:
        return Reply.text(503, "the query needed more memory than a worker may use")
    except RecursionError:
        return Reply.text(400, "the query is nested too deeply to evaluate")
    except Exception as exc:  # the engine raises plain exceptions as it evaluates
        message = " ".join(str(exc).split())[:500]
        return Reply.text(400, f"the query failed: {type(exc).__name__}: {message}")
    headers = {"X-Result-Truncated": f"max-rows={limits.max_rows}"} if out.truncated else {}
    charset = "" if "json" in media_type else "; charset=utf-8"
    return Reply(200, media_type + charset, out.body, headers)


def _written(answer: Answer, accept: str | None, max_rows: int) -> tuple[str, Written]:
    """The media type the client prefers for *answer*, and *answer* written in it by the
    engine (at most *max_rows* rows or triples)."""
    graph_form = isinstance(answer, ox.QueryTriples)
    offers = list(GRAPH_TYPES if graph_form else RESULT_TYPES)
    media_type = negotiate(accept, offers)
    if media_type is None:
        raise not_acceptable(offers)
    if isinstance(answer, ox.QueryTriples):
        return media_type, write_graph(answer, GRAPH_TYPES[media_type], max_rows)
    fmt = RESULT_FORMATS[RESULT_TYPES[media_type]]
    return media_type, write_results(answer, fmt, max_rows)


# --------------------------------------------------------------------------- server side


class _Worker:
    def __init__(self, ctx: Any, factory: Callable[[], GraphStore], limits: WorkerLimits) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(
            target=_worker_main, args=(child, factory, limits), daemon=True, name="sparql-worker"
        )
        self.process.start()
        child.close()

    async def receive(self, timeout: float) -> Any:
        loop = asyncio.get_running_loop()
        readable = loop.create_future()
        fd = self.conn.fileno()

        def wake() -> None:
            if not readable.done():
                readable.set_result(None)

        loop.add_reader(fd, wake)
        try:
            await asyncio.wait_for(readable, timeout)
        finally:
            loop.remove_reader(fd)
        return self.conn.recv()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(2)
        self.conn.close()


class WorkerPool:
    """``size`` worker processes, each holding the dataset ``factory`` builds."""

    def __init__(
        self,
        factory: Callable[[], GraphStore],
        *,
        size: int,
        limits: WorkerLimits,
        admission: AdmissionLimits,
        startup_timeout: float = 300.0,
    ) -> None:
        self._factory = factory
        self._size = size
        self._limits = limits
        self._startup_timeout = startup_timeout
        # never forked from here (the server's threads, its store): from the fork server
        self._ctx = query_context(fork_here=False, preload=(__name__,))
        self._scheduler: FairScheduler[_Worker] = FairScheduler(size, admission)
        self._all: set[_Worker] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._closed = False
        self.served_graphs: list[str] = []

    async def start(self) -> None:
        """Start every worker and wait until each has loaded the dataset."""
        workers = [self._spawn() for _ in range(self._size)]
        try:
            for worker in workers:
                await self._wait_ready(worker)
        except BaseException:
            await self.close()
            raise
        for worker in workers:
            self._scheduler.add(worker)

    async def run(self, job: QueryJob | ViewerJob, *, client: str, timeout: float) -> Reply:
        """Evaluate *job* of *client* within *timeout* s of now, waiting for a worker included.

        Workers are lent fairly between clients (:mod:`.admission`). The worker is killed
        (and replaced) when the query runs past the deadline. ``ServerBusy`` when the request
        is not admitted, or no worker came free with at least a tenth of the time left.
        """
        started = time.monotonic()
        lease = await self._scheduler.acquire(client, timeout * 0.9)
        worker = lease.worker
        remaining = timeout - (time.monotonic() - started)
        try:
            worker.conn.send(job)
            reply = await worker.receive(remaining)
        except asyncio.TimeoutError:
            self._replace(lease)
            return Reply.text(
                504,
                f"the query ran longer than {timeout:g} s and was stopped; "
                "narrow it or add a LIMIT",
            )
        except (EOFError, OSError):
            self._replace(lease)
            return Reply.text(503, "the query worker stopped (out of memory?); try again")
        except BaseException:  # cancelled mid-query: the worker's state is unknown
            self._replace(lease)
            raise
        self._scheduler.release(lease, worker, cost=reply.cpu_seconds)
        log.debug("query answered in %.3f s", time.monotonic() - started)
        return reply

    async def close(self) -> None:
        """Stop every worker (the server is shutting down)."""
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        for worker in list(self._all):
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        await asyncio.gather(*(asyncio.to_thread(self._stop, w) for w in list(self._all)))
        self._all.clear()

    def _stop(self, worker: _Worker) -> None:
        worker.process.join(2)
        worker.kill()

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx, self._factory, self._limits)
        self._all.add(worker)
        return worker

    async def _wait_ready(self, worker: _Worker) -> None:
        try:
            message = await worker.receive(self._startup_timeout)
        except (asyncio.TimeoutError, EOFError, OSError) as exc:
            raise ServerError(f"a query worker did not start: {exc!r}") from None
        if message[0] != "ready":
            raise ServerError(f"a query worker could not load the dataset: {message[1]}")
        self.served_graphs = message[1]

    def _replace(self, lease: Lease[_Worker]) -> None:
        self._scheduler.release(lease, None)
        worker = lease.worker
        worker.kill()
        self._all.discard(worker)
        if not self._closed:
            task = asyncio.get_running_loop().create_task(self._respawn())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _respawn(self) -> None:
        delay = 1.0
        while not self._closed:
            worker = self._spawn()
            try:
                await self._wait_ready(worker)
            except ServerError as exc:
                log.error("%s; retrying in %.0f s", exc, delay)
                worker.kill()
                self._all.discard(worker)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 60.0)
                continue
            self._scheduler.add(worker)
            return
