"""Entailment: RDFS rules on the store, owlrl as the reference, graph:inferred apart."""

from __future__ import annotations

import pytest
import yaml
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from graph_builder.dataset import load_dataset
from graph_builder.errors import GraphBuilderError
from graph_builder.namespaces import AGR, ID
from graph_builder.rdf.infer import INFERRED_GRAPH, infer, infer_owl_rl
from graph_builder.rdf.store import GraphStore

from .conftest import DATA_DIR

GOVERNMENT_BODIES = """
SELECT DISTINCT ?b WHERE { GRAPH ?g { ?b a <https://w3id.org/agreement-graph/ontology#GovernmentBody> } }
ORDER BY ?b
"""


@pytest.fixture
def store() -> GraphStore:
    """The bundled data built without entailments."""
    return load_dataset(infer="none")


def _inferred(store: GraphStore, mode: str = "rdfs") -> list:
    """Run entailment *mode* and return the quads of graph:inferred."""
    count = infer(store, mode)
    quads = list(store.quads(INFERRED_GRAPH))
    assert count == len(quads)
    return quads


def _sizes(store: GraphStore) -> dict[str, int]:
    return {g: store.count(g) for g in store.named_graphs()}


def _bodies(*types: str) -> list[str]:
    """The bodies of data/entities (of the given types: Ministry, GovernmentBody)."""
    entries = yaml.safe_load((DATA_DIR / "entities" / "bodies.yaml").read_text("utf-8"))["bodies"]
    return sorted(str(ID[f"body/{e['id']}"]) for e in entries if not types or e["type"] in types)


def test_rdfs_finds_every_government_body(store):
    """Ministries are government bodies only by entailment (agr:Ministry ⊑ agr:GovernmentBody)."""
    stated = [s["b"].value for s in store.query(GOVERNMENT_BODIES)]
    assert stated == _bodies("GovernmentBody") and _bodies("Ministry")
    infer(store, "rdfs")
    assert [s["b"].value for s in store.query(GOVERNMENT_BODIES)] == _bodies()


def test_inferred_triples_go_to_their_own_graph_only(store):
    before = _sizes(store)
    quads = _inferred(store)
    after = _sizes(store)
    assert after.pop(INFERRED_GRAPH) == len(quads) > 0
    assert after == before  # no source, reference, catalog or ontology graph changed
    assert {q.graph_name.value for q in quads} == {INFERRED_GRAPH}
    stated = {
        (q.subject, q.predicate, q.object)
        for q in store.quads()
        if q.graph_name.value != INFERRED_GRAPH
    }
    assert not [q for q in quads if (q.subject, q.predicate, q.object) in stated]


def test_rdfs_is_a_fixpoint_and_repeatable(store):
    first = {str(q) for q in _inferred(store)}
    second = {str(q) for q in _inferred(store)}
    assert first == second


@pytest.mark.parametrize(
    ("subject", "cls"),
    [
        ("agreement/mou-industrial-cooperation-indonesia-china-2023", AGR.Agreement),
        ("agreement/industrial-cooperation-indonesia-china-korea-2023", AGR.Agreement),
        ("body/miit", URIRef("http://www.w3.org/ns/org#FormalOrganization")),
        ("person/jin-zhuanglong", URIRef("http://xmlns.com/foaf/0.1/Person")),
        (
            "term/mou-industrial-cooperation-indonesia-china-2023",
            URIRef("http://www.w3.org/2006/time#TemporalEntity"),
        ),
    ],
)
def test_rdfs_types(store, subject, cls):
    infer(store, "rdfs")
    assert store.query(f"ASK {{ GRAPH <{INFERRED_GRAPH}> {{ <{ID[subject]}> a <{cls}> }} }}")


@pytest.mark.slow  # owlrl over the whole bundled data: minutes on a busy machine
def test_rdfs_agrees_with_owlrl_on_the_bundled_data(store):
    """Every RDFS triple is in owlrl's OWL 2 RL closure; owlrl types our entities the same way."""
    rdfs = {(q.subject.value, q.predicate.value, str(q.object)) for q in _inferred(store)}
    union = Graph()
    for s, p, o, _ in load_dataset(infer="none").to_rdflib().quads((None, None, None, None)):
        union.add((s, p, o))
    owl_rl = infer_owl_rl(union)
    owl_rl_keys = {(str(s), str(p), o.n3()) for s, p, o in owl_rl}
    assert rdfs <= owl_rl_keys
    ours = str(ID)

    def entity_types(triples):
        return {(s, o) for s, p, o in triples if p == str(RDF.type) and s.startswith(ours)}

    assert entity_types(rdfs) == entity_types(
        (str(s), str(p), o.n3())
        for s, p, o in owl_rl
        if not str(o).startswith("http://www.w3.org/2002/07/owl#")
    )


