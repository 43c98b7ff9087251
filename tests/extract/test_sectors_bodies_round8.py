"""The eighth round on sectors and bodies: a ministry's name the grammar cannot read
whole keeps its words, and a commodity's processing is a sector even when no table knows
the commodity.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import pytest

from .conftest import after_a_signing


def _body_labels(result):
    return {f.label for f in result.of("bodies")}


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        # a minister's title whose portfolios go on past the ones the grammar knows: the
        # ministry keeps every word, its country from the possessive
        (
            "Peru's Minister of Production and Artisanal Fisheries, Ana Quispe, signed it.",
            "Ministry of Production and Artisanal Fisheries of Peru",
        ),
        (
            "Nepal's Minister of Industry and Consumer Welfare, Ram Thapa, signed it.",
            "Ministry of Industry and Consumer Welfare of Nepal",
        ),
        (
            "The Ministry of Trade and Consumer Protection of Malawi signed it.",
            "Ministry of Trade and Consumer Protection of Malawi",
        ),
        # an English name is labelled as written even when every word is a portfolio
        # ("Economic Affairs" and "Employment" are read, and kept as they stand)
        (
            "Norway's Minister of Economic Affairs and Employment signed it.",
            "Ministry of Economic Affairs and Employment of Norway",
        ),
        # Indonesian: the name as written, the title made the ministry's, then its country
        (
            "Menteri Industri dan Pemberdayaan Ekonomi Lokal Senegal menandatangani MoU itu.",
            "Kementerian Industri dan Pemberdayaan Ekonomi Lokal Senegal",
        ),
        (
            "Kementerian Perdagangan, Industri, dan Promosi Ekspor Mali menandatangani MoU.",
            "Kementerian Perdagangan, Industri, dan Promosi Ekspor Mali",
        ),
    ],
)
def test_a_ministrys_words_the_grammar_cannot_read_are_kept(run, sentence, label):
    lang = "id" if "Kementerian" in sentence or "Menteri" in sentence else "en"
    assert label in _body_labels(after_a_signing(run, sentence, lang))


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        # a state's title before the country ("RD", "Republik") is no word of the name
        (
            "Kementerian Perindustrian RD Kongo dan Kemenperin menandatangani MoU.",
            "Ministry of Industry of Congo, The Democratic Republic of the",
        ),
        (
            "Kementerian Ekonomi Republik Tunisia menandatangani MoU.",
            "Ministry of Economy of Tunisia",
        ),
        # every word a portfolio: the English label, as before
        (
            "Kementerian Perdagangan dan Industri Ghana menandatangani MoU.",
            "Ministry of Trade and Industry of Ghana",
        ),
        (
            "Ghana's Minister of Trade and Industry, Kofi Mensah, signed it.",
            "Ministry of Trade and Industry of Ghana",
        ),
    ],
)
def test_a_ministry_read_whole_keeps_its_english_label(run, sentence, label):
    lang = "id" if "Kementerian" in sentence else "en"
    assert label in _body_labels(after_a_signing(run, sentence, lang))


@pytest.mark.parametrize(
    "sentence",
    [
        # capitalised words after the joined one with no comma, bracket or "of" after
        # them are a person's name, not the ministry's
        "Nepal's Minister of Industry and Consumer Welfare Ram Bahadur Thapa signed it.",
    ],
)
def test_a_persons_name_after_a_title_is_not_the_ministrys(run, sentence):
    labels = _body_labels(after_a_signing(run, sentence, "en"))
    assert not any("Thapa" in label or "Ram" in label for label in labels)


def _sectors(result):
    """Every sector proposed (linked or under ``unresolved:``), by id, with its words."""
    found = {f.ref: f.says for f in result.of("sectors")}
    found.update({f.ref: f.says for f in result.unresolved if f.cls == "sectors"})
    return found


@pytest.mark.parametrize(
    ("sentence", "lang", "says"),
    [
        # a commodity no table knows, after a process noun: the industry by its words
        (
            "Kerja sama itu mencakup pengeringan dan pengemasan jahe untuk ekspor.",
            "id",
            "pengeringan dan pengemasan jahe",
        ),
        (
            "Kerja sama itu mencakup pengupasan, penyortiran, dan pengemasan kemiri.",
            "id",
            "pengupasan, penyortiran, dan pengemasan kemiri",
        ),
        ("Kerja sama itu mencakup pemintalan rami di Jawa Barat.", "id", "pemintalan rami"),
        # the listed process may come first, the last noun of the list being any process
        (
            "Kerja sama itu mencakup pengeringan dan penyortiran biji pala.",
            "id",
            "pengeringan dan penyortiran biji pala",
        ),
        ("The memorandum covers baobab processing in the north.", "en", "baobab processing"),
        ("The memorandum covers kenaf ginning and hemp spinning.", "en", "kenaf ginning"),
        ("The memorandum covers kenaf ginning and hemp spinning.", "en", "hemp spinning"),
        # commodities listed before the process share it
        (
            "The memorandum covers baobab and moringa processing.",
            "en",
            "baobab and moringa processing",
        ),
    ],
)
def test_a_commodity_processed_is_a_sector_by_its_words(run, sentence, lang, says):
    assert says in _sectors(after_a_signing(run, sentence, lang)).values()


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        # waste, water and data are treated, not an industry's commodity
        ("Kerja sama itu mencakup pengolahan limbah dan pengolahan data.", "id"),
        ("The memorandum covers wastewater processing and data processing.", "en"),
        # a conjunction or an adjective after the process noun is no commodity
        ("Kerja sama itu mencakup pengolahan agar produk lebih tahan lama.", "id"),
        ("The plan will bring processing closer to the farms.", "en"),
        ("The parties will look into spinning off the joint venture.", "en"),
    ],
)
def test_a_process_noun_without_a_commodity_names_no_sector(run, sentence, lang):
    assert _sectors(after_a_signing(run, sentence, lang)) == {}


def test_a_noun_before_a_process_without_a_conjunction_is_not_in_its_name(run):
    """Only coordinated process nouns belong to the name: "pelatihan pengolahan jahe" is
    training in ginger processing, and the sector is the processing."""
    result = after_a_signing(run, "Kerja sama itu mencakup pelatihan pengolahan jahe.", "id")
    assert "pengolahan jahe" in _sectors(result).values()


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        # worth, period, productive, own and numbers are no sector's name
        ("Kerja sama industri senilai Rp 2 triliun itu berlaku lima tahun.", "id"),
        ("Rencana aksi kerja sama industri periode 2027-2028 disepakati.", "id"),
        ("Dana itu untuk sektor produktif.", "id"),
        ("The partners want to build their own industries.", "en"),
        ("The programme reaches six industries.", "en"),
    ],
)
def test_words_that_name_no_sector_after_industry(run, sentence, lang):
    assert _sectors(after_a_signing(run, sentence, lang)) == {}


@pytest.mark.parametrize(
    ("sentence", "lang", "ref"),
    [
        # the ISIC classes of commodities news name without "industry"
        ("Kerja sama itu mencakup pengalengan tuna di Bitung.", "id", "isic-1020"),
        ("The memorandum covers sardine canning in the port.", "en", "isic-1020"),
        ("Kerja sama itu mencakup perakitan sepeda motor listrik.", "id", "automotive"),
        ("Kerja sama itu mencakup pabrik bioetanol berbahan singkong.", "id", "isic-2029"),
        ("The memorandum covers methanol and its derivatives.", "en", "isic-2011"),
        # ship repair is the shipbuilding industry's; agro-processing the agro-industry
        ("The memorandum covers ship repair in Batam.", "en", "shipbuilding"),
        ("Kerja sama itu mencakup reparasi kapal niaga.", "id", "shipbuilding"),
        ("The memorandum covers agro-processing for smallholders.", "en", "agro-industry"),
        ("Kerja sama itu mencakup pengolahan hasil pertanian.", "id", "agro-industry"),
        # sectors named by their products
        ("The plan covers dump trucks and excavators for quarries.", "en", "machinery"),
        ("Kerja sama itu mencakup turbin air untuk pembangkit kecil.", "id", "machinery"),
        ("The memorandum covers carbon-fibre composites for bicycles.", "en", "isic-2399"),
        ("Kerja sama itu mencakup alat diagnostik untuk puskesmas.", "id", "medical-devices"),
        ("The memorandum covers cathode materials for storage batteries.", "en", "batteries"),
    ],
)
def test_commodities_and_processes_of_the_tables(run, sentence, lang, ref):
    assert ref in _sectors(after_a_signing(run, sentence, lang))


def _body_refs(result):
    return {f.ref for f in result.of("bodies")}


@pytest.mark.parametrize(
    ("sentence", "lang", "ref"),
    [
        # international organisations, development banks and funds, in both languages
        ("UNESCO will train the teachers of the new polytechnic.", "en", "unesco"),
        ("Organisasi Kesehatan Dunia akan mendampingi pabrik vaksin itu.", "id", "who"),
        ("The African Export-Import Bank will finance the buyers.", "en", "afreximbank"),
        ("Bank Ekspor-Impor Afrika akan membiayai para pembeli.", "id", "afreximbank"),
        ("Dana Arab untuk Pembangunan Ekonomi dan Sosial memberi pinjaman lunak.", "id", "afesd"),
        ("The Standards and Trade Development Facility funds the project.", "en", "stdf"),
        ("The Inter-American Development Bank will co-finance the plant.", "en", "iadb"),
    ],
)
def test_organisations_banks_and_funds_of_the_gazetteer(run, sentence, lang, ref):
    assert ref in _body_refs(after_a_signing(run, sentence, lang))


def test_a_short_name_that_is_a_word_in_capitals_names_no_body(run):
    """The WHO is known by its names only: 'WHO' in a heading in capitals is a word."""
    result = after_a_signing(run, "WHO WILL PAY FOR THE NEW PLANT? Nobody said.", "en")
    assert "who" not in _body_refs(result)


def test_an_organisations_bracketed_abbreviation_does_not_swallow_the_ministry_before_it(run):
    sentence = "Kementerian Perindustrian dan Organisasi Kesehatan Dunia (WHO) meneken MoU itu."
    assert {"kemenperin", "who"} <= _body_refs(run(sentence, lang="id"))


def _countries(result):
    return {f.ref for f in result.of("countries")}


@pytest.mark.parametrize(
    ("sentence", "lang", "outsider"),
    [
        # a partner of the parties' own, earlier or elsewhere
        ("Chile already cooperates with Turkey on copper cathodes.", "en", "TR"),
        ("Chile has long worked with Peru and Bolivia on lithium.", "en", "BO"),
        # the states that signed such a deal before
        ("Chile is the third country to sign such a deal with Indonesia, after Kenya.", "en", "KE"),
        ("It is the second similar agreement of the year, after Ghana.", "en", "GH"),
        ("Chile is the second country in the Andes to join the scheme, after Peru.", "en", "PE"),
        (
            "Chile menjadi negara kedua di kawasan Andes yang bergabung, setelah Peru.",
            "id",
            "PE",
        ),
        # an export destination after "ship(s)"
        ("The copper concentrate is due to ship mainly to Japan.", "en", "JP"),
        # donors and contributors that the article says are not parties
        (
            "The fund is paid for by donors; Norway and Denmark are among the contributors.",
            "en",
            "DK",
        ),
        (
            "Donor governments pay for it; Norway is one, none of them a party to the project.",
            "en",
            "NO",
        ),
        # a company's home before its trade
        (
            "Separately, a Chilean miller signed a supply deal with a Swiss trading house.",
            "en",
            "CH",
        ),
        ("The presses come from Italian manufacturers.", "en", "IT"),
        ("A German supplier will deliver the kilns.", "en", "DE"),
        # a gulf, a bay or a river named after a state
        ("The port lies on the Gulf of Guinea.", "en", "GN"),
        ("The plant stands on the banks of the Niger river.", "en", "NE"),
        ("Pabrik itu berdiri di tepi Sungai Niger.", "id", "NE"),
    ],
)
def test_a_country_outside_the_deal_is_no_party(run, sentence, lang, outsider):
    result = after_a_signing(run, sentence, lang)
    assert outsider not in _countries(result)
    assert {"ID", "CL"} <= _countries(result)


def test_a_party_named_after_already_works_with_stays_a_party(run):
    text = (
        "Indonesia and Ghana signed a memorandum of understanding on industry on Monday. "
        "Ghana's minister said Ghana already works with Indonesia on cocoa."
    )
    assert {"ID", "GH"} <= _countries(run(text, lang="en"))


def _new_bodies(result):
    """The bodies neither the data nor the gazetteer knows, by their words."""
    return {f.says for f in result.of("bodies") if not f.known}


@pytest.mark.parametrize(
    ("sentence", "lang", "says"),
    [
        # Indonesian heads of agencies, centres, institutes and organisations
        (
            "Pusat Promosi Ekspor Lesotho ikut menandatangani MoU itu.",
            "id",
            "Pusat Promosi Ekspor Lesotho",
        ),
        (
            "Institut Riset Pertanian Tropis Gambia akan melatih teknisi.",
            "id",
            "Institut Riset Pertanian Tropis Gambia",
        ),
        (
            "Administrasi Kawasan Ekonomi Khusus Aqaba menjadi pelaksana.",
            "id",
            "Administrasi Kawasan Ekonomi Khusus Aqaba",
        ),
        # English heads before "for"/"of", with "the" after the connector
        (
            "The Agency for the Promotion of Private Investment will implement it.",
            "en",
            "Agency for the Promotion of Private Investment",
        ),
        (
            "The Secretariat of Industrial Policy of Uruguay will lead it.",
            "en",
            "Secretariat of Industrial Policy of Uruguay",
        ),
        # English heads last, the name running on "of … of COUNTRY"
        (
            "The Estonian Accreditation Institution signed as a third party.",
            "en",
            "Estonian Accreditation Institution",
        ),
        (
            "The National Academy of Engineering of Chile will train the engineers.",
            "en",
            "National Academy of Engineering of Chile",
        ),
    ],
)
def test_agencies_centres_and_institutes_are_proposed_whole(run, sentence, lang, says):
    assert says in _new_bodies(after_a_signing(run, sentence, lang))


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("The Indonesia-Chile Joint Economic Committee will meet every year.", "en"),
        ("Komisi Bersama kedua negara akan bersidang setiap tahun.", "id"),
    ],
)
def test_a_joint_commission_of_the_parties_is_no_body(run, sentence, lang):
    """A commission the parties set up together is what they do (an activity), not a body
    acting in the deal."""
    assert not _new_bodies(after_a_signing(run, sentence, lang))


def test_a_un_organisation_by_its_indonesian_name_with_pbb(run):
    result = after_a_signing(run, "Organisasi Pengembangan Industri PBB ikut mendampingi.", "id")
    assert "unido" in _body_refs(result)


def test_what_is_done_first_is_the_deals_scope_not_an_earlier_event(run):
    """'lebih dulu' is 'first', not 'formerly': a scope to be worked on first is the deal's."""
    text = (
        "Indonesia dan Benin menandatangani pernyataan bersama kerja sama industri pada Kamis. "
        "Pernyataan itu menyebut dua bidang yang akan digarap lebih dulu: pengolahan kakao dan "
        "industri tekstil."
    )
    assert {"agro-industry", "textiles"} <= set(_sectors(run(text, lang="id")))


def test_what_was_done_before_stays_an_earlier_event(run):
    text = (
        "Indonesia dan Benin menandatangani pernyataan bersama kerja sama industri pada Kamis. "
        "Dulu kedua negara pernah bekerja sama di industri tekstil."
    )
    assert "textiles" not in _sectors(run(text, lang="id"))
