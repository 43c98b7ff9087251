"""The records that data files are read into: plain data, no I/O, no RDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .countries import Country


@dataclass(frozen=True)
class Origin:
    """Where a record was written: file and line."""

    path: Path
    line: int | None


@dataclass
class Entity:
    """A shared entity from ``data/entities``."""

    kind: str
    id: str
    type: str | None
    labels: dict[str, str]
    origin: Origin
    abbreviations: dict[str, str] = field(default_factory=dict)
    name: str | None = None
    post_in: str | None = None


@dataclass(frozen=True)
class Value:
    """A claim's object: an entity, a country, a concept or a typed literal."""

    kind: str  # entity kind, "country", "concept", or a literal type: date, int, bool, text
    value: Any


@dataclass(frozen=True)
class Claim:
    """One statement a source makes: subject, property, value, and where it says so."""

    subject: Value
    prop: str
    value: Value
    locator: str | None
    says: str | None
    origin: Origin
    span: tuple[int, int] | None = None  # character offsets of ``says`` in the source text


@dataclass
class Citation:
    """What a source is: the fields of ``source:`` in its file."""

    id: str
    type: str
    labels: dict[str, str]
    language: str
    title: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    issued: date | datetime | None = None
    dateline: str | None = None
    cites_site: str | None = None
    cited_date: date | None = None


@dataclass
class SourceRecord:
    """One source file: its citation and its claims."""

    citation: Citation
    claims: list[Claim]
    path: Path


@dataclass
class Divergence:
    """A place where sources differ, with each side and the sources that take it."""

    id: str
    labels: dict[str, str]
    concerns: list[Value]
    sides: list[tuple[dict[str, str], list[str]]]
    origin: Origin


@dataclass
class SourceSet:
    """Everything a data folder holds, checked and resolved."""

    entities: dict[str, Entity]
    countries: dict[str, Country]
    sources: list[SourceRecord]
    divergences: list[Divergence]
