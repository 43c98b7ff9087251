"""Scoring extraction against labelled articles: per-class precision, recall and F1.

A gold folder holds ``NAME.txt`` (or ``.html``) beside ``NAME.json``::

    {"expected":         {"countries": [...], "bodies": [...], "sectors": [...],
                          "activities": [...], "objectives": [...], "date": "2023-09-08"},
     "acceptable_extra": {... the same keys, any may be left out ...},
     "published":        "2023-09-09"}

``date`` may stand at the top level instead of in ``expected``. ``published`` (optional)
is given to the extractor as the article's publication date, as ``--published`` would
be, so relative dates ("kemarin", "on Friday") are scored as a user would run them.
``note`` (optional) is for the labeller.

Labels are English; bodies are written "name in text — English gloss", and a name in
brackets or after a slash is one more name ("Kementerian Investasi/Badan Koordinasi
Penanaman Modal (BKPM)" has three). Recall counts against ``expected``; precision
against ``expected`` plus ``acceptable_extra``. A label matches a finding through the
schemes' labels (any label of the concept, both languages) or a fuzzy score
(rapidfuzz), so "solar photovoltaic" matches "solar photovoltaic industry". ``date`` is
exact: the ISO date, or null for none.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph_builder.errors import SourceError

from .extract import Extractor
from .findings import CLASSES, ArticleMeta, Extraction, Finding
from .gold_labels import finding_names, label_matches
from .text import read_article

GOLD_CLASSES = ("countries", "bodies", "sectors", "activities", "objectives")
GROUPS_FILE = "groups.json"
"""The gold folder's groups (see :mod:`.holdout`); not a label file."""
FIRST_LOOK_FILE = "first_look.json"
"""The gold folder's first-look records (see :mod:`.holdout`); not a label file."""


@dataclass
class Counts:
    """Pooled counts of one class: predictions, correct predictions, gold items, found."""

    predicted: int = 0
    correct: int = 0
    expected: int = 0
    recalled: int = 0

    def add(self, other: Counts) -> None:
        self.predicted += other.predicted
        self.correct += other.correct
        self.expected += other.expected
        self.recalled += other.recalled

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ArticleScore:
    """The scores of one article, with what was missed and what was extra."""

    name: str
    counts: dict[str, Counts]
    missed: dict[str, list[str]] = field(default_factory=dict)
    extra: dict[str, list[str]] = field(default_factory=dict)
    date: tuple[str | None, str | None] = (None, None)  # (expected, found)
    group: str = ""


@dataclass(frozen=True)
class LabelledArticle:
    """An article of a gold folder, its labels and its group."""

    name: str
    path: Path
    gold: dict[str, Any]
    group: str

    @property
    def published(self) -> dt.date | None:
        value = self.gold.get("published")
        return dt.date.fromisoformat(value) if value else None


