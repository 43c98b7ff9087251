"""``extract`` and ``diff``: candidate source files from articles, and what they change."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import click

from graph_builder.cli.options import (
    STDOUT,
    UserError,
    choice_option,
    data_option,
    folder_option,
    handle_errors,
    ontology_option,
    table_or_json,
    value_option,
)
from graph_builder.cli.progress import bar as progress_bar
from graph_builder.collector import collector_paused, frozen_at_exit, paused_then_frozen


@click.command()
@click.argument("articles", nargs=-1, type=click.Path(path_type=Path))
@choice_option(
    "--lang",
    ["auto", "id", "en"],
    "The articles' language; auto tells Indonesian from English by common words.",
    default="auto",
)
@click.option("--url", help="Where the article was published (source urls).")
@click.option("--title", help="The article's title.")
@click.option("--publisher", help="Who published it.")
@value_option("--published", "DATE", "Publication date (YYYY-MM-DD), for 'kemarin'.")
@click.option("--id", "source_id", help="Source id for the candidate.  [default: from the name]")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Candidate file (- or none: stdout).",
)
@folder_option("--out-dir", "out_dir", "Folder for one candidate per article (batch mode).")
@click.option("--force", is_flag=True, help="Overwrite existing candidate files.")
@folder_option(
    "--evaluate",
    "gold_dir",
    "Score extraction on a folder of labelled articles (NAME.txt + NAME.json), per group.",
)
@value_option(
    "--first-look",
    "GROUP",
    "With --evaluate: record GROUP's scores as its first look (once, before tuning on it).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="With --evaluate: a proposal of a known concept counts only when its concept is the "
    "label's (the article's words it was found in naming the label's words are not enough).",
)
@table_or_json("The summary or evaluation as a table, or as JSON for scripts.")
@click.option("--model", help="An installed spaCy pipeline to tokenize with (never downloaded).")
@data_option
@ontology_option
@handle_errors
def extract(
    articles: tuple[Path, ...],
    lang: str,
    url: str | None,
    title: str | None,
    publisher: str | None,
    published: str | None,
    source_id: str | None,
    output: Path | None,
    out_dir: Path | None,
    force: bool,
    gold_dir: Path | None,
    first_look: str | None,
    strict: bool,
    fmt: str,
    model: str | None,
    data_dir: Path | None,
    ontology_dir: Path | None,
) -> None:
    """Read articles (text or HTML; - reads standard input) and write candidate source files."""
    frozen_at_exit()  # the command ends the process: no whole-heap collection at its exit
    with collector_paused():  # the modules and the lexicon: many objects, no cycles
        from graph_builder.extract import ArticleMeta, load_extractor
        from graph_builder.extract.batch import (
            article_paths,
            extract_file,
            run_batch,
            write_candidate,
        )
        from graph_builder.extract.text import MAX_ARTICLE_BYTES, STDIN

        extractor = load_extractor(data_dir, ontology_dir=ontology_dir, model=model)
        size = _size(articles[0]) if len(articles) == 1 else 0
        long_page = LONG_PAGE <= size <= MAX_ARTICLE_BYTES
        if long_page:  # what lives as long as the process: no collection walks it again
            gc.freeze()
    if gold_dir is not None:
        if first_look is not None and strict:
            raise UserError("a first look is recorded as every group's was: drop --strict")
        _evaluate(extractor, gold_dir, lang=lang, first_look=first_look, strict=strict, fmt=fmt)
        return
    if first_look is not None or strict:
        flag = "--first-look GROUP" if first_look is not None else "--strict"
        raise UserError(f"{flag} goes with --evaluate GOLD_DIR")
    if not articles:
        raise UserError("give one or more ARTICLE files or folders (or --evaluate GOLD_DIR)")
    if STDIN in map(str, articles) and (len(articles) > 1 or out_dir is not None):
        raise UserError("'-' (standard input) is one article: give it alone, without --out-dir")
    meta = ArticleMeta(url, title, publisher, _published(published), source_id)
    paths = article_paths(articles)
    if len(paths) == 1 and not articles[0].is_dir() and out_dir is None:
        with paused_then_frozen(freeze=long_page):  # one article, then the process ends
            _, text = extract_file(extractor, paths[0], lang=lang, meta=meta)
        if output is None or output == STDOUT:
            click.echo(text, nl=False)
        else:
            if output.exists() and not force:
                raise UserError(f"{output}: already exists; --force overwrites it")
            click.echo(f"wrote {write_candidate(output, text, force=force)}", err=True)
        return
    if out_dir is None:
        raise UserError("several articles: pass --out-dir DIR for the candidate files")
    with progress_bar(len(paths), "extracting") as bar:
        summary = run_batch(
            extractor,
            paths,
            out_dir,
            lang=lang,
            meta=meta,
            force=force,
            on_file=lambda _: bar.update(1),
        )
    click.echo(summary.text(), err=True)
    if summary.failed:
        raise click.exceptions.Exit(1)


@click.command()
@click.argument("old", type=click.Path(file_okay=False, path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@table_or_json("Changes as a table, or as JSON for scripts.")
@value_option(
    "--property",
    "PROP",
    "Only this property (agr:coversSector or coversSector); repeatable.",
    param="properties",
    multiple=True,
)
@ontology_option
@handle_errors
def diff(
    old: Path, new: Path, fmt: str, properties: tuple[str, ...], ontology_dir: Path | None
) -> None:
    """Statements added, removed or changed per source: two data folders, or data + candidate."""
    from graph_builder.diff import diff_data, format_diff

    result = diff_data(old, new, ontology_dir=ontology_dir, properties=properties)
    click.echo(format_diff(result, fmt), nl=False)


LONG_PAGE = 1_000_000
"""The bytes from which an article is a long page (extraction forks from as many
characters, :data:`graph_builder.extract.overlap.FORK_FROM`): the command freezes what it
keeps alive rather than have it collected (see :func:`.paused_then_frozen`)."""


def _size(path: Path) -> int:
    """*path*'s size in bytes; 0 for standard input or a path that is not a file."""
    try:
        return path.stat().st_size if str(path) != "-" and path.is_file() else 0
    except OSError:
        return 0


def _evaluate(
    extractor: Any, gold_dir: Path, *, lang: str, first_look: str | None, strict: bool, fmt: str
) -> None:
    import json

    from graph_builder.extract.holdout import evaluation_report, record_first_look

    report = evaluation_report(extractor, gold_dir, lang=lang, strict=strict)
    if first_look is not None:
        look = record_first_look(gold_dir, report.in_sample, first_look, commit=_commit())
        report.first_looks[look.group] = look
        click.echo(f"recorded the first look of {first_look} (extractor {look.commit})", err=True)
    click.echo(json.dumps(report.as_json(), indent=2) if fmt == "json" else report.text())


def _commit() -> str:
    """The git commit of the extractor that runs, "+changes" if its files differ from it."""
    import subprocess

    package = Path(__file__).resolve().parent.parent / "extract"
    try:
        head = subprocess.run(
            ["git", "-C", str(package), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "-C", str(package), "status", "--porcelain", "--", "."],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown (not a git checkout)"
    return f"{head}+changes" if changed else head


def _published(value: str | None) -> Any:
    if value is None:
        return None
    import datetime as dt

    try:
        return (
            dt.date.fromisoformat(value) if len(value) == 10 else dt.datetime.fromisoformat(value)
        )
    except ValueError:
        raise UserError(f"--published {value!r}: write YYYY-MM-DD or an ISO date-time") from None
