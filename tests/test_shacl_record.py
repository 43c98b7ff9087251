"""Property shapes checked on each record as the mapping writes it (graph_builder.rdf.shacl_record):
a shape that held on every record is not checked again by the store, and any doubt sends it
back to the store, so the report is the same as without the check."""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, SH

from graph_builder.namespaces import AGR, ID, source_graph, source_iri
from graph_builder.ontology import Vocabulary, load_ontology, load_shapes
from graph_builder.rdf.chunks import ChunkWriter
from graph_builder.rdf.entail import nquads
from graph_builder.rdf.mapping import WHOLE_RECORDS
from graph_builder.rdf.shacl_record import RecordCheck, datatype_of
from graph_builder.rdf.shacl_sourced import MARKED_BY
from graph_builder.rdf.store import GraphStore
from graph_builder.rdf.validate import validate_dataset
from graph_builder.resources import data_dir

MOU = f"<{ID['agreement/mou-industrial-cooperation-indonesia-china-2023']}>"
S2 = f"<{source_iri('S2')}>"
EV = f"<{ID['evidence/S2/made-in-a-test']}>"
TYPE, EVIDENCE = f"<{RDF.type}>", f"<{AGR.Evidence}>"
SUBJECT, PREDICATE, OBJECT = (f"<{RDF[p]}>" for p in ("subject", "predicate", "object"))
SOURCE, PARTY, CN = f"<{DCTERMS.source}>", f"<{AGR.hasParty}>", f"<{ID['country/CN']}>"
WHOLE = [
    (EV, TYPE, EVIDENCE),
    (EV, SUBJECT, MOU),
    (EV, PREDICATE, PARTY),
    (EV, OBJECT, CN),
    (EV, SOURCE, S2),
]


@pytest.fixture(scope="module")
def inputs():
    from graph_builder.ingest.sources import load_sources

    ontology = load_ontology()
    records = load_sources(data_dir(), vocabulary=Vocabulary.from_graph(ontology))
    return ontology, records


def _built(inputs, pieces=(), entailed=(), early=()):
    """The bundled dataset as a build writes it, with the record check watching, plus
    *pieces* (triples written as one graph each) and *entailed* triples; the check is
    shown the entailments *early* before anything is written."""
    ontology, records = inputs
    shapes = load_shapes()
    check = RecordCheck.for_ontology(shapes, ontology, classes=WHOLE_RECORDS)
    check.see_entailed(early)
    chunks: list[bytes] = []
    writer = ChunkWriter(ontology, entail=True, emit=chunks.append, check=check)
    for record in records.sources:
        writer.source(record, records)
    for triples in pieces:
        check.see(triples)
        chunks.append(nquads(triples, str(source_graph("S2"))).encode())
    check.see_entailed(entailed)
    chunks.append(nquads(entailed).encode())
    writer.finish(records)
    store = GraphStore.memory()
    store.load_nquads(b"".join(chunks), checked=True, union=True)
    return store, shapes, check


def _evidence_shapes(shapes):
    shape = next(s for s in shapes.subjects(RDF.type, SH.NodeShape) if str(s).endswith("Evidence"))
    return set(shapes.objects(shape, SH.property))


def _statement_sources(shapes):
    """The SPARQL constraint that every marked statement has an evidence record."""
    return set(shapes.subjects(MARKED_BY, None))


def _as_written(shapes):
    """Everything the bundled shapes let the record check verify."""
    return _evidence_shapes(shapes) | _statement_sources(shapes)


def test_the_evidence_shapes_hold_as_written_and_are_not_checked_again(inputs):
    store, shapes, check = _built(inputs)
    from graph_builder.rdf.shacl import class_hierarchy

    assert len(_statement_sources(shapes)) == 1
    assert check.verified(class_hierarchy(store)) == _as_written(shapes)
    assert validate_dataset(store, shapes=shapes, written=check).conforms


def _without(triple):
    return [t for t in WHOLE if t != triple]


