"""Every namespace the project uses, declared once, and the one function that binds them.

The same IRIs as plain strings, for code that must not import rdflib, are
:data:`graph_builder.prefixes.PREFIX_IRIS` (a test keeps the two equal).
"""

from __future__ import annotations

from typing import TypeVar

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DC,
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
)

from graph_builder.prefixes import BASE as BASE
from graph_builder.prefixes import PREFIX_IRIS
from graph_builder.prefixes import compact as compact

AGR = Namespace(PREFIX_IRIS["agr"])
"""Classes and properties of the agreement ontology."""
ID = Namespace(PREFIX_IRIS["id"])
"""Instances: countries, bodies, persons, agreements, sources, evidence."""
GRAPH = Namespace(PREFIX_IRIS["graph"])
"""Named graphs: one per source, plus ontology, reference and catalog."""
SHAPE = Namespace(BASE + "shape/")
"""SHACL shapes (``ontology/shapes.ttl``) and the annotations the validator reads."""
SECTOR = Namespace(PREFIX_IRIS["sector"])
ACTIVITY = Namespace(PREFIX_IRIS["activity"])
OBJECTIVE = Namespace(PREFIX_IRIS["objective"])
INSTITUTION = Namespace(PREFIX_IRIS["institution"])

WD = Namespace(PREFIX_IRIS["wd"])
GEONAMES = Namespace(PREFIX_IRIS["geonames"])
ISIC = Namespace(PREFIX_IRIS["isic"])
FIBO_AGR = Namespace(PREFIX_IRIS["fibo-agr"])
LKIF_NORM = Namespace(PREFIX_IRIS["lkif"])

ONTOLOGY_GRAPH = GRAPH["ontology"]
REFERENCE_GRAPH = GRAPH["reference"]
CATALOG_GRAPH = GRAPH["catalog"]


def source_graph(source_id: str) -> URIRef:
    """The IRI of the named graph that holds what one source states."""
    return GRAPH["source/" + source_id]


def entity_iri(kind: str, ref: str) -> URIRef:
    """The IRI of an entity of *kind* (``body``, ``country``, ...) with id *ref*."""
    return ID[f"{kind}/{ref}"]


def source_iri(source_id: str) -> URIRef:
    """The IRI of a source document."""
    return ID[f"source/{source_id}"]


PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "agr": AGR,
    "id": ID,
    "graph": GRAPH,
    "sector": SECTOR,
    "activity": ACTIVITY,
    "objective": OBJECTIVE,
    "institution": INSTITUTION,
    "wd": WD,
    "geonames": GEONAMES,
    "isic": ISIC,
    "fibo-agr": FIBO_AGR,
    "lkif": LKIF_NORM,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "dc": DC,
    "foaf": FOAF,
    "org": ORG,
    "prov": PROV,
    "schema": SDO,
    "time": TIME,
    "sh": SH,
}


G = TypeVar("G", bound=Graph)


def bind_namespaces(graph: G) -> G:
    """Bind the project's prefixes on *graph* (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """PREFIX declarations for every project prefix, for queries that omit them."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
