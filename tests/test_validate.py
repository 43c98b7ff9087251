"""SHACL validation and the OWL 2 RL closure."""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SDO, TIME

from graph_builder.dataset import load_dataset
from graph_builder.namespaces import AGR, ID, source_graph
from graph_builder.rdf.validate import owl_rl_closure, rl_inconsistencies, validate_dataset

MOU = ID["agreement/mou-industrial-cooperation-indonesia-china-2023"]


def test_default_dataset_conforms(dataset, cli):
    report = validate_dataset(dataset)
    assert report.conforms, report.text()
    result = cli("validate")
    assert result.exit_code == 0 and "SHACL: conforms" in result.stdout


def test_agreement_with_one_party_violates(data_copy, cli):
    path = data_copy / "sources" / "s4-detikfinance.yaml"
    text = path.read_text(encoding="utf-8")
    for other in (
        "sources/s2-rakyat-merdeka.yaml",
        "sources/s3-gpriority.yaml",
        "divergences.yaml",
    ):
        (data_copy / other).unlink()
    path.write_text(text.replace("parties: [ID, KR]", "parties: [ID]"), encoding="utf-8")
    result = cli("validate", "--data", data_copy)
    assert result.exit_code == 1
    line = text.splitlines().index("    parties: [ID, KR]") + 1
    assert f"{path}:{line}: parties: an agreement has at least two parties" in result.stdout
    assert "[id:agreement/agreement-industrial-cooperation-indonesia-korea-2023]" in result.stdout
    build = cli("build", "--data", data_copy, "--out", data_copy / "out", "--no-viewer")
    assert build.exit_code == 1 and not (data_copy / "out").exists()


def test_statement_without_evidence_violates(rdf_dataset):
    from rdflib import Dataset

    from graph_builder.rdf.store import GraphStore

    broken = Dataset(default_union=True)
    for quad in rdf_dataset.quads((None, None, None, None)):
        broken.add(quad)
    broken.graph(source_graph("S3")).add((MOU, AGR.coversSector, URIRef(str(AGR) + "x")))
    report = validate_dataset(GraphStore.from_rdflib(broken))
    assert not report.conforms
    assert any("has no evidence record" in v.message for v in report.violations)


@pytest.fixture(scope="module")
def closure():
    graph = owl_rl_closure(load_dataset())
    return graph


@pytest.mark.slow  # owlrl over the whole bundled data
def test_owl_rl_closure_is_consistent(closure):
    assert rl_inconsistencies(closure) == []


EXPECTED_TYPES = [
    (MOU, AGR.Agreement),
    (MOU, PROV.Entity),
    (
        MOU,
        URIRef("https://spec.edmcouncil.org/fibo/ontology/FND/Agreements/Agreements/Agreement"),
    ),
    (
        MOU,
        URIRef(
            "http://www.estrellaproject.org/lkif-core/norm.owl#Non-binding_International_Agreement"
        ),
    ),
    (ID["body/kemenperin"], ORG.FormalOrganization),
    (ID["body/miit"], URIRef("https://schema.org/GovernmentOrganization")),
    (ID["person/ahn-dukgeun"], PROV.Person),
    (ID["signing/signing-mou-indonesia-china-2023"], PROV.Activity),
    (ID["country/KR"], PROV.Agent),
]
"""Types the ontology gives our entities by entailment (its alignments included)."""

SUPERPROPERTIES = [
    (MOU, PROV.wasGeneratedBy, ID["signing/signing-mou-indonesia-china-2023"]),
    (ID["body/kemenperin"], PROV.actedOnBehalfOf, ID["country/ID"]),
]
"""Triples the ontology entails through sub-properties."""


@pytest.mark.slow  # the owlrl closure of the whole data; the build's own entailments below
@pytest.mark.parametrize(("subject", "cls"), EXPECTED_TYPES)
def test_owl_rl_infers_expected_types(closure, subject, cls):
    assert (subject, RDF.type, cls) in closure


@pytest.mark.slow  # as above
def test_owl_rl_infers_superproperties(closure):
    for triple in SUPERPROPERTIES:
        assert triple in closure, triple


@pytest.mark.parametrize(("subject", "cls"), EXPECTED_TYPES)
def test_the_build_entails_the_expected_types(dataset, subject, cls):
    """The default build's RDFS entailments give the types owlrl's closure gives."""
    assert dataset.query(f"ASK {{ <{subject}> a <{cls}> }}")


def test_the_build_entails_the_superproperties(dataset):
    for s, p, o in SUPERPROPERTIES:
        assert dataset.query(f"ASK {{ <{s}> <{p}> <{o}> }}"), (s, p, o)


def test_every_claim_property_is_marked_for_the_evidence_check():
    """shapes.ttl checks evidence for properties marked agr:statedBySources; the loader's
    claim fields (and the properties they add, such as the term's duration) must all be."""
    from rdflib import Literal
    from rdflib.namespace import TIME

    from graph_builder.ingest.source_file import FIELDS
    from graph_builder.ontology import load_ontology
    from graph_builder.rdf.mapping import _prop

    ontology = load_ontology()
    marked = set(ontology.subjects(AGR.statedBySources, Literal(True)))
    used = {
        URIRef(_prop(spec.prop)[1:-1]) for fields in FIELDS.values() for spec in fields.values()
    }
    used |= {AGR.signatory, AGR.onBehalfOf, AGR.inCapacityOf, AGR.extendable, TIME.hasXSDDuration}
    assert used <= marked, used - marked


