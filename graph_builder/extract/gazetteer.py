"""Names the extractor knows beyond the data: exonyms, demonyms and common government bodies.

Country names come from pycountry (English and its Indonesian translation); the table
here adds the short forms and exonyms Indonesian and English news use. Bodies are read
from ``gazetteers/bodies.tsv`` (ministries and agencies of Indonesia's current and two
previous cabinets, the partners' ministries, international organisations). Those that are
*not* in the data: when an article names one, the candidate lists it under
``unresolved:`` with the id and label below as a suggestion, for a reviewer to add to
``data/entities/``. A body that is in the data is always taken from there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from graph_builder.errors import GazetteerError

COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "ID": ("Republik Indonesia", "RI", "Indonesian", "Tanah Air"),
    "CN": (
        "Tiongkok",
        "RRT",
        "RRC",
        "Republik Rakyat China",
        "Republik Rakyat Cina",
        "Republik Rakyat Tiongkok",
        "PRC",
        "People's Republic of China",
        "Chinese",
        "Beijing",
    ),
    "KR": (
        "Korsel",
        "Korea",
        "Republik Korea",
        "Korea Selatan",
        "Republic of Korea",
        "South Korea",
        "ROK",
        "Korean",
        "South Korean",
        "Seoul",
    ),
    "KP": ("Korut", "North Korean"),
    "JP": ("Japanese", "Negeri Sakura", "Tokyo"),
    "DE": ("German", "Republik Federal Jerman", "Berlin"),
    "AE": ("UEA", "UAE", "Emirates", "Emirati", "Persatuan Emirat Arab", "Abu Dhabi"),
    "CH": ("Swiss", "Switzerland", "Konfederasi Swiss", "Bern"),
    "TR": ("Turkey", "Turki", "Turkish", "Turkiye", "Republik Turki", "Ankara"),
    "US": ("AS", "USA", "U.S.", "America", "Amerika", "American", "Washington"),
    "GB": ("Inggris", "UK", "Britain", "Great Britain", "British", "London"),
    "NL": ("Dutch", "Holland", "Negeri Belanda", "the Netherlands"),
    "FR": ("Prancis", "French", "Paris"),
    "RU": ("Russia", "Rusia", "Russian"),
    "IN": ("Indian", "New Delhi"),
    "AU": ("Australian", "Canberra"),
    "SG": ("Singaporean",),
    "MY": ("Malaysian",),
    "TH": ("Thai",),
    "VN": ("Viet Nam", "Vietnamese"),
    "PH": ("Filipina", "Philippine", "Filipino"),
    "SA": ("Saudi", "Arab Saudi", "Saudi Arabian", "Riyadh"),
    "IT": ("Italian",),
    "CA": ("Canadian",),
    "BR": ("Brazilian", "Brasil"),
    "MX": ("Mexican", "Meksiko"),
    "EG": ("Egyptian", "Mesir"),
    "AT": ("Austrian",),
    "CZ": ("Ceko", "Czech", "Czechia"),
    "TW": ("Taiwan", "Taiwanese"),
    "HK": ("Hongkong",),
    "NZ": ("Selandia Baru", "New Zealander"),
    "QA": ("Qatari",),
    "PK": ("Pakistani",),
    "BD": ("Bangladeshi",),
    "SE": ("Swedia", "Swedish"),
    "FI": ("Finlandia", "Finnish"),
    "DK": ("Danish", "Denmark"),
    "NO": ("Norwegia", "Norwegian"),
    "PL": ("Polandia", "Polish"),
    "HU": ("Hungaria", "Hungarian"),
    "BE": ("Belgian",),
    "ES": ("Spanish",),
    "BN": ("Brunei", "Brunei Darussalam", "Bruneian"),
    "CI": ("Ivory Coast", "Pantai Gading", "Ivorian"),
    "CV": ("Cape Verde", "Tanjung Verde"),
    "CD": ("DR Congo", "DRC", "Kongo", "Republik Demokratik Kongo"),
    # the Republic of the Congo: Indonesian and English forms the news use (a bare "Kongo"
    # is read as it when an article names it so: see shortnames.py)
    "CG": ("Republik Kongo", "Kongo-Brazzaville", "Congo-Brazzaville", "Republic of Congo"),
    "GQ": ("Guinea Ekuatorial",),  # the Indonesian press's name; ISO's is "Guinea Khatulistiwa"
    "CL": ("Chilean", "Cile"),
    "ET": ("Etiopia", "Ethiopian"),
    "GH": ("Gana", "Ghanaian"),
    "MO": ("Makau", "Macau"),
    # the Indonesian press's name where ISO's translation is another ("Republik Arab Syria")
    "SY": ("Suriah", "Syrian"),
}
"""Extra names per ISO 3166-1 code: exonyms, abbreviations, demonyms, capital cities."""

CAPITALS = {
    "Beijing",
    "Seoul",
    "Tokyo",
    "Berlin",
    "Abu Dhabi",
    "Bern",
    "Ankara",
    "Washington",
    "London",
    "Paris",
    "New Delhi",
    "Canberra",
    "Riyadh",
}
"""Capital cities stand for their government in news ("Tokyo and Jakarta agreed"), but a
capital is also a place: a capital counts as a party only in a sentence about the deal."""


@dataclass(frozen=True)
class KnownBody:
    """A government body or international organisation that the data may not have yet."""

    id: str
    country: str | None  # ISO code; None for an international organisation
    en: str
    id_label: str
    names: tuple[str, ...] = ()
    portfolios: tuple[str, ...] = ()  # what a ministry is "of": industry, trade, foreign …


def _rows(name: str, columns: int) -> list[list[str]]:
    """The rows of a shipped gazetteer (tab-separated; "#" comments; a header row)."""
    resource = files("graph_builder.extract").joinpath(f"gazetteers/{name}")
    lines = resource.read_text(encoding="utf-8").splitlines()
    rows = [(n, line) for n, line in enumerate(lines, 1) if line and not line.startswith("#")]
    result = []
    for number, line in rows[1:]:  # the first row names the columns
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != columns:
            raise GazetteerError(
                f"gazetteers/{name}:{number}: expected {columns} tab-separated columns, "
                f"found {len(cells)}"
            )
        result.append(cells)
    return result


def _names(cell: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in cell.split(";") if n.strip() not in ("", "-"))


@dataclass(frozen=True)
class IsicSector:
    """An ISIC Rev.4 section or division, its concept in the scheme (or None), its names."""

    code: str
    concept: str | None
    en: tuple[str, ...]
    id: tuple[str, ...]


@lru_cache(maxsize=1)
def isic_sectors() -> tuple[IsicSector, ...]:
    """ISIC Rev.4 / KBLI 2020 sections and divisions (gazetteers/isic.tsv)."""
    return tuple(
        IsicSector(code, None if concept == "-" else concept, _names(en), _names(id_names))
        for code, concept, en, id_names in _rows("isic.tsv", 4)
    )


@lru_cache(maxsize=1)
def bodies() -> tuple[KnownBody, ...]:
    """Bodies often named in Indonesian industrial-cooperation news (gazetteers/bodies.tsv)."""
    found: list[KnownBody] = []
    for cells in _rows("bodies.tsv", 6):
        ref, country, portfolios, en, id_label, names = cells
        found.append(
            KnownBody(
                ref,
                None if country == "-" else country,
                en,
                id_label,
                _names(names),
                tuple(p for p in portfolios.split(",") if p not in ("", "-")),
            )
        )
    return tuple(found)


@dataclass(frozen=True)
class AimRow:
    """One row of ``aims.tsv``."""

    cls: str
    concept: str
    known: bool
    en_label: str
    id_label: str
    frame: str
    words: tuple[str, ...]


@lru_cache(maxsize=1)
def aim_rows() -> tuple[AimRow, ...]:
    """The rows of ``gazetteers/aims.tsv`` (see :mod:`.aims`), both languages' words together."""
    rows = []
    for cls, concept, en, id_label, frame, en_words, id_words in _rows("aims.tsv", 7):
        known = not concept.startswith("+")
        rows.append(
            AimRow(
                cls,
                concept.lstrip("+"),
                known,
                en,
                id_label,
                frame,
                _names(en_words) + _names(id_words),
            )
        )
    return tuple(rows)