@pytest.mark.slow
def test_owl_rl_mode_and_unknown_mode(store):
    quads = _inferred(store, "owl-rl")
    assert quads and {q.graph_name.value for q in quads} == {INFERRED_GRAPH}
    assert infer(store, "none") == 0
    assert not list(store.quads(INFERRED_GRAPH))
    with pytest.raises(
        GraphBuilderError, match="unknown entailment mode 'rdf'; use one of none, rdfs, owl-rl"
    ):
        infer(store, "rdf")


def test_build_puts_entailments_in_their_own_graph(dataset):
    """The default build infers RDFS; queries find bodies by their superclass."""
    assert INFERRED_GRAPH in dataset.named_graphs()
    rows = dataset.query(GOVERNMENT_BODIES)
    assert sorted(r["b"].value for r in rows) == _bodies()


def _inferred_lines(store: GraphStore) -> set[str]:
    return {str(q) for q in store.quads(INFERRED_GRAPH)}


@pytest.mark.parametrize("sources", [None, 40])
def test_entailments_written_with_the_mapping_equal_the_rules_run_in_the_store(sources, tmp_path):
    """A build finds the RDFS entailments as it writes the triples (:mod:`.entail`); the
    rules run as SPARQL over the finished store find the same quads."""
    from graph_builder.dataset import build_dataset
    from graph_builder.ingest.sources import load_sources
    from graph_builder.ontology import Vocabulary, load_ontology
    from graph_builder.rdf.infer import infer_rdfs
    from graph_builder.resources import data_dir

    ontology = load_ontology()
    data = data_dir()
    if sources is not None:
        data = tmp_path / "data"
        synthetic_sources(data, sources, Vocabulary.from_graph(ontology))
    records = load_sources(data, vocabulary=Vocabulary.from_graph(ontology))
    written = build_dataset(records, ontology=ontology, infer="rdfs")
    in_store = build_dataset(records, ontology=ontology, infer="none")
    assert infer_rdfs(in_store) == written.count(INFERRED_GRAPH) > 0
    assert _inferred_lines(in_store) == _inferred_lines(written)
    assert {str(q) for q in in_store.quads()} == {str(q) for q in written.quads()}


def test_the_entailments_go_with_each_chunk_and_those_stated_later_are_removed(monkeypatch):
    """Each chunk carries the entailments of the triples written since the previous one,
    so they are not all held until the mapping ends; those that a later graph states (the
    entities' types, stated by the reference records written last) are removed once
    loaded, and the store holds the same quads as when every triple was seen first. The
    reference graph is written a few entities at a time, each piece with its entailments."""
    from graph_builder.dataset import build_dataset
    from graph_builder.ingest.sources import load_sources
    from graph_builder.namespaces import REFERENCE_GRAPH_IRI
    from graph_builder.ontology import Vocabulary, load_ontology
    from graph_builder.rdf import chunks, mapping
    from graph_builder.resources import data_dir

    ontology = load_ontology()
    records = load_sources(data_dir(), vocabulary=Vocabulary.from_graph(ontology))
    whole = build_dataset(records, ontology=ontology, infer="rdfs")  # one chunk
    monkeypatch.setattr(chunks, "CHUNK_BYTES", 1)  # every piece written is its own chunk
    monkeypatch.setattr(mapping, "REFERENCE_PIECE", 3)
    pieces: list[bytes] = []
    writer = chunks.ChunkWriter(ontology, entail=True, emit=pieces.append)
    for record in records.sources:
        writer.source(record, records)
        assert writer.entailer is not None and not writer.entailer.entailed
    late = writer.finish(records)
    suffix = f" <{INFERRED_GRAPH}> .\n".encode()
    assert sum(1 for piece in pieces[1:] if suffix in piece) > len(records.sources)
    reference = [piece for piece in pieces if f" <{REFERENCE_GRAPH_IRI}> .\n".encode() in piece]
    pieces_of_entities = -(-len(records.entities) // 3)  # and one per country
    assert (
        len(reference) == pieces_of_entities + len(records.countries) > len(records.countries) + 1
    )
    store = GraphStore.memory()
    for piece in pieces:
        store.load_nquads(piece, checked=True, union=True)
    assert late and store.count(INFERRED_GRAPH) > whole.count(INFERRED_GRAPH)
    chunks.drop_stated(store, late)
    assert {str(q) for q in store.quads()} == {str(q) for q in whole.quads()}


def synthetic_sources(root, n: int, vocabulary) -> None:
    """*n* synthetic sources, as the build benchmark writes them."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).parents[1] / "benchmarks" / "bench_build.py"
    spec = importlib.util.spec_from_file_location("bench_build", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write_dataset(root, n, vocabulary)
