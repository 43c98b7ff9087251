"""bodies.py: ministries read by the grammar of their names, with their country."""

from __future__ import annotations

import pytest

from .conftest import refs, unresolved


def _bodies(result):
    return {f.ref: f for f in result.of("bodies")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a minister's title stands for the ministry, the country from the title
        (
            "Menteri Perindustrian Jepang dan Menteri Perindustrian menandatangani MoU.",
            {"meti", "kemenperin"},
        ),
        ("The Japanese Minister of Economy, Trade and Industry signed the MoU.", {"meti"}),
        ("Indonesia's Industry Minister signed the MoU with Korea.", {"kemenperin"}),
        # "Ministry of … of COUNTRY", "Kementerian … COUNTRY", a name with commas kept whole
        ("The Ministry of Trade, Industry and Energy of Korea signed the MoU.", {"motie"}),
        ("Kementerian Perdagangan Tiongkok menandatangani MoU.", {"mofcom"}),
        ("Kementerian Luar Negeri Singapura menandatangani MoU.", {"mfa-singapore"}),
        # coordinating ministries are told from line ministries
        (
            "Kementerian Koordinator Bidang Perekonomian menandatangani MoU.",
            {"kemenko-perekonomian"},
        ),
        # abbreviations and former names of Indonesian bodies
        (
            "BPPT dan Kemendikbud menandatangani MoU dengan JICA.",
            {"bppt", "kemendikbudristek", "jica"},
        ),
        ("Badan Koordinasi Penanaman Modal menandatangani MoU.", {"kementerian-investasi"}),
    ],
)
def test_ministries_by_title_name_and_country(run, sentence, expected):
    assert expected <= set(_bodies(run(sentence)))


@pytest.mark.parametrize(
    ("sentence", "indonesian"),
    [
        ("Türkiye's Ministry of Industry and Technology signed the MoU.", "kemenperin"),
        ("The Ministry of Foreign Affairs of Peru signed the MoU.", "kemenlu"),
        ("Kementerian Perdagangan Chile menandatangani MoU.", "kemendag"),
    ],
)
def test_a_foreign_ministry_is_never_linked_to_an_indonesian_one(run, sentence, indonesian):
    bodies = _bodies(run(sentence))
    assert indonesian not in bodies
    assert all(f.extra != "ID" for f in bodies.values())


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        # portfolios named in full, not cut at a word the grammar did not know
        (
            "Kementerian Industri dan Produksi Farmasi Peru menandatangani MoU dengan Indonesia.",
            "Ministry of Industry and Pharmaceutical Production of Peru",
        ),
        (
            "Peru's Ministry of Economy and Sustainable Development signed a memorandum "
            "with Indonesia.",
            "Ministry of Economy and Sustainable Development of Peru",
        ),
    ],
)
def test_a_ministrys_portfolios_are_read_whole(run, sentence, label):
    labels = {f.label for f in unresolved(run(sentence), "bodies").values()}
    assert label in labels


def test_an_unknown_ministry_is_proposed_with_its_country(run):
    result = run("The Minister of Trade of Chile signed a memorandum with Indonesia.")
    (finding,) = unresolved(result, "bodies").values()
    assert (finding.label, finding.extra) == ("Ministry of Trade of Chile", "CL")
    assert refs(result, "countries") == {"CL", "ID"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Kementerian Perindustrian (Kemenperin) menandatangani MoU dengan METI.",
        "Kementerian Perindustrian Republik Indonesia menandatangani MoU dengan METI.",
        "The Ministry of Industry of the Republic of Indonesia signed an MoU with METI.",
    ],
)
def test_a_known_ministry_is_never_proposed_as_new(run, sentence):
    result = run(sentence)
    proposed = unresolved(result, "bodies").values()
    assert "kemenperin" in refs(result, "bodies") and all(f.extra != "ID" for f in proposed)


