"""Logistic regression on named features: trained with numpy, applied in plain Python.

Training is full-batch gradient descent from zero weights for a fixed number of steps,
so the same examples in the same order always give the same weights. A feature is kept
only when examples of at least :data:`MIN_GROUPS` groups have it: a word seen in one
group's articles says more about those articles than about the language.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

MIN_GROUPS = 2
STEPS = 300
RATE = 0.5
L2 = 0.01


@dataclass(frozen=True)
class Example:
    """One proposal: its features, whether the labels accept it, and its article's group."""

    features: dict[str, float]
    good: bool
    group: str
    proposed: bool = True  # False: a mention the rules passed over, for training alone


@dataclass(frozen=True)
class Weights:
    """A trained model: a weight per kept feature (the intercept is the ``bias`` feature)."""

    weights: dict[str, float]

    def probability(self, features: dict[str, float]) -> float:
        """The model's probability that a proposal with *features* is right."""
        score = sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def vocabulary(examples: Sequence[Example]) -> list[str]:
    """The feature names seen in :data:`MIN_GROUPS` groups or more, sorted."""
    groups: dict[str, set[str]] = {}
    for example in examples:
        for name in example.features:
            groups.setdefault(name, set()).add(example.group)
    return sorted(name for name, seen in groups.items() if len(seen) >= MIN_GROUPS)


def train(examples: Sequence[Example]) -> Weights:
    """Fit the weights on *examples* (L2-penalised, the intercept too, lightly)."""
    import numpy as np  # only training needs it: extraction applies the weights without

    names = vocabulary(examples)
    if not examples or not names:
        return Weights({})
    column = {name: i for i, name in enumerate(names)}
    # The examples as (row, column, value) triples: each has a few dozen features of
    # thousands, so the products below cost the number of triples, not rows × columns.
    triples = [
        (row, column[name], value)
        for row, example in enumerate(examples)
        for name, value in example.features.items()
        if name in column
    ]
    rows = np.array([t[0] for t in triples], dtype=np.int64)
    cols = np.array([t[1] for t in triples], dtype=np.int64)
    values = np.array([t[2] for t in triples], dtype=np.float64)
    y = np.array([1.0 if e.good else 0.0 for e in examples])
    w = np.zeros(len(names))
    for _ in range(STEPS):
        score = np.bincount(rows, weights=values * w[cols], minlength=len(examples))
        p = 1.0 / (1.0 + np.exp(-np.clip(score, -30.0, 30.0)))
        gradient = np.bincount(cols, weights=values * (p - y)[rows], minlength=len(names))
        w -= RATE * (gradient / len(examples) + L2 * w)
    return Weights({name: round(float(v), 6) for name, v in zip(names, w, strict=True) if v})
