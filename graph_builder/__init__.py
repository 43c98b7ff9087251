"""Agreement Graph Builder: sources about cooperation agreements → a provenance-tracked RDF graph.

The public library::

    from graph_builder import load_dataset, run_query
    dataset = load_dataset()            # the bundled data/, checked and built
    for row in run_query(dataset, "SELECT ..."):
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

__version__ = "0.1.0"

__all__ = [
    "GraphBuilderError",
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
]
