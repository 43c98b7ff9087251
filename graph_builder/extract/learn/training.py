"""From labelled articles to a filter: the rules' proposals, labelled by the gold files.

A proposal is good when a label of ``expected`` or ``acceptable_extra`` matches it, the
way :mod:`..evaluate` scores it; each class also counts the items the rules found and
the items expected, so that training can tell what dropping a proposal costs in recall.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..evaluate import GOLD_CLASSES, LabelledArticle, judge
from ..extract import Extraction, Extractor
from .features import proposal_features
from .logistic import Example
from .model import ClassData, Filter, train_filter

FILTERED = GOLD_CLASSES
"""The classes a filter is trained for."""

Rules = Callable[[LabelledArticle], Extraction]
"""The rules' extraction of a labelled article."""


def class_data(
    extractor: Extractor, articles: Sequence[LabelledArticle], rules: Rules
) -> dict[str, ClassData]:
    """Every class's examples over *articles*, with the counts of what the rules recalled."""
    examples: dict[str, list[Example]] = {cls: [] for cls in FILTERED}
    expected = dict.fromkeys(FILTERED, 0)
    recalled = dict.fromkeys(FILTERED, 0)
    for article in articles:
        extraction = rules(article)
        for cls in FILTERED:
            judged = judge(extraction, cls, article.gold, extractor)
            for finding, good in zip(judged.proposals, judged.good, strict=True):
                features = proposal_features(extraction, finding)
                examples[cls].append(Example(features, good, article.group))
            expected[cls] += judged.expected
            recalled[cls] += judged.expected - len(judged.missed)
    return {cls: ClassData(examples[cls], expected[cls], recalled[cls]) for cls in FILTERED}


def fit_filter(
    extractor: Extractor, articles: Sequence[LabelledArticle], rules: Rules
) -> Filter:
    """The filter learned from *articles* (thresholds chosen on them alone)."""
    return train_filter(class_data(extractor, articles, rules), FILTERED)
