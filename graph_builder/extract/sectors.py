"""Sector names that share their head: compound lists and process nouns.

A list of sectors often writes the head once: "industri makanan, minuman dan tembakau"
(Indonesian puts the head first), "food, beverage and tobacco industries" (English puts
it last). Each bare item is read with the head added, and counts when that is a phrase of
the lexicon. A process noun heading a sector's name takes an object that names the
sector: "industri pengolahan kelapa sawit" is not the whole of manufacturing, so the
shorter match is dropped and the name is left to the unknown-sector reader.

The unknown-sector reader proposes "industri X" / "X industry" that no concept covers
under ``unresolved:``; a process noun's object names the commodity ("industri pengolahan
tembaga", "copper processing industry"), whose ISIC class the gazetteer gives.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from typing import Any

from .findings import Extraction, Finding
from .matcher import Mention, PhraseFinder, having
from .patterns import Target
from .people import slug
from .products import conversions, made_by, processed, processing_name, singular
from .scope import OFFICE_OF

_ID_HEAD = re.compile(r"^(?:industri|sektor)\s", re.IGNORECASE)
_EN_HEAD = re.compile(r"\s(?:industry|industries|sector|sectors)$", re.IGNORECASE)
_ID_NEXT = re.compile(
    r"(?:\s*,\s*(?:dan\s+|serta\s+)?|\s+(?:dan|serta|atau)\s+)([a-z]+(?:\s[a-z]+)?)"
)
_TOKEN = re.compile(r"[A-Za-z-]+|[,&]")
_SEPARATORS = {",", "&", "and", "or"}
_LAST_IS_SEPARATOR = re.compile(r"(?:[,&]|(?<![A-Za-z-])(?:[Aa][Nn][Dd]|[Oo][Rr]))[^A-Za-z,&-]*\Z")
"""Whether the last of :data:`_TOKEN`'s tokens in a text is one of the separators."""
_PROCESS = re.compile(r"^pe[a-z]+an$")  # pengolahan, pembuatan, perakitan …
_OBJECT = re.compile(r"\s+([a-z]{3,})")
_NOT_OBJECTS = {"dan", "serta", "atau", "yang", "di", "ke", "dari", "untuk", "dengan", "ini", "itu"}
_NOT_OBJECTS |= {"nasional", "tersebut", "lainnya", "dalam", "pada", "oleh", "juga", "akan"}


def _sector_targets(finder: PhraseFinder, phrase: str) -> tuple[Target, ...]:
    return tuple(t for t in finder.lookup(phrase) if t.cls == "sectors")


def read_sectors(text: str, mentions: list[Mention], finder: PhraseFinder) -> list[Mention]:
    """*mentions* with the items of compound lists added and process-noun heads dropped."""
    taken = {(m.start, m.end) for m in mentions}
    starts = {m.start: m.end for m in mentions}
    added: list[Mention] = []
    dropped: set[int] = set()
    sectoral = having(mentions, _is_sector)  # asked once per tuple of targets
    for index, mention in itertools.compress(enumerate(mentions), sectoral):
        last = mention.text.split()[-1].lower()
        following = _OBJECT.match(text, mention.end)
        if (
            _PROCESS.match(last)
            and following
            and following.group(1) not in _NOT_OBJECTS
            and following.start(1) not in starts
        ):
            dropped.add(index)
            continue
        if _ID_HEAD.match(mention.text):
            head = mention.text.split()[0].lower()
            pos = mention.end
            while (item := _ID_NEXT.match(text, pos)) is not None:
                if item.start(1) in starts:  # an item the lexicon found: the list goes on
                    pos = starts[item.start(1)]
                    continue
                words = item.group(1)
                targets = _sector_targets(finder, f"{head} {words}") or _sector_targets(
                    finder, f"{head} {words.split()[0]}"
                )
                if not targets:
                    break
                end = item.start(1) + (
                    len(words) if finder.lookup(f"{head} {words}") else len(words.split()[0])
                )
                added.append(Mention(item.start(1), end, text[item.start(1) : end], targets))
                pos = end
        elif _EN_HEAD.search(mention.text):
            head = mention.text.split()[-1]
            for start, end in _items_before(text, mention.start):
                targets = _sector_targets(finder, f"{text[start:end]} {head}")
                if targets and (start, end) not in taken and start not in starts:
                    added.append(Mention(start, end, text[start:end], targets))
    if not added and not dropped:
        return mentions
    kept = [m for i, m in enumerate(mentions) if i not in dropped]
    return sorted([*kept, *added], key=lambda m: m.start)


def _is_sector(target: Target) -> bool:
    return target.cls == "sectors"


