"""The dataset: data files loaded, checked and built into a store, with the ontology and its
entailments (records → quads is :mod:`.mapping`; the bulk-load chunks are :mod:`.chunks`)."""

from __future__ import annotations

import logging
from pathlib import Path

from rdflib import Graph

from graph_builder.ontology import Vocabulary, load_ontology
from graph_builder.rdf.chunks import ChunkWriter, drop_stated
from graph_builder.rdf.store import GraphStore
from graph_builder.records import SourceSet

__all__ = ["build_dataset", "load_dataset"]

log = logging.getLogger(__name__)


def build_dataset(
    sources: SourceSet,
    *,
    ontology: Graph,
    store: GraphStore | None = None,
    infer: str = "rdfs",
) -> GraphStore:
    """The dataset for *sources*, with *ontology* in its own named graph, in *store*.

    *store* defaults to a new store in memory. *infer* (``none``, ``rdfs``, ``owl-rl``)
    adds the ontology's entailments in ``graph:inferred`` (see :mod:`.infer`).
    """
    from graph_builder.rdf.infer import check_mode
    from graph_builder.rdf.infer import infer as add_entailments

    check_mode(infer)
    target = store if store is not None else GraphStore.memory()

    def load(chunk: bytes) -> None:
        target.load_nquads(chunk, checked=True, union=True)

    writer = ChunkWriter(ontology, entail=infer == "rdfs", emit=load)
    for record in sources.sources:
        writer.source(record, sources)
    drop_stated(target, writer.finish(sources))
    if infer == "owl-rl":
        add_entailments(target, infer)
    log.info("built %d quads from %d sources", len(target), len(sources.sources))
    return target


def load_dataset(
    data_dir: Path | None = None,
    *,
    ontology_dir: Path | None = None,
    store: GraphStore | None = None,
    infer: str = "rdfs",
) -> GraphStore:
    """Load, check and build the dataset of *data_dir* (default: the bundled ``data/``).

    The quads go into *store* (default: a new store in memory); *infer* as for
    :func:`build_dataset`.
    """
    from graph_builder import resources
    from graph_builder.ingest.sources import load_sources

    ontology = load_ontology(ontology_dir)
    records = load_sources(
        data_dir or resources.data_dir(), vocabulary=Vocabulary.from_graph(ontology)
    )
    return build_dataset(records, ontology=ontology, store=store, infer=infer)
