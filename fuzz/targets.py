"""Fuzz targets: each turns one generated input into a call, and checks the invariant.

The invariant everywhere: the library raises only ``GraphBuilderError`` subclasses (the
endpoint answers with an HTTP status below 500, or 503/504, and stays up). Anything else
escaping a target is a crash. Each target has a Hypothesis strategy (structured inputs
near valid ones) and a ``from_bytes`` for coverage-guided fuzzing with atheris.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from graph_builder import GraphBuilderError, load_dataset, named_queries, render_viewer
from graph_builder.resources import data_dir
from graph_builder.sparql.named import bind_params

DATA = data_dir()
SEED_FILES = sorted(p for p in DATA.rglob("*.yaml"))
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in SEED_FILES]
QUERY_TEXTS = [q.text for q in named_queries().values()]


class InvariantBroken(AssertionError):
    """A target's output broke its invariant (not an exception from the library)."""


@dataclass
class Target:
    """One thing to fuzz."""

    name: str
    check: Callable[[Any], None]
    strategy: st.SearchStrategy[Any]
    from_bytes: Callable[[bytes], Any] | None = None
    batch: int = 1
    """Inputs per generated example (the HTTP target sends a batch concurrently)."""
    resources: ExitStack = field(default_factory=ExitStack)

    def close(self) -> None:
        self.resources.close()


# ---------------------------------------------------------------- generators


def _mutate(text: str, cuts: list[tuple[int, int, str]]) -> str:
    for position, length, insert in cuts:
        at = position % (len(text) + 1)
        text = text[:at] + insert + text[at + length % 8 :]
    return text


FRAGMENTS = [
    ":",
    ": ",
    "-",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a",
    "*a",
    "!!str",
    "!x",
    "|",
    ">",
    "'",
    '"',
    "#",
    "\n",
    "\n  ",
    "\t",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "? ",
    "<<: ",
    "null",
    "~",
    "2023-02-30",
    "2023-09-08T07:30:00",
    "¶",
    "\ufeff",
    "\x00",
    "\\",
    "SELECT",
    "WHERE",
    "{ ?s ?p ?o }",
    "<",
    ">",
    "FILTER(",
    "SERVICE <http://x/>",
    "FROM <http://x/>",
    "#",
    '"""',
    "'''",
    "^^",
    "@en",
    "(",
    ")",
    ";",
    ".",
    "?x",
    "agr:hasParty",
    "id:country/KR",
    "INSERT DATA {",
    'REGEX(?x, "(a+)+$")',
]
fragment = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6))
cuts = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 8), fragment), max_size=6)


def near(seeds: list[str]) -> st.SearchStrategy[str]:
    """Texts close to one of *seeds*: a few cuts and insertions."""
    return st.builds(_mutate, st.sampled_from(seeds), cuts)


soup = st.lists(fragment, max_size=30).map("".join)


# ---------------------------------------------------------------- strict YAML reader


class _Files:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="fuzz-"))

    def write(self, name: str, content: bytes | str) -> Path:
        path = self.dir / name
        if isinstance(content, str):
            path.write_bytes(content.encode("utf-8", "surrogatepass"))
        else:
            path.write_bytes(content)
        return path

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def yaml_target() -> Target:
    from graph_builder.ingest.strict_yaml import read_yaml

    files = _Files()

    def check(content: bytes | str) -> None:
        # a lone surrogate cannot be written as a file: then nothing was read
        with contextlib.suppress(UnicodeEncodeError):
            read_yaml(files.write("f.yaml", content))

    target = Target(
        "yaml: read_yaml",
        check,
        st.one_of(near(SEED_TEXTS), soup, st.binary(max_size=300)),
        from_bytes=lambda data: data,
    )
    target.resources.callback(files.close)
    return target


# ---------------------------------------------------------------- source-file checker


def _scalar() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-5, 10**12),
        st.sampled_from(["ID", "CN", "KR", "XX", "shipbuilding", "S1", "¶4", "p. 1", ""]),
        st.text(max_size=12),
        st.dates().map(str),
    )


values = st.recursive(
    _scalar(),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(node: Any, where: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield where
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*where, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*where, i))


def _edit(tree: Any, where: tuple[Any, ...], action: str, value: Any, key: str) -> Any:
    if not where:
        return value if action == "replace" else tree
    parent = tree
    for part in where[:-1]:
        parent = parent[part]
    last = where[-1]
    if action == "replace":
        parent[last] = value
    elif action == "delete":
        del parent[last]
    elif isinstance(parent[last], dict):
        parent[last][key] = value
    elif isinstance(parent[last], list):
        parent[last].append(value)
    return tree


