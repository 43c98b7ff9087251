"""Queries with a hard time limit: evaluated in a child process that is killed at the deadline.

The engine cannot be interrupted from Python once a query runs, so the only sure stop is
to run the query in a process of its own and SIGKILL it. The child opens the store
read-only from its folder (engine objects never cross a process boundary), cannot open
network connections (an audit hook refuses them) and has its address space capped; it
sends back the result, or the error it raised.

A child is forked when that is safe (Linux, one thread, no store opened yet in this
process), which costs milliseconds. Otherwise, on Linux, multiprocessing's fork server
forks it: a fresh interpreter, started with the first such child and kept for the life of
this process, that has imported this module, the named queries' and the query guard's
(rdflib's SPARQL parser), so each later child costs milliseconds too rather than the
fresh interpreter and imports (about 0.4 s of CPU) of a spawned child, as elsewhere.
:class:`BoundedProcess` starts the child at once, so a caller can fork it early and open
stores afterwards; its :meth:`~BoundedProcess.send` (:func:`send_query`) hands the child
its call without waiting, so the child can work while the caller does something else (the
``query`` command checks meanwhile that the build it queries is current).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import pyoxigraph as ox

from graph_builder.errors import GraphBuilderError, QueryError, QueryStopped, QueryTimeout
from graph_builder.offline import deny_network
from graph_builder.rdf.store import engine_started
from graph_builder.sparql.results import from_tsv, to_tsv

if TYPE_CHECKING:
    from graph_builder.rdf.store import Answer
    from graph_builder.sparql.named import Bindings, QueryJob

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_TIMEOUT = 10.0
"""Seconds a bounded query may take (the endpoint's default too)."""
DEFAULT_MEMORY_MB = 2048
"""Address space a query process may use, in MiB."""

_NETWORK_EVENTS = frozenset(
    {
        "socket.connect",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.sendto",
        "socket.sendmsg",
        "urllib.Request",
    }
)


def confine(memory_mb: int) -> None:
    """Confine this (child) process: no network connections, at most *memory_mb* MiB.

    The kernel refuses the process every socket but a local one
    (:func:`graph_builder.offline.deny_network`), and an audit hook refuses Python's own
    network calls where the kernel filter is not available. ``memory_mb <= 0`` leaves the
    address space unlimited. There is no undoing this; call it only in a process made to
    run queries.
    """
    if not deny_network():
        log.warning("this system cannot shut query processes off from the network")
    sys.addaudithook(_deny_network)
    _limit_memory(memory_mb)


def _deny_network(event: str, args: tuple[Any, ...]) -> None:
    if event in _NETWORK_EVENTS:
        raise PermissionError(f"network access is disabled in query processes ({event})")


def _limit_memory(megabytes: int) -> None:
    if megabytes <= 0:
        return
    try:
        import resource
    except ImportError:  # not on POSIX
        return
    limit = megabytes * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def fork_is_safe() -> bool:
    """Whether a child may be forked from this process rather than spawned.

    Only on Linux, with no other Python thread running and no store made yet: the
    engine's background threads (and locks they may hold) must not be copied into a child.
    """
    return (
        sys.platform.startswith("linux") and threading.active_count() == 1 and not engine_started()
    )


_PRELOAD = (__name__, "graph_builder.sparql.named", "graph_builder.sparql.guard")
"""What the fork server imports once, so that its children do not (see the docstring)."""


def query_context(*, fork_here: bool = True, preload: tuple[str, ...] = ()) -> Any:
    """multiprocessing's context for a query process: fork when *fork_here* and
    :func:`fork_is_safe`, else the fork server on Linux (which imports the modules of
    *preload* too, if it is not running yet), else spawn."""
    if fork_here and fork_is_safe():
        return multiprocessing.get_context("fork")
    if not sys.platform.startswith("linux") or not _fork_server_fits():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([*_PRELOAD, *preload])  # read when the fork server starts
    _stop_at_exit()
    return ctx


@functools.cache
def _stop_at_exit() -> None:
    """Register :func:`stop_fork_server` to run at exit, once however many contexts are made."""
    atexit.register(stop_fork_server)


def _fork_server_fits() -> bool:
    """Whether the fork server's socket, ``listener-XXXXXXXX`` in multiprocessing's folder
    of the temporary folder, has a path short enough for a Unix socket (107 bytes)."""
    from multiprocessing import util

    return len(os.fsencode(os.path.join(util.get_temp_dir(), "listener-XXXXXXXX"))) < 108


def stop_fork_server() -> None:
    """Stop the fork server, if one runs, and reap it: otherwise it outlives this process
    by a moment, never waited for, and the CPU it and its children took is nobody's."""
    from multiprocessing import forkserver

    forkserver._forkserver._stop()  # type: ignore[attr-defined]


class BoundedProcess:
    """A child process, started now, that makes one call under a deadline.

    Use it as a context manager; leaving the block (or :meth:`close`) kills the child if
    it still runs and reaps it, so no process is left behind.
    """

    def __init__(self, *, memory_mb: int = DEFAULT_MEMORY_MB, start_method: str | None = None):
        ctx: Any = multiprocessing.get_context(start_method) if start_method else query_context()
        self.start_method: str = ctx.get_start_method()
        self.memory_mb = memory_mb
        self._conn, child = ctx.Pipe(duplex=True)
        self._process = ctx.Process(
            target=_child_main, args=(child, memory_mb), daemon=True, name="graph-builder-query"
        )
        self._process.start()
        child.close()
        self._sent: float | None = None
        self._lost = False

    def run(self, func: Callable[..., T], *args: Any, timeout: float) -> T:
        """``func(*args)`` in the child; :class:`QueryTimeout` after *timeout* s (0: never).

        *func* and *args* must pickle (a module-level function). The deadline counts
        from this call. Errors the call raises are raised here; a child that dies raises
        :class:`QueryStopped`. The child serves one call and then exits.
        """
        self.send(func, *args)
        return self.wait(timeout=timeout)

    def send(self, func: Callable[..., Any], *args: Any) -> None:
        """Start ``func(*args)`` in the child and return at once; :meth:`wait` answers.

        :meth:`run` in two steps, for a caller with other work to do while the child
        works. The deadline given to :meth:`wait` counts from this call.
        """
        if self._sent is not None:
            raise QueryError("a BoundedProcess makes one call; start another for the next")
        self._sent = time.monotonic()
        try:
            self._conn.send((func, args))
        except OSError:  # the child is gone: wait() says how
            self._lost = True

    def wait(self, *, timeout: float) -> Any:
        """The answer to the call :meth:`send` started (see :meth:`run`), waiting at most
        until *timeout* s (0: no limit) have passed since it was sent."""
        if self._sent is None:
            raise QueryError("nothing was sent to this BoundedProcess")
        died = ""
        try:
            if not self._lost:
                left = max(0.0, self._sent + timeout - time.monotonic())
                if timeout > 0 and not self._conn.poll(left):
                    raise QueryTimeout(timeout)
                status, value = self._conn.recv()
        except (EOFError, OSError):
            self._lost = True
        finally:
            if self._lost:
                self._process.join(1)
                died = self._died()
            self.close()
        if died:
            raise QueryStopped(died)
        if status == "ok":
            return value
        if status == "error":
            raise value
        if status == "memory":
            raise QueryStopped(
                f"the query needed more memory than the {self.memory_mb} MiB it may use"
            )
        raise QueryError(value)

    def _died(self) -> str:
        code = self._process.exitcode
        how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return (
            f"the query process stopped unexpectedly ({how}); "
            f"it may have needed more than the {self.memory_mb} MiB it may use"
        )

    def close(self) -> None:
        """Kill the child if it still runs (SIGKILL), and reap it."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._conn.close()

    def __enter__(self) -> BoundedProcess:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def run_bounded(
    func: Callable[..., T],
    *args: Any,
    timeout: float,
    memory_mb: int = DEFAULT_MEMORY_MB,
) -> T:
    """``func(*args)`` in a new child process, killed after *timeout* s (0: no limit).

    Raises :class:`QueryTimeout` at the deadline, and whatever the call raised otherwise.
    """
    with BoundedProcess(memory_mb=memory_mb) as process:
        return process.run(func, *args, timeout=timeout)


def _child_main(conn: Any, memory_mb: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when the child stops
    confine(memory_mb)
    try:
        func, args = conn.recv()
    except (EOFError, OSError):
        return
    reply: tuple[str, Any]
    try:
        reply = ("ok", func(*args))
    except GraphBuilderError as exc:
        reply = ("error", exc)
    except MemoryError:
        reply = ("memory", None)
    except RecursionError:
        reply = ("failed", "the query is nested too deeply to evaluate")
    except Exception as exc:  # the engine and rdflib raise plain exceptions
        log.debug("query process failed", exc_info=True)
        message = " ".join(str(exc).split())[:500]
        reply = ("failed", f"the query failed: {type(exc).__name__}: {message}")
    try:
        conn.send(reply)
    except MemoryError:
        conn.send(("memory", None))
    except Exception as exc:  # an answer or an error that does not pickle
        conn.send(("failed", f"the query process could not send its answer: {exc}"))


# ------------------------------------------------------------------------- queries


def run_query_bounded(
    store_path: Path | str,
    text: str,
    *,
    bindings: Bindings | None = None,
    trusted: bool = False,
    limit: int | None = None,
    offset: int | None = None,
    format: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
) -> Answer | str:
    """:func:`~graph_builder.sparql.named.run_query` over the store in *store_path*, bounded.

    The query runs in a child process that opens the store read-only and is killed after
    *timeout* seconds (``0``: no limit), raising :class:`QueryTimeout`; it may use
    *memory_mb* MiB. Returns the engine's answer as ``run_query`` does, or with *format*
    the text ``run_query`` writes (written in the child, so within the limit).
    """
    with BoundedProcess(memory_mb=memory_mb) as child:
        from graph_builder.sparql.named import QueryJob

        job = QueryJob(text, dict(bindings or {}), trusted, limit, offset, format)
        send_query(child, store_path, job)
        return query_answer(child, timeout=timeout)


def send_query(
    process: BoundedProcess, store_path: Path | str, job: QueryJob, *, listings: Path | None = None
) -> None:
    """Start :func:`run_query_bounded`'s query *job* in *process* and return at once: the
    child opens the store and evaluates while the caller goes on. :func:`query_answer` gives
    the answer; the deadline counts from this call. *listings*: the key listings of the build
    the store belongs to (:mod:`graph_builder.sparql.paging`)."""
    folder = None if listings is None else str(listings)
    process.send(_evaluate, str(store_path), job, folder)


def query_answer(process: BoundedProcess, *, timeout: float = DEFAULT_TIMEOUT) -> Any:
    """The answer to the query :func:`send_query` started, as :func:`run_query_bounded`
    returns it; the child is reaped before this returns (or raises)."""
    kind, payload = process.wait(timeout=timeout)
    return _unpacked(kind, payload)


def _evaluate(store_path: str, job: QueryJob, listings: str | None) -> tuple[str, str | bytes]:
    """In the child: the answer to *job* as ``(kind, data)`` the parent can read back."""
    from graph_builder.rdf.store import GraphStore
    from graph_builder.sparql.named import answer_job

    folder = None if listings is None else Path(listings)
    store = GraphStore.open(Path(store_path), read_only=True, listings=folder)
    answer = answer_job(store, job)
    if isinstance(answer, str):
        return "text", answer
    if isinstance(answer, ox.QuerySolutions):
        return "solutions", to_tsv(answer)
    if isinstance(answer, ox.QueryBoolean):
        return "boolean", answer.serialize(format=ox.QueryResultsFormat.JSON) or b""
    return "triples", ox.serialize(answer, format=ox.RdfFormat.N_TRIPLES) or b""


def _unpacked(kind: str, data: str | bytes) -> Answer | str:
    """In the parent: what :func:`_evaluate` sent, as the engine's answer (or text)."""
    if isinstance(data, str):
        return data
    if kind == "solutions":
        return from_tsv(data)
    if kind == "boolean":
        return ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
    from graph_builder.rdf.store import GraphStore

    graph = GraphStore.memory()  # the triples' own store, for the engine's QueryTriples
    graph.load(data, "nt")
    return graph.query("CONSTRUCT WHERE { ?s ?p ?o }")
