"""The viewer's overview of a large store: what the page draws, read with a few queries.

Above :data:`OVERVIEW_LIMIT` agreements, drawing every vertex costs seconds before the page
is written and is unreadable once it is: the page then draws the agreements and their
parties, says for each agreement how many concepts of each scheme it refers to (the engine
counts them: one aggregate query), keeps every agreement's timeline, and shows the matrix a
page at a time: its first :data:`MATRIX_PAGE` agreements by name with their cells and
their badges. Each query asks for what the page draws, so Python never reads the statements
of the other vertices (terms, signings, people, the other agreements' cells) nor the
evidence; the cost follows the number of agreements. The whole network is
``render_viewer(full=True)`` or a focus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from graph_builder.network.divergences import divergence_records
from graph_builder.network.fetch import SOURCE_GRAPH_PREFIX, Quad, graph_name
from graph_builder.network.project import (
    NOT_ENTITY_GRAPHS,
    labels_by_language,
    pick_label,
    source_records,
    vertex_rows,
    with_broader,
)
from graph_builder.prefixes import PREFIX_IRIS, compact, in_source_order
from graph_builder.rdf.store import GraphStore
from graph_builder.viewer.layout import LAYOUT_THRESHOLD
from graph_builder.viewer.payload import (
    BROADER,
    SCHEMES,
    EdgeRow,
    NodeRow,
    page_payload,
)
from graph_builder.viewer.timeline import timeline_row

OVERVIEW_LIMIT = 500
"""Above this many agreements the page draws the overview unless told otherwise."""
MATRIX_PAGE = 200
"""The overview's matrix shows this many agreements (the first by name)."""

_AGR = PREFIX_IRIS["agr"]
_HAS_PARTY = _AGR + "hasParty"
_SOURCE_IRI = PREFIX_IRIS["id"] + "source/"
_TYPE = PREFIX_IRIS["rdf"] + "type"
_SUBCLASS, _LABEL = (PREFIX_IRIS["rdfs"] + name for name in ("subClassOf", "label"))
_SCHEME_PREDICATES = frozenset(p for _, p in SCHEMES)
_SIGNED_IN, _HAS_TERM, _DATE, _HAS_SIDE = (
    _AGR + name for name in ("signedIn", "hasTerm", "date", "hasSide")
)
_DURATION = PREFIX_IRIS["time"] + "hasXSDDuration"
_DC_SOURCE = PREFIX_IRIS["dcterms"] + "source"
_INFERRED = PREFIX_IRIS["graph"] + "inferred"
_AGREEMENT = """
  GRAPH graph:ontology { ?k rdfs:subClassOf* agr:Agreement }
  GRAPH ?h { ?s a ?k } FILTER(?h NOT IN (graph:inferred, graph:catalog, graph:ontology))"""
