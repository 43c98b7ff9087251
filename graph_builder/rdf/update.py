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

from graph_builder.ingest.countries import Country
from graph_builder.namespaces import CATALOG_GRAPH, REFERENCE_GRAPH, entity_iri, source_graph
from graph_builder.namespaces import source_iri as source_node
from graph_builder.rdf.infer import infer
from graph_builder.rdf.mapping import citation_nquads, country_nquads, source_nquads
from graph_builder.rdf.store import GraphStore
from graph_builder.records import SourceSet

log = logging.getLogger(__name__)


def replace_sources(
    store: GraphStore,
    *,
    removed: Iterable[str],
    records: SourceSet,
    countries_before: set[str],
    countries_after: dict[str, Country],
    infer_mode: str,
) -> None:
    """Drop the sources *removed* (ids), load *records*' sources, fix the country records.

    *countries_before* are the codes the reference graph holds; *countries_after* the
    countries it must hold now (by code). ``graph:inferred`` is recomputed.
    """
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
    infer(store, infer_mode)
    log.info("replaced %d sources", len(records.sources))
