"""English news writes a minister as COUNTRY + portfolio + "Minister" ("Singapore Education
Minister"); the portfolios written first are read for more than the economic ministries."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def extractor():
    from graph_builder.extract import load_extractor

    return load_extractor()


def _bodies(extractor, tmp_path: Path, text: str) -> dict[str, str]:
    from graph_builder.extract.text import read_article

    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    result = extractor.extract(read_article(path))
    return {f.label if not f.known else f.ref: f.says for f in result.of("bodies")}


@pytest.mark.parametrize(
    ("text", "label", "says"),
    [
        (
            "JAKARTA - Indonesia's Industry Minister and the Singapore Education Minister signed "
            "a memorandum of understanding on vocational training for factory technicians.",
            "Ministry of Education of Singapore",
            "Education Minister",
        ),
        (
            "KUALA LUMPUR - The Malaysian Agriculture Minister and Indonesia's Industry Minister "
            "signed a memorandum on palm oil processing machinery.",
            "Ministry of Agriculture of Malaysia",
            "Agriculture Minister",
        ),
    ],
)
def test_a_country_and_a_portfolio_before_minister_name_that_countrys_ministry(
    extractor, tmp_path, text, label, says
):
    bodies = _bodies(extractor, tmp_path, text)
    assert bodies.get(label) == says, bodies
    assert bodies["kemenperin"] == "Industry Minister"
