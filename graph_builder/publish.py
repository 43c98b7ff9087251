"""Publish the build to a triple store, one named graph at a time.

Two protocols:

- ``gsp`` (default): the SPARQL 1.1 Graph Store HTTP Protocol, one ``PUT ?graph=IRI`` of
  N-Triples per graph. PUT replaces the graph, so pushing twice leaves the store as after
  the first push.
- ``update``: SPARQL 1.1 Update for stores without GSP, one request per graph:
  ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { … } }``. SPARQL 1.1 Update says a
  store should apply each request atomically, and Oxigraph does (tested), so a failed
  request leaves the store's old copy of the graph; a store that applies the two
  operations separately may be left with the graph dropped (use ``gsp`` there).

Each graph is checked right after it is sent: the store must hold as many triples in it as
the build (a ``COUNT`` query to the SPARQL endpoint, whose answer is read up to
:data:`COUNT_ANSWER_BYTES`; without one, a GSP GET parsed as it streams). The push stops at
the first graph that fails and raises :class:`PushFailed`, which names the graphs stored
before it.

Time is bounded three ways: ``timeout`` (connecting, and each wait for the store),
``graph_timeout`` (one graph in all: its requests, retries and check) and ``total_timeout``
(the whole push); the last two hold however slowly the store sends.

A redirect is refused, never followed and never taken for success: following a 307 would
send the graph and the credentials to another address, and a 301, 302 or 303 turns a PUT
into a GET. The message names where the store points, to push there instead. Which failures
are retried is described in :mod:`graph_builder.publish_http`.

Where some stores listen: Virtuoso ``/sparql-graph-crud-auth`` (GSP, digest auth),
``/sparql-auth`` (update, digest auth) and ``/sparql`` (query); Oxigraph server ``/store``,
``/update`` and ``/query``.
"""

from __future__ import annotations

import io
import json
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from graph_builder.errors import PublishError, PushFailed
from graph_builder.namespaces import GRAPH
from graph_builder.publish_http import (
    BodyReader,
    Deadline,
    PushTarget,
    open_client,
    read_at_most,
    send,
)
from graph_builder.rdf.store import GraphStore

__all__ = [
    "PushReport",
    "PushTarget",
    "PushedGraph",
    "built_graphs",
    "count_triples",
    "push_graphs",
    "select_graphs",
]

log = logging.getLogger(__name__)

NTRIPLES = "application/n-triples"
COUNT_ANSWER_BYTES = 64 * 1024
"""The most of a ``COUNT`` query's answer that is read; a longer one is not a count."""

Progress = Callable[[int, int, str], None]
"""Called as ``progress(graphs done, graphs in all, graph IRI)`` before each graph."""


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
    """Store each graph (IRI → N-Triples) in *target*, checking its triple count in the store.

    Raises :class:`PushFailed` (with ``.pushed``, the IRIs stored and checked before the
    failure) when the store refuses a graph, cannot be reached after the retries, misses a
    deadline, or holds a different number of triples than sent.
    """
    _check_target(target)
    report = PushReport(target.url, dry_run=dry_run)
    if dry_run:
        report.graphs = [PushedGraph(iri, count_triples(data)) for iri, data in graphs.items()]
        return report
    started = time.monotonic()
    whole = None
    if target.total_timeout is not None:
        whole = Deadline.after(target.total_timeout, "the whole push")
    pushed: list[str] = []
    with open_client(target) as client:
        for done, (iri, data) in enumerate(graphs.items()):
            if progress is not None:
                progress(done, len(graphs), iri)
            clock = time.monotonic()
            deadline = Deadline.after(target.graph_timeout, "one graph")
            if whole is not None and whole.at < deadline.at:
                deadline = whole
            graph = PushedGraph(iri, count_triples(data))
            try:
                _push_one(client, target, deadline, iri, data)
                graph.stored = _stored_triples(client, target, deadline, iri)
            except PushFailed as exc:
                raise PushFailed(exc.detail, pushed=pushed) from None
            if graph.stored != graph.triples:
                raise PushFailed(
                    f"the store holds {graph.stored} triples in {iri}, sent {graph.triples}",
                    pushed=pushed,
                )
            graph.seconds = time.monotonic() - clock
            pushed.append(iri)
            report.graphs.append(graph)
            log.info("pushed %s", iri)
        if progress is not None:
            progress(len(graphs), len(graphs), "")
    report.seconds = time.monotonic() - started
    return report