@st.composite
def data_edits(draw: st.DrawFn) -> tuple[str, str]:
    """One bundled data file, edited where the checker must look: (relative path, text)."""
    import yaml

    index = draw(st.integers(0, len(SEED_FILES) - 1))
    tree = yaml.safe_load(SEED_TEXTS[index])
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(tree))
        where = paths[draw(st.integers(0, len(paths) - 1))]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        tree = _edit(tree, where, action, draw(values), draw(st.text(max_size=8)))
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)
    return str(SEED_FILES[index].relative_to(DATA)), text


def sources_target() -> Target:
    from graph_builder.ingest.sources import load_sources
    from graph_builder.ontology import Vocabulary, load_ontology

    vocabulary = Vocabulary.from_graph(load_ontology())
    files = _Files()
    shutil.copytree(DATA, files.dir / "data")
    root = files.dir / "data"

    def check(edit: tuple[str, str]) -> None:
        relative, text = edit
        path = root / relative
        original = path.read_bytes()
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_sources(root, vocabulary=vocabulary)
        finally:
            path.write_bytes(original)

    def from_bytes(data: bytes) -> tuple[str, str]:
        index = data[0] % len(SEED_FILES) if data else 0
        return str(SEED_FILES[index].relative_to(DATA)), data[1:].decode("utf-8", "replace")

    target = Target("sources: load_sources", check, data_edits(), from_bytes=from_bytes)
    target.resources.callback(files.close)
    return target


# ---------------------------------------------------------------- SPARQL guard


def sparql_target() -> Target:
    from graph_builder.sparql.guard import parse_guarded, precheck_query

    graphs = ["https://w3id.org/agreement-graph/graph/catalog"]

    def check(text: str) -> None:
        precheck_query(text, max_bytes=64 * 1024)
        parse_guarded(text, served_graphs=graphs)

    strategy = st.one_of(near(QUERY_TEXTS), soup, st.text(max_size=200))
    return Target(
        "sparql: precheck + parse_guarded",
        check,
        strategy,
        from_bytes=lambda data: data.decode("utf-8", "replace"),
    )


# ---------------------------------------------------------------- guard against engine


def service_target() -> Target:
    """Differential: whatever the guard lets through must not make the engine call out.

    The engine runs here, in this process and without the kernel's filter, against a
    listener on 127.0.0.1, so that a text the guard accepts but the engine reads as a
    SERVICE call shows up as a call. Inputs: :mod:`fuzz.service`'s SERVICE-bearing
    queries (comment, escape and line-end tricks), cut and spliced further.
    """
    import random

    import pyoxigraph as ox

    from fuzz.service import Listener, service_query
    from graph_builder.sparql.guard import parse_guarded

    listener = Listener()
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o")))

    def check(text: str) -> None:
        parse_guarded(text, served_graphs=[])  # refusals are QueryRefused: no crash
        before = listener.calls
        with contextlib.suppress(Exception):  # the engine's own errors are not the point
            answer = store.query(text)
            if not isinstance(answer, ox.QueryBoolean):
                list(answer)
        if listener.calls != before:
            raise InvariantBroken(f"the guard accepted a query that called out: {text!r}")

    queries = st.builds(service_query, st.randoms(use_true_random=False), st.just(listener.url))
    strategy = st.one_of(queries, st.builds(_mutate, queries, cuts))
    target = Target(
        "service: guard vs engine",
        check,
        strategy,
        from_bytes=lambda data: (
            service_query(random.Random(data), listener.url) + data.decode("utf-8", "replace")
        ),
    )
    target.resources.callback(listener.close)
    return target


# ---------------------------------------------------------------- parameter binding


def params_target() -> Target:
    queries = named_queries()
    names = sorted(queries)
    param_names = sorted({p.name for q in queries.values() for p in q.params})

    def check(case: tuple[str, dict[str, str]]) -> None:
        name, raw = case
        bound = bind_params(queries[name], raw)
        if not isinstance(bound, dict):
            raise InvariantBroken(f"bind_params returned {type(bound).__name__}")

    keys = st.one_of(st.sampled_from(param_names), st.text(max_size=6))
    raw_values = st.one_of(
        st.sampled_from(["KR", "kr", " id ", "XX", "id:country/KR", "<http://x>", "agr:", ":"]),
        near(["agr:hasParty", "<https://w3id.org/agreement-graph/id/country/KR>", "zhua"]),
        st.text(max_size=20),
    )
    strategy = st.tuples(st.sampled_from(names), st.dictionaries(keys, raw_values, max_size=4))

    def from_bytes(data: bytes) -> tuple[str, dict[str, str]]:
        text = data.decode("utf-8", "replace")
        name = names[len(text) % len(names)]
        raw = {}
        for pair in text.split("&"):
            key, _, value = pair.partition("=")
            raw[key] = value
        return name, raw

    return Target("params: bind_params", check, strategy, from_bytes=from_bytes)


