"""Loading the ontology files, the SHACL shapes, and the concept vocabulary they define."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from . import resources
from .errors import SourceError
from .namespaces import ACTIVITY, INSTITUTION, OBJECTIVE, SECTOR, bind_namespaces

SHAPES_FILE = "shapes.ttl"

SCHEMES: dict[str, URIRef] = {
    "sector": SECTOR["scheme"],
    "activity": ACTIVITY["scheme"],
    "objective": OBJECTIVE["scheme"],
    "institution": INSTITUTION["scheme"],
}
"""The concept schemes that data files refer to, by the short name used in messages."""


@dataclass(frozen=True)
class Vocabulary:
    """The concepts of each scheme, by local name (``shipbuilding`` → its IRI)."""

    concepts: dict[str, dict[str, URIRef]]

    @classmethod
    def from_graph(cls, graph: Graph) -> Vocabulary:
        concepts: dict[str, dict[str, URIRef]] = {name: {} for name in SCHEMES}
        for name, scheme in SCHEMES.items():
            base = str(scheme).rsplit("/", 1)[0] + "/"
            for concept in graph.subjects(SKOS.inScheme, scheme):
                if isinstance(concept, URIRef) and (concept, RDF.type, SKOS.Concept) in graph:
                    concepts[name][str(concept)[len(base) :]] = concept
        return cls(concepts)


def _parse(path: Path, graph: Graph) -> None:
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
        line = getattr(exc, "lines", None) or getattr(exc, "line", None)
        raise SourceError(
            path, f"not valid Turtle: {exc}", line=line if isinstance(line, int) else None
        ) from None


def load_ontology(ontology_dir: Path | None = None) -> Graph:
    """Every ``*.ttl`` file of *ontology_dir* except the SHACL shapes, as one graph."""
    directory = ontology_dir or resources.ontology_dir()
    files = sorted(p for p in directory.glob("*.ttl") if p.name != SHAPES_FILE)
    if not files:
        raise SourceError(
            directory, "no ontology files (*.ttl) found; point --ontology at ontology/"
        )
    graph = bind_namespaces(Graph())
    for path in files:
        _parse(path, graph)
    return graph


def load_shapes(ontology_dir: Path | None = None) -> Graph:
    """The SHACL shapes graph (``shapes.ttl``)."""
    path = (ontology_dir or resources.ontology_dir()) / SHAPES_FILE
    if not path.is_file():
        raise SourceError(path, "SHACL shapes file not found")
    graph = bind_namespaces(Graph())
    _parse(path, graph)
    return graph
