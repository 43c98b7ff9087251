"""Reading one source file (citation + claims) and the divergences file into records.

A claim block names the entity it is ``about`` and gives fields; each field's value is a
reference, a list of references, or a literal, each optionally with ``at`` (where in the
source) and ``says`` (the source's wording). ``FIELDS`` below is the whole vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph_builder.errors import SourceError
from graph_builder.ingest.checks import FileChecker, suggest
from graph_builder.ingest.countries import country_codes, lookup_country
from graph_builder.ingest.strict_yaml import Path_, dotted
from graph_builder.ontology import Vocabulary
from graph_builder.records import (
    Citation,
    Claim,
    ConceptRef,
    Country,
    DateLit,
    Divergence,
    Entity,
    EntityRef,
    Origin,
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
SCHEME_FILES = {
    "sector": "sectors.ttl",
    "activity": "activities.ttl",
    "objective": "objectives.ttl",
    "institution": "institutions.ttl",
}


class Resolver:
    """Turns written references (ids, country codes, concept names) into checked values."""

    def __init__(self, entities: Mapping[str, Entity], vocabulary: Vocabulary) -> None:
        self.entities = entities
        self.vocabulary = vocabulary
        self.countries: dict[str, Country] = {}

    def country_from_code(self, code: str, origin: Origin, field: str) -> Country:
        known = self.countries.get(code)  # an alpha-2 code seen before: no lookup
        if known is not None:
            return known
        country = lookup_country(code)
        if country is None:
            raise SourceError(
                origin.path,
                f"{code!r} is not an ISO 3166-1 country code"
                f"{suggest(code.upper(), country_codes())}; "
                "write a code such as ID, CN or KR",
                line=origin.line,
                field=field,
            )
        return self.countries.setdefault(country.alpha_2, country)

    def entity(
        self, file: FileChecker, value: Any, where: Path_, kind: str
    ) -> EntityRef | ConceptRef:
        ref = file.text(value, where)
        if kind == "party":
            return self._party(file, ref, where)
        if kind == "country":
            country = self.country_from_code(ref, file.origin(where), dotted(where))
            return EntityRef("country", country.alpha_2)
        if kind.startswith("concept:"):
            scheme = kind.split(":", 1)[1]
            known = self.vocabulary.concepts[scheme]
            if ref not in known:
                raise file.fail(
                    where,
                    f"{scheme} {ref!r} is not in ontology/{SCHEME_FILES[scheme]}"
                    f"{suggest(ref, known)}",
                )
            return ConceptRef(str(known[ref]))
        entity = self.entities.get(ref)
        if entity is None or entity.kind != kind:
            pool = [e.id for e in self.entities.values() if e.kind == kind]
            article = "an" if entity and entity.kind[0] in "aeiou" else "a"
            found = f" (it is {article} {entity.kind})" if entity else ""
            raise file.fail(
                where,
                f"unknown {kind} {ref!r}{found}{suggest(ref, pool)}; "
                "add it to data/entities/ or fix the reference",
            )
        return EntityRef(kind, ref)

    def _party(self, file: FileChecker, ref: str, where: Path_) -> EntityRef:
        """A party: an international organisation by its id, else a country by its code."""
        entity = self.entities.get(ref)
        if entity is not None and entity.kind == "organisation":
            return EntityRef("organisation", ref)
        lower = self.entities.get(ref.lower())
        if entity is None and lower is not None and lower.kind == "organisation":
            raise file.fail(
                where, f"{ref!r} is not a party; write the organisation's id {lower.id!r}"
            )
        if entity is not None or not ref.isupper():
            pool = [e.id for e in self.entities.values() if e.kind == "organisation"]
            found = f" is a {entity.kind}, not a party" if entity else " is not a party"
            raise file.fail(
                where,
                f"{ref!r}{found}{suggest(ref, pool)}; a party is a country (its ISO 3166-1 "
                "code, such as ID or KR) or an international organisation (its id under "
                "organisations: in data/entities/)",
            )
        country = self.country_from_code(ref, file.origin(where), dotted(where))
        return EntityRef("country", country.alpha_2)


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
    subject = _subject(file, resolver, about_ref, (*where, "about"))
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


def _subject(file: FileChecker, resolver: Resolver, ref: str, where: Path_) -> EntityRef:
    if ref.isupper():
        country = resolver.country_from_code(ref, file.origin(where), dotted(where))
        return EntityRef("country", country.alpha_2)
    entity = resolver.entities.get(ref)
    if entity is None:
        raise file.fail(
            where,
            f"unknown entity {ref!r}{suggest(ref, resolver.entities)}; "
            "add it to data/entities/ or fix the reference",
        )
    return EntityRef(entity.kind, ref)


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


def read_divergences(
    file: FileChecker, resolver: Resolver, source_ids: set[str]
) -> list[Divergence]:
    """Check ``divergences.yaml``: each divergence, its sides, and the sources of each side."""
    top = file.mapping(file.doc.data, (), required=("divergences",))
    result: list[Divergence] = []
    seen: set[str] = set()
    for i, item in enumerate(file.listing(top["divergences"], ("divergences",))):
        where: Path_ = ("divergences", i)
        row = file.mapping(item, where, required=("id", "label", "sides"), optional=("concerns",))
        div_id = file.slug(row["id"], (*where, "id"))
        if div_id in seen:
            raise file.fail((*where, "id"), f"divergence id {div_id!r} is used twice")
        seen.add(div_id)
        concerns = [
            _subject(
                file, resolver, file.text(ref, (*where, "concerns", j)), (*where, "concerns", j)
            )
            for j, ref in enumerate(file.listing(row.get("concerns", []), (*where, "concerns")))
        ]
        sides = []
        side_items = file.listing(row["sides"], (*where, "sides"))
        if len(side_items) < 2:
            raise file.fail((*where, "sides"), "a divergence needs at least two sides")
        for j, side in enumerate(side_items):
            side_where: Path_ = (*where, "sides", j)
            side_row = file.mapping(side, side_where, required=("says", "sources"))
            says = file.labels(side_row["says"], (*side_where, "says"))
            ids = []
            for k, sid in enumerate(file.listing(side_row["sources"], (*side_where, "sources"))):
                text = file.text(sid, (*side_where, "sources", k))
                if text not in source_ids:
                    raise file.fail(
                        (*side_where, "sources", k),
                        f"unknown source {text!r}{suggest(text, source_ids)}",
                    )
                ids.append(text)
            sides.append((says, ids))
        result.append(
            Divergence(
                div_id,
                file.labels(row["label"], (*where, "label")),
                concerns,
                sides,
                file.origin(where),
            )
        )
    return result


__all__ = ["FIELDS", "Resolver", "read_divergences", "read_source"]
