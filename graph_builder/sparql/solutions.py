"""SELECT and ASK results written straight from the engine's terms, without rdflib.

``graph-builder query`` prints its answer with these writers, so the command does not
import rdflib (about 0.1 s of its start) nor make an rdflib term per cell. What they write
is byte for byte what :func:`graph_builder.sparql.formats.format_result` writes from the
rdflib ``Result`` of the same answer (``tests/test_solutions.py`` compares the two), quirks
included: rows with no variable bound are left out, as rdflib leaves them out.

rdflib rewrites the lexical form of some typed literals when it makes a term
(``"01"^^xsd:integer`` becomes ``"1"``, ``"…T07:30:00Z"^^xsd:dateTime`` ends in
``+00:00``). A literal of a datatype rdflib knows is written here only when its form is
one rdflib keeps as it is (:data:`_KEPT`); for any other, :func:`write_solutions` returns
``None`` and the caller writes the result through rdflib instead (so does a result that
rdflib would not write at all, such as an IRI with a space in TSV, for rdflib to fail on).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import pyoxigraph as ox

from graph_builder.errors import QueryError
from graph_builder.prefixes import compact

FORMATS = ("table", "wide", "csv", "tsv", "json", "xml")
"""``table`` cuts cells at ``TABLE_CELL`` characters; ``wide`` is the same table uncut."""
TABLE_CELL = 60

_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XSD_STRING = _XSD + "string"
_LANG_STRING = _RDF + "langString"

RDFLIB_DATATYPES = frozenset(
    [_RDF + "HTML", _RDF + "XMLLiteral"]
    + [
        _XSD + name
        for name in (
            "anyURI",
            "base64Binary",
            "boolean",
            "byte",
            "date",
            "dateTime",
            "dayTimeDuration",
            "decimal",
            "double",
            "duration",
            "float",
            "hexBinary",
            "int",
            "integer",
            "language",
            "long",
            "negativeInteger",
            "nonNegativeInteger",
            "nonPositiveInteger",
            "normalizedString",
            "positiveInteger",
            "short",
            "string",
            "time",
            "token",
            "unsignedByte",
            "unsignedInt",
            "unsignedLong",
            "unsignedShort",
            "yearMonthDuration",
        )
    ]
)
"""The datatypes whose literals rdflib parses into Python values (``rdflib.term``'s
``XSDToPython``), and may write back in another form; a test keeps this in step."""

_KEPT: dict[str, re.Pattern[str]] = {
    _XSD + "integer": re.compile(r"0|-?[1-9][0-9]*"),
    _XSD + "boolean": re.compile(r"true|false"),
    _XSD + "date": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    _XSD + "dateTime": re.compile(
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
        r"(?:\+[0-9]{2}:[0-9]{2}|-(?!00:00)[0-9]{2}:[0-9]{2})?"
    ),
    _XSD + "duration": re.compile(
        r"-?P(?:[1-9][0-9]{0,3}Y(?:(?:[1-9]|1[01])M)?|(?:[1-9]|1[01])M|[1-9][0-9]{0,5}D)"
    ),
    _XSD + "language": re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*"),
}
"""Per datatype rdflib knows, lexical forms it keeps unchanged (checked against rdflib in
the tests); other forms of these datatypes go through rdflib."""

_INVALID_IRI_CHARS = frozenset('<>" {}|\\^`')
"""Characters for which rdflib refuses to write an IRI in N-Triples syntax (TSV)."""

IRI, BNODE, LITERAL = 0, 1, 2

Cell = tuple[int, str, str | None, str | None]
"""A bound term: (IRI, BNODE or LITERAL, value, datatype, language); plain (xsd:string)
and language-tagged literals have no datatype, as in rdflib."""


def _rdflib_rules() -> tuple[frozenset[str], dict[str, re.Pattern[str]]]:
    """The datatypes rdflib rewrites in this process, and the forms it keeps of each.

    Without rdflib loaded, the ones of a fresh import. With it, its live table, which
    others may have changed (owlrl's OWL 2 RL closure adds datatypes and conversions that
    stay after it): a datatype whose conversion is not rdflib's own keeps no form here.
    """
    term = sys.modules.get("rdflib.term")
    live = getattr(term, "_toPythonMapping", None)
    own = getattr(term, "XSDToPython", None)
    if not isinstance(live, dict) or not isinstance(own, dict):
        return RDFLIB_DATATYPES, _KEPT
    if live.keys() == own.keys() and all(live[k] is own[k] for k in own):
        return RDFLIB_DATATYPES, _KEPT
    converters = {str(k): v for k, v in live.items() if k is not None}
    originals = {str(k): v for k, v in own.items() if k is not None}
    kept = {d: p for d, p in _KEPT.items() if converters.get(d, p) is originals.get(d, p)}
    return RDFLIB_DATATYPES | frozenset(converters), kept


def _cells(rows: Iterable[Sequence[Any]]) -> list[list[Cell | None]] | None:
    """The rows as cells, without the rows with nothing bound (rdflib leaves them out);
    None when a term would not be written as rdflib writes it."""
    recognized, kept = _rdflib_rules()
    cells: list[list[Cell | None]] = []
    for row in rows:
        out: list[Cell | None] = []
        for term in row:
            if term is None:
                out.append(None)
            elif isinstance(term, ox.NamedNode):
                out.append((IRI, term.value, None, None))
            elif isinstance(term, ox.BlankNode):
                out.append((BNODE, term.value, None, None))
            elif isinstance(term, ox.Literal):
                language = term.language
                datatype = term.datatype.value
                if language:
                    out.append((LITERAL, term.value, None, language))
                elif datatype in (_XSD_STRING, _LANG_STRING):
                    out.append((LITERAL, term.value, None, None))
                elif datatype in recognized and not (
                    datatype in kept and kept[datatype].fullmatch(term.value)
                ):
                    return None  # rdflib may write another form
                else:
                    out.append((LITERAL, term.value, datatype, None))
            else:
                return None
        if any(out):
            cells.append(out)
    return cells


def write_solutions(
    variables: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str
) -> str | None:
    """*rows* of engine terms (``None``: unbound) as *fmt*, or None to go through rdflib."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    cells = _cells(rows)
    if cells is None:
        return None
    if fmt == "csv":
        return _csv(variables, cells)
    if fmt == "tsv":
        return _tsv(variables, cells)
    if fmt == "json":
        return _json(variables, cells)
    if fmt == "xml":
        return _xml(variables, cells)
    texts = [[_table_cell(c) for c in row] for row in cells]
    return table(list(variables), texts, cut=fmt == "table")


