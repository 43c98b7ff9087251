"""What the SHACL compiler reads from a shapes graph, and what it makes: a :class:`Check`.

Helpers over the shapes graph (a shape's name, severity and message, an RDF list, a term
written for SPARQL) and the error every unsupported construct raises, naming the shape.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from graph_builder.errors import SourceError
from graph_builder.namespaces import compact


@dataclass(frozen=True)
class Check:
    """One compiled constraint: a SELECT whose rows are its violations."""

    query: str
    severity: str
    path: URIRef | None
    message: str
    component: str
    template: bool = False
    """The message has ``{?var}`` / ``{$var}`` placeholders filled from each row."""
    bounds: tuple[int | None, int | None] | None = None
    """For a merged min/max count check: (min, max); each row's ``?n`` says which failed."""


def shape_name(shape: Node) -> str:
    return compact(str(shape)) if isinstance(shape, URIRef) else "a blank-node shape"


def unsupported(shape: Node, what: str) -> SourceError:
    return SourceError(
        "shapes.ttl",
        f"shape {shape_name(shape)}: {what} is not supported by the SPARQL validator; "
        "validate with engine='pyshacl' or rewrite the shape",
    )


def only_keys(shapes: Graph, node: Node, allowed: set[URIRef]) -> None:
    for p in set(shapes.predicates(node)):
        if p not in allowed:
            raise unsupported(node, compact(str(p)))


def severity_of(shapes: Graph, node: Node, default: str = "Violation") -> str:
    value = shapes.value(node, SH.severity)
    return str(value).rsplit("#", 1)[-1] if value is not None else default


def message_of(shapes: Graph, node: Node) -> str | None:
    messages = list(shapes.objects(node, SH.message))
    if not messages:
        return None
    english = [m for m in messages if isinstance(m, Literal) and m.language in (None, "en")]
    return str((english or messages)[0])


def sparql_term(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise unsupported(node, "a blank node where an IRI or literal is expected")


def rdf_list(shapes: Graph, head: Node) -> list[Node]:
    return list(Collection(shapes, head)) if isinstance(head, BNode) else [head]


__all__ = [
    "Check",
    "message_of",
    "only_keys",
    "rdf_list",
    "severity_of",
    "shape_name",
    "sparql_term",
    "unsupported",
]
