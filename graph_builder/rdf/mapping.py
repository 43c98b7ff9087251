"""Records → RDF dataset: one named graph per source, plus ontology, reference and catalog.

Graphs (IRIs in :mod:`graph_builder.namespaces`):

- ``graph:source/<ID>``: the claims of one source, each with an ``agr:Evidence`` record
  (a reified statement with ``dcterms:source``, ``agr:locator`` and ``agr:keyTerm``);
- ``graph:ontology``: the ontology and concept schemes;
- ``graph:reference``: entity types, labels and identifiers (countries from ISO 3166);
- ``graph:catalog``: the sources' citations and the divergences between sources.

IRIs are derived from ids alone, so the same input always gives the same graph.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date, datetime
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DC, DCTERMS, FOAF, ORG, RDF, RDFS, SDO, TIME, XSD
from rdflib.store import Store
from rdflib.term import Node

from graph_builder.ingest.sources import load_sources
from graph_builder.namespaces import (
    AGR,
    CATALOG_GRAPH,
    GEONAMES,
    ID,
    ONTOLOGY_GRAPH,
    REFERENCE_GRAPH,
    WD,
    bind_namespaces,
    source_graph,
)
from graph_builder.ontology import Vocabulary, load_ontology
from graph_builder.records import (
    Citation,
    Claim,
    Divergence,
    Entity,
    SourceRecord,
    SourceSet,
    Value,
)

log = logging.getLogger(__name__)

Triple = tuple[Node, Node, Node]

_KIND_CLASS = {
    "person": AGR.Person,
    "post": AGR.Post,
    "signing": AGR.SigningEvent,
    "event": AGR.Event,
    "place": AGR.Place,
}


def entity_iri(kind: str, ref: str) -> URIRef:
    """The IRI of an entity of *kind* (``body``, ``country``, ...) with id *ref*."""
    return ID[f"{kind}/{ref}"]


def source_iri(source_id: str) -> URIRef:
    """The IRI of a source document."""
    return ID[f"source/{source_id}"]


def _term(value: Value) -> URIRef:
    if value.kind == "concept":
        return URIRef(value.value)
    return entity_iri(value.kind, value.value)


def _prop(name: str) -> URIRef:
    if name.startswith("org:"):
        return ORG[name[4:]]
    return AGR[name]


def new_dataset(store: str | Store = "default") -> Dataset:
    """An empty dataset whose default graph is the union of its named graphs.

    The one place a store is chosen: any rdflib store plugin name or instance (for example
    oxrdflib's ``"Oxigraph"``) can stand in for the in-memory default.
    """
    return bind_namespaces(Dataset(store=store, default_union=True))


def build_dataset(
    sources: SourceSet, *, ontology: Graph, store: str | Store = "default"
) -> Dataset:
    """The RDF dataset for *sources*, with *ontology* in its own named graph."""
    dataset = new_dataset(store)
    ontology_graph = dataset.graph(ONTOLOGY_GRAPH)
    for triple in ontology:
        ontology_graph.add(triple)
    _add_reference(dataset.graph(REFERENCE_GRAPH), sources)
    catalog = dataset.graph(CATALOG_GRAPH)
    for record in sources.sources:
        _add_citation(catalog, record)
        graph = dataset.graph(source_graph(record.citation.id))
        for claim in record.claims:
            _add_claim(graph, record.citation, claim, sources)
    for divergence in sources.divergences:
        _add_divergence(catalog, divergence)
    log.info("built %d quads from %d sources", len(dataset), len(sources.sources))
    return dataset


def load_dataset(data_dir: Path | None = None, *, ontology_dir: Path | None = None) -> Dataset:
    """Load, check and build the dataset of *data_dir* (default: the bundled ``data/``)."""
    from graph_builder import resources

    ontology = load_ontology(ontology_dir)
    records = load_sources(
        data_dir or resources.data_dir(), vocabulary=Vocabulary.from_graph(ontology)
    )
    return build_dataset(records, ontology=ontology)


# ---------------------------------------------------------------- reference graph


def _labels(graph: Graph, subject: URIRef, labels: dict[str, str]) -> None:
    for lang, text in labels.items():
        graph.add((subject, RDFS.label, Literal(text, lang=lang)))


def _add_reference(graph: Graph, sources: SourceSet) -> None:
    for entity in sources.entities.values():
        _add_entity(graph, entity)
    for code, country in sorted(sources.countries.items()):
        iri = entity_iri("country", code)
        graph.add((iri, RDF.type, AGR.Country))
        _labels(graph, iri, country.names)
        for lang, name in country.official_names.items():
            graph.add((iri, SDO.alternateName, Literal(name, lang=lang)))
        graph.add((iri, AGR.iso3166Alpha2, Literal(country.alpha_2)))
        graph.add((iri, AGR.iso3166Alpha3, Literal(country.alpha_3)))
        graph.add((iri, AGR.iso3166Numeric, Literal(country.numeric)))
        if "wikidata" in country.identifiers:
            graph.add((iri, SDO.sameAs, WD[country.identifiers["wikidata"]]))
        if "geonames" in country.identifiers:
            graph.add((iri, SDO.sameAs, GEONAMES[country.identifiers["geonames"] + "/"]))


def _add_entity(graph: Graph, entity: Entity) -> None:
    iri = entity_iri(entity.kind, entity.id)
    rdf_class = AGR[entity.type] if entity.type else _KIND_CLASS[entity.kind]
    graph.add((iri, RDF.type, rdf_class))
    _labels(graph, iri, entity.labels)
    for lang, abbr in entity.abbreviations.items():
        graph.add((iri, AGR.abbreviation, Literal(abbr, lang=lang)))
    if entity.name:
        graph.add((iri, FOAF.name, Literal(entity.name)))
    if entity.post_in:
        graph.add((iri, ORG.postIn, entity_iri("body", entity.post_in)))


# ---------------------------------------------------------------- catalog graph


def _date_literal(value: date | datetime) -> Literal:
    if isinstance(value, datetime):
        return Literal(value.isoformat(), datatype=XSD.dateTime)
    return Literal(value.isoformat(), datatype=XSD.date)


def _add_citation(graph: Graph, record: SourceRecord) -> None:
    c = record.citation
    iri = source_iri(c.id)
    graph.add((iri, RDF.type, AGR[c.type]))
    _labels(graph, iri, c.labels)
    graph.add((iri, DCTERMS.identifier, Literal(c.id)))
    graph.add((iri, DCTERMS.language, Literal(c.language, datatype=XSD.language)))
    graph.add((source_graph(c.id), DCTERMS.source, iri))
    if c.title:
        graph.add((iri, DCTERMS.title, Literal(c.title, lang=c.language)))
    if c.publisher:
        graph.add((iri, DC.publisher, Literal(c.publisher)))
    for name in c.authors:
        graph.add((iri, DC.creator, Literal(name)))
    for name in c.editors:
        graph.add((iri, DC.contributor, Literal(name)))
    for url in c.urls:
        graph.add((iri, SDO.url, URIRef(url)))
    if c.issued:
        graph.add((iri, DCTERMS.issued, _date_literal(c.issued)))
    if c.dateline:
        graph.add((iri, AGR.dateline, Literal(c.dateline)))
    if c.cites_site:
        graph.add((iri, AGR.citesSite, Literal(c.cites_site)))
    if c.cited_date:
        graph.add((iri, AGR.citedReleaseDate, _date_literal(c.cited_date)))


def _add_divergence(graph: Graph, divergence: Divergence) -> None:
    iri = ID[f"divergence/{divergence.id}"]
    graph.add((iri, RDF.type, AGR.Divergence))
    _labels(graph, iri, divergence.labels)
    for value in divergence.concerns:
        graph.add((iri, AGR.concerns, _term(value)))
    for n, (says, source_ids) in enumerate(divergence.sides, start=1):
        side = ID[f"divergence/{divergence.id}/side-{n}"]
        graph.add((iri, AGR.hasSide, side))
        graph.add((side, RDF.type, AGR.DivergenceSide))
        _labels(graph, side, says)
        for source_id in source_ids:
            graph.add((side, DCTERMS.source, source_iri(source_id)))


# ---------------------------------------------------------------- source graphs


def _add_claim(graph: Graph, citation: Citation, claim: Claim, sources: SourceSet) -> None:
    subject = _term(claim.subject)
    for s, p, o in _claim_triples(subject, claim, sources):
        graph.add((s, p, o))
        _add_evidence(graph, citation, (s, p, o), claim)


def _claim_triples(subject: URIRef, claim: Claim, sources: SourceSet) -> list[Triple]:
    prop, value = _prop(claim.prop), claim.value
    if value.kind == "date":
        return [(subject, prop, _date_literal(value.value))]
    if value.kind == "text":
        return [(subject, prop, Literal(value.value))]
    if value.kind == "term":
        years, extendable = value.value
        term = ID[f"term/{claim.subject.value}"]
        label = _entity_labels(claim.subject, sources)
        return [
            (subject, prop, term),
            (term, RDF.type, AGR.Term),
            (term, RDFS.label, Literal(f"term of {label['en']}", lang="en")),
            (term, RDFS.label, Literal(f"jangka waktu {label['id']}", lang="id")),
            (term, TIME.hasXSDDuration, Literal(f"P{years}Y", datatype=XSD.duration)),
            (term, AGR.extendable, Literal(extendable)),
        ]
    if value.kind == "signature":
        person, body, post = value.value
        signature = ID[f"signature/{claim.subject.value}/{person}"]
        who = sources.entities[person].labels["en"]
        triples: list[Triple] = [
            (subject, prop, signature),
            (signature, RDF.type, AGR.Signature),
            (signature, RDFS.label, Literal(f"signature of {who}", lang="en")),
            (signature, RDFS.label, Literal(f"tanda tangan {who}", lang="id")),
            (signature, AGR.signatory, entity_iri("person", person)),
        ]
        if body:
            triples.append((signature, AGR.onBehalfOf, entity_iri("body", body)))
        if post:
            triples.append((signature, AGR.inCapacityOf, entity_iri("post", post)))
        return triples
    return [(subject, prop, _term(value))]


def _entity_labels(value: Value, sources: SourceSet) -> dict[str, str]:
    if value.kind == "country":
        return sources.countries[value.value].names
    return sources.entities[value.value].labels


def evidence_iri(source_id: str, triple: Triple, locator: str | None = None) -> URIRef:
    """The IRI of the evidence record for *triple* as stated by *source_id* at *locator*."""
    key = " ".join(term.n3() for term in triple) + f" @{locator or ''}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return ID[f"evidence/{source_id}/{digest}"]


def _add_evidence(graph: Graph, citation: Citation, triple: Triple, claim: Claim) -> None:
    s, p, o = triple
    ev = evidence_iri(citation.id, triple, claim.locator)
    graph.add((ev, RDF.type, AGR.Evidence))
    graph.add((ev, RDF.subject, s))
    graph.add((ev, RDF.predicate, p))
    graph.add((ev, RDF.object, o))
    graph.add((ev, DCTERMS.source, source_iri(citation.id)))
    if claim.locator:
        graph.add((ev, AGR.locator, Literal(claim.locator)))
    if claim.says:
        graph.add((ev, AGR.keyTerm, Literal(claim.says, lang=citation.language)))
