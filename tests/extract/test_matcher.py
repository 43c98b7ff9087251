"""matcher.py: looking a whole phrase up, and tokens with offsets."""

from __future__ import annotations


def test_lookup_finds_a_phrase_in_any_spelling(extractor):
    finder = extractor.finder("en")
    assert {t.ref for t in finder.lookup("Textile Industries")} == {"textiles"}
    assert finder.lookup("industry of nothing") == ()


def test_tokens_point_into_the_text(extractor):
    text = "Pusat-pusat riset, dan MoU."
    for word, offset in extractor.finder("id").tokens(text):
        assert text[offset : offset + len(word)] == word
