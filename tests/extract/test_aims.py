"""aims.py: objectives stated as purpose clauses, and concepts the schemes lack.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import pytest

from graph_builder.extract.gazetteer import aim_rows

from .conftest import refs, unresolved

DEAL_EN = "Indonesia and Peru signed a memorandum of understanding on industry on Monday. "
DEAL_ID = "Indonesia dan Peru menandatangani nota kesepahaman kerja sama industri pada Senin. "


@pytest.mark.parametrize(
    ("sentence", "concept"),
    [
        # verb of change + object, English
        ("Officials said the plan is meant to lift exports of furniture.", "export-growth"),
        ("The ministry hopes the deal will boost export earnings.", "export-growth"),
        ("The two sides want to generate skilled jobs in the eastern provinces.", "job-creation"),
        ("It is designed to cut carbon emissions from kilns.", "emission-reduction"),
        ("The goal is to diversify supply chains for medicines.", "supply-chain-resilience"),
        ("Both governments expect it to sharpen competitiveness.", "global-competitiveness"),
        (
            "The scheme should raise productivity in small plants.",
            "productivity-and-competitiveness",
        ),
        ("The loan aims to add value to cocoa before it leaves the country.", "downstreaming"),
        # predicates after a purpose cue
        ("The aim is to make small firms more competitive.", "global-competitiveness"),
        ("They want supply chains more resilient after the floods.", "supply-chain-resilience"),
        ("The fund is intended to make growth more inclusive.", "inclusive-economic-growth"),
    ],
)
def test_english_purpose_clauses_name_the_schemes_objectives(run, sentence, concept):
    assert concept in refs(run(DEAL_EN + sentence, lang="en"), "objectives")


@pytest.mark.parametrize(
    ("sentence", "concept"),
    [
        ("Kerja sama ini diharapkan menaikkan nilai ekspor mebel.", "export-growth"),
        ("Program itu bertujuan membuka lapangan pekerjaan di desa.", "job-creation"),
        ("Pemerintah ingin menekan emisi karbon dari pabrik semen.", "emission-reduction"),
        ("Langkah ini untuk memperkokoh rantai pasok obat.", "supply-chain-resilience"),
        ("Kedua pihak berharap ekspor kakao olahan meningkat.", "export-growth"),
        ("Tujuannya agar perajin lokal lebih berdaya saing.", "global-competitiveness"),
        ("Pelatihan ini agar pekerja pabrik lebih produktif.", "productivity-and-competitiveness"),
        ("Kerja sama ini guna mendongkrak nilai tambah rumput laut.", "downstreaming"),
    ],
)
def test_indonesian_purpose_clauses_name_the_schemes_objectives(run, sentence, concept):
    assert concept in refs(run(DEAL_ID + sentence, lang="id"), "objectives")


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # no cue of purpose: a fact, not an aim
        ("Exports of furniture rose by a tenth last month.", "en", "export-growth"),
        ("The new plant created jobs for welders.", "en", "job-creation"),
        ("Ekspor mebel naik sepersepuluh bulan lalu.", "id", "export-growth"),
    ],
)
def test_a_fact_without_a_purpose_is_not_an_aim(run, sentence, lang, concept):
    deal = DEAL_EN if lang == "en" else DEAL_ID
    assert concept not in refs(run(deal + sentence, lang=lang), "objectives")


def test_an_aim_in_a_sentence_about_an_earlier_event_does_not_count(run):
    text = DEAL_EN + "In 2015 an earlier pact had aimed to raise exports of rubber."
    assert "export-growth" not in refs(run(text, lang="en"), "objectives")


@pytest.mark.parametrize(
    ("sentence", "lang", "cls", "ref"),
    [
        (
            "The pact aims to reduce reliance on imported steel.",
            "en",
            "objectives",
            "industrial-self-reliance",
        ),
        (
            "Kerja sama ini untuk mendukung ketahanan pangan nasional.",
            "id",
            "objectives",
            "food-security",
        ),
        (
            "The partners will also carry out a feasibility study for a port.",
            "en",
            "activities",
            "feasibility-studies",
        ),
        (
            "Kedua pihak juga sepakat memberikan pendampingan teknis bagi pabrik.",
            "id",
            "activities",
            "technical-assistance",
        ),
    ],
)
def test_concepts_the_schemes_lack_are_proposed_unresolved(run, sentence, lang, cls, ref):
    deal = DEAL_EN if lang == "en" else DEAL_ID
    found = unresolved(run(deal + sentence, lang=lang), cls)
    assert ref in found


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        ("Under the MoU the ministry will train mechanics and welders.", "en", "training"),
        ("The MoU covers pilot projects in two estates.", "en", "joint-technical-projects"),
        ("The partners will share best practices on plant safety.", "en", "knowledge-sharing"),
        (
            "Nota itu mencakup pertukaran peneliti antara kedua lembaga.",
            "id",
            "research-centre-exchange",
        ),
    ],
)
def test_activities_written_as_verbs_and_nominalisations(run, sentence, lang, concept):
    deal = DEAL_EN if lang == "en" else DEAL_ID
    assert concept in refs(run(deal + sentence, lang=lang), "activities")


def test_every_row_names_a_class_and_a_frame_it_can_use():
    for row in aim_rows():
        assert row.cls in ("objectives", "activities") and row.words
        assert row.frame in ("-", "aim", "raise", "create", "cut", "secure", "rise")
        assert (
            row.known
            or row.en_label not in ("", "-")
            or any(r.concept == row.concept and r.en_label != "-" for r in aim_rows())
        )


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # what the parties will do is the deal's scope, with no scope word
        (
            "The two agencies will hold business matching events for toy makers.",
            "en",
            "business-matching",
        ),
        (
            "Kedua lembaga akan menggelar temu bisnis bagi produsen mainan.",
            "id",
            "business-matching",
        ),
        # investment and training as verbs after a modal or purpose cue
        ("A Chilean firm will invest in a copper rod plant in Gresik.", "en", "investment"),
        ("Kementerian itu akan melatih operator mesin dari Peru.", "id", "training"),
        # vocational schools are vocational education
        ("The MoU covers three polytechnics in Sulawesi.", "en", "vocational-training"),
    ],
)
def test_activities_in_what_the_parties_will_do(run, sentence, lang, concept):
    deal = DEAL_EN if lang == "en" else DEAL_ID
    assert concept in refs(run(deal + sentence, lang=lang), "activities")


def test_a_plan_of_a_third_country_is_not_a_party(run):
    text = DEAL_EN + "Vietnam will also invest in a similar plant, officials said."
    assert "VN" not in refs(run(text, lang="en"), "countries")


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("The scheme is meant to help small potters sell abroad.", "en"),
        ("Program ini agar produk rotan nasional menembus pasar Eropa Timur.", "id"),
    ],
)
def test_entering_markets_abroad_is_an_export_aim(run, sentence, lang):
    deal = DEAL_EN if lang == "en" else DEAL_ID
    assert "export-growth" in refs(run(deal + sentence, lang=lang), "objectives")


def test_a_body_acting_in_a_deal_article_names_its_country_as_a_party(run):
    text = (
        "Peru signed a memorandum on industrial cooperation on Monday. "
        "Welders will be trained by Kemenperin at its polytechnic in Bandung."
    )
    assert "ID" in refs(run(text, lang="en"), "countries")
