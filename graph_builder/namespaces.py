"""The project's namespaces as rdflib objects, and the one function that binds them.

The prefixes and their IRIs are declared once, as plain strings, in
:data:`graph_builder.prefixes.PREFIX_IRIS` (what the engine and the query path use, with
:class:`~graph_builder.prefixes.Space` for ``AGR.Person``-style names); this module makes
rdflib's objects of them for the code that builds rdflib graphs. rdflib is imported when
one of them is first used, not when this module is: an incremental build, which needs
none, does not import it (docs/performance.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from graph_builder.prefixes import BASE as BASE
from graph_builder.prefixes import (
    GRAPH_IRI,
    PREFIX_IRIS,
    entity_iri_of,
    source_graph_iri,
    source_iri_of,
)
from graph_builder.prefixes import compact as compact
from graph_builder.prefixes import source_order as source_order

if TYPE_CHECKING:
    from rdflib import Graph, Namespace, URIRef

    AGR: Namespace
    """Classes and properties of the agreement ontology."""
    ID: Namespace
    """Instances: countries, bodies, persons, agreements, sources, evidence."""
    GRAPH: Namespace
    """Named graphs: one per source, plus ontology, reference and catalog."""
    SHAPE: Namespace
    """SHACL shapes (``ontology/shapes.ttl``) and the annotations the validator reads."""
    SECTOR: Namespace
    ACTIVITY: Namespace
    OBJECTIVE: Namespace
    INSTITUTION: Namespace
    WD: Namespace
    GEONAMES: Namespace
    ISIC: Namespace
    FIBO_AGR: Namespace
    LKIF_NORM: Namespace
    ONTOLOGY_GRAPH: URIRef
    REFERENCE_GRAPH: URIRef
    CATALOG_GRAPH: URIRef
    PREFIXES: dict[str, Namespace]
    """Every prefix the project binds, in the order of :data:`PREFIX_IRIS`."""

SHAPE_IRI = BASE + "shape/"
_SPACES = {
    "AGR": PREFIX_IRIS["agr"],
    "ID": PREFIX_IRIS["id"],
    "GRAPH": GRAPH_IRI,
    "SHAPE": SHAPE_IRI,
    "SECTOR": PREFIX_IRIS["sector"],
    "ACTIVITY": PREFIX_IRIS["activity"],
    "OBJECTIVE": PREFIX_IRIS["objective"],
    "INSTITUTION": PREFIX_IRIS["institution"],
    "WD": PREFIX_IRIS["wd"],
    "GEONAMES": PREFIX_IRIS["geonames"],
    "ISIC": PREFIX_IRIS["isic"],
    "FIBO_AGR": PREFIX_IRIS["fibo-agr"],
    "LKIF_NORM": PREFIX_IRIS["lkif"],
}
ONTOLOGY_GRAPH_IRI = GRAPH_IRI + "ontology"
REFERENCE_GRAPH_IRI = GRAPH_IRI + "reference"
CATALOG_GRAPH_IRI = GRAPH_IRI + "catalog"
_GRAPHS = {
    "ONTOLOGY_GRAPH": ONTOLOGY_GRAPH_IRI,
    "REFERENCE_GRAPH": REFERENCE_GRAPH_IRI,
    "CATALOG_GRAPH": CATALOG_GRAPH_IRI,
}


def __getattr__(name: str) -> Any:
    """The rdflib objects above, made (and kept) when first asked for."""
    if name not in _SPACES and name not in _GRAPHS and name != "PREFIXES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from rdflib import Namespace, URIRef

    value: Any
    if name in _SPACES:
        value = Namespace(_SPACES[name])
    elif name in _GRAPHS:
        value = URIRef(_GRAPHS[name])
    else:
        value = {prefix: Namespace(iri) for prefix, iri in PREFIX_IRIS.items()}
    globals()[name] = value
    return value


def source_graph(source_id: str) -> URIRef:
    """The IRI of the named graph that holds what one source states."""
    from rdflib import URIRef

    return URIRef(source_graph_iri(source_id))


def entity_iri(kind: str, ref: str) -> URIRef:
    """The IRI of an entity of *kind* (``body``, ``country``, ...) with id *ref*."""
    from rdflib import URIRef

    return URIRef(entity_iri_of(kind, ref))


def source_iri(source_id: str) -> URIRef:
    """The IRI of a source document."""
    from rdflib import URIRef

    return URIRef(source_iri_of(source_id))


G = TypeVar("G", bound="Graph")


def bind_namespaces(graph: G) -> G:
    """Bind the project's prefixes on *graph* (replacing rdflib's defaults) and return it."""
    prefixes = globals().get("PREFIXES") or __getattr__("PREFIXES")
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """PREFIX declarations for every project prefix, for queries that omit them."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIX_IRIS.items())
