"""Entailment: the triples the ontology implies, kept apart in ``graph:inferred``.

Two modes:

- ``rdfs``: the RDFS subset as SPARQL Update rules run on the store to a
  fixpoint (subclass and subproperty hierarchies, their transitivity, ``rdfs:domain`` and
  ``rdfs:range``). Fast enough for a million quads: every rule is one query in the store.
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

from rdflib import Variable

from graph_builder.errors import GraphBuilderError
from graph_builder.namespaces import GRAPH

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

    from graph_builder.rdf.store import GraphStore

log = logging.getLogger(__name__)

INFERRED_GRAPH = str(GRAPH["inferred"])
_N = Variable("n")
"""The named graph that holds entailed triples."""

InferMode = Literal["none", "rdfs", "owl-rl"]
INFER_MODES: tuple[str, ...] = ("none", "rdfs", "owl-rl")

_NEW = "FILTER NOT EXISTS { GRAPH ?stated { %s } }"
_RULES: dict[str, tuple[str, str, str]] = {
    # name: (what is inferred, what it follows from, extra filter); the inferred triple's
    # subject is the first variable of the first element (used to scope a rule to nodes)
    "rdfs11 subclass transitivity": (
        "?a rdfs:subClassOf ?c",
        "GRAPH ?g1 { ?a rdfs:subClassOf ?b } GRAPH ?g2 { ?b rdfs:subClassOf ?c }",
        "FILTER (?a != ?c)",
    ),
    "rdfs5 subproperty transitivity": (
        "?a rdfs:subPropertyOf ?c",
        "GRAPH ?g1 { ?a rdfs:subPropertyOf ?b } GRAPH ?g2 { ?b rdfs:subPropertyOf ?c }",
        "FILTER (?a != ?c)",
    ),
    "rdfs9 type from subclass": (
        "?x a ?d",
        "GRAPH ?g1 { ?x a ?c } GRAPH ?g2 { ?c rdfs:subClassOf ?d }",
        "",
    ),
    "rdfs7 statement from subproperty": (
        "?x ?q ?y",
        "GRAPH ?g2 { ?p rdfs:subPropertyOf ?q } GRAPH ?g1 { ?x ?p ?y }",
        "",
    ),
    "rdfs2 type from domain": (
        "?x a ?c",
        "GRAPH ?g2 { ?p rdfs:domain ?c } GRAPH ?g1 { ?x ?p ?y }",
        "",
    ),
    "rdfs3 type from range": (
        "?y a ?c",
        "GRAPH ?g2 { ?p rdfs:range ?c } GRAPH ?g1 { ?x ?p ?y }",
        "FILTER (!isLiteral(?y))",
    ),
}
"""The RDFS rules, each an INSERT into graph:inferred of what no graph states yet."""


class InferenceError(GraphBuilderError):
    """An unknown entailment mode, or a reasoner that is not installed."""


def _rule_update(inferred: str, where: str, extra: str, *, scope: str = "") -> str:
    values = f"VALUES {inferred.split()[0]} {{ {scope} }} " if scope else ""
    return (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        f"INSERT {{ GRAPH <{INFERRED_GRAPH}> {{ {inferred} }} }}\n"
        f"WHERE {{ {values}{where} {extra} {_NEW % inferred} }}"
    )


def infer_rdfs(
    store: GraphStore, *, max_rounds: int = 50, focus: Iterable[str] | None = None
) -> list[pyoxigraph.Quad]:
    """Add the RDFS entailments of *store*'s named graphs to ``graph:inferred``; return them.

    *store* holds the data in named graphs and the ontology in ``graph:ontology``; whatever
    ``graph:inferred`` held before is replaced. Rules run until a round adds nothing.

    With *focus* (IRIs), only entailments about those nodes are redone: the ones held are
    dropped and derived again from all graphs. An incremental build passes every node its
    changed sources mention, before and after the change, which covers every entailment
    the change can add or take away (each rule's conclusion is about a node of its
    premise); the rest of ``graph:inferred`` stays as it was.
    """
    scope = ""
    if focus is None:
        store.update(f"DROP SILENT GRAPH <{INFERRED_GRAPH}>")
    else:
        nodes = sorted(set(focus))
        if not nodes:
            return list(store.quads(INFERRED_GRAPH))
        scope = " ".join(f"<{n}>" for n in nodes)
        store.update(
            f"DELETE {{ GRAPH <{INFERRED_GRAPH}> {{ ?x ?p ?o }} }} "
            f"WHERE {{ VALUES ?x {{ {scope} }} GRAPH <{INFERRED_GRAPH}> {{ ?x ?p ?o }} }}"
        )
    updates = [_rule_update(*rule, scope=scope) for rule in _RULES.values()]
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} }}"
    for round_number in range(1, max_rounds + 1):
        before = _count(store, count)
        for update in updates:
            store.update(update)
        added = _count(store, count) - before
        log.info("RDFS round %d: %d triples inferred", round_number, added)
        if added == 0:
            break
    else:
        raise InferenceError(f"RDFS rules did not reach a fixpoint in {max_rounds} rounds")
    return list(store.quads(INFERRED_GRAPH))


def _count(store: GraphStore, query: str) -> int:
    return int(str(next(iter(store.query(query).bindings))[_N]))


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


def infer(
    store: GraphStore, mode: str, *, focus: Iterable[str] | None = None
) -> list[pyoxigraph.Quad]:
    """The entailments of *store* under *mode* (``none``, ``rdfs``, ``owl-rl``), in graph:inferred.

    Like :func:`infer_rdfs`, this replaces ``graph:inferred`` in *store* with the result.
    """
    if mode not in INFER_MODES:
        raise InferenceError(
            f"unknown entailment mode {mode!r}; use one of {', '.join(INFER_MODES)}"
        )
    if mode == "rdfs":
        return infer_rdfs(store, focus=focus)
    store.update(f"DROP SILENT GRAPH <{INFERRED_GRAPH}>")
    if mode == "none":
        return []
    import rdflib

    # N-Triples is the bridge between the two libraries: a term's str() in pyoxigraph is its
    # N-Triples form.
    statements = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in store.quads())
    entailed = infer_owl_rl(rdflib.Graph().parse(data=statements, format="nt"))
    store.add_graph(entailed, INFERRED_GRAPH)
    return list(store.quads(INFERRED_GRAPH))
