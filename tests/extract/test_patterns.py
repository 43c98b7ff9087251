"""patterns.py: aims written as adjectives, inflections of sector names."""

from __future__ import annotations

import pytest

from graph_builder.extract.patterns import adjectives, inflections


@pytest.mark.parametrize(
    ("label", "form"),
    [
        ("global competitiveness", "competitive"),
        ("daya saing global", "berdaya saing"),
        ("productivity", "productive"),
        ("sustainable industry", "sustainable"),
        ("industri berkelanjutan", "berkelanjutan"),
    ],
)
def test_an_aim_as_an_adjective(label, form):
    assert form in adjectives(label)


@pytest.mark.parametrize("label", ["industri hijau", "green industry"])
def test_a_plain_adjective_is_not_an_aim_on_its_own(label):
    assert label.split()[-1] not in adjectives(label) and label.split()[0] not in adjectives(label)


def test_sector_inflections():
    assert "otomotif" in inflections("industri otomotif", "id", sector=True)
    assert "automotive" in inflections("automotive industry", "en", sector=True)


@pytest.mark.parametrize(
    ("lang", "phrase", "ref"),
    [
        ("id", "transformasi digital", "digital-transformation"),
        ("en", "digitalisation", "digital-transformation"),
        ("id", "pertukaran tenaga ahli", "knowledge-sharing"),
        ("en", "investment promotion", "investment"),
        ("id", "industri mebel", "isic-31"),  # KBLI wording, outside the scheme
        ("en", "beverage industry", "food-and-beverage"),  # ISIC division mapped onto it
    ],
)
def test_the_lexicon_holds_the_vocabulary(extractor, lang, phrase, ref):
    assert ref in {t.ref for t in extractor.finder(lang).lookup(phrase)}
