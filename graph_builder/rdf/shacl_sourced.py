"""The statements that need an evidence record, checked graph by graph as the mapping writes them.

``shapes.ttl``'s ``shape:StatementHasSource`` is a SPARQL constraint: every statement whose
predicate the ontology marks (``agr:statedBySources true``) must be named by an evidence
record (``rdf:subject``, ``rdf:predicate``, ``rdf:object``) somewhere in the union. Run by
the store over everything, it holds every distinct statement and every evidence record in
the engine's hash tables at once (114 MB and 10.8 s of CPU at 5.4M quads), and that grows
with the data. The mapping writes each statement and its evidence record into the same
source graph, so when every graph names the evidence of its own marked statements, the
constraint holds on the union: :class:`SourcedCheck` checks that one graph at a time, in
memory that follows the graph.

A constraint is checked here only when ``shapes.ttl`` says what it means, by
``shape:statementsMarkedBy`` (the marking property) on it; anything this check cannot be
sure of (a marked statement whose evidence is in another graph, an entailed marked
statement, a predicate marked by a data graph, a marked schema predicate) leaves the
constraint to the store, so the report is the engine's, word for word.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from graph_builder.namespaces import SHAPE
from graph_builder.rdf.terms import Triple

MARKED_BY = SHAPE.statementsMarkedBy
"""On a SPARQL constraint: the property whose value ``true`` on a predicate (in the
ontology) marks the statements the constraint requires an evidence record for."""

_PARTS = {f"<{RDF[name]}>": n for n, name in enumerate(("subject", "predicate", "object"))}
_SCHEMA = {f"<{RDFS.subClassOf}>", f"<{RDFS.subPropertyOf}>"}
"""The predicates of the schema's closure, which the build writes without showing it."""


class SourcedCheck:
    """Checks, for the SPARQL constraints *constraints* of the shapes, that each graph
    shown (:meth:`see`) names an evidence record for each of its statements whose
    predicate is in *marked* (IRIs as N-Triples terms), *marker* being the marking
    property; :attr:`held` says whether that was so everywhere."""

    def __init__(self, constraints: set[Node], marker: str, marked: set[str]) -> None:
        self.constraints = constraints
        self._marker = marker
        self._marked = marked
        self.held = bool(constraints) and not marked & _SCHEMA

    @classmethod
    def of(cls, shapes: Graph, ontology: Graph) -> SourcedCheck | None:
        """The check of the constraints of *shapes* marked with :data:`MARKED_BY`, the
        marked predicates read from *ontology* (None: no constraint is marked, or they name
        different marking properties)."""
        found = list(shapes.subject_objects(MARKED_BY))
        markers = {marker for _, marker in found}
        if len(markers) != 1:
            return None
        marker = markers.pop()
        if not isinstance(marker, URIRef):
            return None
        marked = {f"<{p}>" for p in ontology.subjects(marker, Literal(True))}
        return cls({constraint for constraint, _ in found}, f"<{marker}>", marked)

    def see(self, triples: Iterable[Triple]) -> None:
        """The triples of one graph as written."""
        if not self.held:
            return
        statements: list[Triple] = []
        records: dict[str, tuple[list[str], list[str], list[str]]] = {}
        marked, marker = self._marked, self._marker
        for triple in triples:
            s, p, o = triple
            if p in marked:
                statements.append(triple)
            elif p in _PARTS:
                records.setdefault(s, ([], [], []))[_PARTS[p]].append(o)
            elif p == marker and s not in marked:
                self.held = False  # a predicate marked here: the store checks it
                return
        if statements:
            named = {
                (s, p, o)
                for subjects, predicates, objects in records.values()
                for s in subjects
                for p in predicates
                for o in objects
            }
            self.held = all(statement in named for statement in statements)

    def see_entailed(self, triples: Iterable[Triple]) -> None:
        """Triples written besides the graphs (the entailments): a marked one, whose
        evidence no graph of its own holds, leaves the constraint to the store."""
        marked, marker = self._marked, self._marker
        if self.held and any(p in marked or p == marker for _, p, _ in triples):
            self.held = False

    def verified(self) -> set[Node]:
        """The constraints that hold on the union, as checked here (none: unsure)."""
        return set(self.constraints) if self.held else set()
