"""Many articles at once: a folder in, one candidate file per article out.

A file that cannot be read or yields nothing is reported and skipped; the batch goes on.
Each output is written atomically, and an existing file is kept unless ``force``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from graph_builder.collector import collector_paused
from graph_builder.errors import GraphBuilderError, OutputError
from graph_builder.files import write_text

from .candidate import render_candidate, source_id_for
from .extract import Extractor
from .findings import CLASSES, ArticleMeta, Extraction
from .text import read_article

ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".md")
"""The files a folder of articles is read for."""


def article_paths(inputs: Iterable[Path]) -> list[Path]:
    """The article files of *inputs*: files as given, folders expanded (sorted, not recursive)."""
    paths: list[Path] = []
    for item in inputs:
        if item.is_dir():
            paths.extend(sorted(p for p in item.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES))
        else:
            paths.append(item)
    return paths


def extract_file(
    extractor: Extractor, path: Path, *, lang: str = "auto", meta: ArticleMeta | None = None
) -> tuple[Extraction, str]:
    """Read and extract *path*; return the findings and the candidate file's text."""
    article = read_article(path)
    # the learned filter and the YAML make many small objects too: a collection among
    # them would walk all the extraction made while the collector was paused
    with collector_paused():
        extraction = extractor.extract(article, lang=lang, meta=meta)
        return extraction, render_candidate(extraction, extractor.lexicon)


def write_candidate(path: Path, text: str, *, force: bool = False) -> Path:
    """Write *text* to *path* atomically; refuse to replace a file unless *force*."""
    if path.exists() and not force:
        raise OutputError(
            f"{path}: already exists; it is replaced only when overwriting is asked for"
        )
    return write_text(path, text)


@dataclass
class FileResult:
    """What happened to one article."""

    path: Path
    output: Path | None = None
    extraction: Extraction | None = None
    error: str | None = None


@dataclass
class BatchSummary:
    """Per-file results and the counts of what was found."""

    results: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.error is not None]

    def counts(self) -> dict[str, tuple[int, int]]:
        """Per class: (found and linked, found but unresolved), over every article."""
        found: Counter[str] = Counter()
        unresolved: Counter[str] = Counter()
        for result in self.results:
            if result.extraction is None:
                continue
            for cls in (*CLASSES, "persons"):
                for finding in result.extraction.of(cls):
                    (found if finding.known else unresolved)[cls] += 1
            for finding in result.extraction.unresolved:
                if finding.cls not in (*CLASSES, "persons"):
                    unresolved[finding.cls] += 1
            found["date"] += result.extraction.signing_date is not None
        classes = [*CLASSES, "persons", "date"]
        return {cls: (found[cls], unresolved[cls]) for cls in classes}

    def text(self) -> str:
        """A table: found / unresolved per class, then the files that failed."""
        ok = len(self.results) - len(self.failed)
        lines = [
            f"articles: {len(self.results)}   candidates written: {ok}   failed: {len(self.failed)}"
        ]
        lines.append(f"{'class':<18} {'found':>6} {'unresolved':>11}")
        for cls, (found, unresolved) in self.counts().items():
            lines.append(f"{cls:<18} {found:>6} {unresolved:>11}")
        lines.extend(f"error: {r.error}" for r in self.failed)
        return "\n".join(lines)


def run_batch(
    extractor: Extractor,
    paths: Iterable[Path],
    out_dir: Path,
    *,
    lang: str = "auto",
    meta: ArticleMeta | None = None,
    force: bool = False,
    on_file: Callable[[Path], None] | None = None,
) -> BatchSummary:
    """Extract every article of *paths* into ``OUT_DIR/<name>.yaml``; errors do not stop it."""
    summary = BatchSummary()
    base = meta or ArticleMeta()
    for path in paths:
        result = FileResult(path)
        summary.results.append(result)
        try:
            file_meta = replace(base, source_id=source_id_for(path.stem))
            result.extraction, text = extract_file(extractor, path, lang=lang, meta=file_meta)
            result.output = write_candidate(out_dir / f"{path.stem}.yaml", text, force=force)
        except GraphBuilderError as exc:
            result.error = str(exc)
        if on_file is not None:
            on_file(path)
    return summary
