"""Honest figures on a gold folder: per group, first look, and leave-one-group-out.

A gold folder's ``groups.json`` puts every labelled article in one group (articles
written together: by partner and by style)::

    {"groups": [{"name": "g1-wire-asia", "written": "2026-12-06", "style": "wire news",
                 "partners": ["South Korea", "Singapore"], "articles": ["en07-…", …]}]}

Without it each article is a group of its own. ``first_look.json`` records, per group,
the counts of the extractor's first run on it, before anyone changed the extractor for
its misses (:func:`record_first_look`); those counts are never rewritten.

Leave-one-group-out: whatever the extractor learns from labelled articles is learned
again without each group in turn and scored on that group alone. An extractor learns
when it has a ``fit(articles) -> Extractor`` method (:data:`Fit`): today's learns a
filter over the rules' proposals (:mod:`.learn`); an extractor without one makes
:func:`cross_validate` return nothing rather than repeat the in-sample figure under
another name.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph_builder.errors import SourceError
from graph_builder.files import write_text

from .evaluate import (
    FIRST_LOOK_FILE,
    GOLD_CLASSES,
    GROUPS_FILE,
    Counts,
    Evaluation,
    LabelledArticle,
    evaluate_articles,
    load_gold,
)
from .extract import Extractor
from .learn import LearnedExtractor

SCORED = (*GOLD_CLASSES, "date")

Fit = Callable[[Sequence[LabelledArticle]], Extractor]
"""Learn from labelled articles; return the extractor to score held-out ones with."""


def learner_of(extractor: Extractor) -> Fit | None:
    """The extractor's ``fit`` method if it learns anything from labelled articles."""
    fit = getattr(extractor, "fit", None)
    return fit if callable(fit) else None


@dataclass
class FirstLook:
    """The counts of a group's first scoring, with when and by which extractor."""

    group: str
    recorded: str
    commit: str
    articles: int
    counts: dict[str, Counts]
    date_hits: int
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "recorded": self.recorded,
            "commit": self.commit,
            "articles": self.articles,
            "counts": {cls: vars(c) for cls, c in self.counts.items()},
            "date_hits": self.date_hits,
            # Derived from the counts, for a reader of the file; not read back.
            "scores": {
                cls: {
                    "precision": round(c.precision, 3),
                    "recall": round(c.recall, 3),
                    "f1": round(c.f1, 3),
                }
                for cls, c in {**self.counts, "all": _all(self.counts)}.items()
            },
            "note": self.note,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FirstLook:
        return cls(
            group=data["group"],
            recorded=data["recorded"],
            commit=data["commit"],
            articles=int(data["articles"]),
            counts={k: Counts(**v) for k, v in data["counts"].items()},
            date_hits=int(data["date_hits"]),
            note=data.get("note", ""),
        )


def read_first_looks(gold_dir: Path) -> dict[str, FirstLook]:
    """The recorded first looks of *gold_dir*, by group (none when there is no file)."""
    path = Path(gold_dir) / FIRST_LOOK_FILE
    if not path.is_file():
        return {}
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
        looks = [FirstLook.from_json(r) for r in records]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(path, f"not a readable JSON file: {exc}") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise SourceError(path, f"a record is incomplete or malformed ({exc})") from None
    return {look.group: look for look in looks}


def record_first_look(
    gold_dir: Path, evaluation: Evaluation, group: str, *, commit: str, note: str = ""
) -> FirstLook:
    """Add *group*'s scores in *evaluation* to ``first_look.json``; refuse a second record."""
    looks = read_first_looks(gold_dir)
    if group in looks:
        raise SourceError(
            Path(gold_dir) / FIRST_LOOK_FILE,
            f"group {group!r} already has its first look ({looks[group].recorded}); "
            "a first look is taken once",
        )
    part = evaluation.of_group(group)
    if not part.articles:
        raise SourceError(Path(gold_dir) / GROUPS_FILE, f"no articles in group {group!r}")
    look = FirstLook(
        group=group,
        recorded=dt.date.today().isoformat(),
        commit=commit,
        articles=len(part.articles),
        counts={cls: part.micro(cls) for cls in SCORED},
        date_hits=sum(1 for a in part.articles if a.date[0] == a.date[1]),
        note=note,
    )
    records = [r.as_json() for r in looks.values()] + [look.as_json()]
    write_text(
        Path(gold_dir) / FIRST_LOOK_FILE, json.dumps(records, indent=1, ensure_ascii=False) + "\n"
    )
    return look


def cross_validate(
    articles: Sequence[LabelledArticle],
    fit: Fit | None,
    *,
    lang: str = "auto",
    strict: bool = False,
) -> Evaluation | None:
    """Leave-one-group-out: fit without each group, score that group; None if *fit* is."""
    if fit is None:
        return None
    scores = []
    for group in dict.fromkeys(a.group for a in articles):
        held_out = [a for a in articles if a.group == group]
        trained = fit([a for a in articles if a.group != group])
        scores.extend(evaluate_articles(trained, held_out, lang=lang, strict=strict).articles)
    return Evaluation(scores)


