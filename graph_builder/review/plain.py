"""Candidate data as it is written: field names checked, strictly read text made natural.

The strict reader gives every scalar as the text it was written as; a candidate from the
review page is JSON. Both are written back as YAML text (:func:`.candidate.yaml_text`), so
keys must be field names (a key is written as it is) and ``"5"`` should be written ``5``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from graph_builder.ingest.strict_yaml import Path_

_KEY = re.compile(r"[a-z][a-z_]{0,39}")


def bad_key(value: Any, where: Path_) -> Path_ | None:
    """The first mapping key below *value* that is not a field name (it would be written
    into the YAML as it is), or None."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not _KEY.fullmatch(key):
                return (*where, key)
            found = bad_key(item, (*where, key))
            if found is not None:
                return found
    elif isinstance(value, list):
        for n, item in enumerate(value):
            found = bad_key(item, (*where, n))
            if found is not None:
                return found
    return None


def undotted(field: str | None) -> Path_ | None:
    """``claims[3].sectors[0]`` → ``("claims", 3, "sectors", 0)``."""
    if not field:
        return None
    parts = re.findall(r"([^.\[\]]+)|\[([0-9]+)\]", field)
    return tuple(int(index) if index else name for name, index in parts)


_INT = re.compile(r"0|[1-9][0-9]{0,9}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def natural(value: Any) -> Any:
    """Strictly read text as the YAML it was written as (``5``, ``true``, dates unquoted)."""
    if isinstance(value, dict):
        return {k: natural(v) for k, v in value.items()}
    if isinstance(value, list):
        return [natural(v) for v in value]
    if isinstance(value, str):
        if _INT.fullmatch(value):
            return int(value)
        if value in ("true", "false"):
            return value == "true"
        if _DATE.match(value):
            try:
                return (dt.date if len(value) == 10 else dt.datetime).fromisoformat(value)
            except ValueError:
                return value
    return value
