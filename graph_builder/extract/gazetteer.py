"""Names the extractor knows beyond the data: exonyms, demonyms and common government bodies.

Country names come from pycountry (English and its Indonesian translation); the table
here adds the short forms and exonyms Indonesian and English news use. Bodies listed
here are *not* in the data: when an article names one, the candidate lists it under
``unresolved:`` with the id and label below as a suggestion, for a reviewer to add to
``data/entities/``. A body that is in the data is always taken from there.
"""

from __future__ import annotations

from dataclasses import dataclass

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


BODIES: tuple[KnownBody, ...] = (
    KnownBody(
        "meti",
        "JP",
        "Ministry of Economy, Trade and Industry of Japan",
        "Kementerian Ekonomi, Perdagangan, dan Industri Jepang",
        (
            "METI",
            "Ministry of Economy, Trade and Industry",
            "Kementerian Ekonomi, Perdagangan dan Industri",
        ),
    ),
    KnownBody(
        "jica",
        "JP",
        "Japan International Cooperation Agency",
        "Badan Kerja Sama Internasional Jepang",
        ("JICA",),
    ),
    KnownBody(
        "jetro",
        "JP",
        "Japan External Trade Organization",
        "Organisasi Perdagangan Luar Negeri Jepang",
        ("JETRO",),
    ),
    KnownBody(
        "bmwk",
        "DE",
        "Federal Ministry for Economic Affairs and Climate Action of Germany",
        "Kementerian Federal Urusan Ekonomi dan Aksi Iklim Jerman",
        (
            "BMWK",
            "Federal Ministry for Economic Affairs and Climate Action",
            "Kementerian Ekonomi dan Aksi Iklim Jerman",
        ),
    ),
    KnownBody(
        "giz",
        "DE",
        "Deutsche Gesellschaft für Internationale Zusammenarbeit",
        "Lembaga Kerja Sama Internasional Jerman",
        ("GIZ", "Deutsche Gesellschaft für Internationale Zusammenarbeit"),
    ),
    KnownBody(
        "seco",
        "CH",
        "State Secretariat for Economic Affairs of Switzerland",
        "Sekretariat Negara untuk Urusan Ekonomi Swiss",
        (
            "SECO",
            "State Secretariat for Economic Affairs",
            "Sekretariat Negara untuk Urusan Ekonomi",
        ),
    ),
    KnownBody(
        "moiat",
        "AE",
        "Ministry of Industry and Advanced Technology of the UAE",
        "Kementerian Industri dan Teknologi Maju Uni Emirat Arab",
        (
            "MoIAT",
            "Ministry of Industry and Advanced Technology",
            "Kementerian Industri dan Teknologi Maju",
        ),
    ),
    KnownBody(
        "ministry-of-industry-and-technology-turkey",
        "TR",
        "Ministry of Industry and Technology of Türkiye",
        "Kementerian Industri dan Teknologi Turki",
        ("Ministry of Industry and Technology", "Kementerian Industri dan Teknologi"),
    ),
    KnownBody(
        "kotra",
        "KR",
        "Korea Trade-Investment Promotion Agency",
        "Badan Promosi Perdagangan dan Investasi Korea",
        ("KOTRA",),
    ),
    KnownBody(
        "kiat",
        "KR",
        "Korea Institute for Advancement of Technology",
        "Institut Kemajuan Teknologi Korea",
        ("KIAT",),
    ),
    KnownBody(
        "ndrc",
        "CN",
        "National Development and Reform Commission of China",
        "Komisi Pembangunan dan Reformasi Nasional Tiongkok",
        ("NDRC", "National Development and Reform Commission"),
    ),
    KnownBody(
        "unido",
        None,
        "United Nations Industrial Development Organization",
        "Organisasi Pengembangan Industri Perserikatan Bangsa-Bangsa",
        (
            "UNIDO",
            "United Nations Industrial Development Organisation",
            "Organisasi Pembangunan Industri PBB",
        ),
    ),
    KnownBody(
        "unep",
        None,
        "United Nations Environment Programme",
        "Program Lingkungan Perserikatan Bangsa-Bangsa",
        ("UNEP",),
    ),
    KnownBody(
        "undp",
        None,
        "United Nations Development Programme",
        "Program Pembangunan Perserikatan Bangsa-Bangsa",
        ("UNDP",),
    ),
    KnownBody("world-bank", None, "World Bank", "Bank Dunia", ()),
    KnownBody("adb", None, "Asian Development Bank", "Bank Pembangunan Asia", ("ADB",)),
    KnownBody(
        "kemenlu",
        "ID",
        "Ministry of Foreign Affairs of Indonesia",
        "Kementerian Luar Negeri",
        ("Kemenlu", "Ministry of Foreign Affairs"),
    ),
    KnownBody(
        "kemendag",
        "ID",
        "Ministry of Trade of Indonesia",
        "Kementerian Perdagangan",
        ("Kemendag", "Ministry of Trade"),
    ),
    KnownBody(
        "kementerian-investasi",
        "ID",
        "Ministry of Investment of Indonesia / BKPM",
        "Kementerian Investasi/BKPM",
        (
            "BKPM",
            "Kementerian Investasi",
            "Ministry of Investment",
            "Badan Koordinasi Penanaman Modal",
            "Investment Coordinating Board",
        ),
    ),
    KnownBody(
        "kemenko-perekonomian",
        "ID",
        "Coordinating Ministry for Economic Affairs",
        "Kementerian Koordinator Bidang Perekonomian",
        ("Kemenko Perekonomian", "Coordinating Ministry for Economic Affairs"),
    ),
    KnownBody(
        "bappenas",
        "ID",
        "Ministry of National Development Planning / Bappenas",
        "Kementerian PPN/Bappenas",
        ("Bappenas",),
    ),
    KnownBody(
        "brin",
        "ID",
        "National Research and Innovation Agency",
        "Badan Riset dan Inovasi Nasional",
        ("BRIN",),
    ),
    KnownBody(
        "bsn", "ID", "National Standardization Agency", "Badan Standardisasi Nasional", ("BSN",)
    ),
    KnownBody(
        "kemnaker",
        "ID",
        "Ministry of Manpower of Indonesia",
        "Kementerian Ketenagakerjaan",
        ("Kemnaker", "Ministry of Manpower"),
    ),
    KnownBody(
        "klhk",
        "ID",
        "Ministry of Environment and Forestry of Indonesia",
        "Kementerian Lingkungan Hidup dan Kehutanan",
        ("KLHK", "Ministry of Environment and Forestry"),
    ),
    KnownBody(
        "kadin",
        "ID",
        "Indonesian Chamber of Commerce and Industry",
        "Kamar Dagang dan Industri Indonesia",
        ("Kadin", "Kadin Indonesia"),
    ),
)
"""Bodies often named in Indonesian industrial-cooperation news, with a suggested id."""
