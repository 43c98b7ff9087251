"""The entity network projection and its GraphML / GEXF / CSV writers."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from graph_builder.namespaces import (
    AGR,
    CATALOG_GRAPH,
    ID,
    ONTOLOGY_GRAPH,
    REFERENCE_GRAPH,
    SECTOR,
    WD,
    bind_namespaces,
    source_graph,
    source_order,
)
from graph_builder.network.project import entity_network
from graph_builder.network.writers import write_csv, write_gexf, write_graphml
from graph_builder.rdf.store import GraphStore

XSS_LABEL = "<img src=x onerror=alert(1)>"
XSS_LABEL_ID = "<script>window.__xss = 1</script>"


def tiny_dataset() -> GraphStore:
    """Seven entities, eight edges, two sources and one divergence.

    One person's labels and one side of the divergence are script payloads.
    """
    from rdflib.namespace import XSD  # local: pytest's collector trips over XSD's __getattr__

    ds = bind_namespaces(Dataset(default_union=True))
    onto = ds.graph(ONTOLOGY_GRAPH)
    onto.add((AGR.MemorandumOfUnderstanding, RDFS.subClassOf, AGR.Agreement))
    onto.add((AGR.Ministry, RDFS.subClassOf, AGR.GovernmentBody))
    for cls in (AGR.Agreement, AGR.MemorandumOfUnderstanding, AGR.Ministry, AGR.Country):
        onto.add((cls, RDF.type, OWL.Class))
    onto.add((AGR.hasParty, RDFS.label, Literal("has party", lang="en")))
    onto.add((AGR.hasParty, RDFS.label, Literal("memiliki pihak", lang="id")))
    for concept, en, id_, broader in (
        (SECTOR.manufacturing, "manufacturing", "industri manufaktur", None),
        (SECTOR.shipbuilding, "shipbuilding", "industri perkapalan", SECTOR.manufacturing),
        (SECTOR.unused, "unused sector", "sektor lain", SECTOR.manufacturing),
    ):
        onto.add((concept, RDF.type, SKOS.Concept))
        onto.add((concept, SKOS.prefLabel, Literal(en, lang="en")))
        onto.add((concept, SKOS.prefLabel, Literal(id_, lang="id")))
        onto.add((concept, SKOS.inScheme, SECTOR.scheme))
        if broader is not None:
            onto.add((concept, SKOS.broader, broader))
    onto.add((SECTOR.scheme, RDF.type, SKOS.ConceptScheme))

    ref = ds.graph(REFERENCE_GRAPH)
    for entity, cls, en, id_ in (
        (ID.indonesia, AGR.Country, "Indonesia", "Indonesia"),
        (ID.korea, AGR.Country, "Republic of Korea", "Republik Korea"),
        (ID.kemenperin, AGR.Ministry, "Ministry of Industry", "Kementerian Perindustrian"),
        (ID.xss, AGR.Person, XSS_LABEL, XSS_LABEL_ID),
        (ID.mou, AGR.MemorandumOfUnderstanding, "Indonesia–Korea MoU", "MoU Indonesia–Korea"),
    ):
        ref.add((entity, RDF.type, cls))
        ref.add((entity, RDFS.label, Literal(en, lang="en")))
        ref.add((entity, RDFS.label, Literal(id_, lang="id")))
    ref.add((ID.indonesia, OWL.sameAs, WD.Q252))

    s1, s2 = ds.graph(source_graph("S1")), ds.graph(source_graph("S2"))
    for g in (s1, s2):
        g.add((ID.mou, RDF.type, AGR.MemorandumOfUnderstanding))
        g.add((ID.mou, AGR.hasParty, ID.indonesia))
    s1.add((ID.mou, AGR.hasParty, ID.korea))
    s1.add((ID.mou, AGR.coversSector, SECTOR.shipbuilding))
    s1.add((ID.mou, AGR.startDate, Literal("2023-09-08", datatype=XSD.date)))
    s2.add((ID.mou, AGR.hasSignatory, ID.xss))
    s2.add((ID.xss, AGR.actsFor, ID.kemenperin))
    s2.add((ID.kemenperin, AGR.actsFor, ID.indonesia))
    s2.add((ID.kemenperin, AGR.locatedIn, ID.indonesia))
    ev = ID["evidence/S1-1"]
    for p, o in (
        (RDF.type, AGR.Evidence),
        (RDF.type, RDF.Statement),
        (RDF.subject, ID.mou),
        (RDF.predicate, AGR.hasParty),
        (RDF.object, ID.indonesia),
        (DCTERMS.source, ID["source/S1"]),
        (AGR.locator, Literal("¶2")),
        (AGR.keyTerm, Literal("kerja sama strategis", lang="id")),
    ):
        s1.add((ev, p, o))

    catalog = ds.graph(CATALOG_GRAPH)
    for sid, title in (("S1", "Seed article"), ("S2", "Rakyat Merdeka")):
        catalog.add((ID["source/" + sid], RDF.type, AGR.Source))
        catalog.add((ID["source/" + sid], DCTERMS.title, Literal(title)))
    divergence = ID["divergence/name"]
    catalog.add((divergence, RDF.type, AGR.Divergence))
    catalog.add((divergence, RDFS.label, Literal("Spelling of the name", lang="en")))
    catalog.add((divergence, RDFS.label, Literal("Ejaan nama", lang="id")))
    for concerned in (ID.xss, ID.mou, ID["not-a-vertex"]):
        catalog.add((divergence, AGR.concerns, concerned))
    for n, says, sids in ((2, "Another spelling", ("S1",)), (1, XSS_LABEL, ("S2", "S1"))):
        side = ID[f"divergence/name/side-{n}"]
        catalog.add((divergence, AGR.hasSide, side))
        catalog.add((side, RDF.type, AGR.DivergenceSide))
        catalog.add((side, RDFS.label, Literal(says, lang="en")))
        catalog.add((side, RDFS.label, Literal(says, lang="id")))
        for sid in sids:
            catalog.add((side, DCTERMS.source, ID["source/" + sid]))
    return GraphStore.from_rdflib(ds)


TINY_VERTICES = 7
TINY_EDGES = 8


@pytest.fixture
def network() -> nx.MultiDiGraph:
    return entity_network(tiny_dataset())


def test_vertices_are_entities_and_used_concepts(network: nx.MultiDiGraph) -> None:
    assert network.number_of_nodes() == TINY_VERTICES
    assert str(SECTOR.unused) not in network  # a concept nobody refers to
    assert str(SECTOR.manufacturing) in network  # the broader concept of a used one
    assert not any("evidence" in n or "source/" in n for n in network)


def test_two_predicates_between_one_pair_stay_two_edges(network: nx.MultiDiGraph) -> None:
    assert network.number_of_edges() == TINY_EDGES
    keys = set(network[str(ID.kemenperin)][str(ID.indonesia)])
    assert keys == {str(AGR.actsFor), str(AGR.locatedIn)}


def test_edge_sources_and_evidence(network: nx.MultiDiGraph) -> None:
    edge = network.edges[str(ID.mou), str(ID.indonesia), str(AGR.hasParty)]
    assert edge["sources"] == ["S1", "S2"]
    assert edge["evidence"] == [
        {"source": "S1", "locator": "¶2", "key_terms": ["kerja sama strategis"]}
    ]
    assert edge["label_en"] == "has party" and edge["label_id"] == "memiliki pihak"
    broader = network.edges[str(SECTOR.shipbuilding), str(SECTOR.manufacturing), str(SKOS.broader)]
    assert broader["sources"] == ["ontology"]


def test_vertex_attributes(network: nx.MultiDiGraph) -> None:
    mou = network.nodes[str(ID.mou)]
    assert mou["class"] == "agr:MemorandumOfUnderstanding"
    assert mou["group"] == "MemorandumOfUnderstanding"
    assert mou["sources"] == ["S1", "S2"]
    assert {
        "property": "agr:startDate",
        "value": "2023-09-08",
        "lang": None,
        "sources": ["S1"],
        "evidence": [],
    } in mou["details"]
    assert network.nodes[str(ID.kemenperin)]["class"] == "agr:Ministry"
    korea = network.nodes[str(ID.korea)]
    assert (korea["label_en"], korea["label_id"]) == ("Republic of Korea", "Republik Korea")
    assert network.nodes[str(SECTOR.shipbuilding)]["group"] == "Sector"
    indonesia = network.nodes[str(ID.indonesia)]
    assert any(d["value"] == "wd:Q252" for d in indonesia["details"])
    assert network.graph["sources"]["S2"]["dcterms:title"] == "Rakyat Merdeka"


def test_divergences_are_listed_not_vertices(network: nx.MultiDiGraph) -> None:
    assert not any("divergence" in n for n in network)
    assert network.graph["divergences"] == [
        {
            "iri": str(ID["divergence/name"]),
            "label_en": "Spelling of the name",
            "label_id": "Ejaan nama",
            "concerns": [str(ID.mou), str(ID.xss)],  # sorted; the non-vertex IRI left out
            "sides": [
                {"label_en": XSS_LABEL, "label_id": XSS_LABEL, "sources": ["S1", "S2"]},
                {"label_en": "Another spelling", "label_id": "Another spelling", "sources": ["S1"]},
            ],
        }
    ]


def test_default_dataset_divergences_match_sparql() -> None:
    build = pytest.importorskip("graph_builder.dataset")
    ds = build.load_dataset()
    found = {
        (d["iri"], side["label_en"], tuple(side["sources"]))
        for d in entity_network(ds).graph["divergences"]
        for side in d["sides"]
    }
    assert found == divergence_sides_sparql(ds)


def divergence_sides_sparql(store: GraphStore) -> set[tuple[str, str, tuple[str, ...]]]:
    """(divergence IRI, English statement, source ids in their order (S9 before S10)) for every side, by SPARQL.

    Evaluated by rdflib, independently of the engine the projection reads.
    """
    ds = _stated(store)
    rows = ds.query(
        """SELECT ?d ?side ?says ?sid WHERE {
             ?d a agr:Divergence ; agr:hasSide ?side .
             ?side rdfs:label ?says ; dcterms:source/dcterms:identifier ?sid .
             FILTER(lang(?says) = "en") }""",
        initNs={"agr": AGR, "rdfs": RDFS, "dcterms": DCTERMS},
    )
    sides: dict[tuple[str, str, str], set[str]] = {}
    for d, side, says, sid in rows:
        sides.setdefault((str(d), str(side), str(says)), set()).add(str(sid))
    return {
        (d, says, tuple(sorted(sids, key=source_order))) for (d, _, says), sids in sides.items()
    }


def _edge_set(g: nx.MultiDiGraph) -> set[tuple[str, str, str, str]]:
    return {(u, v, d["predicate"], d["sources"]) for u, v, d in g.edges(data=True)}


def test_graphml_and_gexf_round_trip(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    graphml = nx.read_graphml(
        write_graphml(network, tmp_path / "g.graphml"), edge_key_type=str, force_multigraph=True
    )
    gexf = nx.read_gexf(write_gexf(network, tmp_path / "g.gexf"))
    expected = {
        (u, v, k, "; ".join(d["sources"])) for u, v, k, d in network.edges(keys=True, data=True)
    }
    for back in (graphml, gexf):
        assert set(back.nodes) == set(network.nodes)
        assert back.number_of_edges() == network.number_of_edges()
        assert _edge_set(back) == expected
        for node, data in network.nodes(data=True):
            got = back.nodes[node]
            assert got["label"] == data["label_en"]
            assert got["label_id"] == data["label_id"]
            assert got["class"] == data["class"]
            assert got["sources"] == "; ".join(data["sources"])
    assert not list(tmp_path.glob(".*"))  # no temp files left behind


def test_csv_nodes_and_edges(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    nodes_path, edges_path = write_csv(network, tmp_path / "graph.csv")
    assert (nodes_path.name, edges_path.name) == ("graph.nodes.csv", "graph.edges.csv")
    with nodes_path.open(encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    with edges_path.open(encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    assert {row["Id"] for row in nodes} == set(network.nodes)
    assert len(edges) == TINY_EDGES
    xss = next(row for row in nodes if row["Id"] == str(ID.xss))
    assert xss["Label"] == XSS_LABEL and xss["class"] == "agr:Person"


def test_unwritable_path_is_an_output_error(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    from graph_builder.errors import OutputError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        write_graphml(network, blocker / "g.graphml")


@pytest.mark.slow  # the whole projection restated in SPARQL over the bundled data
def test_default_dataset_counts_match_sparql() -> None:
    build = pytest.importorskip("graph_builder.dataset")
    ds = build.load_dataset()
    network = entity_network(ds)
    assert network.number_of_nodes() == len(_sparql_vertices(ds))
    assert network.number_of_edges() == _sparql_edge_count(ds)


# The projection, restated independently in SPARQL for the default dataset.
_VERTICES = """
PREFIX agr: <https://w3id.org/agreement-graph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?v WHERE {
  { GRAPH ?g { ?v a ?c } FILTER(isIRI(?v))
    FILTER(?g != <https://w3id.org/agreement-graph/graph/ontology>
           && ?g != <https://w3id.org/agreement-graph/graph/catalog>)
    FILTER NOT EXISTS { ?v a ?x FILTER(?x IN (agr:Evidence, rdf:Statement, agr:Source,
        agr:Divergence, skos:ConceptScheme, skos:Concept, owl:Class, owl:ObjectProperty,
        owl:DatatypeProperty, owl:Ontology, rdfs:Class, rdf:Property, sh:NodeShape,
        sh:PropertyShape)) } }
  UNION
  { GRAPH ?g { ?e ?p ?c0 } ?c0 a skos:Concept . ?c0 skos:broader* ?v .
    FILTER(?g != <https://w3id.org/agreement-graph/graph/ontology>
           && ?g != <https://w3id.org/agreement-graph/graph/catalog>)
    ?e a ?ec . FILTER NOT EXISTS { ?e a skos:Concept }
    FILTER NOT EXISTS { ?e a ?x FILTER(?x IN (agr:Evidence, rdf:Statement, agr:Source,
        agr:Divergence)) } }
}"""


def _sparql_vertices(store: GraphStore) -> set[URIRef]:
    from graph_builder.namespaces import sparql_prologue

    ds = _stated(store)  # rdflib evaluates: an independent check of the projection
    return {row[0] for row in ds.query(sparql_prologue() + _VERTICES)}


def _stated(store: GraphStore) -> Dataset:
    """*store* as an rdflib Dataset without graph:inferred (the network shows what is stated)."""
    from graph_builder.namespaces import GRAPH

    ds = store.to_rdflib()
    ds.remove_graph(ds.graph(GRAPH["inferred"]))
    return ds


def _sparql_edge_count(store: GraphStore) -> int:
    vertices = _sparql_vertices(store)
    rows = _stated(store).query(
        "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER(?p != rdf:type && isIRI(?o)) }",
        initNs={"rdf": RDF},
    )
    return sum(1 for s, _, o in rows if s in vertices and o in vertices)
