"""The project's prefixes, declared once, as plain strings (the engine's vocabulary).

The store, the query path and the endpoint use them as they are;
:mod:`graph_builder.namespaces` makes rdflib objects of them for code that builds rdflib
graphs.
"""

from __future__ import annotations

from collections.abc import Collection

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
"""Prefix → namespace IRI, in the order they are declared in every graph and query."""


class Space:
    """A namespace whose attributes and items are the IRIs in it, as plain strings
    (``AGR.Person``, ``ID["country/FR"]``): the engine's side of rdflib's ``Namespace``."""

    __slots__ = ("iri",)

    def __init__(self, iri: str) -> None:
        self.iri = iri

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        return self.iri + name

    def __getitem__(self, name: str) -> str:
        return self.iri + name

    def __str__(self) -> str:
        return self.iri

    def __repr__(self) -> str:
        return f"Space({self.iri!r})"


SPACES = {prefix: Space(iri) for prefix, iri in PREFIX_IRIS.items()}
"""Every prefix's :class:`Space`."""
GRAPH_IRI = PREFIX_IRIS["graph"]


def source_graph_iri(source_id: str) -> str:
    """The IRI of the named graph that holds what one source states."""
    return GRAPH_IRI + "source/" + source_id


def entity_iri_of(kind: str, ref: str) -> str:
    """The IRI of an entity of *kind* (``body``, ``country``, ...) with id *ref*."""
    return f"{PREFIX_IRIS['id']}{kind}/{ref}"


def source_iri_of(source_id: str) -> str:
    """The IRI of a source document."""
    return f"{PREFIX_IRIS['id']}source/{source_id}"


def compact(iri: str) -> str:
    """``agr:Agreement`` for a known namespace, else the IRI itself."""
    best = ""
    for prefix, namespace in PREFIX_IRIS.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best, name = namespace, prefix
    if not best:
        return iri
    return f"{name}:{iri[len(best) :]}"


def source_order(name: str) -> tuple[str, int, str]:
    """Sorts source ids, or their graphs' IRIs, as people number them: S5 before S30.

    The same order as the named queries' ``ORDER BY REPLACE(?id, "[0-9]+$", "")
    STRLEN(?id) ?id``: the name without its closing number, then its length, then itself.
    """
    return (name.rstrip("0123456789"), len(name), name)


def in_source_order(names: Collection[str]) -> list[str]:
    """*names* as a list sorted by :func:`source_order` (one name, or none, as it is: most
    statements of a large store have one source, and a sort with a key costs ten times the
    copy)."""
    return sorted(names, key=source_order) if len(names) > 1 else list(names)