_AGREEMENTS = f"""
SELECT ?k (GROUP_CONCAT(STR(?s); separator=" ") AS ?ss) WHERE {{ {_AGREEMENT} }} GROUP BY ?k"""
"""The agreements of each class below ``agr:Agreement`` (an IRI holds no space), one row a
class: the engine reads each agreement's IRI once, not again for its class."""
_AGREEMENT_LABELS = f"""
SELECT ?s ?o ?g WHERE {{
  {{ SELECT DISTINCT ?s WHERE {{ {_AGREEMENT} }} }} GRAPH ?g {{ ?s rdfs:label ?o }}
}}"""
_BY_PREDICATE = "SELECT ?s ?o ?g WHERE { GRAPH ?g { ?s <@@> ?o } }"
"""Every statement of one predicate: the engine reads them along its index (a join or a
filter in the query costs more than the rows it saves, measured at 2.1M quads)."""
_ABOUT = "SELECT ?s ?p ?o ?g WHERE { VALUES ?s { @@ } GRAPH ?g { ?s ?p ?o } }"
_CELLS = f"""
SELECT ?s ?p ?o ?g WHERE {{
  VALUES ?s {{ @@ }} GRAPH ?g {{ ?s ?p ?o }}
  FILTER(?p IN ({", ".join(f"<{p}>" for _, p in SCHEMES)}) && isIRI(?o))
}}"""
"""The matrix page's cells: what its agreements say of a concept (a filter, not ``VALUES
?p``, which the engine joins to every statement: 1.0 s against 0.03 s for 200 agreements;
half the rows of all they say, 0.04 s, at 2.1M quads)."""
_OBJECTS = "SELECT DISTINCT ?o WHERE { ?s <@@> ?o }"
"""What one predicate points at: the parties, the sectors (a few dozen), whose IRIs are
numbered in the queries below so that the engine returns a short number, not the IRI, at
each row. The IRIs are kept by Python: ``FILTER(isIRI(?o))`` here decodes every object
(0.034 s against 0.006 s for the parties at 2.1M quads)."""
_PARTIES = """
SELECT ?s ?g (GROUP_CONCAT(?n) AS ?ns) WHERE {
  GRAPH ?g { ?s agr:hasParty ?o } VALUES (?o ?n) { @@ }
} GROUP BY ?s ?g"""
"""Each agreement's parties in each graph, numbered as :data:`_OBJECTS` read them: the
engine decodes every IRI it returns, at each row (about 2 µs), and a short literal for
nothing (0.09 s against 0.17 s for the 20,000 statements at 2.1M quads)."""
_OTHER_SCHEMES = " ".join(f'(<{p}> "{k}")' for k, (_, p) in enumerate(SCHEMES) if k)
_COUNTS = f"""
SELECT ?s (GROUP_CONCAT(?n) AS ?ns) WHERE {{
  {{ ?s ?p ?o VALUES (?p ?n) {{ {_OTHER_SCHEMES} }} }}
  UNION {{ ?s <{SCHEMES[0][1]}> ?o VALUES (?o ?n) {{ @@ }} }}
}} GROUP BY ?s"""
"""How many concepts of each scheme each agreement refers to (the default graph is the
union as a set): the engine writes the scheme's number per concept, one row per agreement,
and for a sector ``s`` and its number among the sectors :data:`_OBJECTS` read, so the
timeline's filter gets them with the counts and no IRI is decoded (0.14 s against 0.25 s
with the sectors' IRIs, at 2.1M quads; ``GROUP BY ?s ?p`` with ``COUNT`` costs twice as
much). A sector is an IRI (the shapes ask for an ``agr:IndustrySector``)."""
_DIVERGENCES = "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s a agr:Divergence } }"


def overview_payload(
    store: GraphStore,
    *,
    lang: str = "en",
    layout_threshold: int = LAYOUT_THRESHOLD,
    limit: int = OVERVIEW_LIMIT,
) -> dict[str, Any] | None:
    """The page's data for the overview of *store* (see the module docstring), or None
    when it holds at most *limit* agreements (the whole network is drawn then)."""
    classes: dict[str, set[str]] = defaultdict(set)
    for k, ss in store.select(_AGREEMENTS):
        for s in ss.value.split():
            classes[s].add(k.value)
    if len(classes) <= limit:
        return None
    agreements = set(classes)
    read = _Reader(store)
    parties = _parties(read, agreements)
    counts, sectors_of = _counts(store, agreements)
    broader = read.predicate(BROADER)
    labels = read.quads(_AGREEMENT_LABELS, _LABEL)
    terms = _timeline_facts(read, agreements)
    by_label = labels_by_language(labels)
    page = sorted(
        agreements, key=lambda a: (pick_label(by_label.get(a, {}), "en", a).casefold(), a)
    )[:MATRIX_PAGE]
    cells = read.about(page, _CELLS)
    sectors = {c for cs in sectors_of.values() for c in cs}
    concepts = with_broader(sectors | {q[2] for q in cells}, broader)
    others = sorted({q[2] for q in parties} | concepts | {_HAS_PARTY, BROADER, *_SCHEME_PREDICATES})
    about_others = read.about(others)
    quads = about_others + broader + read.predicate(_SUBCLASS)
    by_label.update(labels_by_language(quads))
    quads += [(a, _TYPE, k, "") for a, ks in classes.items() for k in ks]
    vertex_set = agreements | {q[2] for q in parties} | concepts
    vertex_sources: dict[str, set[str]] = defaultdict(set)
    for s, _, o, g in parties + labels + terms.pop("statements"):
        if g in read.sources:  # the sources of the statements read about a vertex
            vertex_sources[s].add(g)
            if o in vertex_set:
                vertex_sources[o].add(g)
    vertices = sorted(vertex_set)
    node_rows = _node_rows(vertices, quads, concepts, vertex_sources, by_label)
    edges = _edge_rows(parties + cells + broader, concepts, by_label)
    divergences = _divergences(read, set(vertices))
    cited = {g for _, _, _, g in cells if g in read.sources}  # the records the matrix names
    cited |= {s for d in divergences for side in d["sides"] for s in side["sources"]}
    iris = sorted(_SOURCE_IRI + s for s in cited)
    graph = {
        "sources": source_records(read.about(iris), set(iris)),
        "divergences": divergences,
        "evidence": False,
    }
    party_of: dict[str, set[str]] = defaultdict(set)
    for s, _, o, _ in parties:
        party_of[s].add(o)

    def timeline(ids: dict[str, int], rows: list[int]) -> list[dict[str, Any]]:
        return [
            timeline_row(
                a,
                terms["date"].get(iri, []),
                terms["term"].get(iri, []),
                parties=[ids[o] for o in sorted(party_of[iri])],
                sectors=[ids[c] for c in sorted(sectors_of.get(iri, ()))],
            )
            for a in rows
            for iri in [node_rows[a][0]]
        ]

    payload = page_payload(
        node_rows,
        edges,
        graph,
        timeline,
        lang=lang,
        layout_threshold=layout_threshold,
        counts=counts,
        page=MATRIX_PAGE,
    )
    payload["overview"] = {"agreements": len(agreements), "page": len(page)}
    return payload


