"""dates.py: datelines and publication lines, relative dates only against the article."""

from __future__ import annotations

import datetime as dt

import pytest

from graph_builder.extract.dates import find_dateline, find_dates, find_published


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Berita Industri\nSelasa, 5 November 2024 14:30 WIB\n\nMenteri ...", "2024-11-05"),
        ("Diperbarui: Kamis, 2 Mei 2024 pukul 09.05 WITA\nKerja sama ...", "2024-05-02"),
        ("Trade news\nPublished: October 8, 2023 7:45 AM\n\nThe two ...", "2023-10-08"),
        ("4 March 2024\nText.", "2024-03-04"),
    ],
)
def test_a_line_that_is_only_a_date_is_the_publication_date(head, expected):
    found = find_published(head, lang="id")
    assert found is not None and str(found.date) == expected
    assert expected[:4] in head[found.start : found.end]


@pytest.mark.parametrize(
    "head",
    [
        "Kerja sama ditandatangani pada 5 November 2024 di Jakarta.",  # a date inside a sentence
        "Pameran berlangsung hingga 5 November 2024 10:00 WIB dan",
    ],
)
def test_a_date_inside_a_sentence_is_not_a_publication_line(head):
    assert find_published(head, lang="id") is None


@pytest.mark.parametrize(
    ("paragraph", "place", "expected"),
    [
        ("SURABAYA, 21 Agustus 2023 - Pemerintah provinsi ...", "Surabaya", "2023-08-21"),
        ("SURABAYA, 21 Agustus 2023 Pemerintah provinsi ...", "Surabaya", "2023-08-21"),
        ("Bandung, Senin, 3 Juni 2024 10:15 WIB — Dua lembaga ...", "Bandung", "2024-06-03"),
        ("OSAKA, June 3, 2024 (Kyodo) -- Two agencies ...", "Osaka", "2024-06-03"),
    ],
)
def test_datelines_with_and_without_a_dash(paragraph, place, expected):
    found = find_dateline(paragraph, lang="id", base=None)
    assert found is not None
    assert (found.place, str(found.date)) == (place, expected)


def test_a_weekday_line_is_not_a_dateline():
    assert find_dateline("Rabu, 13 Maret 2024 10:15 WIB", lang="id", base=None) is None


@pytest.mark.parametrize("phrase", ["kemarin", "hari ini", "yesterday", "today", "Selasa (12/3)"])
def test_relative_dates_without_an_anchor_stay_unresolved(phrase):
    found = find_dates(f"Kedua pihak menandatangani MoU {phrase}.", base=None, lang="id")
    assert [d.value for d in found] == [None]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("kemarin", "2024-03-12"),
        ("today", "2024-03-13"),
        ("Senin (11/3)", "2024-03-11"),
        ("on Monday", "2024-03-11"),
    ],
)
def test_relative_dates_count_from_the_anchor(phrase, expected):
    found = find_dates(f"They signed {phrase}.", base=dt.date(2024, 3, 13), lang="en")
    assert [str(d.value) for d in found] == [expected]
