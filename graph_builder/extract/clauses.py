"""Activities no concept names, proposed in the article's own few words.

Forms of cooperation are written as clauses, each time in new words; the tables of
``aims.tsv`` map the usual ones onto the scheme. A bulleted or numbered item of a list in
the deal's scope states one whatever its words, and a reviewer should see it rather than
find it by reading: an item that names no known activity, sector, body or country is
proposed under ``unresolved:`` by its head phrase, the words before its first preposition
or punctuation, at most :data:`MAX_WORDS` ("Energy and resource audits in 150 factories"
→ "Energy and resource audits"; "- pelatihan operator instalasi pengolahan air limbah
bersama balai …" → "pelatihan operator instalasi pengolahan air limbah").

Purpose clauses read the same way (the clause after "so that", "agar" … as an unresolved
objective) were measured and left out: on the development set they found 3 labelled
objectives for 19 wrong proposals, most of them purposes the labels do not state.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .matcher import Mention
from .people import slug

if TYPE_CHECKING:
    from .findings import Extraction, Finding
    from .scope import Sentence

MAX_WORDS = 8
"""The most words a proposal keeps: enough to say what it is, short enough to review."""
MIN_WORDS = 2
"""Fewer words name nothing a reviewer could act on ("Training", "Pertama")."""

_ITEM = re.compile(r"(?m)^[ \t]*(?:\(?\d{1,2}[.)]|\(?[a-h][.)]|[-•*–·])[ \t]+(\S[^\n]*)")
"""A bulleted or numbered line: an item of a list."""
_BARE_NUMBER = re.compile(r"^\s*\(?\d{1,2}[.)]?\s*$")
"""A number on its own (split off as a sentence): the next sentence is the item it numbers."""
_HEAD_END = re.compile(
    r"[,;:.!?\"“”()]|\s(?:in|at|for|with|through|to|by|so|which|that|from|on|under|"
    r"followed|across|among|between|untuk|bagi|bersama|dengan|di|pada|melalui|guna|agar|"
    r"yang|dari|ke|oleh|sehingga|supaya|antara|tentang|mengenai)\s",
    re.IGNORECASE,
)
"""Where an item's head phrase ends: its first preposition or punctuation."""
_WORD = re.compile(r"[\w'’%]+(?:[-/][\w'’]+)*")
_DOCUMENT = re.compile(
    r"(?i)(?:(?:a|an|the|one|two|sebuah|satu)\s+)?(?:(?:new|joint|bilateral|cooperation|"
    r"implementing|revised)\s+)?(?:memorandum(?:\s+of\s+understanding)?|mou|agreement|"
    r"plan\s+of\s+action|action\s+plan|letters?\s+of\s+intent|joint\s+statement|"
    r"framework(?:\s+agreement)?|protocol|nota\s+kesepahaman|perjanjian(?:\s+kerja\s+sama)?|"
    r"rencana\s+aksi|surat\s+niat|pernyataan\s+bersama|kesepakatan)"
)
"""An item's head that names the document signed ("A Memorandum of Understanding between …",
"Rencana aksi antara …"): a list of what was signed, whose items are no activities."""
_PARTIES = re.compile(
    r"(?i)(?:para\s+pihak|kedua\s+(?:belah\s+)?(?:pihak|negara|kementerian|lembaga)|"
    r"the\s+(?:two\s+)?(?:parties|sides|participants)|both\s+(?:parties|sides))\b"
)
"""An item's head that opens with the parties as its subject ("Para Pihak sepakat …", "The
Parties note that …"): a paragraph of a statement, whose activities its phrases name."""
_NAMES = {"sectors", "bodies", "countries"}
"""Classes whose phrases, as half an item's head or more, make it no activity ("the textile
industry in Central Java"); an activity's phrase anywhere in the item makes the item read
by that phrase."""


class _Spans:
    """Mentions sorted by start (they do not overlap), asked how much of a span they cover."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self._mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self._mentions]

    def cover(self, start: int, end: int) -> int:
        """How many characters of *start*–*end* the mentions cover."""
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        covered = 0
        for mention in self._mentions[i:]:
            if mention.start >= end:
                break
            covered += max(0, min(end, mention.end) - max(start, mention.start))
        return covered


def unnamed_activities(
    result: Extraction, sentences: Sequence[Sentence], mentions: Iterable[Mention]
) -> list[Finding]:
    """The head phrases of scope-list items no phrase covers, as unresolved activities."""
    if not any(s.deal and not s.background for s in sentences):
        return []
    spans: list[_Spans] = []  # activities' and names' mentions, made at the first item

    def covers() -> tuple[_Spans, _Spans]:
        if not spans:  # a long page without a list reads none of its mentions
            spans.append(
                _Spans(m for m in mentions if any(t.cls == "activities" for t in m.targets))
            )
            spans.append(_Spans(m for m in mentions if any(t.cls in _NAMES for t in m.targets)))
        return spans[0], spans[1]

    text = result.article.text
    seen = {f.ref for f in result.unresolved}
    found: list[Finding] = []
    previous = ""
    for sentence in sentences:
        if sentence.scope and not sentence.background:
            for (start, end), line_end in _items(text, sentence, previous):
                acts, names = covers()
                if (
                    acts.cover(start, line_end)
                    or names.cover(start, end) * 2 >= end - start
                    or text[end : end + 1] == ":"
                    or _DOCUMENT.fullmatch(text, start, end)
                    or _PARTIES.match(text, start, end)
                ):
                    continue  # a known activity, a sector's name, a heading, a document, or
                    # a paragraph whose subject is the parties
                ref = slug(text[start:end])
                if ref not in seen:
                    seen.add(ref)
                    label = " ".join(text[start:end].split())
                    found.append(result.finding("activities", ref, label, start, end, known=False))
        previous = sentence.text
    return found


def _items(text: str, sentence: Sentence, previous: str) -> list[tuple[tuple[int, int], int]]:
    """The head phrases of the list items in *sentence*, each with its line's end."""
    starts = [sentence.start + m.start(1) for m in _ITEM.finditer(sentence.text)]
    if not starts and _BARE_NUMBER.match(previous):
        starts = [sentence.start + len(sentence.text) - len(sentence.text.lstrip())]
    found = []
    for start in starts:
        line_end = text.find("\n", start, sentence.end)
        line_end = sentence.end if line_end < 0 else line_end
        cut = _HEAD_END.search(text, start, line_end)
        words = [m.span() for m in _WORD.finditer(text, start, cut.start() if cut else line_end)]
        if len(words) >= MIN_WORDS:
            words = words[:MAX_WORDS]
            found.append(((words[0][0], words[-1][1]), line_end))
    return found
