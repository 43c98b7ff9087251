"""The ``graph-builder`` command line: a thin layer over the library.

Data goes to stdout, messages to stderr. Exit codes: 0 ok, 1 SHACL violations, 2 bad input
(a data file, an ontology, a query or a parameter) or usage.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import GraphBuilderError, ValidationFailed

F = TypeVar("F", bound=Callable[..., Any])

data_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Data folder (entities/, sources/). Default: the bundled data/.",
)
ontology_option = click.option(
    "--ontology",
    "ontology_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Ontology folder. Default: the bundled ontology/.",
)


class UserError(click.ClickException):
    """A problem the user can fix: message on stderr, exit code 2."""

    exit_code = 2


def _handle_errors(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ValidationFailed as exc:
            click.echo(exc.report, err=True)
            raise click.exceptions.Exit(1) from None
        except GraphBuilderError as exc:
            raise UserError(str(exc)) from None

    return wrapper  # type: ignore[return-value]


def _progress(message: str) -> None:
    if sys.stderr.isatty():
        click.echo(message, err=True)


def _dataset(data_dir: Path | None, ontology_dir: Path | None) -> Any:
    from .build import load_dataset

    _progress("loading and building the dataset…")
    return load_dataset(data_dir, ontology_dir=ontology_dir)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graph-builder")
@click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
def main(verbose: bool) -> None:
    """Build, check, query and export a knowledge graph of cooperation agreements."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")


@main.command()
@data_option
@ontology_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Output folder.",
)
@click.option("--no-viewer", is_flag=True, help="Do not write viewer.html.")
@_handle_errors
def build(data_dir: Path | None, ontology_dir: Path | None, out_dir: Path, no_viewer: bool) -> None:
    """Load, validate and build; write graph.ttl, graph.trig, graph.jsonld and viewer.html."""
    from .pipeline import run_build

    _progress("building…")
    summary = run_build(data_dir, out_dir, ontology_dir=ontology_dir, viewer=not no_viewer)
    click.echo(summary.text())


@main.command()
@data_option
@ontology_option
@_handle_errors
def validate(data_dir: Path | None, ontology_dir: Path | None) -> None:
    """Check the dataset against the SHACL shapes; exit 1 on violations."""
    from .validate import validate_dataset

    dataset = _dataset(data_dir, ontology_dir)
    report = validate_dataset(dataset, ontology_dir=ontology_dir)
    click.echo(report.text())
    if not report.conforms:
        raise click.exceptions.Exit(1)


@main.command()
@click.argument("target", required=False)
@click.option("-e", "--expression", help="A SPARQL query given inline.")
@click.option(
    "--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a named query's parameter."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="Rows as a table, CSV, TSV or SPARQL JSON; CONSTRUCT/DESCRIBE give Turtle, "
    "or JSON-LD with json.",
)
@data_option
@ontology_option
@_handle_errors
def query(
    target: str | None,
    expression: str | None,
    params: tuple[str, ...],
    fmt: str,
    data_dir: Path | None,
    ontology_dir: Path | None,
) -> None:
    """Run a named query (NAME), a query file (FILE.rq) or an inline query (-e)."""
    from .query import bind_params, format_result, get_named_query, run_query

    if (target is None) == (expression is None):
        raise UserError("give a query NAME, a FILE.rq, or -e 'SPARQL' (exactly one)")
    raw = dict(_split_param(p) for p in params)
    if expression is not None or (target and target.endswith(".rq")):
        if raw:
            raise UserError("--param works with named queries only")
        text = expression if expression is not None else _read_query_file(Path(str(target)))
        bindings = {}
    else:
        named = get_named_query(str(target))
        text, bindings = named.text, bind_params(named, raw)
    result = run_query(_dataset(data_dir, ontology_dir), text, bindings=bindings)
    click.echo(format_result(result, fmt), nl=False)


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
@_handle_errors
def queries() -> None:
    """List the named queries with their parameters."""
    from .query import named_queries

    for q in named_queries().values():
        question = f"[CQ{q.question}] " if q.question else ""
        click.echo(f"{q.name}\n    {question}{q.title}")
        for p in q.params:
            need = "required" if p.required else "optional"
            click.echo(f"    --param {p.name}=… ({p.kind}, {need}) {p.description}")


