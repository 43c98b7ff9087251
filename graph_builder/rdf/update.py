"""Changing a built store in place: replace the sources whose files changed, add new ones.

An incremental build copies the previous store (cheaply: its table files hard-linked,
:meth:`~graph_builder.rdf.store.GraphStore.copy_closed`), drops the named graph and
catalog record of every changed source, loads the changed sources again, adds or removes
countries in the reference graph as the sources now name them, and brings
``graph:inferred`` up to date for the triples that changed
(:func:`~graph_builder.rdf.entail.refresh_entailments`). Everything else (ontology,
entities, divergences, unchanged sources) is left as it was, so the work is proportional
to what changed.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph_builder.namespaces import CATALOG_GRAPH_IRI as CATALOG_GRAPH
from graph_builder.namespaces import REFERENCE_GRAPH_IRI as REFERENCE_GRAPH
from graph_builder.prefixes import PREFIX_IRIS, compact, entity_iri_of, source_graph_iri
from graph_builder.prefixes import source_iri_of as source_node
from graph_builder.rdf.entail import TYPE, Entailer, reach, refresh_entailments
from graph_builder.rdf.infer import INFERRED_GRAPH, Schema, infer
from graph_builder.rdf.mapping import citation_nquads, country_nquads, source_nquads
from graph_builder.rdf.store import GraphStore, Triple
from graph_builder.records import Country, SourceSet

log = logging.getLogger(__name__)
_EVIDENCE = f"<{PREFIX_IRIS['agr']}Evidence>"


@dataclass
class Change:
    """What :func:`replace_sources` did: the nodes it touched and how the counts moved."""

    touched: set[str] = field(default_factory=set)
    """Every IRI a changed triple mentions, before or after: the scope of validation."""
    quads: int = 0
    statements: int = 0
    """Evidence records."""
    inferred: int = 0
    triples: int | None = None
    """How many triples the union gained (None: not counted)."""
    entities: dict[str, int] = field(default_factory=dict)
    """How many entities of each class (``agr:Country``) the reference graph gained."""


def replace_sources(
    store: GraphStore,
    *,
    removed: Iterable[str],
    records: SourceSet,
    countries_before: set[str],
    countries_after: dict[str, Country],
    infer_mode: str,
    count_union: bool = False,
) -> Change:
    """Drop the sources *removed* (ids), load *records*' sources, fix the country records.

    *countries_before* are the codes the reference graph holds; *countries_after* the
    countries it must hold now (by code). ``graph:inferred`` is brought up to date. With
    *count_union* (and RDFS entailment), :attr:`Change.triples` says how the union's count
    of triples moved, from the triples the change can move in or out of it, looked up
    before and after: no scan of the union.
    """
    change = Change()
    # Read first, change after: what the union holds of the triples the change can move
    # is looked up in between.
    graphs: list[str] = []
    before: list[Triple] = []
    drops: list[tuple[str, list[Triple]]] = []
    for source_id in removed:
        graph = source_graph_iri(source_id)
        graphs.append(graph)
        stated = store.triples(graph)
        before += stated
        change.statements -= _evidence(stated)
        for subject in (source_node(source_id), graph):
            drops.append((CATALOG_GRAPH, store.triples(CATALOG_GRAPH, subject=subject)))
    for code in sorted(countries_before - set(countries_after)):
        subject = entity_iri_of("country", code)
        drops.append((REFERENCE_GRAPH, store.triples(REFERENCE_GRAPH, subject=subject)))
    for _, gone in drops:
        before += gone
    change.quads -= len(before)
    # The reference graph changes only in the countries coming or going: their classes
    # are counted before and after, so the summary need not count every entity again.
    countries = [
        entity_iri_of("country", c) for c in set(countries_before) ^ countries_after.keys()
    ]
    classes_before = _classes(store, countries)
    after: list[Triple] = []
    see = after.extend
    new_countries = [code for code in sorted(countries_after) if code not in countries_before]
    chunks = [country_nquads(code, countries_after[code], see=see) for code in new_countries]
    for record in records.sources:
        chunks.append(citation_nquads(record, see=see))
        chunks.append(source_nquads(record, records, see=see))
    changed = before + after
    entailer = Entailer(Schema.read(store)) if infer_mode == "rdfs" else None
    moved = reach(entailer, changed) if count_union and entailer is not None else None
    held = store.in_union(moved) if moved is not None else 0
    for graph in graphs:
        store.remove_graph(graph)
    for graph, gone in drops:
        store.set_membership(graph, [], gone)
    store.load_nquads("".join(chunks), checked=True, union=True)
    for record in records.sources:  # counted in the store: a repeated claim is one quad
        graph = source_graph_iri(record.citation.id)
        stated = store.triples(graph)
        change.quads += len(stated)
        change.statements += _evidence(stated)
        for subject in (source_node(record.citation.id), graph):
            change.quads += len(store.triples(CATALOG_GRAPH, subject=subject))
    for code in new_countries:
        country = entity_iri_of("country", code)
        change.quads += len(store.triples(REFERENCE_GRAPH, subject=country))
    if entailer is not None:
        change.inferred = refresh_entailments(store, entailer, changed)
    else:
        held_inferred = store.count(INFERRED_GRAPH)
        change.inferred = infer(store, infer_mode) - held_inferred
    if moved is not None:
        change.triples = store.in_union(moved) - held
    change.quads += change.inferred
    classes_after = _classes(store, countries)
    for name in classes_before.keys() | classes_after.keys():
        if classes_after[name] != classes_before[name]:
            change.entities[name] = classes_after[name] - classes_before[name]
    change.touched = {t[1:-1] for s, _, o in changed for t in (s, o) if t.startswith("<")}
    log.info("replaced %d sources, %d nodes touched", len(records.sources), len(change.touched))
    return change


def validation_scope(store: GraphStore, touched: set[str]) -> set[str]:
    """*touched* plus the nodes whose values are touched nodes typed by a source (a
    signature, a term): a constraint on such a node reads that value's class."""
    values = " ".join(f"<{n}>" for n in sorted(touched))
    if not values:
        return set()
    typed = [
        row["n"].value
        for row in store.select(
            f"SELECT DISTINCT ?n WHERE {{ VALUES ?n {{ {values} }} GRAPH ?g {{ ?n a ?type }} "
            f'FILTER(STRSTARTS(STR(?g), "{source_graph_iri("")}")) }}'
        )
    ]
    if not typed:
        return set(touched)
    values = " ".join(f"<{n}>" for n in typed)
    rows = store.select(
        f"SELECT DISTINCT ?s WHERE {{ VALUES ?n {{ {values} }} ?s ?p ?n FILTER(isIRI(?s)) }}"
    )
    return touched | {row["s"].value for row in rows}


def _classes(store: GraphStore, subjects: Iterable[str]) -> Counter[str]:
    """How many of *subjects* the reference graph types with each class (compacted, as the
    build's summary names them)."""
    return Counter(
        compact(t[2][1:-1])
        for subject in subjects
        for t in store.triples(REFERENCE_GRAPH, subject=subject)
        if t[1] == TYPE and t[2].startswith("<")
    )


def _evidence(triples: list[Triple]) -> int:
    """How many of *triples* type a node as an evidence record (one per statement)."""
    return sum(1 for t in triples if t[1] == TYPE and t[2] == _EVIDENCE)