# ---------------------------------------------------------------- HTTP endpoint


def _http_request() -> st.SearchStrategy[bytes]:
    methods = st.sampled_from(["GET", "POST", "HEAD", "PUT", "OPTIONS", "G\x00T", ""])
    paths = st.one_of(
        st.sampled_from(
            [
                "/",
                "/sparql",
                "/sparql?query=ASK%7B%7D",
                "/queries",
                "/queries/parties",
                "/queries/agreements-by-country?country=KR",
                "/queries/find-by-name?text=%00",
                "/viewer?lang=xx",
                "/static/query.js",
                "/static/..%2f..%2fetc%2fpasswd",
                "*",
                "http://127.0.0.1/",
            ]
        ),
        st.text(max_size=30).map(lambda t: "/" + t),
    )
    headers = st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "Host: 127.0.0.1",
                    "Content-Type: application/sparql-query",
                    "Content-Type: application/x-www-form-urlencoded",
                    "Content-Type: application/sparql-update",
                    "Accept: text/csv",
                    "Accept: */*;q=x",
                    "Accept: application/ld+json;q=0.5, text/turtle;q=1e9",
                    "Transfer-Encoding: chunked",
                    "Content-Length: 5",
                    "Content-Length: -1",
                    "Expect: 100-continue",
                    "Connection: close",
                    "Origin: http://evil.test",
                ]
            ),
            st.text(max_size=20),
        ),
        max_size=6,
    )
    bodies = st.one_of(
        st.just(""),
        near(QUERY_TEXTS),
        st.sampled_from(["query=ASK%7B%7D", "update=x", "0\r\n\r\n"]),
    )

    def assemble(method: str, path: str, version: str, lines: list[str], body: str) -> bytes:
        head = f"{method} {path} {version}\r\n" + "".join(f"{line}\r\n" for line in lines)
        return (head + "\r\n" + body).encode("utf-8", "surrogatepass")

    versions = st.sampled_from(["HTTP/1.1", "HTTP/1.0", "HTTP/2", "HTTP/1.1 x", ""])
    structured = st.builds(assemble, methods, paths, versions, headers, bodies)
    return st.one_of(
        structured, st.binary(max_size=200), structured.map(lambda b: b[: len(b) // 2])
    )


STATUS_LINE = re.compile(rb"HTTP/1\.[01] (\d{3}) ")


class _Endpoint:
    def __init__(self) -> None:
        import logging

        from graph_builder.server import ServerConfig, running_server

        self._stack = ExitStack()
        # Count what the server logs as an unhandled exception: a crash, even when the
        # client got an answer. Warnings ("Invalid HTTP request") are expected here.
        self.server_errors: list[logging.LogRecord] = []
        collector = logging.Handler(logging.ERROR)
        collector.emit = self.server_errors.append  # type: ignore[method-assign]
        logger = logging.getLogger("uvicorn.error")
        logger.setLevel(logging.ERROR)
        logger.addHandler(collector)
        self._stack.callback(logger.removeHandler, collector)

        config = ServerConfig(
            workers=1,
            timeout=5,
            read_timeout=0.5,
            max_connections_per_client=500,
            max_concurrent=64,
        )
        url = self._stack.enter_context(running_server(config=config))
        self.port = int(url.rsplit(":", 1)[1])
        self.sent = 0

    def exchange(self, payloads: list[bytes]) -> list[bytes]:
        """Send each payload on its own connection, all at once; the replies (b"" if none)."""
        import selectors

        selector = selectors.DefaultSelector()
        replies: dict[int, bytearray] = {}
        socks = []
        for i, payload in enumerate(payloads):
            sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            # the server may close first (an early 400): then read what it said
            with contextlib.suppress(OSError):
                sock.sendall(payload)
            sock.setblocking(False)
            selector.register(sock, selectors.EVENT_READ, i)
            replies[i] = bytearray()
            socks.append(sock)
        import time

        deadline = time.monotonic() + 10
        open_count = len(socks)
        while open_count and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=0.5):
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                try:
                    chunk = sock.recv(65536)
                except OSError:
                    chunk = b""
                if chunk:
                    replies[key.data] += chunk
                else:
                    selector.unregister(sock)
                    open_count -= 1
        for sock in socks:
            sock.close()
        selector.close()
        if open_count:
            raise InvariantBroken(f"{open_count} connection(s) still open after 10 s")
        return [bytes(replies[i]) for i in range(len(payloads))]

    def healthy(self) -> bool:
        reply = self.exchange([b"GET /queries HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"])
        return reply[0].startswith(b"HTTP/1.1 200 ")

    def close(self) -> None:
        self._stack.close()


def http_target(batch: int = 50) -> Target:
    endpoint = _Endpoint()

    def check(payloads: list[bytes]) -> None:
        for payload, reply in zip(payloads, endpoint.exchange(payloads), strict=True):
            if not reply:
                continue  # closed without a word: refused input or read deadline
            status = STATUS_LINE.match(reply)
            if status is None:
                raise InvariantBroken(f"not an HTTP reply to {payload[:80]!r}: {reply[:80]!r}")
            if status.group(1) == b"500":
                raise InvariantBroken(f"500 (an unhandled exception) for {payload[:200]!r}")
        if not endpoint.healthy():
            raise InvariantBroken("the endpoint stopped answering")
        if endpoint.server_errors:
            record = endpoint.server_errors.pop()
            endpoint.server_errors.clear()
            raise InvariantBroken(
                f"the server logged: {record.getMessage()} {record.exc_info!r:.300}"
            )

    target = Target(
        "http: raw bytes at the socket",
        check,
        st.lists(_http_request(), min_size=batch, max_size=batch),
        from_bytes=lambda data: [data],
        batch=batch,
    )
    target.resources.callback(endpoint.close)
    return target


# ---------------------------------------------------------------- viewer data path

HOSTILE = [
    "</script><script>alert(1)</script>",
    "</SCRIPT >",
    "<!--",
    "-->",
    "<img src=x onerror=alert(1)>",
    "\u2028\u2029",
    "&lt;&amp;",
    "]]>",
    "${alert(1)}",
    "{{7*7}}",
    "\"'`",
    "@@DATA@@",
    "javascript:alert(1)",
    "\ud7ff\ufffe",
]
BLOB = re.compile(r'(<script type="application/json" id="graph-data">)(.*?)(</script>)', re.S)


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def viewer_target() -> Target:
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS

    from graph_builder.namespaces import REFERENCE_GRAPH
    from graph_builder.rdf.store import GraphStore

    dataset = load_dataset().to_rdflib()  # an rdflib copy whose labels each input replaces
    reference = dataset.graph(REFERENCE_GRAPH)
    subjects = [
        URIRef("https://w3id.org/agreement-graph/id/country/KR"),
        URIRef("https://w3id.org/agreement-graph/id/person/jin-zhuanglong"),
    ]
    originals = {s: list(reference.triples((s, RDFS.label, None))) for s in subjects}

    def outside_blob(page: str) -> str:
        match = BLOB.search(page)
        if match is None:
            raise InvariantBroken("the data blob is missing")
        return page[: match.start(2)] + page[match.end(2) :]

    baseline = outside_blob(render_viewer(GraphStore.from_rdflib(dataset)))

    def check(labels: tuple[str, str]) -> None:
        for subject, label in zip(subjects, labels, strict=True):
            reference.remove((subject, RDFS.label, None))
            reference.add((subject, RDFS.label, Literal(label, lang="en")))
        try:
            page = render_viewer(GraphStore.from_rdflib(dataset))
        finally:
            for subject in subjects:
                reference.remove((subject, RDFS.label, None))
                for triple in originals[subject]:
                    reference.add(triple)
        if outside_blob(page) != baseline:
            raise InvariantBroken(f"data text changed the page outside its JSON blob: {labels!r}")
        blob = BLOB.search(page)
        assert blob is not None
        text = blob.group(2)
        if re.search(r"</|<!--|<", text):
            raise InvariantBroken(f"markup inside the JSON blob: {labels!r}")
        strings = list(_strings(json.loads(text)))
        for label in labels:
            if label.strip() and not any(label.strip() in s for s in strings):
                raise InvariantBroken(f"label {label!r} is not in the data")

    label = st.one_of(
        st.sampled_from(HOSTILE),
        st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=8)), max_size=4).map("".join),
    ).filter(lambda t: "\x00" not in t)

    def from_bytes(data: bytes) -> tuple[str, str]:
        text = data.decode("utf-8", "replace").replace("\x00", "")
        half = len(text) // 2
        return text[:half], text[half:]

    return Target(
        "viewer: render_viewer, hostile labels",
        check,
        st.tuples(label, label),
        from_bytes=from_bytes,
    )


FACTORIES: dict[str, Callable[[], Target]] = {
    "yaml": yaml_target,
    "sources": sources_target,
    "sparql": sparql_target,
    "service": service_target,
    "params": params_target,
    "http": http_target,
    "viewer": viewer_target,
}


def is_crash(exc: BaseException) -> bool:
    """Whether *exc* escaping a target breaks the invariant."""
    return not isinstance(exc, GraphBuilderError)
