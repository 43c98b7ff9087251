"""Countries from ISO 3166-1 (pycountry), with English and Indonesian names."""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pycountry


@dataclass
class Country:
    """One ISO 3166-1 country and the identifiers the data adds to it."""

    alpha_2: str
    alpha_3: str
    numeric: str
    names: dict[str, str]
    official_names: dict[str, str]
    identifiers: dict[str, str] = field(default_factory=dict)


@cache
def _indonesian() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"], fallback=True)


def _short_name(record: Any) -> str:
    # ISO's short names put the article last ("Korea, Republic of"); common_name reads better.
    return str(getattr(record, "common_name", None) or record.name)


def lookup_country(code: str) -> Country | None:
    """The country with ISO 3166-1 alpha-2 or alpha-3 *code* (upper case), or None."""
    if not code.isascii() or not code.isupper() or len(code) not in (2, 3):
        return None
    if len(code) == 2:
        record = pycountry.countries.get(alpha_2=code)
    else:
        record = pycountry.countries.get(alpha_3=code)
    if record is None:
        return None
    tr = _indonesian().gettext
    official = getattr(record, "official_name", None)
    return Country(
        alpha_2=record.alpha_2,
        alpha_3=record.alpha_3,
        numeric=record.numeric,
        names={"en": _short_name(record), "id": tr(record.name)},
        official_names={"en": official, "id": tr(official)} if official else {},
    )


def country_codes() -> list[str]:
    """Every alpha-2 code, for "did you mean" suggestions."""
    return sorted(c.alpha_2 for c in pycountry.countries)
