"""A list item longer than a short line is still an item when the list is punctuated as one:
a paragraph ending in a semicolon ("…;", "…; and", "…; dan"), and the paragraph after it.
Before, a long first item ended the list, and every item after it was lost with it.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import pytest

from .conftest import found

EN = (
    "Indonesia and Chile signed a memorandum of understanding on industry in Santiago on "
    "Monday.\n\n"
    "The memorandum names three areas in which the two ministries will work together:\n\n"
    "{first}\n\n"
    "training of motor winders and test engineers in the certification of electric motors;\n\n"
    "a joint study of copper smelting.\n"
)
LONG_EN = (
    "visits by officials of the mining ministries of both countries to the copper smelters of "
    "East Java and the lithium plants of the Atacama, paid for by the host and led by its "
    "industry ministry"
)
ID = (
    "Indonesia dan Chile menandatangani nota kesepahaman kerja sama industri di Santiago pada "
    "Senin.\n\n"
    "Nota kesepahaman itu memuat tiga bidang kerja sama kedua kementerian:\n\n"
    "{first}\n\n"
    "pelatihan bagi teknisi penggulung motor dan perekayasa uji tentang sertifikasi motor "
    "listrik;\n\n"
    "kajian bersama peleburan tembaga.\n"
)
LONG_ID = (
    "kunjungan pejabat kementerian pertambangan kedua negara ke pabrik peleburan tembaga di "
    "Jawa Timur dan pabrik litium di Atacama, dibiayai tuan rumah dan dipimpin kementerian "
    "perindustriannya"
)


@pytest.mark.parametrize(
    ("template", "first"),
    [
        (EN, LONG_EN + ";"),
        (EN, LONG_EN + "; and"),
        (ID, LONG_ID + ";"),
        (ID, LONG_ID + "; dan"),
    ],
    ids=["en-semicolon", "en-semicolon-and", "id-semicolon", "id-semicolon-dan"],
)
def test_a_long_item_ending_in_a_semicolon_keeps_its_list_in_scope(run, template, first):
    acts = found(run(template.format(first=first)), "activities")
    assert {"training", "joint-research"} <= acts


def test_a_long_paragraph_ending_in_a_stop_still_ends_the_list(run):
    """Without the list's punctuation a long paragraph is prose after the list, as before."""
    assert "joint-research" not in found(run(EN.format(first=LONG_EN + ".")), "activities")
