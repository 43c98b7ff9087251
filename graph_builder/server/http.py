"""HTTP helpers of the SPARQL endpoint: bounded body reading, headers, service description."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF
from starlette.requests import ClientDisconnect, Request

from graph_builder.server.workers import Reply
from graph_builder.sparql.guard import QueryRefused

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refusing (413) more than *limit* bytes without buffering them."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise QueryRefused(f"the request body is over {limit} bytes", status=413)
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise QueryRefused(f"the request body is over {limit} bytes", status=413)
            chunks.append(chunk)
    except ClientDisconnect:
        # The connection ended (or was ended for a malformed or late body) mid-body; the
        # reply is not delivered, but the handler must end normally, not with a traceback.
        raise QueryRefused("the request body was cut off", status=400) from None
    return b"".join(chunks)


def describe_service(endpoint: URIRef, graphs: list[str], *, build_id: str | None = None) -> Graph:
    """The SPARQL 1.1 Service Description; *build_id* names the served dataset's build."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    # Fixed blank node ids and sorted graphs: the same description on every request.
    service, dataset, default = BNode("service"), BNode("dataset"), BNode("defaultGraph")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, endpoint))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for fmt in (
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
        "N-Quads",
        "TriG",
    ):
        g.add((service, SD.resultFormat, FORMATS[fmt]))
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    if build_id is not None:
        g.add((dataset, DCTERMS.identifier, Literal(build_id)))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    for n, iri in enumerate(sorted(graphs), start=1):
        named = BNode(f"namedGraph{n}")
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(iri)))
    return g


class ResponseCache:
    """Replies to identical requests, least recently used first out, bounded in bytes.

    The served dataset never changes while the server runs, so a 200 reply stays right.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, Reply] = OrderedDict()
        self._size = 0

    def get(self, key: Hashable) -> Reply | None:
        reply = self._entries.get(key)
        if reply is not None:
            self._entries.move_to_end(key)
        return reply

    def put(self, key: Hashable, reply: Reply) -> None:
        if reply.status != 200 or len(reply.body) > self.max_bytes // 4 or key in self._entries:
            return
        self._entries[key] = reply
        self._size += len(reply.body)
        while self._size > self.max_bytes:
            _, old = self._entries.popitem(last=False)
            self._size -= len(old.body)
