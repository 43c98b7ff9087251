"""Publish the build to a triple store, one named graph at a time.

Two protocols:

- ``gsp`` (default): the SPARQL 1.1 Graph Store HTTP Protocol, one ``PUT ?graph=IRI`` of
  N-Triples per graph. PUT replaces the graph, so pushing twice leaves the store as after
  the first push.
- ``update``: SPARQL 1.1 Update for stores without GSP: ``DROP SILENT GRAPH`` then
  ``INSERT DATA`` in chunks (a graph with blank nodes goes in one request, because a blank
  node label means a new node in each request).

Failed requests are retried with exponential back-off on 5xx answers and connection errors;
4xx answers are not retried. After pushing, each graph's triple count in the store is checked
against the build (via the store's SPARQL endpoint, or a GSP GET). A failure raises
:class:`PushFailed`, which names the graphs that made it.

Where some stores listen: Virtuoso ``/sparql-graph-crud-auth`` (GSP, digest auth),
``/sparql-auth`` (update, digest auth) and ``/sparql`` (query); Oxigraph server ``/store``,
``/update`` and ``/query``.
"""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import httpx

from graph_builder.errors import PublishError, PushFailed
from graph_builder.namespaces import GRAPH
from graph_builder.rdf.store import GraphStore

log = logging.getLogger(__name__)

Protocol = Literal["gsp", "update"]
NTRIPLES = "application/n-triples"

Progress = Callable[[int, int, str], None]
"""Called as ``progress(graphs done, graphs in all, graph IRI)`` before each graph."""


@dataclass(frozen=True)
class PushTarget:
    """A store to push to, and how."""

    url: str
    """GSP endpoint (``protocol="gsp"``) or SPARQL Update endpoint (``protocol="update"``)."""
    protocol: Protocol = "gsp"
    query_endpoint: str | None = None
    """SPARQL query endpoint for the check; without it, the check reads each graph by GSP GET."""
    user: str | None = None
    password: str | None = None
    digest: bool = False
    """Digest instead of basic authentication."""
    verify: bool = True
    """Verify TLS certificates (against *ca_bundle* when given)."""
    ca_bundle: Path | None = None
    timeout: float = 120.0
    retries: int = 4
    backoff: float = 0.5
    """Seconds before the first retry; doubled for each further retry."""
    chunk_triples: int = 10_000
    """Triples per INSERT DATA request (``protocol="update"``)."""


@dataclass
class PushedGraph:
    """One graph of a push: how many triples, how long it took, what the store holds."""

    iri: str
    triples: int
    seconds: float = 0.0
    stored: int | None = None
    """Triples the check found in the store (None: not checked, e.g. on a dry run)."""


@dataclass
class PushReport:
    """What a push did, graph by graph."""

    url: str
    graphs: list[PushedGraph] = field(default_factory=list)
    dry_run: bool = False
    seconds: float = 0.0

    def text(self) -> str:
        """One line per graph, then a total."""
        verb = "would push" if self.dry_run else "pushed"
        lines = [f"{verb} {g.iri}: {g.triples} triples" for g in self.graphs]
        if not self.dry_run:
            lines = [
                f"{line} ({g.seconds:.2f} s, {g.stored} in the store)"
                for line, g in zip(lines, self.graphs, strict=True)
            ]
        total = sum(g.triples for g in self.graphs)
        lines.append(f"{verb} {len(self.graphs)} graphs, {total} triples to {self.url}")
        if not self.dry_run:
            lines[-1] += f" in {self.seconds:.1f} s; counts checked"
        return "\n".join(lines)


def built_graphs(store: GraphStore) -> dict[str, bytes]:
    """Graph IRI → N-Triples of every named graph of *store* (``graph:inferred`` included)."""
    return {iri: store.dump("nt", graph=iri) for iri in store.named_graphs()}


def count_triples(ntriples: bytes) -> int:
    """Triples in an N-Triples document (one per non-blank, non-comment line)."""
    return sum(1 for line in ntriples.splitlines() if line.strip() and not line.startswith(b"#"))


def select_graphs(graphs: Mapping[str, bytes], wanted: Iterable[str]) -> dict[str, bytes]:
    """The graphs named in *wanted* (``https://…``, ``graph:source/S1`` or ``source/S1``).

    All of *graphs* when *wanted* is empty.
    """
    wanted = list(wanted)
    if not wanted:
        return dict(graphs)
    chosen: dict[str, bytes] = {}
    for name in wanted:
        iri = name
        if name.startswith("graph:"):
            iri = str(GRAPH[name[len("graph:") :]])
        elif "://" not in name:
            iri = str(GRAPH[name])
        if iri not in graphs:
            known = ", ".join(_short(g) for g in graphs)
            raise PublishError(f"no graph {name!r} in the build; graphs: {known}")
        chosen[iri] = graphs[iri]
    return chosen


