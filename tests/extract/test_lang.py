"""lang.py: Indonesian or English by function words."""

from __future__ import annotations

import pytest

from graph_builder.extract import ArticleError
from graph_builder.extract.lang import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Kedua negara sepakat untuk memperkuat kerja sama di bidang industri yang baru.", "id"),
        ("The two countries agreed to strengthen their cooperation in the new industries.", "en"),
    ],
)
def test_detects_the_language(text, lang):
    assert detect_language(text) == lang


def test_neither_language_is_an_error_naming_the_file():
    with pytest.raises(ArticleError, match=r"a\.txt"):
        detect_language("12345 67890", path="a.txt")
