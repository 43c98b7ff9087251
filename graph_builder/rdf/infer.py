"""Entailment: the triples the ontology implies, kept apart in ``graph:inferred``.

Two modes:

- ``rdfs``: the RDFS subset (subclass and subproperty hierarchies, their transitivity,
  ``rdfs:domain`` and ``rdfs:range``): the schema's closure is computed in Python, then
  each rule is one SPARQL Update joining the data with it in the store.
- ``owl-rl``: the OWL 2 RL closure computed by owlrl on an rdflib graph, the reference
  implementation; fine for the bundled data, slow beyond a few thousand triples.

Inferred triples go into ``graph:inferred`` only, never into a source graph, and only when no
graph states them already, so "stated" and "inferred" stay apart. Reflexive triples (every
class its own subclass) and RDF's axiomatic triples are left out: they say nothing about the
data.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from graph_builder.errors import InferenceError
from graph_builder.prefixes import GRAPH_IRI
from graph_builder.rdf.store_output import with_union

if TYPE_CHECKING:
    import rdflib

    from graph_builder.rdf.store import GraphStore

log = logging.getLogger(__name__)

INFERRED_GRAPH = GRAPH_IRI + "inferred"
"""The named graph that holds entailed triples."""

InferMode = Literal["none", "rdfs", "owl-rl"]
INFER_MODES: tuple[str, ...] = ("none", "rdfs", "owl-rl")


_SCHEMA = """
SELECT ?kind ?a ?b WHERE {
  VALUES ?kind { rdfs:subClassOf rdfs:subPropertyOf rdfs:domain rdfs:range }
  GRAPH ?g { ?a ?kind ?b } FILTER(isIRI(?a) && isIRI(?b))
}
"""


def infer_rdfs(store: GraphStore) -> int:
    """Add the RDFS entailments of *store*'s named graphs to ``graph:inferred``; return how
    many quads that graph holds.

    The schema (subclass and subproperty hierarchies, domains, ranges) is small, so its
    closure is computed here once; each entailment rule then becomes one join in the store
    (rdfs5, 7, 11; 2 and 3 through every superproperty; 9 through every superclass) whose
    result, less what some graph states, is bulk-added to ``graph:inferred``. One pass, no
    fixpoint loop.
    """
    store.remove_graph(INFERRED_GRAPH)
    schema = Schema.read(store)
    store.load_nquads(schema.closure_nquads(), checked=True, union=True)
    for construct in schema.rules():
        store.add_constructed(construct, INFERRED_GRAPH)
    return inferred_count(store)


def inferred_count(store: GraphStore) -> int:
    """How many quads ``graph:inferred`` holds."""
    rows = store.select(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} }}"
    )
    return int(next(rows)["n"].value)


class Schema:
    """The RDFS schema statements (of a store or the ontology) and their closures."""

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        self.stated = set(rows)
        self.sub_class = transitive_closure((a, b) for k, a, b in rows if k == "subClassOf")
        self.sub_property = transitive_closure((a, b) for k, a, b in rows if k == "subPropertyOf")
        self.domain = {(a, b) for k, a, b in rows if k == "domain"}
        self.range = {(a, b) for k, a, b in rows if k == "range"}

    @classmethod
    def read(cls, store: GraphStore) -> Schema:
        """The schema every named graph of *store* states."""
        rows = [
            (r["kind"].value.rsplit("#", 1)[-1], r["a"].value, r["b"].value)
            for r in store.select(_SCHEMA)
        ]
        return cls(rows)

    @classmethod
    def from_graph(cls, graph: rdflib.Graph) -> Schema:
        """The schema an rdflib graph (the ontology) states."""
        from rdflib import URIRef
        from rdflib.namespace import RDFS

        kinds = {RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range}
        rows = [
            (str(p).rsplit("#", 1)[-1], str(a), str(b))
            for a, p, b in graph
            if p in kinds and isinstance(a, URIRef) and isinstance(b, URIRef)
        ]
        return cls(rows)

    def supers(self, cls_iri: str) -> set[str]:
        return {b for a, b in self.sub_class if a == cls_iri}

    def closure_nquads(self) -> str:
        """rdfs5 and rdfs11: the transitive closures, as N-Quads for graph:inferred (and the
        default graph)."""
        sub_class, sub_property = _RDFS + "subClassOf>", _RDFS + "subPropertyOf>"
        lines = [
            f"<{a}> {pred} <{b}> <{INFERRED_GRAPH}> .\n"
            for pairs, pred, kind in (
                (self.sub_class, sub_class, "subClassOf"),
                (self.sub_property, sub_property, "subPropertyOf"),
            )
            for a, b in sorted(pairs)
            if a != b and (kind, a, b) not in self.stated
        ]
        return with_union("".join(lines), INFERRED_GRAPH)

    def typed_by(self, pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
        """(property, class) for every property whose domain (or range) implies the class,
        through its superproperties and the class's superclasses."""
        result = set()
        properties = {a for a, _ in self.sub_property} | {p for p, _ in pairs}
        for prop in properties:
            via = {prop} | {b for a, b in self.sub_property if a == prop}
            for p, cls_iri in pairs:
                if p in via:
                    result |= {(prop, cls_iri)} | {(prop, d) for d in self.supers(cls_iri)}
        return result

    def rules(self) -> list[str]:
        """One CONSTRUCT per rule, each a join of the data with VALUES from the closures."""
        inserts = []
        sub_property = sorted((a, b) for a, b in self.sub_property if a != b)
        if sub_property:  # rdfs7
            inserts.append(_insert("?x ?q ?y", _values("?p ?q", sub_property), "?x ?p ?y"))
        domain = sorted(self.typed_by(self.domain))
        if domain:  # rdfs2 (+ rdfs7, rdfs9)
            inserts.append(_insert("?x a ?c", _values("?p ?c", domain), "?x ?p ?y"))
        range_ = sorted(self.typed_by(self.range))
        if range_:  # rdfs3 (+ rdfs7, rdfs9)
            where = "?x ?p ?y FILTER(!isLiteral(?y))"
            inserts.append(_insert("?y a ?c", _values("?p ?c", range_), where))
        sub_class = sorted((a, b) for a, b in self.sub_class if a != b)
        if sub_class:  # rdfs9
            inserts.append(_insert("?x a ?d", _values("?c ?d", sub_class), "?x a ?c"))
        return inserts


