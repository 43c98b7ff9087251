"""``view --focus``: the neighbourhood read from the store equals the whole network's cut."""

from __future__ import annotations

import json
import re
from typing import Any

import networkx as nx
import pytest

from graph_builder.errors import QueryError
from graph_builder.network.project import entity_network, focus_network
from graph_builder.rdf.store import GraphStore
from graph_builder.viewer.render import render_network, render_viewer

ID = "https://w3id.org/agreement-graph/id/"
AGR = "https://w3id.org/agreement-graph/"


def _cut(whole: nx.MultiDiGraph, focus: str, depth: int) -> nx.MultiDiGraph:
    """The whole network cut to the vertices within *depth* edges of *focus*, either way
    (as the page's own focus button cuts it)."""
    near = nx.single_source_shortest_path_length(whole.to_undirected(as_view=True), focus, depth)
    return whole.subgraph(near)


def _rows(network: nx.MultiDiGraph) -> tuple[list[Any], list[Any]]:
    nodes = sorted(network.nodes(data=True), key=lambda row: row[0])
    edges = sorted(network.edges(keys=True, data=True), key=lambda row: row[:3])
    return nodes, edges


@pytest.fixture(scope="module")
def whole(dataset: GraphStore) -> nx.MultiDiGraph:
    return entity_network(dataset, evidence=True)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    """30 synthetic sources, as the build benchmark writes them."""
    from benchmarks.bench_build import write_dataset
    from graph_builder.dataset import load_dataset
    from graph_builder.ontology import Vocabulary, load_ontology

    root = tmp_path_factory.mktemp("synthetic")
    write_dataset(root, 30, Vocabulary.from_graph(load_ontology()))
    return load_dataset(root)


def _foci(whole: nx.MultiDiGraph, depth: int, *, every: bool) -> list[str]:
    """Every vertex (every fifth at depth 2), or of each group the vertex with the fewest
    edges and, below depth 2, the one with the most (at depth 2 a hub's neighbourhood is
    most of the network, and a tenth of the whole sweep's time)."""
    vertices = list(whole.nodes)
    if every:
        return vertices[:: 1 if depth < 2 else 5]
    groups: dict[str, list[str]] = {}
    for v, d in whole.nodes(data=True):
        groups.setdefault(d["group"], []).append(v)
    ends = (min, max) if depth < 2 else (min,)
    return [end(vs, key=lambda v: (whole.degree(v), v)) for vs in groups.values() for end in ends]


@pytest.mark.parametrize(
    "every", [False, pytest.param(True, marks=pytest.mark.slow)], ids=["each-group", "every"]
)
@pytest.mark.parametrize("depth", [0, 1, 2])
def test_a_focus_of_the_bundled_data_draws_the_whole_networks_cut(
    dataset: GraphStore, whole: nx.MultiDiGraph, depth: int, every: bool
) -> None:
    foci = _foci(whole, depth, every=every)
    assert len(whole.nodes) > 150 and len(foci) >= 5
    differ = [
        v
        for v in foci
        if _rows(focus_network(dataset, v, depth=depth)) != _rows(_cut(whole, v, depth))
    ]
    assert differ == []


def test_the_synthetic_builds_foci_draw_the_whole_networks_cut(synthetic: GraphStore) -> None:
    whole = entity_network(synthetic, evidence=True)
    kinds = {d["group"] for _, d in whole.nodes(data=True)}
    assert {"Country", "IndustrySector", "CooperationActivity", "Term"} <= kinds
    foci = [next(v for v, d in whole.nodes(data=True) if d["group"] == k) for k in sorted(kinds)]
    for focus in foci:
        for depth in (1, 2):
            got = focus_network(synthetic, focus, depth=depth)
            assert got is not None
            assert _rows(got) == _rows(_cut(whole, focus, depth)), (focus, depth)


def test_a_country_at_depth_one_holds_its_agreements_and_their_evidence(
    dataset: GraphStore,
) -> None:
    network = focus_network(dataset, ID + "country/KR", depth=1)
    assert network is not None
    agreements = [v for v, d in network.nodes(data=True) if d["agreement"]]
    assert agreements and all(network.has_edge(a, ID + "country/KR") for a in agreements)
    assert network.graph["evidence"] is True
    assert any(d["evidence"] for *_, d in network.edges(data=True))
    named = {s for _, d in network.nodes(data=True) for s in d["sources"]}
    assert named <= set(network.graph["sources"])  # each source named has its record


def _page(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert found
    return json.loads(found.group(1))


def _drawn(data: dict[str, Any]) -> tuple[list[str], list[tuple[str, str, str]]]:
    iris = [n["iri"] for n in data["nodes"]]
    predicates = [p["iri"] for p in data["predicates"]]
    return iris, sorted((iris[e["f"]], iris[e["t"]], predicates[e["p"]]) for e in data["edges"])


@pytest.mark.parametrize("depth", [1, 2])
def test_the_focus_page_draws_the_neighbourhood(
    dataset: GraphStore, whole: nx.MultiDiGraph, depth: int
) -> None:
    focus = ID + "country/KR"
    data = _page(render_viewer(dataset, focus="id:country/KR", depth=depth))
    part = _cut(whole, focus, depth)
    cut = nx.MultiDiGraph(**whole.graph)  # in the order entity_network adds them
    cut.add_nodes_from(sorted(part.nodes(data=True), key=lambda row: row[0]))
    edges = sorted(part.edges(keys=True, data=True), key=lambda r: (r[0], r[2], r[1]))
    cut.add_edges_from(edges)
    today = _page(render_network(cut, focus=focus, depth=depth))
    assert _drawn(data) == _drawn(today)
    assert data["nodes"] == today["nodes"]
    assert data["nodes"][data["focus"]["node"]]["iri"] == focus
    assert data["focus"]["depth"] == depth


@pytest.mark.parametrize(
    ("focus", "message"),
    [
        ("id:country/XX", "focus id:country/XX: no vertex with this IRI in the entity network"),
        ("id:KR", "(did you mean id:country/KR?)"),
        ("id:source/S1", "focus id:source/S1: no vertex"),  # a source record, not a vertex
        ("id:country/KR> } #", "no vertex with this IRI"),  # never reaches the query
    ],
)
def test_a_focus_that_is_not_a_vertex_is_refused(
    dataset: GraphStore, focus: str, message: str
) -> None:
    with pytest.raises(QueryError) as failure:
        render_viewer(dataset, focus=focus)
    assert message in str(failure.value)
    assert str(failure.value).endswith("`graph-builder stats` lists the vertices")
