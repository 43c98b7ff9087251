"""What the extractor learns from labelled articles: a keep-or-drop filter per class.

The rules propose; a filter trained on the labelled articles of ``tests/extract_gold``
drops the proposals that look like the ones annotators rejected (a comparator country,
an export destination, a word of a programme's name). :mod:`.features` says what the
filter sees, :mod:`.logistic` how it weighs it, :mod:`.model` how a threshold is chosen
and the file it is shipped in (:data:`SHIPPED`), :mod:`.training` how examples are
labelled. ``scripts/train_extract_model.py`` writes the shipped file again; the same
articles always give the same file.

    >>> extractor = load_extractor()                 # the shipped filter applied
    >>> held_out = extractor.fit(training_articles)  # learned again on other articles
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path

from ..evaluate import LabelledArticle
from ..extract import ArticleMeta, Extraction, Extractor
from ..text import read_article
from .model import Filter, filter_json, read_filter
from .training import fit_filter

SHIPPED = Path(__file__).with_name("filter.json")
"""The filter trained on every labelled article of the repository."""


def rules_of(extractor: Extractor, article: LabelledArticle) -> Extraction:
    """The rules' extraction of *article*, made once per extractor (and its fitted copies)."""
    key = (str(article.path), str(article.published), "auto")
    if key not in extractor.memo:
        rules = copy.copy(extractor)
        rules.learned = None
        meta = ArticleMeta(published=article.published)
        extractor.memo[key] = rules.extract(read_article(article.path), meta=meta)
    return extractor.memo[key]


def train(extractor: Extractor, articles: Sequence[LabelledArticle]) -> Filter:
    """The filter learned from *articles* by *extractor*'s rules."""
    return fit_filter(extractor, articles, lambda article: rules_of(extractor, article))


def fitted(extractor: Extractor, articles: Sequence[LabelledArticle]) -> Extractor:
    """A copy of *extractor* (matchers shared) with the filter learned from *articles*."""
    learner = copy.copy(extractor)
    learner.learned = train(extractor, articles)
    return learner


__all__ = ["SHIPPED", "Filter", "filter_json", "fitted", "read_filter", "rules_of", "train"]
