"""Accepting a candidate source file into a data folder: ``graph-builder accept``.

A candidate (written by ``graph-builder extract``, or by the review page) becomes
``sources/<id>.yaml`` plus the new entries of ``entities/*.yaml`` (:mod:`.resolve` decides
what its ``unresolved:`` items become). Before anything of the user's is written, the
result is written into a temporary copy of the data folder, loaded and validated; every
problem is named at the candidate's own file, line and field. Then the files are written
atomically (temp + rename), the entity files by inserting text (:mod:`.entity_files`).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from graph_builder.diff import SourceDiff, diff_data
from graph_builder.errors import CandidateRefused, Problem, SourceError, Unresolved
from graph_builder.files import write_text
from graph_builder.ingest.sources import read_entities
from graph_builder.ingest.strict_yaml import Path_, YamlDocument, dotted, read_yaml
from graph_builder.review.entity_files import Insertion, add_entries, entry_text, section_file
from graph_builder.review.plain import bad_key, natural, undotted
from graph_builder.review.resolve import NewEntity, resolve


@dataclass
class Acceptance:
    """What accepting a candidate writes: one source file and new entity entries."""

    source_id: str
    source_text: str
    entities: list[NewEntity]
    block_origins: list[Path_]
    """For each claim block of :attr:`source_text`, the candidate field it comes from."""
    linked: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    candidate: Path | None = None
    doc: YamlDocument | None = None

    @property
    def source_name(self) -> str:
        return f"{self.source_id}.yaml"


def read_candidate(path: Path) -> YamlDocument:
    """The candidate file *path*, read strictly (no aliases, tags or duplicate keys)."""
    doc = read_yaml(path)
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("source"), dict):
        raise SourceError(path, "not a candidate source file: it has no 'source:' mapping")
    return doc


def plan_acceptance(
    candidate: dict[str, Any] | YamlDocument, data_dir: Path, *, create_unresolved: bool = False
) -> Acceptance:
    """What *candidate* becomes in *data_dir*; nothing is written.

    *candidate* is plain data (the review page's), or a file read by :func:`read_candidate`,
    whose lines the problems then name. Raises :class:`CandidateRefused` when an unresolved
    item neither links to an entity nor may be created (*create_unresolved*, or the item's
    own ``create: true``).
    """
    doc = candidate if isinstance(candidate, YamlDocument) else None
    data: dict[str, Any] = candidate.data if isinstance(candidate, YamlDocument) else candidate
    if not isinstance(data.get("source"), dict):
        raise CandidateRefused([_problem(("source",), "needs a mapping: id, type, label", doc)])
    source = natural(dict(data["source"]))
    source_id = str(source.get("id") or "")
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]{0,39}", source_id):
        raise CandidateRefused([_problem(("source", "id"), "needs a source id such as S5", doc)])
    for lang, suffix in (("en", "candidate extracted from"), ("id", "kandidat hasil ekstraksi")):
        label = source.get("label")
        if isinstance(label, dict) and isinstance(label.get(lang), str):
            label[lang] = re.sub(rf" \({suffix} [^)]*\)$", "", label[lang])
    listed = data.get("claims")
    numbered = (
        [(i, c) for i, c in enumerate(listed) if isinstance(c, dict)]
        if isinstance(listed, list)
        else []
    )
    claims = [c for _, c in numbered]
    unresolved = data.get("unresolved") or {}
    entities = read_entities(data_dir).entities
    try:
        resolution = resolve(
            unresolved if isinstance(unresolved, dict) else {},
            entities=entities,
            language=str(source.get("language") or "en"),
            parties=_parties(claims, unresolved),
            create=create_unresolved,
        )
    except Unresolved as exc:
        problem = _problem(exc.where, exc.message, doc)
        raise CandidateRefused([problem], unresolved=exc.missing) from None
    origins: list[Path_] = [("claims", i) for i, _ in numbered]
    origins += [where for _, where in resolution.blocks]
    blocks = [c for c in claims] + [b for b, _ in resolution.blocks]
    for where, block in [(("source",), source), *zip(origins, blocks, strict=True)]:
        bad = bad_key(block, where)
        if bad is not None:
            raise CandidateRefused([_problem(bad, "is not a field name", doc)])
    organisations = {e.id for e in entities.values() if e.kind == "organisation"}
    blocks = [_organisations_as_parties(natural(b), organisations) for b in blocks]
    from graph_builder.extract.candidate import yaml_text

    name = doc.path.name if doc is not None else "the review page"
    header = f"# Accepted from {name} by graph-builder on {dt.date.today().isoformat()}.\n"
    return Acceptance(
        source_id,
        header + yaml_text({"source": source, "claims": blocks}),
        resolution.entities,
        origins,
        resolution.linked,
        resolution.left_out,
        doc.path if doc is not None else None,
        doc,
    )


def _organisations_as_parties(block: dict[str, Any], organisations: set[str]) -> dict[str, Any]:
    """*block* with each international organisation among its ``acting_bodies`` moved to its
    ``parties``: an organisation is a party in its own right and acts for no country (the
    extractor's list of bodies names UNIDO, the ILO and others)."""
    bodies = block.get("acting_bodies")
    if not isinstance(bodies, list) or not any(_ref(b) in organisations for b in bodies):
        return block
    listed = block.get("parties")
    parties: list[Any] = listed if isinstance(listed, list) else []
    named = {_ref(p) for p in parties}
    moved = [b for b in bodies if _ref(b) in organisations and _ref(b) not in named]
    rest = [b for b in bodies if _ref(b) not in organisations]
    block = {k: v for k, v in block.items() if k != "acting_bodies" or rest}
    block["parties"] = [*parties, *moved]
    if rest:
        block["acting_bodies"] = rest
    return block


def _ref(item: Any) -> Any:
    return item.get("ref") if isinstance(item, dict) else item


def _parties(claims: list[dict[str, Any]], unresolved: Any) -> list[str]:
    rows = [c.get("parties") for c in claims]
    agreement = unresolved.get("agreement") if isinstance(unresolved, dict) else None
    pending = agreement.get("pending") if isinstance(agreement, dict) else None
    if isinstance(pending, dict):
        rows.append(pending.get("parties"))
    codes = []
    for row in rows:
        for item in row if isinstance(row, list) else []:
            code = item.get("ref") if isinstance(item, dict) else item
            if isinstance(code, str):
                codes.append(code)
    return codes


def _problem(where: Path_ | None, message: str, doc: YamlDocument | None) -> Problem:
    if doc is None:
        return Problem(where, message)
    return Problem(where, message, str(doc.path), doc.line(where or ()))


@dataclass
class Check:
    """The outcome of trying an acceptance on a copy of the data folder."""

    problems: list[Problem]
    diff: list[SourceDiff]


def check_acceptance(
    acceptance: Acceptance, data_dir: Path, *, ontology_dir: Path | None = None, force: bool = False
) -> Check:
    """Load and validate *data_dir* with *acceptance* written into a temporary copy."""
    target = data_dir / "sources" / acceptance.source_name
    if target.exists() and not force:
        problem = _problem(
            ("source", "id"),
            f"{target} exists: source {acceptance.source_id!r} was accepted before",
            acceptance.doc,
        )
        return Check([problem], [])
    with _staged(acceptance, data_dir) as (copy, insertions):
        problems = _validate(acceptance, copy, data_dir, insertions, ontology_dir)
        diff = [] if problems else diff_data(data_dir, copy, ontology_dir=ontology_dir)
    return Check(problems, diff)


@contextmanager
def _staged(acceptance: Acceptance, data_dir: Path) -> Iterator[tuple[Path, list[Insertion]]]:
    with tempfile.TemporaryDirectory(prefix="graph-builder-accept-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns(".*"))
        yield copy, _apply(acceptance, copy)


def _inside(data_dir: Path, path: Path) -> Path:
    """*path*, when it (links resolved) lies in *data_dir*; writes go nowhere else."""
    if not path.resolve().is_relative_to(data_dir.resolve()):
        raise CandidateRefused([Problem(None, f"{path} is outside the data folder {data_dir}")])
    return path


def _apply(acceptance: Acceptance, data_dir: Path) -> list[Insertion]:
    """Write *acceptance* into *data_dir* (entity files first); the lines inserted.

    Every path is checked and every text made before the first file is written.
    """
    source = _inside(data_dir, data_dir / "sources" / acceptance.source_name)
    texts: dict[Path, str] = {}
    insertions: list[Insertion] = []
    for section in dict.fromkeys(e.section for e in acceptance.entities):
        path = _inside(data_dir, section_file(data_dir / "entities", section))
        if path not in texts:
            texts[path] = path.read_text(encoding="utf-8") if path.exists() else ""
        entries = "".join(entry_text(e.entry) for e in acceptance.entities if e.section == section)
        texts[path], line = add_entries(texts[path], section, entries)
        count = entries.count("\n")
        insertions = [
            Insertion(i.path, i.line + count, i.count) if i.path == path and i.line >= line else i
            for i in insertions
        ]
        insertions.append(Insertion(path, line, count))
    for path, text in texts.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, text)
    source.parent.mkdir(exist_ok=True)
    write_text(source, acceptance.source_text)
    return insertions


def _validate(
    acceptance: Acceptance,
    copy: Path,
    data_dir: Path,
    insertions: list[Insertion],
    ontology_dir: Path | None,
) -> list[Problem]:
    from graph_builder.dataset import build_dataset
    from graph_builder.ingest.sources import load_sources
    from graph_builder.locate import DataIndex, locate_with
    from graph_builder.ontology import Vocabulary, load_ontology
    from graph_builder.rdf.validate import validate_dataset

    where = _Translator(acceptance, copy, data_dir, insertions)
    graph = load_ontology(ontology_dir)
    try:
        records = load_sources(copy, vocabulary=Vocabulary.from_graph(graph))
    except SourceError as exc:
        return [where.problem(exc.path, exc.line, exc.detail, undotted(exc.field))]
    report = validate_dataset(build_dataset(records, ontology=graph), ontology_dir=ontology_dir)
    report = locate_with(report, DataIndex(records))
    problems = []
    for v in report.violations:
        message = v.message + (f" ({v.fix})" if v.fix else "")
        if v.file is None:
            problems.append(Problem(None, f"{v.focus} {v.path or ''}: {message}"))
        else:
            problem = where.problem(Path(v.file), v.line, message)
            if problem.where is None and v.field:
                problem = replace(problem, message=f"{v.field}: {message}")
            problems.append(problem)
    return problems


class _Translator:
    """Places in the staged copy → places in the candidate (or in the user's files)."""

    def __init__(
        self, acceptance: Acceptance, copy: Path, data_dir: Path, insertions: list[Insertion]
    ) -> None:
        self.acceptance, self.copy, self.data_dir = acceptance, copy, data_dir
        self.insertions = insertions
        self.source = copy / "sources" / acceptance.source_name

    def problem(
        self, path: Path, line: int | None, message: str, field: Path_ | None = None
    ) -> Problem:
        doc = self.acceptance.doc
        message = message.replace(str(self.source), "this candidate")
        message = message.replace(str(self.copy), str(self.data_dir))
        if path == self.source:
            where = self._source_field(field) if field else self._source_line(line)
            return _problem(where, message, doc) if where else Problem(None, message)
        for ins in self.insertions:
            if path == ins.path and line is not None and ins.line <= line < ins.line + ins.count:
                entity = self._entity_at(ins, line)
                return _problem(entity.where, message, doc)
        if field:
            message = f"{dotted(field)}: {message}"
        shift = sum(i.count for i in self.insertions if i.path == path and line and i.line <= line)
        shown = (
            self.data_dir / path.relative_to(self.copy) if path.is_relative_to(self.copy) else path
        )
        return Problem(None, message, str(shown), None if line is None else line - shift)

    def _source_line(self, line: int | None) -> Path_ | None:
        lines = read_yaml(self.source).lines
        at = [p for p, n in lines.items() if n == line]
        # The shortest path on the line: the item, not the keys of its flow mapping.
        return self._source_field(min(at, key=len)) if at else None

    def _source_field(self, path: Path_) -> Path_:
        if len(path) >= 2 and path[0] == "claims" and isinstance(path[1], int):
            return (*self.acceptance.block_origins[path[1]], *path[2:])
        return path

    def _entity_at(self, ins: Insertion, line: int) -> NewEntity:
        offset = ins.line
        section = [e for e in self.acceptance.entities if section_file_of(e, ins, self.copy)]
        for entity in section:
            size = entry_text(entity.entry).count("\n")
            if line < offset + size:
                return entity
            offset += size
        return section[-1]


def section_file_of(entity: NewEntity, ins: Insertion, copy: Path) -> bool:
    return section_file(copy / "entities", entity.section) == ins.path


def write_acceptance(acceptance: Acceptance, data_dir: Path) -> list[Path]:
    """Write *acceptance* into *data_dir*; the files written (entity files, then the source)."""
    insertions = _apply(acceptance, data_dir)
    return [
        *dict.fromkeys(i.path for i in insertions),
        data_dir / "sources" / acceptance.source_name,
    ]


def accept_candidate(
    candidate: Path,
    data_dir: Path,
    *,
    create_unresolved: bool = False,
    force: bool = False,
    ontology_dir: Path | None = None,
) -> tuple[Acceptance, list[Path]]:
    """Check *candidate* against *data_dir* and write it there; the plan and the files written.

    Raises :class:`CandidateRefused` (nothing written) when it would not validate, when an
    unresolved item neither links nor may be created, or when its source file exists and
    *force* is false (*force* replaces that one file; other files only get new entries).
    """
    doc = read_candidate(candidate)
    acceptance = plan_acceptance(doc, data_dir, create_unresolved=create_unresolved)
    check = check_acceptance(acceptance, data_dir, ontology_dir=ontology_dir, force=force)
    if check.problems:
        exists = not force and (data_dir / "sources" / acceptance.source_name).exists()
        raise CandidateRefused(check.problems, exists=exists)
    return acceptance, write_acceptance(acceptance, data_dir)
