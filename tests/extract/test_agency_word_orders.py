"""English news writes the industry ministry's agencies in the word order of their
Indonesian names ("Industrial Human Resources Development Agency"), not only in the
ministry's own ("Agency for Industrial Human Resources Development"): both name the body."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def extractor():
    from graph_builder.extract import load_extractor

    return load_extractor()


@pytest.mark.parametrize(
    ("name", "ref"),
    [
        ("the Industrial Human Resources Development Agency", "bpsdmi"),
        ("the Agency for Industrial Human Resources Development", "bpsdmi"),
        ("the Industrial Research and Development Agency", "bskji"),
        ("the Industrial Standardization and Services Policy Agency", "bskji"),
    ],
)
def test_an_agency_is_named_in_either_word_order(extractor, tmp_path: Path, name, ref):
    from graph_builder.extract.text import read_article

    path = tmp_path / "article.txt"
    path.write_text(
        f"JAKARTA - {name[0].upper()}{name[1:]} of the Ministry of Industry and Japan's "
        "Ministry of Economy, Trade and Industry signed a memorandum on training for "
        "automotive workers.\n",
        encoding="utf-8",
    )
    result = extractor.extract(read_article(path))
    assert ref in {f.ref for f in result.of("bodies")}
