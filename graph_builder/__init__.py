"""Agreement Graph Builder: sources about cooperation agreements → a provenance-tracked RDF graph.

The public library is what this module exports (``__all__``)::

    from graph_builder import bind_params, get_named_query, load_dataset, result_rows, run_query

    dataset = load_dataset()            # the bundled data/, checked and built
    named = get_named_query("parties")
    for row in result_rows(run_query(dataset, named.text, bindings=bind_params(named, {}))):
        ...

The SPARQL endpoint is :mod:`graph_builder.server` (``serve``, ``running_server``,
``ServerConfig``), imported on its own because it pulls in the web stack.
"""

from __future__ import annotations

from .build import build_dataset, load_dataset
from .errors import (
    GraphBuilderError,
    OutputError,
    QueryError,
    ServerError,
    SourceError,
    ValidationFailed,
)
from .export import export_dataset, serialize
from .ontology import load_ontology, load_shapes
from .query import (
    bind_params,
    format_result,
    get_named_query,
    named_queries,
    prepare,
    result_rows,
    run_query,
)
from .sources import load_sources
from .validate import ValidationReport, validate_dataset
from .viewer import render_viewer

__version__ = "0.1.0"

__all__ = [
    "GraphBuilderError",
    "OutputError",
    "QueryError",
    "ServerError",
    "SourceError",
    "ValidationFailed",
    "ValidationReport",
    "__version__",
    "bind_params",
    "build_dataset",
    "export_dataset",
    "format_result",
    "get_named_query",
    "load_dataset",
    "load_ontology",
    "load_shapes",
    "load_sources",
    "named_queries",
    "prepare",
    "render_viewer",
    "result_rows",
    "run_query",
    "serialize",
    "validate_dataset",
]