def _items_before(text: str, at: int) -> list[tuple[int, int]]:
    """The words listed right before *at* ("food, beverage and " → food, beverage), read
    backwards from *at* over one bounded window (a search anchored at its end would try
    every start)."""
    lo = max(0, at - 120)
    if not _LAST_IS_SEPARATOR.search(text[lo:at]):
        return []  # most names: no list before them, the window is not read into tokens
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, lo, at)]
    items: list[tuple[int, int]] = []
    i = len(tokens) - 1
    while i >= 1 and tokens[i][0].lower() in _SEPARATORS:
        while i >= 1 and tokens[i][0].lower() in _SEPARATORS:
            i -= 1  # ", and"
        word, start, end = tokens[i]
        if word.lower() in _SEPARATORS:
            break
        items.append((start, end))
        i -= 1
    return items


def _words(text: str) -> set[str]:
    return set(text.split())


_STOP = _words(
    "nasional dalam negeri ini itu tersebut kita strategis global lokal utama prioritas "
    "di dan yang ke untuk dengan lain kedua negara the and of this that its their "
    "national domestic local key priority ekonomi economic berbagai meliputi mencakup "
    "termasuk seperti yaitu yakni antara akan juga telah sudah dapat bisa lainnya secara "
    "include includes including such as will also a an other whole entire new is are was "
    "in on for to with pada melalui atas bersama baru hari hilir sektor industri industry "
    "both help small zero carbon build fund support develop grow boost attract modernise "
    "modernize transform protect revive power serve supply bring into especially "
    "particularly mainly notably agar supaya sehingga awal setempat own senilai sebesar "
    "bernilai periode produktif productive"
)
"""Words that end a sector's name: a sector is the nouns next to "industri"/"industry", not
function words nor the verbs that take industries as their object ("to build industries")."""


# function words: "industri" beside them is never a sector's name ("industri milik negara",
# "industri selama ini", "the way our industry")
_STOP |= _words(
    "milik langsung selama sejak saat ketika sebagai karena bagi oleh dari kepada "
    "hingga sampai setelah sebelum masih lebih adalah merupakan menjadi tidak belum harus "
    "perlu kami mereka our your his her we they which who where when while by from at or "
    "but not than has have had be"
)

# ordinals, a process's manner, scale or owner, and words of a plan: "industri pertama",
# "hygienic processing", "pengolahan skala kecil", "pengolahan sendiri", "penyamakan asal
# …", "draft industry" name no commodity
_STOP |= _words(
    "pertama first second third last hygienic regional much more hope report draft "
    "sendiri asal skala rendah"
)

# a sector's name made only of words that name no trade: a generic part or device ("industri
# komponen", "industri perangkat"), a weight, region or miscellany ("heavy industries",
# "provincial industry", "miscellaneous industries")
_NO_TRADE = _words(
    "komponen perangkat peralatan produk barang component components part parts device "
    "devices equipment product products goods heavy light miscellaneous aneka provincial "
    "provinsi daerah district"
)

_NUMBERS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
_NUMBERS |= {"satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"}
_NUMBERS |= {"signs", "sign", "signed", "agree", "agrees", "launch", "launches"}
"""Numbers and the verbs of headlines end a sector's name too ("… signs two industry deals")."""
_NOT_A_NOUN = re.compile(r"^(?:me[a-z]{4,}|di[a-z]{3,}kan|[a-z]{3,}(?:ing|ed))$")
"""Verb forms end a sector's name too ("industri menghadapi …", "covering industry")."""


Written = tuple[int, int, list[str], bool, bool, bool]
"""A name written as a sector's: its start and end in the text, its own words, whether its
head comes first ("industri X"), whether it names a commodity's process, and whether the
span says it in other words (a commodity turned into products, :mod:`.products`)."""


def sector_names(sentences: Iterable[Any]) -> list[Written]:
    """The names written as sectors' ("industri X", "X industry", "pengolahan X") in the
    sentences in scope, in order, which :func:`find_unknown_sectors` then checks against
    the phrases: they need none, so a long text's are read beside its phrase matching."""
    written: list[Written] = []
    for sentence in sentences:
        if not sentence.scope:
            continue
        for pattern, head_first, process in _UNKNOWN_SECTOR:
            if not any(word in sentence.text for word in _NEEDED[pattern]):
                continue  # a word the pattern cannot match without: not scanned for
            for match in pattern.finditer(sentence.text):
                words = _name_words(match.group(1).split(), head_first=head_first)
                at = match.end(1) - len(" ".join(words))
                if not head_first and OFFICE_OF.search(sentence.text, max(0, at - 80), at):
                    continue  # an office's name ("the secretary of heavy industries")
                # The span holds the head and the name's own words, not the words after.
                kept = len(" ".join(words))
                if head_first:
                    start, end = match.start(), match.start(1) + kept
                else:
                    start, end = match.end(1) - kept, match.end()
                at = sentence.start
                written.append((at + start, at + end, words, head_first, process, False))
        at = sentence.start
        for start, end, thing, lang in conversions(sentence.text):
            words = processing_name(thing, lang)
            written.append((at + start, at + end, words, lang == "id", True, True))
        for start, end, words in processed(sentence.text):
            head_first = words[-1] != "processing"
            written.append((at + start, at + end, words, head_first, True, True))
        for start, end, thing, lang in made_by(sentence.text):
            # a product named by its makers: read as its industry's name, kept only when
            # a table knows it (not a process, said in other words)
            words = [singular(w) for w in thing.split()] if lang == "en" else thing.split()
            written.append((at + start, at + end, words, lang == "id", False, True))
    return written


