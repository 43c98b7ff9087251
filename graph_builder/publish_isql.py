"""One ``isql`` session with Virtuoso (Debian: ``isql-vt``): statements in, lines out.

The password never appears on a command line (where ``ps`` shows it): isql first tries the
user name as password (its built-in default) and, when that is refused, reads the password
from its standard input, where it is written. The refused first try counts as one failed
login on the server (Virtuoso shuts out an address for 60 s after four in a row); a user
whose password is the user name logs in at once. isql runs in a session of its own, so it
never asks on the user's terminal.
"""

from __future__ import annotations

import contextlib
import queue
import secrets
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from graph_builder.errors import PublishError, PushFailed

_ISQL_OPTIONS = ("PROMPT=OFF", "ECHO=OFF")


@dataclass(frozen=True)
class BulkTarget:
    """A Virtuoso to bulk-load into, over isql."""

    address: str
    """Virtuoso's SQL port as isql takes it: ``host:port`` (``localhost:1111``)."""
    user: str
    password: str
    isql: str = "isql-vt"
    """The isql program: a path or a name on ``PATH``."""
    timeout: float | None = None
    """Seconds the whole push may take (None: no limit)."""


class Isql:
    """One isql session: statements in, their output lines back, each run ended by a marker."""

    def __init__(self, target: BulkTarget) -> None:
        self.target = target
        self.deadline = None if target.timeout is None else time.monotonic() + target.timeout
        self.marker = f"GB-END-{secrets.token_hex(8)}"
        self.lines: queue.Queue[str | None] = queue.Queue()
        program = shutil.which(target.isql)
        if program is None:
            raise PublishError(
                f"{target.isql!r} not found: install Virtuoso's isql (Debian: "
                "virtuoso-opensource, which names it isql-vt) or give its path"
            )
        self.process = subprocess.Popen(
            isql_command(program, target),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # no terminal: isql reads the password from stdin
        )
        threading.Thread(target=self._read, daemon=True).start()

    def __enter__(self) -> Isql:
        try:
            self._log_in()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, statements: str) -> list[str]:
        """Send *statements*; the lines isql printed for them."""
        # isql prints the marker itself: a SELECT would fail in an aborted transaction
        self._send(f"{statements}\nECHOLN '{self.marker}';\n")
        return list(self._until(lambda line: line.strip() == self.marker))

    def close(self) -> None:
        if self.process.stdin is not None and not self.process.stdin.closed:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _log_in(self) -> None:
        target = self.target
        tries = 1
        if target.password != target.user:
            self._send(target.password + "\n")
            tries = 2
        refused = 0
        for line in self._until(lambda line: "Connected to" in line):
            if "Bad login" in line or "CL034" in line:
                refused += 1
                if refused == tries:
                    raise PublishError(
                        f"isql cannot log in to {target.address} as {target.user!r}: "
                        "check the user name and password"
                    )
            elif line.startswith("*** Error"):
                raise PublishError(
                    f"isql cannot connect to {target.address}: {line.removeprefix('*** ')}"
                    " (is it Virtuoso's SQL port, as host:port?)"
                )
        self.run("")  # whatever isql printed before now is not an answer to us

    def _send(self, text: str) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(text.encode("utf-8"))
            self.process.stdin.flush()
        except OSError:
            raise PublishError(f"isql stopped: {self._said()}") from None

    def _until(self, done: Callable[[str], bool]) -> Iterator[str]:
        while True:
            wait = None if self.deadline is None else self.deadline - time.monotonic()
            if wait is not None and wait <= 0:
                self.process.kill()
                raise PushFailed(
                    f"the bulk push ran past its {self.target.timeout:g} s limit", pushed=[]
                )
            try:
                line = self.lines.get(timeout=wait)
            except queue.Empty:
                continue
            if line is None:
                raise PublishError(f"isql stopped: {self._said()}")
            if done(line):
                return
            yield line

    def _said(self) -> str:
        return (
            "its last words were not an answer"
            if self.process.poll() is None
            else (f"it exited with status {self.process.returncode}")
        )

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            self.lines.put(raw.decode("utf-8", "replace").rstrip("\n"))
        self.lines.put(None)


def isql_command(program: str, target: BulkTarget) -> list[str]:
    """The isql command line for *target*: address, user and display options, never the
    password. isql writes through a line buffer (``stdbuf``), so that each answer arrives
    when it is printed, not when a block of output is full."""
    stdbuf = shutil.which("stdbuf")
    if stdbuf is None:
        raise PublishError("stdbuf not found: install coreutils, which isql is run through")
    return [stdbuf, "-oL", program, target.address, target.user, *_ISQL_OPTIONS]
