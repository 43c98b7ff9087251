"""extract/learn: the features a proposal is judged by, the model, its file, and fit.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from graph_builder.errors import SourceError
from graph_builder.extract import Extraction, Finding
from graph_builder.extract.evaluate import LabelledArticle, load_gold
from graph_builder.extract.findings import ArticleMeta
from graph_builder.extract.learn import SHIPPED, filter_json, read_filter, train
from graph_builder.extract.learn.features import (
    mentions,
    proposal_features,
    quoted_counts,
    sentence_at,
    window_words,
)
from graph_builder.extract.learn.logistic import Example, Weights, vocabulary
from graph_builder.extract.learn.logistic import train as train_weights
from graph_builder.extract.learn.model import ClassData, ClassFilter, Filter, choose_threshold
from graph_builder.extract.learn.occurrences import count_all
from graph_builder.extract.learn.training import country_names, passed_over
from graph_builder.extract.text import article_from_bytes

GOLD = Path(__file__).parents[1] / "extract_gold"


def _proposal(text: str, says: str, *, cls: str = "countries", paragraph: int = 1):
    article = article_from_bytes(Path("a.txt"), text.encode("utf-8"))
    finding = Finding(cls, says.lower(), says, True, says, paragraph, (0, 0))
    extraction = Extraction(article, "en", ArticleMeta(), findings={cls: [finding]})
    return extraction, finding


SIGNED = "Indonesia signed an accord with Peru on Monday."


@pytest.mark.parametrize(
    ("text", "says", "feature", "present"),
    [
        (SIGNED, "Peru", "after_partner_word", True),
        (SIGNED, "Peru", "sentence:signing", True),
        (SIGNED, "Peru", "beside_indonesia", True),
        (SIGNED, "Peru", "before:with", True),
        (SIGNED, "Peru", "after:on", True),
        (SIGNED, "Indonesia", "beside_indonesia", False),
        ("Nickel shipments to Chile doubled last year.", "Chile", "sentence:trade", True),
        ("Exports to Chile doubled. Then Peru signed a pact.", "Peru", "sentence:trade", False),
        ("Output grew faster than in rivals such as Vietnam.", "Vietnam", "after_comparator", True),
        ("The plant is financed by a loan from Korea.", "Korea", "sentence:funding", True),
        ("Brazil has not joined the scheme.", "Brazil", "sentence:negation", True),
        ("The deal covers textiles and footwear, said Peru.", "Peru", "sentence:scope", True),
        ("Kerja sama dengan Peru diteken di Lima.", "Peru", "after_partner_word", True),
        ("Peru bought more copper.", "Peru", "sentence:signing", False),
        ("Peru bought more copper.", "Peru", "after_partner_word", False),
        ("Ghana was named in no sentence of this kind.", "Togo", "not_quoted", True),
    ],
)
def test_a_proposal_has_the_features_its_sentence_shows(text, says, feature, present):
    extraction, finding = _proposal(text, says)
    assert (proposal_features(extraction, finding).get(feature) == 1.0) is present


@pytest.mark.parametrize(
    ("text", "paragraph", "mentions", "lead"),
    [
        ("Peru and Indonesia met. Peru spoke first. Later Peru left.", 1, 3, 1.0),
        ("Peru and Indonesia met.", 4, 1, 0.0),
    ],
)
def test_mentions_and_lead_are_counted(text, paragraph, mentions, lead):
    extraction, finding = _proposal(text, "Peru", paragraph=paragraph)
    features = proposal_features(extraction, finding)
    assert features["mentions"] == pytest.approx(math.log1p(mentions))
    assert features["lead"] == lead and features["bias"] == 1.0


@pytest.mark.parametrize(
    ("text", "says", "count", "places"),
    [
        ("Peru met peru and PERU.", "Peru", 1, [0]),  # the exact words first
        ("peru met PERU.", "Peru", 2, [0, 9]),  # else ignoring case
        ("Peru-Peru-Peru", "Peru-Peru", 1, [0]),  # a mention does not overlap the last
        ("Peru " * 7, "Peru", 7, [0, 5, 10, 15, 20]),  # all counted, five placed
        ("Peru met Chile.", "", 0, []),
        ("Peru met Chile.", "Togo", 0, []),
    ],
)
def test_the_quoted_words_are_counted_and_placed_as_a_search_would(text, says, count, places):
    extraction, finding = _proposal(text, says)
    assert mentions(extraction.article.text, finding) == (count, places)


def test_the_window_takes_six_lowercased_words_each_side():
    text = "one two three four five six Seven Peru eight nine ten eleven twelve thirteen fourteen"
    start = text.index("Peru")
    before, after = window_words(text, start, start + 4)
    assert before == ["two", "three", "four", "five", "six", "seven"]
    assert after == ["eight", "nine", "ten", "eleven", "twelve", "thirteen"]


def test_the_sentence_runs_from_the_last_stop_to_the_next():
    text = "First one here. Peru signed today. Last one."
    start, end = sentence_at(text, text.index("Peru"))
    assert text[start:end] == "Peru signed today."


def _examples(bad_word: str = "rival") -> list[Example]:
    """Good proposals say "with", bad ones *bad_word*, in every one of six groups."""
    examples = []
    for group in range(6):
        for i in range(8):
            good = i % 4 != 0
            word = "before:with" if good else f"before:{bad_word}"
            examples.append(Example({"bias": 1.0, word: 1.0}, good, f"g{group}"))
    return examples


def test_a_feature_of_one_group_is_not_learned():
    examples = [*_examples(), Example({"bias": 1.0, "only:here": 1.0}, False, "g0")]
    assert "only:here" not in vocabulary(examples)
    assert {"bias", "before:with", "before:rival"} <= set(vocabulary(examples))


def test_training_learns_the_word_of_the_bad_proposals_and_is_deterministic():
    weights = train_weights(_examples())
    assert weights == train_weights(_examples())
    good = weights.probability({"bias": 1.0, "before:with": 1.0})
    bad = weights.probability({"bias": 1.0, "before:rival": 1.0})
    assert good > 0.7 > 0.3 > bad


def test_a_threshold_is_chosen_only_when_dropping_raises_f1():
    examples = _examples()
    good = sum(e.good for e in examples)
    assert choose_threshold(ClassData(examples, expected=good, recalled=good)) > 0.0
    all_good = [e for e in examples if e.good]
    assert choose_threshold(ClassData(all_good, expected=good, recalled=good)) == 0.0


def test_the_filter_drops_below_its_threshold_and_leaves_the_extraction_alone():
    extraction, finding = _proposal("Output grew faster than in rivals such as Vietnam.", "Vietnam")
    rule = ClassFilter(Weights({"after_comparator": -5.0, "bias": 1.0}), threshold=0.5)
    filtered = Filter({"countries": rule}).apply(extraction)
    assert filtered.of("countries") == [] and extraction.of("countries") == [finding]
    kept = Filter({"countries": ClassFilter(rule.weights, 0.0)}).apply(extraction)
    assert kept.of("countries") == [finding]


def test_the_model_file_round_trips(tmp_path):
    model = Filter({"countries": ClassFilter(Weights({"bias": 0.5, "lead": 1.25}), 0.4)})
    path = tmp_path / "filter.json"
    path.write_text(filter_json(model), encoding="utf-8")
    assert read_filter(path) == model


@pytest.mark.parametrize(
    ("content", "message"),
    [("{", "not a readable model file"), ('{"format": 99}', "not a model file of this version")],
)
def test_a_bad_model_file_is_named(tmp_path, content, message):
    path = tmp_path / "filter.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError, match=message) as caught:
        read_filter(path)
    assert "filter.json" in str(caught.value)


def test_the_shipped_file_is_what_training_on_the_gold_folder_gives(extractor):
    assert SHIPPED.read_text(encoding="utf-8") == filter_json(train(extractor, load_gold(GOLD)))
    assert SHIPPED.stat().st_size < 300_000


def test_fit_returns_a_copy_that_shares_the_matchers(extractor):
    articles = load_gold(GOLD)[:12]
    fitted = extractor.fit(articles)
    assert fitted is not extractor and fitted.lexicon is extractor.lexicon
    assert fitted.learned is not None and set(fitted.learned.classes) <= {
        "countries",
        "bodies",
        "sectors",
        "activities",
        "objectives",
    }


def test_countries_the_rules_passed_over_teach_as_non_proposals(extractor, run):
    text = (
        "Indonesia and Peru signed a memorandum on industry on Monday. "
        "Exports of nickel to China rose last year."
    )
    extraction = run(text)
    assert {f.ref for f in extraction.of("countries")} == {"ID", "PE"}
    article = LabelledArticle(
        "a", Path("a.txt"), {"expected": {"countries": ["Indonesia", "Peru"]}}, "g1"
    )
    examples = passed_over(extractor, extraction, article, country_names(extractor))
    assert [(e.good, e.proposed, e.group) for e in examples] == [(False, False, "g1")]
    assert examples[0].features.get("sentence:trade") == 1.0


def test_a_long_text_without_stops_is_read_near_each_mention_only():
    text = "Peru " + "word " * 20_000 + "and Peru again " * 5_000
    start, end = sentence_at(text, 10)
    assert (start, end) == (0, 410)
    extraction, finding = _proposal(text, "Peru")
    assert proposal_features(extraction, finding)["mentions"] == pytest.approx(math.log1p(5_001))


@pytest.mark.parametrize(
    ("text", "strings"),
    [
        ("aaaaaaaaa", ["aa", "aaa", "aaaa", "a"]),  # overlapping occurrences count once
        ("abababab aba", ["aba", "abab", "ba", "b"]),
        ("Korea Selatan, Korea Utara dan Korea", ["Korea", "Korea Selatan", "Utara", "Jepang"]),
        ("éaéaé ééé aé Türkiye", ["éaé", "éé", "ééé", "Türkiye", "ürk", "aé"]),  # UTF-8
        ("AS dan RI; ASEAN", ["AS", "RI", "ASEAN", "S"]),  # shorter than three bytes
        ("ab", ["abc", "ab"]),  # a text shorter than a string's head
        ("Indonesia, India; Indo", ["Indonesia", "India", "Indo", "Ind"]),  # one head
    ],
)
def test_one_pass_counts_are_str_count(text: str, strings: list[str]) -> None:
    found = count_all(text, strings, first=2)
    assert {s: found[s].total for s in strings} == {s: text.count(s) for s in strings}
    assert {s: found[s].first for s in strings if len(s.encode()) >= 3} == {
        s: [m.start() for m in re.finditer(re.escape(s), text)][:2]
        for s in strings
        if len(s.encode()) >= 3
    }  # and the first places, as character offsets


def test_quoted_counts_of_a_long_page_are_str_count() -> None:
    words = ["Indonesia", "India", "Jepang", "Korea Selatan", "AS", "é-é", "Türkiye", "ia, I"]
    text = " ".join(words[(i * 7) % 11 % len(words)] for i in range(60_000))
    assert len(text) >= 200_000  # counted in one pass, not string by string
    counted = quoted_counts(text, [*words, "", "absent"])
    assert {s: o.total for s, o in counted.items()} == {
        s: text.count(s) for s in [*words, "absent"]
    }
    finding = Finding("countries", "JP", "Japan", True, "Jepang", 1, (0, 6))
    assert mentions(text, finding, counted=counted["Jepang"]) == mentions(text, finding)