@main.command()
@click.option(
    "--format", "fmt", required=True, help="ttl, trig, nq, nt, jsonld, xml, graphml, gexf or csv."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write (csv: OUTPUT's stem gives the nodes and edges file names).",
)
@data_option
@ontology_option
@_handle_errors
def export(fmt: str, output: Path, data_dir: Path | None, ontology_dir: Path | None) -> None:
    """Write the dataset in one format (csv writes OUTPUT's nodes and edges files)."""
    from .export import RDF_FORMATS, export_dataset

    if fmt in RDF_FORMATS:
        path = export_dataset(_dataset(data_dir, ontology_dir), fmt, output)
        click.echo(f"wrote {path}", err=True)
        return
    from . import network, network_io

    writers = {
        "graphml": network_io.write_graphml,
        "gexf": network_io.write_gexf,
        "csv": network_io.write_csv,
    }
    if fmt not in writers:
        allowed = ", ".join([*RDF_FORMATS, *writers])
        raise UserError(f"unknown format {fmt!r}; use one of {allowed}")
    graph = network.entity_network(_dataset(data_dir, ontology_dir))
    written = writers[fmt](graph, output)
    for written_path in written if isinstance(written, list) else [written]:
        click.echo(f"wrote {written_path}", err=True)


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the page here instead of to stdout.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "id"]),
    default="en",
    show_default=True,
    help="Label language the page opens with (English or Indonesian).",
)
@click.option("--focus", metavar="IRI", help="Open focused on this vertex (IRI or prefix:name).")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="With --focus: show vertices up to this many edges away.",
)
@data_option
@ontology_option
@_handle_errors
def view(
    output: Path | None,
    lang: str,
    focus: str | None,
    depth: int,
    data_dir: Path | None,
    ontology_dir: Path | None,
) -> None:
    """Write the interactive HTML viewer: one self-contained file that works offline."""
    from .export import write_text
    from .viewer import render_viewer

    page = render_viewer(_dataset(data_dir, ontology_dir), lang=lang, focus=focus, depth=depth)
    if output is None:
        click.echo(page, nl=False)
    else:
        click.echo(f"wrote {write_text(output, page)}", err=True)


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A readable table, or JSON for scripts.",
)
@click.option(
    "--top", type=click.IntRange(min=1), default=15, show_default=True, help="Rows per ranking."
)
@data_option
@ontology_option
@_handle_errors
def stats(fmt: str, top: int, data_dir: Path | None, ontology_dir: Path | None) -> None:
    """Centrality, communities and connected components of the entity network."""
    import json

    from .analysis import format_stats_table, network_stats

    result = network_stats(_dataset(data_dir, ontology_dir), top=top if fmt == "table" else None)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(format_stats_table(result, top=top), nl=False)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="TCP port to listen on.",
)
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a query may take; then its worker process is killed (504).",
)
@click.option(
    "--max-rows",
    default=10_000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Rows (or triples) returned at most; more are cut off (X-Result-Truncated).",
)
@click.option(
    "--workers",
    default=0,
    type=click.IntRange(min=0),
    help="Query worker processes.  [default: one per CPU]",
)
@click.option(
    "--max-concurrent",
    default=16,
    show_default=True,
    type=click.IntRange(min=1),
    help="Requests admitted at once; more get 503 with Retry-After.",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    metavar="URL",
    help="Allow this origin by CORS (repeatable).  [default: CORS off]",
)
@click.option(
    "--cache-mb",
    default=64,
    show_default=True,
    type=click.IntRange(min=0),
    help="Memory for cached replies to repeated identical requests; 0 turns the cache off.",
)
@click.option(
    "--read-timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a client has to send a whole request (head and body); then 408 and close.",
)
@click.option(
    "--max-connections",
    default=1000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Open connections in total, idle ones included; more get 503 and are closed.",
)
@click.option(
    "--max-connections-per-client",
    default=50,
    show_default=True,
    type=click.IntRange(min=1),
    help="Open connections from one client address; more get 503 and are closed.",
)
@click.option(
    "--keep-alive",
    default=5.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Seconds an idle keep-alive connection stays open between requests.",
)
@click.option(
    "--max-requests-per-connection",
    default=1000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Requests served on one keep-alive connection before it is closed.",
)
@data_option
@ontology_option
@_handle_errors
def serve(
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    workers: int,
    max_concurrent: int,
    cors_origins: tuple[str, ...],
    cache_mb: int,
    read_timeout: float,
    max_connections: int,
    max_connections_per_client: int,
    keep_alive: float,
    max_requests_per_connection: int,
    data_dir: Path | None,
    ontology_dir: Path | None,
) -> None:
    """Serve the dataset read-only over the SPARQL 1.1 Protocol, with a query page and viewer."""
    from .build import load_dataset
    from .server import ServerConfig
    from .server import serve as serve_endpoint

    config = ServerConfig(
        timeout=timeout,
        max_rows=max_rows,
        workers=workers,
        max_concurrent=max_concurrent,
        cors_origins=cors_origins,
        cache_mb=cache_mb,
        read_timeout=read_timeout,
        max_connections=max_connections,
        max_connections_per_client=max_connections_per_client,
        keep_alive_timeout=keep_alive,
        max_requests_per_connection=max_requests_per_connection,
    )
    factory = functools.partial(load_dataset, data_dir, ontology_dir=ontology_dir)
    serve_endpoint(factory, host=host, port=port, config=config)


if __name__ == "__main__":  # pragma: no cover
    main()
