"""What extraction finds in one article: each :class:`Finding`, and the whole
:class:`Extraction` that :mod:`.extract`, :mod:`.people` and :mod:`.sectors` add to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .dates import Dateline
from .text import Article

CLASSES = ("countries", "bodies", "sectors", "activities", "objectives", "institution_types")
"""The classes of findings, in the order they are reported."""


@dataclass
class ArticleMeta:
    """What the caller knows about the article beyond its text."""

    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: dt.date | dt.datetime | None = None
    source_id: str | None = None


@dataclass(frozen=True)
class Finding:
    """One thing found, with the exact words and where they are."""

    cls: str
    ref: str
    label: str
    known: bool
    says: str
    paragraph: int
    span: tuple[int, int]  # character offsets into the input
    extra: str | None = None  # a person's post, a body's country, …

    @property
    def at(self) -> str:
        return f"¶{self.paragraph}"


@dataclass
class Extraction:
    """Everything found in one article."""

    article: Article
    lang: str
    meta: ArticleMeta
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    kind: str | None = None
    agreement_type: str | None = None
    kind_finding: Finding | None = None
    signing_date: dt.date | None = None
    date_finding: Finding | None = None
    term: tuple[int, bool] | None = None
    term_finding: Finding | None = None
    dateline: Dateline | None = None
    published: dt.date | None = None
    year: int | None = None  # the article's year: its anchor date's, else the latest written
    years: frozenset[int] = frozenset()  # the years the article writes, when nothing anchors it
    unresolved: list[Finding] = field(default_factory=list)

    def of(self, cls: str) -> list[Finding]:
        """The findings of one class, in the order of first mention."""
        return self.findings.get(cls, [])

    def finding(
        self,
        cls: str,
        ref: str,
        label: str,
        start: int,
        end: int,
        *,
        known: bool = True,
        extra: str | None = None,
    ) -> Finding:
        """A finding of the words at *start*–*end* of the article (offsets of its text)."""
        article = self.article
        paragraph = article.paragraph_at(start)
        return Finding(
            cls,
            ref,
            label,
            known,
            article.text[start:end].strip(),
            paragraph.number if paragraph else 1,
            article.input_span(start, end),
            extra,
        )