DAMAGE = {  # triples written as graphs, entailed triples, whether the union conforms
    "a record without its object": ([_without((EV, OBJECT, CN))], [], False),
    "two sources": ([[*WHOLE, (EV, SOURCE, f"<{source_iri('S3')}>")]], [], False),
    "a literal as subject": ([[*_without((EV, SUBJECT, MOU)), (EV, SUBJECT, '"MoU"')]], [], False),
    "a source that is not a source": ([[*_without((EV, SOURCE, S2)), (EV, SOURCE, CN)]], [], False),
    "a value written in another graph": (
        [WHOLE, [(EV, SOURCE, f"<{source_iri('S3')}>")]],
        [],
        False,
    ),
    "a record split over two graphs": ([WHOLE[:3], [(EV, TYPE, EVIDENCE), *WHOLE[3:]]], [], True),
    "a record typed by an entailment only": ([], [(CN, TYPE, EVIDENCE)], False),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_a_doubt_leaves_the_shape_to_the_store_with_the_same_report(inputs, case):
    pieces, entailed, conforms = DAMAGE[case]
    store, shapes, check = _built(inputs, pieces, entailed)
    from graph_builder.rdf.shacl import class_hierarchy

    assert check.verified(class_hierarchy(store)) != _evidence_shapes(shapes)
    checked = validate_dataset(store, shapes=shapes, written=check)
    assert checked.conforms is conforms
    assert checked.violations == validate_dataset(store, shapes=shapes).violations


JP = f"<{ID['country/JP']}>"  # a country of the bundled data, not a party of the MoU
STATED = (MOU, PARTY, JP)
NAMED = [(EV, TYPE, EVIDENCE), (EV, SUBJECT, MOU), (EV, PREDICATE, PARTY), (EV, OBJECT, JP)]
MARKER = f"<{AGR.statedBySources}>"
TRUE = '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'

UNSOURCED = {  # triples written as graphs, entailed triples, whether the union conforms
    "a statement without evidence": ([[STATED]], [], False),
    "its evidence in another graph": ([[STATED], [*NAMED, (EV, SOURCE, S2)]], [], True),
    "an entailed statement": ([], [STATED], False),
    "a predicate marked by a data graph": (
        [[(f"<{DCTERMS.title}>", MARKER, TRUE)]],
        [],
        False,
    ),
}


@pytest.mark.parametrize("case", sorted(UNSOURCED))
def test_a_statement_unsure_of_its_evidence_leaves_the_constraint_to_the_store(inputs, case):
    from graph_builder.rdf.shacl import class_hierarchy

    pieces, entailed, conforms = UNSOURCED[case]
    store, shapes, check = _built(inputs, pieces, entailed)
    verified = check.verified(class_hierarchy(store))
    assert not verified & _statement_sources(shapes)
    checked = validate_dataset(store, shapes=shapes, written=check)
    assert checked.conforms is conforms
    assert checked.violations == validate_dataset(store, shapes=shapes).violations


def test_a_statement_with_its_evidence_in_its_graph_is_checked_as_written(inputs):
    from graph_builder.rdf.shacl import class_hierarchy

    store, shapes, check = _built(inputs, [[STATED, *NAMED, (EV, SOURCE, S2)]])
    assert _statement_sources(shapes) <= check.verified(class_hierarchy(store))
    assert validate_dataset(store, shapes=shapes, written=check).violations == (
        validate_dataset(store, shapes=shapes).violations
    )


def test_a_record_typed_by_an_entailment_before_it_is_written_is_checked_as_written(inputs):
    """The build writes the entailments with each chunk: one may name a record that a later
    chunk writes whole."""
    from graph_builder.rdf.shacl import class_hierarchy

    store, shapes, check = _built(inputs, [WHOLE], early=[(EV, TYPE, EVIDENCE)])
    assert check.verified(class_hierarchy(store)) == _as_written(shapes)
    assert validate_dataset(store, shapes=shapes, written=check).conforms


def test_a_property_shape_another_node_shape_shares_is_left_to_the_store(inputs):
    from graph_builder.rdf.shacl import class_hierarchy

    ontology, _ = inputs
    shapes = load_shapes()
    shared = next(iter(_evidence_shapes(shapes)))
    shapes.add((URIRef("https://w3id.org/agreement-graph/shape/Source"), SH.property, shared))
    check = RecordCheck.for_ontology(shapes, ontology, classes=WHOLE_RECORDS)
    store, _, _ = _built(inputs)
    assert check.verified(class_hierarchy(store)) == _as_written(shapes) - {shared}


def test_a_changed_class_hierarchy_verifies_no_property_shape(inputs):
    _, shapes, check = _built(inputs)
    # The statements' evidence does not depend on classes.
    changed = {str(AGR.Evidence): {str(AGR.Evidence), str(AGR.Source)}}
    assert check.verified(changed) == _statement_sources(shapes)


@pytest.mark.parametrize(
    ("term", "datatype"),
    [
        (
            '"5"^^<http://www.w3.org/2001/XMLSchema#integer>',
            "<http://www.w3.org/2001/XMLSchema#integer>",
        ),
        ('"kata"@id', "<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>"),
        ('"say \\"hi\\""', "<http://www.w3.org/2001/XMLSchema#string>"),
        ("<https://example.org/x>", None),
    ],
)
def test_the_datatype_of_a_term_as_sparql_gives_it(term, datatype):
    assert datatype_of(term) == datatype


@pytest.mark.parametrize(
    ("where", "inside"),
    [
        ("{ SELECT DISTINCT ?subject ?p WHERE { ?subject ?p ?o } } ?e ?q ?subject", True),
        ("{ select ?subject where { ?subject ?p ?o } }", True),
        ("{ SELECT ?other WHERE { ?other ?p ?subject } }", False),
        ("{ SELECT * WHERE { ?subject ?p ?o } }", False),
        ("?subject ?p ?o", False),
    ],
)
def test_a_scope_variable_is_bound_inside_each_sub_select_that_projects_it(where, inside):
    """The engine evaluates a sub-SELECT before joining it: bound only outside, a scoped
    check lists every row of the store for the few nodes it wants."""
    from graph_builder.rdf.shacl_compile import _scoped

    scoped = _scoped(where, "subject", "<urn:a> <urn:b>")
    assert scoped.startswith("VALUES ?subject { <urn:a> <urn:b> } ")
    assert scoped.count("VALUES ?subject") == (2 if inside else 1)
    unbound = scoped.replace("VALUES ?subject { <urn:a> <urn:b> }", "")
    assert unbound.split() == where.split()  # nothing else changed
