"""A triple store on 127.0.0.1 that misbehaves as a test tells it to, for ``push``.

It speaks just enough of the Graph Store Protocol (PUT and GET ``?graph=IRI``) and of the
SPARQL protocol (a POSTed ``COUNT`` query over one graph) to be pushed to. A test scripts
the next answers to a method (``store.script["PUT"] = [silent, ...]``); once the script is
used up, the store behaves. ``store.requests`` lists the methods it received, in order.
``with running() as store:`` starts one on a free port.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from graph_builder.publish import count_triples

Behaviour = Callable[["FakeStore", BaseHTTPRequestHandler], None]


@dataclass
class FakeStore:
    url: str = ""
    graphs: dict[str, bytes] = field(default_factory=dict)
    script: dict[str, list[Behaviour]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    connections: int = 0
    sent: int = 0
    """Body bytes that ``huge`` got into the socket before the client hung up."""
    stop: threading.Event = field(default_factory=threading.Event)

    @property
    def gsp(self) -> str:
        return f"{self.url}/store"

    @property
    def query(self) -> str:
        return f"{self.url}/query"

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        body = handler.rfile.read(int(handler.headers.get("Content-Length", 0)))
        self.requests.append(handler.command)
        scripted = self.script.get(handler.command)
        if scripted:
            scripted.pop(0)(self, handler)
            return
        graph = parse_qs(urlsplit(handler.path).query).get("graph", [""])[0]
        if handler.command == "PUT":
            self.graphs[graph] = body
            _answer(handler, 204, b"")
        elif handler.command == "GET":
            _answer(handler, 200, self.graphs.get(graph, b""), "application/n-triples")
        else:
            query = parse_qs(body.decode())["query"][0]
            match = re.search(r"GRAPH <([^>]+)>", query)
            n = count_triples(self.graphs.get(match[1] if match else "", b""))
            result = {"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"value": str(n)}}]}}
            _answer(handler, 200, json.dumps(result).encode(), "application/sparql-results+json")


def status(code: int, body: bytes = b"", **headers: str) -> Behaviour:
    """Answer with *code*, *body* and *headers* (``Retry_After`` → ``Retry-After``)."""

    def behave(store: FakeStore, handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(code)
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return behave


def silent(store: FakeStore, handler: BaseHTTPRequestHandler) -> None:
    """Read the request, never answer."""
    store.stop.wait()


DRIP = 0.1
"""Seconds between two bytes of a dripped body: each wait is far shorter than any timeout a
test sets, so only a deadline can stop the request."""


def drip(head: bytes, body: bytes) -> Behaviour:
    """Send *head* at once, then *body* one byte every ``DRIP`` seconds."""

    def behave(store: FakeStore, handler: BaseHTTPRequestHandler) -> None:
        try:
            handler.wfile.write(head)
            for i in range(len(body)):
                handler.wfile.write(body[i : i + 1])
                if store.stop.wait(DRIP):
                    return
        except OSError:  # the client hung up
            return

    return behave


def huge(size: int) -> Behaviour:
    """A 200 with a JSON body of *size* bytes, written as long as the client reads."""

    def behave(store: FakeStore, handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/sparql-results+json")
        handler.send_header("Content-Length", str(size))
        handler.end_headers()
        chunk = b" " * 65536
        try:
            while store.sent < size and not store.stop.is_set():
                handler.wfile.write(chunk)
                store.sent += len(chunk)
        except OSError:  # the client hung up
            return

    return behave


def _answer(handler: BaseHTTPRequestHandler, code: int, body: bytes, media: str = "") -> None:
    status(code, body, **({"Content_Type": media} if media else {}))(FakeStore(), handler)


@contextlib.contextmanager
def running(tls: ssl.SSLContext | None = None) -> Iterator[FakeStore]:
    """A fake store listening on a free port of 127.0.0.1 until the block ends.

    With *tls* (a server context), it speaks HTTPS and counts the connections it accepts
    in ``store.connections``, handshakes that fail included.
    """
    store = FakeStore()

    class Handler(BaseHTTPRequestHandler):
        def do_PUT(self) -> None:
            store.handle(self)

        do_GET = do_POST = do_PUT

        def log_message(self, format: str, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def get_request(self) -> tuple[socket.socket, Any]:
            sock, address = self.socket.accept()
            store.connections += 1
            if tls is not None:
                sock = tls.wrap_socket(sock, server_side=True)
            return sock, address

    server = Server(("127.0.0.1", 0), Handler)
    scheme = "https" if tls is not None else "http"
    store.url = f"{scheme}://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield store
    finally:
        store.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
