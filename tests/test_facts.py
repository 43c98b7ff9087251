"""Every statement of docs/sources.md is in the graph, in the named graph of each source that makes it.

Each row: the sources that state it, then subject, property, object (CURIEs, or a literal).
Where docs/sources.md attributes a statement to sources, the row asserts it for exactly those
sources: present in their graphs and absent from the others.
"""

from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import XSD

from graph_builder.namespaces import source_graph

from .conftest import curie

COOP = "id:agreement/industrial-cooperation-indonesia-china-korea-2023"
MOU = "id:agreement/mou-industrial-cooperation-indonesia-china-2023"
KOREA = "id:agreement/agreement-industrial-cooperation-indonesia-korea-2023"
SIGN_CN = "id:signing/signing-mou-indonesia-china-2023"
SIGN_KR = "id:signing/signing-agreement-indonesia-korea-2023"
SIG = "id:signature/"
ALL = ("S1", "S2", "S3", "S4")
DATE = Literal("2023-09-08", datatype=XSD.date)

FACTS = [
    # S1: one cooperation, three governments, through Kemenperin
    (("S1",), COOP, "agr:hasParty", "id:country/ID"),
    (("S1",), COOP, "agr:hasParty", "id:country/CN"),
    (("S1",), COOP, "agr:hasParty", "id:country/KR"),
    (("S1",), COOP, "agr:actingBody", "id:body/kemenperin"),
    (("S1",), COOP, "agr:pursuesObjective", "objective:strengthen-industrial-cooperation"),
    (("S1",), COOP, "agr:pursuesObjective", "objective:exchange-of-technology-policy-practice"),
    # S1 ¶4 aspects
    (("S1",), COOP, "agr:includesActivity", "activity:policy-and-regulation"),
    (("S1",), COOP, "agr:coversSector", "sector:aircraft-raw-materials"),
    (("S1",), COOP, "agr:coversSector", "sector:solar-photovoltaic"),
    (("S1",), COOP, "agr:coversSector", "sector:electronic-components"),
    (("S1",), COOP, "agr:coversSector", "sector:household-appliances"),
    (("S1",), COOP, "agr:coversSector", "sector:shipbuilding"),
    (("S1",), COOP, "agr:coversSector", "sector:small-and-medium-industries"),
    # S1 ¶7–¶10 scope areas
    (("S1",), COOP, "agr:includesActivity", "activity:regulation-drafting"),
    (("S1",), COOP, "agr:includesActivity", "activity:human-resource-development"),
    (("S1",), COOP, "agr:includesActivity", "activity:capacity-building"),
    (("S1",), COOP, "agr:includesActivity", "activity:education"),
    (("S1",), COOP, "agr:includesActivity", "activity:training"),
    (("S1",), COOP, "agr:includesActivity", "activity:academic-research"),
    (("S1",), COOP, "agr:includesActivity", "activity:knowledge-sharing"),
    (("S1",), COOP, "agr:includesActivity", "activity:research-and-education-exchange"),
    (("S1",), COOP, "agr:involvesInstitutionType", "institution:research-centre"),
    (("S1",), COOP, "agr:involvesInstitutionType", "institution:think-tank"),
    (("S1",), COOP, "agr:involvesInstitutionType", "institution:consultancy"),
    (("S1",), COOP, "agr:involvesInstitutionType", "institution:industry"),
    (("S1",), COOP, "agr:involvesInstitutionType", "institution:education-institution"),
    (("S1",), COOP, "agr:pursuesObjective", "objective:technological-breakthroughs"),
    (("S1",), COOP, "agr:includesActivity", "activity:industrial-estate-development"),
    (("S1",), COOP, "agr:includesActivity", "activity:industrial-symbiosis-assistance"),
    (("S1",), COOP, "agr:includesActivity", "activity:technology-environment-standards"),
    (("S1",), COOP, "agr:includesActivity", "activity:joint-strategic-projects"),
    # S1 objectives ¶5, ¶11–¶13
    (("S1",), COOP, "agr:pursuesObjective", "objective:even-economic-impact"),
    (("S1",), COOP, "agr:pursuesObjective", "objective:stronger-sustainable-industrial-future"),
    (("S1",), COOP, "agr:pursuesObjective", "objective:faster-economic-technological-growth"),
    (("S1",), COOP, "agr:pursuesObjective", "objective:global-competitiveness"),
    (("S1",), COOP, "agr:pursuesObjective", "objective:green-industrial-development"),
    (("S1",), COOP, "agr:pursuesObjective", "objective:cross-border-industrial-cooperation"),
    (("S1",), COOP, "agr:pursuesObjective", "objective:inclusive-economic-growth"),
    (("S1",), COOP, "agr:pursuesObjective", "objective:new-opportunities-for-industry"),
    # the entities: Kemenperin acts for Indonesia in every source
    (ALL, "id:body/kemenperin", "agr:actsFor", "id:country/ID"),
    (("S2", "S3", "S4"), "id:body/miit", "agr:actsFor", "id:country/CN"),
    (("S3", "S4"), "id:body/motie", "agr:actsFor", "id:country/KR"),
    (
        ("S2", "S3", "S4"),
        "id:person/agus-gumiwang-kartasasmita",
        "org:holds",
        "id:post/minister-of-industry-indonesia",
    ),
    (
        ("S2", "S3"),
        "id:person/jin-zhuanglong",
        "org:holds",
        "id:post/minister-of-industry-and-information-technology-china",
    ),
    (("S2",), "id:person/ahn-dukgeun", "org:holds", "id:post/trade-minister-korea"),
    (("S2", "S3"), "id:person/jin-zhuanglong", "agr:nameInSource", Literal("Jin Zhuanglong")),
    (("S4",), "id:person/jin-zhuanglong", "agr:nameInSource", Literal("Jin Zhualong")),
    # the two instruments
    (("S2", "S3", "S4"), MOU, "agr:hasParty", "id:country/ID"),
    (("S2", "S3", "S4"), MOU, "agr:hasParty", "id:country/CN"),
    (("S2", "S3", "S4"), MOU, "agr:actingBody", "id:body/kemenperin"),
    (("S2", "S3", "S4"), MOU, "agr:actingBody", "id:body/miit"),
    (("S2", "S3", "S4"), MOU, "agr:signedIn", SIGN_CN),
    (("S2", "S3", "S4"), MOU, "agr:pursuesObjective", "objective:manufacturing-cooperation"),
    (
        ("S2", "S3", "S4"),
        MOU,
        "agr:hasTerm",
        "id:term/mou-industrial-cooperation-indonesia-china-2023",
    ),
    (
        ("S2", "S3", "S4"),
        "id:term/mou-industrial-cooperation-indonesia-china-2023",
        "time:hasXSDDuration",
        Literal("P5Y", datatype=XSD.duration),
    ),
    (
        ("S2", "S3", "S4"),
        "id:term/mou-industrial-cooperation-indonesia-china-2023",
        "agr:extendable",
        Literal(True),
    ),
    *[
        (("S2", "S3", "S4"), MOU, "agr:coversSector", f"sector:{s}")
        for s in (
            "aircraft-raw-materials",
            "solar-photovoltaic",
            "electronic-components",
            "household-appliances",
            "shipbuilding",
            "small-and-medium-industries",
        )
    ],
    (("S2", "S3", "S4"), MOU, "agr:includesActivity", "activity:policy-and-regulation"),
    (("S2", "S3", "S4"), MOU, "agr:includesActivity", "activity:industrial-estate-development"),
    *[
        (("S2", "S4"), MOU, "agr:includesActivity", f"activity:{a}")
        for a in (
            "joint-projects",
            "human-resource-development",
            "capacity-building",
            "education",
            "training",
            "academic-research",
            "knowledge-sharing",
            "research-centre-exchange",
        )
    ],
    *[
        (("S4",), MOU, "agr:includesActivity", f"activity:{a}")
        for a in (
            "industrial-symbiosis-assistance",
            "technology-environment-standards",
            "joint-strategic-projects",
        )
    ],
    (("S2", "S3", "S4"), KOREA, "agr:hasParty", "id:country/ID"),
    (("S2", "S3", "S4"), KOREA, "agr:hasParty", "id:country/KR"),
    (("S2", "S3", "S4"), KOREA, "agr:actingBody", "id:body/kemenperin"),
    (("S3", "S4"), KOREA, "agr:actingBody", "id:body/motie"),
    (("S2", "S3", "S4"), KOREA, "agr:signedIn", SIGN_KR),
    *[
        (("S2", "S3"), KOREA, "agr:includesActivity", f"activity:{a}")
        for a in (
            "bilateral-cooperation-analysis",
            "industry-and-estate-investment",
            "joint-investment-projects",
            "technology-market-information-exchange",
            "technological-innovation",
            "joint-technical-projects",
            "manufacturing-technology-capacity",
        )
    ],
    (("S2", "S3"), KOREA, "agr:pursuesObjective", "objective:productivity-and-competitiveness"),
    (("S2",), KOREA, "agr:includesActivity", "activity:other-agreed-areas"),
    # the signings
    (("S2", "S3", "S4"), SIGN_CN, "agr:date", DATE),
    (("S2", "S3", "S4"), SIGN_KR, "agr:date", DATE),
    (("S2",), SIGN_CN, "agr:place", "id:place/jakarta"),
    (("S2",), SIGN_KR, "agr:place", "id:place/jakarta"),
    (("S3",), SIGN_CN, "agr:place", "id:place/istana-negara"),
    (("S3",), SIGN_KR, "agr:place", "id:place/istana-negara"),
    (("S3", "S4"), SIGN_CN, "agr:duringEvent", "id:event/asean-summit-43-bilateral-meetings"),
    (("S3", "S4"), SIGN_KR, "agr:duringEvent", "id:event/asean-summit-43-bilateral-meetings"),
    (("S2",), SIGN_KR, "agr:duringEvent", "id:event/bilateral-meeting-indonesia-korea-2023"),
    (
        ("S3", "S4"),
        "id:event/asean-summit-43-bilateral-meetings",
        "agr:duringEvent",
        "id:event/asean-summit-43",
    ),
    (("S3", "S4"), "id:event/asean-summit-43", "agr:place", "id:place/jakarta"),
    (
        ("S3", "S4"),
        "id:event/asean-summit-43",
        "agr:startDate",
        Literal("2023-09-05", datatype=XSD.date),
    ),
    (
        ("S3", "S4"),
        "id:event/asean-summit-43",
        "agr:endDate",
        Literal("2023-09-07", datatype=XSD.date),
    ),
    (
        ("S2", "S3", "S4"),
        f"{SIG}signing-mou-indonesia-china-2023/agus-gumiwang-kartasasmita",
        "agr:onBehalfOf",
        "id:body/kemenperin",
    ),
    (
        ("S2", "S3", "S4"),
        f"{SIG}signing-mou-indonesia-china-2023/jin-zhuanglong",
        "agr:onBehalfOf",
        "id:body/miit",
    ),
    (
        ("S2", "S3", "S4"),
        f"{SIG}signing-agreement-indonesia-korea-2023/agus-gumiwang-kartasasmita",
        "agr:signatory",
        "id:person/agus-gumiwang-kartasasmita",
    ),
    (
        ("S2", "S3", "S4"),
        f"{SIG}signing-agreement-indonesia-korea-2023/ahn-dukgeun",
        "agr:signatory",
        "id:person/ahn-dukgeun",
    ),
    (
        ("S3", "S4"),
        f"{SIG}signing-agreement-indonesia-korea-2023/ahn-dukgeun",
        "agr:onBehalfOf",
        "id:body/motie",
    ),
    (
        ("S2",),
        f"{SIG}signing-agreement-indonesia-korea-2023/ahn-dukgeun",
        "agr:inCapacityOf",
        "id:post/trade-minister-korea",
    ),
]


