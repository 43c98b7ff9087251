"""Answers written by the engine's serialisers (sparql/results.py), parameters bound as
the engine's terms, and the ``query`` command that prints them without importing rdflib.

Every format is read back, by the engine or by the standard library, and must give the
terms the engine answered: nothing lost, nothing rewritten."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pyoxigraph as ox
import pytest

from graph_builder.errors import QueryError
from graph_builder.rdf.store import GraphStore
from graph_builder.sparql.named import (
    bind_params,
    bind_values,
    get_named_query,
    named_queries,
    run_query,
)
from graph_builder.sparql.results import (
    FORMATS,
    RESULT_FORMATS,
    TABLE_CELL,
    result_rows,
    write_answer,
    write_results,
)

XSD = "http://www.w3.org/2001/XMLSchema#"
EX = "http://example.org/"
G = ox.NamedNode(EX + "g")

HOSTILE_STRINGS = [
    "",
    "plain",
    'say "hi"',
    "it's",
    "both ' and \"",
    "line\nbreak",
    "ends with newline\n",
    "\nstarts with newline",
    'x\n"""y',
    'x\ny"',
    'x\n\\"',
    "cr\rlf\r\n",
    "tab\there",
    "back\\slash",
    "\\",
    '"',
    "\\u0022 not a quote",
    "<&> & &amp; ]]> <!-- -->",
    'x" } ; DROP ALL #',
    "émoji 🙂, Ελληνικά, 中文, \u2028\u2029",
    "nul\x00 and bell\x07",
    "a,b;c",
    "  spaces around  ",
]


def _store(quads: list[ox.Quad]) -> GraphStore:
    store = GraphStore.memory()
    for quad in quads:  # in its named graph, and in the default graph (the union)
        store._store.add(quad)
        store._store.add(ox.Quad(quad.subject, quad.predicate, quad.object))
    return store


@pytest.fixture(scope="module")
def hostile() -> GraphStore:
    """Literals of every kind with hostile text, blank nodes, IRIs that XML must escape."""
    quads = []
    for i, text in enumerate(HOSTILE_STRINGS):
        s = ox.NamedNode(f"{EX}s{i}")
        quads.append(ox.Quad(s, ox.NamedNode(EX + "plain"), ox.Literal(text), G))
        quads.append(ox.Quad(s, ox.NamedNode(EX + "en"), ox.Literal(text, language="en"), G))
        quads.append(
            ox.Quad(s, ox.NamedNode(EX + "zh"), ox.Literal(text, language="zh-Hant-TW"), G)
        )
        quads.append(
            ox.Quad(
                s,
                ox.NamedNode(EX + "custom"),
                ox.Literal(text, datatype=ox.NamedNode(EX + "type?a=1&b='2'")),
                G,
            )
        )
        quads.append(ox.Quad(s, ox.NamedNode(EX + "blank"), ox.BlankNode(f"b{i}"), G))
    odd = ox.NamedNode(EX + "odd")
    typed = [
        ("42", "integer"),
        ("-7", "integer"),
        ("2023-09-09", "date"),
        ("2023-09-09T07:30:00+07:00", "dateTime"),
        ("2023-09-09T07:30:00", "dateTime"),
        ("P5Y", "duration"),
        ("true", "boolean"),
        ("en-GB", "language"),
        ("2023", "gYear"),
        ("x", "string"),
    ]
    for i, (value, datatype) in enumerate(typed):
        literal = ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))
        quads.append(ox.Quad(odd, ox.NamedNode(f"{EX}typed{i}"), literal, G))
    quads.append(
        ox.Quad(
            ox.NamedNode(EX + "a&b'c'd?x=1&y=%22"), ox.NamedNode(EX + "p"), ox.Literal("iri"), G
        )
    )
    return _store(quads)


HOSTILE_QUERIES = {
    "every kind": "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o",
    "unbound cells": (
        "SELECT ?s ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?s <urn:none> ?missing } } "
        "ORDER BY ?s ?p ?o"
    ),
    "rows with nothing bound": (
        "SELECT ?x ?y WHERE { VALUES (?x ?y) { (UNDEF UNDEF) (1 UNDEF) (UNDEF UNDEF) } }"
    ),
    "no rows": "SELECT ?s WHERE { ?s <urn:none> ?o }",
    "no variables": "SELECT * WHERE { }",
    "computed": (
        'SELECT (COUNT(*) AS ?n) (STRLEN("x") AS ?len) (1 = 1 AS ?yes) '
        '(STRDT("1", <urn:t>) AS ?t) WHERE { ?s ?p ?o }'
    ),
    "blank nodes made by the query": "SELECT (BNODE() AS ?b) ?s WHERE { ?s <http://example.org/plain> ?o }",
}


def _rows(answer) -> list[tuple]:
    return [tuple(solution) for solution in answer]