@pytest.mark.parametrize(
    "sentence",
    [
        "Pemerintah Indonesia bekerja sama dengan ILO, UNDP dan Bank Dunia.",
        "Indonesia cooperates with the ILO, the UNDP and the World Bank.",
    ],
)
def test_international_organisations(run, sentence):
    assert {"ilo", "undp", "world-bank"} <= refs(run(sentence), "bodies")


@pytest.mark.parametrize(
    "sentence",
    [
        "Indonesia and Korea signed an MoU on the sidelines of the ASEAN Summit.",
        "Indonesia dan Korea menandatangani MoU di sela KTT ASEAN.",
    ],
)
def test_an_organisation_as_the_venue_does_not_act(run, sentence):
    assert "asean" not in refs(run(sentence), "bodies")


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a department without a country is a university's, not a ministry
        (
            "Indonesia and Peru signed an MoU. Lecturers of the Department of Industrial "
            "Engineering attended.",
            "kemenperin",
        ),
        # a minister's title stands for the ministry only where the deal is
        (
            "Indonesia and Peru signed an MoU. Separately, the Minister of Finance expects "
            "growth of five percent.",
            "kemenkeu",
        ),
    ],
)
def test_titles_and_departments_only_where_they_act(run, text, absent):
    assert absent not in refs(run(text, lang="en"), "bodies")


def test_a_known_abbreviation_names_the_ministry_the_grammar_cannot_read_whole(run):
    text = (
        "Indonesia dan Peru menandatangani MoU antara Kementerian Pendidikan Tinggi, Sains "
        "Terapan, dan Teknologi (Kemendiktisaintek) dan mitranya."
    )
    bodies = _bodies(run(text))
    assert "kemendiktisaintek" in bodies and "kemendikdasmen" not in bodies


@pytest.mark.parametrize(
    ("sentence", "label", "country"),
    [
        # agency and council names, head first or last, the country from the name
        (
            "Indonesia and Peru signed an MoU; the Export and Investment Agency of Peru will "
            "run it.",
            "Export and Investment Agency of Peru",
            "PE",
        ),
        (
            "Indonesia and Peru signed an MoU with the Peru Board of Trade.",
            "Peru Board of Trade",
            "PE",
        ),
        (
            "Indonesia and Peru signed an MoU with the Peru Energy Agency.",
            "Peru Energy Agency",
            "PE",
        ),
        # a ministry's name with commas is kept whole, never read as Indonesia's
        (
            "Indonesia and Peru signed an MoU with the Ministry of Industrial Policy, "
            "Investment and Planning of Ruritania.",
            "Ministry of Industrial Policy, Investment and Planning of Ruritania",
            None,
        ),
    ],
)
def test_unknown_agencies_are_proposed_whole(run, sentence, label, country):
    result = run(sentence)
    proposed = {f.label: f for f in unresolved(result, "bodies").values()}
    assert label in proposed and proposed[label].extra == country
    assert "kemenperin" not in refs(result, "bodies")
    assert not refs(result, "activities")  # "Investment" in a name is not an activity


