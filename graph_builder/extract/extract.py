"""From an article to findings: parties, bodies, people, concepts in scope, dates, term.

The steps, each explainable on its own:

1. the day relative dates count from: the caller's date, the dateline's, or a head line
   that is only a date — never the machine's clock;
2. paragraphs → sentences, marked as about the deal, in scope or background
   (:mod:`.scope`) — on a long text split and marked in a child process while step 3 runs
   (:mod:`.overlap`);
3. the lexicon's phrases are found (:mod:`.matcher`), ministries are read by the grammar
   of their names (:mod:`.bodies`), compound lists of sectors share their head
   (:mod:`.sectors`);
4. a country is a party when it is named in a sentence about the deal, outside a
   comparison ("seperti Vietnam", "than China"), not as a destination ("exports to") and
   not as the dateline's city; a body names its country as a party too;
5. concepts count in sentences in scope and in lists of one class; the broadest
   concepts ("industri", "economic growth") only with a cue that makes them specific;
6. the event's day is the date nearest a signing verb, or the launch's (:mod:`.event`);
   the term is "berlaku N tahun".

:class:`~.learn.LearnedExtractor` adds a filter learned from labelled articles.

Nothing is guessed beyond the text: what cannot be linked goes to ``unresolved``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
import re
from collections.abc import Callable
from dataclasses import fields, replace
from typing import Any, TypeVar

from graph_builder.collector import collector_paused

from . import cues, kinds, outsiders
from .aims import AimReader, drop_held
from .bodies import read_bodies
from .clauses import unnamed_activities
from .dates import YEAR, TermMention, find_dateline, find_published, find_term
from .event import event_date
from .findings import ArticleMeta, Extraction
from .lang import detect_language
from .matcher import Mention, PhraseFinder, having
from .overlap import Pending
from .passing import names_no_activity
from .patterns import Target
from .people import Named, body_names, find_people, find_unknown_bodies
from .scope import (
    CONCEPTS,
    Sentence,
    compared,
    enumerated,
    group_mentions,
    inside,
    mark_sentences,
    named_spans,
    names_no_scope,
    proper_names,
    specific_counts,
    split_sentences,
)
from .sectors import Written, find_unknown_sectors, read_sectors, sector_names
from .shortnames import read_shared_names
from .text import Article

T = TypeVar("T")

_HEAD_LINE = 160
"""The longest paragraph read as a head line (headline, date line, by-line) above the
dateline: after a longer one the body has begun."""
_YEARS = re.compile(rf"\b{YEAR}\b")
_PLACE_BEFORE = re.compile(r"(?:\b(?:di|in|at|ke|to|from|dari)\s+)$")
_DAYS = (
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|Senin\b|Selasa\b|Rabu\b|Kamis\b|Jumat\b"
    r"|Sabtu\b|Minggu\b"
)
_IN_PLACE = re.compile(
    r"\b(?:di|in)\s+(?:[A-Z][\w'-]*(?: [A-Z][\w'-]*)?(?:,| and| dan| serta| or| atau)\s+)?$"
    # a town and its country after a place: "di markas Komisi ECOWAS, Abuja, Nigeria",
    # "at the bloc's headquarters in the capital Abuja, Nigeria"
    r"|\b(?:di|in|at)\s+(?:[^\s.;]+\s+){0,4}?(?!" + _DAYS + r")[A-Z][\w'-]*,\s+$"
)
"""A country after "in"/"di" (and a list's next item) is where something is, not a party:
"plants in Morocco and Mexico", "partners in Chile and South Africa", "pelabuhan di India
atau Bangladesh"."""
_OBJECT_AFTER = re.compile(r"\s+(?:in|into|di|ke|dalam)\s+(?:the\s+|sektor\s+|industri\s+)?\w")
_KIND_BEFORE = re.compile(
    r"(?:\b[A-Z][a-z]+|\b(?:promot\w*|attract\w*|promosi|menarik|mendatangkan|two-way|"
    r"bilateral|joint|bersama|trade and|perdagangan dan))\s+$"
)
"""A generic activity made specific by its object or kind: "investment in steel",
"Korean investment", "promosi perdagangan dan investasi"."""
_PURPOSE = re.compile(
    r"(?:untuk|guna|demi|agar|bertujuan|tujuan|meningkatkan|mendorong|"
    r"memperkuat|aims?|aimed|goal|objective|to (?:boost|strengthen|promote|"
    r"increase|deepen|enhance|foster|accelerate|drive|support))\b[^.]{0,40}$",
    re.IGNORECASE,
)


class Extractor:
    """Extraction with matchers built once: reuse one for many articles."""

    def __init__(self, lexicon: object, *, model: str | None = None) -> None:
        from .patterns import Lexicon

        assert isinstance(lexicon, Lexicon)
        self.lexicon = lexicon
        self.model = model
        self._finders: dict[str, PhraseFinder] = {}
        self._aims: AimReader | None = None

    @property
    def aims(self) -> AimReader:
        """The purpose grammar, compiled on first use."""
        if self._aims is None:
            self._aims = AimReader(self.lexicon)
        return self._aims

    def finder(self, lang: str) -> PhraseFinder:
        """The phrase finder of *lang*, built on first use."""
        if lang not in self._finders:
            self._finders[lang] = PhraseFinder(self.lexicon, lang, model=self.model)
        return self._finders[lang]

    def extract(
        self, article: Article, *, lang: str = "auto", meta: ArticleMeta | None = None
    ) -> Extraction:
        """Find parties, bodies, people, concepts, the signing date and the term in *article*."""
        return self._extract_beside(article, lang, meta, None)[0]

    def _extract_beside(
        self,
        article: Article,
        lang: str,
        meta: ArticleMeta | None,
        beside: Callable[[str], T] | None,
    ) -> tuple[Extraction, T | None]:
        """:meth:`extract`, and *beside* of the article's text, called while a long text's
        child works (where this process waits least): work a subclass does afterwards."""
        with collector_paused():  # tokens and mentions: many small objects, no cycles
            return self._extract(article, lang, meta or ArticleMeta(), beside)

    def _extract(
        self, article: Article, lang: str, meta: ArticleMeta, beside: Callable[[str], T] | None
    ) -> tuple[Extraction, T | None]:
        if lang == "auto":
            lang = detect_language(article.text, path=article.path)
        result = Extraction(article, lang, meta)
        base = _anchor(result, lang)
        if base is None:
            result.years = frozenset(int(y) for y in _YEARS.findall(article.text))
            result.year = max(result.years) if result.years else None
        else:
            result.year = base.year
        result.published = base

        # the sentences' work and the phrases' need nothing of each other: on a long text
        # the first runs in a child process meanwhile (see overlap.py), splitting the
        # sentences too (this process needs them only with the answer)
        def read_sentences() -> tuple[_Columns, _Read]:
            # the sentences go back as columns without their text: a tenth of the bytes,
            # and no object per sentence to pickle and unpickle
            sentences, read = self._read_sentences(result, base, lang)
            return _columns(sentences), read

        with Pending(read_sentences, size=len(article.text)) as pending:
            finder = self.finder(lang)
            found = read_shared_names(finder.find(article.text))
            mentions = read_bodies(article.text, found, self.lexicon)
            mentions = read_sectors(article.text, mentions, finder)
            names = proper_names(article.text, mentions)
            # the country mentions' starts, while the child may still be at work
            countries = itertools.compress(mentions, having(mentions, _is_country))
            starts = {m.start: t.ref for m in countries for t in m.targets if _is_country(t)}
            ahead = beside(article.text) if beside is not None else None
            columns, (aims, event, term, (bodies, sectors)) = pending.result()
        sentences = _sentences(article.text, columns)
        self._assign(result, sentences, drop_held(mentions, aims), aims, names)
        if event is not None:
            day, start, end = event
            result.signing_date = day
            result.date_finding = result.finding("date", str(day), "", start, end)
        if term is not None:
            result.term = (term.years, term.extendable)
            result.term_finding = result.finding("term", str(term.years), "", term.start, term.end)
        self._kind(result, sentences)
        for finding in find_people(self.lexicon, result, sentences):
            result.findings.setdefault("persons", []).append(finding)
        known = [f.span for cls in ("bodies", "persons") for f in result.of(cls)]
        for finding in find_unknown_bodies(
            self.lexicon, finder, result, sentences, known, bodies, starts
        ):
            result.findings.setdefault("bodies", []).append(finding)
            result.unresolved.append(finding)
        result.unresolved.extend(find_unknown_sectors(finder, result, sectors, mentions))
        result.unresolved.extend(unnamed_activities(result, sentences, [*mentions, *aims]))
        return result, ahead

    def _assign(
        self,
        result: Extraction,
        sentences: list[Sentence],
        mentions: list[Mention],
        aims: list[Mention],
        proper: dict[int, tuple[int, int]],
    ) -> None:
        # aims: stated in a purpose clause (see aims.py), so they count as a list's items do;
        # proper: the proper names that hold mentions (scope.proper_names)
        seen: set[tuple[str, str]] = set()
        stated = {id(m) for m in aims}
        by_sentence = group_mentions(sentences, sorted([*mentions, *aims], key=_START))
        any_deal = any(s.deal and not s.background for s in sentences)
        names = named_spans(proper, mentions)
        for sentence, items in by_sentence:
            if all((t.cls, t.ref) in seen for m in items for t in m.targets):
                continue  # nothing new to judge: most sentences of a long text
            specific = specific_counts(items)
            plain = [m for m in items if id(m) not in stated]
            listed = enumerated(result.article.text, plain) if any_deal else set()
            listed |= {id(m) for m in items if id(m) in stated}
            for mention in items:
                for target in mention.targets:
                    cls = target.cls
                    if (cls, target.ref) in seen:
                        continue  # found already: most mentions of a long text
                    if cls in CONCEPTS and inside(names, mention):
                        continue  # a word of a body's or programme's name
                    if not self._counts(
                        result,
                        sentence,
                        mention,
                        specific,
                        target,
                        (id(mention) in listed) if any_deal else None,
                    ):
                        continue
                    seen.add((cls, target.ref))
                    country = target.country or self.lexicon.body_country.get(target.ref)
                    finding = result.finding(
                        cls,
                        target.ref,
                        target.label,
                        mention.start,
                        mention.end,
                        known=target.known,
                        extra=country if cls == "bodies" else None,
                    )
                    result.findings.setdefault(cls, []).append(finding)
                    if not target.known:
                        result.unresolved.append(finding)
                    if (
                        cls == "bodies"
                        and country
                        and (sentence.deal or (any_deal and not target.generic))
                        and ("countries", country) not in seen
                    ):
                        seen.add(("countries", country))
                        label = self.lexicon.labels.get(("countries", country), {}).get(
                            "en", country
                        )
                        result.findings.setdefault("countries", []).append(
                            result.finding("countries", country, label, mention.start, mention.end)
                        )
                    break
        order = {f.ref: f.span[0] for f in result.of("countries")}
        result.findings["countries"] = sorted(result.of("countries"), key=lambda f: order[f.ref])

    def _counts(
        self,
        result: Extraction,
        sentence: Sentence,
        mention: Mention,
        specific: dict[str, int],
        target: object,
        listed: bool | None = False,
    ) -> bool:
        # listed: an item of a list of one class; None when the article is about no deal
        assert isinstance(target, Target)
        if sentence.background:
            return False
        before = result.article.text[max(sentence.start, mention.start - 60) : mention.start]
        if target.cls in ("countries", "bodies"):
            dateline = result.dateline
            if dateline is not None and dateline.start <= mention.start < dateline.end:
                return False  # "SEOUL, 5 March -": where the report was filed, not a party
            if compared(before, examples=target.cls == "bodies"):
                return False
            if target.cls == "bodies":
                organisation = (
                    target.country is None and target.ref not in self.lexicon.body_country
                )
                after = result.article.text[mention.end : mention.end + 40]
                if organisation and outsiders.not_acting(before, after):
                    return False
                if target.generic and not sentence.deal:
                    return False  # a minister's title: the ministry acts in the deal only
                return not (cues.VENUE_AFTER.match(after) or cues.VENUE_BEFORE.search(before))
            place = _PLACE_BEFORE if target.capital else _IN_PLACE
            if place.search(before):
                return False
            after = result.article.text[mention.end : min(sentence.end, mention.end + 80)]
            if outsiders.NOT_THE_STATE_BEFORE.search(before) or any(
                p.match(after) for p in (outsiders.NOT_THE_STATE_AFTER, outsiders.NOT_PARTY_AFTER)
            ):
                return False  # "Latin America", "dolar AS", "… are the main markets"
            return sentence.deal and not sentence.denied
        if target.cls in ("persons", "places", "posts"):
            return False  # people and places: see people.py
        if not sentence.scope and not listed:
            stated_aim = target.cls == "objectives" and listed is not None
            if not (stated_aim and cues.AIM.search(before)):
                return False
        if names_no_scope(target.cls, result.article.text, mention, before):
            return False
        if target.cls == "activities":
            after = result.article.text[mention.end : min(sentence.end, mention.end + 80)]
            if names_no_activity(target.ref, mention.text, before, after, sentence.text):
                return False  # a place, a firm's contract, a market's state (passing.py)
        if target.generic:
            # Other mentions of the class that are specific ("industri" beside "industri
            # otomotif"); counted once per sentence so that a long sentence stays linear.
            own = any(t.cls == target.cls and not t.generic for t in mention.targets)
            others = specific.get(target.cls, 0) - own
            cue = _PURPOSE.search(before)
            if target.cls == "objectives":
                return bool(cue)
            after = result.article.text[mention.end : mention.end + 30]
            return others > 0 or bool(_OBJECT_AFTER.match(after) or _KIND_BEFORE.search(before))
        return True

    def _read_sentences(
        self, result: Extraction, base: dt.date | None, lang: str
    ) -> tuple[list[Sentence], _Read]:
        """The article's sentences with their marks (deal, signing, scope, background,
        denied), the aims their purpose clauses state, the event's day with its span, the
        term, and the names written as bodies' and sectors' (checked against the phrases
        once they are found)."""
        sentences = split_sentences(result.article)
        mark_sentences(sentences, result.year)
        aims = self.aims.read(result.article.text, sentences)
        dateline = (result.dateline.start, result.dateline.end) if result.dateline else None
        day_line = result.dateline.date if result.dateline else None
        event = event_date(
            result.article.text, sentences, base, lang, dateline, day_line, result.years
        )
        term = find_term([(s.start, s.text) for s in sentences if not s.background])
        return sentences, (aims, event, term, (body_names(sentences), sector_names(sentences)))

    def _kind(self, result: Extraction, sentences: list[Sentence]) -> None:
        deal_text = [
            (s.start, s.text, s.text.lower()) for s in sentences if s.deal and not s.background
        ]
        for (kind, entity_type, pattern), hints in zip(
            kinds.AGREEMENT_KINDS, kinds.KIND_HINTS, strict=True
        ):
            for offset, text, lower in deal_text:
                if not any(hint in lower for hint in hints):
                    continue  # cannot name the kind: not searched (a long text stays cheap)
                match = pattern.search(text)
                if match:
                    result.kind, result.agreement_type = kind, entity_type
                    result.kind_finding = result.finding(
                        "kind", kind, kind, offset + match.start(), offset + match.end()
                    )
                    return


_Read = tuple[
    list[Mention],
    tuple[dt.date, int, int] | None,
    TermMention | None,
    tuple[list[Named], list[Written]],
]
"""What the sentences' reading gives besides the sentences: aims, event, term, names."""
_Columns = list[list[Any]]
"""Sentences as one list per field but their text (which is the article's from start to end)."""
_KEPT = [f.name for f in fields(Sentence) if f.name != "text"]
_TEXT_AT = [f.name for f in fields(Sentence)].index("text")
_START_AT, _END_AT = _KEPT.index("start"), _KEPT.index("end")


def _columns(sentences: list[Sentence]) -> _Columns:
    return [list(map(operator.attrgetter(name), sentences)) for name in _KEPT]


def _sentences(text: str, columns: _Columns) -> list[Sentence]:
    """The sentences of :func:`_columns`, their text cut from the article's *text*."""
    starts, ends = columns[_START_AT], columns[_END_AT]
    cut = [text[start:end] for start, end in zip(starts, ends, strict=True)]
    values = [*columns[:_TEXT_AT], cut, *columns[_TEXT_AT:]]
    return list(itertools.starmap(Sentence, zip(*values, strict=True)))


_START = operator.itemgetter(0)
"""A mention's start (its first field)."""


def _is_country(target: Target) -> bool:
    return target.cls == "countries"


def _anchor(result: Extraction, lang: str) -> dt.date | None:
    """The day relative dates count from: the caller's publication date, else the
    dateline's, else a line of the article's head that is only a date; None without any
    (then "kemarin" stays unresolved rather than taking the machine's clock)."""
    article, published = result.article, result.meta.published
    given = published.date() if isinstance(published, dt.datetime) else published
    stated = find_published(article.text, lang=lang)
    base = given or (stated.date if stated else None)
    head = True  # a page's head lines (headline, date, by-line) may put it 4th or 5th
    for number, paragraph in enumerate(article.paragraphs[:6]):
        if number >= 3 and not head:
            break
        head = head and paragraph.end - paragraph.start <= _HEAD_LINE
        dateline = find_dateline(
            article.text[paragraph.start : paragraph.end], lang=lang, base=base
        )
        if dateline is not None:
            result.dateline = replace(
                dateline, start=paragraph.start + dateline.start, end=paragraph.start + dateline.end
            )
            return given or dateline.date or base
    return base
