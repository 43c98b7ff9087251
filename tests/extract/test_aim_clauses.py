"""aims.py, the fourth round: aims and activities written as clauses, not nouns.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import pytest

from .conftest import after_a_signing, found


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # a verb of diversifying and what it diversifies
        (
            "The minister hopes it will diversify an economy built on copper.",
            "en",
            "economic-diversification",
        ),
        (
            "Kerja sama ini untuk mendiversifikasi perekonomian daerah tambang.",
            "id",
            "economic-diversification",
        ),
        ("The aim is to diversify export destinations beyond Asia.", "en", "export-growth"),
        # trade put first, then a verb of rising, the cue between them
        ("Perdagangan kedua negara diharapkan tumbuh dua kali lipat.", "id", "bilateral-trade"),
        ("Both hoped two-way trade would grow by half.", "en", "bilateral-trade"),
        # the value put first, then a verb of staying ("stays at home")
        ("Jika diolah di sini, nilai tambahnya tetap di dalam negeri.", "id", "downstreaming"),
        ("The goal is that the added value stays in the country.", "en", "downstreaming"),
        # supplies put first, then a predicate of security
        (
            "Dengan kerja sama ini pasokan bahan baku pabrik kita akan lebih terjamin.",
            "id",
            "raw-material-security",
        ),
        (
            "It should help the smelters secure a steady supply of copper concentrate.",
            "en",
            "raw-material-security",
        ),
        # raising the value of what is sold
        ("The workshops aim to raise the value of what weavers sell.", "en", "downstreaming"),
        # keeping growth and access to markets
        ("The plan is to keep economic growth above five percent.", "en", "economic-growth"),
        ("Exporters want to keep access to markets that tax carbon.", "en", "market-access"),
        # nouns of entry take a market as a verb of entering does
        (
            "Chilean firms are looking for a foothold in the Southeast Asian market.",
            "en",
            "market-access",
        ),
        # costs and counterfeits cut
        ("Program ini bertujuan menekan biaya energi pabrik kecil.", "id", "lower-costs"),
        (
            "The rules are meant to curb counterfeiting of batik motifs.",
            "en",
            "counterfeit-protection",
        ),
        # predicates: competing on price, an industry that is cleaner
        ("We want mills that can compete on price with imports.", "en", "global-competitiveness"),
        ("They want a cement industry that is cleaner.", "en", "emission-reduction"),
        # the deal as the subject of a verb of change is a cue of its own
        (
            "Bayu menilai kerja sama ini juga membuka pasar bagi galangan kapal nasional.",
            "id",
            "export-growth",
        ),
        # an aim after another in one list takes that list's cue
        (
            "Targetnya jelas: menurunkan emisi pabrik pengolahan ikan dan kakao di pesisir timur, "
            "dan meningkatkan nilai tambah komoditas.",
            "id",
            "downstreaming",
        ),
        # last year's figure as an aim's base does not make the sentence an earlier event
        (
            "Both sides hoped to double two-way trade from $300 million last year.",
            "en",
            "bilateral-trade",
        ),
        (
            "MoU ini diharapkan meningkatkan nilai perdagangan yang tahun lalu baru 40 juta dolar.",
            "id",
            "bilateral-trade",
        ),
        # a clause coordinated with an aim shares its cue
        (
            "If we can secure copper this way, we reduce our dependence on imports and the whole "
            "cable industry becomes more competitive.",
            "en",
            "global-competitiveness",
        ),
        (
            "Officials said the deal aimed to diversify both economies, which grew 4 percent "
            "last year.",
            "en",
            "economic-diversification",
        ),
        # a verb of employing and the people it employs
        ("We want to build industries that employ young people.", "en", "job-creation"),
        ("Pabrik itu diharapkan mempekerjakan lulusan SMK setempat.", "id", "job-creation"),
        # what must happen is an aim
        ("Nilai tambahnya harus tinggal di daerah penghasil, kata menteri.", "id", "downstreaming"),
    ],
)
def test_aims_written_as_clauses(run, sentence, lang, concept):
    assert concept in found(after_a_signing(run, sentence, lang), "objectives")


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        (
            "Young people entering the labour market need skills, officials said.",
            "en",
            "export-growth",
        ),
        ("The mill applies cleaner production methods.", "en", "emission-reduction"),
        (
            "Pinjaman itu akan digunakan untuk membangun pasokan air baku.",
            "id",
            "supply-chain-resilience",
        ),
        ("The memorandum on circular economy was signed on Friday.", "en", "market-access"),
    ],
)
def test_words_near_a_clause_that_state_no_such_aim(run, sentence, lang, concept):
    assert concept not in found(after_a_signing(run, sentence, lang), "objectives")


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # assess and advise: technical assistance
        (
            "Chilean engineers will assess the condition of two kilns and advise on repairs.",
            "en",
            "technical-assistance",
        ),
        (
            "Ministry staff will run advice desks for exporters in four provinces.",
            "en",
            "technical-assistance",
        ),
        # sending experts: an exchange of experts
        (
            "Kedua pihak akan mengirim tenaga ahli ke pabrik peleburan di Antofagasta.",
            "id",
            "knowledge-sharing",
        ),
        ("Indonesia will send experts to the smelter in Antofagasta.", "en", "knowledge-sharing"),
        # placements and workshops on a subject: training
        (
            "The programme offers placements for engineers at testing laboratories.",
            "en",
            "training",
        ),
        ("It includes workshops on registering trademarks.", "en", "training"),
        # pilot production: a joint technical project
        (
            "They will start pilot production of copper foil in Batam.",
            "en",
            "joint-technical-projects",
        ),
        # working groups, feasibility studies, trade promotion
        ("The ministries will set up a technical working group.", "en", "joint-working-group"),
        ("Kedua pihak membentuk kelompok kerja bersama.", "id", "joint-working-group"),
        ("They will study the feasibility of a cathode plant.", "en", "feasibility-studies"),
        ("Ruang lingkupnya meliputi promosi perdagangan produk olahan.", "id", "trade-promotion"),
        # an event planned in an article about a deal is its scope
        ("A business forum is planned in Santiago in May.", "en", "business-matching"),
        ("Forum bisnis dijadwalkan di Santiago pada Mei.", "id", "business-matching"),
        # building an institution's capacity; regular exchanges on a subject
        ("They will build the capacity of customs examiners.", "en", "capacity-building"),
        (
            "The MoU includes regular exchanges on carbon accounting.",
            "en",
            "technology-market-information-exchange",
        ),
    ],
)
def test_activities_written_as_verb_frames(run, sentence, lang, concept):
    assert concept in found(after_a_signing(run, sentence, lang), "activities")


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Dengan kerja sama ini pasokan bahan baku pabrik kita akan lebih terjamin.", "id"),
        ("The deal should make supplies of raw materials more secure.", "en"),
        # words that begin inside the aim and run past it are the aim's too
        ("Kerja sama ini penting untuk menjamin pasokan bahan baku industri sepatu.", "id"),
        ("The deal is meant to secure supplies of cobalt for battery plants.", "en"),
    ],
)
def test_supplies_inside_an_aim_are_the_aim_not_a_supply_activity(run, sentence, lang):
    result = after_a_signing(run, sentence, lang)
    assert "raw-material-security" in found(result, "objectives")
    assert "raw-material-supply" not in found(result, "activities")


def test_a_trade_figure_of_last_year_without_an_aim_stays_background(run):
    result = after_a_signing(run, "Two-way trade grew to $300 million last year.", "en")
    assert "export-growth" not in found(result, "objectives")
