"""What a learned filter sees of one proposal: the words around it and where it stands.

Every feature is a name with a value (1.0 for a yes, a small number for a count), so a
linear model can weigh it. The words are the article's own, lowercased, in a window on
each side of every mention of the proposal's words; the rest are closed-class cues
(signing verbs, comparisons, trade words) and positions. Nothing here is a word of the
domain's vocabulary: what matters is learned from the labelled articles.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from .. import cues, outsiders
from ..findings import Extraction, Finding
from ..lowered import folded, search
from .occurrences import Occurrences, TextCodes, count_all, text_codes

WINDOW = 6
"""Words taken on each side of a mention."""
REACH = 400
"""The farthest a sentence is read from a mention, on each side."""
MENTIONS = 5
"""The mentions whose surroundings are read (all are counted)."""
ONE_PASS_FROM = 200_000
"""The text length (characters) from which the proposals' quotes are counted in one pass."""

_WORD = re.compile(r"\w[\w'-]*")
_SENTENCE_EDGE = re.compile(r"[.!?]\s|\n")
_PARTNER_BEFORE = re.compile(r"\b(?:with|dengan|antara|between|and|dan|serta)\s+(?:the\s+)?$", re.I)
_TRADE = re.compile(
    r"\b(?:exports?|imports?|ekspor|impor|markets?|pasar|destinations?|tujuan|"
    r"shipments?|pengiriman|buyers?|pembeli|suppliers?|pemasok)\b",
    re.IGNORECASE,
)
_FUNDING = re.compile(
    r"\b(?:funded|financed|grant|hibah|loan|pinjaman|dibiayai|didanai|donor)\b", re.IGNORECASE
)


def mentions(
    text: str, finding: Finding, *, counted: Occurrences | None = None
) -> tuple[int, list[int]]:
    """How often the words *finding* quotes stand in *text*, and where the first
    :data:`MENTIONS` of them start (matched exactly, else ignoring case; none when it
    quotes nothing). Counted by the string's own search, not a match object a mention: a
    long page's frequent names ("Indonesia") stand there tens of thousands of times.
    *counted*, when given, is what :func:`quoted_counts` found of the quote already."""
    says = finding.says
    if not says:
        return 0, []
    count = text.count(says) if counted is None else counted.total
    if not count:
        found = [m.start() for m in re.finditer(re.escape(says), text, re.IGNORECASE)]
        return len(found), found[:MENTIONS]
    wanted = min(count, MENTIONS)
    if counted is not None and len(counted.first) == wanted:
        return count, counted.first
    places = [text.find(says)]
    while len(places) < wanted:  # no search on to the text's end after the last one wanted
        places.append(text.find(says, places[-1] + len(says)))
    return count, places


def quoted_counts(
    text: str, quotes: Iterable[str], *, codes: TextCodes | None = None
) -> dict[str, Occurrences]:
    """What :func:`mentions` needs of each of *quotes*: on a long text, found in one pass
    for all of them instead of a search of the whole text each (see :mod:`.occurrences`).
    *codes*: :func:`text_codes` of *text* read already (see :func:`quoted_codes`)."""
    if len(text) < ONE_PASS_FROM:
        return {}
    return count_all(text, {quote for quote in quotes if quote}, first=MENTIONS, codes=codes)


def quoted_codes(text: str) -> TextCodes | None:
    """What :func:`quoted_counts` reads of *text* whatever the quotes, when it reads the
    text in one pass: read ahead, it need not read it again."""
    return text_codes(text) if len(text) >= ONE_PASS_FROM else None


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The bounds of the sentence around *offset*: from the last stop before to the next,
    at most :data:`REACH` characters each side (a text without stops stays linear)."""
    start = max(0, offset - REACH)
    for match in _SENTENCE_EDGE.finditer(text, start, offset):
        start = match.end()
    after = _SENTENCE_EDGE.search(text, offset, offset + REACH)
    return start, after.start() + 1 if after else min(len(text), offset + REACH)


def window_words(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """The :data:`WINDOW` words before *start* and after *end* in *text*, lowercased."""
    before = _WORD.findall(text[max(0, start - 12 * WINDOW) : start])[-WINDOW:]
    after = _WORD.findall(text[end : end + 12 * WINDOW])[:WINDOW]
    return [w.lower() for w in before], [w.lower() for w in after]


def proposal_features(
    extraction: Extraction, finding: Finding, *, counted: Occurrences | None = None
) -> dict[str, float]:
    """The features of one proposal of *extraction* (see the module's docstring); *counted*
    as :func:`mentions` takes it."""
    text = extraction.article.text
    count, places = mentions(text, finding, counted=counted)
    features: dict[str, float] = {
        "bias": 1.0,
        f"lang:{extraction.lang}": 1.0,
        "linked": 1.0 if finding.known else 0.0,
        "mentions": math.log1p(count),
        "lead": 1.0 if finding.paragraph <= 2 else 0.0,
        "words": math.log1p(len(finding.says.split())),
        "proposals": math.log1p(len(extraction.of(finding.cls))),
    }
    if not places:
        features["not_quoted"] = 1.0
    for offset in places:
        end = offset + len(finding.says)
        before, after = window_words(text, offset, end)
        for word in before:
            features[f"before:{word}"] = 1.0
        for word in after:
            features[f"after:{word}"] = 1.0
        start, stop = sentence_at(text, offset)
        sentence, lead_in = text[start:stop], text[start:offset]
        low = folded(sentence)  # the cues read faster on it (see lowered.py)
        for name, cue in (
            ("signing", cues.SIGNING),
            ("scope", cues.SCOPE),
            ("background", cues.BACKGROUND),
            ("negation", cues.NEGATION),
            ("trade", _TRADE),
            ("funding", _FUNDING),
        ):
            if search(cue, sentence, low):
                features[f"sentence:{name}"] = 1.0
        if _PARTNER_BEFORE.search(lead_in[-40:]):
            features["after_partner_word"] = 1.0
        if outsiders.COMPARATOR.search(lead_in[-60:]):
            features["after_comparator"] = 1.0
        if "Indonesia" in sentence and finding.says != "Indonesia":
            features["beside_indonesia"] = 1.0
    return features
