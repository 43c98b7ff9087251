"""Query answers as text, written by the engine's own serialisers; content negotiation.

The W3C SPARQL result formats (CSV, TSV, JSON, XML) and every RDF syntax of a graph
answer (CONSTRUCT, DESCRIBE) are written by the engine. The one format written here is
the ``table`` people read (and ``wide``, the same table with whole cells), from the
engine's terms.

An answer cut at a number of rows (the endpoint's ``max_rows``), or a page made from some
of a query's rows (:mod:`.paging`), is carried as the engine's TSV: one line per row
(the format escapes line breaks in terms), so rows are counted and cut on its lines, and
the engine reads it back (:func:`from_tsv`) to write any other format. The engine writes
a cut answer's TSV only as far as the rows kept: it stops evaluating there.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import IO, Any, cast

import pyoxigraph as ox

from graph_builder.errors import GraphBuilderError, QueryError, QueryRefused
from graph_builder.prefixes import PREFIX_IRIS, compact
from graph_builder.rdf.store import Answer

FORMATS = ("table", "wide", "csv", "tsv", "json", "xml")
"""What :func:`write_answer` writes: ``table`` cuts cells at ``TABLE_CELL`` characters;
``wide`` is the same table uncut; the others are the W3C result formats (a graph answer:
JSON-LD for ``json``, RDF/XML for ``xml``, Turtle otherwise)."""
TABLE_CELL = 60

_TSV = ox.QueryResultsFormat.TSV
RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": _TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
"""The W3C SPARQL result formats, by name."""
_GRAPH_FORMATS = {"json": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}

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

GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
"""Media types offered for CONSTRUCT, DESCRIBE and the service description (N-Quads and
TriG write the triples in the default graph)."""


@dataclass
class Written:
    """An answer as text: its bytes, and whether rows (or triples) were cut at a limit."""

    body: bytes
    truncated: bool = False


def write_answer(answer: Answer, fmt: str, *, max_rows: int | None = None) -> Written:
    """*answer* in *fmt* (one of :data:`FORMATS`), at most *max_rows* rows or triples."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if isinstance(answer, ox.QueryTriples):
        return write_graph(answer, _GRAPH_FORMATS.get(fmt, ox.RdfFormat.TURTLE), max_rows)
    if fmt in ("table", "wide"):
        if isinstance(answer, ox.QueryBoolean):
            return Written(b"true\n" if answer else b"false\n")
        if max_rows is not None:
            answer, truncated = cut(answer, max_rows)
        else:
            truncated = False
        return Written(table(answer, cut=fmt == "table").encode("utf-8"), truncated)
    return write_results(answer, RESULT_FORMATS[fmt], max_rows)


def write_results(
    answer: ox.QuerySolutions | ox.QueryBoolean,
    fmt: ox.QueryResultsFormat,
    max_rows: int | None = None,
) -> Written:
    """A SELECT or ASK answer in a W3C result format, by the engine."""
    if max_rows is None or isinstance(answer, ox.QueryBoolean):
        return Written(answer.serialize(format=fmt) or b"")
    data, truncated = _first_rows(answer, max_rows)
    if fmt != _TSV:
        data = from_tsv(data).serialize(format=fmt) or b""
    return Written(data, truncated)


def write_graph(
    triples: Iterable[ox.Triple],
    fmt: ox.RdfFormat,
    max_rows: int | None = None,
    *,
    prefixes: Mapping[str, str] = PREFIX_IRIS,
) -> Written:
    """Triples in an RDF syntax, by the engine, with those of *prefixes* they use."""
    kept = list(triples if max_rows is None else islice(triples, max_rows + 1))
    truncated = max_rows is not None and len(kept) > max_rows
    if truncated:
        del kept[max_rows:]
    data = ox.serialize(kept, format=fmt, prefixes=_prefixes_used(kept, prefixes)) or b""
    return Written(data, truncated)


def write_ntriples(data: bytes, media_type: str, *, prefixes: Mapping[str, str]) -> bytes:
    """N-Triples *data* (a graph made with rdflib: the service description) in the syntax
    of *media_type* (:data:`GRAPH_TYPES`) with *prefixes*, its triples in order, so the
    same every time."""
    triples = sorted(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), key=str)
    return write_graph(triples, GRAPH_TYPES[media_type], prefixes=prefixes).body


def _prefixes_used(triples: list[ox.Triple], prefixes: Mapping[str, str]) -> dict[str, str]:
    iris = {t.predicate.value for t in triples}
    for triple in triples:
        for node in (triple.subject, triple.object):
            if isinstance(node, ox.NamedNode):
                iris.add(node.value)
            elif isinstance(node, ox.Literal):
                iris.add(node.datatype.value)
    return {p: ns for p, ns in prefixes.items() if any(i.startswith(ns) for i in iris)}


