"""Reading articles into candidate source files: ``graph-builder extract``.

The stages, one module each: :mod:`.text` (bytes → text and paragraphs; HTML through
:mod:`.markup`), :mod:`.lang` (id or en), :mod:`.patterns` (phrases from the ontology,
the entities, pycountry and the gazetteers of :mod:`.gazetteer`: ``gazetteers/bodies.tsv``,
``gazetteers/isic.tsv``), :mod:`.matcher` (spaCy's tokens, then the phrases), :mod:`.bodies`
(ministries by the grammar of their names, with the portfolio words of
:mod:`.portfolios`), :mod:`.sectors` (compound lists of sectors, sectors no scheme knows),
:mod:`.aims` (purpose clauses, ``gazetteers/aims.tsv``), :mod:`.scope` (sentences about
the deal, in scope, background; the cue words of :mod:`.cues`, the agreement kinds of
:mod:`.kinds`), :mod:`.dates`, :mod:`.event` (the event's day), :mod:`.extract`
(findings), :mod:`.people` (signatories, unknown bodies; agencies named by an apposition in
:mod:`.agencies`), :mod:`.candidate` (YAML),
:mod:`.overlap` (a long text's sentence work in a forked child meanwhile),
:mod:`.evaluate` (scores against labelled articles), :mod:`.holdout` (groups, first
looks, leave-one-group-out), :mod:`.batch` (folders).

    >>> from graph_builder.extract import load_extractor, read_article
    >>> extractor = load_extractor()                  # matchers built once
    >>> result = extractor.extract(read_article(path))
    >>> text = render_candidate(result, extractor.lexicon)

Without the ``extract`` extra (spaCy, dateparser, rapidfuzz) importing this package
raises :class:`MissingExtra`, which names the missing module and the install line.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from graph_builder.errors import MissingExtra

EXTRA_MODULES = ("spacy", "dateparser", "rapidfuzz")
"""What the ``extract`` extra installs and this package imports."""


def require_extra() -> None:
    """Raise :class:`MissingExtra` unless every module of the extra can be imported.

    Looked up, not imported: spaCy takes a second to import and is loaded on first use.
    """
    for module in EXTRA_MODULES:
        if importlib.util.find_spec(module) is None:
            raise MissingExtra(module)


require_extra()

from .extract import Extractor  # noqa: E402
from .findings import CLASSES, ArticleMeta, Extraction, Finding  # noqa: E402
from .text import Article, ArticleError, read_article  # noqa: E402

_CACHE: dict[tuple[str, str, str], Extractor] = {}


def load_extractor(
    data_dir: Path | None = None, *, ontology_dir: Path | None = None, model: str | None = None
) -> Extractor:
    """An :class:`Extractor` for the data and ontology given (default: the bundled ones),
    with the shipped filter of :mod:`.learn` over the rules' proposals.

    Built once per process for the same arguments: the lexicon is read from the data and
    the matchers are compiled on first use.
    """
    from graph_builder import resources
    from graph_builder.ingest.sources import load_sources
    from graph_builder.ontology import Vocabulary, load_ontology

    from .learn import SHIPPED, LearnedExtractor, read_filter
    from .patterns import build_lexicon

    data = Path(data_dir or resources.data_dir()).resolve()
    ontology_path = Path(ontology_dir or resources.ontology_dir()).resolve()
    key = (str(data), str(ontology_path), model or "")
    if key not in _CACHE:
        graph = load_ontology(ontology_path)
        vocabulary = Vocabulary.from_graph(graph)
        source_set = load_sources(data, vocabulary=vocabulary)
        _CACHE[key] = LearnedExtractor(
            build_lexicon(source_set, graph, vocabulary),
            model=model,
            learned=read_filter(SHIPPED) if SHIPPED.is_file() else None,
        )
    return _CACHE[key]


__all__ = [
    "CLASSES",
    "Article",
    "ArticleError",
    "ArticleMeta",
    "Extraction",
    "Extractor",
    "Finding",
    "MissingExtra",
    "load_extractor",
    "read_article",
]
