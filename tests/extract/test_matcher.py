"""matcher.py: looking a whole phrase up, and tokens with offsets."""

from __future__ import annotations

import pytest

from graph_builder.extract.matcher import normalise


def test_lookup_finds_a_phrase_in_any_spelling(extractor):
    finder = extractor.finder("en")
    assert {t.ref for t in finder.lookup("Textile Industries")} == {"textiles"}
    assert finder.lookup("industry of nothing") == ()


def test_tokens_point_into_the_text(extractor):
    text = "Pusat-pusat riset, dan MoU."
    for word, offset in extractor.finder("id").tokens(text):
        assert text[offset : offset + len(word)] == word


@pytest.mark.parametrize(
    ("words", "lang", "kept"),
    [
        (["the", "Ministry", "of", "Industry"], "en", "ministry:1 of:2 industry:3"),
        (["Ministry", "(", "METI", ")", "of", "Japan"], "en", "ministry:0 of:4 japan:5"),
        (["(", "metI", ")"], "en", "(:0 meti:1 ):2"),  # not an abbreviation: kept
        (["(", "A", ")"], "en", "(:0 a:1 ):2"),  # one letter: kept
        (["food", ",", "and", "beverages"], "en", "food:0 and:2 beverage:3"),
        (["food", ",", "textiles"], "en", "food:0 ,:1 textile:2"),
        (["industri", ",", "dan", "para", "pusat-pusat"], "id", "industri:0 dan:2 pusat:4"),
        (["(", "UNIDO"], "en", "(:0 unido:1"),  # an unclosed bracket at the end
        ([",", "dan"], "id", "dan:1"),
        ([], "en", ""),
    ],
)
def test_normalise_drops_optional_words_bracketed_abbreviations_and_list_commas(
    words: list[str], lang: str, kept: str
) -> None:
    """Each kept word as normalised:index into *words*."""
    assert " ".join(f"{norm}:{i}" for norm, _, i in normalise(words, lang)) == kept
