"""A day and month written with their weekday, in an article with no publication date.

"Jumat (8/9)" names a Friday; of the years an article states, the one in which 8 September
is a Friday is the year meant. Before, such a day stayed unresolved without a publication
date, and the candidate linked the deal to an older agreement of the same parties.
"""

from __future__ import annotations

import datetime as dt

import pytest

from graph_builder.extract.dates import find_dates


@pytest.mark.parametrize(
    ("text", "years", "lang", "expected"),
    [
        ("ditandatangani di Jakarta, Jumat (8/9).", {2023}, "id", dt.date(2023, 9, 8)),
        # 8 September 2024 is a Sunday: only 2023 fits a Friday
        ("ditandatangani di Jakarta, Jumat (8/9).", {2023, 2024}, "id", dt.date(2023, 9, 8)),
        ("signed in Seoul on Friday, 8 September.", {2021, 2023}, "en", dt.date(2023, 9, 8)),
        ("signed on Friday, September 8, in Seoul.", {2023}, "en", dt.date(2023, 9, 8)),
        ("diteken Kamis (9/11) di Bogor.", {2016, 2017}, "id", dt.date(2017, 11, 9)),
    ],
)
def test_a_weekday_and_day_take_the_stated_year_where_they_agree(text, years, lang, expected):
    (mention,) = find_dates(text, base=None, lang=lang, years=years)
    assert mention.value == expected


@pytest.mark.parametrize(
    ("text", "years"),
    [
        # 2017 and 2023 both have 8 September on a Friday: which one is not said
        ("ditandatangani di Jakarta, Jumat (8/9).", {2017, 2023}),
        # 8 September 2023 is a Friday, not a Monday: the text contradicts itself
        ("ditandatangani di Jakarta, Senin (8/9).", {2023}),
        # no weekday: nothing to choose a year by
        ("ditandatangani di Jakarta (8/9).", {2023}),
        # no year stated anywhere: never the machine's clock
        ("ditandatangani di Jakarta, Jumat (8/9).", set()),
        ("signed on Friday, 8 September.", {2024}),
    ],
)
def test_a_weekday_and_day_stay_unresolved_without_one_agreeing_year(text, years):
    assert [m.value for m in find_dates(text, base=None, lang="id", years=years)] == [None]


def test_a_publication_date_still_decides_when_there_is_one():
    (mention,) = find_dates(
        "ditandatangani Jumat (8/9).", base=dt.date(2028, 9, 10), lang="id", years={2023}
    )
    assert mention.value == dt.date(2028, 9, 8)


def _candidate(run, extractor, text: str) -> dict:
    from graph_builder.extract.candidate import candidate_data

    return candidate_data(run(text), extractor.lexicon)


def test_the_event_day_and_the_agreement_follow_the_year_the_weekday_picks(run, extractor):
    """The bundled data holds two Indonesia–Korea agreements, signed in 2017 and 2023."""
    data = _candidate(
        run,
        extractor,
        "Jakarta - Indonesia dan Korea Selatan menandatangani perjanjian kerja sama industri "
        "di Jakarta, Jumat (8/9).\n\nPerjanjian itu menjadi bagian dari rangkaian pertemuan "
        "para pemimpin ASEAN pada September 2023.\n",
    )
    (agreement,) = [c for c in data["claims"] if "parties" in c]
    assert agreement["about"] == "agreement-industrial-cooperation-indonesia-korea-2023"
    (signing,) = [c for c in data["claims"] if "date" in c]
    assert signing["date"]["value"] == dt.date(2023, 9, 8)
    assert signing["date"]["says"] == "Jumat (8/9)"


def test_a_dated_signing_is_never_claimed_for_another_years_signing(run, extractor):
    """A 2019 MoU of the same parties as the data's 2017 one is a new agreement: its day
    goes under ``unresolved``, not onto the 2017 signing."""
    data = _candidate(
        run,
        extractor,
        "SEOUL, 14 March 2019 - Indonesia and South Korea signed a memorandum of "
        "understanding on industrial cooperation in the shipbuilding industry today.\n",
    )
    abouts = [c["about"] for c in data["claims"]]
    assert not any(a.endswith("-2017") for a in abouts), abouts
    assert data["unresolved"]["signing"]["date"]["value"] == dt.date(2019, 3, 14)
    assert data["unresolved"]["agreement"]["suggested_id"].endswith("-2019")
