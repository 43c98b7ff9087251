"""Writing an :class:`~.extract.Extraction` as a candidate source file (YAML).

The file uses the data format of ``data/sources/*.yaml`` (see docs/data-format.md), so
it builds as it is; every value carries ``says`` (the article's words), ``at`` (¶N) and
``span`` (character offsets into the article). What cannot be linked to the data is
written under ``unresolved:``, which the loader ignores:

- the agreement itself, when no agreement of the data has the same parties and kind,
  with a suggested id, type and label and the claims it would get (``pending``);
- bodies, persons, places and sectors that are in neither the data nor the schemes;
- the signing date, when the data has no signing for the agreement.

Scalars are written double-quoted with JSON escapes, which YAML reads as the same text:
no anchors, tags or duplicate keys, so the strict reader accepts the file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from .dates import YEAR, find_dates
from .findings import Extraction, Finding
from .kinds import AGREEMENT_KINDS
from .patterns import AgreementInfo, Lexicon
from .people import slug
from .text import ArticleError

_FIELDS = (
    ("countries", "parties"),
    ("bodies", "acting_bodies"),
    ("sectors", "sectors"),
    ("activities", "activities"),
    ("institution_types", "institution_types"),
    ("objectives", "objectives"),
)


_YEAR = re.compile(rf"(?<![^\W_]){YEAR}(?![^\W_])")
"""A year written in an article's text or in an agreement's id ("…-singapore-2018")."""

SOURCE_ID_LENGTH = 40
"""The longest source id made of a file name; a longer name is cut at a word's end."""


