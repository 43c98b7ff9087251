"""Signatories and the bodies no lexicon knows.

A signatory is a title followed by a name ("Menteri Perindustrian Agus Gumiwang
Kartasasmita", "METI Minister Yasutoshi Nishimura"). Names are matched to the persons of
the data with rapidfuzz, so "Agus Gumiwang" and "Jin Zhualong" find their person; a name
that matches nobody goes to ``unresolved``, with its title as the post.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from . import cues
from .agencies import (
    VENUE,
    apposed_names,
    before_an_official,
    quoted_span,
    runs_past_known,
    secretariat_of,
    short_names,
    without_apposition,
    without_parent,
)
from .findings import Extraction, Finding
from .portfolios import either, is_title_word

if TYPE_CHECKING:
    from .matcher import PhraseFinder
    from .patterns import Lexicon

PERSON_THRESHOLD = 88
"""rapidfuzz score (0–100) above which a written name is taken as a known person."""

_NOT_NAMES = {
    "Republik",
    "Indonesia",
    "Kementerian",
    "Ministry",
    "Menteri",
    "Minister",
    "Jakarta",
    "Pemerintah",
    "Government",
    "Kerja",
    "Sama",
    "Memorandum",
    "Selasa",
    "Rabu",
    "Kamis",
    "Jumat",
    "Sabtu",
    "Minggu",
    "Senin",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Industri",
    "Industry",
    "The",
    "Dalam",
    "Pada",
    "Di",
}


SLUG_LENGTH = 60
"""The longest id made of a name; a longer one ends at the last whole word that fits."""


@lru_cache(maxsize=65536)  # a long page writes the same names thousands of times
def slug(text: str) -> str:
    """A data id made of *text*: lower-case ASCII words joined by ``-``, at most
    :data:`SLUG_LENGTH` long, cut after a whole word (inside one only if it is the first)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    if not words:
        return "unnamed"
    made = words[0][:SLUG_LENGTH]
    for word in words[1:]:
        if len(made) + 1 + len(word) > SLUG_LENGTH:
            break
        made = f"{made}-{word}"
    return made


def match_person(name: str, persons: dict[str, str]) -> str | None:
    """The id of the known person *name* refers to, or None."""
    best, best_score = None, 0.0
    for person_id, full in persons.items():
        score = max(fuzz.token_sort_ratio(name, full), fuzz.ratio(name, full))
        common = set(name.lower().split()) & set(full.lower().split())
        if len(common) >= 2 and fuzz.token_set_ratio(name, full) == 100:
            score = 100
        if score > best_score:
            best, best_score = person_id, score
    return best if best_score >= PERSON_THRESHOLD else None


def _match_post(title: str, posts: dict[str, dict[str, str]]) -> str | None:
    best, best_score = None, 0.0
    for post_id, labels in posts.items():
        for label in labels.values():
            score = fuzz.token_set_ratio(title, label) if len(title.split()) > 1 else 0
            if score > best_score:
                best, best_score = post_id, score
    return best if best_score >= 95 else None


_TITLE_BEFORE = re.compile(rf"({cues.POSTS.pattern}),?\s*$")


def find_people(lexicon: Lexicon, result: Extraction, sentences: Iterable[Any]) -> list[Finding]:
    """Known persons (by fuzzy name) and titled names in sentences that are not background."""
    text = result.article.text
    found: dict[str, Finding] = {}
    matched: dict[str, str | None] = {}
    country_words = lexicon.country_words
    for sentence in sentences:
        if sentence.background:
            continue
        for match in cues.NAME.finditer(sentence.text):
            name = match.group().strip()
            words = name.split()
            # A title's portfolio and country are not part of the name after it
            # ("Menteri Perindustrian Jepang Ken Saito" names Ken Saito).
            while words and (
                words[0] in _NOT_NAMES or is_title_word(words[0]) or words[0] in country_words
            ):
                words = words[1:]
            if len(words) < 2 or any(w in _NOT_NAMES for w in words):
                continue
            name = " ".join(words)
            start = sentence.start + match.end() - len(name)
            end = sentence.start + match.end()
            title_match = _TITLE_BEFORE.search(text, max(sentence.start, start - 90), start)
            title = title_match.group(1).strip() if title_match else None
            if name not in matched:  # a name written again is matched once
                matched[name] = match_person(name, lexicon.persons)
            person = matched[name]
            if person is None and title is None:
                continue
            ref = person or slug(name)
            if ref in found:
                continue
            post = _match_post(title, lexicon.posts) if title and person else None
            label = lexicon.persons.get(ref, name)
            extra = post or title
            found[ref] = result.finding(
                "persons", ref, label, start, end, known=person is not None, extra=extra
            )
            if person is None:
                result.unresolved.append(found[ref])
            elif sentence.signing:
                _party_of_signatory(lexicon, result, found[ref], post)
    return list(found.values())


def _party_of_signatory(
    lexicon: Lexicon, result: Extraction, finding: Finding, post: str | None
) -> None:
    """A known signatory's post (as written, or as the data records it) names a party."""
    posts = [post] if post else lexicon.person_posts.get(finding.ref, [])
    for post_id in posts:
        body = lexicon.post_body.get(post_id)
        country = lexicon.body_country.get(body) if body else None
        if country and all(f.ref != country for f in result.of("countries")):
            label = lexicon.labels.get(("countries", country), {}).get("en", country)
            result.findings.setdefault("countries", []).append(
                replace(finding, cls="countries", ref=country, label=label, known=True, extra=None)
            )


_HEADS_FIRST = (
    *("Kementerian", "Kemenko", "Badan", "Lembaga", "Dewan", "Komisi", "Otoritas"),
    *("Direktorat Jenderal", "Directorate General"),
    # these head a name only with "for"/"of" after them ("Centre for …", "Fund of …")
    either(
        "Centre",
        "Center",
        "Institute",
        "Academy",
        "Secretariat",
        "Directorate",
        "Administration",
        "Fund",
    )
    + "(?= (?:for|of) )",
    *("Ministry", "Pusat", "Institut", "Organisasi", "Akademi", "Administrasi", "Sekretariat"),
    *("Komite", "Komunitas", "Agency", "Department", "Federal Ministry", "State Secretariat"),
    *("Authority", "Commission", "Council", "Board", "Kamar Dagang", "Chamber(?= of )"),
    *("Bank Ekspor-Impor", "Export-Import Bank(?= of )"),  # a state's export-import bank
    "Balai Besar",  # the industry ministry's standards and services centres
)
"""The heads a body's name starts with ("Badan …", "Ministry of …")."""
_HEADS_LAST = (
    *("Agency", "Council", "Organi[sz]ation", "Authority", "Board", "Institute", "Commission"),
    *("Corporation", "Centre", "Center", "Institution", "Academy", "Committee", "Facility"),
    *("Fund", "Bureau", "Secretariat(?: General)?", "Chamber", "Community"),
    "Export-Import Bank",
)
"""The heads a body's name ends with ("Korea Energy Agency", "GCC Secretariat General")."""
_BODY = re.compile(
    # head first: "Badan …", "Ministry of …", "Board of Investment"; a comma may stand in
    # the name ("Ministry of Economy, Trade and Industry"), see _whole_name
    r"(?<![\w-])(?:"
    + either(*_HEADS_FIRST)
    # "the" after the head's own "of" ("Secretariat of the Pacific …"), not after a later one
    # ("Directorate General of Industrial Designs | of the Ministry of Law")
    + r"(?: of the(?= [A-Z]))?(?:,? (?:for the|of|for|and|dan|untuk|the|&)?\s?[A-Z][\w-]+)+"
    # head last: "Thailand Board of Investment", "Korea Energy Agency", "Investment and
    # Development Agency of Latvia" (an "and" between its capitalised words); a fund, a
    # bureau or a secretariat keeps the words before its head ("Common Fund for
    # Commodities", "Somali Bureau of Standards", "Pacific Islands Forum Secretariat");
    # chambers of commerce both ways ("Kamar Dagang Niue", "Niue Chamber of Commerce")
    + r"|(?:[A-Z][\w&'’-]*\s+(?:(?:and|&)\s+(?=[A-Z]))?){1,6}"
    + either(*_HEADS_LAST)
    + r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w-]+(?:,?\s+(?:and\s+)?[A-Z][\w-]+)*){0,2})"
)
_LEADING = re.compile(r"^(?:The|the|A|An|Our|Their|Its|This|That|These)\s+")
"""An article or a possessive pronoun before a name ("Our … Agency"): not the name's."""
_JOINT = re.compile(r"\b(?:Joint|Bersama|Gabungan)\b")
_PRESS_OFFICE = re.compile(
    r"\b(?:Public Relations|Press|Media|Communications?|Hubungan Masyarakat|Humas|Pers)\s+"
    r"(?:Bureau|Office|Division|Section|Centre|Center|Unit)\b"
    r"|\b(?:Biro|Bagian|Pusat)\s+(?:Hubungan Masyarakat|Humas|Komunikasi|Pers)\b"
)
"""The office that speaks for a body (a release ends "contact the Public Relations Bureau"):
the release's author, not a body of the deal."""
_NEXT_BODY = re.compile(
    r",?\s+(?:and|dan|&)\s+(?:the\s+)?(?=(?:Kementerian|Ministry|Badan|Agency|Lembaga|Dewan|"
    r"Komisi|Otoritas|Authority|Council|Commission|Department|Komunitas|Sekretariat)\b)"
)

_HEADLINE_VERB = re.compile(
    r"\s+(?:Teken|Tandatangani|Sepakati|Sepakat|Perkuat|Jalin|Gandeng|Dorong|Bahas|Garap|"
    r"Genjot|Incar|Serap|Pacu|Bidik|Luncurkan|Kembangkan|Siapkan|Tingkatkan|Percepat)\b"
)
"""A headline's verb, written bare and capitalised like the words around it ("Komunitas
Afrika Timur Teken MoU Industri Kulit"): the body's name ends before it."""


@lru_cache(maxsize=65536)  # as slug
def _whole_name(name: str) -> str:
    """*name* up to its first comma, unless an "and"/"dan" after the last comma shows the
    commas are the name's own ("Ministry of Economy, Trade and Industry")."""
    name = _LEADING.sub("", name.rstrip(", "))
    name = _NEXT_BODY.split(name, 1)[0]  # "Kementerian X dan Kementerian Y": two bodies
    name = before_an_official(name)  # "Kementerian X dan Deputy Secretary Y"
    name = _HEADLINE_VERB.split(name, 1)[0]  # "Dewan X Teken MoU …": a headline's verb
    if "," in name and not re.search(r",[^,]*\b(?:and|dan|&)\b", name):
        name = name.split(",")[0]
    elif "," in name:
        name = without_apposition(name)  # "… Science and Technology, Andrea Smith"
    return name


Named = list[tuple[int, str, int]]
"""Names written as a body's in one sentence: offset in the sentence, words, fewest words."""


def body_names(sentences: Sequence[Any]) -> list[Named]:
    """For each sentence (none for one in the background), the words written as a body's
    name, which :func:`find_unknown_bodies` then checks against what the lexicon knows:
    they need no phrase, so a long text's are read beside its phrase matching."""
    return [[] if sentence.background else _written_names(sentence.text) for sentence in sentences]


_BARE_CHAMBER = re.compile(
    r"(?:Chamber of Commerce(?: and Industry)?|Kamar Dagang(?: dan Industri)?)"
)
"""A chamber named by its kind alone: a mention of one named before, no name of its own."""


_COMMUNITY = re.compile(r"(?:\bCommunity|^Komunitas\b)")
_IN_REGION = re.compile(r"\b(?:in|into|across|throughout|di|ke|seluruh)\s+(?:the\s+)?$")
"""A community named as where goods go ("a foothold in the East African Community, a
market of …"): the region, not the body that acts."""


def _written_names(text: str) -> Named:
    named: Named = []
    for match in _BODY.finditer(text):
        if _BARE_CHAMBER.fullmatch(_LEADING.sub("", match.group())):
            continue
        if _COMMUNITY.search(match.group()) and _IN_REGION.search(
            text, max(0, match.start() - 20), match.start()
        ):
            continue
        named.append((match.start(), match.group(), 2))
        # "Kementerian X dan Komunitas Y": the name after "dan" is a body of its own
        for joint in _NEXT_BODY.finditer(match.group()):
            named.append((match.start() + joint.end(), match.group()[joint.end() :], 2))
    # an agency introduced by an apposition may be named in one word ("X, the … agency");
    # one inside a name read whole is that name's tail ("… Agricultural and Industrial
    # Corporation (BAIC), badan …"), not another body
    spans = [(at, at + len(name)) for at, name, _ in named]
    apposed = [
        (at, name, 1)
        for at, name in apposed_names(text)
        if not any(s < at and at + len(name) <= e for s, e in spans)
    ]
    return [*named, *apposed]


def find_unknown_bodies(
    lexicon: Lexicon,
    finder: PhraseFinder,
    result: Extraction,
    sentences: Sequence[Any],
    known: list[tuple[int, int]],
    names: list[Named],
    countries: dict[int, str] | None = None,
) -> list[Finding]:
    """Names of ministries and agencies that neither the data nor the gazetteer knows,
    with the country written in the name or just before it (*countries*: the country
    mentions' start and end offsets → ISO code; *names*: :func:`body_names` of
    *sentences*)."""
    article = result.article
    taken = _Spans(known)
    found: list[Finding] = []
    seen: set[str] = set()
    countries = countries or {}
    shorts = short_names(article.text)
    for sentence, named in zip(sentences, names, strict=True):
        for at, raw, fewest in named:
            name = _whole_name(raw)
            start = sentence.start + at + raw.index(name)
            name = _own_part(article.text, start, name, countries)
            start = start + len(article.text[start : start + 1_000].split(name, 1)[0])
            name = without_parent(name, lambda last: _a_known_body(finder, last))
            end = start + len(name)
            span = article.input_span(start, end)
            if taken.overlaps(span) or len(name.split()) < fewest:
                continue
            if _JOINT.search(name):
                continue  # a joint commission the parties set up is their activity
            if VENUE.search(name):
                continue  # a venue ("Jakarta Convention Center"), not a party
            if _PRESS_OFFICE.search(name):
                continue  # a release's contact ("Public Relations Bureau"), not a party
            if fewest == 1 and any(t.cls == "countries" for t in finder.lookup(name)):
                continue  # "Canada, the agency announced": a country, not an agency
            ref = slug(name)
            if ref in seen or ref in lexicon.known_ids or _a_known_body(finder, name):
                continue  # a name the lexicon knows, written where its reading did not count
            if runs_past_known(name, lambda lead: _a_known_body(finder, lead)):
                continue  # a known body, then a person's name or a place
            if secretariat_of(name, shorts):
                continue  # "Sekretariat IPC" after "… (International Pepper Community/IPC)"
            seen.add(ref)
            country = _country_of(article.text, start, end, countries)
            said = quoted_span(article.text, start, end, countries)
            found.append(result.finding("bodies", ref, name, *said, known=False, extra=country))
    return found


class _Spans:
    """Character spans, asked whether any overlaps a span: sorted by start with the
    furthest end so far, so that a long text's thousands of names stay linear."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(itertools.accumulate((end for _, end in ordered), max))

    def overlaps(self, span: tuple[int, int]) -> bool:
        # the spans starting before *span* ends: does the furthest of them end inside it?
        before = bisect.bisect_left(self._starts, span[1])
        return before > 0 and self._reach[before - 1] > span[0]


def _a_known_body(finder: PhraseFinder, name: str) -> bool:
    return any(t.cls == "bodies" for t in finder.lookup(name))


_POSSESSIVE = re.compile(r"['’]s\s+")
_AND = re.compile(r",?\s+(?:and|dan|&)\s+")


def _own_part(text: str, start: int, name: str, countries: dict[int, str]) -> str:
    """*name* without a country's possessive before it ("Indonesia's National Agency …")
    and without the next party after "and" ("Ministry of Mining and Indonesia's …")."""
    end = start + len(name)
    for joint in _AND.finditer(text, start, end):
        if joint.end() in countries:
            name = text[start : joint.start()]
            break
    if start in countries:
        head = _COUNTRY_HEAD.match(text, start)
        possessive = _POSSESSIVE.match(text, head.end()) if head else None
        if possessive and possessive.end() < start + len(name):
            name = text[possessive.end() : start + len(name)]
    return name


_COUNTRY_HEAD = re.compile(r"[\w-]+(?:\s+[A-Z][\w-]+){0,3}?(?=['’]s\s)")


def _country_of(text: str, start: int, end: int, countries: dict[int, str]) -> str | None:
    """The country named inside a body's name, or just before it ("Thailand's …")."""
    for offset in range(start, end):
        if offset in countries:
            return countries[offset]
    before = re.search(
        r"(\w[\w ]{0,30}?)(?:['’]s)?\s+(?:the\s+)?$", text[max(0, start - 32) : start]
    )
    if before:
        return countries.get(start - 32 + before.start(1) if start >= 32 else before.start(1))
    return None
