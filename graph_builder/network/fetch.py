"""What the entity network is made of, read from the store with SPARQL.

The projection (:mod:`graph_builder.network.project`) needs the statements about typed
things (vertices, concepts, the ontology's terms), the sources' catalog records and, when
asked, the evidence records summed up per statement. The store answers each with one
query along its indexes, so Python never sees the evidence records' own statements nor
the entailments (``graph:inferred``), which together are most of a large store's quads;
without evidence the cost follows the size of the network.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pyoxigraph as ox

from graph_builder.prefixes import PREFIX_IRIS
from graph_builder.rdf.store import GraphStore

SOURCE_GRAPH_PREFIX = PREFIX_IRIS["graph"] + "source/"
Quad = tuple[Any, str, Any, str]
"""(subject, predicate, object, the graph's short name: :func:`graph_name`); IRIs as plain
``str`` (fast to hash and compare), literals and blank nodes as the engine's terms."""

_NOT_INFERRED = "FILTER(?g != graph:inferred)"
_ABOUT_TYPED = f"""
SELECT ?s ?p ?o ?g WHERE {{
  {{ SELECT DISTINCT ?s WHERE {{
      GRAPH ?t {{ ?s a ?class }} FILTER(?t NOT IN (graph:inferred, graph:catalog))
      FILTER(?class NOT IN (agr:Evidence, rdf:Statement))
  }} }}
  GRAPH ?g {{ ?s ?p ?o }} {_NOT_INFERRED}
}}"""
"""The statements about things typed outside the catalog: vertices, concepts and the
ontology's terms (their classes, labels and the class hierarchy). The evidence records are
left out: tens of thousands, never vertices."""
_TERM_LABELS = """
SELECT ?s ?p ?o ?g WHERE {
  GRAPH ?g { ?s ?p ?o } VALUES ?g { graph:ontology } VALUES ?p { rdfs:label skos:prefLabel }
}"""
"""The ontology's labels, also of terms it does not type (the predicates' labels)."""
_SUBCLASSES = f"""
SELECT ?s ?p ?o ?g WHERE {{
  GRAPH ?g {{ ?s ?p ?o }} VALUES ?p {{ rdfs:subClassOf }} {_NOT_INFERRED}
}}
"""
"""The class hierarchy, also of classes no graph types."""
_CATALOG = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } VALUES ?g { graph:catalog } }"
"""The sources' records."""
_CITED = """
SELECT DISTINCT ?s WHERE {
  GRAPH ?g { ?x dcterms:source ?s } FILTER(isIRI(?s) && ?g != graph:inferred)
}"""
_ABOUT = f"""
SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_NOT_INFERRED} VALUES ?s {{ @@ }} }}"""
"""The statements about the sources that evidence cites but no graph describes."""
_BLANK_OBJECTS = f"""
SELECT ?s ?p ?o ?g WHERE {{
  GRAPH ?h {{ ?x ?q ?s }} FILTER(isBlank(?s) && ?h != graph:inferred)
  GRAPH ?g {{ ?s ?p ?o }} {_NOT_INFERRED}
}}"""
"""What blank nodes that are values say: a value's details read ``[p o; …]``."""
_EVIDENCE = f"""
SELECT ?g ?s ?p ?o ?source ?locator
       (GROUP_CONCAT(?term; separator="\\u001f") AS ?terms) (COUNT(?term) AS ?n) WHERE {{
  GRAPH ?g {{ ?e a agr:Evidence }} {_NOT_INFERRED}
  OPTIONAL {{ GRAPH ?g {{ ?e rdf:subject ?s }} }}
  OPTIONAL {{ GRAPH ?g {{ ?e rdf:predicate ?p }} }}
  OPTIONAL {{ GRAPH ?g {{ ?e rdf:object ?o }} }}
  OPTIONAL {{ GRAPH ?g {{ ?e dcterms:source ?source }} }}
  OPTIONAL {{ GRAPH ?g {{ ?e agr:locator ?locator }} }}
  OPTIONAL {{ GRAPH ?g {{ ?e agr:keyTerm ?term }} }}
}} GROUP BY ?e ?g ?s ?p ?o ?source ?locator"""
"""One row per evidence record: the statement it supports, its source, locator and key
terms (joined by U+001F, which no key term holds)."""

