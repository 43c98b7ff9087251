"""scope.py: what a sentence is about — lists, connectives, bullets, names, adjectives."""

from __future__ import annotations

import pytest

from .conftest import refs

_DEAL_ID = (
    "Indonesia dan Brasil menandatangani nota kesepahaman kerja sama industri pada 4 Juni 2024."
)
_DEAL_EN = "Indonesia and Brazil signed a memorandum of understanding on industry on 4 June 2024."


@pytest.mark.parametrize(
    ("follow", "sectors", "activities"),
    [
        # a list of one class states a scope wherever it stands
        (
            "Bidang yang disasar antara lain industri farmasi, industri kimia serta industri "
            "tekstil.",
            {"pharmaceuticals", "chemicals", "textiles"},
            set(),
        ),
        (
            "The sectors include pharmaceuticals, chemicals and textiles.",
            {"pharmaceuticals", "chemicals", "textiles"},
            set(),
        ),
        # a sentence opening with a connective carries on the one before
        (
            "Selanjutnya, keduanya akan menggelar riset bersama.",
            set(),
            {"joint-research"},
        ),
        ("Moreover, they will pursue joint research.", set(), {"joint-research"}),
        # "such as", "seperti" introduce the scope's examples
        (
            "Kegiatannya seperti alih teknologi dan riset bersama.",
            set(),
            {"technology-transfer", "joint-research"},
        ),
    ],
)
def test_enumerations_and_connectives_keep_their_scope(run, follow, sectors, activities):
    deal = _DEAL_EN if follow[0] in "TM" else _DEAL_ID
    result = run(f"{deal} {follow}")
    assert sectors <= refs(result, "sectors")
    assert activities <= refs(result, "activities")


def test_an_enumeration_in_another_paragraph_counts_when_the_article_is_about_a_deal(run):
    text = f"{_DEAL_ID}\n\nAdapun industri farmasi, industri kimia dan industri tekstil dipilih."
    assert {"pharmaceuticals", "chemicals", "textiles"} <= refs(run(text), "sectors")


def test_a_single_concept_outside_scope_still_does_not_count(run):
    text = f"{_DEAL_ID}\n\nPabrik farmasi di Bekasi dibuka tahun depan oleh swasta."
    assert "pharmaceuticals" not in refs(run(text), "sectors")


def test_html_bullet_items_after_a_colon_are_in_scope(run):
    html = (
        "<html><body><p>Indonesia dan Brasil menandatangani nota kesepahaman. "
        "Ruang lingkupnya:</p><ul><li>riset bersama</li><li>alih teknologi</li>"
        "<li>industri farmasi</li></ul><p>Pabrik baru juga dibuka di kota itu "
        "untuk warga, dan festival budaya berlangsung sepekan penuh dengan banyak "
        "pengunjung dari berbagai daerah yang datang bersama keluarga mereka.</p>"
        "<p>Pelatihan vokasi.</p></body></html>"
    )
    result = run(html, name="a.html")
    assert {"joint-research", "technology-transfer"} <= refs(result, "activities")
    assert "pharmaceuticals" in refs(result, "sectors")
    assert "vocational-training" not in refs(result, "activities")  # the list had ended


@pytest.mark.parametrize(
    ("heading", "found"),
    [
        ("What the agreement covers", True),
        ("Cakupan nota kesepahaman", True),
        ("Other news", False),  # a heading not about a deal opens nothing
    ],
)
def test_bullet_items_under_a_heading_about_the_deal_are_in_scope(run, heading, found):
    html = (
        f"<html><body><p>{_DEAL_EN}</p><h3>{heading}</h3><ul><li>Joint research on "
        "batteries for buses</li><li>Technology transfer for electric motors</li></ul>"
        "<p>That point matters. The firms are pleased. Vocational training in the city "
        "has long been run by a school that also offers evening courses for adults who "
        "work during the day.</p></body></html>"
    )
    activities = refs(run(html, name="a.html"), "activities")
    assert ({"joint-research", "technology-transfer"} <= activities) is found
    # a long paragraph after the items ends the list, though its first sentence is short
    assert "vocational-training" not in activities


@pytest.mark.parametrize(
    ("sentence", "cls", "ref"),
    [
        # an agency whose name holds a concept's words is not that concept
        (
            "Indonesia and Peru signed an MoU with the Agency for Industrial Human Resources "
            "Development and the Asian Development Bank.",
            "activities",
            "human-resources-development",
        ),
        # a programme's name is not an activity
        (
            "Indonesia and Peru signed an MoU under the Vocational Training Programme of 2030.",
            "activities",
            "vocational-training",
        ),
        # an adjective naming a sector is not an aim
        (
            "Indonesia and Peru signed an MoU on the sustainable aviation industry.",
            "objectives",
            "sustainable-industry",
        ),
    ],
)
def test_names_and_sector_adjectives_are_not_concepts(run, sentence, cls, ref):
    assert ref not in refs(run(sentence), cls)


