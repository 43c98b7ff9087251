"""RDFS entailment while the mapping writes the triples: no pass over the store.

The schema (subclass and subproperty hierarchies, domains and ranges) is read from the
ontology and closed once (:class:`~graph_builder.rdf.infer.Schema`). With the closure, each
RDFS rule needs one premise only (rdfs2, 3, 7 and 9 through every superproperty and
superclass), so the entailments of a triple can be written down as soon as the triple is,
and a build never scans its million quads a second time.

:class:`Entailer` sees every stated triple (as N-Triples terms) and keeps what they entail,
less what some graph states. The result is the same set of quads that
:func:`~graph_builder.rdf.infer.infer_rdfs` derives with SPARQL in the store (a test compares
them). :func:`refresh_entailments` brings ``graph:inferred`` up to date after some graphs
changed, looking at the premises of only the triples that can have changed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from graph_builder.prefixes import PREFIX_IRIS
from graph_builder.rdf.infer import INFERRED_GRAPH, Schema
from graph_builder.rdf.store_output import with_union
from graph_builder.rdf.terms import Triple

if TYPE_CHECKING:
    from rdflib import Graph

    from graph_builder.rdf.store import GraphStore

log = logging.getLogger(__name__)

TYPE = f"<{PREFIX_IRIS['rdf']}type>"

WRITTEN_BITS = 1 << 27
"""The bits (16 MB) by which a streaming :class:`Entailer` remembers what it has taken: at
5.4M quads (1.9M entailments) about 1.4% of them are set, so about as few stated triples
are noted late without having been taken."""


class Entailer:
    """Collects the RDFS entailments of the triples it is shown (:meth:`see`)."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        by_predicate: dict[str, tuple[list[str], list[str], list[str]]] = {}

        def rule(p: str) -> tuple[list[str], list[str], list[str]]:
            return by_predicate.setdefault(f"<{p}>", ([], [], []))

        for p, q in sorted(schema.sub_property):
            if p != q:
                rule(p)[0].append(f"<{q}>")  # rdfs7
        for p, c in sorted(schema.typed_by(schema.domain)):
            rule(p)[1].append(f"<{c}>")  # rdfs2
        for p, c in sorted(schema.typed_by(schema.range)):
            rule(p)[2].append(f"<{c}>")  # rdfs3
        self._rules = by_predicate
        supers: dict[str, list[str]] = {}
        for c, d in sorted(schema.sub_class):
            if c != d:
                supers.setdefault(f"<{c}>", []).append(f"<{d}>")  # rdfs9
        self._supers = supers
        # Predicates of the conclusions: a stated triple with one of them may make an
        # entailment redundant ("only when no graph states it").
        self._watched = {TYPE} | {q for rules in by_predicate.values() for q in rules[0]}
        self.entailed: set[Triple] = set()
        self.stated: set[Triple] = set()
        self._written: bytearray | None = None
        self.late: list[Triple] = []
        """Stated triples that may have been taken as entailments before (:meth:`stream`)."""

    @classmethod
    def from_ontology(cls, ontology: Graph) -> Entailer:
        """An entailer for the schema that *ontology* states."""
        return cls(Schema.from_graph(ontology))

    def stream(self) -> None:
        """Let the entailments be taken as the triples come, not once all are seen.

        An entailment taken may then be stated by a triple seen later: such triples are
        noted in :attr:`late` (with a few others), to be removed from ``graph:inferred``
        once written. The entailments taken are remembered only as bits of a fixed-size
        table (:data:`WRITTEN_BITS`): a triple whose bit is set by another is one of the
        few others, and its removal finds nothing to remove.
        """
        self._written = bytearray(WRITTEN_BITS >> 3)

    def see(self, triples: Iterable[Triple]) -> None:
        """Note the stated *triples* and what they entail."""
        watched, stated, entailed = self._watched, self.stated.add, self.entailed.add
        rules_of, supers_of = self._rules.get, self._supers.get
        written, known = self._written, self.stated
        for triple in triples:
            s, p, o = triple
            if p in watched:
                if written is not None and triple not in known:
                    bit = hash(triple) & (WRITTEN_BITS - 1)
                    if written[bit >> 3] & (1 << (bit & 7)):
                        self.late.append(triple)
                stated(triple)
            rules = rules_of(p)
            if rules is not None:
                for q in rules[0]:
                    entailed((s, q, o))
                for c in rules[1]:
                    entailed((s, TYPE, c))
                if rules[2] and o[0] != '"':
                    for c in rules[2]:
                        entailed((o, TYPE, c))
            if p == TYPE:
                for d in supers_of(o, ()):
                    entailed((s, TYPE, d))

    def take(self, *, blank: bool) -> list[Triple]:
        """The entailments so far that no seen triple states, with a blank node (*blank*) or
        without; they are forgotten once taken."""
        stated = self.stated  # no set difference: a second set as large as the first
        taken = [t for t in self.entailed if t not in stated and _has_blank(t) == blank]
        self.entailed.difference_update(taken)
        written = self._written
        if written is not None:
            for triple in taken:
                bit = hash(triple) & (WRITTEN_BITS - 1)
                written[bit >> 3] |= 1 << (bit & 7)
        return taken

    def premises(self, triple: Triple) -> list[tuple[str | None, str, str | None]]:
        """Patterns (None = any term) of the stated triples that would entail *triple*."""
        s, p, o = triple
        found: list[tuple[str | None, str, str | None]] = []
        for q, rules in self._rules.items():
            if p in rules[0]:
                found.append((s, q, o))
            if p == TYPE and o in rules[1]:
                found.append((s, q, None))
            if p == TYPE and o in rules[2]:
                found.append((None, q, s))
        if p == TYPE:
            found.extend((s, TYPE, c) for c, ds in self._supers.items() if o in ds)
        return found


