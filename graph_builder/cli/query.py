"""``query`` and ``queries``: SPARQL over a build, bounded in time and memory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from graph_builder.cli.base import (
    Inputs,
    UserError,
    dataset_options,
    handle_errors,
    main,
)


@main.command()
@click.argument("target", required=False)
@click.option("-e", "--expression", help="A SPARQL query given inline.")
@click.option(
    "--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a named query's parameter."
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
    inputs: Inputs,
) -> None:
    """Run a named query (NAME), a query file (FILE.rq) or an inline query (-e)."""
    from graph_builder.errors import MissingParameter
    from graph_builder.sparql.named import bind_params, get_named_query

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
    query = {"bindings": bindings, "trusted": trusted, "limit": limit, "offset": offset}
    click.echo(_query_bounded(inputs, text, fmt, timeout, query), nl=False)


def _query_bounded(
    inputs: Inputs, text: str, fmt: str, timeout: float, query: dict[str, Any]
) -> str:
    """The query's answer as *fmt*, from a child process killed after *timeout* s (0: never).

    The child is forked before this process opens any store, which is cheap. When there is
    a build, the child queries its store at once, while this process checks that the build
    is current (the deadline counts from then); if it is not, that answer is dropped with
    the child, and a new child queries the data built into a temporary store.
    """
    from graph_builder.manifest import STORE_DIR
    from graph_builder.rdf.store import holds_store
    from graph_builder.sparql.bounded import BoundedProcess, query_answer, send_query
    from graph_builder.sparql.paging import LISTINGS_DIR

    built = None if inputs.rebuild else inputs.build_dir / STORE_DIR
    if built is not None and not holds_store(built):
        built = None
    process = BoundedProcess()
    try:
        if built is not None:
            listings = inputs.build_dir / LISTINGS_DIR
            send_query(process, built, text, format=fmt, listings=listings, **query)
            if inputs.current_store() == built:
                return str(query_answer(process, timeout=timeout))
            process.close()
            process = BoundedProcess()  # forked still: no store was opened here
        path, cleanup = inputs.temporary_store()
        try:
            send_query(process, path, text, format=fmt, **query)
            return str(query_answer(process, timeout=timeout))
        finally:
            cleanup()
    finally:
        process.close()


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


@main.command()
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
