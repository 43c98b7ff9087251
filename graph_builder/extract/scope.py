"""Sentences and what they are about: the deal, its scope, or an earlier event.

A sentence is *about the deal* (agreement words, signing verbs), *in scope* (about the
deal, a scope connective, carrying on from a sentence in scope with a connective, or an
item of a list its lead sentence opened with a colon) or *background* (an earlier event).
Beyond the sentence: a list of one class of concepts ("A, B dan C") states a scope by
itself; words inside a body's or programme's proper name are not concepts; an aim's
adjective that names a sector ("the sustainable aviation industry") is not an aim.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from . import cues, outsiders
from .lowered import finditer, folded, search
from .matcher import Mention, having
from .patterns import Target
from .text import Article


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    deal: bool = False
    signing: bool = False
    scope: bool = False
    background: bool = False
    denied: bool = False  # about the deal, says it was not made ("no agreement was signed")


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_NOT_AN_END = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|Ir|No|St|Jl|vs|Inc|Co|Ltd|H|Hj|Drs|Sr|Jr|Gen|Dt)|\b[A-Z])\.$"
)


def split_sentences(article: Article) -> list[Sentence]:
    result: list[Sentence] = []
    text = article.text
    for paragraph in article.paragraphs:
        start = paragraph.start
        for gap in _SENTENCE_END.finditer(text, paragraph.start, paragraph.end):
            if _NOT_AN_END.search(text[max(start, gap.start() - 6) : gap.start()]):
                continue
            result.append(Sentence(start, gap.start(), text[start : gap.start()], paragraph.number))
            start = gap.end()
        if start < paragraph.end:
            result.append(
                Sentence(start, paragraph.end, text[start : paragraph.end], paragraph.number)
            )
    return result


_PARTY_CUE = re.compile(r"\b(?:dengan|with|between|antara|signed|menandatangani)\b")
_INDUSTRY_AIM = re.compile(r"(?i)(?:industri|sektor)\b|.*\b(?:industry|sector)$")

_LIST_LEAD = re.compile(
    r"(?::|\b(?:below|as follows|the following|berikut(?:nya)?|di bawah ini))\W*$", re.IGNORECASE
)
"""A sentence that opens a list: ending in a colon, or "… set out below", "sebagai berikut"."""
_HEADING = re.compile(r"^(?:\S+\s+){0,9}\S*[^\W\d]\s*$")
"""A paragraph of at most ten words not ending in a stop, a colon or a number: a heading
("What the memorandum covers"). About the deal, it opens a list as a colon does."""
_LIST_ITEM_WORDS = 25
"""A paragraph of at most this many words after one ending in ":" is an item of its list."""
_ENUMERATOR = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-h][.)]|[-•*–·])\s")
"""A paragraph opening with a number or a bullet is an item of the list before it, however
long ("1. … ; 2. … ; 3. …" written inline)."""
_ITEM_END = re.compile(r";\s*(?:and|or|dan|atau|serta)?\s*$", re.IGNORECASE)
"""A paragraph ending in a semicolon ("…;", "…; and", "…; dan") is an item of a list, however
long: the list goes on to the paragraph after it."""
_ORDINAL = re.compile(
    r"^\s*(?:[QA]:\s*)?[\"“‘(]?(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth|"
    r"sixth|next|finally|lastly|pertama|kedua|ketiga|keempat|kelima|keenam|terakhir|"
    r"selanjutnya)\s*[,:]",
    re.IGNORECASE,
)
"""An item counted out in prose ("First, joint research …", "Kedua, temu usaha …"): it
goes on with the scope of the sentence before it, across a paragraph break too."""


_MORE_STORIES = re.compile(
    r"(?:latest(?: press)? (?:news|releases|press releases|stories|updates)|read more|read also|"
    r"see also|more (?:from|on) [\w -]{1,30}|more stories|more news|related(?: stories| articles|"
    r" news| reading| links)?|most read|most popular|popular|trending|baca juga|"
    r"berita (?:terkait|lainnya|terkini|populer|pilihan)|terpopuler|terkini|artikel terkait|"
    r"lihat juga)\s*:?",
    re.IGNORECASE,
)
"""A page's heading over links to other stories ("Latest Press Releases", "Terpopuler",
"Baca juga:"): the headlines after it are other articles', not this one's."""
_HEADLINE_WORDS = 15
"""A paragraph of at most this many words without a final stop, after such a heading, is a
headline of the link list."""


def _links(paragraph: str, in_links: bool) -> tuple[bool, bool]:
    """Whether a paragraph is a link to another story, and whether the list of links goes
    on after it: a heading over links, the headlines under it, an inline "Baca juga: …"."""
    text = paragraph.strip()
    heading = _MORE_STORIES.match(text)
    if heading is not None:
        if heading.end() == len(text):
            return True, True  # the heading: headlines follow
        if text[heading.end() - 1] == ":":
            return True, False  # "Baca juga: Ekspor tuna naik": one inline link
    headline = len(text.split()) <= _HEADLINE_WORDS and not text.endswith((".", ":", "?", "!"))
    return in_links and headline, in_links and headline


def mark_sentences(sentences: list[Sentence], base_year: int | None) -> None:
    previous: Sentence | None = None
    in_links = False  # inside a list of links to other stories ("Latest Press Releases")
    linked = False  # this paragraph is such a link
    in_list = False  # inside the items of a list its lead sentence put in scope ("… meliputi:")
    headed = False  # that list opened by a heading rather than a colon
    words: dict[int, int] = {}
    ends: dict[int, str] = {}  # each paragraph's last sentence
    for s in sentences:
        words[s.paragraph] = words.get(s.paragraph, 0) + len(s.text.split())
        ends[s.paragraph] = s.text
    for s in sentences:
        low = folded(s.text)  # the cues read faster on it (lowered.py)
        s.signing = bool(search(cues.SIGNING, s.text, low))
        s.deal = s.signing or bool(search(cues.AGREEMENT_WORDS, s.text, low))
        s.background = is_background(s.text, base_year, low)
        # denial matters only in a sentence about the deal: no other is searched for it
        s.denied = s.deal and bool(search(outsiders.NO_DEAL, s.text, low))
        new_paragraph = previous is None or previous.paragraph != s.paragraph
        if new_paragraph and words[s.paragraph] == len(s.text.split()):  # one sentence
            linked, in_links = _links(s.text, in_links)
        elif new_paragraph:
            linked = in_links = False
        s.background = s.background or linked
        if new_paragraph:
            if previous is not None and previous.scope and not in_list:
                headed = bool(previous.deal and _HEADING.match(previous.text))
            # a heading's items are whole short paragraphs; a colon's, short first sentences
            short = words[s.paragraph] if headed else len(s.text.split())
            in_list = (
                previous is not None
                and (previous.scope or in_list)
                and (_opens_list(previous) or in_list)
                and (
                    short <= _LIST_ITEM_WORDS
                    or bool(_ENUMERATOR.match(s.text))
                    or bool(_ITEM_END.search(previous.text))
                    or bool(_ITEM_END.search(ends[s.paragraph]))
                )
            )
        carried = (
            previous is not None
            and previous.scope
            and (
                (previous.paragraph == s.paragraph and bool(cues.CONTINUATION.search(s.text)))
                or bool(_ORDINAL.match(s.text))
            )
        )
        s.scope = not s.background and (
            s.deal or bool(search(cues.SCOPE, s.text, low)) or carried or in_list
        )
        previous = s


def _opens_list(sentence: Sentence) -> bool:
    return bool(
        _LIST_LEAD.search(sentence.text) or (sentence.deal and _HEADING.match(sentence.text))
    )


_FIRST_AFTER_VERB = re.compile(r"(?i)\b(?:(?:di|me|ber|ter)[a-z]{3,}|[a-z]{3,}kan)\s+$")
"""An Indonesian verb ("diolah", "mengirimkan") before "dulu": after a verb "dulu" is
"first" ("diolah dulu di sini"); before one, or after "yang", it is "formerly"."""


def is_background(text: str, base_year: int | None, low: str | None = None) -> bool:
    # low: folded(text), read in its place (the same spans and digits)
    matches = list(finditer(cues.BACKGROUND, text, low))
    if not matches:
        return False
    expects = search(cues.EXPECTATION, text, low)
    baseline = search(cues.BASELINE, text, low) if expects else None
    for match in matches:
        if baseline is not None and baseline.start() <= match.start() < baseline.end():
            continue  # last year's figure, the base an aim counts from
        if match.group().lower() == "dulu" and _FIRST_AFTER_VERB.search(
            text, max(0, match.start() - 30), match.start()
        ):
            continue  # "diolah dulu di sini": processed first, not formerly
        years = [int(y) for y in re.findall(r"\d{4}", match.group())]
        if not years or base_year is None or min(years) < base_year:
            return True
    return False


def compared(before: str, *, examples: bool) -> bool:
    """Whether a comparator governs the name after *before*; with *examples*, "seperti",
    "such as" and the like introduce the parties' own (bodies named as examples)."""
    matches = list(outsiders.COMPARATOR.finditer(before))
    if examples:
        matches = [m for m in matches if not cues.EXAMPLES.fullmatch(m.group())]
    if not matches:
        return False
    match = matches[-1]
    between = before[match.end() :]
    # A cue still governs a list that follows it ("seperti Vietnam, Thailand dan ..."),
    # but not past a verb of the deal or a party cue ("dengan", "with").
    return not _PARTY_CUE.search(between)


