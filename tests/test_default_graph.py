"""The default graph is the union of the named graphs as a set: each triple once, however
many sources state it, in our store, on the command line, at the endpoint, and in graph.trig
read by stores that know nothing of this project (pyoxigraph and Oxigraph's server with
their default settings)."""

from __future__ import annotations

import functools
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from graph_builder.build import run_build
from graph_builder.namespaces import AGR, entity_iri
from graph_builder.rdf.infer import INFERRED_GRAPH
from graph_builder.rdf.store import GraphStore, open_store
from graph_builder.server.app import ServerConfig, running_server

from .conftest import DATA_DIR
from .stores import running_oxigraph

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
PARTIES = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a <{AGR.hasParty}> ?c }}"
MOU = entity_iri("agreement", "mou-industrial-cooperation-indonesia-china-2023")
CHINA = entity_iri("country", "CN")
MOU_CHINA = f"ASK {{ <{MOU}> <{AGR.hasParty}> <{CHINA}> }}"
JSON = {"accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def built(bundled_build: Path) -> Path:
    """The bundled data's build, with its ``graph.trig``."""
    assert (bundled_build / "graph.trig").is_file()
    return bundled_build


@pytest.fixture(scope="module")
def distinct(built: Path) -> int:
    """Distinct triples of the named graphs, counted here from their quads."""
    store = GraphStore.open(built / "store")
    return len({q.triple for q in store.quads()})


@pytest.fixture(scope="module")
def parties(built: Path) -> int:
    """Distinct (agreement, party) pairs of the named graphs, counted here."""
    store = GraphStore.open(built / "store")
    return len({q.triple for q in store.quads() if q.predicate.value == str(AGR.hasParty)})


def test_the_bundled_build_states_triples_more_than_once(built, distinct, parties) -> None:
    """What makes the other tests mean something: a bag would count more."""
    store = GraphStore.open(built / "store")
    assert len(store) > distinct
    assert sum(1 for q in store.quads() if q.predicate.value == str(AGR.hasParty)) > parties


def test_the_command_line_counts_each_triple_once(cli, built, distinct, parties) -> None:
    for text, expected in ((COUNT, distinct), (PARTIES, parties)):
        result = cli("query", "--build", built, "--format", "csv", "-e", text)
        assert result.exit_code == 0, result.output
        assert result.output.split() == ["n", str(expected)]


def test_the_endpoint_counts_each_triple_once(built, distinct, parties) -> None:
    factory = functools.partial(open_store, built / "store")
    config = ServerConfig(workers=1, cache_mb=0)
    with running_server(factory, config=config) as url, httpx.Client(base_url=url) as client:
        for text, expected in ((COUNT, distinct), (PARTIES, parties)):
            reply = client.get("/sparql", params={"query": text}, headers=JSON, timeout=30)
            assert reply.status_code == 200, reply.text
            assert reply.json()["results"]["bindings"][0]["n"]["value"] == str(expected)


def _count(answer: ox.QuerySolutions) -> int:
    return int(next(iter(answer))[0].value)


def test_a_spec_default_store_reading_graph_trig_agrees(built, distinct, parties) -> None:
    store = ox.Store()
    store.load(path=str(built / "graph.trig"), format=ox.RdfFormat.TRIG)
    assert _count(store.query(COUNT)) == distinct
    assert _count(store.query(PARTIES)) == parties
    named = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _count(store.query(named)) == len(GraphStore.open(built / "store"))


def test_oxigraph_server_reading_graph_trig_agrees(built, distinct, parties, tmp_path) -> None:
    with running_oxigraph(tmp_path / "db") as server:
        loaded = httpx.post(
            server.gsp,
            content=(built / "graph.trig").read_bytes(),
            headers={"content-type": "application/trig"},
            timeout=60,
        )
        assert loaded.status_code in (200, 201, 204), loaded.text
        assert server.select(COUNT)[0]["n"][1] == str(distinct)
        assert server.select(PARTIES)[0]["n"][1] == str(parties)


# ------------------------------------------------------------------ incremental builds


def _set_china_party(data: Path, source: str, present: bool) -> None:
    path = next((data / "sources").glob(f"{source}-*.yaml"))
    text = path.read_text(encoding="utf-8")
    old, new = ("[ID, JP]", "[ID, CN]") if present else ("[ID, CN]", "[ID, JP]")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _union(out: Path) -> set[str]:
    return {str(t) for t in GraphStore.open(out / "store").union_triples()}


def test_an_incremental_build_keeps_a_triple_while_a_source_states_it(built_copy, tmp_path):
    """S2, S3 and S4 each say that China is a party to the MoU; taking it out of one source
    at a time, the triple stays in the default graph until no source states it, and comes
    back with the first source that states it again. After each step the default graph is
    the one a full build makes."""
    data_copy, out = built_copy, tmp_path / "out"
    steps = [("s4", False, True), ("s2", False, True), ("s3", False, False), ("s2", True, True)]
    for n, (source, present, expected) in enumerate(steps):
        _set_china_party(data_copy, source, present)
        summary = run_build(data_copy, out, viewer=False, exports=())
        assert summary.how.startswith("incremental"), n
        store = GraphStore.open(out / "store")
        assert bool(store.query(MOU_CHINA)) is expected, n
        assert summary.triples == store.triple_count() == len({q.triple for q in store.quads()})
        del store
        full = tmp_path / f"full-{n}"
        run_build(data_copy, full, viewer=False, exports=())
        assert _union(out) == _union(full), n


# ------------------------------------------------------------------ the store's writes


def _triples(store: GraphStore) -> set[str]:
    return {str(t) for t in store.union_triples()}


def test_every_write_keeps_the_default_graph_the_union() -> None:
    store = GraphStore.memory()
    a, b, c = "<urn:a>", "<urn:b>", "<urn:c>"
    store.load(f"{a} <urn:p> {b} .\n{a} <urn:p> {c} .\n", "nt", graph="urn:g1")
    store.load_nquads(f"{a} <urn:p> {b} <urn:g2> .\n")  # foreign text: the union is made again
    assert _triples(store) == {f"{a} <urn:p> {b}", f"{a} <urn:p> {c}"}
    assert len(store) == 3 and store.triple_count() == 2
    store.set_membership("urn:g2", [(b, "<urn:p>", c)], [(a, "<urn:p>", b)])
    assert _triples(store) == {f"{a} <urn:p> {b}", f"{a} <urn:p> {c}", f"{b} <urn:p> {c}"}
    store.remove_graph("urn:g1")  # a → b and a → c leave: no other graph states them
    assert _triples(store) == {f"{b} <urn:p> {c}"}
    store.add_constructed("CONSTRUCT { ?o <urn:q> ?s } WHERE { ?s <urn:p> ?o }", "urn:g3")
    assert _triples(store) == {f"{b} <urn:p> {c}", f"{c} <urn:q> {b}"}
    store.set_membership("urn:g2", [], [(b, "<urn:p>", c)])
    assert _triples(store) == {f"{c} <urn:q> {b}"}


@pytest.mark.parametrize(
    ("s", "o", "stated"),
    [
        ("<urn:a>", "<urn:c>", False),  # only the inferred graph holds it
        ("<urn:b>", "<urn:c>", True),
        (None, "<urn:c>", True),  # a → c (inferred only) in the union first, then b → c
        ("<urn:a>", None, False),
        (None, "<urn:d>", False),  # nothing matches
        (None, None, True),
    ],
)
def test_states_looks_past_the_graph_it_is_told_to_skip(s, o, stated) -> None:
    """What an incremental build asks before it keeps an entailment: does a graph other
    than graph:inferred state a triple matching the pattern (None: any term)?"""
    store = GraphStore.memory()
    store.load("<urn:a> <urn:p> <urn:c> .\n", "nt", graph=INFERRED_GRAPH)
    store.load("<urn:b> <urn:p> <urn:c> .\n<urn:a> <urn:q> <urn:c> .\n", "nt", graph="urn:g1")
    assert store.states(s, "<urn:p>", o, besides=INFERRED_GRAPH) is stated


@pytest.mark.parametrize("mode", [pytest.param("owl-rl", marks=pytest.mark.slow), "none"])
def test_the_persisted_store_holds_the_entailments_in_their_graph(tmp_path, mode) -> None:
    """With owl-rl the entailments reach the store on disk after the others (they are found
    in memory): in graph:inferred, and in the default graph with everything else."""
    summary = run_build(DATA_DIR, tmp_path / "out", viewer=False, exports=(), infer=mode)
    store = GraphStore.open(tmp_path / "out" / "store")
    assert store.count(INFERRED_GRAPH) == summary.inferred
    assert (summary.inferred > 0) is (mode == "owl-rl")
    assert set(store.union_triples()) == {q.triple for q in store.quads()}
    assert len(store) == summary.quads
