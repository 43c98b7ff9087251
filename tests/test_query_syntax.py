"""Every query knows the project's prefixes, and a query that does not parse is told what is
wrong in words, with a line and a column: on the command line, at the endpoint, and in the
library (:mod:`graph_builder.rdf.query_errors`)."""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time

import httpx
import pyoxigraph
import pytest

from graph_builder import resources
from graph_builder.errors import QueryRefused
from graph_builder.ontology import SHAPES_FILE
from graph_builder.prefixes import PREFIX_IRIS
from graph_builder.rdf.query_errors import UNPARSED, explain_unparsed
from graph_builder.rdf.store import GraphStore
from graph_builder.server.app import ServerConfig, running_server
from graph_builder.sparql.named import prepare

CASES = [
    (
        "SELECT ?a WHERE {\n  ?a agx:hasParty ?c }",
        "the query does not parse: unknown prefix 'agx:' at line 2, column 6; did you mean agr:? "
        "Otherwise declare it with PREFIX agx: <…>",
    ),
    (
        'SELECT * WHERE { ?s <urn:p> "foo:x" . ?s foo:bar ?o }  # foo:y',
        "the query does not parse: unknown prefix 'foo:' at line 1, column 42; did you mean foaf:? "
        "Otherwise declare it with PREFIX foo: <…>",
    ),
    (
        "PREFIX ex: <urn:ex#>\nSELECT * WHERE { ?s ex:p ?o ; zzz:q ?v }",
        "the query does not parse: unknown prefix 'zzz:' at line 2, column 31; declare it with PREFIX zzz: <…>",
    ),
    (
        "SELECT * WHERE { ?s :p ?o }",
        "the query does not parse: unknown prefix ':' at line 1, column 21; declare it with PREFIX : <…>",
    ),
    ("ASK {", "the query does not parse: the '{' at line 1, column 5 is never closed"),
    (
        "SELECT * WHERE {\n  ?s ?p ?o FILTER(?o > 3 }",
        "the query does not parse: the '(' at line 2, column 18 is never closed",
    ),
    (
        'SELECT * WHERE { ?s ?p "abc }',
        "the query does not parse: the string that starts at line 1, column 24 is not closed",
    ),
    (
        "SELECT * WHERE { ?s ?p ?o } }",
        "the query does not parse: the '}' at line 1, column 29 closes nothing",
    ),
    (
        "SELECT * WHERE { ?s <a b> ?o }",
        "the query does not parse: <a b> at line 1, column 26 is not an absolute IRI; write it in full (<https://…>) "
        "or as a prefixed name (agr:Agreement)",
    ),
    (
        "SELECT ?x WHERE { ?s ?p ?o } GROUP ?s",
        "the query does not parse at line 1, column 38, at the end of the query; expected BY",
    ),
    (
        "SELECT * WHERE { ?s ?p ?o FILTER(?o > ) }",
        "the query does not parse at line 1, column 42, at the end of the query; "
        "expected an expression",
    ),
]


GUARD_SAYS = {
    CASES[-1][0]: "the query does not parse at line 1, column 27, near 'FILTER(?o'",
}
"""Where the guard's parser (rdflib's), refusing first, places the error elsewhere than the
engine does."""


@pytest.mark.parametrize(("text", "message"), CASES)
def test_a_query_that_does_not_parse_is_explained(text: str, message: str) -> None:
    """In words, whichever parser refuses first: the engine, or the guard's (rdflib's, which
    takes unknown prefixes: the engine then refuses them)."""
    with pytest.raises(QueryRefused) as by_engine:
        GraphStore.memory().query(text)
    with pytest.raises(QueryRefused) as by_either:
        prepare(text)  # the guard, then (unknown prefixes) the engine
        GraphStore.memory().query(text)
    assert str(by_engine.value) == message
    assert str(by_either.value) == GUARD_SAYS.get(text, message)
    for caught in (by_engine, by_either):
        assert caught.value.status == 400
        assert "expected one of" not in str(caught.value).lower()


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * WHERE { ?a agr:hasParty ?c ; rdfs:label ?l FILTER(?l != "x"^^xsd:string) }',
        "PREFIX agr: <urn:mine#> SELECT * WHERE { ?a agr:p ?c }",  # its own declaration wins
        "CONSTRUCT { ?s skos:prefLabel ?l } WHERE { GRAPH graph:ontology { ?s skos:prefLabel ?l } }",
    ],
)
def test_a_query_using_the_prefixes_parses(text: str) -> None:
    prepare(text)
    GraphStore.memory().query(text)


