"""Countries from ISO 3166-1 (pycountry's database), with English and Indonesian names.

The records are read from pycountry's database file and its Indonesian translations from
its locale folder, without importing pycountry (its import and first lookup take 0.07–0.3 s),
so that binding a ``country`` query parameter stays cheap.
"""

from __future__ import annotations

import gettext
import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from graph_builder.records import Country


@cache
def _folder() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("pycountry")  # a dependency: its folder, not its import
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).parent


@cache
def _records() -> dict[str, dict[str, Any]]:
    """pycountry's ISO 3166-1 records by alpha-2 and alpha-3 code."""
    database = _folder() / "databases" / "iso3166-1.json"
    records = json.loads(database.read_text(encoding="utf-8"))["3166-1"]
    return {r[key]: r for r in records for key in ("alpha_2", "alpha_3")}


@cache
def _indonesian() -> gettext.NullTranslations:
    locales = _folder() / "locales"
    return gettext.translation("iso3166-1", locales, languages=["id"], fallback=True)


def lookup_country(code: str) -> Country | None:
    """The country with ISO 3166-1 alpha-2 or alpha-3 *code* (upper case), or None."""
    if not (code.isascii() and code.isupper() and len(code) in (2, 3)):
        return None
    record = _records().get(code)
    if record is None:
        return None
    tr = _indonesian().gettext
    official = record.get("official_name")
    return Country(
        alpha_2=record["alpha_2"],
        alpha_3=record["alpha_3"],
        numeric=record["numeric"],
        # ISO's short names put the article last ("Korea, Republic of"); common_name reads better
        names={"en": record.get("common_name") or record["name"], "id": tr(record["name"])},
        official_names={"en": official, "id": tr(official)} if official else {},
    )


def known_country(code: str) -> Country:
    """The country with *code*, a code checked when it was first read (a manifest's)."""
    country = lookup_country(code)
    assert country is not None, code
    return country


def countries_named(text: str, codes: Iterable[str]) -> list[str]:
    """Those of the alpha-2 country *codes* whose English or Indonesian name appears in *text*."""
    found = []
    words = text.lower()
    for code in dict.fromkeys(codes):
        country = lookup_country(code)
        if country is None or country.alpha_2 != code:
            continue
        names = {*country.names.values(), *country.official_names.values()}
        names.add(_records()[code]["name"])  # ISO's short name: "Korea, Republic of"
        names |= {n.split(",")[0] for n in names}  # "Korea, Republic of" → "Korea"
        if any(re.search(rf"\b{re.escape(n.lower())}\b", words) for n in names if n):
            found.append(code)
    return found


def country_codes() -> list[str]:
    """Every alpha-2 code, for "did you mean" suggestions."""
    return sorted({r["alpha_2"] for r in _records().values()})
