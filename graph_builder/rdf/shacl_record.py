"""SHACL property shapes checked on each record while the mapping writes it.

The mapping writes some records whole, every triple about one in the same graph at once
(the evidence records: :data:`graph_builder.rdf.mapping.WHOLE_RECORDS`). The property
shapes on such records can then be checked in Python, record by record, as the triples go
by, instead of by a query over the store afterwards: at 1.35M quads those checks were most
of the validation's time. :class:`RecordCheck` is shown every triple of the build (the
mapping's, the ontology's and the entailments) and reports which property shapes held for
every record; :func:`graph_builder.rdf.shacl.validate_store` leaves those out.

It decides only "held everywhere" or not: a property shape that failed on some record, or
that it cannot be sure of (a record split over two graphs, a value of a checked property
written elsewhere, a node of the class it never saw whole, a class hierarchy that changed),
is checked by the store as before, so the report is the engine's, word for word. The
constraints checked here are ``sh:minCount``, ``sh:maxCount``, ``sh:nodeKind``,
``sh:datatype`` and ``sh:class`` on a predicate path, read from the shapes; a property shape
with anything else is left to the store.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from graph_builder.rdf.infer import hierarchy
from graph_builder.rdf.shacl_sourced import SourcedCheck
from graph_builder.rdf.terms import Triple

_TYPE = f"<{RDF.type}>"
_LANG_STRING = f"<{RDF.langString}>"
_STRING = f"<{XSD.string}>"
_KEYS = {
    SH.path,
    SH.minCount,
    SH.maxCount,
    SH.nodeKind,
    SH.datatype,
    SH["class"],
    SH.message,
    SH.severity,
    SH.name,
    SH.description,
    RDF.type,
}
_KINDS: dict[Node, Callable[[str], bool]] = {
    SH.IRI: lambda v: v[0] == "<",
    SH.Literal: lambda v: v[0] == '"',
    SH.BlankNode: lambda v: v[0] == "_",
    SH.BlankNodeOrIRI: lambda v: v[0] != '"',
    SH.IRIOrLiteral: lambda v: v[0] != "_",
    SH.BlankNodeOrLiteral: lambda v: v[0] != "<",
}

Below = dict[str, set[str]]
"""Each class's subclasses, itself included (:func:`graph_builder.rdf.shacl.class_hierarchy`)."""


def datatype_of(term: str) -> str | None:
    """The datatype (``<iri>``) of an N-Triples literal *term*, or None for another term."""
    if term[0] != '"':
        return None
    tail = term[term.rindex('"') + 1 :]
    if tail.startswith("^^"):
        return tail[2:]
    return _LANG_STRING if tail.startswith("@") else _STRING


@dataclass
class _Rule:
    """One property shape, as tests on one record's values of its path."""

    shape: Node
    path: str
    low: int | None
    high: int | None
    tests: list[Callable[[str], bool]]
    cls: str | None
    """The class (``<iri>``) every value must have, if any."""
    held: bool = True