CONCEPTS = {"sectors", "activities", "objectives", "institution_types"}
_SECTOR_AFTER = re.compile(
    # up to two more words of the name, not a preposition ("decarbonisation of heavy
    # industry" is an aim about industry, not a sector named by an adjective)
    r"\s+(?:(?!(?:of|for|in|on|to|and|the|by|with|from|across|within)\b)[a-z-]+\s+){0,2}"
    r"(?:industry|industries|sector|sectors)\b",
    re.IGNORECASE,
)
_SECTOR_BEFORE = re.compile(r"\b(?:industri|sektor)\s+$", re.IGNORECASE)
_ACTIVE_VERB = re.compile(r"(?i)me[a-z]{4,}\b")
"""An Indonesian active verb ("menekan", "meningkatkan"): after "industri" it is what industry
does ("membantu industri menekan emisi"), not a sector's name."""


def names_a_sector(text: str, mention: Mention) -> bool:
    """An aim's words used as a sector's name: "the renewable energy industry", "sektor
    ekonomi hijau" are sectors (the adjective names them), not aims."""
    if _INDUSTRY_AIM.match(mention.text):
        return False  # the aim's own label is about industry ("industri berkelanjutan")
    before = text[max(0, mention.start - 10) : mention.start]
    if _SECTOR_BEFORE.search(before) and not _ACTIVE_VERB.match(mention.text):
        return True
    return bool(_SECTOR_AFTER.match(text, mention.end))