def from_tsv(data: bytes) -> ox.QuerySolutions:
    """The solutions of the engine's TSV *data* (:func:`to_tsv`), read by the engine."""
    answer = ox.parse_query_results(data, _TSV)
    assert isinstance(answer, ox.QuerySolutions)  # TSV holds solutions only
    return answer


def to_tsv(answer: ox.QuerySolutions) -> bytes:
    """*answer* as the engine's TSV: a header line, then one line per row."""
    return answer.serialize(format=_TSV) or b""


def tsv_rows(data: bytes) -> int:
    """How many rows the engine's TSV *data* holds."""
    return max(data.count(b"\n") - 1, 0)


def drop_rows(data: bytes, first: int) -> bytes:
    """The engine's TSV *data* without its *first* rows."""
    header = start = data.find(b"\n")
    for _ in range(first):
        start = data.find(b"\n", start + 1)
        if start < 0:
            return data[: header + 1]
    return data[: header + 1] + data[start + 1 :]


def cut(answer: ox.QuerySolutions, max_rows: int) -> tuple[ox.QuerySolutions, bool]:
    """*answer*'s first *max_rows* rows, and whether it had more."""
    data, truncated = _first_rows(answer, max_rows)
    return from_tsv(data), truncated


class _Enough(GraphBuilderError):
    """Raised into the engine's writer to stop it once it has written the rows wanted;
    caught by :func:`_first_rows`, never seen outside this module."""


class _FirstLines(io.RawIOBase):
    """Where the engine writes TSV, until it has written *lines* lines (it writes in
    chunks, and stops evaluating when a write fails)."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self.data, self.lines, self.seen = bytearray(), lines, 0

    def writable(self) -> bool:
        return True

    def write(self, chunk: Any) -> int:
        self.data += chunk
        self.seen += bytes(chunk).count(b"\n")
        if self.seen >= self.lines:
            raise _Enough
        return len(chunk)


def _first_rows(answer: ox.QuerySolutions, rows: int) -> tuple[bytes, bool]:
    """The engine's TSV of *answer*'s first *rows* rows, evaluated only that far, and
    whether it had more."""
    sink = _FirstLines(rows + 2)  # the header, the rows, and one more: there are more
    with contextlib.suppress(_Enough):
        answer.serialize(cast("IO[bytes]", sink), format=_TSV)
    return _cut_tsv(bytes(sink.data), rows)


def _cut_tsv(data: bytes, rows: int) -> tuple[bytes, bool]:
    end = -1
    for _ in range(rows + 1):  # the header line, then the rows
        end = data.find(b"\n", end + 1)
        if end < 0:
            return data, False
    return data[: end + 1], end + 1 < len(data)


# -------------------------------------------------------------------------- table


def table(answer: ox.QuerySolutions, *, cut: bool = True) -> str:
    """The rows of *answer* as padded columns (with *cut*, at most ``TABLE_CELL`` wide,
    longer cells ending in …) and a count: IRIs compacted with the project's prefixes,
    literals and blank nodes as their text."""
    names = [v.value for v in answer.variables]
    rows = [[_cell(term) for term in solution] for solution in answer]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    if cut:
        widths = [min(w, TABLE_CELL) for w in widths]

    def line(cells: list[str]) -> str:
        shown = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(cells, widths, strict=True)]
        return "  ".join(s.ljust(w) for s, w in zip(shown, widths, strict=True)).rstrip()

    out = [line(names), "  ".join("-" * w for w in widths)]
    out.extend(line(r) for r in rows)
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def _cell(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    return str(term.value)


def result_rows(answer: Answer) -> list[dict[str, Any]]:
    """The rows of a SELECT *answer* as ``{variable: engine term}`` dicts (unbound
    variables left out)."""
    if not isinstance(answer, ox.QuerySolutions):
        raise QueryError("result_rows() reads the rows of a SELECT query")
    names = [v.value for v in answer.variables]
    return [{n: t for n, t in zip(names, row, strict=True) if t is not None} for row in answer]


# -------------------------------------------------------------------- negotiation


def negotiate(accept: str | None, offers: Iterable[str]) -> str | None:
    """The offer the ``Accept`` header prefers (q-values, most specific range wins).

    A missing or empty header accepts the first offer; ``None`` means nothing is acceptable.
    """
    ranges = list(_parse_accept(accept or "*/*"))
    best: tuple[float, int] | None = None
    chosen = None
    for index, offer in enumerate(offers):
        q = _quality(offer, ranges)
        if q > 0 and (best is None or (q, -index) > best):
            best, chosen = (q, -index), offer
    return chosen


def _parse_accept(header: str) -> Iterator[tuple[str, str, float]]:
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
        yield kind, sub, q


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


def not_acceptable(offers: Iterable[str]) -> QueryRefused:
    """The 406 error listing what the client may ask for instead."""
    return QueryRefused(
        "none of the media types in the Accept header can be produced; "
        "acceptable: " + ", ".join(offers),
        status=406,
    )
