"""SHACL validation (pySHACL) and the OWL 2 RL closure check (owlrl)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from . import resources
from .errors import SourceError
from .export import union_graph
from .namespaces import compact
from .ontology import SHAPES_FILE, load_shapes


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the property path, the value and the message."""

    severity: str
    focus: str
    path: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
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
    if term is None:
        return None
    if isinstance(term, URIRef):
        return compact(str(term))
    if isinstance(term, Literal):
        return repr(str(term))
    return str(term)


def _path(graph: Graph, result: Node) -> str | None:
    path = graph.value(result, SH.resultPath)
    return compact(str(path)) if isinstance(path, URIRef) else _show(path)


def validate_dataset(
    dataset: Dataset, *, shapes: Graph | None = None, ontology_dir: Path | None = None
) -> ValidationReport:
    """Validate the union of *dataset* against SHACL *shapes*.

    Without *shapes*, the shapes are ``shapes.ttl`` of *ontology_dir* (default: the bundled
    ontology); an ontology folder without that file raises :class:`SourceError`.
    """
    import pyshacl

    data = union_graph(dataset)
    conforms, report_graph, _ = pyshacl.validate(
        data,
        shacl_graph=shapes if shapes is not None else load_shapes(ontology_dir),
        advanced=True,
        allow_warnings=True,
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
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    focus_nodes = {s for s, _, _ in data.triples((None, RDF.type, None))}
    return ValidationReport(bool(conforms), violations, len(focus_nodes))


def owl_rl_closure(dataset: Dataset) -> Graph:
    """The OWL 2 RL deductive closure of ontology plus data (owlrl)."""
    import owlrl

    graph = union_graph(dataset)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


def rl_inconsistencies(closure: Graph) -> list[str]:
    """The inconsistency messages owlrl recorded in *closure* (empty when consistent)."""
    from owlrl.Namespaces import ERRNS

    return sorted(str(message) for message in closure.objects(None, ERRNS.error))
