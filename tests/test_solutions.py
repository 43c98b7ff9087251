"""The ``query`` command's fast path: results written from engine terms, parameters bound
without rdflib. Its output must be byte for byte what the rdflib path writes."""

from __future__ import annotations

import logging
import random
import subprocess
import sys

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from graph_builder.errors import QueryError
from graph_builder.rdf.store import GraphStore
from graph_builder.rdf.terms import solutions_result
from graph_builder.sparql import solutions
from graph_builder.sparql.formats import format_result
from graph_builder.sparql.named import (
    FORMATS,
    bind_params,
    bind_terms,
    bind_values,
    get_named_query,
    named_queries,
    run_query,
    run_query_formatted,
    sparql_string,
)

from .conftest import DATA_DIR

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


def _both(store: GraphStore, text: str, fmt: str) -> tuple[str, str]:
    fast = run_query_formatted(store, text, fmt, trusted=True)
    slow = format_result(run_query(store, text, trusted=True), fmt)
    return fast, slow


@pytest.fixture
def pristine_rdflib():
    """rdflib's lexical conversions as a fresh import has them, for this test only.

    owlrl's OWL 2 RL closure (run by other tests in this session) leaves datatypes added
    to rdflib's table, and the writers then rightly leave those literals to rdflib."""
    import rdflib.term

    saved = dict(rdflib.term._toPythonMapping)
    rdflib.term._toPythonMapping.clear()
    rdflib.term._toPythonMapping.update(rdflib.term.XSDToPython)
    yield
    rdflib.term._toPythonMapping.clear()
    rdflib.term._toPythonMapping.update(saved)


def _written_fast(store: GraphStore, text: str, fmt: str) -> bool:
    """Whether the writers of :mod:`solutions` wrote the result (no fallback to rdflib)."""
    answer = store.query_engine(text)
    assert isinstance(answer, ox.QuerySolutions)
    names = [v.value for v in answer.variables]
    return solutions.write_solutions(names, [tuple(s) for s in answer], fmt) is not None


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


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", list(HOSTILE_QUERIES))
def test_hostile_values_are_written_as_rdflib_writes_them(hostile, name, fmt):
    fast, slow = _both(hostile, HOSTILE_QUERIES[name], fmt)
    if name == "blank nodes made by the query":  # fresh labels each time: compare one answer
        answer = hostile.query_engine(HOSTILE_QUERIES[name])
        assert isinstance(answer, ox.QuerySolutions)
        names = [v.value for v in answer.variables]
        rows = [tuple(s) for s in answer]
        fast = solutions.write_solutions(names, rows, fmt)
        slow = format_result(solutions_result(names, rows), fmt)
    assert fast == slow


@pytest.mark.usefixtures("pristine_rdflib")
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_hostile_rows_take_the_fast_path(hostile, fmt):
    assert _written_fast(hostile, HOSTILE_QUERIES["every kind"], fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("answer", ["ASK { ?s ?p ?o }", "ASK { ?s <urn:none> ?o }"])
def test_ask_is_written_as_rdflib_writes_it(hostile, answer, fmt):
    fast, slow = _both(hostile, answer, fmt)
    assert fast == slow


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_graph_still_goes_through_rdflib(hostile, fmt):
    text = "CONSTRUCT { ?s <urn:p> ?o } WHERE { ?s <http://example.org/en> ?o }"
    fast, slow = _both(hostile, text, fmt)
    assert fast == slow


@pytest.mark.parametrize(
    ("value", "datatype"),
    [
        ("01", "integer"),  # rdflib writes "1"
        ("+1", "integer"),
        ("2023-09-09T07:30:00Z", "dateTime"),  # rdflib writes +00:00
        ("2023-09-09T07:30:00.5", "dateTime"),
        ("PT36H", "duration"),  # rdflib writes P1DT12H
        ("1", "boolean"),  # rdflib writes true
        ("1.50", "decimal"),
        ("1.0E0", "double"),
        ("1", "int"),
        ("not a number", "integer"),  # ill-typed: rdflib warns and keeps it
        (" a  b ", "token"),
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_literal_rdflib_would_rewrite_goes_through_rdflib(value, datatype, fmt):
    literal = ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))
    store = _store([ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), literal, G)])
    text = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    logging.disable(logging.WARNING)  # rdflib logs a traceback for an ill-typed literal
    try:
        fast, slow = _both(store, text, fmt)
        written = _written_fast(store, text, fmt)
        stored = next(iter(store.quads())).object.value  # the engine may store "01" as "1"
        kept = str(Literal(stored, datatype=XSD + datatype)) == stored
    finally:
        logging.disable(logging.NOTSET)
    assert fast == slow
    assert not written or kept


@pytest.mark.usefixtures("pristine_rdflib")
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_is_written_as_rdflib_writes_it(dataset, name, fmt):
    named = get_named_query(name)
    text = bind_values(named.text, bind_terms(named, named.example))
    fast, slow = _both(dataset, text, fmt)
    assert fast == slow
    assert _written_fast(dataset, text, fmt)  # the bundled data never need rdflib's path


