"""The endpoint's request handlers: pages, the SPARQL protocol, named queries, admission.

:func:`~graph_builder.server.app.create_app` routes each path to a method of
:class:`Handlers`, which share one worker pool, one reply cache and one admission counter.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qs

from rdflib import URIRef
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from graph_builder.csp import viewer_csp
from graph_builder.errors import QueryError, ServerBusy
from graph_builder.rdf.store import GraphStore
from graph_builder.records import LANGUAGES
from graph_builder.server import query_page
from graph_builder.server.config import ServerConfig
from graph_builder.server.http import (
    PAGE_CSP,
    SECURITY_HEADERS,
    ResponseCache,
    describe_service,
    read_body,
)
from graph_builder.server.workers import (
    QueryJob,
    Reply,
    ViewerJob,
    WorkerLimits,
    WorkerPool,
)
from graph_builder.sparql.guard import QueryRefused, precheck_query
from graph_builder.sparql.results import GRAPH_TYPES, negotiate, write_ntriples

log = logging.getLogger("graph_builder.server.app")


class Handlers:
    """The handlers, sharing the worker pool, the reply cache and an admission counter."""

    def __init__(self, factory: Callable[[], GraphStore], cfg: ServerConfig) -> None:
        self.cfg = cfg
        size = cfg.workers or os.cpu_count() or 1
        self.pool = WorkerPool(
            factory,
            size=size,
            limits=WorkerLimits(cfg.max_rows, cfg.max_response_bytes, cfg.max_memory_mb),
            admission=cfg.admission_limits(size),
        )
        self.viewer_cache: dict[str, Reply] = {}
        self.cache = ResponseCache(cfg.cache_mb * 1024 * 1024)

    @asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        await self.pool.start()
        build = f", build {self.cfg.build_id}" if self.cfg.build_id else ""
        log.info("SPARQL endpoint ready: %d graphs%s", len(self.pool.served_graphs), build)
        try:
            yield
        finally:
            await self.pool.close()

    # ------------------------------------------------------------------ pages

    async def page(self, request: Request) -> Response:
        return _page(*query_page.page())

    async def static(self, request: Request) -> Response:
        found = query_page.static_file(request.path_params["name"])
        if found is None:
            return _text(404, f"no static file {request.path_params['name']!r}")
        return _page(*found, PAGE_CSP)

    async def viewer(self, request: Request) -> Response:
        lang = request.query_params.get("lang", "en")
        if lang not in LANGUAGES:
            return _text(400, f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
        reply = self.viewer_cache.get(lang)
        if reply is None:
            reply = await self._admit(request, ViewerJob(lang), self.cfg.viewer_timeout)
            if reply.status == 200:
                self.viewer_cache[lang] = reply
        if reply.status != 200:
            return _reply(reply)
        return _page(reply.body.decode("utf-8"), reply.media_type, viewer_csp(reply.body))

    # ------------------------------------------------------------------ SPARQL protocol

    async def sparql(self, request: Request) -> Response:
        fields: dict[str, list[str]] = {}
        for key, value in request.query_params.multi_items():
            fields.setdefault(key, []).append(value)
        if request.method == "POST":
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media == "application/sparql-update":
                return _text(403, "SPARQL Update is not accepted: this endpoint is read-only")
            if media not in ("application/x-www-form-urlencoded", "application/sparql-query"):
                return _text(
                    415,
                    "POST a query as application/sparql-query or "
                    "application/x-www-form-urlencoded, not " + (media or "no content type"),
                )
            try:
                body = (await read_body(request, 3 * self.cfg.max_query_bytes)).decode()
            except QueryRefused as exc:
                return _text(exc.status, str(exc))
            except UnicodeDecodeError:
                return _text(400, "the request body is not UTF-8")
            if media == "application/sparql-query":
                fields.setdefault("query", []).append(body)
            else:
                for key, values in parse_qs(body, keep_blank_values=True).items():
                    fields.setdefault(key, []).extend(values)
        if "update" in fields:
            return _text(403, "SPARQL Update is not accepted: this endpoint is read-only")
        queries = fields.get("query", [])
        if not queries:
            if request.method == "POST":
                return _text(400, "no query: send it as the 'query' parameter")
            return self._service_description(request)
        if len(queries) > 1:
            return _text(400, "send exactly one 'query' parameter")
        try:
            precheck_query(queries[0], max_bytes=self.cfg.max_query_bytes)
        except QueryRefused as exc:
            status = 414 if exc.status == 413 and request.method == "GET" else exc.status
            return _text(status, str(exc))
        job = QueryJob(
            queries[0],
            accept=request.headers.get("accept"),
            default_graphs=tuple(fields.get("default-graph-uri", [])),
            named_graphs=tuple(fields.get("named-graph-uri", [])),
            base_iri=self.cfg.public_url or _listening_url(request),
        )
        return _reply(await self._run(request, job))

    def _service_description(self, request: Request) -> Response:
        offers = ["text/turtle", *GRAPH_TYPES, "text/html"]
        chosen = negotiate(request.headers.get("accept"), offers)
        if chosen == "text/html":
            return RedirectResponse("/", status_code=303)
        if chosen is None:
            return _text(406, "acceptable: " + ", ".join(offers[:-1]))
        endpoint = URIRef(self.cfg.public_url or _listening_url(request))
        description = describe_service(
            endpoint, self.pool.served_graphs, build_id=self.cfg.build_id
        )
        described = ("sd", "formats", "dcterms")  # the graphs' IRIs are written whole
        prefixes = {p: str(ns) for p, ns in description.namespaces() if p in described}
        data = description.serialize(format="nt", encoding="utf-8")
        body = write_ntriples(data, chosen, prefixes=prefixes)
        return Response(body, media_type=chosen, headers={**SECURITY_HEADERS, "Vary": "Accept"})

    # ------------------------------------------------------------------ named queries

    async def list_queries(self, request: Request) -> Response:
        listing = [
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "params": [
                    {
                        "name": p.name,
                        "kind": p.kind,
                        "description": p.description,
                        "required": p.required,
                    }
                    for p in q.params
                ],
                "example": q.example,
                "url": f"/queries/{q.name}",
                "text": q.text,
            }
            for q in _named_queries().values()
        ]
        return Response(json.dumps({"queries": listing}), media_type="application/json")

    async def run_named(self, request: Request) -> Response:
        from graph_builder.sparql.named import bind_params

        named = _named_queries().get(request.path_params["name"])
        if named is None:
            return _text(404, f"no named query {request.path_params['name']!r}; see /queries")
        try:
            bindings = bind_params(named, dict(request.query_params))
        except QueryError as exc:
            return _text(400, str(exc))
        job = QueryJob(
            named.text, accept=request.headers.get("accept"), bindings=bindings, trusted=True
        )
        return _reply(await self._run(request, job))

    # ------------------------------------------------------------------ admission

    async def _run(self, request: Request, job: QueryJob) -> Reply:
        key = (
            job.text,
            tuple(sorted((job.bindings or {}).items())),
            job.accept,
            job.default_graphs,
            job.named_graphs,
            job.base_iri,
            job.trusted,
        )
        cached = self.cache.get(key)
        if cached is not None:
            return replace(cached, headers={**cached.headers, "X-Cache": "hit"})
        reply = await self._admit(request, job, self.cfg.timeout)
        self.cache.put(key, reply)
        return reply

    async def _admit(self, request: Request, job: QueryJob | ViewerJob, timeout: float) -> Reply:
        # The client's address, or the forwarded client behind a trusted proxy (.connections).
        client = request.client.host if request.client else "?"
        try:
            return await self.pool.run(job, client=client, timeout=timeout)
        except ServerBusy as exc:
            retry = str(max(1, round(self.cfg.timeout)))
            return Reply.text(503, str(exc), **{"Retry-After": retry})


def _listening_url(request: Request) -> str:
    # The socket's own address, not the Host header, which the client controls.
    host, port = request.scope.get("server") or ("127.0.0.1", 8000)
    host = f"[{host}]" if ":" in str(host) else host
    return f"{request.url.scheme}://{host}:{port}/sparql"


def _named_queries() -> dict[str, Any]:
    from graph_builder.sparql.named import named_queries

    return named_queries()


def _page(text: str, media_type: str, csp: str) -> Response:
    headers = {**SECURITY_HEADERS, "Content-Security-Policy": csp}
    return Response(text, media_type=media_type, headers=headers)


def _text(status: int, message: str) -> Response:
    return _reply(Reply.text(status, message))


def _reply(reply: Reply) -> Response:
    headers = {**SECURITY_HEADERS, "Vary": "Accept", **reply.headers}
    return Response(
        reply.body, status_code=reply.status, headers=headers, media_type=reply.media_type
    )
