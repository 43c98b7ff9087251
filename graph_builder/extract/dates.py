"""Dates and durations in Indonesian and English news text.

Date expressions are found with patterns (so that parsing runs only on the few strings
that look like dates) and read with dateparser, which knows both languages' month
names and relative words ("kemarin", "yesterday") against a base date. Weekday-only
references ("Jumat (8/9)", "on Tuesday") are resolved against the publication date:
the latest such day on or before it. Without one, a day and month written with their
weekday ("Jumat (8/9)", "Friday, 8 September") take the one year among those the article
states in which that day is that weekday; never the machine's clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

_MONTHS = {
    "januari": 1,
    "january": 1,
    "jan": 1,
    "februari": 2,
    "february": 2,
    "feb": 2,
    "pebruari": 2,
    "maret": 3,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "june": 6,
    "jun": 6,
    "juli": 7,
    "july": 7,
    "jul": 7,
    "agustus": 8,
    "august": 8,
    "aug": 8,
    "agu": 8,
    "agt": 8,
    "agus": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "october": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nopember": 11,
    "nov": 11,
    "desember": 12,
    "december": 12,
    "des": 12,
    "dec": 12,
}
_WEEKDAYS = {
    "senin": 0,
    "monday": 0,
    "selasa": 1,
    "tuesday": 1,
    "rabu": 2,
    "wednesday": 2,
    "kamis": 3,
    "thursday": 3,
    "jumat": 4,
    "jum'at": 4,
    "friday": 4,
    "sabtu": 5,
    "saturday": 5,
    "minggu": 6,
    "ahad": 6,
    "sunday": 6,
}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = "(?:" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + ")"
_WEEKDAY_WORD = re.compile(_WEEKDAY, re.IGNORECASE)
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d{2}"
"""A year as articles write one (1900–2099)."""
_RELATIVE = r"(?:kemarin|yesterday|hari ini|today|tadi pagi|this morning)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(rf"\b{YEAR}-[01]\d-[0-3]\d\b")),
    (
        "dmy",
        re.compile(
            rf"(?<!\w)(?:{_WEEKDAY},?\s+(?:\(|tanggal\s+)?)?{_DAY}(?:\s*[-–]\s*{_DAY})?\s+{_MONTH}"
            rf"(?:,?\s+{YEAR})?(?!\w)",
            re.IGNORECASE,
        ),
    ),
    (
        "mdy",
        re.compile(
            rf"(?<!\w)(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:\s*[-–]\s*{_DAY})?(?:,?\s+{YEAR})?(?!\w)",
            re.IGNORECASE,
        ),
    ),
    (
        "numeric",
        re.compile(
            rf"(?<!\w)(?:{_WEEKDAY},?\s*)?\(([0-3]?\d)/([01]?\d)(?:/((?:19|20)?\d\d))?\)",
            re.IGNORECASE,
        ),
    ),
    (
        "relative",
        re.compile(
            rf"(?<!\w){_RELATIVE}(?!\w)",
            re.IGNORECASE,
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"(?<!\w)(?:(?:on|pada|hari|last)\s+)?{_WEEKDAY}(?:\s+(?:lalu|kemarin))?(?!\w)",
            re.IGNORECASE,
        ),
    ),
)


_DIGIT = re.compile(r"\d")
_NAMED_DAY = re.compile(rf"(?<!\w)(?:{_RELATIVE}|{_WEEKDAY})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """A date expression: where it is, how it was written, and the day it means (or None)."""

    start: int
    end: int
    text: str
    kind: str
    value: dt.date | None


def find_dates(
    text: str, *, base: dt.date | None, lang: str, years: Collection[int] = ()
) -> list[DateMention]:
    """Date expressions of *text*, each resolved against *base* (the publication date).

    Without *base*, a day and month written with a weekday and no year are resolved with
    *years* (those the article states): the day is the one of the only such year in which
    it falls on that weekday, else it stays unresolved."""
    found: list[DateMention] = []
    if not (_DIGIT.search(text) or _NAMED_DAY.search(text)):
        return found  # every pattern needs a digit or a day's name: most sentences have neither
    taken = bytearray(len(text))  # 1 where an earlier pattern matched: linear on long text
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if 1 in taken[start:end]:
                continue
            value = _resolve(kind, match, base, lang)
            if value is None and base is None and years and kind in _YEARLESS:
                value = _by_weekday(kind, match, lang, years)
            if kind == "weekday" and value is None:
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append(DateMention(start, end, match.group(), kind, value))
    found.sort(key=lambda d: d.start)
    return found


def _resolve(kind: str, match: re.Match[str], base: dt.date | None, lang: str) -> dt.date | None:
    text = match.group()
    if kind == "iso":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    if kind == "numeric":
        day, month, year = match.group(1), match.group(2), match.group(3)
        if year is None and base is None:
            return None
        full_year = int(year) + (2000 if year and len(year) == 2 else 0) if year else None
        try:
            value = dt.date(full_year or base.year, int(month), int(day))  # type: ignore[union-attr]
        except ValueError:
            return None
        if full_year is None and base is not None and value > base:
            value = value.replace(year=base.year - 1)
        return value
    if kind == "weekday":
        if base is None:
            return None
        weekday = _WEEKDAYS[_WEEKDAY_WORD.search(text).group().lower()]  # type: ignore[union-attr]
        return base - dt.timedelta(days=(base.weekday() - weekday) % 7)
    if kind in ("dmy", "mdy") and not re.search(YEAR, text) and base is None:
        return None
    if kind == "relative" and base is None:
        return None  # "kemarin" with nothing to count from: never the machine's clock
    return _parse(_clean(text), base, lang)


_YEARLESS = frozenset({"numeric", "dmy", "mdy"})
_WRITTEN_YEAR = re.compile(YEAR)


def _by_weekday(
    kind: str, match: re.Match[str], lang: str, years: Collection[int]
) -> dt.date | None:
    """The day *match* (a day and month with its weekday, no year) means in the only one of
    *years* where that day is that weekday; None without a weekday, or with none or two
    such years ("Jumat (8/9)" with 2017 and 2023 both stated stays unresolved)."""
    text = match.group()
    weekday = _WEEKDAY_WORD.match(text)
    if weekday is None or _WRITTEN_YEAR.search(text):
        return None
    wanted = _WEEKDAYS[weekday.group().lower()]
    found: set[dt.date] = set()
    for year in set(years):
        if kind == "numeric":
            try:
                day = dt.date(year, int(match.group(2)), int(match.group(1)))
            except ValueError:
                continue
        else:
            day = _parse(f"{_clean(text)} {year}", None, lang)  # type: ignore[assignment]
        if day is not None and day.weekday() == wanted:
            found.add(day)
    return found.pop() if len(found) == 1 else None


def _clean(text: str) -> str:
    text = re.sub(rf"^{_WEEKDAY},?\s*(?:\(|tanggal\s+)?", "", text, flags=re.IGNORECASE)
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"(\d+)\s*[-–]\s*\d+", r"\1", text)  # a range: its first day
    return text.replace(",", " ").strip()


_WHOLE_MONTH = "(?P<month>" + "|".join(m for m in _MONTHS if m != "agus") + r")\.?"
_WHOLE_DATE = re.compile(
    rf"(?:(?P<day>[0-3]?\d)\s+{_WHOLE_MONTH}|{_WHOLE_MONTH.replace('month', 'month2')}\s+"
    rf"(?P<day2>[0-3]?\d))\s+(?P<year>{YEAR})",
    re.IGNORECASE,
)
"""A whole date, "13 Maret 2024" or "March 13 2024": read here as the date parser reads it
(a test compares the two on every month word), so that the parser is loaded (0.35 CPU s)
only for the dates that need it. The parser does not know "agus"."""


def _whole_date(text: str) -> dt.date | None:
    whole = _WHOLE_DATE.fullmatch(text)
    if whole is None:
        return None
    month = _MONTHS[(whole["month"] or whole["month2"]).lower()]
    try:
        return dt.date(int(whole["year"]), month, int(whole["day"] or whole["day2"]))
    except ValueError:
        return None  # "29 Februari 2023": the parser decides


@lru_cache(maxsize=4096)
def _parse(text: str, base: dt.date | None, lang: str) -> dt.date | None:
    whole = _whole_date(text)
    if whole is not None:
        return whole
    import dateparser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    languages = [lang, "en"] if lang != "en" else ["en", "id"]
    parsed = dateparser.parse(text, languages=languages, settings=settings)
    return parsed.date() if parsed else None


_PLACE = r"(?P<place>[A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+){0,2})"
_FULL_DATE = rf"(?:{_WEEKDAY},?\s+)?(?:{_DAY}\s+{_MONTH},?\s+{YEAR}|{_MONTH}\s+{_DAY},?\s+{YEAR})"
_CLOCK = (
    r"(?:\s*[,|–-]?\s*(?:pukul\s+)?[0-2]?\d[:.][0-5]\d"
    r"(?:\s*(?:WIB|WITA|WIT|GMT|UTC|[AP]M|[A-Z]{2,4}T)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?)"
)
_DATELINE = re.compile(
    rf"^\s*{_PLACE}\s*(?:,|\()?\s*"
    r"(?P<when>[^–—\n]{0,40}?)\)?\s*(?:\([A-Za-z. ]+\))?\s*[-–—]{1,2}\s",
)
_DATELINE_NO_DASH = re.compile(
    rf"^\s*{_PLACE}\s*,\s*(?P<when>{_FULL_DATE}){_CLOCK}?(?!\w)",
    re.IGNORECASE,
)
"""A dateline without a dash: "JAKARTA, 13 Maret 2024" (the date must be whole)."""
_PUBLISHED = re.compile(
    # the whole line, or its last part after a by-line or a heading ("By … | 2 May 2024",
    # "PRESS NOTES - Ministry …, Jakarta, Thursday 25 January 2024")
    r"^(?:[^\n]{0,120}?\s[|–—·•-]\s+|[^\n]{0,120}?,\s+)??[ \t]*"
    r"(?:(?:published|updated|posted|diterbitkan|diperbarui|dipublikasikan|"
    r"diunggah)(?:\s+on|\s+pada)?\s*:?\s*)?"
    rf"(?P<when>{_FULL_DATE}|{_WEEKDAY},?\s*\(?(?P<numeric>[0-3]?\d/[01]?\d/{YEAR})\)?)"
    rf"{_CLOCK}?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
"""A line that is only a date (and a time), or ends in one after a separator: "Rabu, 13
Maret 2024 10:15 WIB", "By a staff writer | Published 2 August 2024", "By … · Thursday, 3
December 2026, 11:20 CET" (a middle dot, a zone's letters), "… menjawab
pertanyaan kami, Jumat (8/11/2024)"."""