class RecordCheck:
    """Checks the property shapes on records of *classes* (IRIs; with their subclasses by
    *below*) as their triples are shown (:meth:`see`); :meth:`verified` says which held."""

    def __init__(
        self,
        shapes: Graph,
        *,
        classes: Iterable[str],
        below: Below,
        sourced: SourcedCheck | None = None,
    ) -> None:
        self._sourced = sourced
        """The statements' evidence, checked graph by graph (:mod:`.shacl_sourced`)."""
        self._below = below
        self._roots = sorted(set(classes))
        self._classes = {f"<{c}>" for c in _with_subclasses(self._roots, below)}
        self._rules = [rule for rule in _rules(shapes, self._classes, below) if rule is not None]
        self._paths = {rule.path for rule in self._rules}
        self._wanted = {
            f"<{c}>"
            for rule in self._rules
            if rule.cls is not None
            for c in _with_subclasses([rule.cls[1:-1]], below)
        }
        self._checked: set[int] = set()
        """Hashes of the records checked (a collision only makes a shape go to the store)."""
        self._strays: set[str] = set()
        self._needs_class: dict[int, set[str]] = {}
        self._typed: set[tuple[str, str]] = set()
        self._whole = True
        self._unseen: set[int] = set()

    @classmethod
    def for_ontology(cls, shapes: Graph, ontology: Graph, *, classes: Iterable[str]) -> RecordCheck:
        """A check of *classes*' records, their subclasses read from *ontology*, and of the
        statements that need evidence, marked in *ontology* (:mod:`.shacl_sourced`)."""
        from graph_builder.rdf.infer import Schema

        below = hierarchy(Schema.from_graph(ontology).sub_class)
        return cls(shapes, classes=classes, below=below, sourced=SourcedCheck.of(shapes, ontology))

    def see(self, triples: Collection[Triple]) -> None:
        """The triples of one graph as written; a record is all in one such call."""
        if self._sourced is not None:
            self._sourced.see(triples)
        typed: set[str] = set()
        found: list[Triple] = []
        classes, paths, wanted = self._classes, self._paths, self._wanted
        for triple in triples:
            s, p, o = triple
            if p == _TYPE:
                if o in classes:
                    typed.add(s)
                if o in wanted:
                    self._typed.add((s, o))
            elif p in paths:
                found.append(triple)
        if typed or found:
            self._records(typed, found)

    def _records(self, typed: set[str], found: list[Triple]) -> None:
        values: dict[tuple[str, str], set[str]] = {}
        for s, p, o in found:
            if s in typed:
                values.setdefault((s, p), set()).add(o)
            else:
                self._strays.add(s)
        for s in typed:
            key = hash(s)
            if key in self._checked:
                self._whole = False  # the same record in two graphs
            self._checked.add(key)
            for index, rule in enumerate(self._rules):
                got = values.get((s, rule.path), ())
                n = len(got)
                if (rule.low is not None and n < rule.low) or (
                    rule.high is not None and n > rule.high
                ):
                    rule.held = False
                for value in got:
                    if not all(test(value) for test in rule.tests):
                        rule.held = False
                    if rule.cls is not None:
                        self._needs_class.setdefault(index, set()).add(value)

    def see_entailed(self, triples: Collection[Triple]) -> None:
        """Triples the build adds besides the records' graphs (the entailments), before or
        after the records they are about."""
        if self._sourced is not None:
            self._sourced.see_entailed(triples)
        for s, p, o in triples:
            if p == _TYPE:
                if o in self._classes and hash(s) not in self._checked:
                    self._unseen.add(hash(s))  # a record not seen yet: maybe never
                if o in self._wanted:
                    self._typed.add((s, o))
            elif p in self._paths:
                self._strays.add(s)

    def verified(self, below: Below) -> set[Node]:
        """The property shapes that held for every record, given the store's class
        hierarchy *below* (another hierarchy than the one checked with: none), and the
        SPARQL constraints on statements that held in every graph."""
        sourced = self._sourced.verified() if self._sourced is not None else set()
        return sourced | self._held(below)

    def _held(self, below: Below) -> set[Node]:
        if not self._whole or any(hash(s) in self._checked for s in self._strays):
            return set()
        if not self._unseen <= self._checked:  # a record this check never saw
            return set()
        if _with_subclasses(self._roots, below) != _with_subclasses(self._roots, self._below):
            return set()
        held = set()
        for index, rule in enumerate(self._rules):
            if rule.held and rule.cls is not None:
                classes = {f"<{c}>" for c in _with_subclasses([rule.cls[1:-1]], below)}
                rule.held = all(
                    any((value, c) in self._typed for c in classes)
                    for value in self._needs_class.get(index, ())
                )
            if rule.held:
                held.add(rule.shape)
        return held


def _with_subclasses(classes: Iterable[str], below: Below) -> set[str]:
    return {s for c in classes for s in below.get(c, {c})}


def _rules(shapes: Graph, classes: set[str], below: Below) -> Iterable[_Rule | None]:
    """A rule per property shape of the node shapes that target only *classes*."""
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        targets = [str(c) for c in shapes.objects(shape, SH.targetClass)]
        if not targets or any(shapes.objects(shape, SH.targetNode)):
            continue
        if not {f"<{c}>" for c in _with_subclasses(targets, below)} <= classes:
            continue
        for prop in shapes.objects(shape, SH.property):
            if len(set(shapes.subjects(SH.property, prop))) == 1:  # else the store checks it
                yield _rule(shapes, prop)


def _repeated(keys: list[Node]) -> bool:
    """Whether a constraint is given twice (the store checks each of them)."""
    return any(keys.count(k) > 1 for k in keys if k not in (SH.message, SH.name, SH.description))


def _rule(shapes: Graph, prop: Node) -> _Rule | None:
    """*prop* as a rule, or None when it has a constraint not checked here."""
    keys = list(shapes.predicates(prop))
    if not set(keys) <= _KEYS or _repeated(keys):
        return None
    path = shapes.value(prop, SH.path)
    if not isinstance(path, URIRef):
        return None
    tests: list[Callable[[str], bool]] = []
    kind = shapes.value(prop, SH.nodeKind)
    if kind is not None:
        if kind not in _KINDS:
            return None
        tests.append(_KINDS[kind])
    datatype = shapes.value(prop, SH.datatype)
    if datatype is not None:
        wanted = f"<{datatype}>"
        tests.append(lambda v: datatype_of(v) == wanted)
    cls = shapes.value(prop, SH["class"])
    low, high = (shapes.value(prop, key) for key in (SH.minCount, SH.maxCount))
    return _Rule(
        shape=prop,
        path=f"<{path}>",
        low=int(str(low)) if low is not None else None,
        high=int(str(high)) if high is not None else None,
        tests=tests,
        cls=f"<{cls}>" if cls is not None else None,
    )