def _read_back(text: str, fmt: str) -> list[tuple]:
    """The rows of *text* in *fmt*, read by the engine (CSV, which SPARQL defines as lossy:
    the values, read by the standard library)."""
    if fmt == "csv":
        return [tuple(row) for row in csv.reader(io.StringIO(text, newline=""))][1:]
    return _rows(ox.parse_query_results(text.encode("utf-8"), RESULT_FORMATS[fmt]))


def _csv_cell(term) -> str:
    if term is None:
        return ""
    return "_:" + term.value if isinstance(term, ox.BlankNode) else term.value


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
@pytest.mark.parametrize("name", list(HOSTILE_QUERIES))
def test_hostile_values_are_written_whole(hostile, name, fmt):
    expected = _rows(hostile.query(HOSTILE_QUERIES[name]))
    answer = hostile.query(HOSTILE_QUERIES[name])
    read = _read_back(write_answer(answer, fmt).body.decode("utf-8"), fmt)
    if fmt == "csv":
        expected = [tuple(_csv_cell(t) for t in row) for row in expected]
    if name == "blank nodes made by the query":  # fresh labels each time: compare the rest
        assert [row[1:] for row in read] == [row[1:] for row in expected]
    else:
        assert read == expected


@pytest.mark.parametrize("fmt", ["table", "wide"])
def test_the_table_shows_every_row_and_cuts_long_cells(hostile, fmt):
    answer = hostile.query(HOSTILE_QUERIES["every kind"])
    rows = _rows(hostile.query(HOSTILE_QUERIES["every kind"]))
    text = write_answer(answer, fmt).body.decode("utf-8")
    assert text.endswith(f"({len(rows)} rows)\n")
    widths = {len(line) for line in text.splitlines()[2:-1] if "\n" not in line}
    assert max(widths) <= 3 * TABLE_CELL + 4 if fmt == "table" else max(widths) > TABLE_CELL
    nothing = hostile.query(HOSTILE_QUERIES["rows with nothing bound"])
    assert write_answer(nothing, fmt).body.decode().endswith("(3 rows)\n")  # none left out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("text", "expected"), [("ASK { ?s ?p ?o }", True), ("ASK { ?s <urn:none> ?o }", False)]
)
def test_ask_in_every_format(hostile, fmt, text, expected):
    written = write_answer(hostile.query(text), fmt).body.decode("utf-8")
    if fmt in ("json", "xml"):
        answer = ox.parse_query_results(written.encode(), RESULT_FORMATS[fmt])
        assert isinstance(answer, ox.QueryBoolean) and bool(answer) is expected
    else:
        assert written.strip() == ("true" if expected else "false")


