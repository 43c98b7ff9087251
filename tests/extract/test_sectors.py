"""sectors.py: compound lists that share their head, process nouns and their objects."""

from __future__ import annotations

import pytest

from .conftest import refs, unresolved


def _unresolved(result):
    return unresolved(result, "sectors")


@pytest.mark.parametrize(
    "sentence",
    [
        "Indonesia dan Peru menandatangani kerja sama di industri tekstil, tembakau dan kertas.",
        "Indonesia and Peru signed an MoU covering the textile, tobacco and paper industries.",
    ],
)
def test_a_compound_list_shares_its_head(run, sentence):
    result = run(sentence)
    assert "textiles" in refs(result, "sectors")
    assert {"isic-12", "isic-17"} <= set(_unresolved(result))


def test_a_sector_outside_the_scheme_carries_its_isic_code(run):
    result = run("Indonesia and Peru signed an MoU on the furniture industry.")
    assert _unresolved(result)["isic-31"].label == "Manufacture of furniture (ISIC 31)"


@pytest.mark.parametrize(
    ("sentence", "proposed"),
    [
        (
            "Indonesia dan Peru menandatangani kerja sama industri pengolahan rumput laut.",
            "pengolahan-rumput-laut",
        ),
        (
            "Indonesia dan Peru menandatangani kerja sama industri perakitan drone.",
            "perakitan-drone",
        ),
    ],
)
def test_a_process_noun_with_its_object_is_not_all_of_manufacturing(run, sentence, proposed):
    result = run(sentence)
    assert "manufacturing" not in refs(result, "sectors")
    assert proposed in _unresolved(result)


@pytest.mark.parametrize(
    "sentence",
    [
        "Indonesia dan Peru menandatangani kerja sama; sektor tersebut meliputi banyak hal.",
        "Indonesia and Peru signed an MoU; the sector will include many things.",
    ],
)
def test_no_sector_is_made_of_function_words(run, sentence):
    assert not _unresolved(run(sentence))


def test_kbli_spelling_variants(run):
    result = run("Indonesia dan Peru menandatangani kerja sama industri mebel dan industri garmen.")
    assert "textiles" in refs(result, "sectors")
    assert "isic-31" in _unresolved(result)
