"""extract.py: sentences in scope, enumerations, classes, dates anchored to the article."""

from __future__ import annotations

from .conftest import refs

_CLAUSE = (
    "Indonesia dan Jepang menandatangani kerja sama industri yang meliputi industri otomotif, "
    "industri kimia, industri, pertumbuhan ekonomi, Kementerian Pertanian Rakyat, sektor kopi "
    "bubuk, "
)


def test_a_long_single_line_text_is_read_to_the_end(run):
    # About 1 MB in one line and one sentence: the sibling count of generic concepts and the
    # scan for unknown sectors were quadratic in the mentions of one sentence.
    text = "JAKARTA, 13 Maret 2024 - " + _CLAUSE * (1_000_000 // len(_CLAUSE))
    result = run(text + "industri tekstil dan produk tekstil.")
    assert refs(result, "countries") == {"ID", "JP"}
    assert {"automotive", "chemicals", "textiles"} <= refs(result, "sectors")
    assert str(result.published) == "2024-03-13"
