"""SHACL violations traced back to the data files: file, line, field and a fix.

The validator reports focus nodes and property paths (``id:body/meti agr:actsFor``); a
user edits YAML. The mapping makes every IRI from an id (:mod:`graph_builder.namespaces`),
so a focus node names the entity, source, term or signature it came from, and the loader
kept the line of every entity and every claim (:class:`~graph_builder.records.Origin`).
This module reads the data folder again (only when there are violations) and gives each
violation the place to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from graph_builder.errors import GraphBuilderError
from graph_builder.ingest.countries import countries_named
from graph_builder.ingest.source_file import FIELDS
from graph_builder.ingest.sources import Registry, load_sources
from graph_builder.ingest.strict_yaml import read_yaml
from graph_builder.namespaces import ID, compact, entity_iri
from graph_builder.ontology import Vocabulary, load_ontology
from graph_builder.rdf.validate import ValidationReport, Violation
from graph_builder.records import Claim, Entity, EntityRef, Origin, SignatureOf, SourceSet

_ENTITY_FIELDS = {
    "rdfs:label": "label",
    "foaf:name": "name",
    "org:postIn": "post_in",
    "agr:abbreviation": "abbreviation",
    "rdf:type": "type",
}
_SOURCE_FIELDS = {
    "dcterms:identifier": "id",
    "dcterms:language": "language",
    "schema:url": "urls",
    "dcterms:issued": "issued",
    "dcterms:title": "title",
}
_TERM_FIELDS = {"time:hasXSDDuration": "term.years", "agr:extendable": "term.extendable"}


def _curie(prop: str) -> str:
    return prop if ":" in prop else f"agr:{prop}"


def claim_field(kind: str, path: str | None) -> str | None:
    """The claim field of an entity of *kind* that states property *path* (a CURIE)."""
    for name, spec in FIELDS.get(kind, {}).items():
        if _curie(spec.prop) == path:
            return name
    return None


@dataclass(frozen=True)
class Place:
    """Where a violation can be fixed: a file, a line and a field."""

    origin: Origin
    field: str | None
    fix: str | None = None


class DataIndex:
    """The entities and claims of a data folder, by the ids their IRIs are made of."""

    def __init__(self, records: SourceSet) -> None:
        self.records = records
        self.about: dict[tuple[str, str], list[Claim]] = {}
        self.mentions: dict[str, list[Claim]] = {}
        self.source_paths = {r.citation.id: r.path for r in records.sources}
        for record in records.sources:
            for claim in record.claims:
                self.about.setdefault((claim.subject.kind, claim.subject.id), []).append(claim)
                self.mentions.setdefault(claim.subject.id, []).append(claim)
                for ref in _refs(claim):
                    self.mentions.setdefault(ref, []).append(claim)

    def place(self, violation: Violation) -> Place | None:
        """Where in the data *violation* comes from, or None when no file says it."""
        base = str(ID)
        if not violation.focus.startswith(base):
            return None
        kind, _, ref = violation.focus[len(base) :].partition("/")
        if kind == "source":
            return self._source_place(ref, violation.path)
        if kind == "term":
            return self._claim_place("agreement", ref, "agr:hasTerm", violation.path)
        if kind == "signature":
            signing, _, person = ref.partition("/")
            claims = [
                c
                for c in self.about.get(("signing", signing), [])
                if isinstance(c.value, SignatureOf) and c.value.person == person
            ]
            return Place(claims[0].origin, "signatures") if claims else None
        if kind == "country":
            return self._country_place(ref, violation)
        entity = self.records.entities.get(ref)
        if entity is None or entity.kind != kind:
            return None
        field = claim_field(kind, violation.path)
        if field is None:
            field = _ENTITY_FIELDS.get(violation.path or "")
            return Place(entity.origin, field, _entity_fix(entity, field))
        stated = [c for c in self.about.get((kind, ref), []) if _curie(c.prop) == violation.path]
        if stated:
            # The claim that states the violating value, when the violation names one.
            same = [c for c in stated if _value_text(c) == violation.value]
            return Place((same or stated)[0].origin, field, None if same else _also(stated))
        return Place(entity.origin, field, self._missing_fix(entity, field))

    def _claim_place(self, kind: str, ref: str, prop: str, path: str | None) -> Place | None:
        claims = [c for c in self.about.get((kind, ref), []) if _curie(c.prop) == prop]
        if not claims:
            return None
        return Place(claims[0].origin, _TERM_FIELDS.get(path or "", "term"), _also(claims))

    def _source_place(self, source_id: str, path: str | None) -> Place | None:
        file = self.source_paths.get(source_id)
        if file is None:
            return None
        field = _SOURCE_FIELDS.get(path or "")
        where = ("source", field) if field else ("source",)
        try:
            line = read_yaml(file).line(where)
        except GraphBuilderError:
            line = None
        return Place(Origin(file, line), f"source.{field}" if field else "source")

    def _country_place(self, code: str, violation: Violation) -> Place | None:
        claims = self.mentions.get(code, [])
        if not claims:
            return None
        return Place(claims[0].origin, claim_field("country", violation.path))

    def _missing_fix(self, entity: Entity, field: str) -> str:
        """What to add when *entity* lacks a claim of *field*, and where."""
        named = self.mentions.get(entity.id, [])
        where = f" in {named[0].origin.path}" if named else " in a source that names it"
        value = {
            "acts_for": self.suggest_country(entity) or "XX",
            "parties": "[ID, XX]",
            "signatures": "[{person: ...}]",
        }.get(field, "...")
        return f"add {field}: {value} to a claim block 'about: {entity.id}'{where}"

    def suggest_country(self, entity: Entity) -> str | None:
        """The country a body acts for, as its labels and its agreements' parties suggest."""
        parties: list[str] = []
        for claim in self.mentions.get(entity.id, []):
            if claim.prop == "actingBody" and claim.subject.kind == "agreement":
                for other in self.about.get(("agreement", claim.subject.id), []):
                    value = other.value
                    if (
                        other.prop == "hasParty"
                        and isinstance(value, EntityRef)
                        and value.kind == "country"
                    ):
                        parties.append(value.id)
        text = " ".join(entity.labels.values())
        named = countries_named(text, parties) or countries_named(text, self.records.countries)
        return named[0] if named else None


