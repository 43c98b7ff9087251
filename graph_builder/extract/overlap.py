"""Work on a long text done beside other work, in a forked child process.

A page of several megabytes is one article: its sentences' marks, aims and event date
(:mod:`.scope`, :mod:`.aims`, :mod:`.event`) need no phrase matching, and the phrase
matching (:mod:`.matcher`, :mod:`.bodies`, :mod:`.sectors`) needs no sentence, so on a
machine with two cores one can run in a child while the caller does the other. The child
is forked only for a text of at least :data:`FORK_FROM` characters (never for the batch's
articles), only where forking is safe (``os.fork`` exists and this process runs one
thread), and the caller gets the same value either way: if the child cannot be started
or fails, the work is done in the caller instead.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

FORK_FROM = 1_000_000
"""The text length (characters) from which a child process is worth its start: forking
and sending the result back cost a few milliseconds against seconds of work."""


class Pending(Generic[T]):
    """The value of *work*, computed in a forked child or, failing that, in this process.

    Used as a context manager: leaving it before :meth:`result` (the caller's own work
    failed) stops the child."""

    def __init__(self, work: Callable[[], T], *, size: int) -> None:
        self._work = work
        self._pid = 0
        self._read_end = -1
        self._done = False
        self._value: T | None = None
        if size >= FORK_FROM and _can_fork():
            self._start()
        if not self._pid:
            self._value, self._done = work(), True

    def _start(self) -> None:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError as exc:
            log.info("no child process for a long text (%s): working in this one", exc)
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:  # the child: compute, send, and leave without running the caller's exit
            status = 1
            try:
                os.close(read_end)
                data = pickle.dumps(self._work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_end, "wb") as out:
                    out.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self._pid, self._read_end = pid, read_end

    def result(self) -> T:
        """The work's value (waiting for the child if it has not sent it yet)."""
        if not self._done:
            self._value, self._done = self._receive(), True
        return self._value  # type: ignore[return-value]

    def __enter__(self) -> Pending[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self._done and self._pid:
            os.close(self._read_end)
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._done = True

    def _receive(self) -> T:
        with os.fdopen(self._read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        if status == 0 and data:
            value: T = pickle.loads(data)
            return value
        log.info("the child process for a long text failed: working in this one")
        return self._work()


def _can_fork() -> bool:
    # a thread holding a lock at the fork would leave the child's copy locked for ever
    return hasattr(os, "fork") and threading.active_count() == 1
