"""The records that data files are read into: plain data, no I/O, no RDF."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

LANGUAGES = ("en", "id")
"""The languages every label is given in: English and Indonesian."""


@dataclass
class Country:
    """One ISO 3166-1 country and the identifiers the data adds to it."""

    alpha_2: str
    alpha_3: str
    numeric: str
    names: dict[str, str]
    official_names: dict[str, str]
    identifiers: dict[str, str] = field(default_factory=dict)


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
class EntityRef:
    """A shared entity (``kind`` body, person, agreement …) or a country (``kind`` country)."""

    kind: str
    id: str


@dataclass(frozen=True)
class ConceptRef:
    """A SKOS concept of one of the ontology's schemes, by IRI."""

    iri: str


@dataclass(frozen=True)
class DateLit:
    """A date (or date and time) a source states."""

    value: date | datetime


@dataclass(frozen=True)
class TextLit:
    """A plain string a source states, such as the name it uses."""

    text: str


@dataclass(frozen=True)
class SignatureOf:
    """A signature: who signed, for which body, in which post (ids of entities)."""

    person: str
    body: str | None
    post: str | None


@dataclass(frozen=True)
class TermOf:
    """The term of an agreement: its length in years and whether it can be extended."""

    years: int
    extendable: bool


Value = EntityRef | ConceptRef | DateLit | TextLit | TermOf | SignatureOf
"""A claim's object; a claim's subject is always an :class:`EntityRef`."""


@dataclass(frozen=True)
class Claim:
    """One statement a source makes: subject, property, value, and where it says so."""

    subject: EntityRef
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
    concerns: Sequence[EntityRef | ConceptRef]
    sides: list[tuple[dict[str, str], list[str]]]
    origin: Origin


@dataclass
class SourceSet:
    """Everything a data folder holds, checked and resolved."""

    entities: Mapping[str, Entity]
    countries: dict[str, Country]
    sources: list[SourceRecord]
    divergences: list[Divergence]
