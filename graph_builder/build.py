"""The ``build`` job: load, validate, serialise, and write every output or none."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

from graph_builder.errors import ValidationFailed
from graph_builder.namespaces import AGR, REFERENCE_GRAPH, compact
from graph_builder.rdf.export import serialize, write_text
from graph_builder.rdf.mapping import load_dataset
from graph_builder.rdf.validate import ValidationReport, validate_dataset

log = logging.getLogger(__name__)

BUILD_FILES = {"graph.ttl": "ttl", "graph.trig": "trig", "graph.jsonld": "jsonld"}
VIEWER_FILE = "viewer.html"


@dataclass
class BuildSummary:
    """What a build produced."""

    quads: int
    triples: int
    sources: int
    statements: int
    entities: dict[str, int]
    report: ValidationReport | None
    files: list[Path] = field(default_factory=list)

    def text(self) -> str:
        """A short human summary."""
        lines = [
            f"sources: {self.sources}   statements with evidence: {self.statements}",
            f"triples (union): {self.triples}   quads (named graphs): {self.quads}",
            "entities: " + ", ".join(f"{name} {n}" for name, n in sorted(self.entities.items())),
        ]
        if self.report is not None:
            lines.append(self.report.text())
        lines.extend(f"wrote {path}" for path in self.files)
        return "\n".join(lines)


def summarize(dataset: Dataset, report: ValidationReport | None = None) -> BuildSummary:
    """Counts of *dataset*: quads, union triples, sources, evidence records, entities by class."""
    union = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
    reference = dataset.graph(REFERENCE_GRAPH)
    entities = Counter(
        compact(str(cls))
        for _, cls in reference.subject_objects(RDF.type)
        if isinstance(cls, URIRef)
    )
    sources = sum(1 for _ in dataset.subjects(RDF.type, AGR.NewsArticle)) + sum(
        1 for _ in dataset.subjects(RDF.type, AGR.Source)
    )
    statements = sum(1 for _ in dataset.subjects(RDF.type, AGR.Evidence))
    quads = sum(len(graph) for graph in dataset.graphs())
    return BuildSummary(quads, len(union), sources, statements, dict(entities), report)


def run_build(
    data_dir: Path | None,
    out_dir: Path,
    *,
    ontology_dir: Path | None = None,
    validate: bool = True,
    viewer: bool = True,
) -> BuildSummary:
    """Load, validate and serialise *data_dir*; write the outputs into *out_dir*.

    Everything is computed before the first file is written, so a failure leaves
    *out_dir* as it was. Raises :class:`ValidationFailed` when SHACL finds violations.
    """
    dataset = load_dataset(data_dir, ontology_dir=ontology_dir)
    report = validate_dataset(dataset) if validate else None
    if report is not None and not report.conforms:
        raise ValidationFailed(report.text(), len(report.violations))
    outputs = {name: serialize(dataset, fmt) for name, fmt in BUILD_FILES.items()}
    if viewer:
        from graph_builder.viewer.render import render_viewer

        outputs[VIEWER_FILE] = render_viewer(dataset)
    summary = summarize(dataset, report)
    for name, text in outputs.items():
        summary.files.append(write_text(out_dir / name, text))
    log.info("build finished: %d files", len(summary.files))
    return summary
