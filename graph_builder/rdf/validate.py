"""SHACL validation (pySHACL) and the OWL 2 RL closure check (owlrl)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from graph_builder import resources
from graph_builder.errors import GraphBuilderError, SourceError
from graph_builder.namespaces import compact
from graph_builder.ontology import SHAPES_FILE, load_shapes
from graph_builder.rdf.store import GraphStore

if TYPE_CHECKING:  # rdflib: imported when a report is made of its terms
    from rdflib import Graph
    from rdflib.term import Node

    from graph_builder.rdf.shacl_record import RecordCheck


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the property path, the value and the message."""

    severity: str
    focus: str
    path: str | None
    value: str | None
    message: str
    file: str | None = None
    """The data file the violation comes from (:mod:`graph_builder.locate`), if known."""
    line: int | None = None
    field: str | None = None
    fix: str | None = None

    def __str__(self) -> str:
        if self.file is not None:
            where = self.file if self.line is None else f"{self.file}:{self.line}"
            what = f"{self.field}: {self.message}" if self.field else self.message
            fix = f" ({self.fix})" if self.fix else ""
            level = "" if self.severity == "Violation" else f"{self.severity}: "
            return f"{level}{where}: {what}{fix} [{compact(self.focus)}]"
        where = f"{compact(self.focus)}"
        if self.path:
            where += f" {self.path}"
        if self.value:
            where += f" = {self.value}"
        return f"{self.severity}: {where}: {self.message}"


@dataclass
class ValidationReport:
    """The outcome of :func:`validate_dataset`."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    nodes_checked: int = 0

    def text(self) -> str:
        """A readable report, one line per result."""
        if self.conforms:
            return f"SHACL: conforms ({self.nodes_checked} focus nodes checked)"
        lines = [f"SHACL: {len(self.violations)} result(s)"]
        lines.extend(f"  {v}" for v in self.violations)
        return "\n".join(lines)


def _show(term: object) -> str | None:
    from rdflib import Literal, URIRef

    if term is None:
        return None
    if isinstance(term, URIRef):
        return compact(str(term))
    if isinstance(term, Literal):
        return repr(str(term))
    return str(term)


def _path(graph: Graph, result: Node) -> str | None:
    from rdflib import URIRef
    from rdflib.namespace import SH

    path = graph.value(result, SH.resultPath)
    return compact(str(path)) if isinstance(path, URIRef) else _show(path)


ENGINES = ("sparql", "pyshacl")

_FOCUS_NODES = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?type } }"


def validate_dataset(
    store: GraphStore,
    *,
    shapes: Graph | None = None,
    ontology_dir: Path | None = None,
    engine: str = "sparql",
    focus: Iterable[str] | None = None,
    written: RecordCheck | None = None,
) -> ValidationReport:
    """Validate the union of *store*'s graphs against SHACL *shapes*.

    Without *shapes*, the shapes are ``shapes.ttl`` of *ontology_dir* (default: the bundled
    ontology); an ontology folder without that file raises :class:`SourceError`.

    ``engine="sparql"`` compiles the shapes to SPARQL run by the store (:mod:`.shacl`), which
    scales with the engine; ``engine="pyshacl"`` copies the union into rdflib and runs
    pySHACL, the reference implementation (small datasets, or shapes the compiler refuses).
    *focus* limits the SPARQL engine's node and property checks to those IRIs (an
    incremental build's touched nodes). *written* (the SPARQL engine, with the *shapes* it
    was made from) has checked some property shapes on each record as the mapping wrote it:
    those that held everywhere are not checked again.
    """
    shapes_graph = shapes if shapes is not None else load_shapes(ontology_dir)
    typed = None
    if engine == "pyshacl":
        violations = _pyshacl_violations(store.union_graph(), shapes_graph, ontology_dir)
    elif engine == "sparql":
        from graph_builder.rdf.shacl import types_of, validate_store

        typed = None if focus is None else types_of(store, focus)
        violations = [
            Violation(
                severity=f.severity,
                focus=str(f.focus),
                path=_show(f.path),
                value=_show(f.value),
                message=f.message,
            )
            for f in validate_store(store, shapes_graph, focus_types=typed, written=written)
        ]
    else:
        raise GraphBuilderError(f"SHACL engine must be one of {ENGINES}, not {engine!r}")
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
    if typed is not None:
        focus_nodes = sum(1 for types in typed.values() if types)
    else:
        focus_nodes = int(next(store.select(_FOCUS_NODES))["n"].value)
    return ValidationReport(not violations, violations, focus_nodes)


def _pyshacl_violations(
    data: Graph, shapes: Graph, ontology_dir: Path | None = None
) -> list[Violation]:
    import pyshacl
    from rdflib import Graph
    from rdflib.namespace import RDF, SH

    _, report_graph, _ = pyshacl.validate(
        data, shacl_graph=shapes, advanced=True, allow_warnings=True
    )
    if not isinstance(report_graph, Graph):  # pySHACL reports broken shapes this way
        where = (ontology_dir or resources.ontology_dir()) / SHAPES_FILE
        raise SourceError(where, f"SHACL shapes cannot be used: {report_graph}")
    violations = []
    for result in report_graph.subjects(RDF.type, SH.ValidationResult):
        severity = report_graph.value(result, SH.resultSeverity)
        violations.append(
            Violation(
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                focus=str(report_graph.value(result, SH.focusNode)),
                path=_path(report_graph, result),
                value=_show(report_graph.value(result, SH.value)),
                message=str(report_graph.value(result, SH.resultMessage) or "constraint not met"),
            )
        )
    return violations


def owl_rl_closure(store: GraphStore) -> Graph:
    """The OWL 2 RL deductive closure of ontology plus data (owlrl)."""
    import owlrl

    graph = store.union_graph()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


def rl_inconsistencies(closure: Graph) -> list[str]:
    """The inconsistency messages owlrl recorded in *closure* (empty when consistent)."""
    from owlrl.Namespaces import ERRNS

    return sorted(str(message) for message in closure.objects(None, ERRNS.error))
