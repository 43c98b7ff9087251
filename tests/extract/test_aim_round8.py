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


_AIM, _ACT = "objectives", "activities"


@pytest.mark.parametrize(
    ("sentence", "lang", "cls", "concept"),
    [
        # value kept at home: not only selling, shipping or buying the raw good
        ("The partners want the island to stop selling raw copra.", "en", _AIM, "downstreaming"),
        (
            "Officials hope the province will process its cocoa rather than selling raw beans.",
            "en",
            _AIM,
            "downstreaming",
        ),
        (
            "Pemerintah ingin daerah itu tidak lagi hanya menjual bahan mentah.",
            "id",
            _AIM,
            "downstreaming",
        ),
        (
            "Kami datang untuk bekerja sama, bukan sekadar membeli bahan mentah.",
            "id",
            _AIM,
            "downstreaming",
        ),
        ("Mereka tidak ingin hanya membeli bahan mentah dari Tonga.", "id", _AIM, "downstreaming"),
        # ... or a verb of processing, its object between, then "sendiri"/"own"
        ("Pemerintah ingin mengolah rotannya sendiri di Kalimantan.", "id", _AIM, "downstreaming"),
        (
            "Tujuannya agar ikan diolah oleh nelayan sendiri di pulau itu.",
            "id",
            _AIM,
            "downstreaming",
        ),
        (
            "The council wants to start processing our own sisal before it is shipped.",
            "en",
            _AIM,
            "downstreaming",
        ),
        # supplies no longer hanging on one or two supplier countries; factories kept supplied
        (
            "Kerja sama ini agar pabrik kaca tidak bergantung pada dua negara pemasok.",
            "id",
            _AIM,
            "raw-material-security",
        ),
        (
            "The mills want suppliers they can count on when prices swing.",
            "en",
            _AIM,
            "raw-material-security",
        ),
        (
            "Kesepakatan ini diharapkan menghadirkan sumber bahan baku yang beragam.",
            "id",
            _AIM,
            "raw-material-security",
        ),
        (
            "The ministry needs the deal to keep its glass plants supplied.",
            "en",
            _AIM,
            "raw-material-security",
        ),
        (
            "Kerja sama ini untuk menjaga pabrik pupuk tetap terpasok.",
            "id",
            _AIM,
            "raw-material-security",
        ),
        # a noun of entry carrying the goods before the place; the market for products widened
        (
            "Pelabuhan itu diharapkan menjadi pintu masuk mesin dan suku cadang Indonesia "
            "ke pasar Afrika Timur.",
            "id",
            _AIM,
            "export-growth",
        ),
        (
            "The hub should be a door for Indonesian furniture into the Andean market.",
            "en",
            _AIM,
            "export-growth",
        ),
        (
            "Kerja sama ini diharapkan memperluas pasar produk mebel Indonesia di Eropa.",
            "id",
            _AIM,
            "export-growth",
        ),
        (
            "The accord aims to expand the market for Indonesian rattan in Chile.",
            "en",
            _AIM,
            "export-growth",
        ),
        # having work, earning an income
        (
            "If the mill opens, hundreds of young people would have work close to home.",
            "en",
            _AIM,
            "job-creation",
        ),
        (
            "Program ini agar lulusan SMK bisa bekerja di pabrik pengolahan.",
            "id",
            _AIM,
            "job-creation",
        ),
        ("The ministry wants weavers to earn a cash income at home.", "en", _AIM, "better-incomes"),
        (
            "Officials hope the growers will earn more than they do from raw copra.",
            "en",
            _AIM,
            "better-incomes",
        ),
        ("Program ini agar setiap perajin punya penghasilan tetap.", "id", _AIM, "better-incomes"),
        # training written as teaching or learning a skill
        (
            "Instructors from Bandung will teach welding to Ghanaian mechanics.",
            "en",
            _ACT,
            "training",
        ),
        ("Operators will learn to calibrate the new kilns.", "en", _ACT, "training"),
        (
            "Insinyur Indonesia akan mengajarkan perawatan mesin kepada teknisi setempat.",
            "id",
            _ACT,
            "training",
        ),
        # research written as its verb, the researchers of both sides its subject
        (
            "Peneliti kedua negara akan meneliti pengeringan kopi bertenaga surya.",
            "id",
            _ACT,
            "joint-research",
        ),
        (
            "The two institutes will research low-sodium fish sauce together.",
            "en",
            _ACT,
            "joint-research",
        ),
        # visits of each other, bringing sellers and buyers together, promoting products
        # (a fair where buyers are met is a venue: test_aim_round5)
        (
            "Perajin kedua negara akan saling berkunjung tahun depan.",
            "id",
            _ACT,
            "knowledge-sharing",
        ),
        (
            "Badan promosi itu akan mempertemukan koperasi kopi dengan pembeli dari Jepang.",
            "id",
            _ACT,
            "business-matching",
        ),
        (
            "Kedua pihak akan melakukan promosi produk kerajinan di Dubai.",
            "id",
            _ACT,
            "trade-promotion",
        ),
        # technology handed over under licence; a plant set up or a stake held
        (
            "The partner's makers will license designs to Indonesian factories.",
            "en",
            _ACT,
            "technology-transfer",
        ),
        ("Korean firms will set up a plant for bus bodies in Batang.", "en", _ACT, "investment"),
        ("The state miner will hold a stake in the new smelter.", "en", _ACT, "investment"),
        ("Investor Indonesia akan membangun pabrik pakan di Dakar.", "id", _ACT, "investment"),
    ],
)
def test_a_clause_of_the_eighth_round_states_its_concept(run, sentence, lang, cls, concept):
    assert concept in found(after_a_signing(run, sentence, lang), cls)


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # today's trade described, with no cue of purpose and no raw form, states no aim (the
        # raw form sold states one by itself since round 10: test_aim_round10.py)
        ("Most of the gum is sold to grinders abroad.", "en", "downstreaming"),
        # "sendiri" without a verb of processing
        ("Kerja sama ini agar pabrik punya laboratorium sendiri.", "id", "downstreaming"),
        # a door for something that is no goods, and no place after it
        (
            "The talks should open the door for closer cooperation on standards.",
            "en",
            "export-growth",
        ),
    ],
)
def test_words_near_these_aims_that_are_not_them(run, sentence, lang, concept):
    assert concept not in found(after_a_signing(run, sentence, lang), _AIM)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # what the deal governs ("hal pokok yang diatur") or sets out
        (
            "Bank itu meneken perjanjian kerangka dengan Kementerian Perindustrian kemarin.\n\n"
            "Ada tiga hal pokok yang diatur:\n\n"
            "- pelatihan teknisi pengecoran logam;\n\n"
            "- riset bersama paduan aluminium.\n",
            "joint-research",
        ),
        (
            "The bank signed a framework agreement with the Ministry of Industry on Monday.\n\n"
            "The agreement sets out two lines of work:\n\n"
            "- training for foundry technicians;\n\n"
            "- joint research on aluminium alloys.\n",
            "joint-research",
        ),
        # what it commits the parties to, or what they intend
        (
            "Indonesia and Chad signed a letter of intent on Monday. "
            "The letter commits both ministries to a joint study on a sugar mill.",
            "joint-research",
        ),
        (
            "Indonesia and Guyana signed a letter of intent on Monday.\n\n"
            "According to the letter, the two sides intend to:\n\n"
            "- study whether rice mills can be built locally;\n\n"
            "- hold a business forum in Georgetown.",
            "business-matching",
        ),
        # a work plan that falls into parts
        (
            "The agency launched a three-year programme in Jakarta on Tuesday.\n\n"
            "Its work falls into two parts:\n\n"
            "1. Fellowships abroad for welding engineers;\n\n"
            "2. Training courses in boiler inspection.",
            "training",
        ),
    ],
)
def test_a_lead_naming_the_deals_work_puts_what_follows_in_scope(run, text, concept):
    """A lead that says what the deal governs, sets out, commits the parties to or they
    intend, or a work plan in parts, introduces the scope as "meliputi" or "includes" do."""
    assert concept in found(run(text), _ACT)
