"""The endpoint under hostile load: a cheap client is still answered (issue 21).

Each test holds the server under one attack from issue 21 and has a cheap client ask
over fresh connections; each asserts that at least 95% of its requests are answered 200
within 1 s, and prints the figures (``pytest -s`` shows them). Every address is a
loopback one: 127.0.0.1 for the cheap client, 127.0.0.2 and up for attackers.
"""

from __future__ import annotations

import json
import socket
import statistics
import threading
import time
import urllib.parse
from collections.abc import Iterator

import pytest

from graph_builder.server import ServerConfig, running_server
from tests.load import Answer, Hold, figures, holding, loopback, need_open_files, timed_get

pytestmark = [pytest.mark.server]

CHEAP = "/queries/agreements-by-country?country=KR"
SHARE = 0.95


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def _ask(port: int, count: int, *, pause: float = 0.1, **kwargs: object) -> list[Answer]:
    answers = []
    for _ in range(count):
        answers.append(timed_get(port, CHEAP, **kwargs))  # type: ignore[arg-type]
        time.sleep(pause)
    return answers


def _report(name: str, result: dict[str, object]) -> None:
    print(f"\n{name}: {json.dumps(result)}")


@pytest.mark.slow
def test_1000_idle_connections_from_25_addresses_do_not_lock_out_a_client() -> None:
    """Issue 21: 52 of 53 requests got 503 while 1,000 reopened idle connections held the cap."""
    need_open_files(2600)
    config = ServerConfig(workers=1, read_timeout=3.0, max_connections=1000)
    with running_server(config=config) as url:
        port = _port(url)
        sources = tuple(loopback(n) for n in range(1, 26))  # 127.0.0.2 … 127.0.0.26
        with holding(Hold(port, sources, per_source=40)) as held:
            held.wait_open(1000)
            answers, holding_now = [], []
            deadline = time.monotonic() + 120
            while len(answers) < 100 and time.monotonic() < deadline:
                answers.extend(_ask(port, 1))
                holding_now.append(held.open_now)
            reopened = held.reopened
    held_median = statistics.median(holding_now)  # dips while a deadline closes a batch
    result = {**figures(answers), "held_median": held_median, "reopened": reopened}
    _report("lockout, 25 addresses x 40 idle", result)
    assert len(answers) == 100
    assert result["share"] >= SHARE, result
    assert held_median >= 950, "the attack did not hold the cap"
    assert reopened >= 100, "the attack did not reopen what was closed"


@pytest.mark.slow
@pytest.mark.parametrize("trusted", [True, False], ids=["trusted-proxy", "untrusted"])
def test_idle_connections_of_one_client_behind_a_proxy_do_not_lock_out_another(
    trusted: bool,
) -> None:
    """Issue 21: behind one shared address, 50 idle connections locked out everyone (47/47).

    The proxy is 127.0.0.1. 200 connections through it, all for the client 127.0.9.9,
    ask once and stay open; the cheap client is 127.0.8.8 through the same proxy. Without
    the trusted-proxy setting they share one address, and the cheap client is locked out:
    that run shows the test can fail.
    """
    config = ServerConfig(
        workers=1,
        keep_alive_timeout=30,
        max_connections_per_client=50,
        forwarded_allow_ips=("127.0.0.1",) if trusted else (),
    )
    request = b"GET /queries HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 127.0.9.9\r\n\r\n"
    with running_server(config=config) as url:
        port = _port(url)
        with holding(
            Hold(port, ("127.0.0.1",), per_source=200, request=request, pause=0.2)
        ) as held:
            held.wait_open(50)
            time.sleep(1.0)  # every one of the 200 has asked by now
            answers = _ask(port, 60 if trusted else 20, headers={"X-Forwarded-For": "127.0.8.8"})
            refused = timed_get(port, "/queries", headers={"X-Forwarded-For": "127.0.9.9"})
    result = figures(answers)
    _report(f"shared proxy address, {'trusted' if trusted else 'untrusted'}", result)
    if trusted:
        assert result["share"] >= SHARE, result
        assert refused.status == 503, "the per-client cap did not apply to the forwarded client"
    else:
        assert result["share"] < 0.5, result


