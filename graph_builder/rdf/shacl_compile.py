"""SHACL shapes compiled to SPARQL: one SELECT per constraint, whose rows are its violations.

:mod:`graph_builder.rdf.shacl` runs them over the store. The constructs compiled are those
SHACL Core features the project's shapes use:

- targets: ``sh:targetClass`` (with ``rdfs:subClassOf*``), ``sh:targetNode``;
- property shapes whose ``sh:path`` is a predicate IRI, with ``sh:minCount``,
  ``sh:maxCount``, ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:pattern`` (with
  ``sh:flags``), ``sh:languageIn``, ``sh:uniqueLang``, ``sh:or`` of value tests, and
  ``sh:qualifiedValueShape`` of value tests with ``sh:qualifiedMinCount`` /
  ``sh:qualifiedMaxCount``;
- SPARQL-based constraints (``sh:sparql`` with ``sh:select``, ``$this`` and ``sh:prefixes``).

Anything else raises :class:`~graph_builder.errors.SourceError` naming the shape, so a
shapes file never validates less than it says; ``validate_dataset(..., engine="pyshacl")``
remains for such files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Set

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from graph_builder.namespaces import SHAPE, compact
from graph_builder.rdf.shacl_shapes import (
    Check,
    message_of,
    only_keys,
    rdf_list,
    severity_of,
    sparql_term,
    unsupported,
)

_SUPPORTED_PROPERTY_KEYS = {
    SH.path,
    SH.minCount,
    SH.maxCount,
    SH["class"],
    SH.datatype,
    SH.nodeKind,
    SH.pattern,
    SH.flags,
    SH.languageIn,
    SH.uniqueLang,
    SH["or"],
    SH.qualifiedValueShape,
    SH.qualifiedMinCount,
    SH.qualifiedMaxCount,
    SH.message,
    SH.severity,
    SH.name,
    SH.description,
    RDF.type,
}
_SUPPORTED_NODE_KEYS = {
    SH.targetClass,
    SH.targetNode,
    SH.property,
    SH.sparql,
    SH.message,
    SH.severity,
    SH.name,
    SH.description,
    SH.deactivated,
    RDF.type,
}
_VALUE_TEST_KEYS = {SH.datatype, SH.nodeKind, SH.languageIn, SH["class"], SH.pattern, SH.flags}
_NODE_KINDS = {
    SH.IRI: "isIRI(?v)",
    SH.Literal: "isLiteral(?v)",
    SH.BlankNode: "isBlank(?v)",
    SH.BlankNodeOrIRI: "(isBlank(?v) || isIRI(?v))",
    SH.IRIOrLiteral: "(isIRI(?v) || isLiteral(?v))",
    SH.BlankNodeOrLiteral: "(isBlank(?v) || isLiteral(?v))",
}


def compile_shapes(
    shapes: Graph,
    *,
    subclasses: dict[str, set[str]],
    focus_types: dict[str, set[str]] | None = None,
    verified: Set[Node] = frozenset(),
) -> list[Check]:
    """One SPARQL check per constraint of every node shape in *shapes*.

    *subclasses* gives each class's subclasses (:func:`.shacl.class_hierarchy`): class tests
    list them instead of following ``rdfs:subClassOf*`` for every value. With
    *focus_types* (some focus nodes and their classes: an incremental build's touched
    nodes), node and property constraints only check those of the nodes a shape targets.
    """
    below = subclasses
    checks: list[Check] = []
    focus = None if focus_types is None else sorted(focus_types)
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        if shapes.value(shape, SH.deactivated) == Literal(True):
            continue
        only_keys(shapes, shape, _SUPPORTED_NODE_KEYS)
        target = _target(shapes, shape, below)
        if target is None:
            continue
        severity = severity_of(shapes, shape)
        scoped = target if focus_types is None else _picked(shapes, shape, below, focus_types)
        if scoped:
            for prop in shapes.objects(shape, SH.property):
                if prop in verified:
                    continue
                checks.extend(_property_checks(shapes, shape, prop, scoped, severity, below))
        for constraint in shapes.objects(shape, SH.sparql):
            if constraint in verified:
                continue
            checks.extend(_sparql_checks(shapes, shape, constraint, target, severity, focus))
    return checks


Below = dict[str, set[str]]
"""Each class's subclasses (itself included)."""


def _instance_of(var: str, classes: list[Node], tmp: str, below: Below) -> str:
    """A pattern matching *var* typed by one of *classes* or a subclass of one."""
    types = sorted(_with_subclasses({str(c) for c in classes}, below))
    return f"{var} a {tmp} . VALUES {tmp} {{ {' '.join(f'<{c}>' for c in types)} }}"


def _with_subclasses(classes: set[str], below: Below) -> set[str]:
    return {s for c in classes for s in below.get(c, {c})}


