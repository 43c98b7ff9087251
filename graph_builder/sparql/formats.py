"""Query answers as text: the ``table`` people read, the W3C SPARQL result formats, and
rows as Python dicts (from rdflib's ``Result``; the ``query`` command writes the engine's
own terms with :mod:`graph_builder.sparql.solutions` instead, and falls back to these).

rdflib is imported only when a function needs it.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from graph_builder.errors import QueryError
from graph_builder.prefixes import compact
from graph_builder.sparql.solutions import FORMATS, table

if TYPE_CHECKING:
    from rdflib.query import Result

_RESULT_MEDIA_TYPES = {
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
}


def format_result(result: Result, fmt: str) -> str:
    """*result* as ``table`` (for people) or as a standard SPARQL 1.1 results format.

    ``csv``, ``tsv``, ``json`` and ``xml`` are the W3C SPARQL result formats (full IRIs;
    TSV terms in N-Triples syntax with a ``?var`` header), readable by any SPARQL client
    library. A graph (CONSTRUCT/DESCRIBE) is written as JSON-LD for ``json``, RDF/XML for
    ``xml`` and Turtle otherwise.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        from graph_builder.namespaces import bind_namespaces

        assert result.graph is not None
        if fmt == "json":
            from graph_builder.rdf.export import graph_to_jsonld

            return graph_to_jsonld(result.graph)
        graph_format = "xml" if fmt == "xml" else "turtle"
        return bind_namespaces(result.graph).serialize(format=graph_format)
    if fmt in _RESULT_MEDIA_TYPES:
        from graph_builder.sparql.results import serialize_result

        unbounded = sys.maxsize
        out = serialize_result(
            result, _RESULT_MEDIA_TYPES[fmt], max_rows=unbounded, max_bytes=unbounded
        )
        return out.body.decode("utf-8")
    if result.type == "ASK":
        return "true\n" if result.askAnswer else "false\n"
    from rdflib import URIRef

    def cell(term: Any) -> str:
        if term is None:
            return ""
        return compact(str(term)) if isinstance(term, URIRef) else str(term)

    names = [str(v) for v in result.vars or []]
    rows = [[cell(row[i]) for i in range(len(names))] for row in result]  # type: ignore[index]
    return table(names, rows, cut=fmt == "table")


def result_rows(result: Result) -> list[dict[str, Any]]:
    """SELECT results as a list of ``{variable: term}`` dicts (unbound variables left out)."""
    names = [str(v) for v in result.vars or []]
    return [
        {n: row[i] for i, n in enumerate(names) if row[i] is not None}  # type: ignore[index]
        for row in result
    ]


def result_json(result: Result) -> dict[str, Any]:
    """SPARQL 1.1 JSON results as a Python object."""
    return json.loads(_json_text(result))


def _json_text(result: Result) -> str:
    data = result.serialize(format="json")
    return data.decode("utf-8") if isinstance(data, bytes) else str(data)
