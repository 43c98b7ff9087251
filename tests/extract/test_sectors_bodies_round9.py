"""The ninth round on sectors, bodies, parties and dates: a commodity turned into products
names its industry, a body's name keeps the words before a fund's, a bureau's or a
secretariat's head and a ministry's portfolios listed with commas, a state set apart or a
joint venture's home is no party, and a by-line with a middle dot dates the article.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph_builder.extract.dates import find_published
from graph_builder.extract.findings import ArticleMeta
from graph_builder.extract.text import article_from_bytes

from .conftest import after_a_signing


def _sectors(result):
    """Every sector proposed (linked or under ``unresolved:``): label → the words it says."""
    found = {f.label: f.says for f in result.of("sectors")}
    found.update({f.label: f.says for f in result.unresolved if f.cls == "sectors"})
    return found


@pytest.mark.parametrize(
    ("sentence", "lang", "label", "says"),
    [
        # English: a verb of processing or making, the commodity, "into", its products
        (
            "The deal will help turn tamarinds into pastes, syrups and sweets.",
            "en",
            "tamarind processing",
            "tamarinds into pastes, syrups and sweets",
        ),
        (
            "Experts will show cooperatives how to process breadfruit into flour for bakeries.",
            "en",
            "breadfruit processing",
            "breadfruit into flour",
        ),
        # commodities coordinated before "into" are each an industry
        (
            "The plan covers the processing of almonds and pistachios into butters.",
            "en",
            "pistachio processing",
            "pistachios into butters",
        ),
        (
            "The plan covers the processing of almonds and pistachios into butters.",
            "en",
            "almond processing",
            "almonds and pistachios into butters",
        ),
        # Indonesian: active and passive, the commodity before "menjadi"
        (
            "Kerja sama itu akan mengolah biji pala menjadi minyak dan bubuk.",
            "id",
            "pengolahan biji pala",
            "biji pala menjadi minyak dan bubuk",
        ),
        (
            "Dalam program ini, daun kelor akan diolah menjadi bubuk dan kapsul.",
            "id",
            "pengolahan daun kelor",
            "daun kelor akan diolah menjadi bubuk dan kapsul",
        ),
    ],
)
def test_a_commodity_turned_into_products_names_its_industry(run, sentence, lang, label, says):
    found = _sectors(after_a_signing(run, sentence, lang))
    assert found.get(label) == says


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        # a pronoun, a determiner or a general noun before "into" is no commodity
        ("The two sides hope to turn it into a binding treaty next year.", "en"),
        ("The agency turns a good design into an export brand.", "en"),
        ("The ministry will convert these requirements into national rules.", "en"),
        ("Kedua pihak ingin agar kesepakatan itu diubah menjadi perjanjian.", "id"),
        ("Pemerintah akan mengubah rencana itu menjadi peraturan.", "id"),
    ],
)
def test_what_is_turned_into_something_else_is_not_always_a_commodity(run, sentence, lang):
    labels = _sectors(after_a_signing(run, sentence, lang))
    assert not any(
        label.endswith(" processing") or label.startswith("pengolahan") for label in labels
    )


def _new_bodies(result):
    """The bodies neither the data nor the gazetteer knows, by their words."""
    return {f.says for f in result.of("bodies") if not f.known}


def _body_labels(result):
    return {f.label for f in result.of("bodies")}


@pytest.mark.parametrize(
    ("sentence", "says"),
    [
        # the words before a fund's, a bureau's or a secretariat's head are its name's
        (
            "The Andean Fund for Smallholders will pay for the dryers.",
            "Andean Fund for Smallholders",
        ),
        ("The Tongan Bureau of Standards will certify the kilns.", "Tongan Bureau of Standards"),
        (
            "The Caribbean Islands Forum Secretariat will host the workshops.",
            "Caribbean Islands Forum Secretariat",
        ),
    ],
)
def test_a_funds_a_bureaus_or_a_secretariats_name_is_kept_whole(run, sentence, says):
    found = _new_bodies(after_a_signing(run, sentence, "en"))
    assert says in found
    assert not any(name != says and says.endswith(name) for name in found)


def test_an_apposition_does_not_cut_a_name_read_whole(run):
    sentence = "The Tongan Fisheries and Marine Corporation (TFMC), a state agency, co-signed."
    found = _new_bodies(after_a_signing(run, sentence, "en"))
    assert "Tongan Fisheries and Marine Corporation" in found
    assert "Marine Corporation" not in found


@pytest.mark.parametrize(
    "sentence",
    [
        "For more information, contact the Public Relations Bureau.",
        "Questions go to the ministry's Press Office.",
    ],
)
def test_the_office_that_speaks_for_a_body_is_no_body_of_the_deal(run, sentence):
    found = _new_bodies(after_a_signing(run, sentence, "en"))
    assert not any("Relations" in name or "Press" in name for name in found)


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        # portfolios listed with commas past the ones the grammar knows, the last after "and"
        (
            "Fiji's Minister of Trade, Tourism, Rural Enterprise and Consumer Welfare, "
            "Sitiveni Naupoto, signed it.",
            "Ministry of Trade, Tourism, Rural Enterprise and Consumer Welfare of Fiji",
        ),
        # the list goes on to "of COUNTRY", "The" written with a capital
        (
            "The Ministry of Industry, Commerce, Regional Markets and Employment of The Gambia "
            "signed it.",
            "Ministry of Industry, Commerce, Regional Markets and Employment of Gambia",
        ),
    ],
)
def test_a_ministrys_portfolios_listed_with_commas_are_kept(run, sentence, label):
    assert label in _body_labels(after_a_signing(run, sentence, "en"))


def test_names_after_a_ministrys_title_are_not_its_portfolios(run):
    sentence = "Chile's Minister of Industry, Pedro Soto and Ana Ruiz, signed it."
    labels = _body_labels(after_a_signing(run, sentence, "en"))
    assert not any("Pedro" in label or "Ruiz" in label for label in labels)


def _by_the_rules(extractor):
    """Extract with the rules alone (the learned filter could drop an outsider by itself)."""
    rules = extractor.rules_alone()

    def _run(text, *, lang):
        article = article_from_bytes(Path("a.txt"), text.encode("utf-8"))
        return rules.extract(article, lang=lang, meta=ArticleMeta())

    return _run


def _countries(result):
    return {f.ref for f in result.of("countries")}


@pytest.mark.parametrize(
    ("sentence", "lang", "outsider"),
    [
        # a state set apart from the party it could be taken for
        ("The deal is with Chile, not Argentina, its officials stressed.", "en", "AR"),
        ("Mitra kerja sama ini adalah Chile, bukan Argentina.", "id", "AR"),
        ("The agreement serves Chile instead of Peru.", "en", "PE"),
        # a comparison announced before the states it names
        ("Sebagai pembanding, Kolombia sudah menjalin kemitraan industri kakao.", "id", "CO"),
        ("Ia membandingkan dengan Argentina yang sudah menjalin kemitraan industri.", "id", "AR"),
        ("For comparison, Peru has an industrial partnership of its own.", "en", "PE"),
        # a joint venture's homes are a company's
        ("Kerja sama itu melibatkan perusahaan patungan Chile-Jepang.", "id", "JP"),
        # a town and its country after a place where something happened
        ("The text was signed at the bloc's offices in the city of Lima, Peru.", "en", "PE"),
        ("Dokumen itu diteken di markas organisasi itu, Nairobi, Kenya.", "id", "KE"),
    ],
)
def test_a_country_set_apart_or_a_companys_home_is_no_party(extractor, sentence, lang, outsider):
    result = after_a_signing(_by_the_rules(extractor), sentence, lang)
    assert outsider not in _countries(result)
    assert {"ID", "CL"} <= _countries(result)


@pytest.mark.parametrize(
    "text",
    [
        "Not only Chile but Indonesia signed the memorandum of understanding on industry.",
        "Bukan hanya Chile, Indonesia juga menandatangani nota kesepahaman kerja sama industri.",
    ],
)
def test_not_only_lists_the_parties_themselves(run, text):
    assert {"ID", "CL"} <= _countries(run(text))


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("By Mara Lindqvist · Tuesday, 8 September 2026, 09:05 CET", dt.date(2026, 9, 8)),
        ("Analysis · By Tomas Reyes · Published 14 May 2025", dt.date(2025, 5, 14)),
        ("Lusaka • 2 March 2026", dt.date(2026, 3, 2)),
    ],
)
def test_a_by_line_with_a_middle_dot_dates_the_article(head, expected):
    found = find_published(head, lang="en")
    assert found is not None and found.date == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "QUITO, May 8 (Wire) - Indonesia and Ecuador agreed on Thursday to cooperate on "
            "cocoa processing, signing a letter of intent.\n\n"
            "Separately, a Jakarta trading firm signed a contract on Wednesday to buy beans.",
            dt.date(2026, 5, 7),
        ),
        (
            "QUITO (Kabar) - Indonesia dan Ekuador menandatangani nota kesepahaman pada Kamis "
            "(7/5/2026).\n\n"
            "Secara terpisah, PT Kakao Jaya meneken kontrak pembelian biji pada Rabu (6/5/2026).",
            dt.date(2026, 5, 7),
        ),
    ],
)
def test_a_companys_deal_told_apart_does_not_date_the_event(run, text, expected):
    assert run(text, published=dt.date(2026, 5, 8)).signing_date == expected


def test_a_verb_before_the_passive_is_no_commodity(run):
    sentence = "Ranting yang selama ini dibuang akan diolah menjadi briket."
    labels = _sectors(after_a_signing(run, sentence, "id"))
    assert "pengolahan dibuang" not in labels


@pytest.mark.parametrize(
    ("sentence", "lang", "ref"),
    [
        # Muslim fashion is the apparel industry's (ISIC 1410), in both languages
        ("Kerja sama itu mencakup industri busana muslim di Bandung.", "id", "isic-1410"),
        ("Kerja sama itu mencakup pelatihan perajin fesyen muslim.", "id", "isic-1410"),
        ("The plan covers Muslim fashion and cosmetics.", "en", "isic-1410"),
        # food and drink written with a hyphen ("makanan-minuman")
        ("Temu bisnis itu untuk produsen makanan-minuman halal.", "id", "food-and-beverage"),
    ],
)
def test_sectors_of_the_halal_economy_by_their_names(run, sentence, lang, ref):
    result = after_a_signing(run, sentence, lang)
    found = {f.ref for f in result.of("sectors")} | {
        f.ref for f in result.unresolved if f.cls == "sectors"
    }
    assert ref in found
