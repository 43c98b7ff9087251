"""Agreement Graph Builder: sources about cooperation agreements → a provenance-tracked RDF graph.

The public library is what this module exports (``__all__``)::

    from graph_builder import bind_params, get_named_query, load_dataset, run_query
    store = load_dataset()              # the bundled data/, checked and built (a GraphStore)
    named = get_named_query("agreements-by-country")
    bindings = bind_params(named, {"country": "KR"})
    for row in run_query(store, named.text, bindings=bindings):  # pyoxigraph's solutions
        label = row["agreementLabel"].value                       # and terms
    csv = run_query(store, named.text, bindings=bindings, format="csv")  # written by the engine

The SPARQL endpoint is :mod:`graph_builder.server` (``serve``, ``running_server``,
``ServerConfig``), imported on its own because it pulls in the web stack.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from graph_builder.errors import (
    ArticleError,
    BulkLoadFailed,
    CandidateRefused,
    FolderLocked,
    GazetteerError,
    GraphBuilderError,
    InferenceError,
    KeptStateUnreadable,
    MissingExtra,
    MissingParameter,
    OutputError,
    PortInUse,
    PublishError,
    PushFailed,
    QueryError,
    QueryRefused,
    QueryStopped,
    QueryTimeout,
    ServerBusy,
    ServerError,
    SourceError,
    StoreDamaged,
    Unresolved,
    ValidationFailed,
)

if TYPE_CHECKING:  # the names below load on first use, so the CLI starts fast
    from graph_builder.build import run_build
    from graph_builder.dataset import build_dataset, load_dataset
    from graph_builder.ingest.sources import load_sources
    from graph_builder.inputs import DatasetInputs
    from graph_builder.ontology import load_ontology, load_shapes
    from graph_builder.rdf.export import export_dataset, serialize
    from graph_builder.rdf.store import GraphStore
    from graph_builder.rdf.validate import ValidationReport, validate_dataset
    from graph_builder.sparql.bounded import run_query_bounded
    from graph_builder.sparql.named import (
        QueryJob,
        bind_params,
        get_named_query,
        named_queries,
        prepare,
        run_query,
    )
    from graph_builder.sparql.results import result_rows
    from graph_builder.viewer.render import render_viewer

_LAZY = {
    "run_build": "graph_builder.build",
    "DatasetInputs": "graph_builder.inputs",
    "QueryJob": "graph_builder.sparql.named",
    "load_sources": "graph_builder.ingest.sources",
    "load_ontology": "graph_builder.ontology",
    "load_shapes": "graph_builder.ontology",
    "export_dataset": "graph_builder.rdf.export",
    "serialize": "graph_builder.rdf.export",
    "build_dataset": "graph_builder.dataset",
    "load_dataset": "graph_builder.dataset",
    "GraphStore": "graph_builder.rdf.store",
    "ValidationReport": "graph_builder.rdf.validate",
    "validate_dataset": "graph_builder.rdf.validate",
    "run_query_bounded": "graph_builder.sparql.bounded",
    "bind_params": "graph_builder.sparql.named",
    "get_named_query": "graph_builder.sparql.named",
    "named_queries": "graph_builder.sparql.named",
    "prepare": "graph_builder.sparql.named",
    "result_rows": "graph_builder.sparql.results",
    "run_query": "graph_builder.sparql.named",
    "render_viewer": "graph_builder.viewer.render",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'graph_builder' has no attribute {name!r}")


__version__ = "0.3.0"

__all__ = [
    "ArticleError",
    "BulkLoadFailed",
    "CandidateRefused",
    "DatasetInputs",
    "FolderLocked",
    "GazetteerError",
    "GraphBuilderError",
    "GraphStore",
    "InferenceError",
    "KeptStateUnreadable",
    "MissingExtra",
    "MissingParameter",
    "OutputError",
    "PortInUse",
    "PublishError",
    "PushFailed",
    "QueryError",
    "QueryJob",
    "QueryRefused",
    "QueryStopped",
    "QueryTimeout",
    "ServerBusy",
    "ServerError",
    "SourceError",
    "StoreDamaged",
    "Unresolved",
    "ValidationFailed",
    "ValidationReport",
    "__version__",
    "bind_params",
    "build_dataset",
    "export_dataset",
    "get_named_query",
    "load_dataset",
    "load_ontology",
    "load_shapes",
    "load_sources",
    "named_queries",
    "prepare",
    "render_viewer",
    "result_rows",
    "run_build",
    "run_query",
    "run_query_bounded",
    "serialize",
    "validate_dataset",
]