def _covers_a_name(target: Target) -> bool:
    return target.cls in ("sectors", "objectives", "activities") and not target.generic


def find_unknown_sectors(
    finder: PhraseFinder, result: Extraction, written: list[Written], mentions: list[Mention]
) -> list[Finding]:
    """ "industri X" / "X industry" in sentences in scope (*written*: their
    :func:`sector_names`) that no concept label covers: the unresolved ones are returned, a
    scheme's concept named by its commodity is added to the result's sectors."""
    # Mentions do not overlap and are sorted, so their ends are sorted too: one bisection
    # tells whether a span overlaps one (a scan per match was quadratic on long texts).
    # A generic mention ("industri") does not cover the specific name around it.
    # Only a sector's name covers one ("kerja sama industri" does not cover "industri mebel").
    # An aim's or activity's phrase covers one too ("industri hijau" is an aim, not a sector).
    # (a class asked once per tuple of targets: a long text's mentions share them)
    mentions = list(itertools.compress(mentions, having(mentions, _covers_a_name)))
    ends = [m.end for m in mentions]
    found: list[Finding] = []
    seen: set[str] = {f.ref for f in result.unresolved} | {f.ref for f in result.of("sectors")}
    for start, end, words, head_first, process, paraphrase in written:
        i = bisect.bisect_right(ends, start)
        if not words or (i < len(mentions) and mentions[i].start < end):
            continue
        if all(word in _NO_TRADE for word in words):
            continue
        text = result.article.text
        ref = slug(" ".join(words))
        name = f"industri {' '.join(words)}" if head_first else f"{' '.join(words)} industry"
        known = [t for t in finder.lookup(name) if t.cls == "sectors"] or [
            t for t in finder.lookup(_processed(words, head_first)) if t.cls == "sectors"
        ]
        if process and not head_first and not paraphrase:
            if not known:
                # "X processing" of a commodity no table knows: the word before the process
                # noun is the commodity; one before that is as often a verb ("covers …")
                words = words[-2:]
                start, ref = end - len(" ".join(words)), slug(" ".join(words))
            # commodities listed before it share the process ("groundnut and cashew …")
            for item, item_end in _items_before(text, start):  # nearest first
                if text[item:item_end].lower() in _EN_PROCESSES:
                    break  # another process's list ("kenaf ginning and hemp spinning")
                start = item
        if paraphrase and not process and not known:
            continue  # a maker's product no table knows: no industry named
        label = " ".join(words) if paraphrase else text[start:end]
        commodity = paraphrase or _commodity(words, head_first)  # checked by .products
        if process and (len(words) < 2 or not (known or commodity)):
            continue
        if known:  # a name of the ISIC/KBLI gazetteer: its code and title
            ref, label = known[0].ref, known[0].label
        if ref in seen:
            continue
        seen.add(ref)
        finding = result.finding(
            "sectors", ref, label, start, end, known=bool(known and known[0].known)
        )
        if finding.known:  # a scheme's concept by its commodity ("pengolahan kapas")
            result.findings.setdefault("sectors", []).append(finding)
        else:
            found.append(finding)
    return found