def _picked(shapes: Graph, shape: Node, below: Below, focus_types: dict[str, set[str]]) -> str:
    """``VALUES ?this`` with the focus nodes *shape* targets ("" when it targets none)."""
    wanted = _with_subclasses({str(c) for c in shapes.objects(shape, SH.targetClass)}, below)
    nodes = {str(n) for n in shapes.objects(shape, SH.targetNode)}
    picked = sorted(n for n, types in focus_types.items() if n in nodes or types & wanted)
    if not picked:
        return ""
    return f"VALUES ?this {{ {' '.join(f'<{n}>' for n in picked)} }}"


def _target(shapes: Graph, shape: Node, below: Below) -> str | None:
    """A graph pattern binding ``?this`` to every focus node of *shape*, or None."""
    parts = []
    classes = sorted(shapes.objects(shape, SH.targetClass), key=str)
    if classes:
        typed = _instance_of("?this", classes, "?zType", below)
        parts.append(f"{{ SELECT DISTINCT ?this WHERE {{ {typed} }} }}")
    nodes = sorted(shapes.objects(shape, SH.targetNode), key=str)
    if nodes:
        parts.append(f"{{ VALUES ?this {{ {' '.join(sparql_term(n) for n in nodes)} }} }}")
    if not parts:
        return None
    return " UNION ".join(parts)


# ---------------------------------------------------------------------- value tests


def _value_test(shapes: Graph, node: Node, owner: Node, below: Below) -> str:
    """The SPARQL condition on ?v that holds when the value conforms to *node*'s tests."""
    tests = [
        _one_test(shapes, URIRef(str(key)), node, owner, below)[0]
        for key in sorted(set(shapes.predicates(node)) & _VALUE_TEST_KEYS - {SH.flags}, key=str)
    ]
    return " && ".join(tests) or "true"


def _one_test(
    shapes: Graph, key: URIRef, node: Node, owner: Node, below: Below
) -> tuple[str, str, str]:
    rule = shapes.value(node, key)
    assert rule is not None
    if key == SH.datatype:
        return (
            f"(isLiteral(?v) && datatype(?v) = {sparql_term(rule)})",
            "DatatypeConstraintComponent",
            f"Value is not Literal with datatype {compact(str(rule))}",
        )
    if key == SH.nodeKind:
        if rule not in _NODE_KINDS:
            raise unsupported(owner, f"sh:nodeKind {rule}")
        return (
            _NODE_KINDS[rule],  # type: ignore[index]
            "NodeKindConstraintComponent",
            f"Value is not of Node Kind {compact(str(rule))}",
        )
    if key == SH.languageIn:
        tags = [str(t) for t in rdf_list(shapes, rule)]
        cond = " || ".join(f"langMatches(lang(?v), {Literal(t).n3()})" for t in tags)
        return (
            f"({cond or 'false'})",
            "LanguageInConstraintComponent",
            f"String language is not in {tags}",
        )
    if key == SH["class"]:
        return (
            f"EXISTS {{ {_instance_of('?v', [rule], '?zClass', below)} }}",
            "ClassConstraintComponent",
            f"Value does not have class {compact(str(rule))}",
        )
    flags = shapes.value(node, SH.flags)
    flag_arg = f", {Literal(str(flags)).n3()}" if flags is not None else ""
    return (
        f"(!isBlank(?v) && regex(str(?v), {Literal(str(rule)).n3()}{flag_arg}))",
        "PatternConstraintComponent",
        f"Value does not match pattern {str(rule)!r}",
    )


# ---------------------------------------------------------------------- property shapes


