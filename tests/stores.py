"""Real triple stores for the tests: Virtuoso and Oxigraph's server, on 127.0.0.1.

Each store runs from a throwaway folder (configuration and database) on free ports and is
killed at the end of the session. A missing binary skips the tests that need it, or fails
them under ``GRAPH_BUILDER_REQUIRE_ALL=1`` (see ``conftest.missing_component``).

The helpers below also run a named query on any store the same way: parameters go into a
``VALUES`` block (the text of a value never becomes query syntax), and every result term
becomes a comparable tuple ``(kind, lexical form, datatype, language)``.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph_builder.publish import PushTarget

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
OUR_GRAPHS = "https://w3id.org/agreement-graph/graph/"

Cell = tuple[str, str, str, str]
"""A result term: ``(kind, lexical form, datatype, language)``; ``kind`` is uri/literal/bnode."""


@dataclass(frozen=True)
class StoreEndpoints:
    """Where a running store listens, and how to log in to write."""

    name: str
    gsp: str
    """SPARQL 1.1 Graph Store HTTP Protocol endpoint (needs ``auth`` for writes)."""
    query: str
    update: str
    user: str | None = None
    password: str | None = None
    digest: bool = False
    sql: str | None = None
    """Virtuoso: its SQL port as isql takes it (``127.0.0.1:PORT``)."""
    loadable: Path | None = None
    """Virtuoso: a folder in its ``DirsAllowed``, for bulk loads."""

    def auth(self) -> httpx.Auth | None:
        if self.user is None or self.password is None:
            return None
        if self.digest:
            return httpx.DigestAuth(self.user, self.password)
        return httpx.BasicAuth(self.user, self.password)

    def push_target(self, **options: Any) -> PushTarget:
        """Where and how to push graphs into this store by the Graph Store Protocol, with
        its query endpoint for the counts; *options* as :class:`PushTarget` takes them."""
        return PushTarget(
            self.gsp,
            query_endpoint=self.query,
            user=self.user,
            password=self.password,
            digest=self.digest,
            **options,
        )

    def select(self, text: str) -> list[dict[str, Cell]]:
        """Rows of a SELECT query, from SPARQL 1.1 JSON results."""
        response = httpx.post(
            self.query,
            data={"query": text},
            headers={"Accept": "application/sparql-results+json"},
            timeout=60,
        )
        if response.is_error:
            raise AssertionError(f"{response.status_code} from the store: {response.text[:2000]}")
        return [
            {name: _json_cell(term) for name, term in row.items()}
            for row in json.loads(response.text)["results"]["bindings"]
        ]

    def counts(self) -> dict[str, int]:
        """Triples per named graph of this project (the store's own graphs left out)."""
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {row["g"][1]: int(row["n"][1]) for row in rows if row["g"][1].startswith(OUR_GRAPHS)}


def _json_cell(term: Mapping[str, str]) -> Cell:
    kind = term["type"]
    if kind in ("literal", "typed-literal"):
        lang = term.get("xml:lang", "")
        datatype = RDF_LANG_STRING if lang else term.get("datatype", XSD_STRING)
        return ("literal", term["value"], datatype, lang.lower())
    return ("bnode" if kind == "bnode" else "uri", term["value"], "", "")


def oxigraph_cell(term: Any) -> Cell:
    """The comparable tuple of a pyoxigraph term."""
    import pyoxigraph

    if isinstance(term, pyoxigraph.Literal):
        lang = term.language or ""
        return ("literal", term.value, term.datatype.value, lang.lower())
    return ("bnode" if isinstance(term, pyoxigraph.BlankNode) else "uri", term.value, "", "")


# ---------------------------------------------------------------- processes


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_ready(
    url: str, process: subprocess.Popen[bytes], log: Path, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the store exited early; its log:\n{_tail(log)}")
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{url}: not ready after {timeout:.0f} s; its log:\n{_tail(log)}")


def _tail(path: Path) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-20:])
    except OSError:
        return "(no log)"


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
ThreadsPerQuery = 1
DirsAllowed = ., {dir}/loadable

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
MaxClientConnections = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""
"""A throwaway Virtuoso: database, log and both ports (SQL and HTTP) on 127.0.0.1 only."""


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreEndpoints]:
    """Debian's Virtuoso 7 (``virtuoso-opensource``), empty, with user dba/dba."""
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as endpoints:
        yield endpoints


@contextlib.contextmanager
def running_virtuoso(folder: Path, *, buffers: int = 10000) -> Iterator[StoreEndpoints]:
    """Debian's Virtuoso 7 on a new database in the empty folder *folder*, with user dba/dba
    and ``folder/loadable`` in its ``DirsAllowed``; *buffers* of 8 KiB for its cache."""
    from .conftest import missing_component

    binary = shutil.which("virtuoso-t")
    if binary is None:
        missing_component("Virtuoso not installed (apt-get install virtuoso-opensource)")
    http_port, sql_port = _free_port(), _free_port()
    (folder / "virtuoso.ini").write_text(
        VIRTUOSO_INI.format(
            dir=folder,
            sql_port=sql_port,
            http_port=http_port,
            buffers=buffers,
            dirty=buffers * 3 // 5,
        )
    )
    log = folder / "virtuoso.log"
    (folder / "loadable").mkdir()
    process = subprocess.Popen(
        [str(binary), "-f", "-c", str(folder / "virtuoso.ini")],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait_until_ready(f"{base}/sparql", process, log, timeout=90)
        yield StoreEndpoints(
            "virtuoso",
            gsp=f"{base}/sparql-graph-crud-auth",
            query=f"{base}/sparql",
            update=f"{base}/sparql-auth",
            user="dba",
            password="dba",
            digest=True,
            sql=f"127.0.0.1:{sql_port}",
            loadable=folder / "loadable",
        )
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreEndpoints]:
    """Oxigraph's server (PyPI package ``oxigraph``) on an empty on-disk store."""
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph") / "db") as endpoints:
        yield endpoints


@contextlib.contextmanager
def running_oxigraph(location: Path) -> Iterator[StoreEndpoints]:
    """Oxigraph's server on the store in the folder *location* (made when missing), with
    its default settings: the default graph is the store's own, not the union."""
    from .conftest import missing_component

    beside_python = Path(sys.executable).parent / "oxigraph"
    binary = str(beside_python) if beside_python.is_file() else shutil.which("oxigraph")
    if binary is None:
        missing_component("Oxigraph server not installed (pip install oxigraph)")
    port = _free_port()
    log = location.parent / f"{location.name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(f"{base}/query", process, log, timeout=60)
        yield StoreEndpoints(
            "oxigraph", gsp=f"{base}/store", query=f"{base}/query", update=f"{base}/update"
        )
    finally:
        _stop(process)
