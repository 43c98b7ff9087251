"""Matchers generated from the data: SKOS labels, entity files, pycountry, the gazetteer.

One source of truth: every phrase the extractor looks for is a label of something the
project already describes — a concept's ``skos:prefLabel``/``skos:altLabel`` (both
languages, plus generated inflections), a body's label and abbreviation, a person's name,
a country's names. Adding an altLabel to ``ontology/*.ttl`` makes the next run find it.

Phrases are matched word by word (:mod:`.matcher`) over a normalised
copy of spaCy's tokens (lower case, reduplication folded, optional words such as ``para`` and
``yang`` and bracketed abbreviations skipped, English plurals reduced), so that
"pusat-pusat penelitian" finds "pusat penelitian" and "sumber daya manusia (SDM) industri"
finds "sumber daya manusia industri". Short abbreviations (``AS``, ``UEA``, ``MoU``) are
matched case-sensitively so that English "as" is not the United States.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pycountry
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from graph_builder.ingest.countries import lookup_country
from graph_builder.ontology import SCHEMES, Vocabulary
from graph_builder.records import LANGUAGES, DateLit, EntityRef, TermOf

from . import gazetteer

CONCEPT_CLASSES = {
    "sector": "sectors",
    "activity": "activities",
    "objective": "objectives",
    "institution": "institution_types",
}
"""Scheme short name → the class (and claim field) it fills."""


@dataclass(frozen=True)
class Target:
    """What a phrase refers to."""

    cls: str  # countries | bodies | persons | posts | places | sectors | activities | ...
    ref: str  # ISO code, entity id, concept local name, or a suggested id
    known: bool  # in the data or the ontology; False: from the gazetteer (→ unresolved)
    label: str  # English label
    generic: bool = False  # counts only with a cue (a body: only in a sentence about the deal)
    capital: bool = False  # a capital city standing for a country
    country: str | None = None  # a body's country when the grammar found it (see bodies.py)


@dataclass
class AgreementInfo:
    """An agreement of the data, with what the sources say about it (for linking)."""

    id: str
    type: str | None
    labels: dict[str, str]
    parties: set[str] = field(default_factory=set)
    signing: str | None = None
    signing_years: set[int] = field(default_factory=set)  # the years the sources date it to
    term_years: set[int] = field(default_factory=set)  # the terms the sources give it


@dataclass
class Lexicon:
    """Every phrase and what it refers to, plus the entities needed to link and write."""

    phrases: dict[str, list[tuple[str, Target]]] = field(default_factory=dict)  # lang → items
    persons: dict[str, str] = field(default_factory=dict)  # id → name
    posts: dict[str, dict[str, str]] = field(default_factory=dict)  # id → labels
    agreements: list[AgreementInfo] = field(default_factory=list)
    body_country: dict[str, str] = field(default_factory=dict)  # body ref → ISO code
    labels: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)  # (cls, ref)
    known_ids: set[str] = field(default_factory=set)
    names: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (cls, ref) → phrases
    person_posts: dict[str, list[str]] = field(default_factory=dict)  # person id → post ids
    post_body: dict[str, str] = field(default_factory=dict)  # post id → body id
    portfolios: dict[str, tuple[str, ...]] = field(default_factory=dict)  # body → portfolios
    country_words: set[str] = field(default_factory=set)  # one-word names of countries

    def add(self, lang: str, phrase: str, target: Target) -> None:
        phrase = " ".join(phrase.split())
        if phrase:
            self.phrases.setdefault(lang, []).append((phrase, target))
            self.names.setdefault((target.cls, target.ref), set()).add(phrase)


_GENERIC = {("institution", "industry"), ("objective", "industrial-cooperation")}
_GENERIC |= {("objective", "economic-growth"), ("activity", "investment")}


def build_lexicon(source_set: Any, ontology: Graph, vocabulary: Vocabulary) -> Lexicon:
    """Collect the phrases of the ontology's schemes, the data's entities and the countries."""
    lexicon = Lexicon()
    _add_concepts(lexicon, ontology, vocabulary)
    _add_countries(lexicon)
    _add_entities(lexicon, source_set)
    _add_gazetteer(lexicon)
    _add_isic(lexicon, vocabulary)
    _add_aims(lexicon)
    lexicon.country_words = {
        phrase
        for (cls, _), phrases in lexicon.names.items()
        if cls == "countries"
        for phrase in phrases
        if " " not in phrase
    }
    return lexicon


def _add_isic(lexicon: Lexicon, vocabulary: Vocabulary) -> None:
    """ISIC/KBLI names: more words for the scheme's sectors, and the sectors outside it
    (proposed under ``unresolved`` with their ISIC code)."""
    sectors = vocabulary.concepts["sector"]
    for row in gazetteer.isic_sectors():
        if row.concept is not None and row.concept in sectors:
            label = lexicon.labels.get(("sectors", row.concept), {}).get("en", row.concept)
            target = Target("sectors", row.concept, True, label)
        else:
            label = f"{row.en[0]} (ISIC {row.code})"
            target = Target("sectors", f"isic-{row.code.lower()}", False, label)
            lexicon.labels[("sectors", target.ref)] = {"en": label, "id": row.id[0]}
        for lang, names in (("en", row.en), ("id", row.id)):
            for name in names:
                if row.code.isalpha() and len(name.split()) == 1:
                    continue  # a section's one-word title ("Construction") is a common noun
                lexicon.add(lang, name, target)


def _labels(graph: Graph, concept: URIRef) -> Iterable[tuple[str, str, bool]]:
    for prop, pref in ((SKOS.prefLabel, True), (SKOS.altLabel, False), (SKOS.hiddenLabel, False)):
        for label in graph.objects(concept, prop):
            if isinstance(label, Literal) and label.language in LANGUAGES:
                yield str(label.language), str(label), pref


def _add_concepts(lexicon: Lexicon, graph: Graph, vocabulary: Vocabulary) -> None:
    for scheme in SCHEMES:
        cls = CONCEPT_CLASSES[scheme]
        for name, concept in vocabulary.concepts[scheme].items():
            iri = URIRef(concept)
            labels = {lang: text for lang, text, pref in _labels(graph, iri) if pref}
            lexicon.labels[(cls, name)] = labels
            generic_concept = (scheme, name) in _GENERIC
            for lang, text, _ in _labels(graph, iri):
                variants = inflections(text, lang, sector=scheme == "sector")
                if scheme == "objective":
                    variants += adjectives(text)
                for variant in variants:
                    generic = generic_concept and len(variant.split()) <= 3
                    target = Target(cls, name, True, labels.get("en", name), generic)
                    lexicon.add(lang, variant, target)


def inflections(label: str, lang: str, *, sector: bool = False) -> list[str]:
    """*label* and the forms it takes in running text (verb/noun forms, bare sector names)."""
    forms = [label]
    words = label.split()
    if lang == "id" and words:
        head, rest = words[0].lower(), words[1:]
        noun = re.fullmatch(r"pe(n|m|ng|ny)?(\w+?)an", head)
        if noun and len(head) > 6:
            stem = (noun.group(1) or "") + noun.group(2)
            forms += [" ".join([f"me{stem}kan", *rest]), " ".join([f"me{stem}", *rest])]
        verb = re.fullmatch(r"me(n|m|ng|ny)?(\w+?)(kan)?", head)
        if verb and len(head) > 5:
            forms.append(" ".join([f"pe{verb.group(1) or ''}{verb.group(2)}an", *rest]))
        if sector and len(words) > 1 and words[0].lower() in ("industri", "sektor"):
            forms.append(" ".join(words[1:]))
    if lang == "en" and sector and len(words) > 1 and words[-1].lower() in ("industry", "sector"):
        forms.append(" ".join(words[:-1]))
    return forms


_ADJECTIVES = (
    # (noun ending, adjective ending): competitiveness → competitive, resilience → resilient
    ("iveness", "ive"),
    ("ivity", "ive"),
    ("ability", "able"),
    ("ience", "ient"),
    ("itas", "if"),  # produktivitas → produktif
)
_MODIFIERS = {"industry", "industri", "industrial", "global", "national", "nasional"}


def adjectives(label: str) -> list[str]:
    """An aim written as an adjective or verb ("competitive", "berdaya saing") for a label
    written as a noun ("competitiveness", "daya saing global", "sustainable industry")."""
    words = label.split()
    forms: list[str] = []
    for i, word in enumerate(words):
        lower = word.lower()
        derived = next(
            (lower[: -len(n)] + a for n, a in _ADJECTIVES if lower.endswith(n) and len(lower) > 7),
            None,
        )
        if lower == "daya" and i + 1 < len(words) and words[i + 1].lower() == "saing":
            derived = "berdaya"
        if derived is None:
            continue
        forms.append(" ".join([*words[:i], derived, *words[i + 1 :]]))
        rest = {w.lower() for w in words} - {lower, "saing"}
        if rest <= _MODIFIERS:
            forms.append(derived + (" saing" if derived == "berdaya" else ""))
    # "sustainable industry" → "sustainable", "industri berkelanjutan" → "berkelanjutan":
    # only derived adjectives, which are predicates ("agar berkelanjutan"); a plain one
    # ("hijau", "green") modifies whatever noun follows it ("produk hijau").
    if len(words) == 2 and words[1].lower() in ("industry", "industrialisation"):
        forms += [words[0]] if _DERIVED.search(words[0]) else []
    if len(words) == 2 and words[0].lower() in ("industri", "industrialisasi"):
        forms += [words[1]] if _DERIVED.search(words[1]) else []
    return forms


_DERIVED = re.compile(r"^ber\w{4,}|\w{4,}(?:able|ible|ive|ent|ful)$", re.IGNORECASE)


def _add_countries(lexicon: Lexicon) -> None:
    # The gazetteer's names decide ambiguous ones ("Korea" is South Korea in the news,
    # although ISO's "Korea, Democratic People's Republic of" also starts with "Korea").
    owner: dict[str, str] = {}
    for code, extra in gazetteer.COUNTRY_NAMES.items():
        for name in extra:
            owner.setdefault(name.lower(), code)
    for record in pycountry.countries:
        code = record.alpha_2
        country = lookup_country(code)
        if country is None:
            continue
        label = country.names["en"]
        names = {record.name, label, *country.names.values(), *country.official_names.values()}
        names |= set(gazetteer.COUNTRY_NAMES.get(code, ()))
        for name in names:
            for part in {name, name.split(",")[0]}:
                if owner.setdefault(part.lower(), code) != code:
                    continue
                target = Target("countries", code, True, label, capital=part in gazetteer.CAPITALS)
                lexicon.add("*", part, target)
        lexicon.labels[("countries", code)] = dict(country.names)


def _add_entities(lexicon: Lexicon, source_set: Any) -> None:
    country_words = _country_suffix()
    for entity in source_set.entities.values():
        lexicon.known_ids.add(entity.id)
        if entity.kind == "body":
            lexicon.labels[("bodies", entity.id)] = dict(entity.labels)
            target = Target("bodies", entity.id, True, entity.labels["en"])
            for text in [*entity.labels.values(), *entity.abbreviations.values()]:
                for variant in {text, country_words.sub("", text).strip(" ,")}:
                    lexicon.add("*", variant, target)
        elif entity.kind == "person" and entity.name:
            lexicon.persons[entity.id] = entity.name
            lexicon.add("*", entity.name, Target("persons", entity.id, True, entity.name))
        elif entity.kind == "post":
            lexicon.posts[entity.id] = dict(entity.labels)
            if entity.post_in:
                lexicon.post_body[entity.id] = entity.post_in
        elif entity.kind == "place":
            target = Target("places", entity.id, True, entity.labels["en"])
            for text in entity.labels.values():
                lexicon.add("*", text.split(",")[0], target)
        elif entity.kind == "agreement":
            lexicon.agreements.append(AgreementInfo(entity.id, entity.type, dict(entity.labels)))
    by_id = {a.id: a for a in lexicon.agreements}
    dated: dict[str, set[int]] = {}  # an event's id → the years its date claims give
    for source in source_set.sources:
        for claim in source.claims:
            subject = claim.subject.id
            if claim.prop == "date" and isinstance(claim.value, DateLit):
                dated.setdefault(subject, set()).add(claim.value.value.year)
            elif isinstance(claim.value, TermOf) and subject in by_id:
                by_id[subject].term_years.add(claim.value.years)
            if not isinstance(claim.value, EntityRef):
                continue
            ref = claim.value.id
            if claim.prop == "hasParty" and subject in by_id:
                by_id[subject].parties.add(ref)
            elif claim.prop == "signedIn" and subject in by_id:
                by_id[subject].signing = ref
            elif claim.prop == "org:holds":
                posts = lexicon.person_posts.setdefault(subject, [])
                if ref not in posts:
                    posts.append(ref)
            elif claim.prop == "actsFor":
                lexicon.body_country[subject] = ref
    for agreement in lexicon.agreements:
        if agreement.signing is not None:
            agreement.signing_years = dated.get(agreement.signing, set())
    for (cls, ref), labels in list(lexicon.labels.items()):
        if cls == "bodies" and ref not in lexicon.body_country:
            found = _country_in(labels.get("en", ""))
            if found:
                lexicon.body_country[ref] = found


def _country_in(text: str) -> str | None:
    for record in pycountry.countries:
        for name in _names_of(record.alpha_2):
            if len(name) > 3 and re.search(rf"\b{re.escape(name)}\b", text):
                return str(record.alpha_2)
    return None


def _country_suffix() -> re.Pattern[str]:
    # "Ministry of Industry of the Republic of Indonesia" is usually written without the
    # country: strip "of the <country>" / "Republik <country>" endings for a short form.
    names = sorted(
        {n for c in ("ID", "CN", "KR", "JP", "DE", "AE", "CH", "TR") for n in _names_of(c)},
        key=len,
        reverse=True,
    )
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?:\s+of\s+(?:the\s+)?|\s+)(?:{alternatives})$")


def _names_of(code: str) -> set[str]:
    country = lookup_country(code)
    if country is None:
        return set()
    return {*country.names.values(), *country.official_names.values()} | set(
        gazetteer.COUNTRY_NAMES.get(code, ())
    )


_PARENT_AFTER = re.compile(r"\s*\([^()]*\)$")


def _add_gazetteer(lexicon: Lexicon) -> None:
    for body in gazetteer.bodies():
        if body.portfolios:
            lexicon.portfolios[body.id] = body.portfolios
        if body.country and body.id not in lexicon.body_country:
            lexicon.body_country[body.id] = body.country
        if body.id in lexicon.known_ids:
            # The data has it: its labels win, the gazetteer adds former and short names.
            label = lexicon.labels.get(("bodies", body.id), {}).get("en", body.en)
            target = Target("bodies", body.id, True, label)
        else:
            target = Target("bodies", body.id, False, body.en)
            lexicon.labels[("bodies", body.id)] = {"en": body.en, "id": body.id_label}
        # "… (Ministry of Industry)" tells the reader whose unit it is; articles write the
        # name without it
        plain = _PARENT_AFTER.sub("", body.en)
        for name in {body.en, plain, body.id_label, *body.names}:
            lexicon.add("*", name, target)


def _add_aims(lexicon: Lexicon) -> None:
    """The table's plain phrases ("-") into *lexicon*, and its unknown concepts' labels.

    A frame's words are found only in their clause and are not names of the concept: the
    scorer judges a gold label against the concept's names, and the first looks of every
    group are scored the same way."""
    for row in gazetteer.aim_rows():
        if not row.known and (row.cls, row.concept) not in lexicon.labels:
            lexicon.labels[(row.cls, row.concept)] = {"en": row.en_label, "id": row.id_label}
            lexicon.names.setdefault((row.cls, row.concept), set()).update(
                {row.en_label, row.id_label}
            )
        target = aim_target(lexicon, row)
        if row.frame == "-":
            for word in row.words:
                lexicon.add("*", word, target)


def aim_target(lexicon: Lexicon, row: gazetteer.AimRow) -> Target:
    """What a row's words refer to: the scheme's concept, or a proposed one."""
    label = lexicon.labels.get((row.cls, row.concept), {}).get("en", row.concept)
    return Target(row.cls, row.concept, row.known, label)