def _term(value):
    return value if isinstance(value, Literal) else curie(value)


@pytest.mark.parametrize(("sources", "s", "p", "o"), FACTS, ids=lambda v: str(v)[-40:])
def test_fact_is_stated_by_exactly_its_sources(rdf_dataset, sources, s, p, o):
    triple = (curie(s), curie(p), _term(o))
    stated_by = {sid for sid in ALL if triple in rdf_dataset.graph(source_graph(sid))}
    assert stated_by == set(sources)


@pytest.mark.parametrize(("sources", "s", "p", "o"), FACTS[:5], ids=lambda v: str(v)[-40:])
def test_each_fact_has_evidence_naming_its_source(rdf_dataset, sources, s, p, o):
    rows = rdf_dataset.query(
        """SELECT ?id WHERE { ?ev a agr:Evidence ; rdf:subject ?s ; rdf:predicate ?p ;
               rdf:object ?o ; dcterms:source/dcterms:identifier ?id }""",
        initBindings={"s": curie(s), "p": curie(p), "o": _term(o)},
    )
    assert {str(r.id) for r in rows} == set(sources)


def test_every_triple_in_a_source_graph_has_evidence(rdf_dataset):
    rows = list(
        rdf_dataset.query(
            """SELECT ?g ?s ?p ?o WHERE {
                 GRAPH ?g { ?s ?p ?o }
                 FILTER (STRSTARTS(STR(?g), "https://w3id.org/agreement-graph/graph/source/"))
                 FILTER NOT EXISTS { GRAPH ?g { ?s a <https://w3id.org/agreement-graph/ontology#Evidence> } }
                 FILTER NOT EXISTS { GRAPH ?g { ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } }
               }"""
        )
    )
    assert rows == []