@pytest.mark.parametrize(
    ("sentence", "says", "country"),
    [
        # portfolios the grammar does not know, then the country after the name
        (
            "Kementerian Perindustrian dan Kementerian Ekonomi dan Digitalisasi Latvia "
            "menandatangani nota kesepahaman kerja sama industri.",
            "Kementerian Ekonomi dan Digitalisasi",
            "LV",
        ),
        (
            "Kementerian Perindustrian dan Kementerian Pariwisata dan Warisan Ekuador "
            "meneken nota kesepahaman kerja sama industri.",
            "Kementerian Pariwisata dan Warisan",
            "EC",
        ),
        # an English name ends before "of COUNTRY"; an Indonesian one spans its country
        (
            "Indonesia's Ministry of Industry and the Ministry of Industry, Trade and Supply of "
            "Jordan signed a memorandum of understanding.",
            "Ministry of Industry, Trade and Supply",
            "JO",
        ),
        (
            "Kementerian Perindustrian dan Kementerian Energi dan Infrastruktur Uni Emirat Arab "
            "menandatangani nota kesepahaman.",
            "Kementerian Energi dan Infrastruktur Uni Emirat Arab",
            "AE",
        ),
        # a name ends before "and" and the next party's country
        (
            "Peru's Ministry of Fisheries and Aquaculture and Indonesia's Ministry of Industry "
            "signed an MoU.",
            "Ministry of Fisheries and Aquaculture",
            None,
        ),
        # a possessive country before the name is not part of it
        (
            "Latvia's National Development Agency and Indonesia signed an MoU.",
            "National Development Agency",
            None,
        ),
    ],
)
def test_a_ministrys_own_words_and_its_country(run, sentence, says, country):
    result = run(sentence)
    found = {f.says: f for f in result.of("bodies")}
    assert says in found, sorted(found)
    if country is not None:
        assert found[says].extra == country


def test_the_next_ministrys_country_is_not_the_first_ones(run):
    result = run(
        "Kementerian Perindustrian dan Kementerian Perdagangan Latvia menandatangani nota "
        "kesepahaman kerja sama industri."
    )
    assert "kemenperin" in _bodies(result)


@pytest.mark.parametrize(
    ("sentence", "ref"),
    [
        # a known abbreviation in brackets after a name the lexicon does not know
        ("Badan Pangan Dunia PBB (FAO) dan Kementerian Perindustrian meneken kerja sama.", "fao"),
        ("The Vienna-based body (UNIDO) and Indonesia signed a cooperation agreement.", "unido"),
    ],
)
def test_a_bracketed_abbreviation_names_its_body(run, sentence, ref):
    assert ref in _bodies(run(sentence))


@pytest.mark.parametrize(
    ("sentence", "label", "country"),
    [
        # portfolios of partners' ministries beyond industry and trade (issue 18)
        (
            "Kementerian Perindustrian dan Kementerian Inovasi dan Pertumbuhan Moldova "
            "menandatangani nota kesepahaman kerja sama industri.",
            "Ministry of Innovation and Growth of Moldova",
            "MD",
        ),
        (
            "Kementerian Perindustrian dan Kementerian Industri, Pertambangan dan Energi Aljazair "
            "menandatangani nota kesepahaman kerja sama industri.",
            "Ministry of Industry, Mining and Energy of Algeria",
            "DZ",
        ),
        (
            "Wakil Menteri Perindustrian dan Menteri Pembangunan dan Teknologi Ceko "
            "menandatangani perjanjian kerja sama industri.",
            "Ministry of Development and Technology of Czechia",
            "CZ",
        ),
        (
            "Indonesia's Ministry of Industry and Samoa's Ministry of Commerce, Industry and "
            "Labour signed a memorandum of understanding.",
            "Ministry of Commerce, Industry and Labour of Samoa",
            "WS",
        ),
        # "Lingkungan" alone is the environment portfolio
        (
            "Kementerian Perindustrian dan Kementerian Lingkungan, Energi dan Iklim Chile "
            "menandatangani perjanjian kerja sama industri.",
            "Ministry of Environment, Energy and Climate of Chile",
            "CL",
        ),
        # a plural portfolio (an English name is labelled as written)
        (
            "Indonesia and Kenya signed an MoU on tea, Kenya's Ministry of Investments, Trade "
            "and Industry said.",
            "Ministry of Investments, Trade and Industry of Kenya",
            "KE",
        ),
        # a country's state title between the name and the country
        (
            "The Ministry of Industry and the Ministry of Commerce, Industry and Investment "
            "Promotion of the Sultanate of Brunei signed a memorandum of understanding.",
            "Ministry of Commerce, Industry and Investment Promotion of Brunei Darussalam",
            "BN",
        ),
        # a heading in capitals
        (
            "NOTA KESEPAHAMAN ANTARA KEMENTERIAN PERINDUSTRIAN REPUBLIK INDONESIA DAN "
            "KEMENTERIAN EKONOMI REPUBLIK ARMENIA TENTANG KERJA SAMA INDUSTRI",
            "Ministry of Economy of Armenia",
            "AM",
        ),
    ],
)
def test_a_partners_ministry_is_read_by_its_portfolios(run, sentence, label, country):
    found = {f.label: f for f in run(sentence).of("bodies")}
    assert label in found, sorted(found)
    assert found[label].extra == country


