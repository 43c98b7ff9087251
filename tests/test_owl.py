"""The ontology as OWL 2: HermiT's verdict, declared external terms, labels, the RDF/XML copy."""

from __future__ import annotations

import shutil

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, SKOS

from graph_builder.ontology import load_ontology

from .conftest import REPO, missing_component

AGR = "https://w3id.org/agreement-graph/ontology#"
BUILT_IN = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/2001/XMLSchema#",
)
OWL_FILE = REPO / "ontology" / "agreement.owl"
REGENERATE = (
    '.venv/bin/python -c "from graph_builder.ontology import load_ontology; '
    "from graph_builder.namespaces import bind_namespaces; "
    "bind_namespaces(load_ontology()).serialize('ontology/agreement.owl', format='xml')\""
)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def test_hermit_finds_ontology_and_data_consistent(rdf_dataset, tmp_path):
    """HermiT (owlready2, Java) loads the ontology and all data unmodified: consistent,
    no unsatisfiable class."""
    if shutil.which("java") is None:
        missing_component("Java not installed (apt-get install default-jre-headless)")
    try:
        import owlready2
    except ImportError:
        missing_component("owlready2 not installed (pip install owlready2)")
    union = Graph()
    for s, p, o, _ in rdf_dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    path = tmp_path / "ontology-and-data.nt"
    union.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load(format="ntriples")
    with ontology:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []


def test_every_external_term_is_declared(rdf_dataset, ontology):
    """Every class or property from another vocabulary that the ontology or data use has a kind."""
    declared = set(ontology.subjects(RDF.type, None))
    used: set[URIRef] = set()
    axioms = (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, RDF.type)
    for _, p, o, _ in rdf_dataset.quads((None, None, None, None)):
        used.add(p)
        if p in axioms and isinstance(o, URIRef):
            used.add(o)
    undeclared = sorted(str(t) for t in used - declared if not str(t).startswith(BUILT_IN))
    assert undeclared == []


def _languages(graph: Graph, subject, predicate) -> set[str]:
    return {o.language or "" for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


def test_every_ontology_term_has_labels_in_english_and_indonesian(ontology):
    terms = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(AGR)}
    assert len(terms) == 59
    assert [t for t in terms if _languages(ontology, t, RDFS.label) != {"en", "id"}] == []


def _one_per_language(graph: Graph, subject, predicate) -> bool:
    """Exactly one non-empty value in English and one in Indonesian, and no other."""
    values = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal)]
    return sorted(o.language or "" for o in values) == ["en", "id"] and all(
        str(o).strip() for o in values
    )


def test_every_ontology_term_has_comments_in_english_and_indonesian(ontology):
    terms = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(AGR)}
    assert len(terms) == 59
    assert sorted(str(t) for t in terms if not _one_per_language(ontology, t, RDFS.comment)) == []


def test_every_concept_has_a_definition_in_english_and_indonesian(ontology):
    concepts = set(ontology.subjects(RDF.type, SKOS.Concept))
    assert concepts
    missing = sorted(
        str(c) for c in concepts if not _one_per_language(ontology, c, SKOS.definition)
    )
    assert missing == []


def test_every_concept_scheme_is_described_in_english_and_indonesian(ontology):
    schemes = set(ontology.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 5
    missing = sorted(str(s) for s in schemes if not _one_per_language(ontology, s, SKOS.definition))
    assert missing == []


def test_rdf_xml_copy_is_in_sync_with_the_turtle(ontology):
    """ontology/agreement.owl is the Turtle files in RDF/XML, for OWL tools that want it."""
    published = Graph().parse(OWL_FILE, format="xml")
    assert isomorphic(published, ontology), f"ontology/agreement.owl is stale; run {REGENERATE}"


def test_a_process_reads_the_ontology_again_when_a_file_changes(tmp_path):
    """Parsed graphs are kept for the same bytes (serve and the review page load the
    ontology on every build): an edit is seen by the next load, a bad edit is still refused,
    and each caller's graph is its own to change."""
    from graph_builder.errors import SourceError

    folder = tmp_path / "ontology"
    shutil.copytree(REPO / "ontology", folder)
    first, second = load_ontology(folder), load_ontology(folder)
    parsed = Graph()
    for path in sorted(folder.glob("*.ttl")):
        if path.name != "shapes.ttl":
            parsed.parse(path, format="turtle", publicID=path.absolute().as_uri())
    # the same triples listed in the same order (the extractor's lexicon follows it)
    assert list(first) == list(second) == list(parsed)
    first.add((URIRef(AGR + "x"), RDFS.label, Literal("added by a caller")))
    assert len(load_ontology(folder)) == len(second)
    sectors = folder / "sectors.ttl"
    sectors.write_text(
        sectors.read_text(encoding="utf-8") + '\nagr:Extra skos:prefLabel "extra"@en .\n',
        encoding="utf-8",
    )
    assert (URIRef(AGR + "Extra"), SKOS.prefLabel, Literal("extra", lang="en")) in load_ontology(
        folder
    )
    sectors.write_text("agr:Broken rdfs:label", encoding="utf-8")
    with pytest.raises(SourceError, match="not valid Turtle"):
        load_ontology(folder)