def test_paging_and_bindings_as_run_query(dataset):
    named = get_named_query("activities")
    for limit, offset in ((5, None), (5, 3), (None, 7)):
        fast = run_query_formatted(
            dataset, named.text, "csv", trusted=True, limit=limit, offset=offset
        )
        slow = run_query(dataset, named.text, trusted=True, limit=limit, offset=offset)
        assert fast == format_result(slow, "csv")


def test_an_untrusted_query_is_still_checked(dataset):
    with pytest.raises(QueryError, match="SERVICE is not accepted"):
        run_query_formatted(dataset, "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", "csv")
    with pytest.raises(QueryError, match="unknown format"):
        run_query_formatted(dataset, "ASK {}", "yaml")


# ------------------------------------------------------------------ rdflib's forms


def test_the_datatypes_rdflib_rewrites_are_the_ones_listed():
    from rdflib.term import XSDToPython

    assert {str(k) for k in XSDToPython if k is not None} == solutions.RDFLIB_DATATYPES


@pytest.mark.usefixtures("pristine_rdflib")
@pytest.mark.parametrize("fmt", FORMATS)
def test_rdflib_conversions_changed_by_owlrl_are_followed(fmt):
    """owlrl's OWL 2 RL closure swaps rdflib's lexical conversions (and leaves some swapped
    afterwards); the writers then leave the literals concerned to rdflib."""
    from owlrl.DatatypeHandling import use_Alt_lexical_conversions

    quads = [
        ox.Quad(
            ox.NamedNode(EX + "s"),
            ox.NamedNode(f"{EX}p{i}"),
            ox.Literal(value, datatype=ox.NamedNode(XSD + datatype)),
            G,
        )
        for i, (value, datatype) in enumerate(
            [("--05", "gMonth"), ("2023-09", "gYearMonth"), ("7", "integer"), ("x", "string")]
        )
    ]
    store = _store(quads)
    text = "SELECT ?p ?o WHERE { ?s ?p ?o } ORDER BY ?p"
    assert _written_fast(store, text, fmt)
    logging.disable(logging.WARNING)  # owlrl's gMonth conversion fails, and rdflib logs it
    try:
        use_Alt_lexical_conversions()
        fast, slow = _both(store, text, fmt)
        assert not _written_fast(store, text, fmt)
    finally:
        logging.disable(logging.NOTSET)
    assert fast == slow


def _kept_samples() -> dict[str, list[str]]:
    rng = random.Random(7)
    samples: dict[str, list[str]] = {
        "integer": ["0", "-1", "1", str(2**63), "-" + "9" * 40],
        "boolean": ["true", "false"],
        "date": ["0001-01-01", "0999-12-31", "2024-02-29", "2023-02-29", "9999-12-31"],
        "dateTime": [
            "2023-09-09T07:30:00",
            "2023-09-09T07:30:00+00:00",
            "2023-09-09T07:30:00+14:00",
            "2023-09-09T07:30:00-05:30",
            "2023-09-09T24:00:00",
            "2023-09-09T23:59:60",
        ],
        "duration": ["P1Y", "P11M", "P9999Y11M", "-P3M", "P999999D", "-P1D"],
        "language": ["en", "id", "EN", "zh-Hant-TW", "x-private1"],
    }
    for _ in range(300):
        samples["integer"].append(str(rng.randint(-(10**20), 10**20)))
        y, m, d = rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 31)
        samples["date"].append(f"{y:04d}-{m:02d}-{d:02d}")
        hh, mm, ss = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
        tz = rng.choice(["", "+00:00", f"+{rng.randint(0, 14):02d}:{rng.choice([0, 30, 45]):02d}"])
        tz = rng.choice([tz, f"-{rng.randint(1, 12):02d}:00"])
        samples["dateTime"].append(f"{y:04d}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}{tz}")
        sign = rng.choice(["", "-"])
        samples["duration"] += [
            f"{sign}P{rng.randint(1, 9999)}Y",
            f"{sign}P{rng.randint(1, 9999)}Y{rng.randint(1, 11)}M",
            f"{sign}P{rng.randint(1, 11)}M",
            f"{sign}P{rng.randint(1, 999999)}D",
        ]
    return samples


def test_the_forms_written_directly_are_the_ones_rdflib_keeps():
    logging.disable(logging.WARNING)  # ill-typed samples (2023-02-29) make rdflib log
    try:
        for datatype, values in _kept_samples().items():
            pattern = solutions._KEPT[XSD + datatype]
            for value in values:
                assert pattern.fullmatch(value), (datatype, value)
                assert str(Literal(value, datatype=XSD + datatype)) == value, (datatype, value)
    finally:
        logging.disable(logging.NOTSET)