def test_s1_key_terms_are_recorded_with_paragraphs(rdf_dataset):
    rows = rdf_dataset.query(
        """SELECT ?loc ?term WHERE { ?ev rdf:subject ?s ; rdf:predicate agr:coversSector ;
               rdf:object sector:shipbuilding ; dcterms:source <https://w3id.org/agreement-graph/id/source/S1> ;
               agr:locator ?loc ; agr:keyTerm ?term }""",
        initBindings={"s": curie(COOP)},
    )
    assert [(str(r.loc), str(r.term), r.term.language) for r in rows] == [
        ("¶4", "industri perkapalan", "id")
    ]


def test_nothing_no_source_states(rdf_dataset):
    """No term for the Korea agreement, no MOTIE link in S2, no instrument links."""
    korea_term = list(rdf_dataset.triples((curie(KOREA), curie("agr:hasTerm"), None)))
    assert korea_term == []
    assert (curie("id:body/motie"), None, None) not in rdf_dataset.graph(source_graph("S2"))
    assert list(rdf_dataset.triples((None, curie("agr:hasInstrument"), None))) == []


def test_wikidata_and_geonames_only_where_facts_give_them(rdf_dataset):
    from rdflib.namespace import SDO

    same = {(str(s).rsplit("/", 1)[-1], str(o)) for s, o in rdf_dataset.subject_objects(SDO.sameAs)}
    assert same == {
        ("ID", "http://www.wikidata.org/entity/Q252"),
        ("CN", "http://www.wikidata.org/entity/Q148"),
        ("KR", "http://www.wikidata.org/entity/Q884"),
        ("ID", "https://sws.geonames.org/1643084/"),
        ("CN", "https://sws.geonames.org/1814991/"),
        ("KR", "https://sws.geonames.org/1835841/"),
    }
