"""The day of the event an article reports: the signing, or the launch without one.

The date nearest a signing verb, preferring one written in the text over the dateline's
(which dates the report), and never one a report verb governs ("said on Tuesday") or a
citation ("dilansir …, 8 September"). A signing sentence without a date takes its
paragraph's previous sentence's ("met on Monday … signed that afternoon"). Without any
signing, the event is the deal's first dated sentence (a programme launched, a loan
approved), else the dateline's day, else — after "have signed" with no day — the
publication date the article states.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from . import cues
from .dates import DateMention, find_dates, find_published
from .lowered import folded, search

if TYPE_CHECKING:
    from .scope import Sentence

_COMPANY_DEAL = re.compile(
    r"(?:Separately|Secara terpisah|Terpisah|Di luar (?:itu|kesepakatan)),\s+[^.;]{0,80}?"
    r"(?<![\w-])(?:PT|Tbk|Ltd|Inc|GmbH|firms?|company|companies|makers?|producers?|traders?|"
    r"manufacturers?|developers?|operators?|suppliers?|perusahaan|produsen|pemasok|pedagang|"
    r"pabrikan|eksportir|importir)(?![\w-])"
)
"""A sentence set apart ("Separately, …", "Secara terpisah, …") that names a company: a
company's deal told beside the governments', whose day is not the event's."""
_DATE_WINDOW = 1000
"""Characters either side of a signing verb where its date is looked for, in a sentence
longer than twice this (a page without full stops would otherwise be read whole)."""
_REPORTED = re.compile(
    r"dilansir|dikutip|diakses|diperbarui|published|updated|reported|"
    r"\b(?:said|says|told|kata|ujar|ungkap|jelas)\w*\W+(?:on\s+|pada\s+)?$"
)


def event_date(
    text: str,
    sentences: Sequence[Sentence],
    base: dt.date | None,
    lang: str,
    dateline: tuple[int, int] | None,
    dateline_day: dt.date | None,
    years: Collection[int] = (),
) -> tuple[dt.date, int, int] | None:
    """The event's day and the character span that gives it, or None (*years*: those the
    article writes, which a weekday's day and month take one of without a *base*)."""
    line_start, line_end = dateline or (0, 0)
    best: tuple[tuple[int, ...], DateMention, Sentence] | None = None
    for index, sentence in enumerate(sentences):
        if sentence.background or not (sentence.signing or sentence.deal):
            continue
        if _COMPANY_DEAL.match(sentence.text):
            continue  # "Separately, PT … signed a contract on Wednesday": not the deal's day
        # the cues read on the lowercased sentence where that gives the same spans (lowered.py)
        low = folded(sentence.text) if sentence.signing else None
        verb = search(cues.SIGNING, sentence.text, low) if sentence.signing else None
        # a signing proper outranks a launch; a denied one ("no agreement was signed") does not
        signed = bool(verb and search(cues.SIGNED, sentence.text, low) and not sentence.denied)
        if best is not None and _cannot_win(best[0], int(not sentence.signing), int(not signed)):
            continue  # its dates are not read: most deal sentences of a long page
        own = dated(sentence, base, lang, years)
        sources = [(0, sentence, own)]
        previous = sentences[index - 1] if index else None
        # the sentence before, across a paragraph break too ("On Wednesday it came to
        # Jakarta. ¶ At the ministry … put their names to a memorandum")
        if sentence.signing and not own and previous is not None and not previous.background:
            sources.append((1, previous, dated(previous, base, lang, years)))
        for borrowed, where, mentions in sources:
            for mention in mentions:
                at = where.start + mention.start
                in_dateline = int(line_start <= at < line_end)
                distance = abs(mention.start - verb.start()) if verb and not borrowed else 999
                rank = (
                    int(not sentence.signing),
                    int(not signed),
                    in_dateline,
                    *_first_signed(mention.value, base, signed),
                    index,
                    distance + borrowed,
                )
                if best is None or rank < best[0]:
                    best = (rank, mention, where)
    if best is not None:
        _, mention, where = best
        assert mention.value is not None
        return mention.value, where.start + mention.start, where.start + mention.end
    if dateline is not None and dateline_day is not None:
        return dateline_day, line_start, line_end
    stated = find_published(text, lang=lang)
    if stated is not None and any(s.signing and not s.background for s in sentences):
        return stated.date, stated.start, stated.end
    return None


def _cannot_win(best: tuple[int, ...], unsigned: int, not_signed: int) -> bool:
    """Whether no date of a later sentence ranked by these first two parts can rank before
    *best*: its first parts rank after best's, or (a launch's, whose day's part is always
    (0, 0)) they tie with a best that was not in the dateline and ties on that part too,
    where best's earlier index decides."""
    if best[:2] != (unsigned, not_signed):
        return best[:2] < (unsigned, not_signed)
    return bool(not_signed) and best[2:5] == (0, 0, 0)


_RECENT = 7
"""Days before the publication date within which signings are one trip's ("on Tuesday in
Gaborone … on Thursday in Harare"): the first of them is the event."""


def _first_signed(day: dt.date | None, base: dt.date | None, signed: bool) -> tuple[int, int]:
    """A signing's rank by its day: a recent one before the rest, the earliest first."""
    if not signed or day is None or base is None or not 0 <= (base - day).days <= _RECENT:
        return (0, 0) if not signed or base is None else (1, 0)
    return (0, day.toordinal())


def dated(
    sentence: Sentence, base: dt.date | None, lang: str, years: Collection[int] = ()
) -> list[DateMention]:
    """The dates of *sentence* that are not governed by a report verb or a citation
    (*years*: those the article states, for a weekday's day without a base; see
    :func:`~graph_builder.extract.dates.find_dates`)."""
    text, offset = sentence.text, 0
    if len(text) > 2 * _DATE_WINDOW:  # a run-on "sentence": around its signing verb
        verb = cues.SIGNING.search(text)
        offset = max(0, (verb.start() if verb else 0) - _DATE_WINDOW)
        text = text[: offset + 2 * _DATE_WINDOW]
    found = []
    for mention in find_dates(text[offset:], base=base, lang=lang, years=years):
        mention = replace(mention, start=mention.start + offset, end=mention.end + offset)
        lead = text[max(0, mention.start - 25) : mention.start].lower()
        if mention.value is not None and not _REPORTED.search(lead):
            found.append(mention)
    return found
