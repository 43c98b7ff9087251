"""Every statement of docs/sources.md is in the graph, in the named graph of each source that makes it.

Each row: the sources that state it, then subject, property, object (CURIEs, or a literal).
Where docs/sources.md attributes a statement to sources, the row asserts it for exactly those
sources: present in their graphs and absent from the others.
"""

from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import RDF, XSD

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


def _date(text):
    return Literal(text, datatype=XSD.date)


# The sources added for 2015–2025, S5–S30 (docs/sources.md, "Agreements 2015–2025").
DZ = "id:agreement/mou-industrial-cooperation-indonesia-algeria-2016"
SIGN_DZ = "id:signing/signing-mou-indonesia-algeria-2016"
KR17 = "id:agreement/mou-industrial-cooperation-indonesia-korea-2017"
SIGN_KR17 = "id:signing/signing-mou-indonesia-korea-2017"
SG = "id:agreement/mou-industry-4-0-indonesia-singapore-2018"
SIGN_SG = "id:signing/signing-mou-indonesia-singapore-2018"
IJEPA = "id:agreement/ijepa"
MIDEC = "id:agreement/new-midec"
MIDEC_DOC = "id:agreement/new-midec-framework-indonesia-japan-2019"
SIGN_MIDEC = "id:signing/signing-new-midec-framework-2019"
UAE = "id:agreement/mou-industrial-cooperation-indonesia-uae-2019"
SIGN_UAE = "id:signing/signing-mou-indonesia-uae-2019"
JDOI = "id:agreement/jdoi-quality-infrastructure-indonesia-germany-2021"
SIGN_JDOI = "id:signing/signing-jdoi-indonesia-germany-2021"
TR = "id:agreement/mou-industrial-cooperation-indonesia-turkey-2025"
SIGN_TR = "id:signing/signing-msp-indonesia-turkey-2025"
GEIPP = "id:agreement/geipp"
GEIPP1 = "id:agreement/geipp-indonesia-phase-1"
GEIPP2 = "id:agreement/geipp-indonesia-phase-2"
UNIDO = "id:organisation/unido"
CP16 = "id:agreement/unido-country-programme-indonesia-2016-2020"
CP18 = "id:agreement/amendment-unido-country-programme-indonesia-2018"
CP21 = "id:agreement/unido-country-programme-indonesia-2021-2025"
SIGN_CP16 = "id:signing/signing-unido-country-programme-2016"
SIGN_CP18 = "id:signing/signing-amendment-unido-country-programme-2018"

