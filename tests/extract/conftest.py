"""Shared fixtures of the extractor's module tests: one extractor, articles from strings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from graph_builder.extract import Extraction, Extractor, load_extractor
from graph_builder.extract.findings import ArticleMeta
from graph_builder.extract.text import article_from_bytes


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return load_extractor()


@pytest.fixture
def run(extractor: Extractor) -> Callable[..., Extraction]:
    """Extract a text given as a string (``name`` decides .txt or .html)."""

    def _run(text: str, *, name: str = "a.txt", lang: str = "auto", **meta: object) -> Extraction:
        if lang == "auto" and len(text.split()) < 25:
            lang = _lang_of(text)  # one sentence is too short for the detector
        article = article_from_bytes(Path(name), text.encode("utf-8"))
        return extractor.extract(article, lang=lang, meta=ArticleMeta(**meta))  # type: ignore[arg-type]

    return _run


_INDONESIAN = {"dan", "dengan", "di", "yang", "untuk", "menandatangani", "hadir", "kerja"}


def _lang_of(text: str) -> str:
    return "id" if _INDONESIAN & set(text.lower().split()) else "en"


def refs(result: Extraction, cls: str) -> set[str]:
    """The refs found of one class (known or not)."""
    return {f.ref for f in result.of(cls)}


def unresolved(result: Extraction, cls: str) -> dict[str, object]:
    """The findings of one class proposed under ``unresolved``, by suggested id."""
    return {f.ref: f for f in result.unresolved if f.cls == cls}


def after_a_signing(run: Callable[..., Extraction], sentence: str, lang: str) -> Extraction:
    """Extract *sentence* after a sentence reporting a signing, so that a deal is in view."""
    lead = (
        "Indonesia dan Chile menandatangani nota kesepahaman kerja sama industri pada Senin. "
        if lang == "id"
        else "Indonesia and Chile signed a memorandum of understanding on industry on Monday. "
    )
    return run(lead + sentence, lang=lang)


def found(result: Extraction, cls: str) -> set[str]:
    """The refs found of one class, known or proposed under ``unresolved``."""
    return refs(result, cls) | set(unresolved(result, cls))
