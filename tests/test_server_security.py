"""Attacks on the endpoint: reaching out, writing, running forever, flooding, odd input.

A local listener counts every connection made to it; each refused query names it, and
it must never be hit. The server runs with small limits so the bounds show quickly.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from rdflib import Graph

from graph_builder.namespaces import source_graph
from graph_builder.server.app import ServerConfig, running_server

pytestmark = pytest.mark.server

TIMEOUT = 2.0
CONFIG = ServerConfig(
    timeout=TIMEOUT,
    workers=2,
    max_rows=50,
    max_query_bytes=4096,
    max_response_bytes=8000,
    max_concurrent=3,
    cors_origins=("http://allowed.test",),
    cache_mb=0,  # every request below reaches a worker
)
CHEAP = "/queries/find-by-name?text=zhua"
"""A named query whose answer (the MIIT minister's two spellings) stays small as data grow."""
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


class Listener:
    """A TCP server on 127.0.0.1 that answers any request with Turtle and counts hits."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/data"
        self.hits = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        body = b"<urn:a> <urn:b> <urn:c> .\n"
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            with conn:
                conn.settimeout(1)
                try:
                    conn.recv(65536)
                    conn.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/turtle\r\nContent-Length: "
                        + str(len(body)).encode()
                        + b"\r\nConnection: close\r\n\r\n"
                        + body
                    )
                except OSError:
                    pass

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    probe = Listener()
    yield probe
    probe.close()


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with running_server(config=CONFIG) as url:
        yield url


@pytest.fixture(scope="module")
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=30) as c:
        yield c


def test_listener_counts_hits() -> None:
    probe = Listener()
    try:
        assert httpx.get(probe.url).status_code == 200
        assert probe.hits == 1
    finally:
        probe.close()


REFUSALS = [
    ("SELECT * WHERE { SERVICE <{L}> { ?s ?p ?o } }", 400),
    ("SELECT * WHERE { SERVICE SILENT <{L}> { ?s ?p ?o } }", 400),
    ("SELECT * WHERE { ?x ?y ?z FILTER EXISTS { SERVICE <{L}> { ?s ?p ?o } } }", 400),
    ("SELECT * WHERE { BIND(<{L}> AS ?u) SERVICE ?u { ?s ?p ?o } }", 400),
    # a bare carriage return ends a comment for the engine, not for rdflib
    ("SELECT * WHERE { # x\rSERVICE <{L}> { ?s ?p ?o }\n}", 400),
    ("ASK { # \\\rservice silent<{L}>{ ?s ?p ?o }\n}", 400),
    ("SELECT * FROM <{L}> WHERE { ?s ?p ?o }", 400),
    ("SELECT * FROM NAMED <{L}> WHERE { GRAPH ?g { ?s ?p ?o } }", 400),
    ("CONSTRUCT { ?s ?p ?o } FROM <{L}> WHERE { ?s ?p ?o }", 400),
    ("ASK FROM <{L}> { ?s ?p ?o }", 400),
    ("LOAD <{L}>", 403),
    ("LOAD SILENT <{L}> INTO GRAPH <urn:x>", 403),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 403),
    ("INSERT { ?s <urn:p> <{L}> } WHERE { ?s ?p ?o }", 403),
    ("DELETE WHERE { ?s ?p ?o }", 403),
    ("DROP ALL", 403),
    (f"DROP GRAPH <{source_graph('S1')}>", 403),
    ("CLEAR DEFAULT", 403),
    ("CREATE GRAPH <{L}>", 403),
]


@pytest.mark.parametrize("method", ["GET", "POST-form", "POST-direct"])
@pytest.mark.parametrize(("template", "status"), REFUSALS)
def test_refused_before_evaluation_without_network(
    client: httpx.Client, listener: Listener, template: str, status: int, method: str
) -> None:
    query = template.replace("{L}", listener.url)
    before = listener.hits
    response = _send(client, method, query)
    assert response.status_code == status, response.text
    assert listener.hits == before == 0


def _send(client: httpx.Client, method: str, query: str, **headers: str) -> httpx.Response:
    if method == "GET":
        return client.get("/sparql", params={"query": query}, headers=headers)
    if method == "POST-form":
        return client.post("/sparql", data={"query": query}, headers=headers)
    headers["Content-Type"] = "application/sparql-query"
    return client.post("/sparql", content=query, headers=headers)


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"method": "POST", "data": {"update": "LOAD <{L}>"}},
        {"method": "GET", "params": {"update": "LOAD <{L}>"}},
        {
            "method": "POST",
            "content": "LOAD <{L}>",
            "headers": {"Content-Type": "application/sparql-update"},
        },
    ],
)
def test_update_operations_are_forbidden(
    client: httpx.Client, listener: Listener, request_kwargs: dict[str, Any]
) -> None:
    kwargs = _fill(request_kwargs, listener.url)
    response = client.request(kwargs.pop("method"), "/sparql", **kwargs)
    assert response.status_code == 403
    assert "read-only" in response.text
    assert listener.hits == 0


def _fill(value: Any, url: str) -> Any:
    if isinstance(value, str):
        return value.replace("{L}", url)
    if isinstance(value, dict):
        return {k: _fill(v, url) for k, v in value.items()}
    return value


@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
def test_protocol_graph_parameters_naming_foreign_graphs(
    client: httpx.Client, listener: Listener, param: str
) -> None:
    response = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }", param: listener.url})
    assert response.status_code == 400
    assert listener.hits == 0


def test_workers_cannot_open_network_connections(listener: Listener) -> None:
    """Even a query that slipped past the guard could not reach out: the kernel says no."""
    code = (
        "import sys, urllib.request\n"
        "from graph_builder.sparql.bounded import confine\n"
        "confine(0)\n"
        "import rdflib\n"
        "try:\n"
        f"    rdflib.Graph().parse({listener.url!r}, format='turtle')\n"
        "except PermissionError as exc:\n"
        "    print('blocked', exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.startswith("blocked"), out.stderr
    assert listener.hits == 0


def test_cross_join_is_killed_within_timeout_and_server_recovers(client: httpx.Client) -> None:
    started = time.monotonic()
    response = client.get("/sparql", params={"query": CROSS_JOIN})
    elapsed = time.monotonic() - started
    assert response.status_code in (503, 504)
    assert elapsed < TIMEOUT + 8  # a busy machine adds seconds; unkilled, 4,000⁴ rows take hours
    after = client.get(CHEAP)
    assert after.status_code == 200
    assert after.json()["results"]["bindings"]


def test_full_server_answers_503_with_retry_after(client: httpx.Client, base: str) -> None:
    def slow(_: int) -> int:
        with httpx.Client(base_url=base, timeout=30) as c:
            return c.get("/sparql", params={"query": CROSS_JOIN}).status_code

    with ThreadPoolExecutor(CONFIG.max_concurrent) as pool:
        running = [pool.submit(slow, i) for i in range(CONFIG.max_concurrent)]
        busy = client.get(CHEAP)
        while busy.status_code == 200 and not all(f.done() for f in running):
            time.sleep(0.05)  # until the heavy requests are admitted
            busy = client.get(CHEAP)
        statuses = [f.result() for f in running]
    assert busy.status_code == 503
    assert int(busy.headers["retry-after"]) >= 1
    assert set(statuses) <= {503, 504}
    _eventually_ok(client)


def _eventually_ok(client: httpx.Client) -> None:
    """Killed workers come back; the server answers again within a few retries."""
    for _ in range(200):
        response = client.get(CHEAP)
        if response.status_code == 200:
            return
        assert response.status_code == 503
        time.sleep(0.1)
    pytest.fail("the server did not recover")


def test_oversized_bodies_and_urls(client: httpx.Client) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 20_000
    direct = client.post(
        "/sparql", content=big, headers={"Content-Type": "application/sparql-query"}
    )
    assert direct.status_code == 413
    form = client.post("/sparql", data={"query": big})
    assert form.status_code == 413
    just_over = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 4096
    assert client.post("/sparql", data={"query": just_over}).status_code == 413
    assert client.get("/sparql", params={"query": just_over}).status_code == 414
    assert client.get(CHEAP).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE " + "{" * 60 + " ?s ?p ?o " + "}" * 60,
        "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 60 + "?o" + ")" * 60 + ") }",
        "SELECT * WHERE " + "{ ?s ?p ?o OPTIONAL " * 40 + "{ ?s ?p ?o }" + "}" * 40,
        "SELECT * WHERE " + "{" * 60,
        "ASK { ?s ?p [ ?q " * 50 + "?o" + " ] }" * 50,
    ],
    ids=["groups", "parentheses", "optionals", "unbalanced", "blank-nodes"],
)
@pytest.mark.parametrize("method", ["GET", "POST-direct"])
def test_deep_nesting_is_400(client: httpx.Client, query: str, method: str) -> None:
    response = _send(client, method, query)
    assert response.status_code == 400
    assert "nest" in response.text


@pytest.mark.parametrize(
    "query",
    [
        "SELECT",
        "}}}}",
        "SELECT * WHERE { ?s ?p ?o } LIMIT -1",
        "PREFIX : <x> SELECT",
        "SELECT * WHERE { ?s ?p ?o } GROUP BY",
        "SELECT ?x WHERE { ?s undeclared:p ?o }",
        'SELECT * WHERE { ?s ?p "unterminated }',
        "SELECT * WHERE { ?s ?p ?o } ORDER BY",
        "ASK ASK",
        "\u0000\u0001\u0002",
        "SÉLECT ☃ WHERE { }",
        "   ",
    ],
)
def test_malformed_queries_are_400_never_500(client: httpx.Client, query: str) -> None:
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("text/plain")


def test_rows_are_capped_and_marked(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?p WHERE { ?s ?p ?o }"})
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == CONFIG.max_rows
    assert response.headers["x-result-truncated"] == f"max-rows={CONFIG.max_rows}"
    small = client.get("/sparql", params={"query": "SELECT ?p WHERE { ?s ?p ?o } LIMIT 3"})
    assert "x-result-truncated" not in small.headers
    construct = client.get(
        "/sparql",
        params={"query": "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t }"},
        headers={"Accept": "text/turtle"},
    )
    assert construct.status_code == 200, construct.text
    assert len(Graph().parse(data=construct.text, format="turtle")) == CONFIG.max_rows


def test_response_bytes_are_capped(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 400
    assert "8000" in response.text


def test_cors_when_configured(client: httpx.Client) -> None:
    allowed = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://allowed.test"}
    )
    assert allowed.headers["access-control-allow-origin"] == "http://allowed.test"
    other = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://evil.test"}
    )
    assert "access-control-allow-origin" not in other.headers


def test_listener_never_hit_and_server_still_answers(
    client: httpx.Client, listener: Listener
) -> None:
    assert listener.hits == 0
    _eventually_ok(client)