GROWN = [
    # Algeria, 2016: S5 and S30 date it; S7 says "August 4" without a year
    (("S5", "S6", "S7", "S8", "S30"), DZ, "agr:hasParty", "id:country/DZ"),
    (("S5", "S6", "S7", "S8", "S30"), DZ, "agr:coversSector", "sector:textiles"),
    (("S5", "S6", "S30"), DZ, "agr:actingBody", "id:body/ministry-of-industry-and-mines-algeria"),
    (("S8",), DZ, "agr:coversSector", "sector:steel"),
    (("S5", "S7", "S8", "S30"), DZ, "agr:signedIn", SIGN_DZ),
    (("S5", "S30"), SIGN_DZ, "agr:date", _date("2016-08-03")),
    (("S5", "S7", "S8", "S30"), SIGN_DZ, "agr:place", "id:place/jakarta"),
    (("S7",), SIGN_DZ, "agr:duringEvent", "id:event/wief-12"),
    # Korea, 2017
    (("S9", "S10", "S11"), KR17, "agr:hasParty", "id:country/KR"),
    (("S9",), KR17, "agr:actingBody", "id:body/motie"),
    (("S3", "S4", "S9"), "id:body/motie", "agr:actsFor", "id:country/KR"),
    (("S9",), SIGN_KR17, "agr:date", _date("2017-11-09")),
    (("S9", "S10"), SIGN_KR17, "agr:place", "id:place/bogor-presidential-palace"),
    (
        ("S9", "S10"),
        f"{SIG}signing-mou-indonesia-korea-2017/paik-un-gyu",
        "agr:onBehalfOf",
        "id:body/motie",
    ),
    # Singapore, 2018: two agencies, not the ministries, act
    (("S12", "S13"), SG, "agr:actingBody", "id:body/bppi"),
    (("S12", "S13"), SG, "agr:actingBody", "id:body/enterprise-singapore"),
    (("S12", "S13"), SIGN_SG, "agr:duringEvent", "id:event/imf-world-bank-annual-meetings-2018"),
    (("S13",), SIGN_SG, "agr:place", "id:place/bali"),
    # Japan: IJEPA > New MIDEC > the 2019 framework document
    (("S14",), IJEPA, "agr:hasInstrument", MIDEC),
    (("S14", "S29"), MIDEC, "agr:hasInstrument", MIDEC_DOC),
    (("S14", "S15", "S29"), MIDEC_DOC, "agr:actingBody", "id:body/meti"),
    (("S16", "S17"), MIDEC, "agr:actingBody", "id:body/meti"),
    (("S29",), SIGN_MIDEC, "agr:date", _date("2019-06-27")),
    (("S14", "S15", "S29"), SIGN_MIDEC, "agr:place", "id:place/osaka"),
    (("S14", "S16", "S17", "S29"), MIDEC, "agr:coversSector", "sector:food-and-beverage"),
    (("S14", "S29"), MIDEC, "agr:pursuesObjective", "objective:green-industrial-development"),
    # United Arab Emirates, 2019
    (("S18", "S19"), UAE, "agr:hasParty", "id:country/AE"),
    (("S18", "S19"), SIGN_UAE, "agr:place", "id:place/bogor-presidential-palace"),
    (
        ("S18", "S19"),
        f"{SIG}signing-mou-indonesia-uae-2019/suhail-al-mazrouei",
        "agr:onBehalfOf",
        "id:body/ministry-of-energy-and-industry-uae",
    ),
    # Germany, 2021
    (("S20", "S21"), JDOI, "agr:hasParty", "id:country/DE"),
    (("S20",), JDOI, "agr:actingBody", "id:body/bskji"),
    (("S20", "S21"), JDOI, "agr:includesActivity", "activity:standards-and-certification"),
    (("S20",), SIGN_JDOI, "agr:date", _date("2021-04-12")),
    (("S20",), SIGN_JDOI, "agr:duringEvent", "id:event/hannover-messe-2021"),
    # Türkiye: S23 and S24 date the same signing a year apart
    (("S22", "S23", "S24"), TR, "agr:hasParty", "id:country/TR"),
    (("S22", "S23", "S24"), TR, "agr:coversSector", "sector:halal-industry"),
    (("S23",), SIGN_TR, "agr:date", _date("2025-02-12")),
    (("S24",), SIGN_TR, "agr:date", _date("2024-02-12")),
    (("S22", "S23", "S24"), SIGN_TR, "agr:place", "id:place/bogor"),
    # GEIPP: a programme of several countries, carried out in Indonesia in two phases
    *[
        (("S25", "S26"), GEIPP, "agr:hasParty", f"id:country/{code}")
        for code in ("PE", "CO", "VN", "UA", "EG", "ID", "CH")
    ],
    (("S25", "S26"), GEIPP, "agr:actingBody", "id:body/seco"),
    (("S25", "S26", "S28"), GEIPP, "agr:hasInstrument", GEIPP1),
    (("S28",), GEIPP, "agr:hasInstrument", GEIPP2),
    (("S25", "S26", "S27", "S28"), GEIPP1, "agr:hasParty", "id:country/ID"),
    (("S27",), GEIPP1, "agr:hasParty", "id:country/CH"),
    (("S25", "S26", "S27"), GEIPP1, "agr:includesActivity", "activity:eco-industrial-parks"),
    (("S28",), GEIPP2, "agr:hasParty", "id:country/CH"),
    (("S28",), GEIPP2, "agr:pursuesObjective", "objective:emission-reduction"),
    (("S25", "S26", "S27", "S28"), "id:body/seco", "agr:actsFor", "id:country/CH"),
    # UNIDO, an international organisation, is a party to its country programmes and GEIPP
    (("S26",), GEIPP, "agr:hasParty", UNIDO),
    (("S26",), GEIPP1, "agr:hasParty", UNIDO),
    (("S31", "S32", "S33"), CP16, "agr:hasParty", UNIDO),
    (("S31", "S32", "S33"), CP16, "agr:hasParty", "id:country/ID"),
    (("S31", "S32", "S33"), CP16, "agr:actingBody", "id:body/kemenperin"),
    (("S31", "S33"), SIGN_CP16, "agr:date", _date("2016-05-16")),
    (("S31",), SIGN_CP16, "agr:place", "id:place/jakarta"),
    (
        ("S31",),
        f"{SIG}signing-unido-country-programme-2016/li-yong",
        "agr:inCapacityOf",
        "id:post/director-general-of-unido",
    ),
    (
        ("S31", "S33"),
        f"{SIG}signing-unido-country-programme-2016/saleh-husin",
        "agr:onBehalfOf",
        "id:body/kemenperin",
    ),
    (("S34",), CP18, "agr:hasParty", UNIDO),
    (("S34",), CP18, "agr:signedIn", SIGN_CP18),
    (
        ("S34",),
        f"{SIG}signing-amendment-unido-country-programme-2018/airlangga-hartarto",
        "agr:inCapacityOf",
        "id:post/minister-of-industry-indonesia",
    ),
    (("S35", "S36"), CP21, "agr:hasParty", UNIDO),
    (("S35",), CP21, "agr:hasInstrument", GEIPP1),
    (("S35", "S36"), CP21, "agr:pursuesObjective", "objective:green-industrial-development"),
]