OFFICE_OF = re.compile(
    r"\b(?:[Mm]inistry|[Mm]inister|[Ss]ecretary|[Dd]epartment|[Dd]irectorate|[Bb]ureau|[Oo]ffice)"
    r"(?:[- ][Gg]eneral)?\s+(?:of|for)\s+(?:[a-z-]+,\s+){0,4}(?:[a-z-]+,?\s+(?:and|&)\s+)?"
    r"(?:[a-z-]+\s+)?$"
)
"""An office's "of" before a sector's words ("India's secretary of heavy industries", "the
directorate general of small, medium and miscellaneous industries"): the office's name, not
the deal's scope. Only a list's words in lower case may stand between "of" and the sector
(not a clause: "the Ministry of Industry will develop the textile industry", "the Ministry
of Energy, covers renewable energy")."""
_UNIT_AFTER = re.compile(
    r"(?:\s*,\s*[a-z-]+)*(?:,?\s+(?:and|dan|&)\s+[a-z-]+)?\s+"
    r"(?:centre|center|institute|laboratory|laboratories|directorate|offices?)\b"
)
"""A unit's head after a sector's words written in lower case ("the ministry's leather,
rubber and plastics centre"): the words name the unit, not the deal's scope."""


def names_no_scope(cls: str, text: str, mention: Mention, before: str) -> bool:
    """Concept words that state no scope: an aim's words naming a sector (see
    :func:`names_a_sector`), a sector in an official's portfolio ("the director for small and
    medium chemical, clothing and craft industries"), in an office's name after its "of"
    ("the secretary of heavy industries") or before a unit's head ("the plastics centre")."""
    if cls == "objectives":
        return names_a_sector(text, mention)
    return cls == "sectors" and bool(
        cues.POST_PORTFOLIO.search(before)
        or OFFICE_OF.search(before)
        or _UNIT_AFTER.match(text, mention.end)
    )