_RDFS = "<http://www.w3.org/2000/01/rdf-schema#"


def hierarchy(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """Each class with all its subclasses, from closed (subclass, class) *pairs*."""
    below: dict[str, set[str]] = {}
    for sub, sup in pairs:
        below.setdefault(sup, {sup}).add(sub)
    return below


def transitive_closure(pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """The transitive closure of a relation given as pairs."""
    direct: dict[str, set[str]] = {}
    for a, b in pairs:
        direct.setdefault(a, set()).add(b)
    closed = set()
    for start in direct:
        seen, stack = set(), list(direct[start])
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(direct.get(node, ()))
        closed |= {(start, b) for b in seen}
    return closed


def _values(names: str, rows: list[tuple[str, str]]) -> str:
    body = " ".join(f"(<{a}> <{b}>)" for a, b in rows)
    return f"VALUES ({names}) {{ {body} }}"


def _insert(template: str, values: str, where: str) -> str:
    """A CONSTRUCT of *template* from stated data, leaving out what some graph states."""
    return (
        f"CONSTRUCT {{ {template} }} "
        f"WHERE {{ {values} GRAPH ?g {{ {where} }} FILTER(?g != <{INFERRED_GRAPH}>) "
        f"FILTER NOT EXISTS {{ GRAPH ?h {{ {template} }} FILTER(?h != <{INFERRED_GRAPH}>) }} }}"
    )


def infer_owl_rl(graph: rdflib.Graph) -> rdflib.Graph:
    """The OWL 2 RL entailments of *graph* (owlrl) that it does not state, as a new graph.

    Axiomatic triples (what owlrl derives from an empty graph), triples about literals and
    reflexive ``owl:sameAs`` / ``rdfs:subClassOf`` / ``owl:equivalentClass`` are left out.
    """
    import owlrl
    from rdflib import Graph, Literal
    from rdflib.namespace import OWL, RDFS

    def closure(source: Iterable[tuple]) -> Graph:
        expanded = Graph()
        for triple in source:
            expanded.add(triple)
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(expanded)
        return expanded

    axiomatic = set(closure([]))
    stated = set(graph)
    reflexive = {OWL.sameAs, RDFS.subClassOf, OWL.equivalentClass, RDFS.subPropertyOf}
    result = Graph()
    for s, p, o in closure(stated):
        if (s, p, o) in stated or (s, p, o) in axiomatic or isinstance(s, Literal):
            continue
        if p in reflexive and s == o:
            continue
        result.add((s, p, o))
    return result


def check_mode(mode: str) -> None:
    """Raise :class:`InferenceError` unless *mode* is an entailment mode."""
    if mode not in INFER_MODES:
        raise InferenceError(
            f"unknown entailment mode {mode!r}; use one of {', '.join(INFER_MODES)}"
        )


def infer(store: GraphStore, mode: str) -> int:
    """The entailments of *store* under *mode* (``none``, ``rdfs``, ``owl-rl``), in graph:inferred.

    Like :func:`infer_rdfs`, this replaces ``graph:inferred`` in *store* with the result.
    """
    check_mode(mode)
    if mode == "rdfs":
        return infer_rdfs(store)
    store.remove_graph(INFERRED_GRAPH)
    if mode == "none":
        return 0
    import rdflib

    # N-Triples is the bridge between the two libraries: a term's str() in pyoxigraph is its
    # N-Triples form.
    statements = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in store.quads())
    entailed = infer_owl_rl(rdflib.Graph().parse(data=statements, format="nt"))
    store.add_graph(entailed, INFERRED_GRAPH)
    return inferred_count(store)
