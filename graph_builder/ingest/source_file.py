"""Reading one source file (its citation and claims) into a record.

A claim block names the entity it is ``about`` and gives fields; each field's value is a
reference, a list of references, or a literal, each optionally with ``at`` (where in the
source) and ``says`` (the source's wording). ``FIELDS`` below is the whole vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from graph_builder.ingest.checks import FileChecker, suggest
from graph_builder.ingest.resolver import Resolver
from graph_builder.ingest.strict_yaml import Path_
from graph_builder.records import (
    Citation,
    Claim,
    DateLit,
    EntityRef,
    SignatureOf,
    SourceRecord,
    TermOf,
    TextLit,
    Value,
)

SOURCE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,39}$")
SOURCE_TYPES = ("NewsArticle", "Source")


@dataclass(frozen=True)
class FieldSpec:
    """One claim field: the property it states and what its values are."""

    prop: str  # local name in the agr ontology, or a CURIE such as "org:holds"
    target: str  # entity kind, "country", "party", "concept:<scheme>", or a literal type
    many: bool = True


_AGREEMENT = {
    "parties": FieldSpec("hasParty", "party"),
    "acting_bodies": FieldSpec("actingBody", "body"),
    "instruments": FieldSpec("hasInstrument", "agreement"),
    "sectors": FieldSpec("coversSector", "concept:sector"),
    "activities": FieldSpec("includesActivity", "concept:activity"),
    "institution_types": FieldSpec("involvesInstitutionType", "concept:institution"),
    "objectives": FieldSpec("pursuesObjective", "concept:objective"),
    "signed_in": FieldSpec("signedIn", "signing", many=False),
    "term": FieldSpec("hasTerm", "term", many=False),
}
_CALLED = {"called": FieldSpec("nameInSource", "text")}

FIELDS: dict[str, dict[str, FieldSpec]] = {
    "agreement": {**_AGREEMENT, **_CALLED},
    "body": {"acts_for": FieldSpec("actsFor", "country", many=False), **_CALLED},
    "person": {"posts": FieldSpec("org:holds", "post"), **_CALLED},
    "signing": {
        "date": FieldSpec("date", "date", many=False),
        "places": FieldSpec("place", "place"),
        "during": FieldSpec("duringEvent", "event"),
        "signatures": FieldSpec("hasSignature", "signature"),
        **_CALLED,
    },
    "event": {
        "places": FieldSpec("place", "place"),
        "start": FieldSpec("startDate", "date", many=False),
        "end": FieldSpec("endDate", "date", many=False),
        "part_of": FieldSpec("duringEvent", "event"),
        **_CALLED,
    },
    "country": dict(_CALLED),
    "organisation": dict(_CALLED),
    "place": dict(_CALLED),
    "post": dict(_CALLED),
}
"""Allowed claim fields for each kind of entity a claim block is ``about``."""

EVIDENCE_KEYS = ("at", "says", "span")
UNRESOLVED_SECTIONS = (
    "agreement", "signing", "countries", "bodies", "persons", "places",
    "sectors", "activities", "objectives", "institution_types",
)  # fmt: skip
"""Sections of a candidate's ``unresolved:`` (what extraction could not link); not read."""


def read_source(file: FileChecker, resolver: Resolver) -> SourceRecord:
    """Check one source file and resolve its claims."""
    # ``unresolved:`` (written by ``graph-builder extract``) lists what a reviewer still has
    # to link; it states nothing, so it is checked to be a mapping and otherwise ignored.
    top = file.mapping(file.doc.data, (), required=("source", "claims"), optional=("unresolved",))
    if top.get("unresolved") is not None:
        file.mapping(top["unresolved"], ("unresolved",), optional=UNRESOLVED_SECTIONS)
    citation = _read_citation(file, top["source"])
    default_at = file.text(top["source"]["at"], ("source", "at")) if "at" in top["source"] else None
    claims: list[Claim] = []
    for i, block in enumerate(file.listing(top["claims"], ("claims",))):
        claims.extend(_read_block(file, resolver, block, ("claims", i), default_at))
    return SourceRecord(citation, claims, file.doc.path)


def _read_citation(file: FileChecker, value: Any) -> Citation:
    where: Path_ = ("source",)
    row = file.mapping(
        value,
        where,
        required=("id", "type", "label", "language"),
        optional=(
            "title",
            "publisher",
            "authors",
            "editors",
            "urls",
            "issued",
            "dateline",
            "cites",
            "at",
        ),
    )
    source_id = file.text(row["id"], (*where, "id"))
    if not SOURCE_ID.match(source_id):
        raise file.fail(
            (*where, "id"), f"{source_id!r} is not a source id; use letters and digits such as S5"
        )
    source_type = file.text(row["type"], (*where, "type"))
    if source_type not in SOURCE_TYPES:
        raise file.fail(
            (*where, "type"),
            f"unknown source type{suggest(source_type, SOURCE_TYPES)}; "
            f"use one of {', '.join(SOURCE_TYPES)}",
        )
    language = file.text(row["language"], (*where, "language"))
    if not re.fullmatch(r"[a-z]{2,3}", language):
        raise file.fail(
            (*where, "language"), f"{language!r} is not a language code such as id or en"
        )
    citation = Citation(
        source_id, source_type, file.labels(row["label"], (*where, "label")), language
    )
    for key in ("title", "publisher", "dateline"):
        if key in row:
            setattr(citation, key, file.text(row[key], (*where, key)))
    for key in ("authors", "editors"):
        if key in row:
            items = file.listing(row[key], (*where, key))
            setattr(citation, key, [file.text(v, (*where, key, j)) for j, v in enumerate(items)])
    if "urls" in row:
        items = file.listing(row["urls"], (*where, "urls"))
        citation.urls = [file.url(v, (*where, "urls", j)) for j, v in enumerate(items)]
    if "issued" in row:
        citation.issued = file.date_or_datetime(row["issued"], (*where, "issued"))
    if "cites" in row:
        cites = file.mapping(
            row["cites"], (*where, "cites"), required=("site",), optional=("date",)
        )
        citation.cites_site = file.text(cites["site"], (*where, "cites", "site"))
        if "date" in cites:
            citation.cited_date = file.date(cites["date"], (*where, "cites", "date"))
    return citation


