"""The eighth round: the names the labels give recurring aims, and more of the clauses
that carry objectives and activities.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import pytest

from graph_builder.extract.gold_labels import finding_names, label_matches

from .conftest import after_a_signing, found, refs


@pytest.mark.parametrize(
    ("sentence", "lang", "concept", "label"),
    [
        # the plain noun names the scheme's concept (seven groups write it so)
        (
            "The fund is meant to make small foundries more competitive.",
            "en",
            "global-competitiveness",
            "competitiveness — foundries able to hold their own",
        ),
        (
            "The project should create jobs for school leavers in the district.",
            "en",
            "job-creation",
            "employment — young people in work near home",
        ),
        # better incomes is a concept of the scheme now, "higher incomes" one of its names
        (
            "Program ini bertujuan menaikkan pendapatan nelayan di pesisir.",
            "id",
            "better-incomes",
            "higher incomes — coastal households earn more",
        ),
    ],
)
def test_a_recurring_aim_is_named_as_the_labels_name_it(
    run, extractor, sentence, lang, concept, label
):
    result = after_a_signing(run, sentence, lang)
    assert concept in refs(result, "objectives")  # linked to the scheme, not unresolved
    (finding,) = [f for f in result.of("objectives") if f.ref == concept]
    assert label_matches(label, finding_names(finding, extractor), "objectives")


def test_better_incomes_is_no_longer_proposed_as_unresolved(run):
    result = after_a_signing(run, "They hope household incomes will grow.", "en")
    assert "better-incomes" in found(result, "objectives")
    assert not [f for f in result.unresolved if f.ref == "better-incomes"]


def test_new_export_markets_names_export_growth(run, extractor):
    """Ten groups (g22-g31) label an aim of selling in markets not reached before "new
    export markets", with higher exports their acceptable extra: one concept, two names."""
    result = after_a_signing(run, "The deal is meant to raise exports of shoes.", "en")
    (finding,) = [f for f in result.of("objectives") if f.ref == "export-growth"]
    names = finding_names(finding, extractor)
    assert label_matches("new export markets — buyers in the Gulf", names, "objectives")


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # value kept at home: no longer selling, shipping or buying the raw good
        ("The partners want the island to stop selling raw copra.", "en", "downstreaming"),
        (
            "Officials hope the province will process its cocoa rather than selling raw beans.",
            "en",
            "downstreaming",
        ),
        (
            "Pemerintah ingin daerah itu tidak lagi hanya menjual bahan mentah.",
            "id",
            "downstreaming",
        ),
        (
            "Kami datang untuk bekerja sama, bukan sekadar membeli bahan mentah.",
            "id",
            "downstreaming",
        ),
        # supplies of inputs no longer hanging on one or two supplier countries
        (
            "Kerja sama ini agar pabrik kaca tidak bergantung pada dua negara pemasok.",
            "id",
            "raw-material-security",
        ),
        (
            "The mills want suppliers they can count on when prices swing.",
            "en",
            "raw-material-security",
        ),
        (
            "Kesepakatan ini diharapkan menghadirkan sumber bahan baku yang beragam.",
            "id",
            "raw-material-security",
        ),
    ],
)
def test_aims_worded_as_clauses_of_the_eighth_round(run, sentence, lang, concept):
    assert concept in found(after_a_signing(run, sentence, lang), "objectives")


def test_selling_raw_goods_as_a_fact_is_no_aim(run):
    """A description of today's trade, with no cue of purpose, states no aim."""
    text = "Most of the gum is sold as raw nodules to grinders abroad."
    assert "downstreaming" not in found(after_a_signing(run, text, "en"), "objectives")


@pytest.mark.parametrize(
    "text",
    [
        "Bank itu meneken perjanjian kerangka dengan Kementerian Perindustrian kemarin.\n\n"
        "Ada tiga hal pokok yang diatur:\n\n"
        "- pelatihan teknisi pengecoran logam;\n\n"
        "- riset bersama paduan aluminium.\n",
        "The bank signed a framework agreement with the Ministry of Industry on Monday.\n\n"
        "The agreement sets out two lines of work:\n\n"
        "- training for foundry technicians;\n\n"
        "- joint research on aluminium alloys.\n",
    ],
)
def test_a_lead_naming_what_the_deal_governs_puts_its_list_in_scope(run, text):
    """A lead that says what the deal governs or sets out ("hal pokok yang diatur", "sets
    out") introduces its scope, as "meliputi" or "includes" do."""
    assert {"training", "joint-research"} <= found(run(text), "activities")


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # training written as teaching or learning a skill
        ("Instructors from Bandung will teach welding to Ghanaian mechanics.", "en", "training"),
        ("Operators will learn to calibrate the new kilns.", "en", "training"),
        (
            "Insinyur Indonesia akan mengajarkan perawatan mesin kepada teknisi setempat.",
            "id",
            "training",
        ),
        # research written as its verb, the researchers of both sides its subject
        (
            "Peneliti kedua negara akan meneliti pengeringan kopi bertenaga surya.",
            "id",
            "joint-research",
        ),
        (
            "The two institutes will research low-sodium fish sauce together.",
            "en",
            "joint-research",
        ),
        # visits of each other, bringing sellers and buyers together, promoting products
        # (a fair where buyers are met is a venue: test_aim_round5)
        ("Perajin kedua negara akan saling berkunjung tahun depan.", "id", "knowledge-sharing"),
        (
            "Badan promosi itu akan mempertemukan koperasi kopi dengan pembeli dari Jepang.",
            "id",
            "business-matching",
        ),
        ("Kedua pihak akan melakukan promosi produk kerajinan di Dubai.", "id", "trade-promotion"),
        # technology handed over under licence
        (
            "The partner's makers will license designs to Indonesian factories.",
            "en",
            "technology-transfer",
        ),
    ],
)
def test_activities_worded_as_verbs_of_the_eighth_round(run, sentence, lang, concept):
    assert concept in found(after_a_signing(run, sentence, lang), "activities")


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("If the mill opens, hundreds of young people would have work close to home.", "en"),
        ("Program ini agar lulusan SMK bisa bekerja di pabrik pengolahan.", "id"),
    ],
)
def test_having_work_is_job_creation(run, sentence, lang):
    assert "job-creation" in found(after_a_signing(run, sentence, lang), "objectives")


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Pemerintah ingin mengolah rotannya sendiri di Kalimantan.", "id"),
        ("Tujuannya agar ikan diolah oleh nelayan sendiri di pulau itu.", "id"),
        ("The council wants to start processing our own sisal before it is shipped.", "en"),
    ],
)
def test_processing_ones_own_goods_is_value_kept_at_home(run, sentence, lang):
    """A verb of processing, its object between, then "sendiri"/"own": the goods are
    worked where they are grown."""
    assert "downstreaming" in found(after_a_signing(run, sentence, lang), "objectives")