# ---------------------------------------------------------------- both SHACL engines agree

KOREA = ID["agreement/agreement-industrial-cooperation-indonesia-korea-2023"]
KR, CN = ID["country/KR"], ID["country/CN"]
KEMENPERIN = ID["body/kemenperin"]
S2 = ID["source/S2"]
SIGNATURE = ID["signature/signing-mou-indonesia-china-2023/jin-zhuanglong"]
TERM = ID["term/mou-industrial-cooperation-indonesia-china-2023"]


def _remove(ds, s, p, o=None):
    for quad in list(ds.quads((s, p, o, None))):
        ds.remove(quad)


def _add(ds, triple, graph="S2"):
    ds.graph(source_graph(graph)).add(triple)


def _literal(text, **kw):
    from rdflib import Literal

    return Literal(text, **kw)


BROKEN = {
    "one-party": lambda ds: _remove(ds, KOREA, AGR.hasParty, KR),
    "two-english-labels": lambda ds: _add(ds, (KR, RDFS.label, _literal("Korea", lang="en"))),
    "no-indonesian-label": lambda ds: (
        _remove(ds, KEMENPERIN, RDFS.label, None)
        or _add(ds, (KEMENPERIN, RDFS.label, _literal("Ministry of Industry", lang="en")))
    ),
    "party-not-a-country": lambda ds: _add(ds, (KOREA, AGR.hasParty, KEMENPERIN)),
    "bad-alpha2": lambda ds: (
        _remove(ds, KR, AGR.iso3166Alpha2) or _add(ds, (KR, AGR.iso3166Alpha2, _literal("kor")))
    ),
    "url-as-text": lambda ds: _add(ds, (S2, SDO.url, _literal("rm.id"))),
    "issued-as-text": lambda ds: (
        _remove(ds, S2, DCTERMS.issued) or _add(ds, (S2, DCTERMS.issued, _literal("9 Sept 2023")))
    ),
    "duration-as-text": lambda ds: _add(ds, (TERM, TIME.hasXSDDuration, _literal("five years"))),
    "two-signatories": lambda ds: _add(ds, (SIGNATURE, AGR.signatory, ID["person/ahn-dukgeun"])),
    "statement-without-evidence": lambda ds: _add(
        ds, (MOU, AGR.coversSector, URIRef(str(AGR) + "x"))
    ),
}


SPREAD = ("bad-alpha2", "one-party", "statement-without-evidence")
"""A pattern, a count and the SPARQL-based evidence constraint: the cases the fast lane
compares (pySHACL over the whole data takes seconds each); the slow lane, all."""


@pytest.mark.parametrize(
    "case", [pytest.param(c, marks=() if c in SPREAD else pytest.mark.slow) for c in sorted(BROKEN)]
)
def test_sparql_and_pyshacl_report_the_same_violations(case, rdf_dataset):
    from rdflib import Dataset

    from graph_builder.rdf.store import GraphStore

    broken = Dataset(default_union=True)
    for quad in rdf_dataset.quads((None, None, None, None)):
        broken.add(quad)
    BROKEN[case](broken)
    store = GraphStore.from_rdflib(broken)
    fast = validate_dataset(store, engine="sparql")
    reference = validate_dataset(store, engine="pyshacl")

    def key(v):
        return (v.severity, v.focus, v.path or "", v.value or "")

    assert not fast.conforms
    assert sorted(map(key, fast.violations)) == sorted(map(key, reference.violations))


def test_a_scoped_sparql_constraint_checks_only_the_focus_nodes_but_finds_them(rdf_dataset):
    """The evidence constraint has a scope variable: an incremental build checks the
    statements of the touched subjects only, and still finds a missing evidence record."""
    from rdflib import Dataset

    from graph_builder.rdf.store import GraphStore

    broken = Dataset(default_union=True)
    for quad in rdf_dataset.quads((None, None, None, None)):
        broken.add(quad)
    broken.graph(source_graph("S3")).add((MOU, AGR.coversSector, URIRef(str(AGR) + "x")))
    store = GraphStore.from_rdflib(broken)
    missing = "has no evidence record"
    found = validate_dataset(store, focus={str(MOU), str(ID["country/ID"])})
    assert [v.focus for v in found.violations if missing in v.message]
    elsewhere = validate_dataset(store, focus={str(ID["country/ID"])})
    assert not [v for v in elsewhere.violations if missing in v.message]
    # More focus nodes than one query takes at a time: the batches still cover them all.
    many = {str(s) for s in rdf_dataset.subjects() if isinstance(s, URIRef)}
    assert len(many) > 20
    assert [v for v in validate_dataset(store, focus=many).violations if missing in v.message]
