"""``query`` and ``queries``: SPARQL over a build, bounded in time and memory."""

from __future__ import annotations

from pathlib import Path

import click

from graph_builder.cli.options import (
    UserError,
    dataset_options,
    handle_errors,
    value_option,
)
from graph_builder.inputs import DatasetInputs


@click.command()
@click.argument("target", required=False)
@click.option("-e", "--expression", help="A SPARQL query given inline.")
@value_option(
    "--param", "NAME=VALUE", "Bind a named query's parameter.", param="params", multiple=True
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "xml"]),
    default="table",
    show_default=True,
    help="Rows as a table, CSV, TSV or SPARQL JSON; CONSTRUCT/DESCRIBE give Turtle, "
    "or JSON-LD with json.",
)
@click.option(
    "--wide",
    is_flag=True,
    help="With --format table: show every cell whole (a table cuts them at 60 characters).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    help="Return at most this many rows (a page); for queries without a LIMIT of their own.",
)
@click.option(
    "--offset",
    type=click.IntRange(min=0),
    help="Skip this many rows first (with --limit: the next page).",
)
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Seconds the query may take; then its process is killed and the command exits 1. "
    "0: no limit (the query still runs in a process that cannot reach the network).",
)
@dataset_options
@handle_errors
def query(
    target: str | None,
    expression: str | None,
    params: tuple[str, ...],
    fmt: str,
    wide: bool,
    limit: int | None,
    offset: int | None,
    timeout: float,
    inputs: DatasetInputs,
) -> None:
    """Run a named query (NAME), a query file (FILE.rq) or an inline query (-e)."""
    from graph_builder.errors import MissingParameter
    from graph_builder.sparql.named import QueryJob, bind_params, get_named_query

    if (target is None) == (expression is None):
        raise UserError("give a query NAME, a FILE.rq, or -e 'SPARQL' (exactly one)")
    if wide:
        if fmt != "table":
            raise UserError(f"--wide goes with --format table (--format {fmt} never cuts)")
        fmt = "wide"
    raw = dict(_split_param(p) for p in params)
    if expression is not None or (target and target.endswith(".rq")):
        if raw:
            raise UserError("--param works with named queries only")
        text = expression if expression is not None else _read_query_file(Path(str(target)))
        bindings, trusted = {}, False
    else:
        named = get_named_query(str(target))
        try:
            text, bindings, trusted = named.text, bind_params(named, raw), True
        except MissingParameter as exc:
            raise UserError(
                f"query {exc.query!r} needs --param {exc.name}=VALUE ({exc.description})"
            ) from None
    job = QueryJob(text, bindings, trusted, limit, offset, fmt)
    click.echo(str(inputs.query(job, timeout=timeout)), nl=False)


def _split_param(value: str) -> tuple[str, str]:
    name, sep, rest = value.partition("=")
    if not sep or not name:
        raise UserError(f"--param {value!r}: write NAME=VALUE")
    return name, rest


def _read_query_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read query file: {exc}") from None


@click.command()
@handle_errors
def queries() -> None:
    """List the named queries with their parameters."""
    from graph_builder.sparql.named import named_queries

    for q in named_queries().values():
        question = f"[CQ{q.question}] " if q.question else ""
        click.echo(f"{q.name}\n    {question}{q.title}")
        for p in q.params:
            need = "required" if p.required else "optional"
            click.echo(f"    --param {p.name}=… ({p.kind}, {need}) {p.description}")
