"""What the extractor learns from labelled articles: a keep-or-drop filter per class.

The rules propose; a filter trained on the labelled articles of ``tests/extract_gold``
drops the proposals that look like the ones annotators rejected (a comparator country,
an export destination, a word of a programme's name). :mod:`.features` says what the
filter sees, :mod:`.logistic` how it weighs it, :mod:`.model` how a threshold is chosen
and the file it is shipped in (:data:`SHIPPED`), :mod:`.training` how examples are
labelled. ``scripts/train_extract_model.py`` writes the shipped file again; the same
articles always give the same file.

    >>> extractor = load_extractor()                 # a LearnedExtractor, shipped filter
    >>> held_out = extractor.fit(training_articles)  # learned again on other articles
    >>> rules = extractor.rules_alone()              # no filter
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path

from ..evaluate import LabelledArticle
from ..extract import Extractor
from ..findings import ArticleMeta, Extraction
from ..text import Article, read_article
from .model import Filter, filter_json, read_filter
from .training import fit_filter

SHIPPED = Path(__file__).with_name("filter.json")
"""The filter trained on every labelled article of the repository."""


class LearnedExtractor(Extractor):
    """The rules' extraction, then the learned filter over its proposals (if any)."""

    def __init__(
        self, lexicon: object, *, model: str | None = None, learned: Filter | None = None
    ) -> None:
        super().__init__(lexicon, model=model)
        self.learned = learned
        self.memo: dict[tuple[str, str], Extraction] = {}  # the rules' extractions, for fit

    def extract(
        self, article: Article, *, lang: str = "auto", meta: ArticleMeta | None = None
    ) -> Extraction:
        if self.learned is None:
            return super().extract(article, lang=lang, meta=meta)
        # what the filter reads of the text whatever the proposals is read beside the child
        result, codes = self._extract_beside(article, lang, meta, self.learned.read_ahead)
        return self.learned.apply(result, codes=codes)

    def rules_of(self, article: LabelledArticle) -> Extraction:
        """The rules' extraction of *article*, made once for this extractor and its copies."""
        key = (str(article.path), str(article.published))
        if key not in self.memo:
            meta = ArticleMeta(published=article.published)
            self.memo[key] = super().extract(read_article(article.path), meta=meta)
        return self.memo[key]

    def fit(self, articles: Sequence[LabelledArticle]) -> LearnedExtractor:
        """A copy (matchers shared) with the filter learned from *articles*."""
        fitted = copy.copy(self)
        fitted.learned = train(self, articles)
        return fitted

    def rules_alone(self) -> LearnedExtractor:
        """A copy (matchers shared) without the filter."""
        rules = copy.copy(self)
        rules.learned = None
        return rules


def train(extractor: LearnedExtractor, articles: Sequence[LabelledArticle]) -> Filter:
    """The filter learned from *articles* by *extractor*'s rules."""
    return fit_filter(extractor, articles, extractor.rules_of)


__all__ = ["SHIPPED", "Filter", "LearnedExtractor", "filter_json", "read_filter", "train"]