def _term(value):
    return value if isinstance(value, Literal) else curie(value)


def _bundled_sources(rdf_dataset):
    prefix = str(source_graph(""))
    names = (str(g.identifier) for g in rdf_dataset.graphs())
    return {name[len(prefix) :] for name in names if name.startswith(prefix)}


@pytest.mark.parametrize(("sources", "s", "p", "o"), FACTS, ids=lambda v: str(v)[-40:])
def test_fact_is_stated_by_exactly_its_sources(rdf_dataset, sources, s, p, o):
    """Among S1–S4, the four sources of September 2023, exactly these state it."""
    triple = (curie(s), curie(p), _term(o))
    stated_by = {sid for sid in ALL if triple in rdf_dataset.graph(source_graph(sid))}
    assert stated_by == set(sources)


@pytest.mark.parametrize(("sources", "s", "p", "o"), GROWN, ids=lambda v: str(v)[-40:])
def test_grown_fact_is_stated_by_exactly_its_sources(rdf_dataset, sources, s, p, o):
    """Among all bundled sources, exactly these state it."""
    triple = (curie(s), curie(p), _term(o))
    graphs = {sid: rdf_dataset.graph(source_graph(sid)) for sid in _bundled_sources(rdf_dataset)}
    assert {sid for sid, graph in graphs.items() if triple in graph} == set(sources)


@pytest.mark.parametrize(("sources", "s", "p", "o"), FACTS[:5], ids=lambda v: str(v)[-40:])
def test_each_fact_has_evidence_naming_its_source(rdf_dataset, sources, s, p, o):
    rows = rdf_dataset.query(
        """SELECT ?id WHERE { ?ev a agr:Evidence ; rdf:subject ?s ; rdf:predicate ?p ;
               rdf:object ?o ; dcterms:source/dcterms:identifier ?id }""",
        initBindings={"s": curie(s), "p": curie(p), "o": _term(o)},
    )
    assert {str(r.id) for r in rows} == set(sources)


def test_every_triple_in_a_source_graph_has_evidence(dataset):
    """Asked of the engine (rdflib's evaluator takes seconds over this NOT EXISTS)."""
    rows = list(
        dataset.select(
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


def test_unido_is_an_international_organisation_not_a_country(rdf_dataset):
    """UNIDO is a party in its own right: typed as an organisation, with no country code and
    no country it acts for; the 2021 programme was launched, not signed."""
    unido = curie(UNIDO)
    assert (unido, RDF.type, curie("agr:InternationalOrganisation")) in rdf_dataset
    assert (unido, RDF.type, curie("agr:Country")) not in rdf_dataset
    assert (unido, curie("agr:iso3166Alpha2"), None) not in rdf_dataset
    assert (unido, curie("agr:actsFor"), None) not in rdf_dataset
    assert (curie(CP21), curie("agr:signedIn"), None) not in rdf_dataset


def test_nothing_no_source_states(rdf_dataset):
    """No term for the Korea agreement, no MOTIE link in S2, no instrument links in S1–S4."""
    korea_term = list(rdf_dataset.triples((curie(KOREA), curie("agr:hasTerm"), None)))
    assert korea_term == []
    assert (curie("id:body/motie"), None, None) not in rdf_dataset.graph(source_graph("S2"))
    for sid in ALL:
        graph = rdf_dataset.graph(source_graph(sid))
        assert list(graph.triples((None, curie("agr:hasInstrument"), None))) == []


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