@dataclass
class Evaluation:
    """Scores over a gold folder."""

    articles: list[ArticleScore]

    def groups(self) -> list[str]:
        """The groups, in the order their first article was scored."""
        return list(dict.fromkeys(a.group for a in self.articles))

    def of_group(self, group: str) -> Evaluation:
        """The scores of *group*'s articles alone."""
        return Evaluation([a for a in self.articles if a.group == group])

    def micro(self, cls: str) -> Counts:
        total = Counts()
        for article in self.articles:
            total.add(article.counts[cls])
        return total

    def macro_f1(self, cls: str) -> float:
        scores = [
            a.counts[cls].f1
            for a in self.articles
            if a.counts[cls].expected or a.counts[cls].predicted
        ]
        return sum(scores) / len(scores) if scores else 1.0

    def date_exact(self) -> float:
        hits = sum(1 for a in self.articles if a.date[0] == a.date[1])
        return hits / len(self.articles) if self.articles else 1.0

    def rows(self) -> list[dict[str, Any]]:
        """One row per class (and "date"), then "all": micro P/R/F1 and macro F1."""
        rows: list[dict[str, Any]] = []
        for cls in (*GOLD_CLASSES, "date"):
            c = self.micro(cls)
            row = {
                "class": cls,
                "precision": c.precision,
                "recall": c.recall,
                "f1": c.f1,
                "macro_f1": self.macro_f1(cls),
                "expected": c.expected,
                "predicted": c.predicted,
            }
            if cls == "date":
                row["exact"] = self.date_exact()
            rows.append(row)
        total = Counts()
        for cls in (*GOLD_CLASSES, "date"):
            total.add(self.micro(cls))
        macro = sum(r["f1"] for r in rows) / len(rows)
        rows.append(
            {
                "class": "all",
                "precision": total.precision,
                "recall": total.recall,
                "f1": total.f1,
                "macro_f1": macro,
                "expected": total.expected,
                "predicted": total.predicted,
            }
        )
        return rows

    def text(self) -> str:
        """The table, as in the README."""
        lines = [
            f"articles: {len(self.articles)}",
            "| class | precision | recall | F1 (micro) | F1 (macro) | gold | found |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for r in self.rows():
            extra = f" (exact {r['exact']:.2f})" if "exact" in r else ""
            lines.append(
                f"| {r['class']}{extra} | {r['precision']:.2f} | {r['recall']:.2f} | {r['f1']:.2f} "
                f"| {r['macro_f1']:.2f} | {r['expected']} | {r['predicted']} |"
            )
        return "\n".join(lines)


@dataclass(frozen=True)
class Namer:
    """The names a finding goes by when labels judge it (:func:`~.gold_labels.finding_names`):
    *strict*, a known concept goes by its concept's names only."""

    extractor: Extractor
    strict: bool = False

    def __call__(self, finding: Finding) -> set[str]:
        return finding_names(finding, self.extractor, strict=self.strict)


def proposed(extraction: Extraction, cls: str) -> list[Finding]:
    """What the candidate proposes for *cls*: the linked findings, and the unresolved ones
    a reviewer is shown beside them (bodies: all of them are findings already)."""
    linked = [f for f in extraction.of(cls) if f.known or cls == "bodies"]
    if cls == "bodies":
        return linked
    seen = {f.ref for f in linked}
    return linked + [f for f in extraction.unresolved if f.cls == cls and f.ref not in seen]


@dataclass(frozen=True)
class Judged:
    """One class of one article judged: each proposal good or not, and the labels missed."""

    proposals: list[Finding]
    good: list[bool]
    expected: int
    missed: list[str]


def judge(extraction: Extraction, cls: str, gold: dict[str, Any], namer: Namer) -> Judged:
    """Judge *cls*'s proposals against *gold*: precision counts against ``expected`` plus
    ``acceptable_extra``, recall against ``expected``; a finding goes by the names *namer*
    gives it."""
    want = list(gold.get("expected", {}).get(cls, []))
    allowed = want + list(gold.get("acceptable_extra", {}).get(cls, []))
    found = proposed(extraction, cls)
    names = [namer(f) for f in found]
    good = [any(label_matches(g, n, cls) for g in allowed) for n in names]
    missed = [g for g in want if not any(label_matches(g, n, cls) for n in names)]
    return Judged(found, good, len(want), missed)


def score_article(
    name: str, extraction: Extraction, gold: dict[str, Any], namer: Namer
) -> ArticleScore:
    """Compare one extraction with its gold labels: every proposal of a class counts,
    unresolved ones too (a reviewer is shown them)."""
    expected = gold.get("expected", {})
    extra = gold.get("acceptable_extra", {})
    score = ArticleScore(name, {})
    for cls in GOLD_CLASSES:
        judged = judge(extraction, cls, gold, namer)
        score.counts[cls] = Counts(
            predicted=len(judged.proposals),
            correct=sum(judged.good),
            expected=judged.expected,
            recalled=judged.expected - len(judged.missed),
        )
        score.missed[cls] = judged.missed
        score.extra[cls] = [
            f.label for f, ok in zip(judged.proposals, judged.good, strict=True) if not ok
        ]
    want_date = expected.get("date", gold.get("date"))
    got_date = extraction.signing_date.isoformat() if extraction.signing_date else None
    date_ok = want_date is not None and got_date == want_date
    acceptable_date = date_ok or (got_date is not None and got_date == extra.get("date"))
    score.counts["date"] = Counts(
        predicted=got_date is not None,
        correct=acceptable_date,
        expected=want_date is not None,
        recalled=date_ok,
    )
    score.date = (want_date, got_date)
    return score


def read_gold(path: Path) -> dict[str, Any]:
    """Read and check one ``NAME.json``."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(path, f"not a readable JSON file: {exc}") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("expected"), dict):
        raise SourceError(path, "missing the 'expected' object", field="expected")
    for key in gold:
        if key not in ("expected", "acceptable_extra", "date", "published", "note"):
            raise SourceError(
                path,
                f"unknown key {key!r}; use expected, acceptable_extra, date, published or note",
                field=key,
            )
    for key in ("date", "published"):
        value = gold.get(key)
        if value is not None and not _is_iso_date(value):
            raise SourceError(path, f"{value!r} is not an ISO date (YYYY-MM-DD)", field=key)
    if "date" in gold and "date" in gold["expected"] and gold["date"] != gold["expected"]["date"]:
        raise SourceError(
            path, "differs from expected.date; give the date in one place", field="date"
        )
    for part in ("expected", "acceptable_extra"):
        section = gold.get(part, {})
        if not isinstance(section, dict):
            raise SourceError(path, "expected an object", field=part)
        for key, value in section.items():
            if key not in (*GOLD_CLASSES, "date"):
                raise SourceError(
                    path,
                    f"unknown key {key!r}; use {', '.join(GOLD_CLASSES)} or date",
                    field=f"{part}.{key}",
                )
            if key == "date":
                if value is not None and not _is_iso_date(value):
                    raise SourceError(
                        path, f"{value!r} is not an ISO date or null", field=f"{part}.date"
                    )
            elif not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise SourceError(path, "expected a list of labels", field=f"{part}.{key}")
    return gold


def _is_iso_date(value: object) -> bool:
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)))


def evaluate_articles(
    extractor: Extractor,
    articles: Sequence[LabelledArticle],
    *,
    lang: str = "auto",
    strict: bool = False,
) -> Evaluation:
    """Extract and score *articles*, each with its own publication date if it has one
    (*strict*: see :class:`Namer`)."""
    namer = Namer(extractor, strict)
    scores = []
    for article in articles:
        meta = ArticleMeta(published=article.published)
        extraction = extractor.extract(read_article(article.path), lang=lang, meta=meta)
        score = score_article(article.name, extraction, article.gold, namer)
        score.group = article.group
        scores.append(score)
    return Evaluation(scores)


def evaluate_gold(
    extractor: Extractor, gold_dir: Path, *, lang: str = "auto", strict: bool = False
) -> Evaluation:
    """Extract every article of *gold_dir* that has a ``.json`` beside it, and score it."""
    return evaluate_articles(extractor, load_gold(gold_dir), lang=lang, strict=strict)


def read_groups(gold_dir: Path, names: Sequence[str]) -> dict[str, str]:
    """Article name → group name, from ``groups.json`` (one group per article without it)."""
    path = Path(gold_dir) / GROUPS_FILE
    if not path.is_file():
        return {name: name for name in names}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        groups = data["groups"]
        entries = [(str(g["name"]), list(g["articles"])) for g in groups]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(path, f"not a readable JSON file: {exc}") from None
    except (KeyError, TypeError) as exc:
        raise SourceError(
            path, f"expected {{'groups': [{{'name': …, 'articles': […]}}]}} ({exc})"
        ) from None
    found: dict[str, str] = {}
    for index, (group, articles) in enumerate(entries):
        for article in articles:
            where = f"groups[{index}].articles"
            if article not in names:
                raise SourceError(path, f"{article!r} has no NAME.json beside it", field=where)
            if article in found:
                raise SourceError(
                    path, f"{article!r} is already in group {found[article]!r}", field=where
                )
            found[article] = group
    missing = sorted(set(names) - set(found))
    if missing:
        raise SourceError(path, f"articles in no group: {', '.join(missing)}", field="groups")
    return found


def load_gold(gold_dir: Path) -> list[LabelledArticle]:
    """The labelled articles of *gold_dir*, every label file checked, grouped."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise SourceError(gold_dir, "gold folder not found")
    pairs = []
    for json_path in sorted(gold_dir.glob("*.json")):
        if json_path.name in (GROUPS_FILE, FIRST_LOOK_FILE):
            continue
        article = next(
            (
                json_path.with_suffix(s)
                for s in (".txt", ".html", ".htm")
                if json_path.with_suffix(s).is_file()
            ),
            None,
        )
        if article is None:
            raise SourceError(json_path, "no NAME.txt or NAME.html beside it")
        pairs.append((article, json_path))
    if not pairs:
        raise SourceError(gold_dir, "no labelled articles (NAME.txt beside NAME.json) found")
    golds = [read_gold(json_path) for _, json_path in pairs]  # every label file checked first
    groups = read_groups(gold_dir, [article.stem for article, _ in pairs])
    return [
        LabelledArticle(article.stem, article, gold, groups[article.stem])
        for (article, _), gold in zip(pairs, golds, strict=True)
    ]


__all__ = [
    "CLASSES",
    "Evaluation",
    "LabelledArticle",
    "evaluate_articles",
    "evaluate_gold",
    "load_gold",
    "read_gold",
    "score_article",
]
