"""Loading the ontology files, the SHACL shapes, and the concept vocabulary they define."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph_builder import resources
from graph_builder.errors import SourceError
from graph_builder.ingest.input_files import read_input_file
from graph_builder.namespaces import bind_namespaces
from graph_builder.prefixes import PREFIX_IRIS

if TYPE_CHECKING:
    from rdflib import Graph

SHAPES_FILE = "shapes.ttl"

SCHEMES: dict[str, str] = {
    name: PREFIX_IRIS[name] + "scheme"
    for name in ("sector", "activity", "objective", "institution")
}
"""The concept schemes that data files refer to, by the short name used in messages."""


@dataclass(frozen=True)
class Vocabulary:
    """The concepts of each scheme, by local name (``shipbuilding`` → its IRI)."""

    concepts: dict[str, dict[str, str]]
    """Each scheme's concepts (rdflib ``URIRef``s when read from an rdflib graph)."""

    @classmethod
    def from_graph(cls, graph: Graph) -> Vocabulary:
        """The concepts of *graph*: IRIs typed ``skos:Concept`` in one of :data:`SCHEMES`."""
        from rdflib import URIRef
        from rdflib.namespace import RDF, SKOS

        return cls.from_pairs(
            (concept, str(scheme))
            for scheme in map(URIRef, SCHEMES.values())
            for concept in graph.subjects(SKOS.inScheme, scheme)
            if isinstance(concept, URIRef) and (concept, RDF.type, SKOS.Concept) in graph
        )

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> Vocabulary:
        """The concepts of (concept IRI, scheme IRI) *pairs*, each concept a ``skos:Concept``."""
        by_scheme = {iri: name for name, iri in SCHEMES.items()}
        concepts: dict[str, dict[str, str]] = {name: {} for name in SCHEMES}
        for concept, scheme in pairs:
            name = by_scheme.get(scheme)
            if name is not None:
                base = scheme.rsplit("/", 1)[0] + "/"
                concepts[name][concept[len(base) :]] = concept
        return cls(concepts)


_PARSED: dict[tuple[tuple[str, bytes], ...], tuple[list[tuple[str, str]], list[Any]]] = {}
"""The prefixes and the triples (in the order the parser added them) of the files parsed
in this process, by the files' names and bytes (see :func:`_parsed`)."""
_PARSED_KEPT = 8


def _parsed(files: list[Path]) -> Graph:
    """A new graph holding *files* parsed in turn, with their prefixes bound.

    A long-lived process (``serve`` building again on a change, the review page's checks
    and saves, a notebook) reads the same ontology many times: the files are read and
    checked each time, but parsed only when their bytes or names changed. The caller gets
    a graph of its own to change as it likes, its triples added in the parser's order (the
    order a graph lists them in follows it, and the extractor's lexicon the listing); that
    costs a third of parsing them."""
    from rdflib import Graph

    texts = tuple((path.absolute().as_uri(), read_input_file(path, path.parent)) for path in files)
    kept = _PARSED.get(texts)
    if kept is None:
        added: list[Any] = []

        class Recording(Graph):
            def add(self, triple: Any) -> Any:
                added.append(triple)
                return super().add(triple)

        parsed = bind_namespaces(Recording())
        for path, (_, text) in zip(files, texts, strict=True):
            _parse(path, text, parsed)
        kept = [(str(p), str(n)) for p, n in parsed.namespaces()], added
        if len(_PARSED) >= _PARSED_KEPT:  # the oldest goes (pop: another thread may race)
            _PARSED.pop(next(iter(_PARSED), texts), None)
        _PARSED[texts] = kept
    graph = bind_namespaces(Graph())
    prefixes, triples = kept
    for prefix, namespace in prefixes:
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


def _parse(path: Path, text: bytes, graph: Graph) -> None:
    try:
        graph.parse(data=text, format="turtle", publicID=path.absolute().as_uri())
    except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
        raise SourceError(
            path, f"not valid Turtle: {_turtle_problem(exc)}", line=_turtle_line(exc)
        ) from None


def _turtle_line(exc: Exception) -> int | None:
    # rdflib's BadSyntax keeps the text and the offset of the problem; its own line count
    # is off by a few lines, so count the offset's line here.
    text, offset = getattr(exc, "_str", None), getattr(exc, "_i", None)
    if isinstance(text, (str, bytes)) and isinstance(offset, int):
        newline = "\n" if isinstance(text, str) else b"\n"
        return text[:offset].count(newline) + 1  # type: ignore[arg-type]
    return None


def _turtle_problem(exc: Exception) -> str:
    why = getattr(exc, "_why", None)
    text, offset = getattr(exc, "_str", None), getattr(exc, "_i", None)
    if isinstance(why, str) and isinstance(text, (str, bytes)) and isinstance(offset, int):
        raw = text if isinstance(text, str) else text.decode("utf-8", "replace")
        line_start = raw.rfind("\n", 0, offset) + 1
        line_end = raw.find("\n", offset)
        line_text = raw[line_start : line_end if line_end >= 0 else None].strip()
        return f"{why} in {line_text!r}"
    return " ".join(str(exc).split())[:300]


def load_ontology(ontology_dir: Path | None = None) -> Graph:
    """Every ``*.ttl`` file of *ontology_dir* except the SHACL shapes, as one graph."""
    directory = ontology_dir or resources.ontology_dir()
    files = sorted(p for p in directory.glob("*.ttl") if p.name != SHAPES_FILE)
    if not files:
        raise SourceError(
            directory,
            "no ontology files (*.ttl) found; give the folder that holds the ontology's "
            "*.ttl files, such as the bundled ontology/",
        )
    return _parsed(files)


def load_shapes(ontology_dir: Path | None = None) -> Graph:
    """The SHACL shapes graph (``shapes.ttl``)."""
    path = (ontology_dir or resources.ontology_dir()) / SHAPES_FILE
    if not path.is_file():
        raise SourceError(
            path,
            f"SHACL shapes file not found; an ontology folder needs its {SHAPES_FILE} "
            "(copy it from the bundled ontology/)",
        )
    return _parsed([path])


def names_its_folder(ontology_dir: Path) -> bool:
    """Whether the ontology in *ontology_dir* (its files and the shapes) names where it is:
    an IRI of the ``file:`` scheme, as a relative IRI becomes when a file is read with its
    own address as base. A build holds those IRIs, so it is made again when the folder
    moves; an ontology of absolute IRIs only (the bundled one) is the same graph anywhere.
    An ontology that cannot be read answers True (the build that follows says why)."""
    from rdflib import Literal, URIRef

    try:
        graphs = [load_ontology(ontology_dir)]
        if (ontology_dir / SHAPES_FILE).is_file():
            graphs.append(load_shapes(ontology_dir))
    except SourceError:
        return True

    def located(term: object) -> bool:
        if isinstance(term, Literal):
            term = term.datatype
        return isinstance(term, URIRef) and term.startswith("file:")

    return any(located(term) for graph in graphs for triple in graph for term in triple)
