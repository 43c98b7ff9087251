"""cues.py: the closed-class words that mark signing, scope, comparison, lists and venues."""

from __future__ import annotations

import pytest

from graph_builder.extract import cues


@pytest.mark.parametrize(
    "opening",
    [
        "Selanjutnya, kedua pihak",
        "Lebih lanjut, mereka",
        "Moreover, the two sides",
        "Furthermore, it",
    ],
)
def test_connectives_carry_a_sentence_on(opening):
    assert cues.CONTINUATION.search(opening)


@pytest.mark.parametrize("opening", ["Sementara itu, harga", "Meanwhile, prices"])
def test_a_change_of_subject_does_not(opening):
    assert not cues.CONTINUATION.search(opening)


@pytest.mark.parametrize(
    "between", [", ", " dan ", ", dan ", " serta ", " and ", ", and ", "; ", " as well as "]
)
def test_list_separators(between):
    assert cues.LIST_SEPARATOR.match(between)


@pytest.mark.parametrize("between", [" for the ", " di ", " with "])
def test_words_that_are_not_separators(between):
    assert not cues.LIST_SEPARATOR.match(between)


@pytest.mark.parametrize("text", ["antara lain", "seperti", "such as", "including", "namely"])
def test_example_cues_state_a_scope(text):
    assert cues.SCOPE.search(f"x {text} y") and cues.EXAMPLES.search(text)


def test_venues():
    assert cues.VENUE_AFTER.match(" Summit in Jakarta") and cues.VENUE_BEFORE.search("di KTT ")
    assert not cues.VENUE_AFTER.match(" and Japan")
