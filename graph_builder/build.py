"""The ``build`` job: load, validate, serialise, and write every output or none."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Variable

from graph_builder.errors import ValidationFailed
from graph_builder.files import write_text
from graph_builder.namespaces import compact
from graph_builder.rdf.export import serialize
from graph_builder.rdf.mapping import load_dataset
from graph_builder.rdf.store import GraphStore
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
    inferred: int
    entities: dict[str, int]
    report: ValidationReport | None
    files: list[Path] = field(default_factory=list)

    def text(self) -> str:
        """A short human summary."""
        lines = [
            f"sources: {self.sources}   statements with evidence: {self.statements}",
            f"triples (union): {self.triples}   quads (named graphs): {self.quads}"
            f"   of which inferred: {self.inferred}",
            "entities: " + ", ".join(f"{name} {n}" for name, n in sorted(self.entities.items())),
        ]
        if self.report is not None:
            lines.append(self.report.text())
        lines.extend(f"wrote {path}" for path in self.files)
        return "\n".join(lines)


_SUMMARY = """
SELECT
  (COUNT(*) AS ?quads)
  (SUM(IF(?g != graph:inferred && ?p = rdf:type && ?o = agr:Evidence, 1, 0)) AS ?statements)
  (SUM(IF(?g = graph:catalog && ?p = dcterms:identifier, 1, 0)) AS ?sources)
  (SUM(IF(?g = graph:inferred, 1, 0)) AS ?inferred)
WHERE { GRAPH ?g { ?s ?p ?o } }
"""
_TRIPLES = (
    "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
)
_ENTITIES = """
SELECT ?class (COUNT(?s) AS ?n) WHERE { GRAPH graph:reference { ?s a ?class } } GROUP BY ?class
"""


def summarize(store: GraphStore, report: ValidationReport | None = None) -> BuildSummary:
    """Counts of *store*: quads, union triples, sources, evidence records, entities by class."""
    row = store.query(_SUMMARY).bindings[0]
    triples = int(store.query(_TRIPLES).bindings[0][Variable("n")])
    entities = {
        compact(str(r[Variable("class")])): int(r[Variable("n")])
        for r in store.query(_ENTITIES).bindings
    }
    return BuildSummary(
        quads=int(row[Variable("quads")]),
        triples=triples,
        sources=int(row[Variable("sources")]),
        statements=int(row[Variable("statements")]),
        inferred=int(row[Variable("inferred")]),
        entities=entities,
        report=report,
    )


def run_build(
    data_dir: Path | None,
    out_dir: Path,
    *,
    ontology_dir: Path | None = None,
    validate: bool = True,
    viewer: bool = True,
    persist: bool = True,
    infer: str = "rdfs",
) -> BuildSummary:
    """Load, validate and serialise *data_dir*; write the outputs into *out_dir*.

    Everything is computed before the first file is written, so a failure leaves
    *out_dir* as it was. With *persist* the store is written to ``out_dir/store`` (with a
    manifest of the inputs' content hashes) for the other commands to open. Raises
    :class:`ValidationFailed` when SHACL finds violations.
    """
    inputs = input_hashes(data_dir, ontology_dir)
    inputs["infer"] = infer
    staging = _staging(out_dir) if persist else None
    try:
        store = load_dataset(
            data_dir,
            ontology_dir=ontology_dir,
            store=GraphStore.create(staging) if staging is not None else None,
            infer=infer,
        )
        report = validate_dataset(store) if validate else None
        if report is not None and not report.conforms:
            raise ValidationFailed(report.text(), len(report.violations))
        outputs = {name: serialize(store, fmt) for name, fmt in BUILD_FILES.items()}
        if viewer:
            from graph_builder.viewer.render import render_viewer

            outputs[VIEWER_FILE] = render_viewer(store)
        summary = summarize(store, report)
        store.flush()
        del store
    except BaseException:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    for name, text in outputs.items():
        summary.files.append(write_text(out_dir / name, text))
    if staging is not None:
        _swap_in(staging, out_dir / STORE_DIR)
        summary.files.append(write_text(out_dir / MANIFEST, json.dumps(inputs, indent=1) + "\n"))
        summary.files.append(out_dir / STORE_DIR)
    log.info("build finished: %d files", len(summary.files))
    return summary


STORE_DIR = "store"
MANIFEST = "manifest.json"


def input_hashes(data_dir: Path | None, ontology_dir: Path | None) -> dict[str, Any]:
    """Content hashes of every input file, by folder and relative path."""
    from graph_builder import resources

    folders = {
        "data": Path(data_dir or resources.data_dir()),
        "ontology": Path(ontology_dir or resources.ontology_dir()),
    }
    hashes: dict[str, Any] = {}
    for name, folder in folders.items():
        files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
        hashes[name] = {
            "path": str(folder.resolve()),
            "files": {
                str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in files
            },
        }
    return hashes


def open_build(
    out_dir: Path, *, data_dir: Path | None = None, ontology_dir: Path | None = None
) -> GraphStore | None:
    """The persisted store in *out_dir* if it was built from the current inputs, else None.

    *data_dir* and *ontology_dir* default to the folders the store was built from.
    """
    manifest_path, store_path = out_dir / MANIFEST, out_dir / STORE_DIR
    if not manifest_path.is_file() or not (store_path / "CURRENT").is_file():
        return None
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        data = data_dir or Path(manifest["data"]["path"])
        ontology = ontology_dir or Path(manifest["ontology"]["path"])
        current = input_hashes(data, ontology)
        current["infer"] = manifest.get("infer")
        if current != manifest:
            log.warning("%s is older than its inputs; building from the data instead", out_dir)
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return GraphStore.open(store_path, read_only=True)


def _staging(out_dir: Path) -> Path:
    """A fresh folder beside *out_dir* for the new store; leftovers of killed builds go."""
    parent = out_dir.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    for leftover in parent.glob(f".{out_dir.name}.store-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    return parent / f".{out_dir.name}.store-new-{os.getpid()}"


def _swap_in(staging: Path, target: Path) -> None:
    old = target.parent.parent / f".{target.parent.name}.store-old-{os.getpid()}"
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