EVIDENCE_LIMIT = 500
"""Up to this many source graphs, the evidence records are read unless told otherwise."""
_STATEMENTS = (_ABOUT_TYPED, _TERM_LABELS, _SUBCLASSES, _CATALOG)
Evidence = dict[tuple[Any, Any, Any], list[dict[str, Any]]]
"""Evidence records (``source``, ``locator``, ``key_terms``) by the statement they support."""


@dataclass
class Parts:
    """The rows the projection reads."""

    quads: list[Quad] = field(default_factory=list)
    source_graphs: set[str] = field(default_factory=set)
    """Short names of the source graphs among them."""
    cited: set[str] = field(default_factory=set)
    """The sources that statements and evidence records cite (``dcterms:source``)."""
    evidence: Evidence = field(default_factory=dict)
    """Empty unless read (:attr:`with_evidence`)."""
    with_evidence: bool = False


def network_parts(store: GraphStore, *, evidence: bool | None = True) -> Parts:
    """The statements of *store* that the entity network is made of; with *evidence*, the
    evidence records too (on a large store, most of the time); *evidence* None: when there
    are at most :data:`EVIDENCE_LIMIT` source graphs."""
    parts, graphs = Parts(), set[str]()
    blank = any([collect(parts, graphs, store, q) for q in _STATEMENTS])
    parts.cited = {row[0].value for row in rows(store, _CITED)}
    described = {q[0] for q in parts.quads}
    untold = sorted(parts.cited - described)
    if untold:
        about = _ABOUT.replace("@@", " ".join(f"<{iri}>" for iri in untold))
        blank = collect(parts, graphs, store, about) or blank
    if blank:
        collect(parts, graphs, store, _BLANK_OBJECTS)  # a scan of every value: only if needed
    parts.source_graphs = {graph_name(g) for g in graphs if g.startswith(SOURCE_GRAPH_PREFIX)}
    if evidence is None:
        evidence = len(parts.source_graphs) <= EVIDENCE_LIMIT
    if evidence:
        parts.evidence, parts.with_evidence = evidence_rows(store), True
    return parts


@lru_cache(maxsize=1 << 16)
def graph_name(iri: str) -> str:
    """Short name of a named graph: ``S1`` for a source graph, else its last path segment."""
    if iri.startswith(SOURCE_GRAPH_PREFIX):
        return iri[len(SOURCE_GRAPH_PREFIX) :]
    return iri.rstrip("/").rsplit("/", 1)[-1]


def rows(store: GraphStore, query: str) -> Iterable[ox.QuerySolution]:
    """The solutions of the SELECT *query*."""
    return store.select(query)


def collect(parts: Parts, graphs: set[str], store: GraphStore, query: str) -> bool:
    """Add the rows of *query* to *parts* (graph IRIs to *graphs*); whether a value was a
    blank node."""
    blank = False
    for s, p, o, g in _quads(store, query):
        parts.quads.append((s, p, o, graph_name(g)))
        graphs.add(g)
        blank = blank or isinstance(o, ox.BlankNode)
    return blank


def _plain(term: Any) -> Any:
    return term.value if type(term) is ox.NamedNode else term


def _quads(store: GraphStore, query: str) -> Iterator[Quad]:
    for s, p, o, g in rows(store, query):
        yield _plain(s), p.value, _plain(o), g.value


def _local_name(iri: str) -> str:
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def evidence_rows(store: GraphStore, query: str = _EVIDENCE) -> Evidence:
    """The evidence records that *query* reads (its rows as :data:`_EVIDENCE`'s), by the
    statement they support, each list sorted."""
    found: Evidence = defaultdict(list)
    for graph, s, p, o, source, locator, terms, count in rows(store, query):
        key = tuple(None if t is None else _plain(t) for t in (s, p, o))
        found[key].append(  # type: ignore[index]
            {
                "source": graph_name(graph.value) if source is None else _local_name(source.value),
                "locator": "" if locator is None else locator.value,
                "key_terms": sorted(terms.value.split("\u001f")) if int(count.value) else [],
            }
        )
    for items in found.values():
        items.sort(key=lambda e: (e["source"], e["locator"], e["key_terms"]))
    return found