_UNIT_HEADS = re.compile(r"\b(?:Balai|Pusat|Secretariat|Sekretariat|Association|Asosiasi)\b")
"""Heads of units and associations that make a proper name a body's too ("Balai Besar …
Industri Kulit, Karet, dan Plastik": its plastics are the centre's field)."""


def proper_names(text: str, mentions: list[Mention]) -> dict[int, tuple[int, int]]:
    """The spans of proper names headed as a body or programme ("Agency for Industrial
    Development", "Program Pengembangan Vokasi") that hold a concept's mention, by the
    mention's id: there concept words are not concepts (see :func:`named_spans`)."""
    spans: dict[int, tuple[int, int]] = {}
    for mention in itertools.compress(mentions, having(mentions, _is_concept)):
        if not mention.text[:1].isupper():
            continue
        lo = max(0, mention.start - 80)
        for name in cues.PROPER_NAME.finditer(text, lo, min(len(text), mention.end + 80)):
            if name.start() <= mention.start and mention.end <= name.end():
                headed = cues.NAME_HEADS.search(name.group()) or _UNIT_HEADS.search(name.group())
                if headed and len(name.group().split()) > len(mention.text.split()):
                    spans[id(mention)] = name.span()
                break
    return spans


def _is_concept(target: Target) -> bool:
    return target.cls in CONCEPTS


def named_spans(
    names: dict[int, tuple[int, int]], mentions: list[Mention]
) -> list[tuple[int, int]]:
    """The sorted spans of the proper names (:func:`proper_names`) of *mentions*: read for
    all mentions before the sentences' marks are known, kept for those that are judged."""
    return sorted({names[id(m)] for m in mentions if id(m) in names})


def inside(spans: list[tuple[int, int]], mention: Mention) -> bool:
    # Proper names do not overlap: only the last one starting at or before the mention.
    i = bisect.bisect_right(spans, (mention.start, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= mention.start and mention.end <= spans[i][1]


def enumerated(text: str, mentions: list[Mention]) -> set[int]:
    """The mentions (by id) that are items of a list of one class: "A, B dan C".

    An enumeration of concepts states a scope on its own, wherever the sentence stands in
    an article about a deal ("The sectors include A, B and C", "Adapun A, B serta C …")."""
    listed: set[int] = set()
    classes = [{t.cls for t in m.targets} - _NOT_LISTED for m in mentions]
    for (left, right), (ours, theirs) in zip(
        itertools.pairwise(mentions), itertools.pairwise(classes), strict=True
    ):
        if ours & theirs and cues.LIST_SEPARATOR.match(text[left.end : right.start]):
            listed.update((id(left), id(right)))
    return listed


_NOT_LISTED = {"countries", "bodies", "persons", "places", "posts"}


def specific_counts(mentions: list[Mention]) -> dict[str, int]:
    """How many of *mentions* refer to a specific (not generic) concept, per class."""
    counts: dict[str, int] = {}
    for mention in mentions:
        for cls in {t.cls for t in mention.targets if not t.generic}:
            counts[cls] = counts.get(cls, 0) + 1
    return counts


def group_mentions(
    sentences: list[Sentence], mentions: list[Mention]
) -> list[tuple[Sentence, list[Mention]]]:
    groups: list[tuple[Sentence, list[Mention]]] = []
    i = 0
    for sentence in sentences:
        items = []
        while i < len(mentions) and mentions[i].start < sentence.end:
            if mentions[i].start >= sentence.start:
                items.append(mentions[i])
            i += 1
        groups.append((sentence, items))
    return groups
