"""The seventh round: trade between the parties as an aim of its own, and an aim whose
object stands first with its figure told in an aside before the verb of rising.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import pytest

from .conftest import after_a_signing, found

_TRADE = "bilateral-trade"


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("The partners hope to expand bilateral trade in machinery.", "en"),
        ("Both ministers want trade flows to grow over the next decade.", "en"),
        ("Kesepakatan ini diharapkan meningkatkan volume perdagangan kedua negara.", "id"),
        ("Kedua pihak ingin hubungan dagang tumbuh lebih cepat.", "id"),
    ],
)
def test_trade_between_the_parties_is_its_own_aim_not_exports(run, sentence, lang):
    aims = found(after_a_signing(run, sentence, lang), "objectives")
    assert _TRADE in aims
    assert "export-growth" not in aims


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("They want two-way trade, some 70 million dollars last year, to triple.", "en"),
        ("Officials want bilateral trade, about $45 million in 2024, to double by 2031.", "en"),
        (
            "Kedua menteri menargetkan nilai perdagangan, yang pada 2024 baru US$ 30 juta, "
            "naik tiga kali lipat.",
            "id",
        ),
        (
            "Menurut dia, perdagangan bilateral yang baru sekitar 90 juta dolar per tahun "
            "bisa tumbuh lebih cepat.",
            "id",
        ),
    ],
)
def test_an_aside_with_the_figure_stands_between_object_and_verb(run, sentence, lang):
    """The base figure of an aim ("last year", "pada 2024" with an amount) leaves the
    sentence about the deal, and the aside does not part the object from its verb."""
    assert _TRADE in found(after_a_signing(run, sentence, lang), "objectives")


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        # an earlier year's event with a figure and no expectation stays background
        ("In 2019 trade, then worth $20 million, grew by a tenth.", "en"),
        ("Pada 2020 perdagangan, yang saat itu US$ 15 juta, sempat naik.", "id"),
    ],
)
def test_a_figure_of_an_earlier_year_without_an_aim_is_no_aim(run, sentence, lang):
    assert _TRADE not in found(after_a_signing(run, sentence, lang), "objectives")


_INCOMES, _ACCESS = "better-incomes", "market-access"


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # better incomes, an aim of their own
        ("The scheme is meant to raise the incomes of seaweed growers.", "en", _INCOMES),
        ("They hope household incomes will grow once the mill opens.", "en", _INCOMES),
        ("Program ini bertujuan menaikkan pendapatan nelayan di pesisir.", "id", _INCOMES),
        ("Pemerintah berharap penghasilan keluarga petani naik.", "id", _INCOMES),
        # a verb of meeting with the rules or demands of a market
        (
            "The aim is to help tanneries meet the strict import requirements of Japan.",
            "en",
            _ACCESS,
        ),
        (
            "The centre should help exporters meet the packaging rules of their buyers.",
            "en",
            _ACCESS,
        ),
        ("Pelatihan ini agar perajin memenuhi tuntutan pembeli di Eropa.", "id", _ACCESS),
        # a noun of entry taking a place for its market
        ("Officials hope the port will be a gateway to Central Asia.", "en", _ACCESS),
        ("Kawasan itu diharapkan menjadi pintu masuk ke Afrika Timur.", "id", _ACCESS),
        # goods accepted in the markets of both
        ("Sertifikat bersama ini diharapkan membuat produk lebih mudah diterima.", "id", _ACCESS),
    ],
)
def test_incomes_and_market_access_worded_as_clauses(run, sentence, lang, concept):
    assert concept in found(after_a_signing(run, sentence, lang), "objectives")


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        # standards met are the standards activity's, not an aim of access
        ("The aim is to help plants meet international quality standards.", "en"),
        # access to a place's technology is no market ("access to" takes no place)
        ("The deal will give access to Japanese technology.", "en"),
    ],
)
def test_standards_and_access_to_a_named_thing_are_not_market_access(run, sentence, lang):
    assert "market-access" not in found(after_a_signing(run, sentence, lang), "objectives")


@pytest.mark.parametrize(
    "sentence",
    [
        "Kerja sama itu meliputi pendampingan bengkel las di Cilegon oleh insinyur Korea.",
        "Program ini juga menyediakan teknisi pendamping bagi pabrik tahu di Sumedang.",
    ],
)
def test_pendampingan_is_technical_assistance(run, sentence):
    """Hands-on help to firms ("pendampingan") is technical assistance, not the broader
    capacity building ("pembinaan")."""
    activities = found(after_a_signing(run, sentence, "id"), "activities")
    assert "technical-assistance" in activities
    assert "capacity-building" not in activities


@pytest.mark.parametrize(
    "text",
    [
        "Indonesia dan Gambia meneken surat niat kerja sama industri pada Selasa.\n\n"
        "Surat niat itu belum mengikat, tetapi merinci apa yang hendak dikerjakan:\n\n"
        "- pelatihan operator mesin penggilingan kacang tanah;\n\n"
        "- riset bersama minyak kacang tanah.\n",
        "Indonesia and Gambia signed a letter of intent on industry on Tuesday.\n\n"
        "Under the letter of intent the two ministries will:\n\n"
        "- run training for operators of groundnut mills;\n\n"
        "- carry out joint research on groundnut oil.\n",
        "Indonesia dan Gambia menyepakati rencana aksi industri 2027-2028 pada Selasa.\n\n"
        "Rencana aksi tersebut memuat dua hal yang hendak dikerjakan:\n\n"
        "- pelatihan operator mesin penggilingan kacang tanah;\n\n"
        "- riset bersama minyak kacang tanah.\n",
    ],
)
def test_a_letter_of_intent_or_action_plan_states_the_deals_scope(run, text):
    """A letter of intent, a joint statement or an action plan is the deal, and what it
    says will ('hendak') be done is its scope."""
    assert {"training", "joint-research"} <= found(run(text), "activities")


def test_a_companys_supply_contract_is_no_supply_partnership(run):
    sentence = "On the sidelines, a Medan shoe maker signed a supply contract with a Peruvian firm."
    assert "raw-material-supply" not in found(after_a_signing(run, sentence, "en"), "activities")