class _Reader:
    """Reads query rows as quads (the inferred graph left out), noting which graphs are
    source graphs (short names)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.sources: set[str] = set()
        self._names: dict[str, str] = {}

    def quads(self, query: str, predicate: str | None = None) -> list[Quad]:
        """The rows of *query* (``?s ?p ?o ?g``, or ``?s ?o ?g`` of one *predicate*)."""
        names, named = self._names, ox.NamedNode
        rows: Iterable[Any] = self.store.select(query)
        if predicate is not None:
            rows = ((s, predicate, o, g) for s, o, g in rows)
        found = []
        for s, p, o, g in rows:
            name = names.get(g.value) or self.graph(g.value)
            if name != _INFERRED:
                found.append(
                    (
                        s.value if type(s) is named else s,
                        p if type(p) is str else p.value,
                        o.value if type(o) is named else o,
                        name,
                    )
                )
        return found

    def graph(self, iri: str) -> str:
        """The short name of the graph *iri* (noted if it is a source graph)."""
        name = self._names.get(iri)
        if name is not None:
            return name
        name = self._names[iri] = _INFERRED if iri == _INFERRED else graph_name(iri)
        if iri.startswith(SOURCE_GRAPH_PREFIX):
            self.sources.add(name)
        return name

    def predicate(self, iri: str) -> list[Quad]:
        """Every statement of the predicate *iri*."""
        return self.quads(_BY_PREDICATE.replace("@@", iri), iri)

    def about(self, subjects: list[str], query: str = _ABOUT) -> list[Quad]:
        """Every statement about the *subjects* (that *query* asks for)."""
        if not subjects:
            return []
        return self.quads(query.replace("@@", " ".join(f"<{iri}>" for iri in subjects)))


def _node_rows(
    vertices: list[str],
    quads: list[Quad],
    concepts: set[str],
    vertex_sources: dict[str, set[str]],
    labels: dict[Any, dict[str, list[str]]],
) -> list[NodeRow]:
    """The vertices' attributes as ``entity_network`` gives them, without details."""
    types: dict[str, set[str]] = defaultdict(set)
    for s, p, o, g in quads:
        if p == _TYPE and type(o) is str and (g not in NOT_ENTITY_GRAPHS or s in concepts):
            types[s].add(o)
    subclass = {(s, o) for s, p, o, _ in quads if p == _SUBCLASS}
    details: dict[str, dict[tuple[str, str, str], dict[str, Any]]] = defaultdict(dict)
    return vertex_rows(vertices, types, subclass, labels, details, vertex_sources)


