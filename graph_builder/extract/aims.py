"""Aims written as purpose clauses, and concepts the schemes lack: ``gazetteers/aims.tsv``.

Articles seldom name an objective with the scheme's noun ("export growth"); they state it
as a purpose: a verb of change and its object ("to raise exports", "meningkatkan ekspor
produk", "menciptakan lapangan kerja"), an object and a verb of rising ("agar ekspor
meningkat"), or a predicate ("more competitive", "berdaya saing", "self-reliant"). The
grammar here reads those in a purpose clause — after a cue of purpose or expectation
("to", "aims", "would", "agar", "untuk", "diharapkan" …) in the same sentence — and maps
them onto the objectives scheme's concepts. A concept the schemes lack ("food security",
"feasibility studies") is proposed under ``unresolved:`` with the id the table gives it.

Every row's words are found the same way in any article: the table is a grammar of the
languages (verbs of change by kind, the objects they take), not a list of sentences.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .cues import AGREEMENT_WORDS
from .deeds import DEEDS
from .gazetteer import aim_rows
from .matcher import Mention
from .patterns import Lexicon, Target, aim_target
from .purpose import (
    CARRIER,
    ENTRY,
    PLACE_ENTRY,
    PURPOSE,
    RESEARCH_PARTNER,
    TOLD,
    VERBS,
)
from .remedies import REMEDIES
from .situations import SITUATIONS, settled

if TYPE_CHECKING:
    from .scope import Sentence


_CARRIED = re.compile(
    r"[^.;:!?]{0,60}?\s(?:into|in|ke|di)\s+(?:the\s+)?(?:pasar|markets?\b|[A-Z][\w'’-]+)"
)
"""The goods a carrier takes and the market or place they enter or sell in ("a door for
Indonesian machinery into the Caribbean market", "… makers in the Middle East")."""

_PLACE = re.compile(r"\s+(?:one\s+of\s+)?(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}")
"""A place after a noun of entry, or one of a place's markets ("a foothold in one of Asia's
largest economies")."""

_MODIFIERS = {"higher", "greater", "more", "new"}
"""Words of the verb classes that modify an object rather than head a clause."""

_FIRST = {"rise": "rise", "fall": "cut", "stay": "stay", "secured": "secure", "own": "own"}
"""Verbs that follow their object, and the frame whose objects they take."""

_NEXT_ITEM = re.compile(
    r"[^.;:!?]{0,60}?(?:,|\band\b|\bdan\b|\bserta\b)[^.;:!?,]{0,40}", re.IGNORECASE
)
"""What may stand between two aims of one list or two coordinated clauses: a few words, a
comma or "and", a few more ("… reduce our dependence on imports and the whole industry
becomes more competitive")."""

_OF_WHAT = re.compile(r"\s+[\w'’-]+")

_AND = re.compile(r"\s*,?\s+(?:and|dan|serta)(?=\s)", re.IGNORECASE)
"""The conjunction before a verb's second object ("cut emissions and costs")."""

_COMPARATIVES = {"more", "less", "lebih", "makin", "semakin", "kurang"}
"""Words that begin a predicate ("more resilient", "lebih tangguh"): right after an aim's
object, the predicate says what the aim does to it."""

_NAMED = re.compile(r"\s+(?:the\s+)?[A-Z]")
"""A name after a preposition: "less dependent on China", "bergantung pada Tiongkok"."""

_WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*")

_CRUDE = re.compile(r"(?i)\bminyak(?:\s+sawit)?\s+$")
""""Minyak mentah", "minyak sawit mentah" are names of goods (crude oil, crude palm oil), not
goods sold in their raw form."""

_TOPIC = re.compile(r"(?i)\b(?:in|of|on|about|dalam|tentang|mengenai)\s+$")
"""A preposition before a verb makes its clause a topic, not an aim: "experience in
attracting investment", "pengalaman dalam menarik investasi" is what is shared."""

_DONE_FRAMES = frozenset({"aim", "join"})
"""Frames an activity's row may have: its words after a cue, or the fair firms take part in."""

_OWN_PURPOSE = frozenset({"process", "raw", "join"})
"""Frames whose clause states the aim by itself, with no cue of purpose: goods processed at
home ("almost none of it is processed here", "diolah dulu di sini") or sold in their raw form
("hides are thrown away or sold raw", "sekadar menjual bahan mentah") say what a deal about
processing is for, whatever the tense or the speaker. Taking part in a fair is an activity,
which needs no cue of purpose either ("keikutsertaan IKM dalam pameran dagang")."""

_CUE_WINDOW = 120
"""How far before an aim's first word its cue may stand (characters, same sentence)."""

_GAP = (
    r"(?:\s+(?:the|a|an|its|their|our|both|of|more|and|dan|serta|yang|para|\d[\d,.]*|"
    r"[\w'’-]+)){0,4}?"
)


_ASIDE = (
    r"(?:(?:\s*,[^,.;:!?]{1,60},|\s+(?:yang|which)\s[^,.;:!?]{0,30}?\d[^,.;:!?]{0,30}?)"
    r"(?:\s+[\w'’-]+){0,3}?)?"
)
"""An aside between an object put first and its verb (of rising, falling, staying), then a few
words: one set off by commas ("two-way trade, about 180 million dollars last year, to double",
"nilai perdagangan bilateral, yang pada 2025 baru sekitar US$ 60 juta, naik") or a relative
clause giving a figure ("perdagangan yang baru sekitar 150 juta dolar per tahun bisa tumbuh")."""


class AimReader:
    """The purpose grammar of ``aims.tsv`` compiled once: one pass over a sentence."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._verbs: dict[str, set[str]] = {}
        for kind, words in VERBS.items():
            for word in words:
                self._verbs.setdefault(word, set()).add(kind)
        for phrase in ENTRY:  # a carrier takes no object of its own: only a place after
            self._verbs.setdefault(phrase, set()).add("carry" if phrase in CARRIER else "entry")
        objects: dict[str, dict[str, Target]] = {}  # frame → object words → target
        aims: dict[str, Target] = {}
        for row in aim_rows():
            if row.frame == "-" or (row.cls != "objectives" and row.frame not in _DONE_FRAMES):
                continue
            target = aim_target(lexicon, row)
            pool = aims if row.frame == "aim" else objects.setdefault(row.frame, {})
            for word in row.words:
                pool.setdefault(word.lower(), target)
        self._objects = objects
        self._labels = lexicon.labels
        self._aims = aims
        self._after = {
            frame: re.compile(_GAP + r"\s+(" + _alternatives(words) + r")(?![\w-])", re.IGNORECASE)
            for frame, words in objects.items()
            if frame not in ("rise", "stay", "own")
        }
        # Object first, then its verb: "agar ekspor meningkat" (a "rise" row's object), what
        # a verb of cutting takes, then a verb of falling ("impor bisa kita kurangi"), and
        # what stays or is secured ("nilai tambahnya tinggal di …", "pasokan lebih aman").
        self._first_objects = {kind: objects.get(frame, {}) for kind, frame in _FIRST.items()}
        self._then = {
            kind: re.compile(
                r"(?:\s+[\w'’-]+){0,6}?"
                + _ASIDE
                + r"\s+("
                + _alternatives(VERBS[kind])
                + r")(?![\w-])",
                re.IGNORECASE,
            )
            for kind in self._first_objects
        }
        heads = [*self._verbs, *aims, *(w for o in self._first_objects.values() for w in o)]
        self._first = {h.split()[0].lower() for h in heads}
        self._heads = _longest_first(heads)
        self._start = _head_pattern(self._heads)
        self._starts: dict[str, re.Pattern[str]] = {}
        label = lexicon.labels.get(("activities", "joint-research"), {}).get("en", "joint research")
        self._research = Target("activities", "joint-research", True, label)
        label = lexicon.labels.get(("activities", "training"), {}).get("en", "training")
        self._training = Target("activities", "training", True, label)
        # proposed under unresolved: with the label aims.tsv gives "+technical-assistance"
        self._assistance = Target(
            "activities", "technical-assistance", False, "technical assistance"
        )
        label = lexicon.labels.get(("objectives", "export-growth"), {}).get("en", "exports")
        self._exports = Target("objectives", "export-growth", True, label)
        # proposed under unresolved: with the label aims.tsv gives "+economic-diversification"
        self._one_leg = Target(
            "objectives", "economic-diversification", False, "economic diversification"
        )
        targets = {
            "one-leg": self._one_leg,
            "sales-abroad": self._exports,
            "assistance": self._assistance,
            "question-study": self._research,
            "taught": self._training,
        }
        self._told: dict[str, list[tuple[re.Pattern[str], Target, bool]]] = {}
        for name, pattern, first, scoped in TOLD:
            for word in first:
                self._told.setdefault(word, []).append((pattern, targets[name], scoped))
        # the situation a deal answers, or the problem it removes, stated in any sentence;
        # what people will do (deeds.py)
        for situation in (*SITUATIONS, *REMEDIES, *DEEDS):
            named = lexicon.labels.get((situation.cls, situation.ref), {}).get("en")
            target = Target(situation.cls, situation.ref, situation.known, named or situation.label)
            for word in situation.first:
                told = (situation.pattern, target, situation.scoped)
                self._told.setdefault(word, []).append(told)

    def read(self, text: str, sentences: Iterable[Sentence]) -> list[Mention]:
        """The aims stated in purpose clauses of *sentences* (not background ones)."""
        found: list[Mention] = []
        for sentence in sentences:
            if sentence.background:
                continue
            found.extend(self._in_sentence(text, sentence))
            if sentence.scope:
                found.extend(
                    _mention(text, m.start(), m.end() - 1, self._research)
                    for m in RESEARCH_PARTNER.finditer(text, sentence.start, sentence.end)
                )
        return found

    def _in_sentence(self, text: str, sentence: Sentence) -> list[Mention]:
        found: list[Mention] = []
        told: list[Mention] = []  # clauses of purpose.TOLD
        end_of_last = sentence.start
        # Words are looked up first: one alternation of every head tried at each character
        # costs more than the rest of the extraction on a long text.
        for word in _WORD.finditer(text, sentence.start, sentence.end):
            low = word.group().lower()
            for pattern, target, scoped in self._told.get(low, ()):
                if sentence.scope or not scoped:
                    clause = pattern.match(text, word.start(), sentence.end)
                    if clause is not None:
                        told.append(_mention(text, word.start(), clause.end(), target))
            if word.start() < end_of_last or low not in self._first:
                continue
            head = self._start_of(low).match(text, word.start(), sentence.end)
            if head is None:
                continue
            said = " ".join(head.group().lower().split())
            framed = self._frame(text, head, said, sentence.end)
            if framed is None:
                continue  # the cue is looked for only then: most heads take no object here
            mention, own_purpose = framed
            lo = max(sentence.start, head.start() - _CUE_WINDOW)
            # a purposive verb is its own cue ("The MoU supports the economic development …"),
            # the deal as the subject is one ("kerja sama ini membuka pasar …"), and so is the
            # aim before in a list of aims ("targetnya: menurunkan emisi, …, dan meningkatkan")
            cued = bool(
                own_purpose
                or PURPOSE.search(text, lo, head.start())
                or PURPOSE.fullmatch(head.group())
                or (
                    sentence.deal
                    and head.group().lower() in self._verbs
                    and AGREEMENT_WORDS.search(text, lo, head.start())
                )
                or (found and _NEXT_ITEM.fullmatch(text, found[-1].end, head.start()))
            )
            # An object put first may have its cue before its verb ("impor bisa kita kurangi")
            if (
                found
                and said in self._aims
                and said.split()[0] in _COMPARATIVES
                and not text[found[-1].end : mention.start].strip()
            ):
                # a predicate right after an aim's object is that aim's: "make supply chains
                # more resilient to shocks" is one aim, not a second one of resilience
                last = found.pop()
                mention = _mention(text, last.start, mention.end, last.targets[0])
                cued = True
            if cued or self._cued_within(text, head, mention):
                found.append(mention)
                end_of_last = mention.end
                also = self._and_object(text, said, mention, sentence.end)
                if also is not None:  # "memangkas emisi dan biaya energi": two aims
                    found.append(also)
                    end_of_last = also.end
        legs = [m for m in told if m.targets[0] is self._one_leg]
        if legs:  # "lessen their economies' reliance on oil" is not about imports
            found = [a for a in found if not any(_overlap(a, leg) for leg in legs)]
        return found + settled(told)

    def _start_of(self, word: str) -> re.Pattern[str]:
        """The heads that may begin at *word* (lowercased), in the one pattern's order.

        One alternation of every head costs a try of each at every word; a word can only
        begin a head whose first word it starts, or that starts it ("women's", "r&d").
        Beyond ASCII, case folding may pair other letters: every head is tried."""
        pattern = self._starts.get(word)
        if pattern is None:
            if word.isascii():
                heads = [h for h in self._heads if _prefixes(h.split()[0], word)]
                pattern = _head_pattern(heads)
            else:
                pattern = self._start
            self._starts[word] = pattern
        return pattern

    def _frame(
        self, text: str, head: re.Match[str], word: str, limit: int
    ) -> tuple[Mention, bool] | None:
        """The aim a head begins, and whether its frame states the aim with no cue."""
        if word in self._aims:
            # depending less on a named country is about suppliers, not the economy's spread
            if word.endswith((" on", " pada")) and _NAMED.match(text, head.end(), limit):
                return None
            return _mention(text, head.start(), head.end(), self._aims[word]), False
        # A verb of several kinds takes the nearest object: "memperkuat rantai pasok dan
        # menambah lapangan kerja" strengthens supply chains, not jobs four words on.
        objects = [
            (match.start(1), kind, match)
            for kind in sorted(self._verbs.get(word, ()))
            if (after := self._after.get(kind))
            and (match := after.match(text, head.end(), limit)) is not None
            and not self._verb_between(text, head.end(), match.start(1))
        ]
        if objects:
            _, kind, match = min(objects, key=lambda item: item[0])
            if kind == "raw" and _CRUDE.search(text, max(0, match.start(1) - 20), match.start(1)):
                return None
            if kind == "attract" and _TOPIC.search(text, max(0, head.start() - 12), head.start()):
                return None
            target = self._objects[kind][" ".join(match.group(1).lower().split())]
            # an object ending in "of" names what with its next word: "a supply of lithium"
            of = match.group(1).endswith(" of")
            tail = _OF_WHAT.match(text, match.end(), limit) if of else None
            end = tail.end() if tail else match.end()
            return _mention(text, head.start(), end, target), kind in _OWN_PURPOSE
        after = _CARRIED if word in CARRIER else _PLACE
        place = after.match(text, head.end(), limit) if word in PLACE_ENTRY else None
        if place is not None and (market := self._objects.get("entry", {}).get("market")):
            carried = word in CARRIER
            target = self._exports if carried else market
            return _mention(text, head.start(), place.end(), target), False
        for kind, first in self._first_objects.items():
            put_first = first.get(word)
            then = self._then[kind].match(text, head.end(), limit) if put_first else None
            if put_first is not None and then is not None:
                return _mention(text, head.start(), then.end(), put_first), False
        return None

    def _and_object(self, text: str, verb: str, aim: Mention, limit: int) -> Mention | None:
        """A second object of *verb*, coordinated right after its first aim, when it names
        another aim: "memangkas emisi dan biaya energi", "lowers their costs and their
        emissions". Another verb in between begins a clause of its own ("cut costs and
        raise exports" is read there)."""
        conj = _AND.match(text, aim.end, limit)
        if conj is None:
            return None
        for kind in sorted(self._verbs.get(verb, ())):
            after = self._after.get(kind)
            match = after.match(text, conj.end(), limit) if after else None
            if match is None or self._verb_between(text, conj.end(), match.start(1)):
                continue
            said = " ".join(match.group(1).lower().split())
            first = aim.targets[0]
            # "produktivitas dan daya saing" is one concept whose label holds both
            named = self._labels.get((first.cls, first.ref), {}).values()
            target = self._objects[kind][said]
            if target.ref != first.ref and not any(said in n.lower() for n in named):
                return _mention(text, match.start(1), match.end(), target)
        return None

    def _verb_between(self, text: str, start: int, end: int) -> bool:
        """Whether a verb of another clause stands between a verb and its object:
        "mempercepat alih teknologi dan membuka lapangan kerja" opens jobs, it does not
        speed them up (nor is the transfer of technology inside an aim)."""
        return any(
            len(w) > 4 and w in self._verbs and w not in _MODIFIERS
            for w in (m.group().lower() for m in _WORD.finditer(text, start, end))
        )

    def _cued_within(self, text: str, head: re.Match[str], mention: Mention) -> bool:
        word = " ".join(head.group().lower().split())
        object_first = any(word in first for first in self._first_objects.values())
        return object_first and PURPOSE.search(text, head.end(), mention.end) is not None


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _mention(text: str, start: int, end: int, target: Target) -> Mention:
    return Mention(start, end, text[start:end], (target,))


def _longest_first(words: Iterable[str]) -> list[str]:
    return sorted({w.lower() for w in words}, key=len, reverse=True)


def _alternatives(words: Iterable[str]) -> str:
    return _joined(_longest_first(words))


def _joined(ordered: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _head_pattern(heads: list[str]) -> re.Pattern[str]:
    """Heads, already longest first, as one pattern matched at a word's start."""
    return re.compile(r"(" + _joined(heads) + r")(?![\w-])", re.IGNORECASE)


def _prefixes(first: str, word: str) -> bool:
    """Whether a head's first word may match where *word* stands: either starts the other,
    or the head's word is not ASCII (its case folding is the pattern's to decide)."""
    return not first.isascii() or first.startswith(word) or word.startswith(first)


_ALSO_DONE = frozenset({"investment-attraction"})
"""Aims whose words also name what the parties do: "to attract investment" is an aim and the
investment promotion that serves it, so the activity inside it stays."""


def drop_held(mentions: list[Mention], aims: list[Mention]) -> list[Mention]:
    """*mentions* without the activities that begin inside an aim's words: "pasokan bahan
    baku … lebih terjamin" and "menjamin pasokan bahan baku" are an aim (secure supplies),
    not a partnership for supplying raw materials."""
    held = sorted(
        (m.start, m.end)
        for m in aims
        if any(t.cls == "objectives" and t.ref not in _ALSO_DONE for t in m.targets)
    )
    if not held:
        return mentions
    starts = [start for start, _ in held]
    kept = []
    for mention in mentions:
        i = bisect.bisect_right(starts, mention.start) - 1
        inside = i >= 0 and mention.start < held[i][1]
        if not (inside and all(t.cls == "activities" for t in mention.targets)):
            kept.append(mention)
    return kept