def test_an_update_is_still_refused_as_one() -> None:
    with pytest.raises(QueryRefused, match="SPARQL Update is not accepted") as caught:
        prepare("CLEAR ALL")
    assert caught.value.status == 403


def test_a_query_only_the_engine_reads_is_placed_where_rdflib_stops() -> None:
    """LATERAL: the engine reads it, the guard's parser does not; the probe the engine is
    asked (the text with a bracket added) fails after the text, so rdflib's place is said."""
    with pytest.raises(QueryRefused) as caught:
        prepare("SELECT * WHERE { ?s ?p ?o LATERAL { ?s ?p ?x } }")
    assert str(caught.value) == "the query does not parse at line 1, column 27, near 'LATERAL'"


def test_explaining_a_refusal_never_evaluates_the_query() -> None:
    """A query the engine reads (and calls the SERVICE of as soon as it is asked it) whose
    refusal as unparsable is explained: nothing is sent; the SERVICE refusal is given."""
    calls: list[object] = []
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def accept() -> None:
        with contextlib.suppress(OSError):
            while True:
                calls.append(listener.accept()[0].close())

    threading.Thread(target=accept, daemon=True).start()
    text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} LATERAL {{ }} }}"
    refusal = explain_unparsed(text, QueryRefused(f"{UNPARSED}: (line:1, col:64)"))
    assert str(refusal).startswith("SERVICE is not accepted")
    time.sleep(0.5)  # a call would have been made while the refusal was explained
    assert calls == []
    pyoxigraph.Store().query(text)  # what the test guards against: the engine alone calls
    deadline = time.monotonic() + 5
    while not calls and time.monotonic() < deadline:
        time.sleep(0.05)
    listener.close()
    assert calls


def test_the_ontology_declares_no_prefix_a_query_does_not_know() -> None:
    declared = set()
    for path in sorted(resources.ontology_dir().glob("*.ttl")):
        if path.name != SHAPES_FILE:
            text = path.read_text(encoding="utf-8")
            declared |= set(re.findall(r"@prefix\s+([\w.-]*):\s*<([^>]*)>", text))
    assert declared
    assert declared <= set(PREFIX_IRIS.items())


# ------------------------------------------------------------------ the command line


def _parties(dataset: GraphStore) -> str:
    """Distinct (agreement, party) pairs of the bundled data, counted here."""
    party = "https://w3id.org/agreement-graph/ontology#hasParty"
    return str(len({q.triple for q in dataset.quads() if q.predicate.value == party}))


@pytest.mark.parametrize("timeout", ["10", "0"])
def test_the_command_line_knows_the_prefixes_and_explains(cli, dataset, timeout: str) -> None:
    known = cli(
        "query",
        "--timeout",
        timeout,
        "--format",
        "csv",
        "-e",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a agr:hasParty ?c }",
    )
    assert known.exit_code == 0, known.output
    assert known.output.split() == ["n", _parties(dataset)]
    text, message = CASES[0]
    wrong = cli("query", "--timeout", timeout, "-e", text)
    assert wrong.exit_code == 2
    assert wrong.stderr.strip().endswith(message)
    assert "expected one of" not in wrong.stderr and "Traceback" not in wrong.output


# ------------------------------------------------------------------ the endpoint


@pytest.fixture(scope="module")
def endpoint():
    config = ServerConfig(workers=1, cache_mb=0)
    with running_server(config=config) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def test_the_endpoint_knows_the_prefixes(endpoint: httpx.Client, dataset) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a agr:hasParty ?c }"
    reply = endpoint.get(
        "/sparql", params={"query": query}, headers={"accept": "application/sparql-results+json"}
    )
    assert reply.status_code == 200, reply.text
    assert reply.json()["results"]["bindings"][0]["n"]["value"] == _parties(dataset)


@pytest.mark.parametrize(("text", "message"), [CASES[0], CASES[4]])
def test_the_endpoint_explains_a_query_that_does_not_parse(endpoint, text, message) -> None:
    reply = endpoint.get("/sparql", params={"query": text})
    assert reply.status_code == 400
    assert reply.text.strip() == message


def test_the_endpoint_still_refuses_an_update_as_one(endpoint: httpx.Client) -> None:
    reply = endpoint.post(
        "/sparql", content="CLEAR ALL", headers={"content-type": "application/sparql-query"}
    )
    assert reply.status_code == 403
