"""Countries from ISO 3166-1 (pycountry's database), with English and Indonesian names.

The records are read from pycountry's database file and its Indonesian translations from
its locale folder, without importing pycountry (its import and first lookup take 0.07–0.3 s),
so that binding a ``country`` query parameter stays cheap.
"""

from __future__ import annotations

import gettext
import json
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


def country_codes() -> list[str]:
    """Every alpha-2 code, for "did you mean" suggestions."""
    return sorted({r["alpha_2"] for r in _records().values()})
