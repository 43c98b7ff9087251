"""extract.py: sentences in scope, enumerations, classes, dates anchored to the article."""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import refs

_CLAUSE = (
    "Indonesia dan Jepang menandatangani kerja sama industri yang meliputi industri otomotif, "
    "industri kimia, industri, pertumbuhan ekonomi, Kementerian Pertanian Rakyat, sektor kopi "
    "bubuk, "
)


def test_a_long_single_line_text_is_read_to_the_end(run):
    # About 1 MB in one line and one sentence: the sibling count of generic concepts and the
    # scan for unknown sectors were quadratic in the mentions of one sentence.
    text = "JAKARTA, 13 Maret 2024 - " + _CLAUSE * (1_000_000 // len(_CLAUSE))
    result = run(text + "industri tekstil dan produk tekstil.")
    assert refs(result, "countries") == {"ID", "JP"}
    assert {"automotive", "chemicals", "textiles"} <= refs(result, "sectors")
    assert str(result.published) == "2024-03-13"


@pytest.mark.parametrize(
    ("head", "published", "expected"),
    [
        # the publication line anchors "kemarin" and a weekday without a year
        ("Kamis, 14 Maret 2024 08:00 WIB\n\nJAKARTA - ", None, ("2024-03-13", "2024-03-11")),
        # a dateline without a dash does too
        ("MAKASSAR, 14 Maret 2024\n\n", None, ("2024-03-13", "2024-03-11")),
        # the caller's date wins over what the text says
        ("MAKASSAR, 14 Maret 2024\n\n", dt.date(2024, 3, 21), ("2024-03-20", "2024-03-18")),
    ],
)
def test_relative_dates_take_the_article_date(run, head, published, expected):
    yesterday = "Indonesia dan Korea Selatan menandatangani nota kesepahaman kemarin."
    monday = "Indonesia dan Korea Selatan menandatangani nota kesepahaman Senin (11/3)."
    for body, want in zip((yesterday, monday), expected, strict=True):
        result = run(head + body, published=published)
        if published is not None and "Senin" in body:
            want = "2024-03-11"  # (11/3) names its day: only the year comes from the anchor
        assert str(result.signing_date) == want


def test_without_any_date_in_the_text_kemarin_is_not_the_machine_clock(run):
    result = run("Indonesia dan Korea Selatan menandatangani nota kesepahaman kemarin.")
    assert result.signing_date is None


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
    "text",
    [
        "Kementerian Perindustrian bekerja sama dengan lembaga seperti KIAT dan KOTRA.",
        "The Ministry of Industry cooperates with agencies such as KIAT and KOTRA.",
    ],
)
def test_bodies_named_as_examples_act_in_the_deal(run, text):
    assert {"kiat", "kotra"} <= refs(run(text), "bodies")


def test_the_dateline_city_is_not_a_party(run):
    text = "SEOUL, 5 March 2024 - Indonesia and Brazil signed a memorandum of understanding."
    assert refs(run(text), "countries") == {"ID", "BR"}


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
