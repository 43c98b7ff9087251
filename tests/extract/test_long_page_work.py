"""Work a long page's extraction does ahead, beside its child: the same results as after."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_builder.extract import Extractor
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
