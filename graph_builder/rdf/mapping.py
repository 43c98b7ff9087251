"""Records → quads: one named graph per source, plus ontology, reference and catalog.

Graphs (IRIs in :mod:`graph_builder.namespaces`):

- ``graph:source/<ID>``: the claims of one source, each with an ``agr:Evidence`` record
  (a reified statement with ``dcterms:source``, ``agr:locator`` and ``agr:keyTerm``);
- ``graph:ontology``: the ontology and concept schemes;
- ``graph:reference``: entity types, labels and identifiers (countries from ISO 3166);
- ``graph:catalog``: the sources' citations and the divergences between sources.

The mapping writes N-Quads lines (plain strings, no per-triple objects) that the store
bulk-loads. IRIs are derived from ids alone, so the same input always gives the same graph.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterator
from datetime import date, datetime
from itertools import islice

from graph_builder import records as rec
from graph_builder.namespaces import CATALOG_GRAPH_IRI as CATALOG_GRAPH
from graph_builder.namespaces import REFERENCE_GRAPH_IRI as REFERENCE_GRAPH
from graph_builder.prefixes import SPACES, entity_iri_of, source_graph_iri, source_iri_of
from graph_builder.rdf.store_output import with_union
from graph_builder.rdf.terms import Triple

AGR, ID, GEONAMES, WD = SPACES["agr"], SPACES["id"], SPACES["geonames"], SPACES["wd"]
DC, DCTERMS, FOAF, ORG = SPACES["dc"], SPACES["dcterms"], SPACES["foaf"], SPACES["org"]
RDF, RDFS, SDO, TIME, XSD = (SPACES[p] for p in ("rdf", "rdfs", "schema", "time", "xsd"))
entity_iri, source_graph, source_iri = entity_iri_of, source_graph_iri, source_iri_of

_KIND_CLASS = {
    "organisation": AGR.InternationalOrganisation,
    "person": AGR.Person,
    "post": AGR.Post,
    "signing": AGR.SigningEvent,
    "event": AGR.Event,
    "place": AGR.Place,
}


# ---------------------------------------------------------------------- N-Triples terms


def iri(value: str) -> str:
    """``<value>``; the mapping's IRIs come from checked ids and URLs."""
    return f"<{value}>"


