"""The review page: what it shows (article, candidate, schemes, entities) and its HTML.

The page is one document: our template, style and script inlined, the data as one JSON
blob in ``<script type="application/json">``. Its script renders every piece of data with
``textContent``, and the Content-Security-Policy admits only the page's own script and
style (by hash), requests to its own origin, and nothing else (no external resources).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from graph_builder.csp import hash_source
from graph_builder.errors import OutputError
from graph_builder.records import LANGUAGES

_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")
CONCEPT_FIELDS = {
    "sectors": "sector",
    "activities": "activity",
    "objectives": "objective",
    "institution_types": "institution",
}
"""Claim fields whose values are concepts, and the scheme of each."""


@dataclass
class ReviewInput:
    """What is reviewed: a candidate (plain data) and, when known, the article it came from."""

    candidate: dict[str, Any]
    text: str | None
    offsets: list[int]
    """For an HTML article, the input offset of each character of :attr:`text` (spans are
    input offsets); empty for plain text."""
    paragraphs: list[tuple[int, int, int]]
    name: str


def read_review_input(path: Path, data_dir: Path, *, article: Path | None = None) -> ReviewInput:
    """An article (extracted now) or a candidate file (with its article when it is found)."""
    from graph_builder.extract import load_extractor, read_article

    if path.suffix.lower() in (".yaml", ".yml"):
        from graph_builder.review.accept import read_candidate

        doc = read_candidate(path)
        source = article or _article_beside(path)
        candidate = doc.data
        art = read_article(source) if source is not None else None
    else:
        from graph_builder.extract.candidate import candidate_data

        extractor = load_extractor(data_dir)
        art = read_article(path)
        candidate = _plain(candidate_data(extractor.extract(art), extractor.lexicon))
    if art is None:
        return ReviewInput(candidate, None, [], [], path.name)
    paragraphs = [(p.number, p.start, p.end) for p in art.paragraphs]
    return ReviewInput(candidate, art.text, list(art.offsets), paragraphs, art.path.name)


def _article_beside(candidate: Path) -> Path | None:
    """The article a candidate names in its first line, when it is in the same folder."""
    with candidate.open(encoding="utf-8", errors="replace") as file:
        first = file.readline()
    found = re.search(r"extracted by graph-builder from (.+?)\.\s*$", first)
    if found is None:
        return None
    path = candidate.parent / Path(found.group(1)).name
    return path if path.is_file() else None


def _plain(value: Any) -> Any:
    """Data for JSON: dates as ISO text, tuples as lists."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def page_data(review: ReviewInput, data_dir: Path, ontology_dir: Path | None) -> dict[str, Any]:
    """Everything the page shows and searches, as plain data."""
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    from graph_builder.ingest.countries import country_codes, lookup_country
    from graph_builder.ingest.sources import read_entities
    from graph_builder.ontology import Vocabulary, load_ontology

    graph = load_ontology(ontology_dir)
    vocabulary = Vocabulary.from_graph(graph)
    # Each concept: name, English and Indonesian labels, and its other labels (for search).
    schemes: dict[str, list[list[str]]] = {}
    for field, scheme in CONCEPT_FIELDS.items():
        rows = []
        for name, concept in sorted(vocabulary.concepts[scheme].items()):
            iri = URIRef(concept)
            labels = {lang: "" for lang in LANGUAGES}
            for label in graph.objects(iri, SKOS.prefLabel):
                lang = getattr(label, "language", None)
                if lang in labels:
                    labels[lang] = str(label)
            other = sorted(str(label) for label in graph.objects(iri, SKOS.altLabel))
            rows.append([name, labels["en"], labels["id"], "; ".join(other)])
        schemes[field] = rows
    entities: dict[str, list[list[str]]] = {}
    for entity in read_entities(data_dir).entities.values():
        labels = entity.labels
        entities.setdefault(entity.kind, []).append(
            [entity.id, labels.get("en", ""), labels.get("id", "")]
        )
    countries = []
    for code in country_codes():
        country = lookup_country(code)
        if country is not None:
            countries.append([code, country.names["en"], country.names["id"]])
    return {
        "candidate": _plain(review.candidate),
        "article": {
            "name": review.name,
            "text": review.text,
            "offsets": review.offsets,
            "paragraphs": review.paragraphs,
        },
        "schemes": schemes,
        "entities": entities,
        "countries": countries,
    }


def _asset(name: str) -> str:
    return resources.files("graph_builder.review").joinpath("templates", name).read_text("utf-8")


def render_page(data: dict[str, Any], token: str) -> tuple[str, str]:
    """The review page for *data* and its Content-Security-Policy."""
    from graph_builder.viewer.html import json_for_html

    script, style = _asset("review.js"), _asset("review.css")
    if re.search(r"</script|<!--", script, re.IGNORECASE):
        raise OutputError("review.js cannot be inlined: it contains '</script' or '<!--'")
    csp = (
        f"default-src 'none'; script-src {hash_source(script)}; "
        f"style-src {hash_source(style)}; connect-src 'self'; img-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    values = {
        "SCRIPT": script,
        "STYLE": style,
        "DATA": json_for_html({**data, "token": token}),
    }
    html = _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("review.html"))
    return html, csp


__all__ = ["ReviewInput", "page_data", "read_review_input", "render_page"]
