"""Load for the endpoint's lockout and fairness tests: held connections, timed requests.

The held connections live in a child process, so the attacker's event loop does not
share the interpreter lock with the server under test (which runs in a thread of the
test process). Every address used is a loopback one (127.0.0.0/8).
"""

from __future__ import annotations

import asyncio
import http.client
import math
import multiprocessing
import resource
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest


def loopback(n: int) -> str:
    """The n-th loopback address after 127.0.0.1 (n = 1 → 127.0.0.2)."""
    return f"127.0.{(n + 1) // 256}.{(n + 1) % 256}"


def need_open_files(count: int) -> None:
    """Raise this process's open-file limit to *count*, or skip the test."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft >= count:
        return
    if hard != resource.RLIM_INFINITY and hard < count:
        pytest.skip(f"needs {count} open files; the hard limit is {hard}")
    resource.setrlimit(resource.RLIMIT_NOFILE, (count, hard))


@dataclass(frozen=True)
class Answer:
    status: int
    seconds: float


def timed_get(
    port: int, path: str, *, source: str = "127.0.0.1", headers: Mapping[str, str] | None = None
) -> Answer:
    """GET *path* over a fresh connection from *source*; status 0 when the connection fails."""
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    try:
        conn.request("GET", path, headers={"Accept": "text/csv", **(headers or {})})
        response = conn.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        conn.close()
    return Answer(status, time.monotonic() - started)


def figures(answers: list[Answer], within: float = 1.0) -> dict[str, Any]:
    """What the reports print: how many were answered 200 within *within* seconds."""
    times = sorted(a.seconds for a in answers)
    ok = sum(1 for a in answers if a.status == 200 and a.seconds <= within)

    def pct(p: float) -> float:
        return round(times[min(len(times) - 1, math.ceil(p * len(times)) - 1)], 3)

    return {
        "requests": len(answers),
        "ok_within": ok,
        "share": round(ok / len(answers), 3),
        "statuses": sorted({a.status for a in answers}),
        "p50": pct(0.5),
        "p95": pct(0.95),
        "max": round(times[-1], 3),
    }


# --------------------------------------------------------------------------- held connections


@dataclass(frozen=True)
class Hold:
    """Connections to hold open, reopening each one the server closes.

    ``request``: None holds silent connections; a request head (bytes) is sent first and
    its reply read, then the connection is held idle (keep-alive).
    """

    port: int
    sources: tuple[str, ...]
    per_source: int
    request: bytes | None = None
    pause: float = 0.0
    """Seconds before reopening a closed connection."""


def _hold_main(hold: Hold, opened: Any, reopened: Any, stop: Any) -> None:
    asyncio.run(_hold_all(hold, opened, reopened, stop))


async def _hold_all(hold: Hold, opened: Any, reopened: Any, stop: Any) -> None:
    tasks = [
        asyncio.create_task(_hold_one(hold, source, opened, reopened, stop))
        for source in hold.sources
        for _ in range(hold.per_source)
    ]
    while not stop.is_set():
        await asyncio.sleep(0.05)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def _hold_one(hold: Hold, source: str, opened: Any, reopened: Any, stop: Any) -> None:
    first = True
    while not stop.is_set():
        try:
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", hold.port, local_addr=(source, 0)
            )
        except OSError:
            await asyncio.sleep(0.1)
            continue
        with opened.get_lock():
            opened.value += 1
        if not first:
            with reopened.get_lock():
                reopened.value += 1
        first = False
        try:
            if hold.request is not None:
                writer.write(hold.request)
            while await reader.read(65536):
                pass  # the reply, if any; then held until the server closes
        except OSError:
            pass
        finally:
            with opened.get_lock():
                opened.value -= 1
            writer.close()
        await asyncio.sleep(hold.pause)


@dataclass
class Held:
    """The running holder: how many connections are open now, how many were reopened."""

    _opened: Any
    _reopened: Any

    @property
    def open_now(self) -> int:
        return int(self._opened.value)

    @property
    def reopened(self) -> int:
        return int(self._reopened.value)

    def wait_open(self, count: int, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while self.open_now < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.open_now >= count, f"only {self.open_now} of {count} connections opened"


@contextmanager
def holding(hold: Hold) -> Iterator[Held]:
    """Hold the connections of *hold* in a child process for the ``with`` block."""
    ctx = multiprocessing.get_context("spawn")
    opened, reopened, stop = ctx.Value("i", 0), ctx.Value("i", 0), ctx.Event()
    process = ctx.Process(target=_hold_main, args=(hold, opened, reopened, stop), daemon=True)
    process.start()
    try:
        yield Held(opened, reopened)
    finally:
        stop.set()
        process.join(10)
        if process.is_alive():
            process.kill()
            process.join(5)
