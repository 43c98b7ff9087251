"""Ministries by the grammar of their names, in both languages, with their country.

A ministry is named by a head ("Kementerian", "Menteri", "Ministry of", "Minister for",
"Department of", "Industry Minister") and its portfolios ("Perindustrian", "Economy, Trade
and Industry"), with the country before it ("Japan's", "the Japanese") or after it
("Jepang", "of the Republic of Korea"). The portfolios and the country pick the body out
of the gazetteer and the data (a minister's title stands for the ministry); a ministry
that neither knows is proposed as a new body with the country and the name as written.
A name with no country is Indonesia's: the news this reads is about Indonesia's deals
("Department of …" needs its country: universities have departments too). A minister's
title counts as the ministry only in a sentence about the deal (it is marked generic).

A phrase of the lexicon that the grammar reads as another country's ministry ("Ministry
of Industry" in "Türkiye's Ministry of Industry and Technology") is replaced by the
grammar's reading, so a foreign ministry is never linked to an Indonesian one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .matcher import Mention, having
from .patterns import Lexicon, Target
from .people import slug
from .portfolios import (
    BY_FIRST,
    JOINERS,
    PORTFOLIOS,
    POSSESSIVE_AFTER,
    TO_COUNTRY,
    WORD,
    joined_words,
    led_list,
    named_to_country,
    unread,
)

_PORTFOLIO_FIRST = (
    "Industry",
    "Trade",
    "Foreign",
    "Economy",
    "Finance",
    "Commerce",
    "Investment",
    "Energy",
    "Education",
    "Agriculture",
    "Health",
    "Labour",
    "Labor",
    "Manpower",
    "Transport",
)
"""Portfolios written before their head ("Industry Ministry", "Trade Minister")."""
_HEAD = re.compile(
    # "Kementerian …", "Menteri …", "Wakil Menteri Koordinator Bidang …"
    r"(?<![\w-])(?P<head>(?:Wakil\s+)?(?P<id>Kementerian|Menteri|Departemen)"
    r"(?:\s+Koordinator)?(?:\s+Bidang)?"
    # "Ministry of …", "Deputy Minister for the …", "Federal Ministry of …"
    r"|(?:(?:Deputy|Vice)\s+)?(?:(?P<coord>Coordinating)\s+)?(?:Federal\s+)?"
    r"(?:Ministry|Minister|Department)\s+(?:of|for)(?:\s+the)?"
    # a portfolio before its head: "Industry Ministry", "Trade Minister"
    + r"|(?P<port>"
    + "|".join(_PORTFOLIO_FIRST)
    + r")\s+(?:Ministry|Minister))(?![\w-])"
)
_HEADS = (
    r"(?:Kementerian|Menteri|Menko|Ministry|Minister|Department|Departemen|Badan|Otoritas|"
    r"Agency|Authority|Lembaga|Dewan|Council)(?![\w-])"
)
_OF = re.compile(r"\s*(?:,\s*)?(?:of\s+(?:the\s+)?)?$")
_NAME_GOES_ON = re.compile(r"\s+(?:(?:of|for|on)\s+(?:the\s+)?)?[A-Z][a-z]")
_ABBREVIATION_AFTER = re.compile(
    r"(?:,?\s+(?:dan\s+|and\s+|&\s+)?(?!" + _HEADS + r")[A-Z][\w-]*)*"
    r"\s*\((?P<abbr>[A-Z][\w/.-]{1,15})\)"
)
"""Capitalised words up to an abbreviation in brackets, which may name the body read
before them; never across another body's head word ("Menteri Perindustrian RI … dan
Menteri Perindustrian dan Teknologi Informasi (MIIT)" names two ministers' bodies)."""
_POSSESSIVE = re.compile(r"(?:'s|’s)?\s+(?:the\s+)?$")


@dataclass(frozen=True)
class _Reading:
    start: int
    end: int
    portfolios: tuple[str, ...]
    coordinating: bool
    country: str | None
    title: bool  # a minister's title, not the ministry's name
    department: bool  # "Department of …": a ministry only with a country written
    unread: bool = False  # the name goes on past its known portfolios ("… and Geology")
    name_end: int = 0  # where the name ends before its country
    country_words: str = ""  # the country as written after the name


