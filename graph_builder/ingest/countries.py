"""Countries from ISO 3166-1 (pycountry), with English and Indonesian names.

pycountry is imported when a country is first looked up (its import takes about 0.05 s);
:func:`country_alpha_2`, all that binding a query parameter needs, reads pycountry's
database file without importing it.
"""

from __future__ import annotations

import gettext
from functools import cache
from typing import Any

from graph_builder.records import Country


@cache
def _indonesian() -> gettext.NullTranslations:
    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"], fallback=True)


def _short_name(record: Any) -> str:
    # ISO's short names put the article last ("Korea, Republic of"); common_name reads better.
    return str(getattr(record, "common_name", None) or record.name)


def lookup_country(code: str) -> Country | None:
    """The country with ISO 3166-1 alpha-2 or alpha-3 *code* (upper case), or None."""
    if not _is_code(code):
        return None
    import pycountry

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


def _is_code(code: str) -> bool:
    return code.isascii() and code.isupper() and len(code) in (2, 3)


def country_alpha_2(code: str) -> str | None:
    """The alpha-2 code of the country with alpha-2 or alpha-3 *code* (upper case), or None.

    The same answer as ``lookup_country(code).alpha_2``, without importing pycountry.
    """
    return _alpha_2_by_code().get(code) if _is_code(code) else None


@cache
def _alpha_2_by_code() -> dict[str, str]:
    import importlib.util
    import json
    from pathlib import Path

    spec = importlib.util.find_spec("pycountry")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    try:
        database = Path(folders[0], "databases", "iso3166-1.json")
        records = json.loads(database.read_text(encoding="utf-8"))["3166-1"]
        return {r[key]: r["alpha_2"] for r in records for key in ("alpha_2", "alpha_3")}
    except (IndexError, OSError, ValueError, KeyError, TypeError):  # another layout
        import pycountry

        return {code: c.alpha_2 for c in pycountry.countries for code in (c.alpha_2, c.alpha_3)}


def country_codes() -> list[str]:
    """Every alpha-2 code, for "did you mean" suggestions."""
    import pycountry

    return sorted(c.alpha_2 for c in pycountry.countries)
