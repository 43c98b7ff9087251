"""matcher.py: looking a whole phrase up, and tokens with offsets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph_builder.extract.matcher import normalise
from graph_builder.extract.text import read_article


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


GOLD = Path(__file__).resolve().parent.parent / "extract_gold"


def _keys(tree: dict[str, Any], words: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every phrase the finder's tree holds, as its normalised words."""
    for word, node in tree.items():
        if word == "":
            yield words
        else:
            yield from _keys(node, (*words, word))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_phrase_tree_matches_what_spacys_phrase_matcher_matches(extractor, lang):
    """Every (start, end, key) of spaCy's PhraseMatcher over the same normalised words, on
    every development article and on a list of overlapping phrases."""
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    finder = extractor.finder(lang)
    vocab = finder.nlp.vocab
    spacy_matcher = PhraseMatcher(vocab, attr="ORTH")
    for words in _keys(finder._tree):
        spacy_matcher.add("L:" + " ".join(words), [Doc(vocab, words=list(words))])
    texts = [read_article(p).text for p in sorted(GOLD.glob("*.txt"))]
    texts.append("the automotive industry, industry and the chemical industry industry " * 3)
    matched = 0
    for text in texts:
        words, _ = finder._words(text)
        norms = [norm for norm, _, _ in normalise(words, lang)]
        theirs = sorted(
            (start, end, vocab.strings[key])
            for key, start, end in spacy_matcher(Doc(vocab, words=norms))
        )
        ours = sorted(
            (start, start + size, key)
            for size, found in enumerate(finder._matches(norms))
            for start, key in found
        )
        assert ours == theirs
        matched += len(ours)
    assert matched > 1000  # the articles hold phrases: the comparison is not of nothing


@pytest.mark.parametrize(
    ("lang", "written"),
    [
        ("id", "Kerja sama dengan São Tomé dan Príncipe diteken kemarin."),
        ("en", "The deal with Sao Tome and Principe was signed on Monday."),
        ("en", "Côte d'Ivoire signed the memorandum."),
    ],
)
def test_a_name_is_found_with_its_accents_or_without(extractor, lang, written):
    mentions = extractor.finder(lang).find(written)
    found = {t.ref for m in mentions for t in m.targets if t.cls == "countries"}
    assert found & {"ST", "CI"}, written


@pytest.mark.parametrize("cls", ["countries", "bodies", "sectors", "activities"])
def test_having_answers_each_mention_as_its_own_targets_do(extractor, cls):
    """The verdict per mention (asked once per tuple of targets) is the one its own
    targets give, on a text whose mentions share tuples and differ in them."""
    from graph_builder.extract.matcher import having

    finder = extractor.finder("en")
    text = (
        "Japan and the Ministry of Industry agreed on textiles, steel and chemicals; "
        "Japan, Korea and the automotive industry followed, with textiles again. "
    ) * 3
    mentions = finder.find(text)
    expected = [any(t.cls == cls for t in m.targets) for m in mentions]
    assert having(mentions, lambda t: t.cls == cls) == expected
    assert True in expected or cls == "activities"  # the text names countries and bodies
    assert len({id(m.targets) for m in mentions}) < len(mentions)  # tuples are shared
