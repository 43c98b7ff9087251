"""Written references in data files (ids, country codes, concept names) → checked values.

One :class:`Resolver` serves every source file and the divergences file of a build: it
knows the entity registry and the ontology's schemes, and remembers the countries met.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph_builder.errors import SourceError
from graph_builder.ingest.checks import FileChecker, suggest
from graph_builder.ingest.countries import country_codes, lookup_country
from graph_builder.ingest.strict_yaml import Path_, dotted
from graph_builder.ontology import Vocabulary
from graph_builder.records import ConceptRef, Country, Entity, EntityRef, Origin

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

    def subject(self, file: FileChecker, ref: str, where: Path_) -> EntityRef:
        """What a claim block or a divergence is about: a country by its code, else any entity."""
        if ref.isupper():
            country = self.country_from_code(ref, file.origin(where), dotted(where))
            return EntityRef("country", country.alpha_2)
        entity = self.entities.get(ref)
        if entity is None:
            raise file.fail(
                where,
                f"unknown entity {ref!r}{suggest(ref, self.entities)}; "
                "add it to data/entities/ or fix the reference",
            )
        return EntityRef(entity.kind, ref)

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


__all__ = ["SCHEME_FILES", "Resolver"]
