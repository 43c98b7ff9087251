"""Checking one YAML document field by field, with errors that name file, line and field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from pyoxigraph import NamedNode

from graph_builder.errors import SourceError
from graph_builder.ingest.strict_yaml import Path_, YamlDocument, dotted
from graph_builder.records import LANGUAGES, Origin

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def suggest(word: str, choices: Iterable[str]) -> str:
    import difflib  # only when a name is wrong: not part of every build's start

    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


class FileChecker:
    """One YAML document being checked, with error helpers that know its lines."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc

    def fail(self, where: Path_, message: str) -> SourceError:
        return SourceError(
            self.doc.path, message, line=self.doc.line(where), field=dotted(where) or None
        )

    def origin(self, where: Path_) -> Origin:
        return Origin(self.doc.path, self.doc.line(where))

    def mapping(
        self,
        value: Any,
        where: Path_,
        *,
        required: Iterable[str] = (),
        optional: Iterable[str] = (),
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected a mapping (key: value), got {kind_of(value)}")
        required, allowed = list(required), {*required, *optional}
        for key in value:
            if key not in allowed:
                raise self.fail(
                    (*where, key),
                    f"unknown key{suggest(key, allowed)}; allowed: {', '.join(sorted(allowed))}",
                )
        for key in required:
            if value.get(key) in (None, "", [], {}):
                raise self.fail(
                    where if key not in value else (*where, key), f"missing required field {key!r}"
                )
        return value

    def listing(self, value: Any, where: Path_) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list (- item), got {kind_of(value)}")
        return value

    def text(self, value: Any, where: Path_) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"expected text, got {kind_of(value)}")
        return value.strip()

    def labels(self, value: Any, where: Path_) -> dict[str, str]:
        labels = self.mapping(value, where, required=LANGUAGES)
        return {lang: self.text(labels[lang], (*where, lang)) for lang in LANGUAGES}

    def slug(self, value: Any, where: Path_) -> str:
        text = self.text(value, where)
        if not SLUG.match(text):
            raise self.fail(where, f"{text!r} is not an id: use lower-case words joined by '-'")
        return text

    def date(self, value: Any, where: Path_) -> dt.date:
        text = self.text(value, where)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise self.fail(where, f"{text!r} is not a date; write YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(text)
        except ValueError as exc:
            raise self.fail(where, f"impossible date {text!r} ({exc})") from None

    def date_or_datetime(self, value: Any, where: Path_) -> dt.date | dt.datetime:
        text = self.text(value, where)
        if len(text) == 10:
            return self.date(text, where)
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            raise self.fail(
                where, f"{text!r} is not a date or time; write YYYY-MM-DD or YYYY-MM-DDTHH:MM+07:00"
            ) from None
        if moment.tzinfo is None:
            raise self.fail(where, f"{text!r} has no time zone; add one such as +07:00")
        return moment

    def integer(self, value: Any, where: Path_) -> int:
        if isinstance(value, str) and re.fullmatch(r"[0-9]{1,4}", value):
            return int(value)
        raise self.fail(where, f"expected a whole number, got {kind_of(value)}")

    def boolean(self, value: Any, where: Path_) -> bool:
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise self.fail(where, f"expected true or false, got {kind_of(value)}")

    def url(self, value: Any, where: Path_) -> str:
        text = self.text(value, where)
        if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", text):
            raise self.fail(where, f"{text!r} is not an http(s) URL")
        try:  # the IRI grammar, as the store checks it (the build loads its IRIs unchecked)
            NamedNode(text)
        except ValueError as exc:
            raise self.fail(
                where,
                f"{text!r} is not a valid IRI ({exc}); correct the URL or percent-encode "
                "that character",
            ) from None
        return text


def kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(value)