def _edge_rows(
    quads: list[Quad], vertices: set[str], labels: dict[Any, dict[str, list[str]]]
) -> list[EdgeRow]:
    """The edges among *quads* (their objects among the *vertices* or parties), sorted
    as ``entity_network`` sorts them."""
    sources: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for s, p, o, g in quads:
        if p == _HAS_PARTY or (s in vertices and o in vertices) or p in _SCHEME_PREDICATES:
            sources[(s, p, o)].add(g)
    named = {
        p: {
            "predicate": compact(p),
            "label_en": pick_label(labels.get(p, {}), "en", p),
            "label_id": pick_label(labels.get(p, {}), "id", p),
        }
        for p in {p for _, p, _ in sources}
    }
    return [  # the keys sorted, not the items: a quarter of the time
        (s, o, p, {**named[p], "sources": in_source_order(sources[s, p, o]), "evidence": []})
        for s, p, o in sorted(sources)
    ]


def _numbered(store: GraphStore, predicate: str, prefix: str = "") -> tuple[list[str], str]:
    """The IRIs *predicate* points at, and their ``VALUES`` rows (IRI, *prefix* and its
    number)."""
    objects = (row[0] for row in store.select(_OBJECTS.replace("@@", predicate)))
    found = [o.value for o in objects if type(o) is ox.NamedNode]
    return found, " ".join(f'(<{iri}> "{prefix}{n}")' for n, iri in enumerate(found))


def _parties(read: _Reader, agreements: set[str]) -> list[Quad]:
    """Every ``agr:hasParty`` statement of the *agreements* (its object an IRI)."""
    found, numbered = _numbered(read.store, _HAS_PARTY)
    parties = []
    for s, g, ns in read.store.select(_PARTIES.replace("@@", numbered)):
        name = read.graph(g.value)
        if type(s) is ox.NamedNode and s.value in agreements and name != _INFERRED:
            parties += [(s.value, _HAS_PARTY, found[int(n)], name) for n in ns.value.split()]
    return parties


def _counts(
    store: GraphStore, agreements: set[str]
) -> tuple[dict[str, list[int]], dict[str, set[str]]]:
    """The concepts of each scheme counted per subject, and each agreement's sectors."""
    found, numbered = _numbered(store, SCHEMES[0][1], "s")
    sector_of = {f"s{n}": iri for n, iri in enumerate(found)}
    counts: dict[str, list[int]] = {}
    sectors_of: dict[str, set[str]] = {}
    digits = [str(k) for k in range(1, len(SCHEMES))]
    for s, ns in store.select(_COUNTS.replace("@@", numbered)):
        numbers = ns.value.split()
        sectors = [sector_of[n] for n in numbers if n[0] == "s"]
        counts[s.value] = [len(sectors), *map(numbers.count, digits)]
        if s.value in agreements:
            sectors_of[s.value] = set(sectors)
    return counts, sectors_of


def _timeline_facts(read: _Reader, agreements: set[str]) -> dict[str, Any]:
    """Per kind (``date``, ``term``) and agreement: each value of each signing or term with
    the graphs that state it, ordered as the network's details are; ``statements``: the
    agreements' links to their signings and terms."""
    facts: dict[str, Any] = {"statements": []}
    for kind, link, value in (("date", _SIGNED_IN, _DATE), ("term", _HAS_TERM, _DURATION)):
        links = [q for q in read.predicate(link) if q[0] in agreements]
        facts["statements"] += links
        values: dict[str, dict[str, set[str]]] = defaultdict(dict)
        for x, _, v, g in read.predicate(value):
            values[x].setdefault(v if type(v) is str else v.value, set()).add(g)
        targets: dict[str, set[str]] = defaultdict(set)
        for s, _, x, _ in links:
            targets[s].add(x)
        by_agreement: dict[str, list[tuple[str, list[str]]]] = {}
        for s, xs in targets.items():  # most agreements have one term and no signing
            found = [
                (v, in_source_order(graphs))
                for x in (sorted(xs) if len(xs) > 1 else xs)
                for v, graphs in sorted(values.get(x, {}).items())
            ]
            if found:
                by_agreement[s] = found
        facts[kind] = by_agreement
    return facts


def _divergences(read: _Reader, vertices: set[str]) -> list[dict[str, Any]]:
    """The divergence records: their statements, their sides' and the sides' sources'."""
    found = [row[0].value for row in read.store.select(_DIVERGENCES)]
    if not found:
        return []
    quads = read.about(found)
    sides = sorted({o for _, p, o, _ in quads if p == _HAS_SIDE})
    side_quads = read.about(sides)
    cited = sorted({o for _, p, o, _ in side_quads if p == _DC_SOURCE and type(o) is str})
    return divergence_records(quads + side_quads + read.about(cited), vertices)
