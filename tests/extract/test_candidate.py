"""candidate.py: the suggested agreement takes the article's year, never the clock's."""

from __future__ import annotations

import pytest

from graph_builder.extract.candidate import candidate_data


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Indonesia dan Jepang menandatangani nota kesepahaman industri pada 2 Mei 2019.", "2019"),
        ("JAKARTA, 3 Juni 2016 - Indonesia dan Jepang menandatangani nota kesepahaman.", "2016"),
        (
            "Indonesia dan Jepang menandatangani nota kesepahaman industri kemarin. Pada 2017 "
            "kedua negara membuka pabrik.",
            "2017",
        ),
    ],
)
def test_the_suggested_id_takes_the_article_year(run, extractor, text, year):
    data = candidate_data(run(text), extractor.lexicon)
    agreement = data["unresolved"]["agreement"]
    assert agreement["suggested_id"].endswith(year)
    assert agreement["label"]["en"].endswith(f"({year})")


def test_without_a_year_the_suggestion_has_none(run, extractor):
    data = candidate_data(
        run("Indonesia dan Jepang menandatangani nota kesepahaman industri."), extractor.lexicon
    )
    assert not any(ch.isdigit() for ch in data["unresolved"]["agreement"]["suggested_id"])