_NUMERIC_DAY = re.compile(rf"^(?:{_WEEKDAY}\s*,?\s*\(?)?([0-3]?\d/[01]?\d(?:/\d{{2,4}})?)$", re.I)


@dataclass(frozen=True)
class Dateline:
    """The place (and date) an article opens with: "JAKARTA (8/9/2023) - …"."""

    place: str
    date: dt.date | None
    start: int
    end: int


@dataclass(frozen=True)
class Published:
    """A publication date the article states on a line of its own, and where."""

    date: dt.date
    start: int
    end: int


def find_published(text: str, *, lang: str, within: int = 1500) -> Published | None:
    """The first line of the article's head (*within* characters) that is only a date."""
    for match in _PUBLISHED.finditer(text, 0, min(len(text), within)):
        if match.group("numeric"):  # day/month/year, as in datelines
            dates = find_dates(f"({match.group('numeric')})", base=None, lang=lang)
            value = dates[0].value if dates else None
        else:
            value = _parse(_clean(match.group("when")), None, lang)
        if value is not None:
            return Published(value, match.start("when"), match.end())
    return None


def find_dateline(text: str, *, lang: str, base: dt.date | None) -> Dateline | None:
    """The dateline at the start of *text* (a paragraph), if it has one."""
    match = _DATELINE.match(text) or _DATELINE_NO_DASH.match(text)
    if not match:
        return None
    place = match.group("place")
    if len(place) < 3 or place.lower() in _WEEKDAYS:
        return None
    when = match.group("when").strip(" ,()")
    value = None
    if when:
        numeric = _NUMERIC_DAY.search(when)
        # "13/6/2024", "Kamis (13/6/2024)": day/month[/year], read as datelines write it
        wrapped = f"({numeric.group(1)})" if numeric else when
        dates = find_dates(wrapped, base=base, lang=lang)
        value = dates[0].value if dates else None
        if value is None and not dates and len(when) > 25:
            return None
    return Dateline(place.title() if place.isupper() else place, value, match.start(), match.end())


