"""Agreement Graph Builder: sources about cooperation agreements → a provenance-tracked RDF graph.

The public library::

    from graph_builder import load_dataset, run_query
    store = load_dataset()              # the bundled data/, checked and built (a GraphStore)
    for row in run_query(store, "SELECT ..."):
        ...
"""

from __future__ import annotations

from graph_builder.errors import (
    GraphBuilderError,
    OutputError,
    QueryError,
    SourceError,
    ValidationFailed,
)
from graph_builder.ingest.sources import load_sources
from graph_builder.ontology import load_ontology, load_shapes
from graph_builder.rdf.mapping import build_dataset, load_dataset
from graph_builder.rdf.store import GraphStore
from graph_builder.sparql.named import run_query

__version__ = "0.2.0"

__all__ = [
    "GraphBuilderError",
    "GraphStore",
    "OutputError",
    "QueryError",
    "SourceError",
    "ValidationFailed",
    "__version__",
    "build_dataset",
    "load_dataset",
    "load_ontology",
    "load_shapes",
    "load_sources",
    "run_query",
]