def source_id_for(name: str) -> str:
    """A source id made of a file name: letters, digits, ``-`` and ``_``, starting with a
    letter, at most :data:`SOURCE_ID_LENGTH` long (cut after a whole word if one fits)."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-_") or "article"
    if not stem[0].isalpha():
        stem = "A" + stem
    if len(stem) <= SOURCE_ID_LENGTH:
        return stem
    head = stem[:SOURCE_ID_LENGTH]
    if stem[SOURCE_ID_LENGTH] in "-_":  # the cut falls between two words
        return head.rstrip("-_")
    end = max(head.rfind("-"), head.rfind("_"))
    return head[:end].rstrip("-_") if end >= SOURCE_ID_LENGTH // 2 else head


def link_agreement(extraction: Extraction, lexicon: Lexicon) -> AgreementInfo | None:
    """The data's agreement with the same parties (and a compatible kind), if exactly one.

    An agreement whose signing the data dates to other years than the article's event is
    another agreement of the same parties (a renewal, a second MoU): not linked, so that
    the event's day is never claimed for an earlier signing. Where the data does not date
    the signing, the years its id and labels name stand for it ("… on Industry 4.0
    (2018)" is not the MoU of the same two countries signed in 2023). An agreement whose
    term the data gives otherwise than the article ("runs for four years" against the
    data's five) is another one too: linked, the candidate would contradict the data."""
    parties = {f.ref for f in extraction.of("countries")}
    if len(parties) < 2:
        return None
    day = extraction.signing_date
    years = extraction.term[0] if extraction.term is not None else None
    matches = [
        a
        for a in lexicon.agreements
        if a.parties == parties
        and (day is None or _may_be_dated(a, day.year))
        and (years is None or not a.term_years or years in a.term_years)
    ]
    typed = [a for a in matches if a.type == extraction.agreement_type]
    chosen = typed or matches
    return chosen[0] if len(chosen) == 1 else None


def _may_be_dated(agreement: AgreementInfo, year: int) -> bool:
    """Whether *agreement* may have been signed in *year*: the data dates its signing to
    that year, or, undated there, its id and labels name that year or none."""
    if agreement.signing_years:
        return year in agreement.signing_years
    named = {
        int(y) for text in (agreement.id, *agreement.labels.values()) for y in _YEAR.findall(text)
    }
    return not named or year in named


def candidate_data(extraction: Extraction, lexicon: Lexicon) -> dict[str, Any]:
    """The candidate file as plain data (mappings, lists, text, numbers, booleans)."""
    article, meta = extraction.article, extraction.meta
    source_id = meta.source_id or source_id_for(article.path.stem)
    title = meta.title or article.title
    name = title or article.path.name
    source: dict[str, Any] = {
        "id": source_id,
        "type": "NewsArticle",
        "label": {
            "en": f"{source_id}: {name} (candidate extracted from {article.path.name})",
            "id": f"{source_id}: {name} (kandidat hasil ekstraksi dari {article.path.name})",
        },
        "language": extraction.lang,
    }
    if title:
        source["title"] = title
    if meta.publisher:
        source["publisher"] = meta.publisher
    if meta.url:
        source["urls"] = [meta.url]
    if meta.published is not None:
        source["issued"] = meta.published
    elif extraction.published is not None:
        source["issued"] = extraction.published
    if extraction.dateline is not None:
        source["dateline"] = extraction.dateline.place

    claims: list[dict[str, Any]] = []
    unresolved: dict[str, Any] = {}
    agreement = link_agreement(extraction, lexicon)
    block = _agreement_block(extraction)
    if agreement is not None:
        claims.append({"about": agreement.id, **block})
        if extraction.date_finding and extraction.signing_date and agreement.signing:
            claims.append(
                {
                    "about": agreement.signing,
                    "date": _value(extraction.date_finding, extraction.signing_date),
                }
            )
    elif block:
        unresolved["agreement"] = _suggested_agreement(extraction, lexicon, block)
    if (
        extraction.date_finding
        and extraction.signing_date
        and not (agreement and agreement.signing)
    ):
        unresolved["signing"] = {"date": _value(extraction.date_finding, extraction.signing_date)}
    # a party read from its body's name ("Ministry of Industry" → Indonesia) is not called
    # by that name: only a country's own words are a name of it in the source
    bodies = {f.span for f in extraction.of("bodies")}
    for finding in extraction.of("countries"):
        if finding.span not in bodies:
            claims.append({"about": finding.ref, "called": [_value(finding, finding.says)]})
    for cls in ("bodies", "persons", "places"):
        for finding in extraction.of(cls):
            if finding.known:
                claims.append({"about": finding.ref, "called": [_value(finding, finding.says)]})
    for finding in extraction.unresolved:
        unresolved.setdefault(finding.cls, []).append(_unresolved(finding))
    # a party read only from a body the data lacks ("BAPPENAS and the APO signed …") is
    # still a country the data links: the candidate is written, its agreement unresolved
    if not claims and not extraction.of("countries"):
        raise ArticleError(
            article.path,
            "found nothing the data can link (no country, body, person or place); "
            "no candidate written",
        )
    data: dict[str, Any] = {"source": source, "claims": claims}
    if unresolved:
        data["unresolved"] = unresolved
    return data


def _value(finding: Finding, value: Any, key: str = "value") -> dict[str, Any]:
    return {key: value, "at": finding.at, "says": finding.says, "span": list(finding.span)}


def _agreement_block(extraction: Extraction) -> dict[str, Any]:
    block: dict[str, Any] = {}
    for cls, field in _FIELDS:
        items = [f for f in extraction.of(cls) if f.known]
        if items:
            block[field] = [_value(f, f.ref, "ref") for f in items]
    if extraction.term is not None and extraction.term_finding is not None:
        years, extendable = extraction.term
        term = {"years": years, "extendable": extendable}
        block["term"] = {
            **term,
            **{k: v for k, v in _value(extraction.term_finding, 0).items() if k != "value"},
        }
    return block


def _suggested_agreement(
    extraction: Extraction, lexicon: Lexicon, block: dict[str, Any]
) -> dict[str, Any]:
    parties = [f.ref for f in extraction.of("countries")]
    names = {code: lexicon.labels.get(("countries", code), {}) for code in parties}
    kind = extraction.kind or "agreement"
    year = _suggested_year(extraction)
    when = f" {year}" if year else ""
    en_parties = "–".join(names[c].get("en", c) for c in parties) or "unknown parties"
    id_parties = "–".join(names[c].get("id", c) for c in parties) or "pihak belum diketahui"
    suggestion: dict[str, Any] = {
        "suggested_id": slug(f"{kind} industrial cooperation {' '.join(parties)}{when}"),
        "type": extraction.agreement_type or "CooperationAgreement",
        "label": {
            "en": f"{en_parties} {kind} on industrial cooperation" + (f" ({year})" if year else ""),
            "id": f"{kind} kerja sama industri {id_parties}" + (f" ({year})" if year else ""),
        },
    }
    if extraction.kind_finding is not None:
        suggestion["says"] = extraction.kind_finding.says
        suggestion["at"] = extraction.kind_finding.at
        suggestion["span"] = list(extraction.kind_finding.span)
    suggestion["pending"] = block
    return suggestion


_DAYS_WITHIN = 20_000
"""Characters from the article's start where a day written in full is looked for: a
report's by-line and statements lie there, and a long page is not read whole again."""


def _suggested_year(extraction: Extraction) -> int | None:
    """The year a suggested agreement is named by: its event's, else the publication's,
    else the latest day the article's head writes in full (a statement's "Minggu, 28
    Februari 2021"), else the latest year written in a paragraph that names the agreement
    by its kind; never the clock's (a candidate read next year names the same deal) and
    never a bare year written only in other paragraphs: an undated article states past
    years for trade figures and earlier ventures ("In 2022, bilateral trade reached …", "a
    joint venture in 2013") and later ones for targets ("by 2027")."""
    dated = extraction.signing_date or extraction.published
    if dated is not None:
        return dated.year
    if extraction.year is None:
        return None
    text = extraction.article.text
    head = text[:_DAYS_WITHIN]
    days = [m.value for m in find_dates(head, base=None, lang=extraction.lang) if m.value]
    if days:
        return max(days).year
    if extraction.kind is None:
        return None
    pattern = next(p for kind, _, p in AGREEMENT_KINDS if kind == extraction.kind)
    years = [
        int(y)
        for paragraph in extraction.article.paragraphs
        if pattern.search(text, paragraph.start, paragraph.end)
        for y in _YEAR.findall(text, paragraph.start, paragraph.end)
    ]
    return max(years, default=None)


def _unresolved(finding: Finding) -> dict[str, Any]:
    item: dict[str, Any] = {"suggested_id": finding.ref, "label": finding.label}
    if finding.extra:
        item["note"] = finding.extra
    return {**item, "at": finding.at, "says": finding.says, "span": list(finding.span)}


def render_candidate(extraction: Extraction, lexicon: Lexicon) -> str:
    """The candidate source file for *extraction*, as YAML text."""
    article = extraction.article
    header = (
        f"# Candidate source file extracted by graph-builder from {article.path.name}.\n"
        "# Review every claim against the article (says, at ¶N, span = character offsets)\n"
        "# before moving it into data/sources/. 'unresolved' lists what could not be linked:\n"
        "# add those to data/entities/ or ontology/ and move their claims up, or drop them.\n"
    )
    return header + yaml_text(candidate_data(extraction, lexicon))


def yaml_text(value: dict[str, Any]) -> str:
    """*value* (mappings, lists, scalars) as YAML in the candidate files' style."""
    return "".join(_emit(value, 0)).rstrip("\n") + "\n"


def yaml_scalar(value: Any) -> str:
    """One scalar as the candidate files write it (plain when safe, else double-quoted)."""
    return _scalar(value)


_PLAIN = re.compile(r"[A-Za-z¶][\w¶-]*")
_YAML_WORDS = {"yes", "no", "y", "n", "true", "false", "on", "off", "null"}


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _inline(value: Any, room: int) -> str | None:
    """*value* in flow style when it is flat and fits in *room* characters."""
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        text = "[" + ", ".join(_scalar(v) for v in value) + "]"
    elif isinstance(value, dict) and all(
        not isinstance(v, dict) and (not isinstance(v, list) or _inline(v, room))
        for v in value.values()
    ):
        parts = [
            f"{k}: {_inline(v, room) if isinstance(v, list) else _scalar(v)}"
            for k, v in value.items()
        ]
        text = "{" + ", ".join(parts) + "}"
    else:
        return None
    return text if len(text) <= room else None


def _emit(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    room = 100 - indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(item, (dict, list)):
                lines.append(f"{pad}{key}: {_scalar(item)}\n")
                continue
            inline = _inline(item, room - len(key) - 2)
            if inline is not None:
                lines.append(f"{pad}{key}: {inline}\n")
                continue
            if indent == 0 and lines:
                lines.append("\n")
            lines.append(f"{pad}{key}:\n")
            lines.extend(_emit(item, indent + 2))
    elif isinstance(value, list):
        for item in value:
            inline = _inline(item, room - 2) if isinstance(item, (dict, list)) else _scalar(item)
            if inline is not None:
                lines.append(f"{pad}- {inline}\n")
                continue
            inner = _emit(item, indent + 2)
            lines.append(f"{pad}- {inner[0].lstrip()}")
            lines.extend(inner[1:])
    return lines
