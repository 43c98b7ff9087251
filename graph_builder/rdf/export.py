"""Serialising the dataset: RDF formats, byte-identical for the same input, written atomically.

Turtle, N-Triples, JSON-LD and RDF/XML hold the union of all graphs; TriG and N-Quads keep
the named graphs. rdflib's own writers order some output by hash, which changes from run
to run, so every format here is put in a fixed order (sorted statements, graphs and
namespace declarations) before it is written.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from graph_builder.errors import OutputError
from graph_builder.namespaces import PREFIXES, bind_namespaces

RDF_FORMATS = ("ttl", "trig", "nq", "nt", "jsonld", "xml")
EXTENSIONS = {
    "ttl": ".ttl",
    "trig": ".trig",
    "nq": ".nq",
    "nt": ".nt",
    "jsonld": ".jsonld",
    "xml": ".rdf",
}
MEDIA_TYPES = {
    "ttl": "text/turtle",
    "trig": "application/trig",
    "nq": "application/n-quads",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "xml": "application/rdf+xml",
}


def union_graph(dataset: Dataset) -> Graph:
    """Every triple of every named graph of *dataset*, as one plain graph."""
    graph = bind_namespaces(Graph())
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def _turtle_body(graph: Graph) -> str:
    text = bind_namespaces(graph).serialize(format="turtle")
    return "\n".join(line for line in text.splitlines() if not line.startswith("@prefix")).strip()


def _prefix_block(graph_or_dataset: Graph) -> str:
    used = {prefix for prefix, _ in graph_or_dataset.namespaces()}
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()) if p in used)


def to_trig(dataset: Dataset) -> str:
    """TriG with graphs in IRI order and Turtle's (sorted) layout inside each graph."""
    blocks = []
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if len(graph) == 0:
            continue
        body = _turtle_body(graph)
        inner = "\n".join(("    " + line) if line else "" for line in body.splitlines())
        blocks.append(f"<{graph.identifier}> {{\n{inner}\n}}\n")
    return _prefix_block(bind_namespaces(Graph())) + "\n" + "\n".join(blocks)


def _sorted_lines(text: str) -> str:
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "\n".join(lines) + "\n"


def _canonical_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _canonical_json(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        items = [_canonical_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def to_jsonld(graph: Graph) -> str:
    """Compact JSON-LD with the project's prefixes as ``@context``, in a fixed order."""
    context = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    data["@graph"] = _canonical_json(data.get("@graph", []))
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def _qname(iri: str, prefixes: dict[str, str]) -> tuple[str, str, str]:
    best = ("", "", "")
    for prefix, ns in prefixes.items():
        local = iri[len(ns) :]
        fits = iri.startswith(ns) and local[:1].isalpha() and len(ns) > len(best[1])
        if fits and all(c.isalnum() or c in "-_." for c in local):
            best = (prefix, ns, local)
    if not best[0]:
        raise OutputError(f"property {iri} cannot be written in RDF/XML (no namespace for it)")
    return best


def to_rdfxml(graph: Graph) -> str:
    """RDF/XML with subjects and properties in sorted order."""
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    used: dict[str, str] = {"rdf": str(RDF)}
    lines = []
    for subject in sorted(set(graph.subjects()), key=str):
        attr = "rdf:about" if isinstance(subject, URIRef) else "rdf:nodeID"
        lines.append(f"  <rdf:Description {attr}={quoteattr(str(subject))}>")
        for p, o in sorted(
            graph.predicate_objects(subject), key=lambda po: (str(po[0]), po[1].n3())
        ):
            prefix, ns, local = _qname(str(p), prefixes)
            used[prefix] = ns
            tag = f"{prefix}:{local}"
            if isinstance(o, Literal):
                attrs = ""
                if o.language:
                    attrs = f" xml:lang={quoteattr(o.language)}"
                elif o.datatype and o.datatype != XSD.string:
                    attrs = f" rdf:datatype={quoteattr(str(o.datatype))}"
                lines.append(f"    <{tag}{attrs}>{escape(str(o))}</{tag}>")
            elif isinstance(o, URIRef):
                lines.append(f"    <{tag} rdf:resource={quoteattr(str(o))}/>")
            else:
                lines.append(f"    <{tag} rdf:nodeID={quoteattr(str(o))}/>")
        lines.append("  </rdf:Description>")
    xmlns = "".join(f"\n   xmlns:{p}={quoteattr(ns)}" for p, ns in sorted(used.items()))
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF'
        + xmlns
        + ">\n"
        + "\n".join(lines)
        + "\n</rdf:RDF>\n"
    )


def serialize(dataset: Dataset, fmt: str) -> str:
    """*dataset* in *fmt* (one of :data:`RDF_FORMATS`), the same text for the same input."""
    if fmt == "trig":
        return to_trig(dataset)
    if fmt == "nq":
        return _sorted_lines(dataset.serialize(format="nquads"))
    union = union_graph(dataset)
    if fmt == "ttl":
        return union.serialize(format="turtle")
    if fmt == "nt":
        return _sorted_lines(union.serialize(format="nt"))
    if fmt == "jsonld":
        return to_jsonld(union)
    if fmt == "xml":
        return to_rdfxml(union)
    raise OutputError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")


def write_atomically(path: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp)`` on a temporary file beside *path*, then rename it over *path*.

    Readers see either the old file or the whole new one, never a part.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {_why_not_writable(path, exc)}") from None
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual file mode
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def _why_not_writable(path: Path, exc: OSError) -> str:
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is None:
        return str(exc.strerror)
    return f"{blocker} is a file, not a folder; choose another output path"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_text(path: Path, text: str) -> Path:
    """Write *text* as UTF-8 to *path* atomically."""
    return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def export_dataset(dataset: Dataset, fmt: str, path: Path) -> Path:
    """Write *dataset* as *fmt* to *path* atomically."""
    return write_text(path, serialize(dataset, fmt))
