"""What changes between two data folders, or when a candidate file is accepted: ``diff``.

Statements are compared per source as (subject, property, value): a statement is
*added* or *removed*; it is *changed* when the same statement has other evidence (``at``,
``says``) or when a single-valued property (a term, a date, ``acts_for``) gets another
value. A candidate file is compared by loading the data folder with the candidate in
place of the source file that has the same source id (or beside the others).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph_builder.errors import SourceError
from graph_builder.ingest.sources import load_sources
from graph_builder.ontology import Vocabulary, load_ontology
from graph_builder.records import (
    ConceptRef,
    DateLit,
    EntityRef,
    SignatureOf,
    TermOf,
    Value,
)

_SINGLE = {"hasTerm", "signedIn", "date", "actsFor", "startDate", "endDate"}

Key = tuple[str, str, str]  # subject, property, value


@dataclass(frozen=True)
class Statement:
    """One claim of one source, as text."""

    subject: str
    prop: str
    value: str
    at: str | None
    says: str | None


@dataclass
class SourceDiff:
    """The differences of one source."""

    source: str
    added: list[Statement] = field(default_factory=list)
    removed: list[Statement] = field(default_factory=list)
    changed: list[tuple[Statement, Statement]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _prop_name(prop: str) -> str:
    return prop if ":" in prop else f"agr:{prop}"


def _value_text(value: Value) -> str:
    match value:
        case ConceptRef(iri=iri):
            scheme, _, local = iri.rstrip("/").rpartition("/")
            return f"{scheme.rsplit('/', 1)[-1]}:{local}"
        case TermOf(years=years, extendable=extendable):
            return f"{years} years{', extendable' if extendable else ''}"
        case SignatureOf(person=person, body=body, post=post):
            return " / ".join(v for v in (person, body, post) if v)
        case EntityRef(id=ref):
            return ref
        case DateLit(value=day):
            return day.isoformat()
        case _:  # TextLit
            return value.text


def load_statements(
    data_dir: Path, *, ontology_dir: Path | None = None
) -> dict[str, dict[Key, Statement]]:
    """Every source's statements in *data_dir*, by source id."""
    vocabulary = Vocabulary.from_graph(load_ontology(ontology_dir))
    source_set = load_sources(data_dir, vocabulary=vocabulary)
    result: dict[str, dict[Key, Statement]] = {}
    for source in source_set.sources:
        statements: dict[Key, Statement] = {}
        for claim in source.claims:
            st = Statement(
                claim.subject.id,
                _prop_name(claim.prop),
                _value_text(claim.value),
                claim.locator,
                claim.says,
            )
            statements.setdefault((st.subject, st.prop, st.value), st)
        result[source.citation.id] = statements
    return result


def diff_statements(
    old: dict[str, dict[Key, Statement]],
    new: dict[str, dict[Key, Statement]],
    *,
    properties: Iterable[str] = (),
) -> list[SourceDiff]:
    """Per source (in id order), what *new* adds, removes and changes compared to *old*."""
    wanted = {_prop_name(p) for p in properties}
    diffs = []
    for source in sorted(set(old) | set(new)):
        before = {k: v for k, v in old.get(source, {}).items() if not wanted or k[1] in wanted}
        after = {k: v for k, v in new.get(source, {}).items() if not wanted or k[1] in wanted}
        d = SourceDiff(source)
        for key in sorted(set(before) & set(after)):
            a, b = before[key], after[key]
            if (a.at, a.says) != (b.at, b.says):
                d.changed.append((a, b))
        gone = [before[k] for k in sorted(set(before) - set(after))]
        came = [after[k] for k in sorted(set(after) - set(before))]
        for st in list(gone):
            twin = next((n for n in came if (n.subject, n.prop) == (st.subject, st.prop)), None)
            if st.prop.split(":")[-1] in _SINGLE and twin is not None:
                d.changed.append((st, twin))
                gone.remove(st)
                came.remove(twin)
        d.removed, d.added = gone, came
        diffs.append(d)
    return diffs


def diff_data(
    old: Path, new: Path, *, ontology_dir: Path | None = None, properties: Iterable[str] = ()
) -> list[SourceDiff]:
    """Compare data folder *old* with *new*: another data folder, or a candidate source file."""
    old_statements = load_statements(old, ontology_dir=ontology_dir)
    if new.is_dir():
        return diff_statements(
            old_statements, load_statements(new, ontology_dir=ontology_dir), properties=properties
        )
    if not new.is_file():
        raise SourceError(new, "not found: give a data folder or a candidate source file")
    with tempfile.TemporaryDirectory(prefix="graph-builder-diff-") as tmp:
        merged = Path(tmp) / "data"
        shutil.copytree(old, merged, ignore=shutil.ignore_patterns(".*"))
        candidate_id = _source_id(new)
        for path in sorted((merged / "sources").glob("*.y*ml")):
            if _source_id(path) == candidate_id:
                path.unlink()
        shutil.copyfile(new, merged / "sources" / f"zz-candidate-{new.stem}.yaml")
        try:
            new_statements = load_statements(merged, ontology_dir=ontology_dir)
        except SourceError as exc:
            detail = str(exc).replace(
                str(merged / "sources" / f"zz-candidate-{new.stem}.yaml"), str(new)
            )
            raise SourceError(new, f"the candidate does not load with {old}: {detail}") from None
    return diff_statements(old_statements, new_statements, properties=properties)


def _source_id(path: Path) -> str | None:
    import yaml

    try:
        if path.stat().st_size > 1_048_576:  # the loader's own cap; it will say so
            return None
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    source = data.get("source") if isinstance(data, dict) else None
    return (
        str(source.get("id")) if isinstance(source, dict) and source.get("id") is not None else None
    )


def format_diff(diffs: list[SourceDiff], fmt: str = "table") -> str:
    """The differences as a table (one line per statement) or as JSON."""
    if fmt == "json":

        def row(st: Statement) -> dict[str, Any]:
            return {
                "subject": st.subject,
                "property": st.prop,
                "value": st.value,
                "at": st.at,
                "says": st.says,
            }

        data = [
            {
                "source": d.source,
                "added": [row(s) for s in d.added],
                "removed": [row(s) for s in d.removed],
                "changed": [{"old": row(a), "new": row(b)} for a, b in d.changed],
            }
            for d in diffs
            if not d.empty
        ]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    lines = []
    for d in diffs:
        if d.empty:
            continue
        lines.append(f"{d.source}: +{len(d.added)} -{len(d.removed)} ~{len(d.changed)}")
        for mark, items in (("+", d.added), ("-", d.removed)):
            for st in items:
                where = f"[{st.at or ''}] {st.says or ''}"
                lines.append(f"  {mark} {st.subject}  {st.prop}  {st.value}  {where}".rstrip())
        for a, b in d.changed:
            what = (
                f"{a.value} → {b.value}"
                if a.value != b.value
                else f"[{a.at or ''}] {a.says or ''} → [{b.at or ''}] {b.says or ''}"
            )
            lines.append(f"  ~ {a.subject}  {a.prop}  {what}")
    return "\n".join(lines) + "\n" if lines else "no differences\n"