def _property_checks(
    shapes: Graph, shape: Node, prop: Node, target: str, severity: str, below: Below
) -> Iterator[Check]:
    only_keys(shapes, prop, _SUPPORTED_PROPERTY_KEYS)
    path = shapes.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise unsupported(shape, "a property path other than one predicate IRI")
    severity = severity_of(shapes, prop, severity)
    custom = message_of(shapes, prop)
    p = sparql_term(path)
    where = f"{{ {target} }}"

    def check(query: str, component: str, message: str) -> Check:
        return Check(query, severity, path, custom or message, component)

    low, high = (shapes.value(prop, key) for key in (SH.minCount, SH.maxCount))
    if low is not None or high is not None:  # one pass over the values for both bounds
        lo = int(str(low)) if low is not None else None
        hi = int(str(high)) if high is not None else None
        tests = ([f"?n < {lo}"] if lo is not None else []) + ([f"?n > {hi}"] if hi else [])
        if hi == 0:
            tests.append("?n > 0")
        yield Check(
            f"SELECT ?this ?n WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ "
            f"{where} OPTIONAL {{ ?this {p} ?v }} }} GROUP BY ?this }} "
            f"FILTER({' || '.join(tests)}) }}",
            severity,
            path,
            custom or "",
            "CountConstraintComponent",
            bounds=(lo, hi),
        )
    for test_key in sorted(set(shapes.predicates(prop)) & (_VALUE_TEST_KEYS - {SH.flags}), key=str):
        holds, component, message = _one_test(shapes, URIRef(str(test_key)), prop, shape, below)
        yield check(
            f"SELECT DISTINCT ?this ?value WHERE {{ {where} ?this {p} ?v . "
            f"FILTER (!({holds})) BIND (?v AS ?value) }}",
            component,
            message,
        )
    for alternatives in shapes.objects(prop, SH["or"]):
        tests = []
        for member in rdf_list(shapes, alternatives):
            only_keys(shapes, member, _VALUE_TEST_KEYS)
            tests.append(_value_test(shapes, member, shape, below))
        yield check(
            f"SELECT DISTINCT ?this ?value WHERE {{ {where} ?this {p} ?v . "
            f"FILTER (!({' || '.join(tests)})) BIND (?v AS ?value) }}",
            "OrConstraintComponent",
            "Value does not conform to any of the shapes in sh:or",
        )
    if shapes.value(prop, SH.uniqueLang) == Literal(True):
        yield check(
            f'SELECT ?this WHERE {{ {where} ?this {p} ?v . FILTER (lang(?v) != "") }} '
            "GROUP BY ?this (lang(?v)) HAVING (COUNT(DISTINCT ?v) > 1)",
            "UniqueLangConstraintComponent",
            "More than one String shares the same Language",
        )
    qualified = shapes.value(prop, SH.qualifiedValueShape)
    if qualified is not None:
        only_keys(shapes, qualified, _VALUE_TEST_KEYS)
        holds = _value_test(shapes, qualified, shape, below)
        for key, op, component in (
            (SH.qualifiedMinCount, "<", "QualifiedMinCountConstraintComponent"),
            (SH.qualifiedMaxCount, ">", "QualifiedMaxCountConstraintComponent"),
        ):
            bound = shapes.value(prop, key)
            if bound is not None:
                yield check(
                    f"SELECT ?this WHERE {{ {where} OPTIONAL {{ ?this {p} ?v FILTER ({holds}) }} }}"
                    f" GROUP BY ?this HAVING (COUNT(DISTINCT ?v) {op} {int(str(bound))})",
                    component,
                    f"Focus node has {'fewer' if op == '<' else 'more'} than {int(str(bound))} "
                    f"values conforming to the qualified value shape on {compact(str(path))}",
                )


# ---------------------------------------------------------------------- SPARQL constraints


SCOPE_VARIABLE = SHAPE.scopeVariable
"""On a SPARQL constraint: the variable whose rows, for one value, depend only on the named
graphs that mention that value. An incremental build binds it to the nodes its changed
graphs mention instead of running the constraint over everything."""


SCOPE_BATCH = 8
"""Focus nodes per query of a scoped SPARQL constraint: with a longer VALUES list the
engine joins by hashing the whole graph instead of looking each node up."""


def _scoped(where: str, scope: str, nodes: str) -> str:
    """*where* with ``?scope`` bound to *nodes*, also inside each sub-SELECT that projects
    it: the engine evaluates a sub-SELECT before the join, so without the binding inside it
    lists every row (1 s a batch at 200k quads) for the few wanted."""
    values = f"VALUES ?{scope} {{ {nodes} }}"
    inside = re.sub(
        rf"(\bSELECT\b[^{{}}]*\?{scope}\b[^{{}}]*\bWHERE\s*\{{)",
        lambda found: f"{found.group(1)} {values} ",
        where,
        flags=re.IGNORECASE,
    )
    return f"{values} {inside}"


def _sparql_checks(
    shapes: Graph,
    shape: Node,
    constraint: Node,
    target: str,
    severity: str,
    focus: list[str] | None = None,
) -> list[Check]:
    """The check of one SPARQL constraint; with *focus*, only rows whose scope variable (if
    the constraint has one) is a focus node, in batches of :data:`SCOPE_BATCH`."""
    select = shapes.value(constraint, SH.select)
    if select is None:
        raise unsupported(shape, "a SPARQL constraint without sh:select")
    prologue = "".join(
        f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
        for ontology in shapes.objects(constraint, SH.prefixes)
        for d in shapes.objects(ontology, SH.declare)
    )
    body = re.sub(r"\$this\b", "?this", str(select))
    inner = body[body.index("{") + 1 : body.rindex("}")]
    head = body[: body.index("{")]
    scope = shapes.value(constraint, SCOPE_VARIABLE)
    wheres = [inner]
    if focus is not None and scope is not None:
        if not re.fullmatch(r"\w+", str(scope)):
            raise unsupported(shape, f"a scope variable {str(scope)!r} that is not a name")
        batches = [focus[i : i + SCOPE_BATCH] for i in range(0, len(focus), SCOPE_BATCH)]
        values = [" ".join(f"<{n}>" for n in batch) for batch in batches]
        wheres = [_scoped(inner, str(scope), nodes) for nodes in values]
    message = message_of(shapes, constraint) or message_of(shapes, shape) or "SPARQL constraint"
    return [
        Check(
            f"{prologue}{head}{{ {{ {target} }} {where} }}",
            severity_of(shapes, constraint, severity),
            None,
            message,
            "SPARQLConstraintComponent",
            template=True,
        )
        for where in wheres
    ]