def _portfolios(text: str, at: int) -> tuple[list[str], int]:
    """The portfolio keys written from *at* on, and where they end."""
    words: list[tuple[str, int]] = []
    pos = at
    while len(words) < 12:
        match = WORD.match(text, pos)
        if not match:
            break
        words.append((match.group(1), match.end()))
        pos = match.end()
    keys: list[str] = []
    end, i = at, 0
    while i < len(words):
        for phrase in BY_FIRST.get(words[i][0].lower(), ()):
            size = len(phrase.split())
            written = " ".join(w for w, _ in words[i : i + size]).lower()
            # Indonesian titles write portfolios capitalised; a lower-case word ends them.
            if written == phrase and (words[i][0][:1].isupper() or phrase == "ppn"):
                keys.append(PORTFOLIOS[phrase])
                end = words[i + size - 1][1]
                i += size
                break
        else:
            if words[i][0].lower() in JOINERS:
                i += 1
                continue
            break
    return keys, end


def _readings(
    text: str, countries: dict[int, tuple[int, str]], ends: dict[int, str]
) -> list[_Reading]:
    found: list[_Reading] = []
    for match in _HEAD.finditer(text):
        if match.group("port"):
            keys = [PORTFOLIOS[match.group("port").lower()]]
            end = match.end()
        else:
            keys, end = _portfolios(text, match.end())
        led = not keys  # "Minister of Presidency, Economy, …": an unknown word leads the list
        if led:
            keys, end = led_list(text, match.end(), countries)
        if not keys:
            continue
        start, country = match.start(), None
        head = match.group()
        title = "Menteri" in head or "Minister" in head
        own_words = read = end
        if led:
            read = match.end()  # every word of the name is written as the label
        end = joined_words(text, end, countries)
        own_words = end if end != own_words else 0  # the name went on past its portfolios
        after = re.match(r"\s*(?:,\s*)?(?:of\s+(?:[Tt]he\s+)?)?", text[end : end + 12])
        at = end + (after.end() if after else 0)
        state = TO_COUNTRY.match(text, end, end + 40)  # "… Kerajaan Maroko", "… Sultanate of"
        if at not in countries and state is not None and state.end() in countries:
            at = state.end()
        named = named_to_country(text, end, countries)
        closing = at in countries and not POSSESSIVE_AFTER.match(text, countries[at][0])
        if closing:
            # a name of words the grammar does not know ends before its country (as
            # written, it is what the reviewer looks up), and so does an English one before
            # "of COUNTRY"; a read Indonesian one spans it ("Kementerian Perdagangan Pakistan")
            english = re.search(r"\bof\b", text[end:at]) is not None
            end, country = (own_words or (end if english else countries[at][0])), countries[at][1]
            named = named or (end, country, at)  # the country closes the name
        elif named is not None:
            end, country, at = named  # "Kementerian Ekonomi dan Inovasi Lituania": name, country
            closing = True
        else:
            before = text[max(0, start - 12) : start]
            possessive = _POSSESSIVE.search(before)
            if possessive:
                where = start - (len(before) - possessive.start())
                if where in ends:
                    country = ends[where]
        after_name = country is not None and (named is not None or own_words > 0)
        if not title and not after_name and _NAME_GOES_ON.match(text, end):
            continue  # "Ministry of Industrial Policy …": a name the grammar cannot read whole
        if led and country is None:
            continue  # a list led by unknown words is a ministry's only with its country
        coordinating = bool(match.group("coord")) or "Koordinator" in head
        department = "Department" in head or "Departemen" in head
        name_end = min(end, at) if closing else end
        written_country = text[at : countries[at][0]] if closing else ""
        found.append(
            _Reading(
                start,
                end,
                tuple(keys),
                coordinating,
                country,
                title,
                department,
                unread(text[read:name_end]),
                name_end,
                written_country,
            )
        )
    return found


def _pick(lexicon: Lexicon, reading: _Reading, country: str) -> str | None:
    best: tuple[int, int, str] | None = None
    for ref, portfolios in lexicon.portfolios.items():
        if lexicon.body_country.get(ref) != country or reading.portfolios[0] not in portfolios:
            continue
        if ("coordinating" in portfolios) != reading.coordinating:
            continue
        shared = len(set(reading.portfolios) & set(portfolios))
        rank = (-shared, len(portfolios), ref)
        if best is None or rank < best[0:3]:
            best = rank
    return best[2] if best else None