def test_own_without_processing_is_no_aim(run):
    text = "Kerja sama ini agar pabrik punya laboratorium sendiri."
    assert "downstreaming" not in found(after_a_signing(run, text, "id"), "objectives")


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Korean firms will set up a plant for bus bodies in Batang.", "en"),
        ("The state miner will hold a stake in the new smelter.", "en"),
        ("Investor Indonesia akan membangun pabrik pakan di Dakar.", "id"),
    ],
)
def test_building_a_plant_or_holding_a_stake_is_investment(run, sentence, lang):
    assert "investment" in found(after_a_signing(run, sentence, lang), "activities")


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        (
            "Pelabuhan itu diharapkan menjadi pintu masuk mesin dan suku cadang Indonesia "
            "ke pasar Afrika Timur.",
            "id",
        ),
        ("The hub should be a door for Indonesian furniture into the Andean market.", "en"),
    ],
)
def test_a_noun_of_entry_carrying_goods_to_a_market_is_the_export_aim(run, sentence, lang):
    """What enters stands between the noun and the place: the goods sold abroad."""
    assert "export-growth" in found(after_a_signing(run, sentence, lang), "objectives")


def test_a_door_for_something_else_is_no_export_aim(run):
    text = "The talks should open the door for closer cooperation on standards."
    assert "export-growth" not in found(after_a_signing(run, text, "en"), "objectives")


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("The ministry wants weavers to earn a cash income at home.", "en"),
        ("Officials hope the growers will earn more than they do from raw copra.", "en"),
        ("Program ini agar setiap perajin punya penghasilan tetap.", "id"),
    ],
)
def test_earning_an_income_is_better_incomes(run, sentence, lang):
    assert "better-incomes" in found(after_a_signing(run, sentence, lang), "objectives")


def test_a_deal_that_commits_the_parties_to_work_states_its_scope(run):
    text = (
        "Indonesia and Chad signed a letter of intent on Monday. "
        "The letter commits both ministries to a joint study on a sugar mill."
    )
    assert "joint-research" in found(run(text, lang="en"), "activities")


def test_not_only_buying_the_raw_material_is_value_kept_at_home(run):
    text = "Mereka tidak ingin hanya membeli bahan mentah dari Tonga."
    assert "downstreaming" in found(after_a_signing(run, text, "id"), "objectives")


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Kerja sama ini diharapkan memperluas pasar produk mebel Indonesia di Eropa.", "id"),
        ("The accord aims to expand the market for Indonesian rattan in Chile.", "en"),
    ],
)
def test_widening_the_market_for_products_is_the_export_aim(run, sentence, lang):
    assert "export-growth" in found(after_a_signing(run, sentence, lang), "objectives")


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("The ministry needs the deal to keep its glass plants supplied.", "en"),
        ("Kerja sama ini untuk menjaga pabrik pupuk tetap terpasok.", "id"),
    ],
)
def test_keeping_factories_supplied_secures_raw_materials(run, sentence, lang):
    assert "raw-material-security" in found(after_a_signing(run, sentence, lang), "objectives")


def test_a_work_plan_that_falls_into_parts_is_the_deals_scope(run):
    text = (
        "The agency launched a three-year programme in Jakarta on Tuesday.\n\n"
        "Its work falls into two parts:\n\n"
        "1. Fellowships abroad for welding engineers;\n\n"
        "2. Training courses in boiler inspection."
    )
    assert "training" in found(run(text, lang="en"), "activities")


def test_what_the_parties_intend_to_do_is_the_deals_scope(run):
    text = (
        "Indonesia and Guyana signed a letter of intent on Monday.\n\n"
        "According to the letter, the two sides intend to:\n\n"
        "- study whether rice mills can be built locally;\n\n"
        "- hold a business forum in Georgetown."
    )
    assert "business-matching" in found(run(text, lang="en"), "activities")
