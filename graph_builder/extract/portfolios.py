"""What a ministry is "of": the words of its portfolios in both languages, and their keys.

"Kementerian Perindustrian" and "Ministry of Industry" both name the portfolio
``industry``; the gazetteer's bodies list their portfolios by these keys, so a ministry's
name written either way, or a minister's title, picks its body out of the gazetteer.
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
