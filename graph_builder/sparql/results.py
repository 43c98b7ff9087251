"""Content negotiation and bounded serialization of SPARQL results.

Pure functions shared by the server process (which negotiates service descriptions)
and the query workers (which negotiate and serialize query results).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Dataset, Graph, Variable
from rdflib.query import Result, ResultRow

from graph_builder.errors import QueryRefused
from graph_builder.namespaces import bind_namespaces
from graph_builder.sparql.solutions import csv_text, tsv_text, write_boolean

RESULT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
"""Media types offered for SELECT and ASK, in order of preference, with aliases last."""

GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-quads": "nquads",
    "application/trig": "trig",
    "application/x-turtle": "turtle",
    "text/plain": "nt",
}
"""Media types offered for CONSTRUCT, DESCRIBE and the service description."""


def negotiate(accept: str | None, offers: list[str]) -> str | None:
    """The offer the ``Accept`` header prefers (q-values, most specific range wins).

    A missing or empty header accepts the first offer; ``None`` means nothing is acceptable.
    """
    ranges = _parse_accept(accept or "*/*")
    best: tuple[float, int] | None = None
    chosen = None
    for index, offer in enumerate(offers):
        q = _quality(offer, ranges)
        if q > 0 and (best is None or (q, -index) > best):
            best, chosen = (q, -index), offer
    return chosen


def _parse_accept(header: str) -> list[tuple[str, str, float]]:
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            media = "*/*" if media == "*" else ""
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(value)))
                except ValueError:
                    q = 0.0
        kind, _, sub = media.partition("/")
        ranges.append((kind, sub, q))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, str, float]]) -> float:
    kind, _, sub = offer.partition("/")
    specificity, q = -1, 0.0
    for r_kind, r_sub, r_q in ranges:
        if r_kind == kind and r_sub == sub:
            level = 2
        elif r_kind == kind and r_sub == "*":
            level = 1
        elif r_kind == "*" and r_sub == "*":
            level = 0
        else:
            continue
        if level > specificity:
            specificity, q = level, r_q
    return q


def not_acceptable(offers: list[str]) -> QueryRefused:
    """The 406 error listing what the client may ask for instead."""
    return QueryRefused(
        "none of the media types in the Accept header can be produced; "
        "acceptable: " + ", ".join(offers),
        status=406,
    )


@dataclass
class Serialized:
    """A serialized result: body, media type, and whether rows were cut at max_rows."""

    body: bytes
    media_type: str
    truncated: bool = False


def serialize_result(
    result: Result, media_type: str, *, max_rows: int, max_bytes: int
) -> Serialized:
    """Serialize at most *max_rows* rows (or triples) of *result* as *media_type*."""
    if result.type == "SELECT":
        rows: list[dict[Variable, Any]] = []
        truncated = False
        for row in result:
            if len(rows) == max_rows:
                truncated = True
                break
            assert isinstance(row, ResultRow)
            rows.append({Variable(k): v for k, v in row.asdict().items()})
        body = _select_body(list(result.vars or []), rows, RESULT_TYPES[media_type])
    elif result.type == "ASK":
        truncated = False
        body = _ask_body(bool(result.askAnswer), RESULT_TYPES[media_type])
    else:
        graph = bind_namespaces(Graph())
        truncated = False
        for triple in result.graph or Graph():
            if len(graph) == max_rows:
                truncated = True
                break
            graph.add(triple)
        body = serialize_graph(graph, media_type)
    if len(body) > max_bytes:
        raise QueryRefused(
            f"the result is {len(body)} bytes, over this endpoint's limit of {max_bytes}; "
            "add a LIMIT or select fewer variables"
        )
    return Serialized(body, media_type, truncated)


def serialize_graph(graph: Graph, media_type: str) -> bytes:
    """*graph* in the RDF syntax named by *media_type* (a key of GRAPH_TYPES).

    N-Quads and TriG write the triples into the default graph.
    """
    fmt = GRAPH_TYPES[media_type]
    if fmt in ("nquads", "trig"):
        dataset = bind_namespaces(Dataset())
        for triple in graph:
            dataset.add(triple)
        return dataset.serialize(format=fmt, encoding="utf-8")
    return graph.serialize(format=fmt, encoding="utf-8")


def _select_body(variables: list[Variable], rows: list[dict[Variable, Any]], fmt: str) -> bytes:
    if fmt == "csv":
        cells = ([_csv_term(row.get(v)) for v in variables] for row in rows)
        return csv_text([str(v) for v in variables], cells).encode("utf-8")
    if fmt == "tsv":
        terms = (["" if row.get(v) is None else row[v].n3() for v in variables] for row in rows)
        return tsv_text([str(v) for v in variables], terms).encode("utf-8")
    result = Result("SELECT")
    result.vars = variables
    result.bindings = rows  # type: ignore[assignment]
    return result.serialize(format=fmt, encoding="utf-8") or b""


def _csv_term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _ask_body(answer: bool, fmt: str) -> bytes:
    if fmt in ("csv", "tsv"):
        return (write_boolean(answer, fmt) or "").encode()
    result = Result("ASK")
    result.askAnswer = answer
    return result.serialize(format=fmt, encoding="utf-8") or b""
