"""The project's namespaces as rdflib objects, and the one function that binds them.

The prefixes and their IRIs are declared once, as plain strings, in
:data:`graph_builder.prefixes.PREFIX_IRIS` (what the engine and the query path use); this
module makes rdflib's objects of them for the code that builds rdflib graphs.
"""

from __future__ import annotations

from typing import TypeVar

from rdflib import Graph, Namespace, URIRef

from graph_builder.prefixes import BASE as BASE
from graph_builder.prefixes import PREFIX_IRIS
from graph_builder.prefixes import compact as compact
from graph_builder.prefixes import source_order as source_order

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


PREFIXES: dict[str, Namespace] = {prefix: Namespace(iri) for prefix, iri in PREFIX_IRIS.items()}
"""Every prefix the project binds, in the order of :data:`PREFIX_IRIS`."""


G = TypeVar("G", bound=Graph)


def bind_namespaces(graph: G) -> G:
    """Bind the project's prefixes on *graph* (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """PREFIX declarations for every project prefix, for queries that omit them."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