def push_graphs(
    graphs: Mapping[str, bytes],
    target: PushTarget,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> PushReport:
    """Store each graph (IRI → N-Triples) in *target*, then check the triple counts.

    Raises :class:`PushFailed` (with ``.pushed``, the IRIs stored before the failure) when
    the store refuses a graph, cannot be reached after the retries, or holds a different
    number of triples than sent.
    """
    if target.protocol not in ("gsp", "update"):
        raise PublishError(f"unknown protocol {target.protocol!r}; use gsp or update")
    if not target.url.startswith(("http://", "https://")):
        raise PublishError(f"{target.url!r} is not an http:// or https:// URL")
    if target.protocol == "update" and not target.query_endpoint:
        raise PublishError(
            "protocol 'update' needs query_endpoint (the store's SPARQL query endpoint) "
            "to check what was stored"
        )
    report = PushReport(target.url, dry_run=dry_run)
    if dry_run:
        report.graphs = [PushedGraph(iri, count_triples(data)) for iri, data in graphs.items()]
        return report
    started = time.monotonic()
    pushed: list[str] = []
    with _client(target) as client:
        for done, (iri, data) in enumerate(graphs.items()):
            if progress is not None:
                progress(done, len(graphs), iri)
            clock = time.monotonic()
            try:
                _push_one(client, target, iri, data)
            except PushFailed as exc:
                raise PushFailed(exc.detail, pushed=pushed) from None
            pushed.append(iri)
            report.graphs.append(PushedGraph(iri, count_triples(data), time.monotonic() - clock))
            log.info("pushed %s", iri)
        if progress is not None:
            progress(len(graphs), len(graphs), "")
        for graph in report.graphs:
            graph.stored = _stored_triples(client, target, graph.iri)
    wrong = [g for g in report.graphs if g.stored != g.triples]
    if wrong:
        details = "; ".join(f"{g.iri} holds {g.stored}, sent {g.triples}" for g in wrong)
        raise PushFailed(f"the store's counts differ from the build: {details}", pushed=pushed)
    report.seconds = time.monotonic() - started
    return report


# ---------------------------------------------------------------- HTTP


def _client(target: PushTarget) -> httpx.Client:
    verify: bool | ssl.SSLContext = target.verify
    if target.verify and target.ca_bundle is not None:
        if not target.ca_bundle.is_file():
            raise PublishError(f"{target.ca_bundle}: CA bundle not found")
        verify = ssl.create_default_context(cafile=str(target.ca_bundle))
    auth: httpx.Auth | None = None
    if target.user is not None:
        if target.password is None:
            raise PublishError(f"user {target.user!r} needs a password")
        auth = (httpx.DigestAuth if target.digest else httpx.BasicAuth)(
            target.user, target.password
        )
    return httpx.Client(verify=verify, auth=auth, timeout=target.timeout)


def _request(
    client: httpx.Client, target: PushTarget, what: str, **kwargs: object
) -> httpx.Response:
    """Send with retries on 5xx and connection errors; PushFailed on anything else."""
    problem = ""
    for attempt in range(target.retries + 1):
        if attempt:
            time.sleep(target.backoff * 2 ** (attempt - 1))
        try:
            response = client.request(**kwargs)  # type: ignore[arg-type]
        except httpx.TransportError as exc:
            problem = f"cannot reach the store ({type(exc).__name__}: {exc})"
            log.warning("%s: %s; retrying", what, problem)
            continue
        if response.status_code < 400:
            return response
        problem = f"HTTP {response.status_code}: {response.text.strip()[:300]}"
        if response.status_code < 500:
            if response.status_code in (401, 403):
                problem += " (check the user name and GRAPH_BUILDER_PASSWORD)"
            break
        log.warning("%s: %s; retrying", what, problem)
    raise PushFailed(f"{what}: {problem}", pushed=[])


def _push_one(client: httpx.Client, target: PushTarget, iri: str, data: bytes) -> None:
    if target.protocol == "gsp":
        _request(
            client,
            target,
            f"PUT {iri}",
            method="PUT",
            url=target.url,
            params={"graph": iri},
            content=data,
            headers={"Content-Type": NTRIPLES},
        )
        return
    lines = [line for line in data.splitlines() if line.strip()]
    has_blank_nodes = any(b"_:" in line for line in lines)
    size = len(lines) if has_blank_nodes else max(1, target.chunk_triples)
    _update(client, target, iri, f"DROP SILENT GRAPH <{iri}>")
    for start in range(0, len(lines), size):
        body = b"\n".join(lines[start : start + size]).decode("utf-8")
        _update(client, target, iri, f"INSERT DATA {{ GRAPH <{iri}> {{\n{body}\n}} }}")


def _update(client: httpx.Client, target: PushTarget, iri: str, update: str) -> None:
    _request(
        client,
        target,
        f"update of {iri}",
        method="POST",
        url=target.url,
        content=update.encode("utf-8"),
        headers={"Content-Type": "application/sparql-update"},
    )


def _stored_triples(client: httpx.Client, target: PushTarget, iri: str) -> int:
    if target.query_endpoint:
        response = _request(
            client,
            target,
            f"count of {iri}",
            method="POST",
            url=target.query_endpoint,
            data={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"},
            headers={"Accept": "application/sparql-results+json"},
        )
        return int(response.json()["results"]["bindings"][0]["n"]["value"])
    response = _request(
        client,
        target,
        f"GET {iri}",
        method="GET",
        url=target.url,
        params={"graph": iri},
        headers={"Accept": NTRIPLES},
    )
    import pyoxigraph

    # pyoxigraph keeps literals it cannot interpret (Virtuoso sends xsd:duration "60").
    media = response.headers.get("content-type", NTRIPLES).split(";")[0].strip()
    rdf_format = pyoxigraph.RdfFormat.from_media_type(media) or pyoxigraph.RdfFormat.N_TRIPLES
    return sum(1 for _ in pyoxigraph.parse(response.content, format=rdf_format))


def _short(iri: str) -> str:
    return iri.removeprefix(str(GRAPH))
