"""SHACL validation by the engine: each constraint of ``shapes.ttl`` is one SELECT over the store.

pySHACL validates an in-memory rdflib graph node by node; at a million quads that means
copying the dataset into Python objects and minutes of work. Here each constraint becomes one
SELECT that finds its violating focus nodes (and values) in the union of the store's named
graphs (compiled by :mod:`graph_builder.rdf.shacl_compile`, which lists the SHACL features it
supports), so validation runs at the engine's speed and needs no copy.
``tests/test_validate.py`` checks that this and pySHACL report the same violations on a suite
of broken datasets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph_builder.namespaces import compact
from graph_builder.rdf.infer import hierarchy
from graph_builder.rdf.store import GraphStore
from graph_builder.rdf.terms import to_rdflib

if TYPE_CHECKING:  # rdflib and the compiler: imported when shapes are compiled
    from rdflib import Graph
    from rdflib.term import Node

    from graph_builder.rdf.shacl_record import RecordCheck
    from graph_builder.rdf.shacl_shapes import Check


@dataclass(frozen=True)
class Finding:
    """One violation found by a compiled constraint, before it is made readable."""

    severity: str
    focus: Node
    path: Node | None
    value: Node | None
    message: str
    component: str
    """The SHACL constraint component, e.g. ``MinCountConstraintComponent``."""


CHECK_THREADS = 2
"""Checks evaluated at the same time by :func:`validate_store`."""


def validate_store(
    store: GraphStore,
    shapes: Graph,
    *,
    focus_types: dict[str, set[str]] | None = None,
    written: RecordCheck | None = None,
) -> list[Finding]:
    """Every violation of *shapes* in the union of *store*'s named graphs.

    With *focus_types* (some nodes and their classes, :func:`types_of`: an incremental
    build's touched nodes), only those focus nodes are checked by the node and property
    shapes; a SPARQL constraint with a
    ``shape:scopeVariable`` only checks rows where that variable is one of them, and the
    others still run whole. The property shapes *written* found to hold on every record as
    the mapping wrote them are not checked again.
    """
    from concurrent.futures import ThreadPoolExecutor  # not for an incremental build's checks

    from graph_builder.rdf.shacl_compile import compile_shapes

    findings: list[Finding] = []
    below = class_hierarchy(store)
    verified = written.verified(below) if written is not None else set()
    checks = compile_shapes(shapes, subclasses=below, focus_types=focus_types, verified=verified)
    # The engine lets go of Python's lock while it evaluates: two checks run at a time.
    with ThreadPoolExecutor(max_workers=CHECK_THREADS) as pool:
        answers = list(pool.map(lambda check: _rows(store, check.query), checks))
    for check, rows in zip(checks, answers, strict=True):
        for values in rows:
            message = _fill(check.message, values) if check.template else check.message
            component = check.component
            if check.bounds is not None:
                component, message = _cardinality(check, int(str(values.pop("n"))))
            findings.append(
                Finding(
                    severity=check.severity,
                    focus=values["this"],
                    path=values.get("path", check.path),
                    value=values.get("value"),
                    message=message,
                    component=component,
                )
            )
    return findings


def _rows(store: GraphStore, text: str) -> list[dict[str, Node]]:
    """The rows of the SELECT *text* as rdflib terms, as pySHACL's findings are."""
    answer = store.select(text)
    names = [v.value for v in answer.variables]
    return [
        {n: node for n, t in zip(names, row, strict=True) if (node := to_rdflib(t)) is not None}
        for row in answer
    ]


def types_of(store: GraphStore, nodes: Iterable[str]) -> dict[str, set[str]]:
    """The classes each of *nodes* is stated or inferred to have (one lookup per node)."""
    values = " ".join(f"<{n}>" for n in sorted(set(nodes)))
    found: dict[str, set[str]] = {n: set() for n in nodes}
    if values:
        rows = store.select(f"SELECT ?n ?t WHERE {{ VALUES ?n {{ {values} }} ?n a ?t }}")
        for row in rows:
            found[row["n"].value].add(row["t"].value)
    return found


def class_hierarchy(store: GraphStore) -> dict[str, set[str]]:
    """Every class of *store*'s schema with all its subclasses (itself included)."""
    from graph_builder.rdf.infer import transitive_closure

    rows = store.select(
        "SELECT ?a ?b WHERE { GRAPH ?g { ?a rdfs:subClassOf ?b } FILTER(isIRI(?a) && isIRI(?b)) }"
    )
    return hierarchy(transitive_closure((r["a"].value, r["b"].value) for r in rows))


def _cardinality(check: Check, n: int) -> tuple[str, str]:
    low, high = check.bounds or (None, None)
    if low is not None and n < low:
        return "MinCountConstraintComponent", check.message or f"Less than {low} values"
    return "MaxCountConstraintComponent", check.message or f"More than {high} values"


def _fill(message: str, values: dict[str, Node]) -> str:
    from rdflib import URIRef

    def one(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if value is None:
            return match.group(0)
        return compact(str(value)) if isinstance(value, URIRef) else str(value)

    return re.sub(r"\{[?$](\w+)\}", one, message)
