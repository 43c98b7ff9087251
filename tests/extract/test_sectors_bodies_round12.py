"""The twelfth round on sectors, bodies, parties and dates: the Indonesian press's country
names ISO translates otherwise, an organisation's secretariat called by the short name the
article gave, appositions that are a person's words or a place, state export-import banks,
the dateline below a page's head lines, countries named as funders in a list, companies'
homes after "from", and products and processes that name an ISIC class.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import pytest

try:
    from graph_builder.extract.agencies import secretariat_of, short_names
except ImportError:
    secretariat_of = short_names = None

from .conftest import after_a_signing, found


def _bodies(result):
    return {f.label: f for f in result.of("bodies")}


def _parties(result):
    return {f.ref for f in result.of("countries")}


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("Indonesia dan Suriah meneken nota kesepahaman kerja sama industri pada Senin.", "SY"),
        ("Indonesia dan Timor Leste meneken nota kesepahaman kerja sama industri kemarin.", "TL"),
    ],
)
def test_the_indonesian_press_s_country_names_are_parties(run, sentence, party):
    assert party in _parties(run(sentence, lang="id"))


@pytest.mark.parametrize(
    ("sentence", "label", "country"),
    [
        # a foreign minister's title with the country after the portfolios
        (
            "Nota itu diteken Menteri Ekonomi dan Perdagangan Suriah di Damaskus.",
            "Ministry of Economy and Trade of Syria",
            "SY",
        ),
        (
            "Menteri Industri dan Perdagangan Suriah hadir menandatangani nota itu.",
            "Ministry of Industry and Trade of Syria",
            "SY",
        ),
    ],
)
def test_a_minister_s_title_takes_the_country_written_after_it(run, sentence, label, country):
    result = after_a_signing(run, sentence, "id")
    bodies = _bodies(result)
    assert label in bodies, bodies
    assert bodies[label].extra == country
    assert not [f for f in bodies.values() if f.extra == "ID" and "Suriah" in f.says]
    assert country in _parties(result)


@pytest.mark.parametrize(
    ("text", "name", "same"),
    [
        # the short name given in brackets after the full one, with or without its
        # English name before a slash
        (
            "Kemenperin dan Sekretariat Dewan Kakao Dunia (World Cocoa Council/WCC) meneken MoU.",
            "Sekretariat WCC",
            True,
        ),
        (
            "Kemenperin dan Sekretariat Jenderal Organisasi Rempah Samudra (ORS) meneken MoU.",
            "Sekretariat Jenderal ORS",
            True,
        ),
        (
            "The ministry and the Secretariat of the Andean Tin Council (ATC) signed it.",
            "ATC Secretariat",
            True,
        ),
        # a short name the article never gave with a full one: a body of its own
        ("Kemenperin dan Sekretariat Dewan Kakao Dunia meneken MoU.", "Sekretariat WCC", False),
        # a secretariat with a name of its own is no short name
        (
            "Kemenperin dan Dewan Kakao Dunia (WCC) meneken MoU.",
            "Sekretariat Negara Urusan Ekonomi",
            False,
        ),
    ],
)
def test_a_secretariat_called_by_its_organisation_s_short_name_is_that_body(text, name, same):
    assert secretariat_of(name, short_names(text)) is same


def test_the_short_secretariat_is_not_proposed_beside_the_full_one(run):
    text = (
        "Kementerian Perindustrian dan Sekretariat Dewan Kakao Dunia (World Cocoa "
        "Council/WCC) menandatangani nota kesepahaman kerja sama industri pada Senin. "
        "Sekretariat WCC akan menyiapkan pelatihan bagi para petani kakao."
    )
    bodies = _bodies(run(text, lang="id"))
    assert "Sekretariat Dewan Kakao Dunia" in bodies, bodies
    assert "Sekretariat WCC" not in bodies


@pytest.mark.parametrize(
    ("sentence", "lang", "person"),
    [
        # what a person says after the comma is no apposition naming an agency
        (
            "The council's director, Maria Lopes Ferreira, said in her speech that the "
            "organisation would help.",
            "en",
            "Maria Lopes Ferreira",
        ),
        # nor is a place after it
        (
            "It was signed by the board's deputy chair, Ms. Chen Wei Ling, at the agency's "
            "offices in the capital.",
            "en",
            "Chen Wei Ling",
        ),
    ],
)
def test_a_person_before_a_comma_is_no_agency(run, sentence, lang, person):
    result = after_a_signing(run, sentence, lang)
    assert person not in _bodies(result)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        # an apposition naming the agency still makes it a body
        ("Chile Exporta, the national export agency, will pick the firms.", "en"),
    ],
)
def test_an_apposition_naming_an_agency_still_counts(run, sentence, lang):
    result = after_a_signing(run, sentence, lang)
    assert "Chile Exporta" in _bodies(result), _bodies(result)


@pytest.mark.parametrize(
    ("sentence", "lang", "label", "country"),
    [
        (
            "LPEI dan Bank Ekspor-Impor Polandia menandatangani perjanjian pembiayaan.",
            "id",
            "Bank Ekspor-Impor Polandia",
            "PL",
        ),
        (
            "The Export-Import Bank of Chile will finance the buyers of the machines.",
            "en",
            "Export-Import Bank of Chile",
            "CL",
        ),
        (
            "The Chilean Export-Import Bank will finance the buyers of the machines.",
            "en",
            "Chilean Export-Import Bank",
            None,
        ),
    ],
)
def test_a_state_s_export_import_bank_is_a_body(run, sentence, lang, label, country):
    result = after_a_signing(run, sentence, lang)
    bodies = _bodies(result)
    assert label in bodies, bodies
    if country:
        assert bodies[label].extra == country


@pytest.mark.parametrize(
    ("sentence", "lang", "not_parties"),
    [
        # a list of funders or markets stated by a copula: no item of it is a party
        (
            "Japan, Australia and Canada remain among its main funders, the director said.",
            "en",
            {"JP", "AU", "CA"},
        ),
        (
            "Brazil, Mexico and Peru are the largest markets for the region's cocoa.",
            "en",
            {"BR", "MX", "PE"},
        ),
        # a company's home after "from"
        (
            "A furniture exporter signed a lease with a developer from Singapore.",
            "en",
            {"SG"},
        ),
        ("A contractor from Malaysia will build the warehouse.", "en", {"MY"}),
    ],
)
def test_funders_markets_and_company_homes_are_not_parties(run, sentence, lang, not_parties):
    result = after_a_signing(run, sentence, lang)
    assert not not_parties & _parties(result), _parties(result)


def test_the_dateline_below_a_page_s_head_lines_is_where_it_was_filed(run):
    text = (
        "Kemenperin Gandeng Organisasi Kakao Dunia\n\n"
        "Senin, 7 Desember 2026 10:15 WIB\n\n"
        "Penulis: Rina Wulandari | Editor: Dedi Kurnia\n\n"
        "LONDON, Warta Kakao - Kementerian Perindustrian dan Organisasi Kakao Dunia "
        "menandatangani nota kesepahaman kerja sama industri kakao di kantor pusat "
        "organisasi itu, Kamis (3/12).\n\n"
        "Kedua pihak akan melatih analis pasar kakao dari Indonesia."
    )
    result = run(text, lang="id")
    assert result.dateline is not None and result.dateline.place == "London"
    assert "GB" not in _parties(result)


def test_a_long_first_paragraph_ends_the_page_s_head(run):
    body = "Kementerian Perindustrian menyiapkan program pelatihan bagi industri kecil. " * 4
    text = f"{body}\n\nKabar lain\n\nRingkas\n\nLONDON, Warta Kakao - Rapat digelar Kamis."
    assert run(text, lang="id").dateline is None


@pytest.mark.parametrize(
    ("sentence", "lang", "sector"),
    [
        ("The memorandum covers soap and detergents made from palm kernel oil.", "en", "isic-2023"),
        ("Kerja sama mencakup sabun dan minyak atsiri dari nilam.", "id", "isic-2023"),
        ("The two sides will work on poultry processing and feed.", "en", "isic-1010"),
        ("Kerja sama itu mencakup rumah potong unggas di Jawa Barat.", "id", "isic-1010"),
        ("The programme covers machinery maintenance for small factories.", "en", "isic-33"),
        ("Kerja sama itu mencakup perawatan mesin industri di pabrik gula.", "id", "isic-33"),
        ("The memorandum covers weaving mills in the south of the island.", "en", "textiles"),
        ("The memorandum covers moulds and dies for car body panels.", "en", "isic-2593"),
        ("Kerja sama itu mencakup ubin keramik dan kaca lembaran.", "id", "isic-2392"),
    ],
)
def test_products_and_processes_name_their_isic_class(run, sentence, lang, sector):
    result = after_a_signing(run, sentence, lang)
    assert sector in found(result, "sectors"), found(result, "sectors")


@pytest.mark.parametrize(
    ("sentence", "lang", "sector"),
    [
        # "dies" is a verb, "tenun" alone a cloth: neither names an industry alone
        ("The old weaver dies in the novel's last chapter.", "en", "isic-2593"),
        ("Sabun itu dijual di warung dekat pasar.", "id", "isic-2023"),
    ],
)
def test_words_outside_the_deal_s_scope_name_no_isic_class(run, sentence, lang, sector):
    result = run(sentence, lang=lang)
    assert sector not in found(result, "sectors")


@pytest.mark.parametrize(
    ("sentence", "lang", "word"),
    [
        # an ordinal, a manner, a scale, an owner or a plan's word names no commodity
        ("Kerja sama itu mencakup industri pertama di kawasan timur.", "id", "pertama"),
        ("The memorandum covers hygienic processing in small workshops.", "en", "hygienic"),
        ("Kerja sama itu mencakup pengolahan skala kecil di desa.", "id", "skala"),
        ("Kerja sama itu mencakup pengolahan sendiri hasil panen petani.", "id", "sendiri"),
        ("The memorandum covers a draft industry roadmap for the region.", "en", "draft"),
        ("The memorandum also covers regional industry in the north.", "en", "regional"),
    ],
)
def test_words_that_name_no_commodity_make_no_sector(run, sentence, lang, word):
    result = after_a_signing(run, sentence, lang)
    assert not [f.label for f in result.of("sectors") if word in f.label.lower()]
    assert not [f.label for f in result.unresolved if word in f.label.lower()]


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        # a commodity before the process still names the industry
        ("Kerja sama itu mencakup pengolahan rumput laut di Maluku.", "id"),
        ("The memorandum covers cashew processing in Flores.", "en"),
    ],
)
def test_a_commodity_s_process_still_names_its_industry(run, sentence, lang):
    result = after_a_signing(run, sentence, lang)
    assert found(result, "sectors")


@pytest.mark.parametrize(
    ("sentence", "label", "wrong"),
    [
        # a unit named with its parent ministry's short name after it is the unit
        (
            "Pelatihan diberikan oleh Pusat Rekayasa Tekstil Kemenperin di Bandung.",
            "Pusat Rekayasa Tekstil",
            "Pusat Rekayasa Tekstil Kemenperin",
        ),
        (
            "Lembaga Sertifikasi Juru Las Kemenperin akan menguji para peserta.",
            "Lembaga Sertifikasi Juru Las",
            "Lembaga Sertifikasi Juru Las Kemenperin",
        ),
    ],
)
def test_a_unit_is_named_without_its_parent_s_short_name(run, sentence, label, wrong):
    result = after_a_signing(run, sentence, "id")
    names = {f.label for f in result.unresolved if f.cls == "bodies"}
    assert wrong not in names
    assert label in names, names
