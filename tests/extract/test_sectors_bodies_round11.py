"""The eleventh round on bodies and dates: ministries whose portfolio list is led by a word
the grammar does not know, Indonesian "Departemen", secretariats and communities of
intergovernmental organisations, headline verbs ending a body's name, and "dulu" after a
verb read as "first", not "formerly".

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import pytest

from graph_builder.extract.scope import is_background

from .conftest import after_a_signing


def _bodies(result):
    return {f.label: f for f in result.of("bodies")}


@pytest.mark.parametrize(
    ("sentence", "lang", "label", "country"),
    [
        # a list of portfolios led by an unknown word, with its country after it
        (
            "Nota itu diteken Menteri Pesisir, Laut, Pelayaran, dan Perikanan Republik "
            "Madagaskar, Jean Rakoto.",
            "id",
            "Kementerian Pesisir, Laut, Pelayaran, dan Perikanan Republik Madagaskar",
            "MG",
        ),
        # ... or its country's possessive before it
        (
            "The memorandum was signed by Peru's Minister of Production, Tourism, Mining and "
            "Energy, Ana Quispe.",
            "en",
            "Ministry of Production, Tourism, Mining and Energy of Peru",
            "PE",
        ),
        (
            "Malta's Ministry of Gozo, Heritage, Trade and Industry joined the talks.",
            "en",
            "Ministry of Gozo, Heritage, Trade and Industry of Malta",
            "MT",
        ),
        # "Departemen" is a head in Indonesian too, with its country written
        (
            "Dokumen itu diteken Departemen Perdagangan, Industri, dan Pariwisata Fiji.",
            "id",
            None,
            "FJ",
        ),
    ],
)
def test_a_ministry_whose_portfolio_list_the_grammar_reads_is_found(
    run, sentence, lang, label, country
):
    result = after_a_signing(run, sentence, lang)
    found = [f for f in result.of("bodies") if f.extra == country]
    assert found, _bodies(result)
    if label is not None:
        assert label in {f.label for f in found}


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        # no country written: a list led by unknown words is nobody's ministry
        ("Menteri Pesisir, Laut, dan Perikanan, Budi Santoso, hadir di Jakarta.", "id"),
        ("The Minister of Presidency, Economy, Labour and Housing, Jordi Puig, spoke.", "en"),
        # a university's department, with no country
        ("Mahasiswa Departemen Teknik Kimia, Fisika, dan Industri ikut hadir.", "id"),
    ],
)
def test_a_list_led_by_unknown_words_without_a_country_is_no_ministry(run, sentence, lang):
    result = after_a_signing(run, sentence, lang)
    assert not [f for f in result.of("bodies") if not f.known], _bodies(result)


@pytest.mark.parametrize(
    ("sentence", "lang", "label"),
    [
        # the secretariat of an organisation, "the" before its head
        (
            "The memorandum was signed by the Ministry of Industry and the Secretariat of the "
            "Pacific Tuna Forum in Honiara.",
            "en",
            "Secretariat of the Pacific Tuna Forum",
        ),
        # "Secretariat General" is one head
        (
            "The Andean Secretariat General will hold the pen for the partners.",
            "en",
            "Andean Secretariat General",
        ),
        # a community of states is an organisation: English head last, Indonesian first
        (
            "The Caribbean Sugar Community signed the deal as the second party.",
            "en",
            "Caribbean Sugar Community",
        ),
        (
            "Kementerian Perindustrian dan Komunitas Lada Internasional meneken nota itu.",
            "id",
            "Komunitas Lada Internasional",
        ),
        # a headline's bare verb ends the body's name
        (
            "Kemenperin dan Dewan Kopi Antarbenua Teken MoU Hilirisasi Kopi",
            "id",
            "Dewan Kopi Antarbenua",
        ),
        (
            "Kemenperin dan Badan Rempah Samudra Sepakati Rencana Aksi Pengolahan Pala",
            "id",
            "Badan Rempah Samudra",
        ),
    ],
)
def test_organisations_secretariats_and_communities_are_read_whole(run, sentence, lang, label):
    result = after_a_signing(run, sentence, lang)
    assert label in _bodies(result), _bodies(result)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        # a community named as the market goods go to is a region, not a party
        (
            "The deal gives Indonesian firms a foothold in the Caribbean Sugar Community, a "
            "market of ten million people.",
            "en",
        ),
        ("Produk itu akan dipasarkan di Komunitas Lada Internasional dan Eropa.", "id"),
        # lower-case community is no organisation
        ("The business community welcomed the memorandum.", "en"),
    ],
)
def test_a_community_as_a_region_or_a_common_noun_is_no_body(run, sentence, lang):
    result = after_a_signing(run, sentence, lang)
    assert not [label for label in _bodies(result) if "ommunit" in label or "omunitas" in label]


@pytest.mark.parametrize(
    ("sentence", "background"),
    [
        # "dulu" after a verb is "first": the clause is about the deal's plans
        ('"Kami ingin kopi kami disangrai dulu di sini," ujar menteri itu.', False),
        ("Barang bisa dikumpulkan dulu di gudang, lalu dikirim ke seluruh kawasan.", False),
        ("Para teknisi akan mempelajari dulu mesin pengering itu.", False),
        # before a verb or after "yang" it is "formerly"
        ("Negara yang dulu mengekspor gula kini harus membelinya.", True),
        ("Dulu kakao itu dijual mentah ke Eropa.", True),
        ("Kopi dulu dikirim dalam bentuk biji mentah.", True),
    ],
)
def test_dulu_after_a_verb_is_first_not_formerly(sentence, background):
    assert is_background(sentence, 2026) is background


@pytest.mark.parametrize(
    ("sentence", "lang", "not_parties"),
    [
        # the trade's partners stated by a copula: not parties of the deal
        (
            "Mitra dagang terbesar Laos sejauh ini adalah Vietnam dan Thailand.",
            "id",
            {"VN", "TH"},
        ),
        ("Pembeli utama kopi itu adalah Jerman dan Belgia.", "id", {"DE", "BE"}),
        ("The main buyers of the island's vanilla are France and Japan.", "en", {"FR", "JP"}),
        ("Its largest trading partners remain Brazil and Argentina.", "en", {"BR", "AR"}),
    ],
)
def test_trade_partners_stated_by_a_copula_are_not_parties(run, sentence, lang, not_parties):
    result = after_a_signing(run, sentence, lang)
    assert not not_parties & {f.ref for f in result.of("countries")}


@pytest.mark.parametrize(
    ("sentence", "lang", "party"),
    [
        # the parties stated by a copula stay parties
        ("Mitra dalam nota kesepahaman ini adalah Peru.", "id", "PE"),
        ("The partners in the memorandum are Peru and Chile.", "en", "PE"),
    ],
)
def test_the_deal_s_partners_stated_by_a_copula_stay_parties(run, sentence, lang, party):
    result = after_a_signing(run, sentence, lang)
    assert party in {f.ref for f in result.of("countries")}
