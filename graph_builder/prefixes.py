"""The project's prefixes as plain strings, for code that must start fast.

:mod:`graph_builder.namespaces` declares the same namespaces as rdflib objects; this module
holds their IRIs only, so that the engine (:mod:`graph_builder.rdf.store`) and the
``query`` command can use them without importing rdflib. ``tests/test_queries.py`` checks
that the two agree.
"""

from __future__ import annotations

BASE = "https://w3id.org/agreement-graph/"

PREFIX_IRIS: dict[str, str] = {
    "agr": BASE + "ontology#",
    "id": BASE + "id/",
    "graph": BASE + "graph/",
    "sector": BASE + "sector/",
    "activity": BASE + "activity/",
    "objective": BASE + "objective/",
    "institution": BASE + "institution/",
    "wd": "http://www.wikidata.org/entity/",
    "geonames": "https://sws.geonames.org/",
    "isic": BASE + "isic4/",
    "fibo-agr": "https://spec.edmcouncil.org/fibo/ontology/FND/Agreements/Agreements/",
    "lkif": "http://www.estrellaproject.org/lkif-core/norm.owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "time": "http://www.w3.org/2006/time#",
    "sh": "http://www.w3.org/ns/shacl#",
}
"""Prefix → namespace IRI, in the order of :data:`graph_builder.namespaces.PREFIXES`."""


def compact(iri: str) -> str:
    """``agr:Agreement`` for a known namespace, else the IRI itself."""
    best = ""
    for prefix, namespace in PREFIX_IRIS.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best, name = namespace, prefix
    if not best:
        return iri
    return f"{name}:{iri[len(best) :]}"
