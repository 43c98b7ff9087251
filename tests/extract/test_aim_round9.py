"""The ninth round: jobs told as who gets work, technical assistance told as what experts
will do, financing (loans and grants) as an activity, a market's checks passed, buyers
reached, an economy that should lean on more than one thing, trainees as a subject, imports
replaced, fuel imports cut (energy security) and resilience as a predicate.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import pytest

from .conftest import after_a_signing, found

_AIM, _ACT = "objectives", "activities"


@pytest.mark.parametrize(
    ("sentence", "lang", "cls", "concept"),
    [
        # jobs as the work someone is given (a verb of giving takes the create frame)
        (
            "The minister hopes the plant will give work to school leavers.",
            "en",
            _AIM,
            "job-creation",
        ),
        (
            "The cooperative wants to start giving work to fishermen's wives.",
            "en",
            _AIM,
            "job-creation",
        ),
        (
            "Pabrik pakan itu diharapkan memberi pekerjaan bagi pemuda desa.",
            "id",
            _AIM,
            "job-creation",
        ),
        (
            "Bengkel baru bisa memberikan pekerjaan tetap kepada lulusan SMK.",
            "id",
            _AIM,
            "job-creation",
        ),
        # an estimate is an expectation: "diperkirakan" cues the aim after it
        (
            "Pabrik itu diperkirakan menyerap sekitar 800 tenaga kerja.",
            "id",
            _AIM,
            "job-creation",
        ),
        (
            "Kawasan tersebut diproyeksikan membuka lapangan kerja bagi 3.000 orang.",
            "id",
            _AIM,
            "job-creation",
        ),
        # experts as the subject of helping or accompanying: technical assistance
        (
            "Under the plan, Indonesian engineers will help the mill replace its boilers.",
            "en",
            _ACT,
            "technical-assistance",
        ),
        (
            "Under the memorandum, two specialists from Bandung will advise the tannery on effluent.",
            "en",
            _ACT,
            "technical-assistance",
        ),
        (
            "Dalam kerja sama ini, teknisi dari Surabaya akan mendampingi bengkel setempat.",
            "id",
            _ACT,
            "technical-assistance",
        ),
        (
            "Kesepakatan itu menyebut tenaga ahli Indonesia membimbing koperasi penyuling.",
            "id",
            _ACT,
            "technical-assistance",
        ),
        # loans and grants as an activity of the deal
        (
            "The bank will extend a concessional loan of 40 million dollars for the estate.",
            "en",
            _ACT,
            "development-financing",
        ),
        (
            "Under the programme, the agency finances the first ten dryers as a grant.",
            "en",
            _ACT,
            "development-financing",
        ),
        (
            "Dana itu menyalurkan pinjaman lunak untuk pembangunan jalan kawasan.",
            "id",
            _ACT,
            "development-financing",
        ),
        (
            "Melalui kerja sama ini, Jepang memberikan hibah peralatan untuk balai pelatihan.",
            "id",
            _ACT,
            "development-financing",
        ),
        # a market's checks passed, its buyers reached: market access
        (
            "The deal should help the mills pass the safety checks of European buyers.",
            "en",
            _AIM,
            "market-access",
        ),
        (
            "Pendampingan itu agar kopi olahan lolos pemeriksaan mutu di pelabuhan tujuan.",
            "id",
            _AIM,
            "market-access",
        ),
        (
            "Certification is meant to let the weavers reach buyers in Japan.",
            "en",
            _AIM,
            "market-access",
        ),
        (
            "Kerja sama ini agar perajin bisa menjangkau pembeli di Timur Tengah.",
            "id",
            _AIM,
            "market-access",
        ),
        # an economy that should not lean on one thing: economic diversification
        (
            "The islands want to depend less on tourism and fishing licences.",
            "en",
            _AIM,
            "economic-diversification",
        ),
        (
            "Pemerintah ingin provinsi itu tidak terus bergantung pada batu bara.",
            "id",
            _AIM,
            "economic-diversification",
        ),
        (
            "The governor hopes the mills become a second source of income for the valley.",
            "en",
            _AIM,
            "economic-diversification",
        ),
        (
            "Menurut bupati, pabrik itu diharapkan menjadi sumber pendapatan kedua warga.",
            "id",
            _AIM,
            "economic-diversification",
        ),
        # ... and depending less on imports stays self-reliance
        (
            "The ministry wants the country to depend less on imported fertiliser.",
            "en",
            _AIM,
            "industrial-self-reliance",
        ),
        # trainees as the subject: "dilatih", "teaches"
        (
            "Dalam kerja sama ini, 25 operator Fiji dilatih merawat mesin di Bekasi.",
            "id",
            _ACT,
            "training",
        ),
        (
            "Under the programme, the institute teaches hygiene to village processors.",
            "en",
            _ACT,
            "training",
        ),
        # what is bought abroad, replaced: import substitution (self-reliance)
        (
            "Cassava flour is meant to replace part of the wheat imports.",
            "en",
            _AIM,
            "industrial-self-reliance",
        ),
        (
            "Pabrik itu diharapkan menggantikan sebagian semen impor.",
            "id",
            _AIM,
            "industrial-self-reliance",
        ),
        # fuel imports cut: energy security
        ("The plant should cut the atoll's diesel imports by half.", "en", _AIM, "energy-security"),
        (
            "Biodiesel kelapa diharapkan mengurangi impor solar di pulau-pulau terluar.",
            "id",
            _AIM,
            "energy-security",
        ),
        (
            "The mill hopes to run on husks instead of imported diesel.",
            "en",
            _AIM,
            "energy-security",
        ),
        # resilience as a predicate of whoever the deal protects
        (
            "The programme aims to make fishing villages more resilient to storms.",
            "en",
            _AIM,
            "economic-resilience",
        ),
        (
            "The goal is to leave growers less vulnerable to falling prices.",
            "en",
            _AIM,
            "economic-resilience",
        ),
        (
            "Kerja sama ini diharapkan membuat ekonomi desa lebih tangguh.",
            "id",
            _AIM,
            "economic-resilience",
        ),
    ],
)
def test_a_clause_of_the_ninth_round_is_read(run, sentence, lang, cls, concept):
    assert concept in found(after_a_signing(run, sentence, lang), cls)


@pytest.mark.parametrize(
    ("sentence", "lang", "cls", "concept"),
    [
        # giving without an object of the create frame is no aim
        ("The minister will give a speech to the workers.", "en", _AIM, "job-creation"),
        ("Menteri memberi sambutan kepada para pekerja pabrik.", "id", _AIM, "job-creation"),
        # an estimate of something that is no aim
        ("Upacara itu diperkirakan dihadiri 300 orang.", "id", _AIM, "job-creation"),
        # experts who help nobody, and help given by someone who is no expert
        (
            "The engineers toured the new line after the signing.",
            "en",
            _ACT,
            "technical-assistance",
        ),
        ("The ministry will help exporters find buyers.", "en", _ACT, "technical-assistance"),
        # a loan agreement names the deal; a grant of a licence is no financing
        (
            "The two banks signed a loan agreement for the estate on Monday.",
            "en",
            _ACT,
            "development-financing",
        ),
        (
            "The regulator will grant licences to the new plants.",
            "en",
            _ACT,
            "development-financing",
        ),
        # a parliament that passes rules makes a law; it opens no market
        ("Parliament is expected to pass rules on the estates.", "en", _AIM, "market-access"),
        # depending less on a named country is about suppliers, not the economy's spread
        (
            "The buyers want supply chains that depend less on China.",
            "en",
            _AIM,
            "economic-diversification",
        ),
        (
            "Pemerintah ingin industri itu tidak terus bergantung pada Tiongkok.",
            "id",
            _AIM,
            "economic-diversification",
        ),
    ],
)
def test_a_look_alike_is_not_read(run, sentence, lang, cls, concept):
    assert concept not in found(after_a_signing(run, sentence, lang), cls)


@pytest.mark.parametrize(
    ("sentence", "kept", "dropped"),
    [
        # a predicate right after an aim's object is that aim's
        (
            "The plan aims to make supply chains more resilient to shocks.",
            {"supply-chain-resilience"},
            "economic-resilience",
        ),
        # a purpose after an object that is no predicate stays an aim of its own
        (
            "The plan aims to help the islands grow their own exports instead of importing food.",
            {"export-growth", "industrial-self-reliance"},
            "",
        ),
    ],
)
def test_a_predicate_after_an_aims_object_is_that_aims(run, sentence, kept, dropped):
    aims = found(after_a_signing(run, sentence, "en"), _AIM)
    assert kept <= aims
    assert dropped not in aims
