"""A keep-or-drop filter per class over the rules' proposals, and its file.

For each class the filter has logistic weights (:mod:`.logistic`) and a threshold: a
proposal whose probability is below the threshold is dropped. The threshold is chosen
when training, from out-of-group predictions on the training articles alone (the
groups dealt into :data:`FOLDS` sets, each predicted by weights trained without it); a
threshold of 0 keeps everything, and is what training chooses when dropping does not
raise F1 there.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from graph_builder.errors import SourceError

from ..findings import Extraction, Finding
from .features import proposal_features, quoted_codes, quoted_counts
from .logistic import Example, Weights, train
from .occurrences import Occurrences, TextCodes

THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(19))
"""The thresholds training chooses from: 0 (keep all), 0.05, …, 0.9."""

FORMAT = 1

FOLDS = 5
"""Training articles are split into this many sets of whole groups to choose a threshold."""


@dataclass(frozen=True)
class ClassFilter:
    """The weights and threshold of one class."""

    weights: Weights
    threshold: float

    def keeps(
        self, extraction: Extraction, finding: Finding, *, counted: Occurrences | None = None
    ) -> bool:
        """Whether *finding* is kept; *counted* as :func:`.features.mentions` takes it."""
        if self.threshold <= 0.0:
            return True
        features = proposal_features(extraction, finding, counted=counted)
        return self.weights.probability(features) >= self.threshold


@dataclass(frozen=True)
class ClassData:
    """A class's training examples, with the labelled items the rules found and missed."""

    examples: list[Example]
    expected: int
    recalled: int


@dataclass(frozen=True)
class Filter:
    """Keep-or-drop filters by class; a class without one keeps everything."""

    classes: dict[str, ClassFilter]

    def read_ahead(self, text: str) -> TextCodes | None:
        """What :meth:`apply` reads of an article's *text* whatever its proposals, read now
        (a long page's extraction calls this while its child works), or None when
        :meth:`apply` reads nothing of the kind."""
        if all(rule.threshold <= 0.0 for rule in self.classes.values()):
            return None
        return quoted_codes(text)

    def apply(self, extraction: Extraction, *, codes: TextCodes | None = None) -> Extraction:
        """*extraction* without the proposals the filters drop (a copy; it is not changed);
        *codes*: :meth:`read_ahead` of its article's text, if read already."""
        dropped: set[Finding] = set()
        for cls, rule in self.classes.items():
            if rule.threshold <= 0.0:
                continue  # keeps everything
            candidates = [*extraction.of(cls), *(f for f in extraction.unresolved if f.cls == cls)]
            counts = quoted_counts(
                extraction.article.text, (f.says for f in candidates), codes=codes
            )
            dropped |= {
                f for f in candidates if not rule.keeps(extraction, f, counted=counts.get(f.says))
            }
        if not dropped:
            return extraction
        findings = {
            cls: [f for f in found if f not in dropped]
            for cls, found in extraction.findings.items()
        }
        unresolved = [f for f in extraction.unresolved if f not in dropped]
        return replace(extraction, findings=findings, unresolved=unresolved)

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "classes": {
                cls: {
                    "threshold": rule.threshold,
                    "weights": dict(sorted(rule.weights.weights.items())),
                }
                for cls, rule in sorted(self.classes.items())
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Filter:
        return cls(
            {
                name: ClassFilter(Weights(dict(part["weights"])), float(part["threshold"]))
                for name, part in data["classes"].items()
            }
        )


def read_filter(path: Path) -> Filter:
    """The filter stored in *path* (see :meth:`Filter.as_json`)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(path, f"not a readable model file: {exc}") from None
    found = data.get("format") if isinstance(data, dict) else None
    if found != FORMAT:
        raise SourceError(
            path, f"not a model file of this version (format {found!r}, expected {FORMAT})"
        )
    try:
        return Filter.from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SourceError(path, f"not a model file of this version ({exc})") from None


def filter_json(model: Filter) -> str:
    """The text of the model file: sorted keys, one line per weight, newline at the end."""
    return json.dumps(model.as_json(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def choose_threshold(data: ClassData) -> float:
    """The threshold with the best F1 on out-of-group predictions; 0 unless one beats it."""
    groups = list(dict.fromkeys(e.group for e in data.examples))
    if len(groups) < FOLDS or all(e.good for e in data.examples if e.proposed):
        return 0.0
    fold = {group: i % FOLDS for i, group in enumerate(groups)}
    held: list[tuple[float, bool]] = []
    for part in range(FOLDS):
        weights = train([e for e in data.examples if fold[e.group] != part])
        held += [
            (weights.probability(e.features), e.good)
            for e in data.examples
            if fold[e.group] == part and e.proposed
        ]
    good = sum(1 for _, ok in held if ok)
    best, best_f1 = 0.0, _f1(len(held), good, data.recalled, data.expected)
    for threshold in THRESHOLDS[1:]:
        kept = [ok for p, ok in held if p >= threshold]
        lost = good - sum(kept)
        f1 = _f1(len(kept), sum(kept), max(0, data.recalled - lost), data.expected)
        if f1 > best_f1 + 1e-9:
            best, best_f1 = threshold, f1
    return best


def _f1(predicted: int, correct: int, recalled: int, expected: int) -> float:
    precision = correct / predicted if predicted else 1.0
    recall = recalled / expected if expected else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def train_filter(data: dict[str, ClassData], classes: Sequence[str]) -> Filter:
    """Weights on all of each class's examples, and the threshold :func:`choose_threshold` picks."""
    return Filter(
        {
            cls: ClassFilter(train(data[cls].examples), choose_threshold(data[cls]))
            for cls in classes
        }
    )