_ID_PROCESSES = (
    "pengolahan",
    "pemrosesan",
    "penyulingan",
    "pemurnian",
    "peleburan",
    "pengalengan",
    "pengeringan",
    "pengemasan",
    "pengupasan",
    "pemintalan",
    "pembekuan",
    "pengasapan",
    "penggilingan",
    "penyamakan",
)
"""Indonesian nouns of a commodity's process (processing, refining, smelting, canning,
drying, packing, peeling, spinning, freezing, smoking, milling, tanning): "pengeringan dan
pengemasan rumput laut" names the industry that works on seaweed."""
_COORDINATED = r"(?:pe[a-z]{4,}an(?:\s*,\s*(?:(?:dan|serta)\s+)?|\s+(?:dan|serta)\s+)){0,3}"
"""Process nouns listed before the last one ("pengupasan, pembersihan, dan pengemasan …"),
one of which, or the last, is a commodity's process."""
_EN_PROCESS_WORDS = (
    "processing",
    "refining",
    "smelting",
    "canning",
    "drying",
    "ginning",
    "spinning",
    "grinding",
    "tanning",
)
"""English nouns of a commodity's process, after the commodity ("cotton ginning")."""
_NOT_COMMODITIES = _words(
    "limbah sampah air data informasi dokumen izin perizinan bahan lanjutan "
    "waste water wastewater information payment order radiation further"
)
"""What a process noun takes that is no commodity: waste and water treatment, data and
documents, and words that only say the process goes on ("pengolahan lanjutan")."""
_NOT_AFTER_PROCESS = (
    r"(?!\s+(?:industry|industries|sector|sectors|technology|technologies|plants?)\b)"
)
_UNKNOWN_SECTOR = (
    (re.compile(r"\b(?:industri|sektor)\s+([a-z]+(?:\s[a-z]+){0,2})"), True, False),
    # not the end of a hyphenated word ("energy-hungry industries")
    (
        re.compile(r"(?<![\w-])((?:[a-z]+\s)?[a-z]+)\s+(?:industry|industries|sector)\b"),
        False,
        False,
    ),
    # a commodity's processing named without "industry": "pengolahan singkong", "fish
    # processing" name the industry that works on it (a commodity and its process)
    (
        re.compile(
            r"(?<!industri )\b(?="
            + _COORDINATED
            + r"(?:"
            + "|".join(_ID_PROCESSES)
            + r")\b)"
            + _COORDINATED
            + r"(pe[a-z]{4,}an\s[a-z]+(?:\s[a-z]+){0,2})"
        ),
        True,
        True,
    ),
    (
        re.compile(
            r"(?<![\w-])((?:[a-z]+\s)?[a-z]+\s(?:"
            + "|".join(_EN_PROCESS_WORDS)
            + r"))\b"
            + _NOT_AFTER_PROCESS
        ),
        False,
        True,
    ),
)
"""Where a sector's name is read: (pattern, whether the name follows its head as in
Indonesian, whether it is a commodity's process). A process counts only with its commodity
and only when the gazetteer knows it (its ISIC title names it in both languages): "fish
processing" is ISIC 1020, "pengolahan limbah" is no industry the gazetteer lists."""

_NEEDED = {
    pattern: words
    for (pattern, _, _), words in zip(
        _UNKNOWN_SECTOR,
        (
            ("industri", "sektor"),
            ("industr", "sector"),
            _ID_PROCESSES,
            _EN_PROCESS_WORDS,
        ),
        strict=True,
    )
}
"""The words each pattern of :data:`_UNKNOWN_SECTOR` holds as written (it is case-sensitive):
a sentence with none of them is not scanned (the scans were most of the reader's time)."""

_PROCESS_NOUNS = {*_ID_PROCESSES, "pengawetan", "hilir", "hilirisasi"}
_EN_PROCESSES = {*_EN_PROCESS_WORDS, "milling", "crushing", "downstream"}


def _commodity(words: list[str], head_first: bool) -> bool:
    """Whether a process noun's object names a commodity ("pengemasan rumput laut",
    "cashew processing"), not waste, water or data, which no table needs to know: the
    industry that works on it is proposed by the article's words."""
    thing = words[1:] if head_first else words[:-1]
    return bool(thing) and thing[0] not in _NOT_COMMODITIES


def _processed(words: list[str], head_first: bool) -> str:
    """The industry of what a process noun works on: "industri pengolahan tembaga" is the
    copper industry's, "copper processing industry" too (its ISIC class names the
    commodity); "" when the name has no process noun."""
    if len(words) > 1 and head_first and words[0] in _PROCESS_NOUNS:
        return "industri " + " ".join(words[1:])
    if len(words) > 1 and not head_first and words[-1] in _EN_PROCESSES:
        return " ".join(words[:-1]) + " industry"
    if len(words) > 1 and not head_first and words[0] in _EN_PROCESSES:
        return " ".join(words[1:]) + " industry"
    return ""


def _name_words(words: list[str], *, head_first: bool) -> list[str]:
    """The words of a sector's name next to its head, up to the first that ends it."""
    ordered = words if head_first else words[::-1]
    kept: list[str] = []
    for word in ordered:
        verb = _NOT_A_NOUN.match(word) and word not in _EN_PROCESSES
        if word in _STOP or verb or len(word) < 3 or word in _NUMBERS:
            break
        kept.append(word)
    return kept if head_first else kept[::-1]
