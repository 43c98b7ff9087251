"""people.py: names after titles, without the title's words; unknown sectors."""

from __future__ import annotations

import pytest

from .conftest import refs


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Menteri Perindustrian Hadi Santoso menandatangani MoU.", "Hadi Santoso"),
        ("Menteri Perdagangan Jepang Taro Yamada menandatangani MoU.", "Taro Yamada"),
        ("Menteri Koordinator Bidang Perekonomian Budi Hartono hadir.", "Budi Hartono"),
        ("Minister of Foreign Affairs Maria Lopez signed the MoU.", "Maria Lopez"),
    ],
)
def test_a_title_does_not_leak_into_the_name(run, sentence, name):
    people = [f.label for f in run(sentence).of("persons")]
    assert people == [name]


def test_a_sector_no_concept_covers_is_proposed(run):
    result = run("Indonesia dan Peru menandatangani kerja sama di bidang industri gambir olahan.")
    assert "gambir-olahan" in {f.ref for f in result.unresolved if f.cls == "sectors"}
    assert refs(result, "countries") == {"ID", "PE"}
