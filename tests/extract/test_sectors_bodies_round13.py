"""The thirteenth round on sectors: words of an office's or a unit's name are no sector, nor
a name made only of words that name no trade; products named by their makers name their
industry when a table knows it; a commodity's conversion is quoted in a few words.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import pytest

from graph_builder.extract.products import SAYS_WORDS, conversions, made_by
from graph_builder.extract.scope import OFFICE_OF

from .conftest import after_a_signing, found, unresolved


@pytest.mark.parametrize(
    ("sentence", "lang", "ref"),
    [
        # an office's "of" before the sector's words
        (
            "The memorandum was signed by Chile's secretary of heavy industries in Santiago.",
            "en",
            "heavy",
        ),
        (
            "The directorate general of small, medium and miscellaneous industries will run "
            "the courses under the agreement.",
            "en",
            "miscellaneous",
        ),
        # a lower-case unit's head after the sector's words
        (
            "Under the agreement the ministry's leather, rubber and plastics centre will test "
            "the new asphalt.",
            "en",
            "isic-2220",
        ),
        (
            "Under the agreement the ministry's textile and garment institute will train the "
            "staff.",
            "en",
            "isic-14",
        ),
    ],
)
def test_the_words_of_an_office_or_a_unit_name_no_sector(run, sentence, lang, ref):
    result = after_a_signing(run, sentence, lang)
    assert ref not in found(result, "sectors")


@pytest.mark.parametrize(
    ("sentence", "lang", "ref"),
    [
        ("Kerja sama itu juga akan memperkuat industri komponen di Jawa Timur.", "id", "komponen"),
        ("Kerja sama itu membantu industri perangkat yang sedang tumbuh.", "id", "perangkat"),
        ("Kerja sama itu menguji pemanas industri rendah emisi di pabrik.", "id", "rendah-emisi"),
        (
            "Under the agreement, staff of provincial industry offices will be trained.",
            "en",
            "provincial",
        ),
        ("The agreement will also help heavy industries cut their emissions.", "en", "heavy"),
    ],
)
def test_a_name_of_no_trade_is_no_sector(run, sentence, lang, ref):
    result = after_a_signing(run, sentence, lang)
    assert ref not in unresolved(result, "sectors")


@pytest.mark.parametrize(
    ("sentence", "lang", "ref"),
    [
        (
            "Under the agreement the two sides will study how much latex the country's glove, "
            "hose and tyre makers could use.",
            "en",
            "isic-221",
        ),
        (
            "Under the agreement Korean engineers will coach the mould makers of West Java.",
            "en",
            "isic-2593",
        ),
        # names the gazetteer gives the classes
        (
            "Kerja sama itu mencakup daur ulang limbah elektronik dari rumah tangga.",
            "id",
            "isic-3830",
        ),
        (
            "Under the agreement the institute will advise firms on heat treatment.",
            "en",
            "isic-2592",
        ),
        ("Kerja sama itu mencakup kemasan bioplastik dari pati jagung.", "id", "isic-2220"),
    ],
)
def test_products_named_by_their_makers_and_their_process(run, sentence, lang, ref):
    result = after_a_signing(run, sentence, lang)
    assert ref in found(result, "sectors"), found(result, "sectors")


@pytest.mark.parametrize(
    "sentence",
    [
        "Under the agreement the engineers will coach the makers of the new plan.",
        "Under the agreement the delegates will visit several workshops in Surabaya.",
        "Under the agreement the two sides will visit pilot recycling plants in Bremen.",
    ],
)
def test_makers_of_no_known_product_propose_nothing(run, sentence):
    result = after_a_signing(run, sentence, "id" if "Kerja" in sentence else "en")
    assert not unresolved(result, "sectors")


@pytest.mark.parametrize(
    ("sentence", "items"),
    [
        ("Local firms make glove, hose and tyre makers happy.", ["glove", "hose", "tyre"]),
        ("They met makers of tyres and gloves in Medan.", ["tyres", "gloves"]),
        ("Training will take place at pilot recycling plants in Bremen.", []),
        ("The ministry signed nothing.", []),
    ],
)
def test_made_by_reads_each_product_of_a_list(sentence, items):
    assert [item for _, _, item, _ in made_by(sentence)] == items


@pytest.mark.parametrize(
    "sentence",
    [
        "Farmers will learn turning peanuts and sesame into oils, pastes, snacks, sauces, "
        "spreads, flour and feed for export.",
        "The plant will turn cassava into starch, glucose syrup, sorbitol, bioethanol, "
        "biodegradable plastics and animal feed.",
    ],
)
def test_a_conversion_is_quoted_in_a_few_words(sentence):
    spans = list(conversions(sentence))
    assert spans
    for start, end, _, _ in spans:
        said = sentence[start:end]
        assert len(said.split()) <= SAYS_WORDS, said
        assert " into " in said


def test_a_conversion_s_products_end_at_a_determiner():
    sentence = "They turn peanuts into oils and snacks, and the processing of sesame follows."
    (start, end, thing, _), *_ = conversions(sentence)
    assert thing == "peanuts"
    assert sentence[start:end] == "peanuts into oils and snacks"


def _body_labels(result):
    return {f.label for f in result.of("bodies")}


@pytest.mark.parametrize(
    ("sentence", "lang", "label", "not_label"),
    [
        # an official's name after the list the "and" closed
        (
            "The memorandum was signed by the director of the Agency for Ports, Coastal Works "
            "and Shipping, Maria Lopes-Grant, in Kingston.",
            "en",
            "Agency for Ports, Coastal Works and Shipping",
            "Agency for Ports, Coastal Works and Shipping, Maria Lopes-Grant",
        ),
        (
            "Nota itu diteken Sekretaris Tetap Kementerian Pariwisata, Budaya dan Olahraga "
            "Jamaika, Maria Lopes-Grant, di Kingston.",
            "id",
            None,
            "Kementerian Pariwisata, Budaya dan Olahraga Jamaika, Maria Lopes-Grant",
        ),
        # a possessive pronoun before the name
        (
            "Our Coconut Product Certification Agency will check every lot, the minister said "
            "after signing the memorandum.",
            "en",
            "Coconut Product Certification Agency",
            "Our Coconut Product Certification Agency",
        ),
        # an official after "dan" ends the name
        (
            "Nota itu diteken oleh Kementerian Perindustrian dan Deputy Secretary Kovac dari "
            "Kroasia.",
            "id",
            None,
            "Kementerian Perindustrian dan Deputy Secretary Kovac",
        ),
        # a venue named as a centre
        (
            "The memorandum was signed at the Surabaya Convention Center on Monday.",
            "en",
            None,
            "Surabaya Convention Center",
        ),
    ],
)
def test_a_body_s_name_ends_before_a_person_a_pronoun_or_a_post(
    run, sentence, lang, label, not_label
):
    labels = _body_labels(after_a_signing(run, sentence, lang))
    assert not_label not in labels, labels
    if label is not None:
        assert label in labels, labels


@pytest.mark.parametrize(
    ("before", "office"),
    [
        ("Chile's secretary of heavy ", True),
        ("the directorate general of small, medium and ", True),
        ("the Ministry of Energy, covers ", False),
        ("the Ministry of Industry will develop the ", False),
    ],
)
def test_an_office_s_of_holds_only_a_list_before_the_sector(before, office):
    assert bool(OFFICE_OF.search(before)) is office


@pytest.mark.parametrize(
    ("sentence", "lang", "label", "says"),
    [
        (
            "Nota itu diteken Kepala Balai Besar Pengujian Mutu dan Sertifikasi Hasil Olahan "
            "Ikan, Udang, dan Rumput Laut (BBPMSHOI) di Ambon.",
            "id",
            "Balai Besar Pengujian Mutu dan Sertifikasi Hasil Olahan Ikan, Udang, dan Rumput Laut",
            "BBPMSHOI",
        ),
        # a long name with its country written in it is quoted without the country
        (
            "The memorandum was also signed by the Agency for Small Business, Crafts, "
            "Cooperatives and Creative Economy of Seychelles.",
            "en",
            "Agency for Small Business, Crafts, Cooperatives and Creative Economy of Seychelles",
            "Agency for Small Business, Crafts, Cooperatives and Creative Economy",
        ),
        # a name of eight words or fewer is quoted whole
        (
            "The memorandum was signed by the head of the Agency for Ports, Coastal Works and "
            "Shipping (APCWS) in Kingston.",
            "en",
            "Agency for Ports, Coastal Works and Shipping",
            "Agency for Ports, Coastal Works and Shipping",
        ),
    ],
)
def test_a_long_body_name_is_quoted_by_its_short_name(run, sentence, lang, label, says):
    bodies = {f.label: f for f in after_a_signing(run, sentence, lang).of("bodies")}
    assert label in bodies, bodies
    assert bodies[label].says == says


@pytest.mark.parametrize(
    ("sentence", "country", "body"),
    [
        (
            "The memorandum will help garment makers meet the demands of brands in Europe and "
            "the United States.",
            "US",
            None,
        ),
        (
            "Under the memorandum, exporters will test products that buyers in the United "
            "States and the European Union ask for.",
            "US",
            "European Union",
        ),
    ],
)
def test_the_next_item_of_a_list_of_places_is_a_place(run, sentence, country, body):
    result = after_a_signing(run, sentence, "en")
    if country is not None:
        assert country not in _parties(result)
    if body is not None:
        assert not any(body in f.label for f in result.of("bodies"))


def _parties(result):
    return {f.ref for f in result.of("countries")}
