"""The entity network: a networkx projection of the RDF dataset, and its file writers.

Projection rules (one place, so the viewer, ``stats`` and the exports agree):

- A *vertex* is an IRI typed in a source graph or the reference graph (agreements,
  countries, bodies, persons, events ...), or a SKOS concept such an entity refers to,
  together with the concepts above it (``skos:broader``). Evidence records, source records,
  divergence records and the ontology's classes, properties and shapes are not vertices.
- An *edge* is a triple between two vertices (``rdf:type`` excepted), keyed by predicate, so
  two predicates between the same pair stay two edges. Its ``sources`` are the named graphs
  that state it (``S1`` ... for source graphs, ``reference``, ``ontology``) and its
  ``evidence`` the evidence records of those sources.
- Literals and IRIs that are not vertices become vertex ``details``.
- Divergence records are listed in ``graph["divergences"]`` (see ``_divergences``).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pyoxigraph import BlankNode as BNode
from pyoxigraph import Literal

from graph_builder.collector import collector_paused
from graph_builder.network.divergences import divergence_records
from graph_builder.network.fetch import Parts, Quad, network_parts
from graph_builder.prefixes import PREFIX_IRIS, compact, in_source_order, source_order
from graph_builder.rdf.store import GraphStore

if TYPE_CHECKING:
    import networkx as nx


def _iri(prefix: str, name: str) -> str:
    return PREFIX_IRIS[prefix] + name


NOT_ENTITIES = frozenset(
    {
        _iri("agr", "Evidence"),
        _iri("rdf", "Statement"),
        _iri("agr", "Source"),
        _iri("agr", "Divergence"),
        _iri("skos", "ConceptScheme"),
        _iri("owl", "Class"),
        _iri("owl", "ObjectProperty"),
        _iri("owl", "DatatypeProperty"),
        _iri("owl", "Ontology"),
        _iri("rdfs", "Class"),
        _iri("rdf", "Property"),
        _iri("sh", "NodeShape"),
        _iri("sh", "PropertyShape"),
    }
)
"""Classes whose instances are records about the graph, not things in the world."""
CONCEPT_GROUPS = {
    PREFIX_IRIS["sector"]: "Sector",
    PREFIX_IRIS["activity"]: "Activity",
    PREFIX_IRIS["objective"]: "Objective",
    PREFIX_IRIS["institution"]: "Institution type",
}
LABEL_PREDICATES = (_iri("rdfs", "label"), _iri("skos", "prefLabel"))
LABEL_GRAPHS = frozenset({"reference", "ontology"})
"""Short names (:func:`~graph_builder.network.fetch.graph_name`) of the graphs whose labels
come first."""
NOT_ENTITY_GRAPHS = frozenset({"ontology", "catalog"})


_TYPE, _CONCEPT, _BROADER, _SUBCLASS = (
    _iri("rdf", "type"),
    _iri("skos", "Concept"),
    _iri("skos", "broader"),
    _iri("rdfs", "subClassOf"),
)
_LABEL = _iri("rdfs", "label")
_LABEL_PREDICATES = frozenset(LABEL_PREDICATES)
_NOT_ENTITIES = NOT_ENTITIES
_compact = lru_cache(maxsize=1 << 16)(compact)


def _is_iri(term: Any) -> bool:
    return type(term) is str


def _term_text(term: Any) -> str:
    return _compact(term) if _is_iri(term) else str(term.value)


def _local_name(iri: str) -> str:
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def entity_network(store: GraphStore, *, evidence: bool | None = True) -> nx.MultiDiGraph:
    """Project *store* onto a directed multigraph of entities (see the module docstring).

    The store is read with a few queries (:mod:`graph_builder.network.fetch`); without
    *evidence*, edges and details carry no evidence records (empty lists), which on a large
    store saves most of the time (None: with them up to
    :data:`~graph_builder.network.fetch.EVIDENCE_LIMIT` sources); ``graph["evidence"]``
    says whether they were read.

    Vertices are keyed by IRI; edges by predicate IRI. Vertex attributes: ``label_en``,
    ``label_id``, ``class`` (most specific, compact), ``classes``, ``group`` (legend name),
    ``sources``, ``details`` (list of dicts). Edge attributes: ``predicate`` (compact),
    ``label_en``, ``label_id``, ``sources``, ``evidence``. ``graph["sources"]`` maps a
    source id to its catalog record; ``graph["divergences"]`` lists the divergence records
    (topic, concerned vertices, sides with their sources).
    """
    with collector_paused():
        return _project(store, evidence=evidence)


def focus_network(
    store: GraphStore, focus: str, *, depth: int, evidence: bool = True
) -> nx.MultiDiGraph | None:
    """The part of :func:`entity_network` within *depth* edges of the vertex *focus* (an
    IRI), either way: the same vertices and edges with the same attributes, read from the
    store around *focus* (:mod:`graph_builder.network.neighbourhood`); ``graph["sources"]``
    holds the sources they name and ``graph["divergences"]`` those that concern them.
    None when *focus* is not a vertex."""
    from graph_builder.network.neighbourhood import Neighbourhood, neighbourhood_parts

    with collector_paused():
        walk = Neighbourhood(store, NOT_ENTITIES)
        inner, ring = walk.walk(focus, depth)
        if not inner:
            return None
        parts = neighbourhood_parts(store, inner, ring, evidence=evidence)
        return _project_parts(parts, vertices=(set(inner) | set(ring), set(inner)))


def _project(store: GraphStore, *, evidence: bool | None) -> nx.MultiDiGraph:
    return _project_parts(network_parts(store, evidence=evidence))


def _project_parts(
    parts: Parts, *, vertices: tuple[set[str], set[str]] | None = None
) -> nx.MultiDiGraph:
    """The network of *parts*; *vertices*: the vertices (when *parts* holds only some of
    the store) and those of them to draw."""
    import networkx as nx  # not imported by what never projects (the viewer's overview)

    quads = parts.quads
    source_graphs = parts.source_graphs
    entity_graphs = {q[3] for q in quads} - NOT_ENTITY_GRAPHS
    types: dict[str, set[str]] = defaultdict(set)
    for s, p, o, g in quads:
        if p == _TYPE and _is_iri(s) and _is_iri(o) and (g in entity_graphs or o == _CONCEPT):
            types[s].add(o)
    concepts = {s for s, classes in types.items() if _CONCEPT in classes}
    for s, p, o, _ in quads:  # a concept's own class (agr:IndustrySector ...) is in the ontology
        if p == _TYPE and s in concepts and _is_iri(o):
            types[s].add(o)
    entities = {
        s for s, classes in types.items() if s not in concepts and not classes & _NOT_ENTITIES
    }
    if vertices is None:
        known = entities | _referenced_concepts(quads, entities, concepts, entity_graphs)
        drawn = known
    else:
        known, drawn = vertices

    found = parts.evidence
    subclass = {(s, o) for s, p, o, _ in quads if p == _SUBCLASS}
    labels = labels_by_language(quads)
    bnodes: dict[BNode, list[tuple[str, Any]]] = defaultdict(list)
    for s, p, o, _ in quads:
        if isinstance(s, BNode):
            bnodes[s].append((p, o))
    details: dict[str, dict[tuple[str, str, str], dict[str, Any]]] = defaultdict(dict)
    edge_sources: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    vertex_sources: dict[str, set[str]] = defaultdict(set)
    for s, p, o, g in quads:
        if p == _TYPE or s not in known:
            continue
        if g in source_graphs:
            vertex_sources[s].add(g)
        if _is_iri(o) and o in known:
            edge_sources[(s, p, o)].add(g)
            if g in source_graphs:
                vertex_sources[o].add(g)
        elif p not in _LABEL_PREDICATES or isinstance(o, Literal):
            value = _bnode_text(bnodes, o) if isinstance(o, BNode) else _term_text(o)
            lang = o.language if isinstance(o, Literal) else None
            entry = details[s].setdefault(
                (p, value, lang or ""),
                {
                    "property": _compact(p),
                    "value": value,
                    "lang": lang,
                    "sources": set(),
                    "evidence": found.get((s, p, o), []),
                },
            )
            entry["sources"].add(g)

    network = nx.MultiDiGraph(
        evidence=parts.with_evidence,
        sources=source_records(quads, parts.cited),
        divergences=divergence_records(quads, drawn),
    )
    network.add_nodes_from(
        vertex_rows(sorted(drawn), types, subclass, labels, details, vertex_sources)
    )
    network.add_edges_from(
        (
            s,
            o,
            p,
            {
                "predicate": _compact(p),
                "label_en": pick_label(labels.get(p, {}), "en", p),
                "label_id": pick_label(labels.get(p, {}), "id", p),
                "sources": in_source_order(srcs),
                "evidence": found.get((s, p, o), []),
            },
        )
        for s, p, o in sorted(edge_sources)  # the keys sorted: a quarter of the items' time
        if s in drawn and o in drawn
        for srcs in [edge_sources[s, p, o]]
    )
    return network


def vertex_rows(
    vertices: list[str],
    types: dict[str, set[str]],
    subclass: set[tuple[str, str]],
    labels: dict[Any, dict[str, list[str]]],
    details: dict[str, dict[tuple[str, str, str], dict[str, Any]]],
    vertex_sources: dict[str, set[str]],
) -> list[tuple[str, dict[str, Any]]]:
    """Each vertex with its attributes (see :func:`entity_network`) from its classes, the
    class hierarchy, the labels (:func:`labels_by_language`), details and sources."""
    rows = []
    of_classes: dict[frozenset[str], tuple[str, list[str], bool, str | None]] = {}
    no_labels: dict[str, list[str]] = {}
    for v in vertices:
        classes = frozenset(types.get(v, ()))
        if classes not in of_classes:
            lineage = set(classes).union(*(_ancestors(c, subclass) for c in classes))
            main = _most_specific(sorted(classes), subclass)
            of_classes[classes] = (
                main,
                [_compact(c) for c in sorted(classes)],
                _iri("agr", "Agreement") in lineage,
                None if main == _CONCEPT else _local_name(main),  # a concept's: by namespace
            )
        main, compacted, is_agreement, group = of_classes[classes]
        facts = []
        if v in details:
            facts = sorted(
                details[v].values(),
                key=lambda d: (d["property"], d["value"], d.get("lang") or ""),
            )
        for fact in facts:
            fact["sources"] = in_source_order(fact["sources"])
        by_lang = labels.get(v, no_labels)
        rows.append(
            (
                v,
                {
                    "iri": v,
                    "label_en": pick_label(by_lang, "en", v),
                    "label_id": pick_label(by_lang, "id", v),
                    "class": _compact(main),
                    "classes": list(compacted),
                    "group": group or _group(v, main),
                    "sources": in_source_order(vertex_sources.get(v, ())),
                    "agreement": is_agreement,
                    "details": facts,
                },
            )
        )
    return rows


def _referenced_concepts(
    quads: list[Quad], entities: set[str], concepts: set[str], entity_graphs: set[str]
) -> set[str]:
    used = {o for s, _, o, g in quads if g in entity_graphs and o in concepts and s in entities}
    return with_broader(used, [q for q in quads if q[2] in concepts])


def with_broader(concepts: set[str], quads: list[Quad]) -> set[str]:
    """*concepts* and every concept above them along the ``skos:broader`` statements among
    *quads*."""
    broader: dict[str, set[str]] = defaultdict(set)
    for s, p, o, _ in quads:
        if p == _BROADER:
            broader[s].add(o)
    found, todo = set(concepts), list(concepts)
    while todo:
        for parent in broader.get(todo.pop(), ()):
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return found


def labels_by_language(quads: list[Quad]) -> dict[Any, dict[str, list[str]]]:
    """Labels per subject and language; reference and ontology labels first."""
    found: dict[Any, dict[str, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o, g in quads:
        if p in _LABEL_PREDICATES and isinstance(o, Literal):
            rank = 0 if g in LABEL_GRAPHS else 1 + (p == _iri("rdfs", "label"))
            found[s][o.language or ""].append((rank, o.value))
    return {
        s: {
            lang: [t for _, t in sorted(set(v))] if len(v) > 1 else [v[0][1]]
            for lang, v in by_lang.items()
        }
        for s, by_lang in found.items()
    }


def pick_label(by_lang: dict[str, list[str]], lang: str, iri: str) -> str:
    """The label in *lang*, else without a language, in English or any; else the IRI's
    local name."""
    found = by_lang.get(lang) or by_lang.get("") or by_lang.get("en")
    if found:
        return found[0]
    for key in sorted(by_lang):
        if by_lang[key]:
            return by_lang[key][0]
    return _local_name(iri)


def _most_specific(classes: list[str], subclass: set[tuple[str, str]]) -> str:
    if not classes:
        return _CONCEPT
    supers = {o for _, o in subclass}
    closure = {c: _ancestors(c, subclass) for c in classes}
    candidates = [c for c in classes if not any(c in closure[d] for d in classes if d != c)]
    ours = [c for c in candidates if c.startswith(PREFIX_IRIS["agr"])] or candidates or classes
    # a class nothing specialises beats one the ontology refines further
    return sorted(ours, key=lambda c: (c in supers, c))[0]


def _ancestors(cls: str, subclass: set[tuple[str, str]]) -> set[str]:
    seen: set[str] = set()
    todo = [cls]
    while todo:
        current = todo.pop()
        for s, o in subclass:
            if s == current and o not in seen:
                seen.add(o)
                todo.append(o)
    return seen


def _group(vertex: str, main: str) -> str:
    if main == _CONCEPT:
        for namespace, name in CONCEPT_GROUPS.items():
            if vertex.startswith(namespace):
                return name
        return "Concept"
    return _local_name(main)


def _bnode_text(bnodes: dict[BNode, list[tuple[str, Any]]], node: BNode) -> str:
    parts = sorted({f"{_compact(p)} {_term_text(o)}" for p, o in bnodes.get(node, ())})
    return "[" + "; ".join(parts) + "]"


def source_records(quads: list[Quad], cited: set[str]) -> dict[str, dict[str, str]]:
    """Catalog records of the sources: those *cited* (by evidence and statements) and
    those typed ``agr:Source``."""
    source_class = _iri("agr", "Source")
    sources = cited | {s for s, p, o, _ in quads if p == _TYPE and o == source_class}
    values: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for s, p, o, _ in quads:
        foreign_label = p == _LABEL and isinstance(o, Literal) and o.language not in (None, "en")
        if s in sources and not isinstance(o, BNode) and not foreign_label:
            values[_local_name(s)][_compact(p)].add(_term_text(o))
    return {
        sid: {
            "iri": PREFIX_IRIS["id"] + f"source/{sid}",
            **{k: "; ".join(sorted(v)) for k, v in sorted(values[sid].items())},
        }
        for sid in sorted({_local_name(s) for s in sources}, key=source_order)
    }


# --------------------------------------------------------------------------- writers
