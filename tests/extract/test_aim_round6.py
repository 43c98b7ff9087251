"""The sixth round: activities in a scope list named by their own words, new activity
frames of both languages, and securing supplies as an aim of its own.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import pytest

from .conftest import after_a_signing, found, unresolved

_SUPPLY, _CHAINS = "raw-material-security", "supply-chain-resilience"

LIST_EN = (
    "Indonesia and Chile signed a memorandum of understanding on industry on Monday.\n\n"
    "The memorandum covers the following:\n\n"
    "- {item};\n\n"
    "- joint research on copper alloys.\n"
)
LIST_ID = (
    "Indonesia dan Chile menandatangani nota kesepahaman kerja sama industri pada Senin.\n\n"
    "Nota kesepahaman itu meliputi:\n\n"
    "- {item};\n\n"
    "- riset bersama paduan tembaga.\n"
)


@pytest.mark.parametrize(
    ("template", "item", "words"),
    [
        (
            LIST_EN,
            "Water and chemical audits in 40 dye houses in Bandung",
            "Water and chemical audits",
        ),
        (LIST_EN, "Loan guarantees through the export bank for kilns", "Loan guarantees"),
        (
            LIST_ID,
            "uji coba pengeringan kakao tenaga surya di tiga koperasi",
            "uji coba pengeringan kakao tenaga surya",
        ),
        (
            LIST_ID,
            "penyusunan katalog mesin pertanian untuk petani",
            "penyusunan katalog mesin pertanian",
        ),
    ],
)
def test_a_scope_list_item_no_phrase_names_is_an_activity_in_its_own_words(
    run, template, item, words
):
    result = run(template.format(item=item))
    says = {f.says for f in unresolved(result, "activities").values()}  # type: ignore[attr-defined]
    assert words in says
    assert "joint-research" in found(result, "activities")  # the other item, by its phrase


def test_a_numbered_item_split_from_its_number_is_read_too(run):
    text = (
        "Indonesia and Chile signed a memorandum of understanding on industry on Monday.\n\n"
        "The programme has two parts:\n\n1.\n\nField trials of drip irrigation pumps in Lombok.\n\n"
        "2.\n\nJoint research on copper alloys.\n"
    )
    says = {f.says for f in unresolved(run(text), "activities").values()}  # type: ignore[attr-defined]
    assert "Field trials of drip irrigation pumps" in says


@pytest.mark.parametrize(
    "item",
    [
        "training of welders for the shipyards",  # a known activity: read by its phrase
        "the textile industry in Central Java",  # a sector, not an activity
        "Priority sectors: textiles and footwear",  # a heading inside the list
    ],
)
def test_an_item_a_phrase_names_or_a_heading_is_not_proposed_whole(run, item):
    result = run(LIST_EN.format(item=item))
    assert not [f for f in unresolved(result, "activities").values() if " " in f.says]  # type: ignore[attr-defined]


def test_a_list_outside_any_deal_proposes_nothing(run):
    text = "Market notes:\n\n- Water and chemical audits in 40 dye houses\n\n- Credit lines for kilns\n"
    assert unresolved(run(text, lang="en"), "activities") == {}


def test_a_list_led_by_the_programmes_activities_is_in_scope(run):
    text = (
        "Badan Pembangunan Norwegia bersama Kementerian Perindustrian memulai program "
        "efisiensi energi untuk industri keramik.\n\n"
        "Ada tiga kegiatan utama dalam program ini:\n"
        "- pelatihan operator tungku di dua balai;\n"
        "- audit energi di 50 pabrik;\n"
        "- uji coba pemulihan panas di satu pabrik percontohan.\n"
    )
    acts = found(run(text, lang="id"), "activities")
    assert {"training", "energy-audits"} <= acts


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        (
            "Kedua pihak akan menyelenggarakan magang bagi teknisi di pabrik mitra.",
            "id",
            "training",
        ),
        (
            "Mereka juga akan membangun unit percontohan pengeringan kopi.",
            "id",
            "joint-technical-projects",
        ),
        ("Kemendag akan menggelar pameran produk Indonesia di Lima.", "id", "trade-promotion"),
        (
            "Hasilnya dipakai untuk memperbarui baku mutu emisi pabrik semen.",
            "id",
            "policy-and-regulation",
        ),
        ("The agency will offer fellowships abroad for thirty chemists.", "en", "education"),
        (
            "Expert missions will help design two sterilisation plants.",
            "en",
            "technical-assistance",
        ),
        (
            "Indonesia will send technical advisers to modernise sugar mills.",
            "en",
            "technical-assistance",
        ),
        (
            "Kerja sama ini juga mendampingi pabrik gula milik koperasi.",
            "id",
            "technical-assistance",
        ),
        (
            "The ministries will exchange production engineers every year.",
            "en",
            "knowledge-sharing",
        ),
        (
            "Kedua lembaga akan menjodohkan perusahaan Chile dengan pemasok lokal.",
            "id",
            "business-matching",
        ),
        (
            "Kedua negara sepakat membentuk komite bersama untuk program kerja.",
            "id",
            "joint-working-group",
        ),
        ("Both sides will jointly test the pumps in dry fields.", "en", "joint-testing"),
        (
            "The teams will study whether the plant can be built near the port.",
            "en",
            "feasibility-studies",
        ),
        (
            "Exporters will learn to measure and report the carbon footprint of tiles.",
            "en",
            "carbon-reporting",
        ),
        ("Politeknik itu akan merevisi kurikulum jurusan tekstil.", "id", "education"),
    ],
)
def test_activity_frames_of_the_sixth_round(run, sentence, lang, concept):
    assert concept in found(after_a_signing(run, sentence, lang), "activities")


@pytest.mark.parametrize(
    ("sentence", "lang", "aim", "not_aim"),
    [
        # securing supplies of raw materials is an aim of its own …
        ("Industri kita butuh pasokan kapas yang lebih pasti.", "id", _SUPPLY, _CHAINS),
        ('"Kalau kita ikut mengolahnya, pasokannya lebih aman," ujarnya.', "id", _SUPPLY, _CHAINS),
        (
            "Pemerintah berharap kerja sama ini menjamin pasokan nikel bagi smelter.",
            "id",
            _SUPPLY,
            _CHAINS,
        ),
        ("The deal should secure raw materials for the fertiliser plants.", "en", _SUPPLY, _CHAINS),
        (
            "Kerja sama ini diharapkan membuat ketersediaan bahan baku pulp lebih terjamin.",
            "id",
            _SUPPLY,
            _CHAINS,
        ),
        # … and resilient supply chains stay what they were
        ("The goal is to diversify supply chains for medicines.", "en", _CHAINS, _SUPPLY),
        ("Langkah ini untuk memperkokoh rantai pasok obat.", "id", _CHAINS, _SUPPLY),
    ],
)
def test_securing_supplies_is_an_aim_apart_from_resilient_chains(run, sentence, lang, aim, not_aim):
    aims = found(after_a_signing(run, sentence, lang), "objectives")
    assert aim in aims
    assert not_aim not in aims


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # work for people, and a benefit stated with "means"/"berarti"
        ("Setiap pabrik baru berarti lapangan kerja bagi pemuda desa.", "id", "job-creation"),
        ('"Kami ingin pekerjaan bagi para nelayan," ujarnya.', "id", "job-creation"),
        (
            "The mills should create skilled work for young people in the north.",
            "en",
            "job-creation",
        ),
        ("The courses should make technicians easier to employ.", "en", "job-creation"),
        # meeting what buyers and markets ask for is access to them
        (
            "The aim is to help tanneries meet the requirements of foreign buyers.",
            "en",
            "market-access",
        ),
        ("Pelatihan itu agar kopi Peru bisa diterima di pasar Jepang.", "id", "market-access"),
        ("Pabrik diharapkan memenuhi aturan impor Uni Eropa.", "id", "market-access"),
        # buyers and customers abroad are exports
        ("The makers need buyers outside Indonesia, the minister said.", "en", "export-growth"),
        ("They want to sell across the region within two years.", "en", "export-growth"),
        # need, regions, local content, pollution and energy
        ("The mills needed customers beyond Europe, she said.", "en", "export-growth"),
        ("Both sides want two-way trade to double by 2030.", "en", "bilateral-trade"),
        ("We want our firms to own more of the value chain.", "en", "downstreaming"),
        (
            "The ore should leave the port as a finished product, not as a raw ore.",
            "en",
            "downstreaming",
        ),
        ("Kami ingin kopi dikemas dan diberi merek di sini.", "id", "downstreaming"),
        (
            "Indonesia wants to help partners build up their own industries.",
            "en",
            "industrialisation",
        ),
        ("The audits should help plants do more with less.", "en", "resource-efficiency"),
        ("Kita perlu mengurangi impor bahan baku pupuk.", "id", "industrial-self-reliance"),
        (
            "Kami ingin pabrik baru ikut menggerakkan ekonomi daerah di Sulawesi.",
            "id",
            "economic-growth",
        ),
        (
            "Mereka berharap kandungan lokal sepeda motor meningkat.",
            "id",
            "industrial-self-reliance",
        ),
        (
            "With new boilers the dairies should emit less, the fund said.",
            "en",
            "emission-reduction",
        ),
        ("Its aim is that bakeries spend less on energy.", "en", "energy-efficiency"),
        (
            "Program ini diharapkan menurunkan beban pencemaran di kawasan itu.",
            "id",
            "emission-reduction",
        ),
    ],
)
def test_aims_of_work_access_buyers_need_and_energy(run, sentence, lang, concept):
    assert concept in found(after_a_signing(run, sentence, lang), "objectives")


def test_means_without_an_aim_after_it_states_none(run):
    sentence = "The new plant means a longer drive for the workers on the night shift."
    assert found(after_a_signing(run, sentence, "en"), "objectives") == set()