def test_a_title_without_a_country_is_the_partners_ministry_of_the_same_portfolios(run):
    result = run(
        "Indonesia's Ministry of Industry and Ghana's Ministry of Trade and Industry signed an "
        "MoU on industrial cooperation. The Minister for Trade and Industry said the deal "
        "would bring new investment."
    )
    labels = {f.label for f in result.of("bodies")}
    assert "Ministry of Trade of Indonesia" not in labels
    assert "Ministry of Trade and Industry of Ghana" in labels


@pytest.mark.parametrize(
    ("sentence", "ref"),
    [
        (
            "ESCAP and the Ministry of Industry launched a programme on industrial policy.",
            "escap",
        ),
        ("Enterprise Ireland signed an MoU with the Ministry of Industry.", "enterprise-ireland"),
        (
            "Kementerian Perindustrian dan Otoritas Makanan dan Obat Saudi (SFDA) "
            "menandatangani nota kesepahaman.",
            "sfda",
        ),
        ("The Turkish Standards Institution signed a cooperation agreement with BSN.", "tse"),
    ],
)
def test_agencies_and_organisations_of_the_gazetteer(run, sentence, ref):
    assert ref in refs(run(sentence), "bodies")


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Indonesia and Viet Nam signed an MoU on batteries. The aim is to integrate supply "
            "chains within ASEAN.",
            "asean",
        ),
        (
            "Indonesia dan Polandia menandatangani perjanjian kerja sama industri. Polandia "
            "membangun industri kereta yang kuat setelah bergabung dengan Uni Eropa.",
            "european-union",
        ),
        (
            "Jakarta, 3 Mei 2024 - Indonesia dan Belanda menandatangani kerja sama industri "
            "maritim. Pada 2019 kedua negara juga menandatangani kerja sama pelabuhan yang "
            "dikelola Kementerian Perhubungan.",
            "kemenhub",
        ),
        # the owner of a rule or a market the deal answers to
        (
            "Indonesia and Chile signed an MoU on timber so that exporters can meet the "
            "European Union's deforestation regulation.",
            "european-union",
        ),
        (
            "Indonesia dan Chile menandatangani MoU kayu untuk menghadapi aturan "
            "antideforestasi Uni Eropa.",
            "european-union",
        ),
        (
            "Indonesia and Chile signed an MoU on tuna. The European Union and Japan are the "
            "main markets for canned tuna.",
            "european-union",
        ),
    ],
)
def test_a_region_a_club_or_an_earlier_deal_names_no_acting_body(run, text, absent):
    assert absent not in refs(run(text), "bodies")


def test_a_known_ministry_named_twice_is_not_proposed_as_new(run):
    text = (
        "Jakarta - Kementerian Perindustrian dan Kementerian Ekonomi Peru menandatangani nota "
        "kesepahaman kerja sama industri pakan.\n\n"
        "Siaran pers ini diterbitkan oleh Biro Humas Kementerian Perindustrian."
    )
    proposed = [f.label for f in run(text).unresolved if f.cls == "bodies"]
    assert "Kementerian Perindustrian" not in proposed, proposed


def test_the_european_union_acting_in_a_deal_is_a_body(run):
    text = "Indonesia and the European Union signed a memorandum on green industry."
    assert "european-union" in refs(run(text), "bodies")