_NUMBERS = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
    "se": 1,
}
_NUMBER = r"(?P<n>\d{1,2}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + ")"
_TERM = re.compile(
    r"(?<!\w)(?:berlaku|masa berlaku|jangka waktu|selama|periode|untuk masa|"
    r"valid|for|period of|term of|duration of|lasts?|runs?|effective)\b[^.;\n]{0,40}?"
    rf"(?<!\w){_NUMBER}(?:\s*\(\d{{1,2}}\))?[\s-]+(?:tahun|years?)(?!\w)",
    re.IGNORECASE,
)
_EXTENDABLE = re.compile(
    r"(?<!\w)(?:dapat diperpanjang|bisa diperpanjang|diperpanjang|perpanjangan|"
    r"extendable|extendible|renewable|be extended|be renewed|renewed automatically|"
    r"automatically renewed|extended by|extension)(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TermMention:
    """How long an agreement runs, and whether it can be extended."""

    start: int
    end: int
    text: str
    years: int
    extendable: bool


def find_term(sentences: list[tuple[int, str]]) -> TermMention | None:
    """The first "valid for N years" in *sentences* ((offset, text) pairs)."""
    for i, (offset, sentence) in enumerate(sentences):
        low = sentence.lower()  # a term ends in "tahun" or "year": most sentences hold neither
        if "tahun" not in low and "year" not in low:  # (and the search costs ten times more)
            continue
        match = _TERM.search(sentence)
        if not match:
            continue
        raw = match.group("n").lower()
        years = int(raw) if raw.isdigit() else _NUMBERS[raw]
        if not 0 < years <= 50:
            continue
        following = (
            sentence[match.end() :] + " " + (sentences[i + 1][1] if i + 1 < len(sentences) else "")
        )
        extendable = bool(_EXTENDABLE.search(following[:200]) or _EXTENDABLE.search(sentence))
        return TermMention(
            offset + match.start(), offset + match.end(), match.group(), years, extendable
        )
    return None
