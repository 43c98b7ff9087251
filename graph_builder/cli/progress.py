"""Progress on stderr, for people at a terminal: the stage a long command is in, and bars.

One choice for the whole command line: click's progress bar for counted work (graphs
pushed, articles extracted) and :class:`Stages` for work in stages (a build, an export).
Both stay silent when stderr is not a terminal or with ``--quiet``.
"""

from __future__ import annotations

import sys
import threading
import time
from types import TracebackType
from typing import Any

import click

__all__ = ["Stages", "bar", "showing"]


def showing() -> bool:
    """Whether progress is shown: stderr is a terminal and ``--quiet`` was not given."""
    context = click.get_current_context(silent=True)
    quiet = bool(context and context.find_root().meta.get("quiet"))
    return not quiet and sys.stderr.isatty()


def bar(length: int, label: str) -> Any:
    """click's progress bar on stderr, hidden unless :func:`showing`."""
    return click.progressbar(length=length, label=label, file=sys.stderr, hidden=not showing())


class Stages:
    """Call with each stage's name as it starts; a stage running over *after* seconds gets a
    line on stderr with its name and elapsed time, redrawn as it runs, left in place when
    it ends. Use as a context manager; nothing is drawn unless :func:`showing`."""

    def __init__(self, *, after: float = 2.0, enabled: bool | None = None) -> None:
        self.after = after
        self.enabled = showing() if enabled is None else enabled
        self._name: str | None = None
        self._started = 0.0
        self._drawn = False
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def __call__(self, name: str) -> None:
        with self._lock:
            self._finish()
            self._name, self._started, self._drawn = name, time.monotonic(), False

    def __enter__(self) -> Stages:
        if self.enabled:
            self._thread = threading.Thread(target=self._run, daemon=True, name="stages")
            self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            self._finish()

    def _run(self) -> None:
        while not self._done.wait(0.2):
            with self._lock:
                if self._name is not None and time.monotonic() - self._started >= self.after:
                    self._draw("")
                    self._drawn = True

    def _draw(self, end: str) -> None:
        elapsed = time.monotonic() - self._started
        click.echo(f"\r{self._name} … {elapsed:.1f} s".ljust(60), err=True, nl=False)
        if end:
            click.echo(end, err=True, nl=False)

    def _finish(self) -> None:
        if self._drawn and self._name is not None:
            self._draw("\n")
        self._name, self._drawn = None, False
