"""A candidate's ``unresolved:`` section turned into claim blocks and new entity entries.

``graph-builder extract`` lists what it could not link: the agreement, bodies, persons,
places, a signing date, concepts. Each item is linked to an existing entity (its
``link:``, or an entity that has its suggested id by now) or created: an id, labels in
both languages, a class and, for a body, the country it acts for, so that it validates on
the first build. What cannot be created from the candidate alone is left out, with the
reason (a signing needs a signatory; a concept belongs to the ontology, not the data).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph_builder.errors import Unresolved
from graph_builder.ingest.countries import countries_named
from graph_builder.ingest.strict_yaml import Path_, dotted
from graph_builder.records import Entity

_ENTITY_SECTIONS = {"bodies": "body", "persons": "person", "places": "place"}
_CONCEPT_SECTIONS = ("sectors", "activities", "objectives", "institution_types", "countries")
_EVIDENCE = ("at", "says", "span")


@dataclass
class NewEntity:
    """An entry to add to a section of ``data/entities/``, and the item it comes from."""

    section: str
    entry: dict[str, Any]
    where: Path_


@dataclass
class Resolution:
    """What the unresolved items become."""

    blocks: list[tuple[dict[str, Any], Path_]] = field(default_factory=list)
    """Claim blocks to add to the source, each with the candidate item it comes from."""
    entities: list[NewEntity] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def resolve(
    unresolved: dict[str, Any],
    *,
    entities: Mapping[str, Entity],
    language: str,
    parties: list[str],
    create: bool,
) -> Resolution:
    """Link or create every item of *unresolved* (see the module docstring).

    Without *create*, an item that does not link raises :class:`Unresolved`. *parties* are
    the candidate's country codes, among which a body's country is looked for by name.
    """
    out = Resolution()
    made: dict[str, str] = {}

    def _names(ref: str, code: str) -> bool:
        """Whether an existing body's labels name the country *code* (then it acts for it)."""
        known = entities.get(ref)
        return known is not None and bool(countries_named(" ".join(known.labels.values()), [code]))

    def target(item: dict[str, Any], kind: str, where: Path_) -> tuple[str, bool]:
        """The id *item* stands for, and whether it is new."""
        wanted = _text(item.get("link") or item.get("id") or item.get("suggested_id"))
        if not wanted:
            raise Unresolved(where, "has no id; give it an id or link it to an entity")
        known = entities.get(wanted)
        if known is not None:
            if known.kind != kind:
                raise Unresolved(
                    where,
                    f"id {wanted!r} is already a {known.kind} at {known.origin.path}:"
                    f"{known.origin.line}; choose another id",
                )
            out.linked.append(f"{wanted} (an existing {kind})")
            return wanted, False
        if item.get("link"):
            raise Unresolved(where, f"links to {wanted!r}, which is not in data/entities/")
        if wanted in made:
            if made[wanted] != kind:
                raise Unresolved(where, f"id {wanted!r} is also a new {made[wanted]}")
            return wanted, False
        if not create and not _truthy(item.get("create")):
            raise Unresolved(
                where,
                f"{kind} {wanted!r} is not in data/entities/; link it or create it",
                missing=True,
            )
        made[wanted] = kind
        return wanted, True

    agreement = unresolved.get("agreement")
    if isinstance(agreement, dict) and not _truthy(agreement.get("drop")):
        where: Path_ = ("unresolved", "agreement")
        ref, new = target(agreement, "agreement", where)
        if new:
            out.entities.append(
                NewEntity(
                    "agreements",
                    {
                        "id": ref,
                        "type": _text(agreement.get("type")) or "CooperationAgreement",
                        "label": _labels(agreement.get("label"), ref, None, language),
                    },
                    where,
                )
            )
        pending = agreement.get("pending") or {}
        if isinstance(pending, dict) and pending:
            out.blocks.append(({"about": ref, **pending}, (*where, "pending")))
    signing = unresolved.get("signing")
    if isinstance(signing, dict) and signing.get("date"):
        out.left_out.append(
            "unresolved.signing: the signing date: a signing needs a signatory (a person); "
            "add the signing and its signatures to data/ to keep it"
        )
    for section, kind in _ENTITY_SECTIONS.items():
        for j, item in enumerate(unresolved.get(section) or []):
            where = ("unresolved", section, j)
            if not isinstance(item, dict) or _truthy(item.get("drop")):
                continue
            says = _text(item.get("says"))
            acts_for = None
            if kind == "body":
                acts_for = _country(item, parties)
                if acts_for is None and not item.get("link") and _would_create(item, entities):
                    out.left_out.append(
                        f"{dotted(where)}: {item.get('suggested_id')!r}: no country it acts "
                        "for is named; create it with the country it acts for to keep it"
                    )
                    continue
            ref, new = target(item, kind, where)
            if new:
                out.entities.append(
                    NewEntity(section, _entry(item, kind, ref, says, language), where)
                )
            block: dict[str, Any] = {"about": ref}
            evidence = {k: item[k] for k in _EVIDENCE if item.get(k) not in (None, "")}
            if kind == "body" and acts_for is not None and (new or _names(ref, acts_for)):
                block["acts_for"] = {"ref": acts_for, **evidence}
            if says:
                block["called"] = [{"value": says, **evidence}]
            if len(block) > 1:
                out.blocks.append((block, where))
    for section in _CONCEPT_SECTIONS:
        for j, item in enumerate(unresolved.get(section) or []):
            name = item.get("suggested_id") if isinstance(item, dict) else item
            out.left_out.append(
                f"{dotted(('unresolved', section, j))}: {name!r}: not in the ontology's schemes; "
                "add the concept to ontology/ or choose an existing one"
            )
    return out


def _entry(item: dict[str, Any], kind: str, ref: str, says: str, language: str) -> dict[str, Any]:
    label = item.get("label")
    if kind == "person":
        return {"id": ref, "name": _text(item.get("name")) or _text(label) or says}
    entry: dict[str, Any] = {"id": ref}
    if kind == "body":
        entry["type"] = _text(item.get("type")) or _body_type(f"{_text(label)} {says}")
    entry["label"] = _labels(label, ref, says, language)
    if kind == "body" and re.fullmatch(r"[A-Z][A-Za-z]{1,7}", says or ""):
        entry["abbreviation"] = {language: says}  # "METI", "GIZ": the name it goes by
    return entry


def _labels(label: Any, ref: str, says: str | None, language: str) -> dict[str, str]:
    """Labels in English and Indonesian: given both, or one text (with the article's words)."""
    if isinstance(label, dict) and _text(label.get("en")) and _text(label.get("id")):
        return {"en": _text(label["en"]), "id": _text(label["id"])}
    text = _text(label) or says or ref
    native = says if language == "id" and says and len(says) > 8 else text
    return {"en": text, "id": native}


def _body_type(text: str) -> str:
    return "Ministry" if re.search(r"\b(ministry|kementerian)\b", text, re.I) else "GovernmentBody"


def _country(item: dict[str, Any], parties: list[str]) -> str | None:
    for key in ("acts_for", "note"):
        code = _text(item.get(key))
        if re.fullmatch(r"[A-Z]{2}", code):
            return code
    found = countries_named(f"{_text(item.get('label'))} {_text(item.get('says'))}", parties)
    return found[0] if found else None


def _would_create(item: dict[str, Any], entities: Mapping[str, Entity]) -> bool:
    return _text(item.get("id") or item.get("suggested_id")) not in entities


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _truthy(value: Any) -> bool:
    return value is True or value == "true"
