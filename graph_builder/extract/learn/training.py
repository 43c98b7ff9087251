"""From labelled articles to a filter: the rules' proposals, labelled by the gold files.

A proposal is good when a label of ``expected`` or ``acceptable_extra`` matches it, the
way :mod:`..evaluate` scores it; each class also counts the items the rules found and
the items expected, so that training can tell what dropping a proposal costs in recall.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..evaluate import LabelledArticle, Namer, judge
from ..extract import Extractor
from ..findings import Extraction, Finding
from ..gold_labels import finding_names, label_matches
from .features import proposal_features
from .logistic import Example
from .model import ClassData, Filter, train_filter

FILTERED = ("countries",)
"""The classes a filter is trained for. Filters for the other classes of
:data:`~..evaluate.GOLD_CLASSES` were tried and changed no held-out figure (leave one
group out, 7 December 2026: bodies, sectors, activities and objectives scored the same
item for item), so they are not trained: a filter is kept only where it helps held out."""

Rules = Callable[[LabelledArticle], Extraction]
"""The rules' extraction of a labelled article."""


def country_names(extractor: Extractor) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern of every name of a country in the lexicon, and each name's country."""
    refs: dict[str, str] = {}
    for (cls, ref), phrases in sorted(extractor.lexicon.names.items()):
        if cls == "countries":
            for phrase in sorted(phrases):
                refs.setdefault(phrase, ref)
    alternatives = sorted(refs, key=len, reverse=True)
    pattern = r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w-])"
    return re.compile(pattern), refs


def passed_over(
    extractor: Extractor,
    extraction: Extraction,
    article: LabelledArticle,
    names: tuple[re.Pattern[str], dict[str, str]],
) -> list[Example]:
    """The countries *article* names that the rules did not propose, as examples that
    teach what a country that is not a party stands among."""
    pattern, refs = names
    text = extraction.article.text
    proposed = {f.ref for f in extraction.of("countries")}
    allowed = [
        *article.gold.get("expected", {}).get("countries", []),
        *article.gold.get("acceptable_extra", {}).get("countries", []),
    ]
    found: dict[str, Finding] = {}
    for match in pattern.finditer(text):
        ref = refs[match.group()]
        if ref in proposed or ref in found:
            continue
        paragraph = extraction.article.paragraph_at(match.start())
        number = paragraph.number if paragraph else 1
        found[ref] = Finding("countries", ref, ref, True, match.group(), number, match.span())
    return [
        Example(
            proposal_features(extraction, finding),
            any(label_matches(g, finding_names(finding, extractor), "countries") for g in allowed),
            article.group,
            proposed=False,
        )
        for finding in found.values()
    ]


def class_data(
    extractor: Extractor, articles: Sequence[LabelledArticle], rules: Rules
) -> dict[str, ClassData]:
    """Every class's examples over *articles*, with the counts of what the rules recalled."""
    examples: dict[str, list[Example]] = {cls: [] for cls in FILTERED}
    names = country_names(extractor)
    expected = dict.fromkeys(FILTERED, 0)
    recalled = dict.fromkeys(FILTERED, 0)
    for article in articles:
        extraction = rules(article)
        for cls in FILTERED:
            judged = judge(extraction, cls, article.gold, Namer(extractor))
            for finding, good in zip(judged.proposals, judged.good, strict=True):
                features = proposal_features(extraction, finding)
                examples[cls].append(Example(features, good, article.group))
            if cls == "countries":
                examples[cls] += passed_over(extractor, extraction, article, names)
            expected[cls] += judged.expected
            recalled[cls] += judged.expected - len(judged.missed)
    return {cls: ClassData(examples[cls], expected[cls], recalled[cls]) for cls in FILTERED}


def fit_filter(extractor: Extractor, articles: Sequence[LabelledArticle], rules: Rules) -> Filter:
    """The filter learned from *articles* (thresholds chosen on them alone)."""
    return train_filter(class_data(extractor, articles, rules), FILTERED)
