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
    ("follow", "aim"),
    [
        ('"Kami ingin industri farmasi semakin berdaya saing," ujarnya.', "global-competitiveness"),
        (
            '"We hope our factories become more productive," she said.',
            "productivity-and-competitiveness",
        ),
    ],
)
def test_an_aim_stated_as_a_wish_counts_in_a_deal_article(run, follow, aim):
    deal = "Indonesia dan Peru menandatangani nota kesepahaman kerja sama industri."
    if follow.startswith('"We'):
        deal = "Indonesia and Peru signed a memorandum of understanding on industry."
    assert aim in refs(run(f"{deal}\n\n{follow}"), "objectives")


def test_without_a_deal_a_wish_is_not_an_aim(run):
    text = '"Kami ingin industri farmasi semakin berdaya saing," ujar seorang pengusaha di pasar.'
    assert not refs(run(text, lang="id"), "objectives")
