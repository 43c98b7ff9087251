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


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("By a trade correspondent | Lima | Published 3 June 2024\n\nText.", "2024-06-03"),
        ("Oleh tim redaksi | 12 Februari 2025\n\nTeks.", "2025-02-12"),
        ("BRIEFING NOTES - Ministry of Trade, Jakarta, Friday 7 June 2024\n\nText.", "2024-06-07"),
    ],
)
def test_a_head_line_ending_in_a_date_after_a_separator_dates_the_article(head, expected):
    found = find_published(head, lang="en")
    assert found is not None and str(found.date) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a by-line's date anchors a weekday: 3 June 2024 is a Monday
        (
            "By a trade correspondent | Published 3 June 2024\n\n"
            "Indonesia and Chile signed a memorandum on copper processing on Friday.",
            "2024-05-31",
        ),
        # the signing sentence has no day: its paragraph's previous sentence gives it
        (
            "Ministers of Indonesia and Peru met in Lima on 4 March 2024. "
            "They signed the memorandum on fisheries that afternoon.",
            "2024-03-04",
        ),
        # a programme without a signing: the deal's dated sentence
        (
            "UNIDO and Indonesia's Ministry of Industry began a cooperation programme for "
            "small industries on 8 April 2024.",
            "2024-04-08",
        ),
        # a weekday at the end of the paragraph before the signing gives its day;
        # "put their names to" is a signing (4 December 2025 is a Thursday)
        (
            "By a correspondent | Thursday, 4 December 2025\n\n"
            "Slovenia's economy minister flew in on Tuesday.\n\n"
            "At the ministry the two ministers put their names to a memorandum on "
            "furniture and wood processing.",
            "2025-12-02",
        ),
        # two signings on one trip this week: the first of them is the event
        (
            "NAIROBI, 5 December 2025 - Indonesia signed an industry MoU with Kenya on "
            "Thursday. Its framework agreement with Uganda was signed in "
            "Kampala on Tuesday, on the same trip.",
            "2025-12-02",
        ),
        # a briefing note's heading anchors "yesterday"
        (
            "BRIEFING NOTES - Ministry of Trade, Jakarta, Friday 7 June 2024\n\n"
            "Yesterday the Ministry of Industry signed an MoU with Chile on lithium.",
            "2024-06-06",
        ),
    ],
)
def test_the_event_date_from_the_article_itself(run, text, expected):
    result = run(text, lang="en")
    assert str(result.signing_date) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # a by-line that ends in a weekday and a numeric date anchors "kemarin"
        (
            "WAWANCARA\n\nDuta Besar Peru menjawab pertanyaan kami, Jumat (8/11/2024)\n\n"
            "Nota kesepahaman kerja sama industri diteken kemarin di Jakarta.",
            dt.date(2024, 11, 7),
        ),
        # a publication line with a time zone's offset anchors "today"
        (
            "Published: Tuesday, 12 March 2024, 10:42 GMT+7\n\n"
            "JAKARTA – Indonesia and Peru today signed a memorandum of understanding.",
            dt.date(2024, 3, 12),
        ),
        # a dateline with a weekday before the numeric date
        (
            "Surabaya, Kamis (13/6/2024) - Bank itu menyetujui pinjaman untuk kawasan industri.\n\n"
            "Pinjaman itu disepakati dengan Kementerian Keuangan.",
            dt.date(2024, 6, 13),
        ),
        # a launch and a signing in one article: the signing is the event
        (
            "LIMA, 27 November 2024 - The ministry had two meetings this week.\n\n"
            "First, on Tuesday, UNIDO and the ministry launched a programme on textiles. "
            "No agreement was signed.\n\n"
            "Second, on Wednesday, 27 November, the ministry signed a memorandum of "
            "understanding with Peru's Ministry of Production.",
            dt.date(2024, 11, 27),
        ),
    ],
)
def test_the_event_day_from_the_articles_own_dates(run, head, expected):
    assert run(head).signing_date == expected


@pytest.mark.parametrize("order", ["day first", "month first"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_whole_date_is_read_as_the_date_parser_reads_it(order, lang):
    import dateparser

    from graph_builder.extract.dates import _MONTHS, _whole_date

    languages = [lang, "en"] if lang != "en" else ["en", "id"]
    settings = {"PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"}
    read = 0
    for word in _MONTHS:
        for form in (word, word.title(), word.upper(), word.title() + "."):
            for day, year in ((1, 2023), (13, 1999), (29, 2024), (31, 2024), (29, 2023)):
                text = f"{day} {form} {year}" if order == "day first" else f"{form} {day} {year}"
                ours = _whole_date(text)
                if ours is None:
                    continue  # not a whole date here ("agus", "31 April"): the parser reads it
                parsed = dateparser.parse(text, languages=languages, settings=settings)
                assert parsed is not None and parsed.date() == ours, text
                read += 1
    assert read > 600