def _check_target(target: PushTarget) -> None:
    if target.protocol not in ("gsp", "update"):
        raise PublishError(f"unknown protocol {target.protocol!r}; use gsp or update")
    if not target.url.startswith(("http://", "https://")):
        raise PublishError(f"{target.url!r} is not an http:// or https:// URL")
    if target.protocol == "update" and not target.query_endpoint:
        raise PublishError(
            "protocol 'update' needs query_endpoint (the store's SPARQL query endpoint) "
            "to check what was stored"
        )
    for name in ("timeout", "graph_timeout", "total_timeout", "backoff", "max_retry_after"):
        seconds = getattr(target, name)
        if seconds is not None and not seconds > 0:
            raise PublishError(f"{name} must be a positive number of seconds, not {seconds!r}")


def _push_one(
    client: httpx.Client, target: PushTarget, deadline: Deadline, iri: str, data: bytes
) -> None:
    if target.protocol == "gsp":
        send(
            client,
            target,
            f"PUT {iri}",
            deadline,
            _ignore,
            method="PUT",
            url=target.url,
            params={"graph": iri},
            content=data,
            headers={"Content-Type": NTRIPLES},
        )
        return
    # One request, so that a store applying requests atomically never holds the graph dropped.
    body = data.decode("utf-8")
    update = f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{body}\n}} }}"
    try:
        send(
            client,
            target,
            f"update of {iri}",
            deadline,
            _ignore,
            method="POST",
            url=target.url,
            content=update.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update"},
        )
    except PushFailed as exc:
        raise PushFailed(
            f"{exc.detail} (the graph went in one update request: a store that applies "
            "requests atomically holds its old copy or the new one, never neither)",
            pushed=[],
        ) from None


def _stored_triples(client: httpx.Client, target: PushTarget, deadline: Deadline, iri: str) -> int:
    """How many triples the store holds in graph *iri*: counted by its query endpoint if it
    has one, else read back whole through the Graph Store Protocol and parsed."""
    if target.query_endpoint:
        what, read = f"count of {iri}", _count_answer
        request: dict[str, Any] = {
            "method": "POST",
            "url": target.query_endpoint,
            "data": {"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"},
            "headers": {"Accept": "application/sparql-results+json"},
        }
    else:
        what, read = f"GET {iri}", _parsed_triples
        request = {
            "method": "GET",
            "url": target.url,
            "params": {"graph": iri},
            "headers": {"Accept": NTRIPLES},
        }
    return send(client, target, what, deadline, lambda response: read(response, iri), **request)


def _count_answer(response: httpx.Response, iri: str) -> int:
    body = read_at_most(response, COUNT_ANSWER_BYTES)
    if body is None:
        raise PushFailed(
            f"count of {iri}: the answer runs past {COUNT_ANSWER_BYTES} bytes, so it is not "
            "a count; is the query endpoint a SPARQL endpoint?",
            pushed=[],
        )
    try:
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    except (ValueError, KeyError, IndexError, TypeError):
        shown = " ".join(body.decode("utf-8", "replace").split())[:200]
        raise PushFailed(
            f"count of {iri}: the answer is not a SPARQL JSON result with a count: {shown!r}",
            pushed=[],
        ) from None


def _parsed_triples(response: httpx.Response, iri: str) -> int:
    """Triples in a GSP GET answer, parsed as it arrives (never held whole in memory)."""
    import pyoxigraph

    # pyoxigraph keeps literals it cannot interpret (Virtuoso sends xsd:duration "60").
    media = response.headers.get("content-type", NTRIPLES).split(";")[0].strip()
    rdf_format = pyoxigraph.RdfFormat.from_media_type(media) or pyoxigraph.RdfFormat.N_TRIPLES
    triples = 0
    try:
        for _ in pyoxigraph.parse(io.BufferedReader(BodyReader(response)), format=rdf_format):
            triples += 1
    except SyntaxError as exc:
        raise PushFailed(
            f"GET {iri}: the store's answer is not {media}: {exc}", pushed=[]
        ) from None
    return triples


def _ignore(response: httpx.Response) -> None:
    """Success needs no body: leave it unread (closing the response drops it)."""


def _short(iri: str) -> str:
    return iri.removeprefix(str(GRAPH))