@dataclass
class Report:
    """Everything ``--evaluate`` prints: in-sample, per group, first look, cross-validated."""

    in_sample: Evaluation
    first_looks: dict[str, FirstLook] = field(default_factory=dict)
    cross_validated: Evaluation | None = None
    rules_alone: Evaluation | None = None  # in sample, without what is learned

    def first_look_total(self) -> tuple[dict[str, Counts], int, int]:
        """Pooled first-look counts per class, date hits, and articles."""
        total = {cls: Counts() for cls in SCORED}
        hits = articles = 0
        for look in self.first_looks.values():
            for cls in SCORED:
                total[cls].add(look.counts.get(cls, Counts()))
            hits += look.date_hits
            articles += look.articles
        return total, hits, articles

    def text(self) -> str:
        """The tables ``--evaluate`` prints."""
        evaluation = self.in_sample
        groups = evaluation.groups()
        lines = [
            f"in sample: {len(evaluation.articles)} articles in {len(groups)} groups, "
            "scored by the extractor as it is now",
            evaluation.text(),
            "",
            "per group, micro F1 now (first look in brackets where recorded):",
            "| group | articles | " + " | ".join(SCORED) + " | all |",
            "|---|---:|" + "---:|" * (len(SCORED) + 1),
        ]
        for group in groups:
            now = _by_class(evaluation.of_group(group))
            look = self.first_looks.get(group)
            then = {**look.counts, "all": _all(look.counts)} if look else {}
            cells = [
                f"{now[cls].f1:.2f}" + (f" ({then[cls].f1:.2f})" if cls in then else "")
                for cls in (*SCORED, "all")
            ]
            lines.append(
                f"| {group} | {len(evaluation.of_group(group).articles)} | "
                + " | ".join(cells)
                + " |"
            )
        lines += ["", *self._first_look_lines(), "", *self._cross_validation_lines()]
        return "\n".join(lines)

    def _first_look_lines(self) -> list[str]:
        if not self.first_looks:
            return ["first look: no group has one recorded"]
        then, hits, articles = self.first_look_total()
        looked = [a for a in self.in_sample.articles if a.group in self.first_looks]
        now = _by_class(Evaluation(looked))
        now_hits = sum(1 for a in looked if a.date[0] == a.date[1])
        lines = [
            f"first look against now, on the {articles} articles of the "
            f"{len(self.first_looks)} groups with a first look:",
            "| class | first look P / R / F1 | now P / R / F1 |",
            "|---|---|---|",
        ]
        for cls in (*SCORED, "all"):
            before = _all(then) if cls == "all" else then[cls]
            lines.append(f"| {cls} | {_prf(before)} | {_prf(now[cls])} |")
        lines.append(
            f"| date exact | {hits / max(articles, 1):.2f} | {now_hits / max(len(looked), 1):.2f} |"
        )
        return lines

    def _cross_validation_lines(self) -> list[str]:
        if self.cross_validated is None:
            return [
                "leave-one-group-out: nothing in the extractor is learned from labelled "
                "articles (it has no fit), so held-out figures would repeat the in-sample "
                "ones; the first look is the figure nobody tuned on"
            ]
        held = _by_class(self.cross_validated)
        now = _by_class(self.in_sample)
        rules = _by_class(self.rules_alone or self.in_sample)
        lines = [
            "leave-one-group-out (fit without each group, scored on it); the rules were "
            "written with every group in view, so held out differs from rules alone only "
            "by what is learned:",
            "| class | in sample P / R / F1 | rules alone P / R / F1 | held out P / R / F1 |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {c} | {_prf(now[c])} | {_prf(rules[c])} | {_prf(held[c])} |"
            for c in (*SCORED, "all")
        ]
        return lines

    def as_json(self) -> dict[str, Any]:
        """The same figures for scripts, and each article's misses and wrong extras."""
        then, hits, articles = self.first_look_total()
        return {
            "learned": self.cross_validated is not None,
            "in_sample": self.in_sample.rows(),
            "groups": {g: self.in_sample.of_group(g).rows() for g in self.in_sample.groups()},
            "first_look": {
                "articles": articles,
                "date_hits": hits,
                "counts": {cls: vars(c) for cls, c in then.items()},
                "records": [look.as_json() for look in self.first_looks.values()],
            },
            "cross_validated": self.cross_validated.rows() if self.cross_validated else None,
            "rules_alone": self.rules_alone.rows() if self.rules_alone else None,
            "articles": [
                {
                    "name": a.name,
                    "group": a.group,
                    "date": {"expected": a.date[0], "found": a.date[1]},
                    "missed": {cls: labels for cls, labels in a.missed.items() if labels},
                    "extra": {cls: labels for cls, labels in a.extra.items() if labels},
                }
                for a in self.in_sample.articles
            ],
        }


def _by_class(evaluation: Evaluation) -> dict[str, Counts]:
    counts = {cls: evaluation.micro(cls) for cls in SCORED}
    return {**counts, "all": _all(counts)}


def _all(counts: dict[str, Counts]) -> Counts:
    total = Counts()
    for cls in SCORED:
        total.add(counts.get(cls, Counts()))
    return total


def _prf(c: Counts) -> str:
    return f"{c.precision:.2f} / {c.recall:.2f} / {c.f1:.2f}"


def evaluation_report(
    extractor: Extractor, gold_dir: Path, *, lang: str = "auto", strict: bool = False
) -> Report:
    """Score *gold_dir* in sample, read its first looks, cross-validate what is learned
    (*strict*: a known concept counts only when it is the label's, see
    :func:`~.evaluate.judge`; the recorded first looks are as they were scored)."""
    articles = load_gold(gold_dir)
    rules = None
    if isinstance(extractor, LearnedExtractor) and extractor.learned is not None:
        rules = evaluate_articles(extractor.rules_alone(), articles, lang=lang, strict=strict)
    return Report(
        in_sample=evaluate_articles(extractor, articles, lang=lang, strict=strict),
        first_looks=read_first_looks(gold_dir),
        cross_validated=cross_validate(articles, learner_of(extractor), lang=lang, strict=strict),
        rules_alone=rules,
    )