def test_the_same_words_outside_a_name_are_concepts(run):
    result = run(
        "Indonesia and Peru signed an MoU on vocational training so that industry becomes "
        "more competitive and sustainable."
    )
    assert "vocational-training" in refs(result, "activities")
    assert {"global-competitiveness", "sustainable-industry"} <= refs(result, "objectives")


def test_an_aim_about_an_industry_is_still_an_aim(run):
    text = "Indonesia and Peru signed an MoU on the decarbonisation of heavy industry."
    assert "emission-reduction" in refs(run(text), "objectives")


def test_the_rows_of_a_table_set_out_below_are_the_deals_scope(run):
    html = (
        "<html><body><p>Indonesia and Peru signed a memorandum of understanding on Monday.</p>"
        "<p>The areas of cooperation agreed by the two ministries are set out below.</p>"
        "<table><tr><th>Area</th><th>What the sides will do</th></tr>"
        "<tr><td>Quality</td><td>Mutual recognition of certificates</td></tr>"
        "<tr><td>Skills</td><td>Training for plant supervisors</td></tr></table>"
        "</body></html>"
    )
    result = run(html, name="a.html", lang="en")
    assert "Quality; Mutual recognition" in result.article.text
    assert {"standards-and-certification", "training"} <= refs(result, "activities")


@pytest.mark.parametrize(
    ("text", "lang", "cls", "ref"),
    [
        # a loan is a deal: what it pays for is its scope
        (
            "The bank approved a loan to Indonesia for industrial estates in Java.",
            "en",
            "activities",
            "industrial-estate-development",
        ),
        (
            "Bank itu menyetujui pinjaman untuk pengembangan kawasan industri di Jawa.",
            "id",
            "activities",
            "industrial-estate-development",
        ),
        # a roadmap drafted under the deal is policy work
        (
            "Indonesia and Peru signed an MoU; UNIDO will help draft a national roadmap.",
            "en",
            "activities",
            "policy-and-regulation",
        ),
    ],
)
def test_loans_and_roadmaps(run, text, lang, cls, ref):
    assert ref in refs(run(text, lang=lang), cls)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Indonesia and Peru signed an MoU, similar in scope to the Japan deal, covering the "
            "automotive industry.",
            "en",
        ),
        (
            "Indonesia dan Peru menandatangani kerja sama yang sudah lama dinantikan, meliputi "
            "industri otomotif.",
            "id",
        ),
    ],
)
def test_words_of_another_deal_need_their_whole_phrase(run, text, lang):
    assert "automotive" in refs(run(text, lang=lang), "sectors")


_LONG_ITEMS = (
    "1. pendirian gudang bersama bagi eksportir kedua negara di pelabuhan utama Lima; "
    "2. promosi investasi perusahaan Indonesia di kawasan ekonomi khusus di bagian utara; "
    "3. temu usaha antara produsen dan importir di kedua negara setiap tahun; "
    "4. pelatihan bagi pelaku usaha kecil tentang aturan ekspor ke kawasan itu."
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # numbered items written inline in one long paragraph after the list's lead
        (
            "Indonesia dan Peru menandatangani nota kesepahaman yang memuat empat butir:\n\n"
            + _LONG_ITEMS,
            {"investment", "business-matching", "training"},
        ),
        # items counted out in prose, each in its own paragraph
        (
            "Indonesia and Peru signed a memorandum on industry. What does it cover?\n\n"
            "First, joint research between their textile institutes.\n\n"
            "Second, an exchange of experts on dyeing.",
            {"joint-research", "knowledge-sharing"},
        ),
        (
            "Indonesia dan Peru menandatangani nota kesepahaman kerja sama industri.\n\n"
            "Pertama, riset bersama antara balai besar kedua negara.\n\n"
            "Kedua, pertukaran tenaga ahli di bidang tekstil.",
            {"joint-research", "knowledge-sharing"},
        ),
    ],
)
def test_long_numbered_items_and_counted_out_items_are_in_scope(run, text, found):
    assert found <= refs(run(text), "activities")


def test_a_counted_out_sentence_after_no_scope_stays_out(run):
    text = (
        "Peru's economy grew last year. Officials gave three reasons.\n\n"
        "First, joint research at universities rose."
    )
    assert "joint-research" not in refs(run(text), "activities")


@pytest.mark.parametrize(
    "text",
    [
        "Kementerian Perindustrian memulai program pelatihan bagi perajin dari Peru di Bandung.",
        "Indonesia's Ministry of Industry launched a training programme for engineers from Peru.",
    ],
)
def test_a_programme_started_without_a_signing_states_its_scope(run, text):
    assert "training" in refs(run(text), "activities")