def _read_block(
    file: FileChecker, resolver: Resolver, block: Any, where: Path_, default_at: str | None
) -> list[Claim]:
    if not isinstance(block, dict) or "about" not in block:
        file.mapping(block, where, required=("about",))
    about_ref = file.text(block["about"], (*where, "about"))
    subject = resolver.subject(file, about_ref, (*where, "about"))
    fields = FIELDS[subject.kind]
    row = file.mapping(block, where, required=("about",), optional=(*fields, "at"))
    block_at = file.text(row["at"], (*where, "at")) if "at" in row else default_at
    claims: list[Claim] = []
    for name, raw in row.items():
        if name in ("about", "at"):
            continue
        spec = fields[name]
        items = file.listing(raw, (*where, name)) if spec.many else [raw]
        for j, item in enumerate(items):
            item_where: Path_ = (*where, name, j) if spec.many else (*where, name)
            claims.append(_read_item(file, resolver, subject, spec, item, item_where, block_at))
    return claims


_PAYLOAD_KEYS = {
    "term": ("years", "extendable"),
    "signature": ("person", "on_behalf_of", "capacity"),
}


def _read_item(
    file: FileChecker,
    resolver: Resolver,
    subject: EntityRef,
    spec: FieldSpec,
    item: Any,
    where: Path_,
    block_at: str | None,
) -> Claim:
    payload_keys = _PAYLOAD_KEYS.get(
        spec.target, ("value",) if _is_literal(spec.target) else ("ref",)
    )
    if isinstance(item, dict):
        required = payload_keys if spec.target in _PAYLOAD_KEYS else payload_keys[:1]
        optional = (*payload_keys, *EVIDENCE_KEYS)
        if spec.target == "signature":
            required = ("person",)
        row = file.mapping(item, where, required=required, optional=optional)
    elif spec.target in _PAYLOAD_KEYS:
        raise file.fail(where, f"expected a mapping with {', '.join(payload_keys)}, got {item!r}")
    else:
        row = {payload_keys[0]: item}
    at = file.text(row["at"], (*where, "at")) if "at" in row else block_at
    says = file.text(row["says"], (*where, "says")) if "says" in row else None
    span = _read_span(file, row["span"], (*where, "span")) if "span" in row else None
    value = _read_value(file, resolver, spec.target, row, where)
    return Claim(subject, spec.prop, value, at, says, file.origin(where), span)


def _read_span(file: FileChecker, value: Any, where: Path_) -> tuple[int, int]:
    items = file.listing(value, where)
    if len(items) != 2:
        raise file.fail(where, "a span is [start, end]: two character offsets")
    offsets = []
    for j, item in enumerate(items):
        if not (isinstance(item, str) and re.fullmatch(r"[0-9]{1,10}", item)):
            raise file.fail(
                (*where, j), f"expected a character offset (a whole number), got {item!r}"
            )
        offsets.append(int(item))
    start, end = offsets
    if not start <= end:
        raise file.fail(where, f"[{start}, {end}] is not a span: need 0 <= start <= end")
    return start, end


def _is_literal(target: str) -> bool:
    return target in ("date", "text")


def _read_value(
    file: FileChecker, resolver: Resolver, target: str, row: dict[str, Any], where: Path_
) -> Value:
    if target == "date":
        return DateLit(file.date(row["value"], (*where, "value") if len(row) > 1 else where))
    if target == "text":
        return TextLit(file.text(row["value"], (*where, "value") if len(row) > 1 else where))
    if target == "term":
        years = file.integer(row["years"], (*where, "years"))
        extendable = file.boolean(row["extendable"], (*where, "extendable"))
        return TermOf(years, extendable)
    if target == "signature":
        person = _optional_ref(file, resolver, row, "person", where, "person")
        assert person is not None  # required by the mapping check above
        body = _optional_ref(file, resolver, row, "on_behalf_of", where, "body")
        capacity = _optional_ref(file, resolver, row, "capacity", where, "post")
        return SignatureOf(person, body, capacity)
    ref_where = (*where, "ref") if len(row) > 1 or "ref" not in row else where
    return resolver.entity(file, row["ref"], ref_where, target)


def _optional_ref(
    file: FileChecker, resolver: Resolver, row: dict[str, Any], key: str, where: Path_, kind: str
) -> str | None:
    if key not in row:
        return None
    ref = resolver.entity(file, row[key], (*where, key), kind)
    return ref.id if isinstance(ref, EntityRef) else ref.iri


__all__ = ["FIELDS", "read_source"]