@pytest.mark.slow
def test_a_reply_the_client_does_not_read_is_dropped_after_the_write_timeout(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Issue 21: 30 unread 15 MB replies stayed open past every timeout (330 MB)."""
    config = ServerConfig(
        workers=1,
        timeout=60,
        max_rows=1_000_000,
        max_response_bytes=64 * 1024 * 1024,
        write_timeout=1.0,
        cache_mb=0,
    )
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 60000"
    path = "/sparql?" + urllib.parse.urlencode({"query": query})
    head = f"GET {path} HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n\r\n".encode()
    with running_server(config=config) as url, caplog.at_level("WARNING"):
        port = _port(url)
        full = _read_all(port, head)
        assert full.startswith(b"HTTP/1.1 200 ")
        length = int(full.split(b"content-length: ", 1)[1].split(b"\r\n", 1)[0])
        assert len(full.split(b"\r\n\r\n", 1)[1]) == length  # a reader gets it all
        assert length > 4 * 1024 * 1024

        # A client that reads nothing: the server gives up on it.
        stalled = socket.socket()
        stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        stalled.connect(("127.0.0.1", port))
        try:
            stalled.sendall(head)
            deadline = time.monotonic() + 120
            while not _dropped(caplog) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert _dropped(caplog), "the unread reply was never dropped"
            got = _drain(stalled)
        finally:
            stalled.close()
    assert len(got) < length, "the whole reply was delivered"


def _dropped(caplog: pytest.LogCaptureFixture) -> bool:
    return any("did not read its reply" in r.getMessage() for r in caplog.records)


def _read_all(port: int, head: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(head)
        return _drain(sock, close_after_reply=True)


def _drain(sock: socket.socket, *, close_after_reply: bool = False) -> bytes:
    sock.settimeout(120)  # the worker may take a while to write the reply on a busy host
    data = b""
    try:
        while chunk := sock.recv(1 << 20):
            data += chunk
            if close_after_reply and b"\r\n\r\n" in data:
                head, body = data.split(b"\r\n\r\n", 1)
                length = int(head.split(b"content-length: ", 1)[1].split(b"\r\n", 1)[0])
                if len(body) >= length:
                    break
    except (ConnectionResetError, TimeoutError):
        pass
    return data


# --------------------------------------------------------------------------- fairness

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . { SELECT ?d WHERE { ?d ?e ?f } LIMIT 2600 } }"


class HeavyClients:
    """*count* clients, each from its own loopback address, repeating HEAVY."""

    def __init__(self, port: int, count: int) -> None:
        self.port = port
        self.answers: list[Answer] = []
        self._stop = threading.Event()
        path = "/sparql?" + urllib.parse.urlencode({"query": HEAVY})
        self._threads = [
            threading.Thread(target=self._run, args=(path, loopback(100 + n)), daemon=True)
            for n in range(count)
        ]

    def _run(self, path: str, source: str) -> None:
        while not self._stop.is_set():
            answer = timed_get(self.port, path, source=source)
            self.answers.append(answer)
            if answer.status != 200:
                self._stop.wait(0.5)

    def saturating(self) -> bool:
        """Some heavy queries were answered and some refused: every worker they may use
        is busy and the queues are full."""
        statuses = [a.status for a in self.answers]
        return statuses.count(200) >= 2 and statuses.count(503) >= 10

    def __enter__(self) -> HeavyClients:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(60)


@pytest.fixture
def fair_server() -> Iterator[int]:
    config = ServerConfig(workers=3, timeout=30, cache_mb=0, max_concurrent=16)
    with running_server(config=config) as url:
        yield _port(url)


@pytest.mark.slow
def test_a_cheap_client_is_answered_while_50_heavy_clients_saturate_the_workers(
    fair_server: int,
) -> None:
    """Issue 21: with 50 clients repeating a 2 s query a cheap one got 503 49 of 49 times.

    The cheap client (127.0.0.1) has used the endpoint before the load starts, as a
    regular user has: the server knows its queries are quick. A client the server has
    never seen is like a heavy client that has not been answered yet: it may be refused
    (503) and retries, as every client here does; it is answered within a bounded number
    of tries (figures printed).
    """
    port = fair_server
    heavy_path = "/sparql?" + urllib.parse.urlencode({"query": HEAVY})
    alone = timed_get(port, heavy_path, source=loopback(99))  # not the cheap client's address
    assert alone.status == 200
    assert timed_get(port, CHEAP).status == 200
    with HeavyClients(port, 50) as heavy:
        deadline = time.monotonic() + 120
        while not heavy.saturating() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert heavy.saturating(), "the heavy clients did not saturate the workers"
        answers = _ask(port, 40, pause=0.25)
        newcomer = [timed_get(port, CHEAP, source=loopback(98))]
        while newcomer[-1].status != 200 and len(newcomer) < 120:
            time.sleep(0.5)
            newcomer.append(timed_get(port, CHEAP, source=loopback(98)))
        heavy_answers = list(heavy.answers)
    ok_heavy = [a for a in heavy_answers if a.status == 200]
    result = {
        **figures(answers),
        "heavy_alone_s": round(alone.seconds, 3),
        "heavy_answered": len(ok_heavy),
        "heavy_refused": len(heavy_answers) - len(ok_heavy),
        "new_client_tries": len(newcomer),
        "new_client_answer_s": round(newcomer[-1].seconds, 3),
    }
    _report("fairness, 50 heavy clients", result)
    assert result["share"] >= SHARE, result
    assert newcomer[-1].status == 200, result