def _also(claims: list[Claim]) -> str | None:
    """Where the same field is stated otherwise than in the first claim (sources that
    disagree), or None."""
    first = claims[0].value
    others = sorted({f"{c.origin.path}:{c.origin.line}" for c in claims[1:] if c.value != first})
    if not others:
        return None
    return f"stated otherwise at {', '.join(others)}; keep one value"


def _value_text(claim: Claim) -> str | None:
    """The claim's value as the validator shows it (a compact IRI), for an entity."""
    value = claim.value
    if isinstance(value, EntityRef):
        return compact(str(entity_iri(value.kind, value.id)))
    return None


def _refs(claim: Claim) -> list[str]:
    value = claim.value
    if isinstance(value, EntityRef):
        return [value.id]
    if isinstance(value, SignatureOf):
        return [v for v in (value.person, value.body, value.post) if v]
    return []


def _entity_fix(entity: Entity, field: str | None) -> str | None:
    if field == "label":
        return "give label: {en: ..., id: ...}, one label in each language"
    return None


def locate_report(
    report: ValidationReport,
    data_dir: Path,
    *,
    ontology_dir: Path | None = None,
    vocabulary: Vocabulary | None = None,
    known: Registry | None = None,
) -> ValidationReport:
    """*report* with each violation that comes from a data file given its place and fix.

    The source files are read again, and the ontology and the entity files unless their
    *vocabulary* and registry (*known*) are given (a build has them); when the files cannot
    be read (they changed since), the report is returned as it was.
    """
    if report.conforms:
        return report
    index = data_index(data_dir, ontology_dir=ontology_dir, vocabulary=vocabulary, known=known)
    if index is None:
        return report
    return locate_with(report, index)


def locate_with(report: ValidationReport, index: DataIndex) -> ValidationReport:
    """*report* with places from *index* (see :func:`locate_report`)."""
    located = []
    for violation in report.violations:
        place = index.place(violation)
        if place is not None:
            violation = replace(
                violation,
                file=str(place.origin.path),
                line=place.origin.line,
                field=place.field,
                fix=place.fix,
            )
        located.append(violation)
    return replace(report, violations=located)


def data_index(
    data_dir: Path,
    *,
    ontology_dir: Path | None = None,
    vocabulary: Vocabulary | None = None,
    known: Registry | None = None,
) -> DataIndex | None:
    """The :class:`DataIndex` of *data_dir*, or None when it does not load (see
    :func:`locate_report`)."""
    try:
        if vocabulary is None:
            vocabulary = Vocabulary.from_graph(load_ontology(ontology_dir))
        return DataIndex(load_sources(data_dir, vocabulary=vocabulary, known=known))
    except GraphBuilderError:
        return None


__all__ = ["DataIndex", "Place", "locate_report", "locate_with"]
