"""Idle and slow connections cannot lock the endpoint (slowloris and friends).

An attacker thread holds 200 connections that send nothing and 80 that send one header
line at a time, reopening each as soon as the server closes it, while a normal client
asks 200 questions over fresh connections. The read deadline is short here (2 s) so the
test takes seconds; the default is 10 s.
"""

from __future__ import annotations

import asyncio
import http.client
import socket
import statistics
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from graph_builder.server import ServerConfig, running_server

pytestmark = pytest.mark.server

READ_TIMEOUT = 2.0
DRIBBLE_EVERY = 0.7
IDLE, DRIBBLING = 200, 80
CONFIG = ServerConfig(
    workers=1,
    timeout=20,
    read_timeout=READ_TIMEOUT,
    max_connections=600,
    max_connections_per_client=400,  # every connection here comes from 127.0.0.1
    keep_alive_timeout=1.0,
    max_requests_per_connection=5,
)
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@dataclass
class Closed:
    kind: str
    age: float
    reply: bytes


@dataclass
class Attack:
    """Holds *idle* silent and *dribbling* slow connections open, reopening closed ones."""

    host: str
    port: int
    idle: int
    dribbling: int
    source: str = "127.0.0.1"
    open_now: int = 0
    closed: list[Closed] = field(default_factory=list)
    refused: int = 0
    _loop: asyncio.AbstractEventLoop = field(default_factory=asyncio.new_event_loop)
    _thread: threading.Thread | None = None
    _stopping: bool = False

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        for kind, count in (("idle", self.idle), ("dribbling", self.dribbling)):
            for _ in range(count):
                asyncio.run_coroutine_threadsafe(self._hold(kind), self._loop)

    def each_closed_once(self) -> bool:
        """Whether the server has closed as many of each kind as were opened at first."""
        kinds = [c.kind for c in list(self.closed)]
        return kinds.count("idle") >= self.idle and kinds.count("dribbling") >= self.dribbling

    def stop(self) -> None:
        self._stopping = True

        def cancel_all() -> None:
            for task in asyncio.all_tasks(self._loop):
                task.cancel()
            self._loop.call_later(0.2, self._loop.stop)

        self._loop.call_soon_threadsafe(cancel_all)
        assert self._thread is not None
        self._thread.join(5)

    async def _hold(self, kind: str) -> None:
        while not self._stopping:
            opened = time.monotonic()
            try:
                reader, writer = await asyncio.open_connection(
                    self.host, self.port, local_addr=(self.source, 0)
                )
            except OSError:
                self.refused += 1
                await asyncio.sleep(0.1)
                continue
            self.open_now += 1
            reply = b""
            try:
                if kind == "dribbling":
                    writer.write(b"GET /queries HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                while True:
                    try:
                        data = await asyncio.wait_for(reader.read(4096), DRIBBLE_EVERY)
                    except asyncio.TimeoutError:
                        if kind == "dribbling":
                            writer.write(b"X-Slow: one more line\r\n")
                        continue
                    if not data:
                        break
                    reply += data
            except OSError:
                pass
            finally:
                self.open_now -= 1
                writer.close()
            self.closed.append(Closed(kind, time.monotonic() - opened, reply))


@pytest.fixture(scope="module")
def endpoint() -> Iterator[tuple[str, int]]:
    with running_server(config=CONFIG) as url:
        host, port = url.removeprefix("http://").split(":")
        yield host, int(port)


def _get(host: str, port: int, path: str, *, source: str = "127.0.0.1") -> tuple[int, float]:
    started = time.monotonic()
    conn = http.client.HTTPConnection(host, port, timeout=5, source_address=(source, 0))
    try:
        conn.request("GET", path, headers={"Accept": "text/csv"})
        response = conn.getresponse()
        response.read()
        return response.status, time.monotonic() - started
    finally:
        conn.close()


@pytest.mark.slow
def test_idle_and_dribbling_connections_do_not_lock_out_a_normal_client(
    endpoint: tuple[str, int],
) -> None:
    host, port = endpoint
    assert _get(host, port, "/queries/agreements-by-country?country=KR")[0] == 200  # warm
    attack = Attack(host, port, IDLE, DRIBBLING)
    attack.start()
    try:
        deadline = time.monotonic() + 10
        while attack.open_now < IDLE + DRIBBLING and time.monotonic() < deadline:
            time.sleep(0.05)
        assert attack.open_now == IDLE + DRIBBLING, "the attack could not open its connections"
        started = time.monotonic()
        answers, held = [], []
        for i in range(200):
            path = "/queries/agreements-by-country?country=KR" if i % 2 else "/queries"
            answers.append(_get(host, port, path))
            held.append(attack.open_now)
        # Keep the attack up until each first connection has met the deadline.
        deadline = started + READ_TIMEOUT + 3.0
        while time.monotonic() < deadline and not attack.each_closed_once():
            time.sleep(0.05)
    finally:
        attack.stop()

    statuses = [status for status, _ in answers]
    latencies = sorted(seconds for _, seconds in answers)
    assert statuses == [200] * 200
    assert latencies[-1] < 1.0, f"slowest answer {latencies[-1]:.3f} s"
    assert statistics.median(held) >= 0.9 * (IDLE + DRIBBLING), "the attack was not held"

    idle = [c for c in attack.closed if c.kind == "idle"]
    dribbling = [c for c in attack.closed if c.kind == "dribbling"]
    assert len(idle) >= IDLE and len(dribbling) >= DRIBBLING
    # Closed by the deadline: not before it, and not long after.
    for closed in idle + dribbling:
        assert READ_TIMEOUT - 0.1 <= closed.age <= READ_TIMEOUT + 2.0, closed
    assert all(c.reply == b"" for c in idle)
    assert all(c.reply.startswith(b"HTTP/1.1 408 ") for c in dribbling)


def _hold_connections(port: int, count: int, source: str) -> list[socket.socket]:
    held = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0))
        held.append(sock)
    return held