def literal(text: str, *, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal in N-Triples syntax (the same text as rdflib's ``n3()`` for these cases)."""
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{body}"@{lang}'
    if datatype and datatype != str(XSD.string):
        return f'"{body}"^^<{datatype}>'
    return f'"{body}"'


def _date(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return literal(value.isoformat(), datatype=str(XSD.dateTime))
    return literal(value.isoformat(), datatype=str(XSD.date))


_TYPE, _LABEL, _SOURCE = iri(str(RDF.type)), iri(str(RDFS.label)), iri(str(DCTERMS.source))


See = Callable[[list[Triple]], None]
"""Shown every triple the mapping writes, a graph's worth at a time (an
:class:`~graph_builder.rdf.entail.Entailer`)."""


class _Quads:
    """Collects N-Quads lines for one named graph."""

    def __init__(self, graph: str, see: See | None = None) -> None:
        self.graph = graph
        self.suffix = f" <{graph}> .\n"
        self.lines: list[str] = []
        self.see = see
        self.triples: list[Triple] = []

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o}{self.suffix}")
        if self.see is not None:
            self.triples.append((s, p, o))

    def text(self) -> str:
        """The N-Quads text so far, with its triples in the default graph too
        (:func:`~graph_builder.rdf.store_output.with_union`); they are shown to *see*."""
        if self.see is not None:
            self.see(self.triples)
            self.triples = []
        return with_union("".join(self.lines), self.graph)

    def labels(self, subject: str, labels: dict[str, str]) -> None:
        for lang, text in labels.items():
            self.add(subject, _LABEL, literal(text, lang=lang))


# ---------------------------------------------------------------------- the dataset


def dataset_nquads(sources: rec.SourceSet) -> Iterator[str]:
    """N-Quads text of the reference, catalog and source graphs, in pieces, without
    entailments (:class:`~graph_builder.rdf.chunks.ChunkWriter` adds them as it writes)."""
    yield from records_nquads(sources, None)
    for record in sources.sources:
        yield citation_nquads(record)
        yield source_nquads(record, sources)


REFERENCE_PIECE = 2_000
"""Entities written as one piece of the reference graph: its lines and triples are held a
piece at a time, not for every entity at once (about 100 MB at 5.4M quads)."""


def records_nquads(sources: rec.SourceSet, see: See | None) -> Iterator[str]:
    """The reference graph (entities, countries) and the divergences in the catalog; the
    entities in pieces of :data:`REFERENCE_PIECE`."""
    entities = iter(sources.entities.values())
    while piece := list(islice(entities, REFERENCE_PIECE)):
        reference = _Quads(str(REFERENCE_GRAPH), see)
        for entity in piece:
            _add_entity(reference, entity)
        yield reference.text()
    for code, country in sorted(sources.countries.items()):
        yield country_nquads(code, country, see=see)
    catalog = _Quads(str(CATALOG_GRAPH), see)
    for divergence in sources.divergences:
        _add_divergence(catalog, divergence)
    yield catalog.text()


def citation_nquads(record: rec.SourceRecord, *, see: See | None = None) -> str:
    """N-Quads text of one source's citation, in the catalog graph."""
    catalog = _Quads(str(CATALOG_GRAPH), see)
    _add_citation(catalog, record)
    return catalog.text()


def country_nquads(code: str, country: rec.Country, *, see: See | None = None) -> str:
    """N-Quads text of one country's reference record (ISO 3166 codes, names, identifiers)."""
    graph = _Quads(str(REFERENCE_GRAPH), see)
    subject = iri(entity_iri("country", code))
    graph.add(subject, _TYPE, iri(AGR.Country))
    graph.labels(subject, country.names)
    for lang, name in country.official_names.items():
        graph.add(subject, iri(SDO.alternateName), literal(name, lang=lang))
    graph.add(subject, iri(AGR.iso3166Alpha2), literal(country.alpha_2))
    graph.add(subject, iri(AGR.iso3166Alpha3), literal(country.alpha_3))
    graph.add(subject, iri(AGR.iso3166Numeric), literal(country.numeric))
    if "wikidata" in country.identifiers:
        graph.add(subject, iri(SDO.sameAs), iri(WD[country.identifiers["wikidata"]]))
    if "geonames" in country.identifiers:
        geonames = GEONAMES[country.identifiers["geonames"] + "/"]
        graph.add(subject, iri(SDO.sameAs), iri(geonames))
    return graph.text()


def countries_of(record: rec.SourceRecord) -> set[str]:
    """ISO codes of the countries *record*'s claims name (as subject or value)."""
    found = set()
    for claim in record.claims:
        for value in (claim.subject, claim.value):
            if isinstance(value, rec.EntityRef) and value.kind == "country":
                found.add(value.id)
    return found


def source_nquads(
    record: rec.SourceRecord, sources: rec.SourceSet, *, see: See | None = None
) -> str:
    """N-Quads text of one source's named graph: its claims and their evidence."""
    graph = _Quads(str(source_graph(record.citation.id)), see)
    for claim in record.claims:
        _add_claim(graph, record.citation, claim, sources)
    return graph.text()


# ---------------------------------------------------------------------- reference graph


def _add_entity(graph: _Quads, entity: rec.Entity) -> None:
    subject = iri(entity_iri(entity.kind, entity.id))
    rdf_class = AGR[entity.type] if entity.type else _KIND_CLASS[entity.kind]
    graph.add(subject, _TYPE, iri(rdf_class))
    graph.labels(subject, entity.labels)
    for lang, abbr in entity.abbreviations.items():
        graph.add(subject, iri(AGR.abbreviation), literal(abbr, lang=lang))
    if entity.name:
        graph.add(subject, iri(FOAF.name), literal(entity.name))
    if entity.post_in:
        graph.add(subject, iri(ORG.postIn), iri(entity_iri("body", entity.post_in)))


# ---------------------------------------------------------------------- catalog graph


def _add_citation(graph: _Quads, record: rec.SourceRecord) -> None:
    c = record.citation
    subject = iri(source_iri(c.id))
    graph.add(subject, _TYPE, iri(AGR[c.type]))
    graph.labels(subject, c.labels)
    graph.add(subject, iri(DCTERMS.identifier), literal(c.id))
    graph.add(subject, iri(DCTERMS.language), literal(c.language, datatype=str(XSD.language)))
    graph.add(iri(source_graph(c.id)), _SOURCE, subject)
    if c.title:
        graph.add(subject, iri(DCTERMS.title), literal(c.title, lang=c.language))
    if c.publisher:
        graph.add(subject, iri(DC.publisher), literal(c.publisher))
    for name in c.authors:
        graph.add(subject, iri(DC.creator), literal(name))
    for name in c.editors:
        graph.add(subject, iri(DC.contributor), literal(name))
    for url in c.urls:
        graph.add(subject, iri(SDO.url), iri(url))
    if c.issued:
        graph.add(subject, iri(DCTERMS.issued), _date(c.issued))
    if c.dateline:
        graph.add(subject, iri(AGR.dateline), literal(c.dateline))
    if c.cites_site:
        graph.add(subject, iri(AGR.citesSite), literal(c.cites_site))
    if c.cited_date:
        graph.add(subject, iri(AGR.citedReleaseDate), _date(c.cited_date))


def _add_divergence(graph: _Quads, divergence: rec.Divergence) -> None:
    subject = iri(ID[f"divergence/{divergence.id}"])
    graph.add(subject, _TYPE, iri(AGR.Divergence))
    graph.labels(subject, divergence.labels)
    for value in divergence.concerns:
        graph.add(subject, iri(AGR.concerns), _ref(value))
    for n, (says, source_ids) in enumerate(divergence.sides, start=1):
        side = iri(ID[f"divergence/{divergence.id}/side-{n}"])
        graph.add(subject, iri(AGR.hasSide), side)
        graph.add(side, _TYPE, iri(AGR.DivergenceSide))
        graph.labels(side, says)
        for source_id in source_ids:
            graph.add(side, _SOURCE, iri(source_iri(source_id)))


# ---------------------------------------------------------------------- source graphs


# Written once: the mapping writes a million quads, and an rdflib namespace makes a new
# term (with its IRI checked) on every attribute read.
_ID = str(ID)
_EVIDENCE, _LOCATOR, _KEY_TERM = (
    iri(str(AGR.Evidence)),
    iri(str(AGR.locator)),
    iri(str(AGR.keyTerm)),
)
_RDF_SUBJECT, _RDF_PREDICATE = iri(str(RDF.subject)), iri(str(RDF.predicate))
_RDF_OBJECT = iri(str(RDF.object))


@functools.lru_cache(maxsize=1 << 16)
def _entity(kind: str, ref: str) -> str:
    """``<entity_iri(kind, ref)>``, made once per entity (the statements ask again and again)."""
    return iri(entity_iri(kind, ref))


@functools.lru_cache(maxsize=1 << 16)
def _source(source_id: str) -> str:
    """``<source_iri(source_id)>``, made once per source (each evidence record names it)."""
    return iri(source_iri(source_id))


def _ref(value: rec.EntityRef | rec.ConceptRef) -> str:
    if isinstance(value, rec.ConceptRef):
        return iri(value.iri)
    return _entity(value.kind, value.id)


@functools.cache
def _prop(name: str) -> str:
    if name.startswith("org:"):
        return iri(ORG[name[4:]])
    return iri(AGR[name])


def _add_claim(
    graph: _Quads, citation: rec.Citation, claim: rec.Claim, sources: rec.SourceSet
) -> None:
    subject = _ref(claim.subject)
    for s, p, o in _claim_triples(subject, claim, sources):
        graph.add(s, p, o)
        _add_evidence(graph, citation, (s, p, o), claim)


def _claim_triples(subject: str, claim: rec.Claim, sources: rec.SourceSet) -> list[Triple]:
    prop, value = _prop(claim.prop), claim.value
    match value:
        case rec.DateLit(value=day):
            return [(subject, prop, _date(day))]
        case rec.TextLit(text=text):
            return [(subject, prop, literal(text))]
        case rec.TermOf(years=years, extendable=extendable):
            term = iri(ID[f"term/{claim.subject.id}"])
            label = _entity_labels(claim.subject, sources)
            return [
                (subject, prop, term),
                (term, _TYPE, iri(AGR.Term)),
                (term, _LABEL, literal(f"term of {label['en']}", lang="en")),
                (term, _LABEL, literal(f"jangka waktu {label['id']}", lang="id")),
                (term, iri(TIME.hasXSDDuration), literal(f"P{years}Y", datatype=XSD.duration)),
                (term, iri(AGR.extendable), literal(str(extendable).lower(), datatype=XSD.boolean)),
            ]
        case rec.SignatureOf(person=person, body=body, post=post):
            signature = iri(ID[f"signature/{claim.subject.id}/{person}"])
            who = sources.entities[person].labels["en"]
            triples: list[Triple] = [
                (subject, prop, signature),
                (signature, _TYPE, iri(AGR.Signature)),
                (signature, _LABEL, literal(f"signature of {who}", lang="en")),
                (signature, _LABEL, literal(f"tanda tangan {who}", lang="id")),
                (signature, iri(AGR.signatory), iri(entity_iri("person", person))),
            ]
            if body:
                triples.append((signature, iri(AGR.onBehalfOf), iri(entity_iri("body", body))))
            if post:
                triples.append((signature, iri(AGR.inCapacityOf), iri(entity_iri("post", post))))
            return triples
        case _:  # EntityRef or ConceptRef: the value is a node
            return [(subject, prop, _ref(value))]


def _entity_labels(value: rec.EntityRef, sources: rec.SourceSet) -> dict[str, str]:
    if value.kind == "country":
        return sources.countries[value.id].names
    return sources.entities[value.id].labels


def evidence_iri(source_id: str, triple: Triple, locator: str | None = None) -> str:
    """The IRI of the evidence record for *triple* as stated by *source_id* at *locator*."""
    key = " ".join(triple) + f" @{locator or ''}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return f"{_ID}evidence/{source_id}/{digest}"  # str(ID[…]), without making a term


WHOLE_RECORDS = (str(AGR.Evidence),)
"""Classes whose records the mapping writes whole: every triple about one, at once, in one
graph (:func:`_add_evidence`); their shapes are checked as they are written
(:mod:`graph_builder.rdf.shacl_record`)."""


def _add_evidence(graph: _Quads, citation: rec.Citation, triple: Triple, claim: rec.Claim) -> None:
    s, p, o = triple
    ev = iri(evidence_iri(citation.id, triple, claim.locator))
    graph.add(ev, _TYPE, _EVIDENCE)
    graph.add(ev, _RDF_SUBJECT, s)
    graph.add(ev, _RDF_PREDICATE, p)
    graph.add(ev, _RDF_OBJECT, o)
    graph.add(ev, _SOURCE, _source(citation.id))
    if claim.locator:
        graph.add(ev, _LOCATOR, literal(claim.locator))
    if claim.says:
        graph.add(ev, _KEY_TERM, literal(claim.says, lang=citation.language))


__all__ = [
    "WHOLE_RECORDS",
    "citation_nquads",
    "countries_of",
    "country_nquads",
    "dataset_nquads",
    "evidence_iri",
    "source_nquads",
]