_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'’-]+(?:[ ,]+[A-Z][A-Z'’&-]*){2,}\b")
_CAPS_WORD = re.compile(r"[A-Z][A-Z'’-]*")
_SMALL_WORDS = {"OF", "THE", "AND", "FOR", "ON", "DAN", "UNTUK", "TENTANG", "ANTARA"}


def _cased(text: str) -> str:
    """*text* with its runs of capitals written as titles are, at the same offsets, so that
    the grammar reads a heading in capitals ("KEMENTERIAN EKONOMI REPUBLIK AZERBAIJAN")."""

    def title(run: re.Match[str]) -> str:
        return _CAPS_WORD.sub(
            lambda w: w.group().lower() if w.group() in _SMALL_WORDS else w.group().capitalize(),
            run.group(),
        )

    cased = _CAPS_RUN.sub(title, text)
    return cased if len(cased) == len(text) else text


def read_bodies(text: str, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """*mentions* with the ministries the grammar reads in *text*: each replaces the
    lexicon's mentions inside it, and carries its body (known, gazetteer or new)."""
    countries: dict[int, tuple[int, str]] = {}
    ends: dict[int, str] = {}
    # each mention's classes asked once per tuple of targets (a long text has 100,000)
    for mention in itertools.compress(mentions, having(mentions, _is_country)):
        code = next(t.ref for t in mention.targets if _is_country(t))
        countries[mention.start] = (mention.end, code)
        ends[mention.end] = code
    # A body's full name found by the lexicon ("Kementerian Ekonomi, Perdagangan, dan
    # Industri Jepang") is read already: the grammar reads only what no name covers.
    bodily = list(itertools.compress(mentions, having(mentions, _is_body)))
    named = sorted((m.start, m.end) for m in bodily)
    cased = _cased(text)
    readings = [
        _short_of(text, r, named)
        for r in _readings(cased, countries, ends)
        if not _covered(named, r)
    ]
    if not readings:
        return mentions
    abbreviated = {m.start: m for m in bodily}
    foreign = _foreign_ministries(bodily, readings, lexicon)  # only a body's targets count
    added: list[Mention] = []
    for reading in readings:
        if reading.department and reading.country is None:
            continue  # "Department of Industrial Engineering" is a university's
        # "Kementerian … (ABBR)": a known abbreviation names the body, whatever the words
        # before it that the grammar did not read ("Pendidikan Tinggi, Sains, dan …").
        abbr = _ABBREVIATION_AFTER.match(text, reading.end, reading.end + 100)
        known = abbreviated.get(abbr.start("abbr")) if abbr else None
        # only a ministry's abbreviation: "Kementerian Perindustrian dan Organisasi
        # Kesehatan Dunia (WHO)" names two bodies, not one
        if abbr and known and any(lexicon.portfolios.get(t.ref) for t in known.targets):
            end = abbr.end()
            added.append(Mention(reading.start, end, text[reading.start : end], known.targets))
            continue
        country = reading.country or "ID"
        ref = _pick(lexicon, reading, country)
        if reading.country is None and not _whole(lexicon, reading, ref):
            # "Minister for Trade and Industry" with no country, beside Singapore's Ministry
            # of Trade and Industry: that ministry, not Indonesia's Ministry of Trade
            country = foreign.get(frozenset(reading.portfolios), country)
            ref = _pick(lexicon, reading, country)
        written = text[reading.start : reading.end]
        if ref is not None:
            label = lexicon.labels.get(("bodies", ref), {}).get("en", written)
            target = Target(
                "bodies", ref, ref in lexicon.known_ids, label, reading.title, country=country
            )
        else:
            label = _new_label(cased, reading, country, lexicon)
            target = Target("bodies", slug(label), False, label, reading.title, country=country)
        added.append(Mention(reading.start, reading.end, written, (target,)))
    return _merge(mentions, added)


def _is_country(target: Target) -> bool:
    return target.cls == "countries"


def _is_body(target: Target) -> bool:
    return target.cls == "bodies"


def _foreign_ministries(
    mentions: list[Mention], readings: list[_Reading], lexicon: Lexicon
) -> dict[frozenset[str], str]:
    """The portfolios of the other countries' ministries the article names → their country."""
    found = {frozenset(r.portfolios): r.country for r in readings if r.country not in (None, "ID")}
    for mention in mentions:
        for target in mention.targets:
            country = lexicon.body_country.get(target.ref) if target.cls == "bodies" else None
            if country not in (None, "ID") and lexicon.portfolios.get(target.ref):
                found.setdefault(frozenset(lexicon.portfolios[target.ref]), str(country))
    return found


def _whole(lexicon: Lexicon, reading: _Reading, ref: str | None) -> bool:
    """Whether the body *ref* has every portfolio the reading names."""
    return ref is not None and set(reading.portfolios) <= set(lexicon.portfolios.get(ref, ()))


_JOINED_BY = re.compile(r"(?:,?\s+(?:dan|and|&)|,)\s+$")


def _short_of(text: str, reading: _Reading, spans: list[tuple[int, int]]) -> _Reading:
    """*reading* ended before a body the lexicon names after "dan"/"and" inside it:
    "Kementerian Perindustrian dan UN-Habitat" is two bodies, not a ministry's name that
    goes on past its portfolios."""
    for start, _ in spans:
        if reading.start < start < reading.end:
            joined = _JOINED_BY.search(text, reading.start, start)
            if joined is not None:
                cut = joined.start()
                return replace(reading, end=cut, name_end=min(reading.name_end, cut))
    return reading


def _covered(spans: list[tuple[int, int]], reading: _Reading) -> bool:
    import bisect

    i = bisect.bisect_right(spans, (reading.start, 1 << 62))
    return any(s <= reading.start and reading.end <= e for s, e in spans[max(0, i - 2) : i])


_DISPLAY = {"foreign": "Foreign Affairs", "soe": "State-Owned Enterprises", "smes": "SMEs"}


_TITLE_HEAD = re.compile(
    r"^(?:Wakil\s+)?Menteri|^(?:(?:Deputy|Vice)\s+)?(?P<en>(?:Coordinating\s+)?(?:Federal\s+)?)"
    r"Minister(?=\s+(?:of|for)\b)"
)


def _new_label(text: str, reading: _Reading, country: str, lexicon: Lexicon) -> str:
    """A new ministry's label: its portfolios in English and its country; its name as
    written (a minister's title made the ministry's) when the grammar cannot read all its
    words, so none is lost ("Ministry of Mines and Geology of Guinea", "Kementerian
    Industri dan Transformasi Sumber Daya Lokal Gabon")."""
    names = lexicon.labels.get(("countries", country), {})
    indonesian = text.startswith(("Kementerian", "Menteri", "Wakil", "Departemen"), reading.start)
    if reading.unread or (not indonesian and text.startswith("Minist", reading.start)):
        written = " ".join(text[reading.start : reading.name_end].split()).rstrip(" ,")
        name = _TITLE_HEAD.sub(
            lambda m: "Kementerian" if "Menteri" in m.group() else f"{m.group('en')}Ministry",
            written,
        )
        if indonesian:
            return f"{name} {reading.country_words or names.get('id', country)}"
        return f"{name} of {names.get('en', country)}"
    words = [
        _DISPLAY.get(p, p.replace("-", " ").title()) for p in dict.fromkeys(reading.portfolios)
    ]
    joined = " and ".join([", ".join(words[:-1]), words[-1]] if len(words) > 2 else words)
    return f"Ministry of {joined} of {names.get('en', country)}"


def _merge(mentions: Iterable[Mention], added: list[Mention]) -> list[Mention]:
    """The grammar's mentions win over the lexicon's that overlap them."""
    spans = sorted((m.start, m.end) for m in added)
    # Only a mention that overlaps an added one can be dropped: the characters the added
    # ones cover are marked first, so most mentions are passed over without a search.
    covered = bytearray(max((e for _, e in spans), default=0))
    for s, e in spans:
        covered[s:e] = b"\x01" * (e - s)
    kept = [
        m
        for m in mentions
        if covered.find(1, m.start, m.end) == -1 or not _overlaps(spans, m.start, m.end)
    ]
    return sorted([*kept, *added], key=lambda m: m.start)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    import bisect

    i = bisect.bisect_left(spans, (end, end))
    return any(s < end and start < e for s, e in spans[max(0, i - 2) : i])
