"""Terms between the engine (pyoxigraph), rdflib and N-Triples text.

The store (:mod:`graph_builder.rdf.store`) and the library speak engine terms; rdflib's are
made only where a library needs them (pySHACL, owlrl, the network projection). This module
converts between them, and makes engine terms from N-Triples text for the build's
incremental paths. rdflib is imported on first use, not when this module is.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graph_builder.errors import QueryError

if TYPE_CHECKING:
    from rdflib import BNode, Literal, URIRef
    from rdflib.term import Identifier

    _Terms = tuple[type[URIRef], type[BNode], type[Literal]]

Triple = tuple[str, str, str]
"""(subject, predicate, object) as N-Triples terms: ``<iri>``, ``_:b`` or a quoted literal."""

_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

_terms: _Terms | None = None


def _rdflib_terms() -> _Terms:
    """rdflib's term classes, imported on first use (not when this module is)."""
    global _terms
    if _terms is None:
        from rdflib import BNode, Literal, URIRef

        _terms = (URIRef, BNode, Literal)
    return _terms


@functools.lru_cache(maxsize=65536)
def term(text: str) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An engine term from its N-Triples text (``<iri>``, ``_:b``, ``"lit"@en`` …)."""
    if text.startswith("<") and text.endswith(">"):
        return ox.NamedNode(text[1:-1])
    if text.startswith("_:"):
        return ox.BlankNode(text[2:])
    (triple,) = ox.parse(f"<x:s> <x:p> {text} .", format=ox.RdfFormat.N_TRIPLES)
    found = triple.object
    if not isinstance(found, ox.NamedNode | ox.BlankNode | ox.Literal):
        raise QueryError(f"not an IRI, blank node or literal: {text}")
    return found


def subject_term(text: str) -> ox.NamedNode | ox.BlankNode:
    """:func:`term`, refusing a literal."""
    found = term(text)
    if isinstance(found, ox.Literal):
        raise QueryError(f"a literal cannot be a subject: {text}")
    return found


def predicate_term(text: str) -> ox.NamedNode:
    """:func:`term`, for an IRI only."""
    found = term(text)
    if not isinstance(found, ox.NamedNode):
        raise QueryError(f"a predicate is an IRI: {text}")
    return found


def to_engine(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as an engine term."""
    uri, bnode, literal = _terms or _rdflib_terms()
    if isinstance(term, uri):
        return ox.NamedNode(str(term))
    if isinstance(term, bnode):
        return ox.BlankNode(str(term))
    if isinstance(term, literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot bind {term!r}: not an IRI, blank node or literal")


def to_rdflib(term: Any) -> Identifier | None:
    """An engine term as an rdflib term (``None`` stays ``None``)."""
    if term is None:
        return None
    uri, bnode, literal = _terms or _rdflib_terms()
    if isinstance(term, ox.NamedNode):
        return uri(term.value)
    if isinstance(term, ox.BlankNode):
        return bnode(term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if term.language:
            return literal(term.value, lang=term.language)
        if datatype == _XSD_STRING:
            return literal(term.value)
        if datatype == _LANG_STRING:
            return literal(term.value)
        return literal(term.value, datatype=uri(datatype))
    raise QueryError(f"the engine returned a term this library cannot represent: {term!r}")
