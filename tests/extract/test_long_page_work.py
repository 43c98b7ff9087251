"""Work a long page's extraction does ahead, beside its child: the same results as after."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from graph_builder.extract import Extractor
from graph_builder.extract.dates import find_term
from graph_builder.extract.learn import LearnedExtractor
from graph_builder.extract.learn.features import ONE_PASS_FROM
from graph_builder.extract.learn.occurrences import count_all, text_codes
from graph_builder.extract.text import article_from_bytes, read_article

GOLD = Path(__file__).resolve().parent.parent / "extract_gold"


@pytest.mark.parametrize(
    ("text", "strings"),
    [
        ("the port of Lobito and the port of Beira", ["port", "the port of", "Beira", "of"]),
        ("Türkiye dan Mesir; Türkiye, lagi", ["Türkiye", "Mesir", "lagi", "ü"]),
        ("aaaa aa aaa", ["aa", "aaa", "a a"]),  # overlapping itself, counted from the left
        ("Jepang–Korea, Jepang", ["Jepang", "–Ko", "absent"]),
    ],
)
def test_counts_from_codes_read_ahead_are_the_same(text: str, strings: list[str]) -> None:
    codes = text_codes(text)
    assert count_all(text, strings, first=2, codes=codes) == count_all(text, strings, first=2)
    assert {s: count_all(text, [s], codes=codes)[s].total for s in strings} == {
        s: text.count(s) for s in strings
    }


def test_the_filter_reading_ahead_keeps_and_drops_the_same(extractor: Extractor) -> None:
    assert isinstance(extractor, LearnedExtractor) and extractor.learned is not None
    texts = [read_article(p).text for p in sorted(GOLD.glob("*.txt"))]
    english = [t for t in texts if t.count(" and ") > 1]
    page = "\n\n".join([*english, *english])  # twice over: repeated names are counted too
    assert len(page) >= ONE_PASS_FROM  # the filter counts its quotes in one pass
    article = article_from_bytes(Path("page.txt"), page.encode("utf-8"))
    rules = extractor.rules_alone().extract(article, lang="en")
    learned = extractor.learned
    codes = learned.read_ahead(article.text)
    assert codes is not None
    filtered = learned.apply(rules, codes=codes)
    assert filtered == learned.apply(rules)
    assert filtered != rules  # the shipped filter drops some of the page's proposals
    assert extractor.extract(article, lang="en") == filtered  # read ahead, then applied


@pytest.mark.parametrize(
    ("sentences", "term"),
    [
        # the term's sentence after sentences with no year word, read past without a search
        (["The ministers met in Nairobi.", "The pact is valid for five years."], (5, False)),
        (["Para menteri bertemu.", "Perjanjian berlaku tiga (3) Tahun."], (3, False)),
        (["THE ACCORD RUNS FOR TEN YEARS AND MAY BE RENEWED."], (10, True)),
        # its extension told in the next sentence, which holds no year word itself
        (["Kesepakatan berlaku selama lima tahun.", "Masa itu dapat diperpanjang."], (5, True)),
        (["Die Vereinbarung gilt für Österreich.", "It runs for two years."], (2, False)),
        # no year word: no term, however the sentence reads
        (["The deal is valid for five months.", "Kerja sama berlaku sejak Maret."], None),
        (["Signed for the second time in a decade."], None),
    ],
)
def test_a_term_is_found_in_sentences_with_a_year_word(
    sentences: list[str], term: tuple[int, bool] | None
) -> None:
    offsets = list(itertools.accumulate((len(s) + 1 for s in sentences), initial=0))
    found = find_term(list(zip(offsets, sentences, strict=False)))  # offsets: one more
    assert ((found.years, found.extendable) if found else None) == term
    if found is not None:  # its span is where the text says it
        assert " ".join(sentences)[found.start : found.end] == found.text
