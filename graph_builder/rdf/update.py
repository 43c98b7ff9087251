"""Changing a built store in place: replace the sources whose files changed, add new ones.

An incremental build copies the previous store (cheaply: the engine's backup hard-links
its immutable files), drops the named graph and catalog record of every changed source,
loads the changed sources again, adds or removes countries in the reference graph as the
sources now name them, and recomputes ``graph:inferred``. Everything else (ontology,
entities, divergences, unchanged sources) is left as it was, so the work is proportional
to what changed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from rdflib import Variable

from graph_builder.ingest.countries import Country
from graph_builder.namespaces import CATALOG_GRAPH, REFERENCE_GRAPH, entity_iri, source_graph
from graph_builder.namespaces import source_iri as source_node
from graph_builder.rdf.infer import infer
from graph_builder.rdf.mapping import citation_nquads, country_nquads, source_nquads
from graph_builder.rdf.store import GraphStore
from graph_builder.records import SourceSet

log = logging.getLogger(__name__)
_N, _S = Variable("n"), Variable("s")


def replace_sources(
    store: GraphStore,
    *,
    removed: Iterable[str],
    records: SourceSet,
    countries_before: set[str],
    countries_after: dict[str, Country],
    infer_mode: str,
) -> set[str]:
    """Drop the sources *removed* (ids), load *records*' sources, fix the country records.

    *countries_before* are the codes the reference graph holds; *countries_after* the
    countries it must hold now (by code). ``graph:inferred`` is brought up to date. Returns
    the nodes the change touched (mentioned by a changed source before or after), the
    scope an incremental validation needs.
    """
    removed = list(removed)
    touched = _mentioned(store, [str(source_graph(i)) for i in removed])
    for source_id in removed:
        store.remove_graph(str(source_graph(source_id)))
        subject = source_node(source_id)
        store.update(
            f"DELETE WHERE {{ GRAPH <{CATALOG_GRAPH}> {{ <{subject}> ?p ?o }} }} ;\n"
            f"DELETE WHERE {{ GRAPH <{CATALOG_GRAPH}> {{ <{source_graph(source_id)}> ?p ?o }} }}"
        )
    for code in sorted(countries_before - set(countries_after)):
        country = entity_iri("country", code)
        store.update(f"DELETE WHERE {{ GRAPH <{REFERENCE_GRAPH}> {{ <{country}> ?p ?o }} }}")
    chunks = [
        country_nquads(code, country)
        for code, country in sorted(countries_after.items())
        if code not in countries_before
    ]
    for record in records.sources:
        chunks.append(citation_nquads(record))
        chunks.append(source_nquads(record, records))
    store.load_nquads("".join(chunks))
    touched |= _mentioned(store, [str(source_graph(r.citation.id)) for r in records.sources])
    changed_countries = countries_before ^ set(countries_after)
    touched |= {str(entity_iri("country", code)) for code in changed_countries}
    infer(store, infer_mode, focus=touched if infer_mode == "rdfs" else None)
    log.info("replaced %d sources, %d nodes touched", len(records.sources), len(touched))
    return touched


def _mentioned(store: GraphStore, graphs: list[str]) -> set[str]:
    """Every IRI the named *graphs* use as a subject or an object."""
    if not graphs:
        return set()
    values = " ".join(f"<{g}>" for g in graphs)
    rows = store.query(
        f"SELECT DISTINCT ?n WHERE {{ VALUES ?g {{ {values} }} "
        "GRAPH ?g { { ?n ?p ?o } UNION { ?s ?p ?n } } FILTER(isIRI(?n)) }"
    )
    return {str(row[_N]) for row in rows.bindings}


def validation_scope(store: GraphStore, touched: set[str]) -> set[str]:
    """*touched* plus the nodes whose values are touched nodes typed by a source (a
    signature, a term): a constraint on such a node reads that value's class."""
    values = " ".join(f"<{n}>" for n in sorted(touched))
    if not values:
        return set()
    typed = store.query(
        f"SELECT DISTINCT ?n WHERE {{ VALUES ?n {{ {values} }} GRAPH ?g {{ ?n a ?type }} "
        f'FILTER(STRSTARTS(STR(?g), "{source_graph("")}")) }}'
    ).bindings
    if not typed:
        return set(touched)
    values = " ".join(f"<{row[_N]}>" for row in typed)
    rows = store.query(
        f"SELECT DISTINCT ?s WHERE {{ VALUES ?n {{ {values} }} ?s ?p ?n FILTER(isIRI(?s)) }}"
    )
    return touched | {str(row[_S]) for row in rows.bindings}
