"""The part of the entity network around one vertex, read from the store with SPARQL.

:func:`neighbourhood_parts` walks out from the focus vertex, hop by hop, asking the store
for each frontier's neighbours (statements either way, ``rdf:type`` and the entailments
left out) and telling vertices from other things with the projection's own rules
(:mod:`graph_builder.network.project`): an IRI typed outside the ontology and the catalog,
of no class in ``NOT_ENTITIES``, that is not a concept; or a concept an entity refers to,
or one above such a concept. Then it reads the statements about the vertices found and
the ring around them (whose edges into the neighbourhood give its vertices their
sources), the ontology's labels and classes, the records of the sources they name, the
divergences that concern them and, when asked, their evidence. The cost follows the size
of the neighbourhood, not of the store.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from graph_builder.network.fetch import (
    SOURCE_GRAPH_PREFIX,
    Evidence,
    Parts,
    collect,
    evidence_rows,
    graph_name,
    rows,
)
from graph_builder.prefixes import PREFIX_IRIS
from graph_builder.rdf.store import GraphStore

_OFF_NETWORK = "graph:inferred, graph:ontology, graph:catalog"
_TYPES = """
SELECT ?x ?class ?g WHERE {
  VALUES ?x { @@ } GRAPH ?g { ?x a ?class } FILTER(isIRI(?class) && ?g != graph:inferred)
}"""
_NEIGHBOURS = """
SELECT DISTINCT ?n WHERE {
  VALUES ?v { @@ }
  { GRAPH ?g { ?v ?p ?n } } UNION { GRAPH ?g { ?n ?p ?v } }
  FILTER(isIRI(?n) && ?g != graph:inferred && ?p NOT IN (rdf:type, rdf:subject, rdf:object))
}"""
_BROADER = """
SELECT ?s ?o WHERE {
  GRAPH ?g { ?s skos:broader ?o } FILTER(isIRI(?s) && isIRI(?o) && ?g != graph:inferred)
}"""
_USED = f"""
SELECT ?e WHERE {{
  VALUES ?u {{ @@ }}
  GRAPH ?g {{ ?e ?p ?u }} FILTER(isIRI(?e) && ?g NOT IN ({_OFF_NETWORK}) && ?p != rdf:type)
  FILTER EXISTS {{ GRAPH ?t {{ ?e a ?k }} FILTER(?t NOT IN ({_OFF_NETWORK})) }}
  FILTER NOT EXISTS {{ GRAPH ?c {{ ?e a skos:Concept }} FILTER(?c != graph:inferred) }}
  FILTER NOT EXISTS {{
    GRAPH ?b {{ ?e a ?bad }} FILTER(?b NOT IN ({_OFF_NETWORK})) VALUES ?bad {{ ## }}
  }}
}} LIMIT 1"""
"""An entity that refers to one of the concepts ``@@`` (one is enough)."""
_ABOUT = """
SELECT ?s ?p ?o ?g WHERE { VALUES ?s { @@ } GRAPH ?g { ?s ?p ?o } FILTER(?g != graph:inferred) }"""
_INTO = """
SELECT ?s ?p ?o ?g WHERE {
  VALUES ?o { @@ } GRAPH ?g { ?s ?p ?o }
  FILTER(isIRI(?s) && ?g != graph:inferred && ?p NOT IN (rdf:type, rdf:subject, rdf:object))
}"""
"""Statements that point at ``@@`` (the evidence records' left out, as in the walk)."""
_BLANK_VALUES = """
SELECT ?s ?p ?o ?g WHERE {
  VALUES ?x { @@ } GRAPH ?h { ?x ?q ?s } FILTER(isBlank(?s) && ?h != graph:inferred)
  GRAPH ?g { ?s ?p ?o } FILTER(?g != graph:inferred)
}"""
_DIVERGENCES = """
SELECT DISTINCT ?d WHERE {
  VALUES ?v { @@ } GRAPH ?g { ?d agr:concerns ?v } FILTER(?g != graph:inferred)
}"""
_ONTOLOGY = """
SELECT ?s ?p ?o ?g WHERE {
  { GRAPH ?g { ?s ?p ?o } VALUES ?g { graph:ontology } VALUES ?p { rdfs:label skos:prefLabel } }
  UNION { GRAPH ?g { ?s ?p ?o } VALUES ?p { rdfs:subClassOf } FILTER(?g != graph:inferred) }
}"""
"""The ontology's labels (also of the predicates) and the class hierarchy."""
_EVIDENCE_OF = """
SELECT ?g ?s ?p ?o ?source ?locator
       (GROUP_CONCAT(?term; separator="\\u001f") AS ?terms) (COUNT(?term) AS ?n) WHERE {
  { SELECT ?e ?g ?s WHERE {
      VALUES ?s { @@ } GRAPH ?g { ?e rdf:subject ?s } FILTER(?g != graph:inferred)
  } }
  GRAPH ?g { ?e a agr:Evidence }
  OPTIONAL { GRAPH ?g { ?e rdf:predicate ?p } }
  OPTIONAL { GRAPH ?g { ?e rdf:object ?o } }
  OPTIONAL { GRAPH ?g { ?e dcterms:source ?source } }
  OPTIONAL { GRAPH ?g { ?e agr:locator ?locator } }
  OPTIONAL { GRAPH ?g { ?e agr:keyTerm ?term } }
} GROUP BY ?e ?g ?s ?p ?o ?source ?locator"""
""":data:`~graph_builder.network.fetch._EVIDENCE` for the statements about ``@@``; the
records found by their subject first (the engine's plan otherwise starts from every
``agr:Evidence``: 8.6 s instead of 1.8 s for 2,885 vertices at 634k quads)."""

_I = PREFIX_IRIS
_CONCEPT = _I["skos"] + "Concept"
_SOURCE_IRI = _I["id"] + "source/"
_CITES = _I["dcterms"] + "source"
_PLAIN_IRI = re.compile(r"[^\s<>\"{}|\\^`]+")
_BATCH = 2000
"""IRIs in one ``VALUES`` list."""


class Neighbourhood:
    """The vertices within some hops of a focus, and the ring of vertices one hop further."""

    def __init__(self, store: GraphStore, not_entities: frozenset[str]) -> None:
        self.store = store
        self.not_entities = not_entities
        self.known: dict[str, bool] = {}
        """Whether an IRI is a vertex, for every IRI looked at."""
        self._narrower: dict[str, set[str]] | None = None

    def walk(self, focus: str, depth: int) -> tuple[list[str], list[str]]:
        """The vertices within *depth* hops of *focus* (in the order found) and the vertices
        one hop further; ``[]`` when *focus* is not a vertex."""
        if not _PLAIN_IRI.fullmatch(focus) or not self.vertices([focus]):
            return [], []
        seen, frontier = [focus], [focus]
        found = set(seen)
        for hop in range(depth + 1):
            near = [n for n in self._neighbours(frontier) if n not in found]
            frontier = self.vertices(near)
            if hop == depth:
                return seen, frontier
            seen.extend(frontier)
            found.update(frontier)
        return seen, []  # pragma: no cover - the loop returns

    def vertices(self, iris: list[str]) -> list[str]:
        """Those of *iris* that are vertices."""
        todo = [iri for iri in iris if iri not in self.known]
        classes: dict[str, set[str]] = defaultdict(set)
        concepts: set[str] = set()
        for x, cls, g in _select(self.store, _TYPES, todo):
            if cls.value == _CONCEPT:
                concepts.add(x.value)
            elif graph_name(g.value) not in ("ontology", "catalog"):
                classes[x.value].add(cls.value)
        for iri in todo:
            if iri in concepts:
                self.known[iri] = self._used(iri)
            else:
                self.known[iri] = bool(classes[iri]) and not classes[iri] & self.not_entities
        return [iri for iri in iris if self.known[iri]]

    def _neighbours(self, frontier: list[str]) -> list[str]:
        return sorted({row[0].value for row in _select(self.store, _NEIGHBOURS, frontier)})

    def _used(self, concept: str) -> bool:
        """Whether an entity refers to *concept* or to a concept below it."""
        if self._narrower is None:
            self._narrower = defaultdict(set)
            for s, o in rows(self.store, _BROADER):
                self._narrower[o.value].add(s.value)
        below, todo = {concept}, [concept]
        while todo:
            for child in self._narrower.get(todo.pop(), ()):
                if child not in below:
                    below.add(child)
                    todo.append(child)
        query = _USED.replace("##", " ".join(f"<{c}>" for c in sorted(self.not_entities)))
        return any(True for _ in _select(self.store, query, sorted(below)))


def neighbourhood_parts(
    store: GraphStore, inner: list[str], ring: list[str], *, evidence: bool
) -> Parts:
    """What the projection needs to draw *inner* (:meth:`Neighbourhood.walk`) exactly as
    the whole network draws it: the statements about *inner*, those of *ring* about
    *inner*, and what they name."""
    parts, graphs = Parts(), set[str]()
    blank = _collect_about(parts, graphs, store, inner)
    incoming, around = Parts(), set(ring)
    for batch in _batches(inner):  # the ring's edges into the neighbourhood: its sources
        collect(incoming, graphs, store, _fill(_INTO, batch))
    parts.quads.extend(q for q in incoming.quads if q[0] in around)
    collect(parts, graphs, store, _ONTOLOGY)
    divergences = [row[0].value for row in _select(store, _DIVERGENCES, inner)]
    _collect_about(parts, graphs, store, divergences)
    if blank or divergences:
        for batch in _batches([*inner, *divergences]):
            collect(parts, graphs, store, _fill(_BLANK_VALUES, batch))
    if evidence:
        parts.evidence, parts.with_evidence = _evidence_of(store, inner), True
    parts.source_graphs = {graph_name(g) for g in graphs if g.startswith(SOURCE_GRAPH_PREFIX)}
    cited = {o for _, p, o, _ in parts.quads if p == _CITES and isinstance(o, str)}
    cited |= {_SOURCE_IRI + e["source"] for items in parts.evidence.values() for e in items}
    named = {_SOURCE_IRI + name for name in parts.source_graphs} | cited
    _collect_about(parts, graphs, store, sorted(named - set(inner)))
    parts.cited = cited
    return parts


def _evidence_of(store: GraphStore, inner: list[str]) -> Evidence:
    """The evidence of the statements about *inner*; a statement's records all come in the
    batch of its subject."""
    found: Evidence = {}
    for batch in _batches(inner):
        found.update(evidence_rows(store, _fill(_EVIDENCE_OF, batch)))
    return found


def _collect_about(parts: Parts, graphs: set[str], store: GraphStore, iris: list[str]) -> bool:
    """Add the statements about *iris*; whether a value was a blank node."""
    blank = False
    for batch in _batches(iris):
        blank = collect(parts, graphs, store, _fill(_ABOUT, batch)) or blank
    return blank


def _fill(query: str, iris: Iterable[str]) -> str:
    return query.replace("@@", " ".join(f"<{iri}>" for iri in iris))


def _batches(iris: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(iris), _BATCH):
        yield iris[start : start + _BATCH]


def _select(store: GraphStore, query: str, iris: list[str]) -> Iterable[ox.QuerySolution]:
    for batch in _batches(iris):
        yield from rows(store, _fill(query, batch))