@pytest.mark.parametrize("value", HOSTILE_STRINGS)
def test_quote_n3_is_rdflibs(value):
    assert solutions.quote_n3(value) == Literal(value)._quote_encode()


# ------------------------------------------------------------------ parameters


@pytest.mark.parametrize("value", HOSTILE_STRINGS)
def test_a_literal_parameter_reaches_the_engine_unchanged(value):
    store = GraphStore.memory()
    text = bind_values("SELECT ?text WHERE { }", {"text": bind_terms_literal(value)})
    answer = store.query_engine(text)
    assert isinstance(answer, ox.QuerySolutions)
    assert [row[0].value for row in answer] == [value]
    assert text.count("VALUES") == 1


def bind_terms_literal(value: str):
    return bind_terms(get_named_query("find-by-name"), {"text": value})["text"]


@pytest.mark.parametrize("value", HOSTILE_STRINGS)
def test_a_literal_parameter_is_written_as_rdflib_writes_it_when_rdflib_can(value):
    written = sparql_string(value)
    if "\n" not in value:
        assert written == Literal(value).n3()
    else:  # rdflib writes a long string (and cannot for 'x\n\\"'); ours is on one line
        assert "\n" not in written and "\r" not in written


def test_rdflib_terms_bind_as_the_light_ones_do():
    named = get_named_query("statement-sources")
    raw = {"subject": "id:x", "property": "<https://example.org/p>", "object": "sector:y"}
    assert bind_values(named.text, bind_params(named, raw)) == bind_values(
        named.text, bind_terms(named, raw)
    )
    literal = get_named_query("find-by-name")
    for value in HOSTILE_STRINGS:
        light = bind_terms(literal, {"text": value})
        assert bind_params(literal, {"text": value}) == {"text": Literal(value)}
        assert bind_values(literal.text, light) == bind_values(
            literal.text, {"text": Literal(value)}
        )


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
        bind_terms(named, {"subject": value})


@pytest.mark.parametrize(
    ("value", "iri"),
    [
        ("agr:hasParty", "https://w3id.org/agreement-graph/ontology#hasParty"),
        ("<https://example.org/a?b=c&d#e>", "https://example.org/a?b=c&d#e"),
        ("urn:isbn:123", "urn:isbn:123"),
        ("http://example.org/é", "http://example.org/é"),
    ],
)
def test_an_iri_parameter_is_written_as_rdflib_writes_it(value, iri):
    named = get_named_query("statement-sources")
    term = bind_terms(named, {"subject": value})["subject"]
    assert term.sparql() == URIRef(iri).n3()
    assert bind_params(named, {"subject": value})["subject"] == URIRef(iri)


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
    term = bind_terms(named, {"country": value})["country"]
    assert term.value == "https://w3id.org/agreement-graph/id/" + iri
    assert term.is_iri


def test_an_unknown_country_is_refused():
    named = get_named_query("agreements-by-country")
    with pytest.raises(QueryError, match="not an ISO 3166-1 code"):
        bind_terms(named, {"country": "XX"})


def test_country_codes_without_pycountry_match_pycountry():
    import pycountry

    from graph_builder.ingest.countries import country_alpha_2, lookup_country

    for country in pycountry.countries:
        for code in (country.alpha_2, country.alpha_3):
            found = lookup_country(code)
            assert found is not None and country_alpha_2(code) == found.alpha_2
    for code in ("", "K", "kr", "KOREA", "XX", "ÄÖ", "K1"):
        assert country_alpha_2(code) is None and lookup_country(code) is None


def test_the_plain_prefixes_are_the_namespaces():
    from graph_builder import namespaces, prefixes

    assert {p: str(ns) for p, ns in namespaces.PREFIXES.items()} == prefixes.PREFIX_IRIS
    assert list(prefixes.PREFIX_IRIS) == list(namespaces.PREFIXES)


# ------------------------------------------------------------------ the command


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory: pytest.TempPathFactory):
    from graph_builder.build import run_build

    out = tmp_path_factory.mktemp("fast") / "build"
    run_build(DATA_DIR, out, viewer=False, exports=())
    return out


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


@pytest.mark.parametrize("timeout", ["0", "10"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_query_command_does_not_import_rdflib(dataset, build_dir, fmt, timeout):
    """Both with and without a deadline the query runs in a child process; this covers
    what the command does before and after the child. What it prints is what the rdflib
    path writes."""
    chosen = ["--format", "table", "--wide"] if fmt == "wide" else ["--format", fmt]
    args = ["agreements-by-country", "--param", "country=KR", *chosen]
    args += ["--build", str(build_dir), "--timeout", timeout]
    run = subprocess.run([sys.executable, "-c", _NO_RDFLIB, "query", *args], capture_output=True)
    assert run.returncode == 0, run.stderr.decode()
    named = get_named_query("agreements-by-country")
    bindings = bind_params(named, {"country": "KR"})
    expected = format_result(run_query(dataset, named.text, bindings=bindings), fmt)
    assert run.stdout.decode("utf-8") == expected
