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