def write_boolean(answer: bool, fmt: str) -> str | None:
    """An ASK answer as *fmt*, or None to go through rdflib (see :func:`_dump_json`)."""
    word = "true" if answer else "false"
    if fmt in ("table", "wide"):
        return word + "\n"
    if fmt == "csv":
        return f"_askResult\r\n{word}\r\n"
    if fmt == "tsv":
        return f"?_askResult\n{word}\n"
    if fmt == "json":
        return _dump_json({"head": {}, "boolean": answer})
    if fmt == "xml":
        out, writer = _xml_writer([])
        writer.startElementNS((_SPARQL_NS, "boolean"), "boolean", _attributes({}))
        writer.characters(word)
        writer.endElementNS((_SPARQL_NS, "boolean"), "boolean")
        return _xml_close(out, writer, results=False)
    raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


# -------------------------------------------------------------------------- table


def _table_cell(cell: Cell | None) -> str:
    if cell is None:
        return ""
    return compact(cell[1]) if cell[0] == IRI else cell[1]


def table(names: list[str], rows: list[list[str]], *, cut: bool = True) -> str:
    """Rows of text as the ``table`` format: padded columns (with *cut*, at most
    ``TABLE_CELL`` wide, longer cells ending in …), a count."""
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


# ---------------------------------------------------------------------- CSV, TSV


def csv_text(variables: Sequence[str], rows: Iterable[Iterable[str]]) -> str:
    """SPARQL 1.1 CSV of rows of cells (lexical forms): RFC 4180 quoting, CRLF line ends.
    Also written by the endpoint (:mod:`graph_builder.sparql.results`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    writer.writerows(rows)
    return out.getvalue()


def tsv_text(variables: Sequence[str], rows: Iterable[Iterable[str]]) -> str:
    """SPARQL 1.1 TSV of rows of cells in N-Triples syntax (``""``: unbound), with tabs and
    line breaks in them escaped. Also written by the endpoint."""
    lines = ["\t".join("?" + v for v in variables)]
    for row in rows:
        lines.append("\t".join(_tsv_escape(cell) for cell in row))
    return "\n".join(lines) + "\n"


def _tsv_escape(cell: str) -> str:
    return cell.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _csv(variables: Sequence[str], rows: list[list[Cell | None]]) -> str:
    return csv_text(variables, ([_csv_term(c) for c in row] for row in rows))


def _csv_term(cell: Cell | None) -> str:
    if cell is None:
        return ""
    return "_:" + cell[1] if cell[0] == BNODE else cell[1]


def _tsv(variables: Sequence[str], rows: list[list[Cell | None]]) -> str | None:
    for row in rows:
        for cell in row:
            if cell is not None and cell[0] == IRI and not _INVALID_IRI_CHARS.isdisjoint(cell[1]):
                return None  # rdflib refuses to write it (raises); let it
    return tsv_text(variables, (["" if c is None else _n3(c) for c in row] for row in rows))


def _n3(cell: Cell) -> str:
    """rdflib's ``n3()`` of the term."""
    kind, value, datatype, language = cell
    if kind == IRI:
        return f"<{value}>"
    if kind == BNODE:
        return "_:" + value
    encoded = quote_n3(value)
    if language:
        return f"{encoded}@{language}"
    if datatype:
        return f"{encoded}^^<{datatype}>"
    return encoded