def nquads(triples: Iterable[Triple], graph: str = INFERRED_GRAPH) -> str:
    """N-Quads lines of *triples* in the named graph *graph*, and in the default graph
    (:func:`~graph_builder.rdf.store_output.with_union`)."""
    suffix = f" <{graph}> .\n"
    return with_union("".join(f"{s} {p} {o}{suffix}" for s, p, o in triples), graph)


def ontology_triples(ontology: Graph) -> list[Triple]:
    """*ontology*'s triples as N-Triples terms."""
    text = ontology.serialize(format="nt", encoding="utf-8").decode("utf-8")
    triples = []
    for line in text.splitlines():
        if line:
            s, p, rest = line.split(" ", 2)
            triples.append((s, p, rest[:-2].rstrip()))
    return triples


def _has_blank(triple: Triple) -> bool:
    return triple[0].startswith("_:") or triple[2].startswith("_:")


def reach(entailer: Entailer, changed: Iterable[Triple]) -> set[Triple]:
    """The triples *changed* and their entailments: those whose place in ``graph:inferred``
    (and so in the union) a change of *changed* can move."""
    candidates = set(changed)
    entailer.see(candidates)
    candidates |= entailer.entailed
    entailer.entailed.clear()
    entailer.stated.clear()
    return candidates


def refresh_entailments(store: GraphStore, entailer: Entailer, changed: Iterable[Triple]) -> int:
    """Bring ``graph:inferred`` of *store* up to date after the triples *changed* were added
    to or removed from its other graphs; return by how many quads that graph grew.

    A stated triple can change two things: what it entails, and whether a triple it equals
    is redundant as an entailment. So the candidates are the changed triples and their
    entailments; each is then decided against the store as it is now: it belongs in
    ``graph:inferred`` when some other graph states a premise for it and none states it.
    """
    candidates = reach(entailer, changed)
    wanted: list[Triple] = []
    unwanted: list[Triple] = []
    for triple in sorted(candidates):
        if _has_blank(triple):
            continue  # the mapping writes no blank nodes: only the ontology's, unchanged
        entailed = not store.states(*triple, besides=INFERRED_GRAPH) and any(
            store.states(*premise, besides=INFERRED_GRAPH) for premise in entailer.premises(triple)
        )
        (wanted if entailed else unwanted).append(triple)
    added, removed = store.set_membership(INFERRED_GRAPH, wanted, unwanted)
    return added - removed
