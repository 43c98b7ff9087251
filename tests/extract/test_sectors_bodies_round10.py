"""The tenth round on sectors, bodies, parties and dates: a short name two states share read
as the state the article names in full first, the Indonesian press's names of Equatorial
Guinea and the Republic of the Congo, and commodities coordinated after a process noun each
naming their industry.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import pytest

from graph_builder.extract.matcher import Mention
from graph_builder.extract.patterns import Target
from graph_builder.extract.shortnames import read_shared_names


def _countries(result):
    return {f.ref for f in result.of("countries")}


@pytest.mark.parametrize(
    ("text", "lang", "party", "not_party"),
    [
        # the Republic named in full first; the short name afterwards is the same state
        (
            "Indonesia dan Republik Kongo menandatangani nota kesepahaman kerja sama industri "
            "pengolahan kayu pada Senin. Menteri Perdagangan Kongo hadir di Jakarta.",
            "id",
            "CG",
            "CD",
        ),
        (
            "Indonesia and the Republic of the Congo signed a memorandum of understanding on "
            "wood processing on Monday. Congo's Minister of Trade attended the signing.",
            "en",
            "CG",
            "CD",
        ),
        # the other sharer named later, set apart, does not take the short name
        (
            "Indonesia dan Republik Kongo menandatangani nota kesepahaman kerja sama industri "
            "pada Senin. Menteri Perdagangan Kongo hadir. Mitra ini bukan Republik "
            "Demokratik Kongo.",
            "id",
            "CG",
            "CD",
        ),
        # the Democratic Republic named in full first keeps the short name
        (
            "Indonesia dan Republik Demokratik Kongo menandatangani nota kesepahaman kerja sama "
            "industri baterai pada Senin. Menteri Pertambangan Kongo hadir di Jakarta.",
            "id",
            "CD",
            "CG",
        ),
        # the Indonesian press's name of Equatorial Guinea is not Guinea
        (
            "Indonesia dan Guinea Ekuatorial menandatangani surat niat kerja sama industri "
            "petrokimia pada Senin.",
            "id",
            "GQ",
            "GN",
        ),
        (
            "Indonesia dan Kongo-Brazzaville menandatangani nota kesepahaman kerja sama industri "
            "pada Senin.",
            "id",
            "CG",
            "CD",
        ),
    ],
)
def test_a_short_name_two_states_share_is_the_state_named_in_full(
    run, text, lang, party, not_party
):
    countries = _countries(run(text, lang=lang))
    assert party in countries
    assert not_party not in countries


def _mention(start: int, text: str, code: str) -> Mention:
    return Mention(start, start + len(text), text, (Target("countries", code, True, code),))


def test_a_short_name_alone_keeps_its_owner_in_the_table():
    mentions = [_mention(0, "Kongo", "CD"), _mention(20, "Chile", "CL")]
    assert read_shared_names(mentions) == mentions


def test_a_short_name_takes_the_first_full_name_not_a_capital_flag():
    full = Mention(
        0, 14, "Republik Kongo", (Target("countries", "CG", True, "Congo", capital=True),)
    )
    short = _mention(30, "Kongo", "CD")
    read = read_shared_names([full, short])
    assert [t.ref for t in read[1].targets] == ["CG"]
    assert not read[1].targets[0].capital