def quote_n3(value: str) -> str:
    """A string quoted as rdflib's ``Literal.n3()`` quotes it (``_quote_encode``)."""
    if "\n" in value:
        encoded = value.replace("\\", "\\\\")
        if '"""' in value:
            encoded = encoded.replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and encoded[-2] != "\\":
            encoded = encoded[:-1] + "\\" + '"'
        return '"""' + encoded.replace("\r", "\\r") + '"""'
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r") + '"'


# --------------------------------------------------------------------------- JSON


def _json(variables: Sequence[str], rows: list[list[Cell | None]]) -> str | None:
    bindings = []
    for row in rows:
        binding = {}
        for name, cell in zip(variables, row, strict=True):
            if cell is None:
                continue
            kind, value, datatype, language = cell
            if kind == IRI:
                binding[name] = {"type": "uri", "value": value}
            elif kind == BNODE:
                binding[name] = {"type": "bnode", "value": value}
            else:
                term = {"type": "literal", "value": value}
                if datatype is not None:
                    term["datatype"] = datatype
                if language is not None:
                    term["xml:lang"] = language
                binding[name] = term
        bindings.append(binding)
    return _dump_json({"results": {"bindings": bindings}, "head": {"vars": list(variables)}})


def _dump_json(document: dict[str, Any]) -> str | None:
    # As rdflib's JSON results serializer writes with the standard library's json; when
    # orjson is installed rdflib writes with it (other spacing): leave that case to rdflib.
    import importlib.util

    if importlib.util.find_spec("orjson") is not None:
        return None
    return json.dumps(document, allow_nan=False, ensure_ascii=False)


# ---------------------------------------------------------------------------- XML

_SPARQL_NS = "http://www.w3.org/2005/sparql-results#"
_XML_NS = "http://www.w3.org/XML/1998/namespace"


_Attributes = dict[tuple[Any, str], str]


def _attributes(values: _Attributes) -> Any:
    from xml.sax.xmlreader import AttributesNSImpl

    names = {key: (f"xml:{key[1]}" if key[0] == _XML_NS else key[1]) for key in values}
    return AttributesNSImpl(values, names)


def _xml_writer(variables: Sequence[str]) -> tuple[io.StringIO, Any]:
    """A writer that has written what rdflib's SPARQLXMLWriter writes up to the head."""
    from xml.sax.saxutils import XMLGenerator

    out = io.StringIO()
    writer = XMLGenerator(out, "utf-8")
    writer.startDocument()
    writer.startPrefixMapping("", _SPARQL_NS)
    writer.startPrefixMapping("xml", _XML_NS)
    writer.startElementNS((_SPARQL_NS, "sparql"), "sparql", _attributes({}))
    writer.startElementNS((_SPARQL_NS, "head"), "head", _attributes({}))
    for name in variables:
        writer.startElementNS(
            (_SPARQL_NS, "variable"), "variable", _attributes({(None, "name"): name})
        )
        writer.endElementNS((_SPARQL_NS, "variable"), "variable")
    writer.endElementNS((_SPARQL_NS, "head"), "head")
    return out, writer


def _xml_close(out: io.StringIO, writer: Any, *, results: bool) -> str:
    if results:
        writer.endElementNS((_SPARQL_NS, "results"), "results")
    writer.endElementNS((_SPARQL_NS, "sparql"), "sparql")
    writer.endDocument()
    return out.getvalue()


def _xml(variables: Sequence[str], rows: list[list[Cell | None]]) -> str:
    out, writer = _xml_writer(variables)
    writer.startElementNS((_SPARQL_NS, "results"), "results", _attributes({}))
    for row in rows:
        writer.startElementNS((_SPARQL_NS, "result"), "result", _attributes({}))
        for name, cell in zip(variables, row, strict=True):
            if cell is None:
                continue
            kind, value, datatype, language = cell
            binding: _Attributes = {(None, "name"): name}
            writer.startElementNS((_SPARQL_NS, "binding"), "binding", _attributes(binding))
            attributes: _Attributes = {}
            if kind == IRI:
                element = "uri"
            elif kind == BNODE:
                element = "bnode"
            else:
                element = "literal"
                if language:
                    attributes[(_XML_NS, "lang")] = language
                elif datatype:
                    attributes[(None, "datatype")] = datatype
            writer.startElementNS((_SPARQL_NS, element), element, _attributes(attributes))
            writer.characters(value)
            writer.endElementNS((_SPARQL_NS, element), element)
            writer.endElementNS((_SPARQL_NS, "binding"), "binding")
        writer.endElementNS((_SPARQL_NS, "result"), "result")
    return _xml_close(out, writer, results=True)