def _refused_with_503(sock: socket.socket) -> bool:
    sock.settimeout(3)
    try:
        reply = sock.recv(4096)
    except TimeoutError:
        return False  # still open, nothing said: held
    return reply.startswith(b"HTTP/1.1 503 ")


def test_connections_over_the_per_client_cap_are_refused_others_still_served() -> None:
    config = ServerConfig(workers=1, read_timeout=30, max_connections_per_client=10)
    with running_server(config=config) as url:
        port = int(url.rsplit(":", 1)[1])
        held = _hold_connections(port, 15, "127.0.0.2")
        try:
            refused = [_refused_with_503(sock) for sock in held[10:]]
            assert refused == [True] * 5
            assert _get("127.0.0.1", port, "/queries")[0] == 200
            assert _get("127.0.0.1", port, "/queries", source="127.0.0.2")[0] == 503
        finally:
            for sock in held:
                sock.close()
        deadline = time.monotonic() + 5  # until the server has seen them closed
        while (status := _get("127.0.0.1", port, "/queries", source="127.0.0.2")[0]) == 503:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert status == 200


def _closed_by_server(sock: socket.socket, within: float = 3.0) -> bool:
    sock.settimeout(within)
    try:
        return sock.recv(4096) == b""
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def test_at_the_total_cap_the_connection_waiting_longest_makes_room() -> None:
    config = ServerConfig(workers=1, read_timeout=30, max_connections=12)
    with running_server(config=config) as url:
        port = int(url.rsplit(":", 1)[1])
        held = _hold_connections(port, 12, "127.0.0.3")
        try:
            time.sleep(0.3)
            assert _get("127.0.0.1", port, "/queries")[0] == 200
            assert _closed_by_server(held[0]), "the oldest idle connection is still open"
            assert not _closed_by_server(held[1], within=0.3)
        finally:
            for sock in held:
                sock.close()


def test_at_the_total_cap_with_every_connection_busy_a_new_one_is_refused() -> None:
    config = ServerConfig(
        workers=1, timeout=4, read_timeout=30, max_connections=4, max_queued_per_client=8
    )
    with running_server(config=config) as url:
        port = int(url.rsplit(":", 1)[1])
        held = _hold_connections(port, 4, "127.0.0.3")
        try:
            query = urllib.parse.quote(CROSS_JOIN)
            for sock in held:  # each waits for the one worker: busy, not idle
                sock.sendall(f"GET /sparql?query={query} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            time.sleep(0.5)
            assert _get("127.0.0.1", port, "/queries")[0] == 503
        finally:
            for sock in held:
                sock.close()


def test_keep_alive_connection_is_closed_after_max_requests_and_when_idle(
    endpoint: tuple[str, int],
) -> None:
    host, port = endpoint
    conn = http.client.HTTPConnection(host, port, timeout=5)
    try:
        headers = []
        for _ in range(CONFIG.max_requests_per_connection):
            conn.request("GET", "/queries")
            response = conn.getresponse()
            response.read()
            headers.append(response.getheader("connection"))
        assert headers[:-1] == [None] * (CONFIG.max_requests_per_connection - 1)
        assert headers[-1] == "close"
    finally:
        conn.close()
    sock = socket.create_connection((host, port), timeout=5)
    try:
        sock.sendall(b"GET /queries HTTP/1.1\r\nHost: x\r\n\r\n")
        reply = b""
        started = time.monotonic()
        while chunk := sock.recv(65536):
            reply += chunk
        waited = time.monotonic() - started
    finally:
        sock.close()
    assert reply.startswith(b"HTTP/1.1 200 ")
    assert CONFIG.keep_alive_timeout - 0.1 <= waited <= CONFIG.keep_alive_timeout + 1.5


@pytest.mark.parametrize(
    "payload",
    [
        # found by fuzz/run.py: uvicorn answered 400 for the malformed chunk while the
        # handler of the valid head still ran, and logged its reply as an exception
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Transfer-Encoding: chunked\r\n\r\nzz\r\n",
        # a body that never arrives in full: closed at the read deadline, handler ends quietly
        b"POST /sparql HTTP/1.0\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 50\r\n\r\nASK",
    ],
    ids=["malformed-chunk", "body-cut-short"],
)
def test_a_broken_body_gets_an_answer_or_a_close_and_no_server_traceback(
    endpoint: tuple[str, int], payload: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    host, port = endpoint
    with caplog.at_level("ERROR"), socket.create_connection((host, port), timeout=5) as sock:
        sock.sendall(payload)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
        time.sleep(0.3)  # let the handler finish
    assert reply == b"" or reply.startswith((b"HTTP/1.1 400 ", b"HTTP/1.1 408 "))
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == []
