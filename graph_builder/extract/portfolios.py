"""What a ministry is "of": the words of its portfolios in both languages, and their keys.

"Kementerian Perindustrian" and "Ministry of Industry" both name the portfolio
``industry``; the gazetteer's bodies list their portfolios by these keys, so a ministry's
name written either way, or a minister's title, picks its body out of the gazetteer. The
readers of a name's words past its known portfolios (listed with commas, joined with
"and", led by a word no table knows) up to its country are here too, for :mod:`.bodies`.
"""

from __future__ import annotations

import re

PORTFOLIOS: dict[str, str] = {
    # Indonesian
    "perindustrian": "industry",
    "industri": "industry",
    "perdagangan": "trade",
    "ekonomi": "economy",
    "perekonomian": "economy",
    "keuangan": "finance",
    "investasi": "investment",
    "hilirisasi": "downstreaming",
    "energi": "energy",
    "esdm": "energy",
    "ketenagakerjaan": "manpower",
    "tenaga kerja": "manpower",
    "pertanian": "agriculture",
    "perikanan": "fisheries",
    "kelautan": "maritime",
    "kemaritiman": "maritime",
    "kesehatan": "health",
    "perhubungan": "transport",
    "pertahanan": "defence",
    "pendidikan": "education",
    "kebudayaan": "culture",
    "riset": "research",
    "teknologi": "technology",
    "sains": "science",
    "pariwisata": "tourism",
    "koperasi": "cooperatives",
    "kehutanan": "forestry",
    "bumn": "soe",
    "umkm": "smes",
    "ukm": "smes",
    "digital": "digital",
    "informatika": "informatics",
    "komunikasi": "communication",
    "luar negeri": "foreign",
    "lingkungan hidup": "environment",
    "lingkungan": "environment",
    "sumber daya mineral": "mineral-resources",
    "perencanaan pembangunan nasional": "planning",
    "ppn": "planning",
    "pekerjaan umum": "public-works",
    "ekonomi kreatif": "creative-economy",
    "teknologi informasi": "information-technology",
    "teknologi maju": "advanced-technology",
    "inovasi": "innovation",
    "pertumbuhan": "growth",
    "produksi": "production",
    "pembangunan": "development",
    "pertambangan": "mining",
    "perniagaan": "commerce",
    "persaingan usaha": "competition",
    "olahraga": "sport",
    "agama": "religious-affairs",
    "pendidikan tinggi": "higher-education",
    "usaha kecil dan menengah": "smes",
    "usaha mikro, kecil, dan menengah": "smes",
    "usaha mikro, kecil dan menengah": "smes",
    "perdagangan luar negeri": "trade",
    "promosi investasi": "investment",
    "infrastruktur": "infrastructure",
    "pasokan": "supplies",
    "iklim": "climate",
    "pemuda": "youth",
    "kewirausahaan": "entrepreneurship",
    "daya saing": "competitiveness",
    "sumber daya alam": "natural-resources",
    "perminyakan": "petroleum",
    "ekonomi digital": "digital",
    "transformasi digital": "digital",
    "ilmu pengetahuan": "science",
    "perumahan": "housing",
    "pertanahan": "land",
    "kerajinan": "handicrafts",
    "usaha": "enterprises",
    "perencanaan": "planning",
    "farmasi": "pharmaceuticals",
    "produksi farmasi": "pharmaceutical-production",
    "pembangunan berkelanjutan": "sustainable-development",
    "industri berteknologi tinggi": "high-tech-industry",
    # English
    "industry": "industry",
    "industries": "industry",
    "industrial": "industry",
    "trade": "trade",
    "commerce": "commerce",
    "economy": "economy",
    "economic affairs": "economy",
    "economics": "economy",
    "finance": "finance",
    "investment": "investment",
    "investments": "investment",
    "energy": "energy",
    "manpower": "manpower",
    "labour": "manpower",
    "labor": "manpower",
    "employment": "manpower",
    "agriculture": "agriculture",
    "fisheries": "fisheries",
    "health": "health",
    "transport": "transport",
    "transportation": "transport",
    "defence": "defence",
    "defense": "defence",
    "education": "education",
    "research": "research",
    "science": "science",
    "technology": "technology",
    "tourism": "tourism",
    "environment": "environment",
    "forestry": "forestry",
    "foreign affairs": "foreign",
    "external affairs": "foreign",
    "foreign": "foreign",
    "information technology": "information-technology",
    "advanced technology": "advanced-technology",
    "mineral resources": "mineral-resources",
    "climate action": "climate",
    "public works": "public-works",
    "national development planning": "planning",
    "state-owned enterprises": "soe",
    "business": "business",
    "innovation": "innovation",
    "growth": "growth",
    "production": "production",
    "development": "development",
    "economic development": "development",
    "mines": "mining",
    "mining": "mining",
    "competition": "competition",
    "sport": "sport",
    "sports": "sport",
    "religious affairs": "religious-affairs",
    "higher education": "higher-education",
    "cooperatives": "cooperatives",
    "co-operatives": "cooperatives",
    "small and medium enterprises": "smes",
    "micro, small and medium enterprises": "smes",
    "smes": "smes",
    "investment promotion": "investment",
    "international trade": "trade",
    "foreign trade": "trade",
    "resources": "resources",
    "enterprises": "enterprises",
    "enterprise": "enterprises",
    "infrastructure": "infrastructure",
    "supplies": "supplies",
    "supply": "supplies",
    "climate": "climate",
    "youth": "youth",
    "entrepreneurship": "entrepreneurship",
    "competitiveness": "competitiveness",
    "natural resources": "natural-resources",
    "petroleum": "petroleum",
    "hydrocarbons": "petroleum",
    "digital economy": "digital",
    "digital affairs": "digital",
    "communications": "communication",
    "housing": "housing",
    "land": "land",
    "handicrafts": "handicrafts",
    "planning": "planning",
    "pharmaceuticals": "pharmaceuticals",
    "pharmaceutical industry": "pharmaceuticals",
    "pharmaceutical production": "pharmaceutical-production",
    "sustainable development": "sustainable-development",
    "high-tech industry": "high-tech-industry",
    "high technology industry": "high-tech-industry",
}
"""Words of a ministry's portfolio → the gazetteer's portfolio key."""

TITLE_WORDS = {"koordinator", "bidang", "luar", "negeri", "affairs", "urusan", "hidup", "umum"}
"""Words of ministers' titles that are not portfolios themselves."""
BY_FIRST: dict[str, list[str]] = {}
"""Portfolio phrases by their first word, longest first."""
for _phrase in sorted(PORTFOLIOS, key=lambda p: -len(p.split())):
    BY_FIRST.setdefault(_phrase.split()[0], []).append(_phrase)
JOINERS = {"dan", "and", "&", ",", "serta", "urusan", "the", "bidang"}
"""Words between two portfolios of one name ("Trade, Industry and Energy")."""
WORD = re.compile(r"\s*(,|&|[A-Za-z][\w'-]*)")
"""One word (or comma, ampersand) of a ministry's name."""


def each(words: str) -> tuple[str, ...]:
    """The words of *words*, split at spaces: a table of a closed word class written as one
    string."""
    return tuple(words.split())


def either(*patterns: str) -> str:
    """One group of regular expression matching any of *patterns*, tried in their order:
    the heads and words of bodies' names are kept as tables and joined by this."""
    return "(?:" + "|".join(patterns) + ")"


def is_title_word(word: str) -> bool:
    """Whether *word* belongs to a minister's title (a portfolio word), not to a name."""
    return word.lower() in PORTFOLIOS or word.lower() in TITLE_WORDS


_LISTED_WORDS = re.compile(
    r"(?:\s*,\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}){1,4},?\s+(?:dan|and|&)\s+[A-Z][\w-]*"
    r"(?:\s+[A-Z][\w-]*){0,3}(?=\s*(?:,|\(|\bof\b|\.|;|$))"
)


def listed_end(text: str, at: int) -> int:
    """The end of portfolios listed with commas past the ones the grammar knows, the last
    after "and" ("… Commerce, Manufacturing, Business Development, Co-operatives and
    Consumer Affairs,"), or *at*: a list of people's names ("Minister of Industry, Ratna
    Sari and Budi Santoso") has no portfolio word in it."""
    listed = _LISTED_WORDS.match(text, at)
    if listed is None:
        return at
    words = [w.strip(",").lower() for w in listed.group().split()]
    if not any(is_title_word(w) for w in words if w not in JOINERS):
        return at
    return listed.end()


# The words of a ministry's name past its known portfolios, up to its country (read by
# .bodies): listed with commas, joined with "and", or led by a word no table knows.

POSSESSIVE_AFTER = re.compile(r"['’]s\b")
"""A possessive after a name ("Japan's"): the next body's country, not this one's."""

_STATE_WORDS = re.compile(
    r"\b(?:of|the|Republic|Sultanate|Kingdom|State|Federation|Democratic|Islamic|People's|"
    r"Republik|Kesultanan|Kerajaan|Negara|Federasi|Demokratik|Islam|Rakyat|RD|RRT)\b"
)
"""Words of a state's title between a ministry's name and its country ("… RD Kongo")."""


def unread(words: str) -> bool:
    """Whether a ministry's name has words that are no portfolio the grammar knows ("… and
    Geology", "… dan Transformasi Sumber Daya Lokal")."""
    return re.search(r"[A-Za-z]", _STATE_WORDS.sub("", words)) is not None


_NAME_WORD = re.compile(r"(?:\s*,)?\s+(?:(?:dan|and|&)\s+)?[A-Z][\w-]*")
TO_COUNTRY = re.compile(
    r"(?:\s*,)?\s+(?:of\s+(?:the\s+)?)?(?:(?:Republic|Sultanate|Kingdom|State|Federation)\s+of\s+"
    r"(?:the\s+)?|(?:Republik|Kesultanan|Kerajaan|Negara|Federasi)\s+)?"
)
_NEXT_HEAD = re.compile(
    r"\b(?:Kementerian|Kementrian|Departemen|Kemenko|Menteri|Badan|Lembaga|Dewan|Komisi|Otoritas|Ministry|Minister|"
    r"Department|Agency|Council|Commission|Authority|Board|Organisasi|Organization|Organisation|"
    r"Bank|Dana|Fund|Institut|Institute|Pusat|Centre|Center|Program|Programme)\b"
)
_NAME_WORDS = 5
"""How many more capitalised words a ministry's name may have beyond its known portfolios
("… Pembangunan Berkelanjutan", "… Sustainable Development") before its country."""


_JOINED_WORD = re.compile(
    r"\s+(?:dan|and|&)\s+[A-Z][\w-]*(?:(?:\s+[A-Z][\w-]*){1,3}(?=\s*(?:,|\(|of\b)))?"
)
"""A joined word of a ministry's name, with the capitalised words after it when a comma,
a bracket or "of" ends them ("… and Private Sector Promotion, NAME"): a name without
that end is a person's ("… and Geology Mamadou Sylla said")."""


_LED_WORDS = 6
"""How many words a portfolio list led by a word the grammar does not know may have."""


def led_list(text: str, at: int, countries: dict[int, tuple[int, str]]) -> tuple[list[str], int]:
    """The portfolio keys and end of a ministry's name whose first word is no portfolio
    the grammar knows but whose list, written with commas and closed by "and"/"dan", holds
    one ("Presidency, Economy, Labour and Housing", "Air, Hutan, Perburuan, dan
    Perikanan"), short of a country, a possessive or the next body's head; else none."""
    first = re.match(r"\s+[A-Z][\w-]*", text[at : at + 40])
    if first is None:
        return [], at
    pos, keys, comma, end = at + first.end(), [], False, at
    for _ in range(_LED_WORDS):
        word = _NAME_WORD.match(text, pos)
        if word is None or _NEXT_HEAD.search(word.group()):
            break
        written = word.group().split()[-1]
        if word.end() - len(written) in countries:
            break
        comma = comma or "," in word.group()
        if PORTFOLIOS.get(written.lower()) is not None:
            keys.append(PORTFOLIOS[written.lower()])
        pos = word.end()
        if re.match(r"(?:\s*,)?\s+(?:dan|and|&)\s", word.group()):
            end = pos  # the list is closed: its last word after "and"
            break
        if POSSESSIVE_AFTER.match(text, pos):
            break
    if not comma or end == at or not keys:
        return [], at
    return keys, end


def _listed_words(text: str, at: int, countries: dict[int, tuple[int, str]]) -> int:
    """The end of a ministry's portfolios listed on with commas (:func:`listed_end`), short
    of a country, a possessive or the next body's head; else *at*."""
    end = listed_end(text, at)
    if end == at or _NEXT_HEAD.search(text, at, end):
        return at
    for word in re.finditer(r"[A-Z][\w-]*", text[at:end]):
        if at + word.start() in countries or POSSESSIVE_AFTER.match(text, at + word.end()):
            return at
    return end


def joined_words(text: str, at: int, countries: dict[int, tuple[int, str]]) -> int:
    """The end of a ministry's name that goes on past its known portfolios with "and" and
    capitalised words ("Ministry of Fisheries and Aquaculture"), or with a list of them
    (:func:`_listed_words`), short of a country, a possessive or the next body's head."""
    end = _listed_words(text, at, countries)
    if end != at:
        return end
    for _ in range(3):
        word = _JOINED_WORD.match(text, end)
        if word is None or _NEXT_HEAD.search(word.group()):
            break
        first = word.end() - len(word.group().split()[-1])
        if first in countries or POSSESSIVE_AFTER.match(text, word.end()):
            break
        end = word.end()
    return end


def named_to_country(
    text: str, at: int, countries: dict[int, tuple[int, str]]
) -> tuple[int, str, int] | None:
    """Where a ministry's name ends, its country and where that is written, when more
    capitalised words of the name (portfolios the grammar does not know) lead to a country
    written after it."""
    pos = at
    for _ in range(_NAME_WORDS):
        word = _NAME_WORD.match(text, pos)
        if word is None or word.end() - pos > 40 or _NEXT_HEAD.search(word.group()):
            return None  # "Kementerian X dan Kementerian Y Jepang": Y's country, not X's
        pos = word.end()
        gap = TO_COUNTRY.match(text, pos)
        if gap is not None and gap.end() in countries:
            if POSSESSIVE_AFTER.match(text, countries[gap.end()][0]):
                return None  # "… and Japan's Ministry …": the next body's country
            return pos, countries[gap.end()][1], gap.end()
    return None