@pytest.mark.parametrize(
    ("fmt", "syntax"),
    [
        ("table", ox.RdfFormat.TURTLE),
        ("csv", ox.RdfFormat.TURTLE),
        ("json", ox.RdfFormat.JSON_LD),
        ("xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_a_graph_is_written_in_an_rdf_syntax(hostile, fmt, syntax):
    text = "CONSTRUCT { ?s <urn:p> ?o } WHERE { ?s <http://example.org/en> ?o }"
    expected = sorted(map(str, hostile.query(text)))
    written = write_answer(hostile.query(text), fmt).body
    assert sorted(map(str, ox.parse(written, format=syntax))) == expected


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
@pytest.mark.parametrize("max_rows", [0, 1, 7, 500])
def test_rows_cut_at_a_limit_are_the_first_rows(hostile, fmt, max_rows):
    text = HOSTILE_QUERIES["every kind"]
    whole = _rows(hostile.query(text))
    out = write_results(hostile.query(text), RESULT_FORMATS[fmt], max_rows)
    assert out.truncated is (len(whole) > max_rows)
    read = _read_back(out.body.decode("utf-8"), fmt)
    expected = whole[:max_rows]
    if fmt == "csv":
        expected = [tuple(_csv_cell(t) for t in row) for row in expected]
    assert read == expected


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_in_every_format(dataset, name, fmt):
    named = get_named_query(name)
    bindings = bind_params(named, named.example)
    whole = result_rows(run_query(dataset, named.text, bindings=bindings, trusted=True))
    written = run_query(dataset, named.text, bindings=bindings, trusted=True, format=fmt)
    if fmt in ("table", "wide"):
        assert written.endswith(f"({len(whole)} row{'s' if len(whole) != 1 else ''})\n")
    elif fmt == "csv":
        assert len(_read_back(written, fmt)) == len(whole)
    else:
        read = ox.parse_query_results(written.encode("utf-8"), RESULT_FORMATS[fmt])
        assert result_rows(read) == whole


def test_pages_as_text_are_slices_of_the_whole(dataset):
    named = get_named_query("activities")
    whole = run_query(dataset, named.text, format="csv", trusted=True).splitlines()
    for limit, offset in ((5, None), (5, 3), (None, 7)):
        page = run_query(
            dataset, named.text, format="csv", trusted=True, limit=limit, offset=offset
        ).splitlines()
        start = offset or 0
        end = None if limit is None else start + limit + 1
        assert page == [whole[0], *whole[1 + start : end]], (limit, offset)


def test_an_untrusted_query_is_still_checked(dataset):
    with pytest.raises(QueryError, match="SERVICE is not accepted"):
        run_query(dataset, "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", format="csv")
    with pytest.raises(QueryError, match="unknown format"):
        run_query(dataset, "ASK {}", format="yaml")


# ------------------------------------------------------------------ parameters


@pytest.mark.parametrize("value", HOSTILE_STRINGS)
def test_a_literal_parameter_reaches_the_engine_unchanged(value):
    store = GraphStore.memory()
    bound = bind_params(get_named_query("find-by-name"), {"text": value})
    text = bind_values("SELECT ?text WHERE { }", bound)
    assert [row[0].value for row in store.select(text)] == [value]
    assert text.count("VALUES") == 1


@pytest.mark.parametrize(
    "value",
    [
        "<https://example.org/x> } ; DROP ALL #",
        "https://example.org/a b",
        'https://example.org/"x"',
        "https://example.org/x>",
        "https://example.org/{x}",
        "https://example.org/a|b",
        "https://example.org/a\\b",
        "https://example.org/a^b",
        "https://example.org/a`b",
        "https://example.org/a\nb",
        "not an iri",
        "",
    ],
)
def test_a_hostile_iri_parameter_is_refused(value):
    named = get_named_query("statement-sources")
    with pytest.raises(QueryError, match="is not an IRI"):
        bind_params(named, {"subject": value})


@pytest.mark.parametrize(
    ("value", "iri"),
    [
        ("agr:hasParty", "https://w3id.org/agreement-graph/ontology#hasParty"),
        ("<https://example.org/a?b=c&d#e>", "https://example.org/a?b=c&d#e"),
        ("urn:isbn:123", "urn:isbn:123"),
        ("http://example.org/é", "http://example.org/é"),
    ],
)
def test_an_iri_parameter(value, iri):
    named = get_named_query("statement-sources")
    assert bind_params(named, {"subject": value})["subject"] == ox.NamedNode(iri)


@pytest.mark.parametrize(
    ("value", "iri"),
    [
        ("KR", "country/KR"),
        ("kr", "country/KR"),
        (" kor ", "country/KR"),
        ("IDN", "country/ID"),
        ("id:country/CN", "country/CN"),
    ],
)
def test_a_country_parameter(value, iri):
    named = get_named_query("agreements-by-country")
    term = bind_params(named, {"country": value})["country"]
    assert term == ox.NamedNode("https://w3id.org/agreement-graph/id/" + iri)


def test_an_unknown_country_is_refused():
    named = get_named_query("agreements-by-country")
    with pytest.raises(QueryError, match="not an ISO 3166-1 code"):
        bind_params(named, {"country": "XX"})


# ------------------------------------------------------------------ the command


_NO_RDFLIB = """
import sys
from graph_builder.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    assert not exc.code, exc.code
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("rdflib", "pycountry", "yaml"))
assert not heavy, heavy
"""


@pytest.mark.parametrize(
    ("fmt", "timeout"),
    [
        pytest.param(fmt, timeout, marks=() if n % 2 == t else pytest.mark.slow)
        for n, fmt in enumerate(FORMATS)
        for t, timeout in enumerate(["0", "10"])
    ],
)
def test_the_query_command_does_not_import_rdflib(dataset, bundled_build, fmt, timeout):
    """Both with and without a deadline the query runs in a child process; this covers
    what the command does before and after the child. What it prints is what run_query
    writes in the same format. The fast lane runs each format once, three with a deadline
    and three without; the slow lane, every format both ways."""
    chosen = ["--format", "table", "--wide"] if fmt == "wide" else ["--format", fmt]
    args = ["agreements-by-country", "--param", "country=KR", *chosen]
    args += ["--build", str(bundled_build), "--timeout", timeout]
    run = subprocess.run([sys.executable, "-c", _NO_RDFLIB, "query", *args], capture_output=True)
    assert run.returncode == 0, run.stderr.decode()
    named = get_named_query("agreements-by-country")
    bindings = bind_params(named, {"country": "KR"})
    expected = run_query(dataset, named.text, bindings=bindings, format=fmt)
    assert run.stdout.decode("utf-8") == expected


def test_countries_read_from_pycountrys_database_are_pycountrys():
    import pycountry

    from graph_builder.ingest.countries import country_codes, lookup_country

    for country in pycountry.countries:
        for code in (country.alpha_2, country.alpha_3):
            found = lookup_country(code)
            assert found is not None and found.alpha_2 == country.alpha_2
            assert found.numeric == country.numeric
    for code in ("", "K", "kr", "KOREA", "XX", "ÄÖ", "K1"):
        assert lookup_country(code) is None
    assert country_codes() == sorted(c.alpha_2 for c in pycountry.countries)
