"""The ``graph-builder`` command line: a thin layer over the library.

Data goes to stdout, messages to stderr. Exit codes: 0 ok, 1 SHACL violations, a failed push
or a query stopped at its time or memory limit, 2 bad input (a data file, an ontology, a
query or a parameter) or usage.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from graph_builder import __version__
from graph_builder.errors import (
    GraphBuilderError,
    PushFailed,
    QueryStopped,
    QueryTimeout,
    ValidationFailed,
)

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
        except PushFailed as exc:
            click.echo(f"Error: {exc}", err=True)
            raise click.exceptions.Exit(1) from None
        except QueryStopped as exc:
            hint = " (--timeout 0 lifts the limit)" if isinstance(exc, QueryTimeout) else ""
            click.echo(f"Error: {exc}{hint}", err=True)
            raise click.exceptions.Exit(1) from None
        except GraphBuilderError as exc:
            raise UserError(str(exc)) from None

    return wrapper  # type: ignore[return-value]


def _progress(message: str) -> None:
    if sys.stderr.isatty():
        click.echo(message, err=True)


build_option = click.option(
    "--build",
    "build_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder of a previous 'graph-builder build'; its store is opened when it is "
    "up to date with the data, otherwise the data are built in memory.",
)
rebuild_option = click.option(
    "--rebuild", is_flag=True, help="Build from the data even when an up-to-date store exists."
)


@dataclass(frozen=True)
class Inputs:
    """Where a command's dataset comes from: a persisted build, or the data folder."""

    data_dir: Path | None
    ontology_dir: Path | None
    build_dir: Path
    rebuild: bool

    def open(self) -> Any:
        """The up-to-date persisted store of ``build_dir``, else the data built in memory."""
        from graph_builder.manifest import open_build

        if not self.rebuild:
            store = open_build(
                self.build_dir, data_dir=self.data_dir, ontology_dir=self.ontology_dir
            )
            if store is not None:
                return store
            if (self.build_dir / "store").exists():
                click.echo(
                    f"note: {self.build_dir}/store is older than the data; building from "
                    "the data (run 'graph-builder build' to refresh it)",
                    err=True,
                )
        from graph_builder.rdf.mapping import load_dataset  # rdflib, YAML: only when building

        _progress("loading and building the dataset…")
        return load_dataset(self.data_dir, ontology_dir=self.ontology_dir)

    def persisted(self) -> tuple[Path, Callable[[], None]]:
        """A store folder for many readers, and what to call when done with it.

        The build's own store when it is up to date; otherwise the data are built into a
        temporary folder that the returned callable removes.
        """
        path = self.current_store()
        if path is None:
            return self.temporary_store()
        from graph_builder.rdf.store import GraphStore

        GraphStore.open(path)  # a broken store fails here, not in each reader
        return path, lambda: None

    def current_store(self) -> Path | None:
        """The build's store folder when the build is up to date (not opened), else None."""
        if self.rebuild:
            return None
        from graph_builder.manifest import current_store

        return current_store(self.build_dir, data_dir=self.data_dir, ontology_dir=self.ontology_dir)

    def temporary_store(self) -> tuple[Path, Callable[[], None]]:
        """The data built into a temporary store folder, and what removes it."""
        import shutil
        import tempfile

        from graph_builder.rdf.mapping import load_dataset
        from graph_builder.rdf.store import GraphStore

        folder = Path(tempfile.mkdtemp(prefix="graph-builder-"))
        _progress("loading and building the dataset…")
        store = load_dataset(
            self.data_dir, ontology_dir=self.ontology_dir, store=GraphStore.create(folder / "store")
        )
        store.flush()
        del store
        return folder / "store", lambda: shutil.rmtree(folder, ignore_errors=True)


def dataset_options(func: F) -> F:
    """--data, --ontology, --build and --rebuild, passed to the command as ``inputs``."""

    @functools.wraps(func)
    def wrapper(
        *args: Any,
        data_dir: Path | None,
        ontology_dir: Path | None,
        build_dir: Path,
        rebuild: bool,
        **kwargs: Any,
    ) -> Any:
        return func(*args, inputs=Inputs(data_dir, ontology_dir, build_dir, rebuild), **kwargs)

    for option in (rebuild_option, build_option, ontology_option, data_option):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


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
@click.option(
    "--infer",
    type=click.Choice(["none", "rdfs", "owl-rl"]),
    default="rdfs",
    show_default=True,
    help="Entailments to add in graph:inferred (owl-rl runs owlrl: small datasets only).",
)
@click.option(
    "--export",
    "exports",
    default="ttl,trig,jsonld",
    show_default=True,
    metavar="FORMATS",
    help="RDF files to write, comma-separated from ttl, trig, jsonld; 'none' for the store only.",
)
@click.option(
    "--full",
    is_flag=True,
    help="Load every source again even when only some changed since the last build.",
)
@_handle_errors
def build(
    data_dir: Path | None,
    ontology_dir: Path | None,
    out_dir: Path,
    no_viewer: bool,
    infer: str,
    exports: str,
    full: bool,
) -> None:
    """Load, validate and build; write graph.ttl, graph.trig, graph.jsonld and viewer.html."""
    from graph_builder.build import run_build

    _progress("building…")
    chosen = [] if exports.strip() == "none" else [f.strip() for f in exports.split(",")]
    unknown = sorted(set(chosen) - {"ttl", "trig", "jsonld"})
    if unknown:
        raise UserError(
            f"--export {exports!r}: unknown format {unknown[0]!r}; use ttl, trig, jsonld"
        )
    summary = run_build(
        data_dir,
        out_dir,
        ontology_dir=ontology_dir,
        viewer=not no_viewer,
        infer=infer,
        exports=chosen,
        incremental=not full,
    )
    click.echo(summary.text())


@main.command()
@dataset_options
@_handle_errors
def validate(inputs: Inputs) -> None:
    """Check the dataset against the SHACL shapes; exit 1 on violations."""
    from graph_builder.rdf.validate import validate_dataset

    report = validate_dataset(inputs.open(), ontology_dir=inputs.ontology_dir)
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
    type=click.Choice(["table", "csv", "tsv", "json", "xml"]),
    default="table",
    show_default=True,
    help="Rows as a table, CSV, TSV or SPARQL JSON; CONSTRUCT/DESCRIBE give Turtle, "
    "or JSON-LD with json.",
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
    "0: no limit (the query runs in this process).",
)
@dataset_options
@_handle_errors
def query(
    target: str | None,
    expression: str | None,
    params: tuple[str, ...],
    fmt: str,
    limit: int | None,
    offset: int | None,
    timeout: float,
    inputs: Inputs,
) -> None:
    """Run a named query (NAME), a query file (FILE.rq) or an inline query (-e)."""
    from graph_builder.sparql.named import bind_terms, get_named_query, run_query_formatted

    if (target is None) == (expression is None):
        raise UserError("give a query NAME, a FILE.rq, or -e 'SPARQL' (exactly one)")
    raw = dict(_split_param(p) for p in params)
    if expression is not None or (target and target.endswith(".rq")):
        if raw:
            raise UserError("--param works with named queries only")
        text = expression if expression is not None else _read_query_file(Path(str(target)))
        bindings, trusted = {}, False
    else:
        named = get_named_query(str(target))
        text, bindings, trusted = named.text, bind_terms(named, raw), True
    if timeout == 0:
        output = run_query_formatted(
            inputs.open(), text, fmt, bindings=bindings, trusted=trusted, limit=limit, offset=offset
        )
        click.echo(output, nl=False)
        return
    query = {"bindings": bindings, "trusted": trusted, "limit": limit, "offset": offset}
    click.echo(_query_bounded(inputs, text, fmt, timeout, query), nl=False)


def _query_bounded(
    inputs: Inputs, text: str, fmt: str, timeout: float, query: dict[str, Any]
) -> str:
    """The query's answer as *fmt*, from a child process killed after *timeout* s.

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
            send_query(process, built, text, fmt=fmt, listings=listings, **query)
            if inputs.current_store() == built:
                return query_answer(process, fmt=fmt, timeout=timeout)
            process.close()
            process = BoundedProcess()  # forked still: no store was opened here
        path, cleanup = inputs.temporary_store()
        try:
            send_query(process, path, text, fmt=fmt, **query)
            return query_answer(process, fmt=fmt, timeout=timeout)
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
@_handle_errors
def queries() -> None:
    """List the named queries with their parameters."""
    from graph_builder.sparql.named import named_queries

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
@dataset_options
@_handle_errors
def export(fmt: str, output: Path, inputs: Inputs) -> None:
    """Write the dataset in one format (csv writes OUTPUT's nodes and edges files)."""
    from graph_builder.rdf.export import RDF_FORMATS, export_dataset

    if fmt in RDF_FORMATS:
        path = export_dataset(inputs.open(), fmt, output)
        click.echo(f"wrote {path}", err=True)
        return
    from graph_builder.network import project as network
    from graph_builder.network import writers as network_io

    writers = {
        "graphml": network_io.write_graphml,
        "gexf": network_io.write_gexf,
        "csv": network_io.write_csv,
    }
    if fmt not in writers:
        allowed = ", ".join([*RDF_FORMATS, *writers])
        raise UserError(f"unknown format {fmt!r}; use one of {allowed}")
    graph = network.entity_network(inputs.open())
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
@dataset_options
@_handle_errors
def view(
    output: Path | None,
    lang: str,
    focus: str | None,
    depth: int,
    inputs: Inputs,
) -> None:
    """Write the interactive HTML viewer: one self-contained file that works offline."""
    from graph_builder.files import write_text
    from graph_builder.viewer.render import render_viewer

    page = render_viewer(inputs.open(), lang=lang, focus=focus, depth=depth)
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
@dataset_options
@_handle_errors
def stats(fmt: str, top: int, inputs: Inputs) -> None:
    """Centrality, communities and connected components of the entity network."""
    import json

    from graph_builder.network.analysis import format_stats_table, network_stats

    result = network_stats(inputs.open(), top=top if fmt == "table" else None)
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
    "--public-url",
    metavar="URL",
    help="The endpoint's public URL, for the service description.  [default: the address served]",
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
@dataset_options
@_handle_errors
def serve(
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    workers: int,
    max_concurrent: int,
    cors_origins: tuple[str, ...],
    public_url: str | None,
    cache_mb: int,
    read_timeout: float,
    max_connections: int,
    max_connections_per_client: int,
    keep_alive: float,
    max_requests_per_connection: int,
    inputs: Inputs,
) -> None:
    """Serve the dataset read-only over the SPARQL 1.1 Protocol, with a query page and viewer."""
    from graph_builder.rdf.store import open_store
    from graph_builder.server.app import ServerConfig
    from graph_builder.server.app import serve as serve_endpoint

    config = ServerConfig(
        timeout=timeout,
        max_rows=max_rows,
        workers=workers,
        max_concurrent=max_concurrent,
        cors_origins=cors_origins,
        public_url=public_url,
        cache_mb=cache_mb,
        read_timeout=read_timeout,
        max_connections=max_connections,
        max_connections_per_client=max_connections_per_client,
        keep_alive_timeout=keep_alive,
        max_requests_per_connection=max_requests_per_connection,
    )
    path, cleanup = inputs.persisted()
    try:
        serve_endpoint(functools.partial(open_store, path), host=host, port=port, config=config)
    finally:
        cleanup()


@main.command()
@click.argument("url")
@click.option(
    "--graph",
    "graphs",
    multiple=True,
    metavar="IRI",
    help="Push only this graph "
    "(full IRI, graph:source/S1 or source/S1; repeatable).  [default: all]",
)
@click.option(
    "--protocol",
    type=click.Choice(["gsp", "update"]),
    default="gsp",
    show_default=True,
    help="Graph Store Protocol PUT, or SPARQL Update for stores without it.",
)
@click.option(
    "--query-endpoint",
    metavar="URL",
    help="The store's SPARQL endpoint, for the check.  [default: GSP GET]",
)
@click.option(
    "--user", help="User name; the password comes from GRAPH_BUILDER_PASSWORD or a prompt."
)
@click.option("--digest", is_flag=True, help="Digest instead of basic authentication.")
@click.option("--insecure", is_flag=True, help="Do not verify TLS certificates.")
@click.option(
    "--ca-bundle",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Verify TLS against these CA certificates.",
)
@click.option("--dry-run", is_flag=True, help="List what would be pushed; send nothing.")
@dataset_options
@_handle_errors
def push(
    url: str,
    graphs: tuple[str, ...],
    protocol: str,
    query_endpoint: str | None,
    user: str | None,
    digest: bool,
    insecure: bool,
    ca_bundle: Path | None,
    dry_run: bool,
    inputs: Inputs,
) -> None:
    """Publish the build to the store at URL: one named graph per PUT, then check the counts."""
    import os

    from graph_builder.publish import PushTarget, built_graphs, push_graphs, select_graphs

    if protocol == "update" and not query_endpoint and not dry_run:
        raise UserError("--protocol update needs --query-endpoint URL to check what was stored")
    password = None
    if user is not None and not dry_run:
        password = os.environ.get("GRAPH_BUILDER_PASSWORD") or click.prompt(
            f"password for {user}", hide_input=True, err=True
        )
    target = PushTarget(
        url,
        protocol="update" if protocol == "update" else "gsp",
        query_endpoint=query_endpoint,
        user=user,
        password=password,
        digest=digest,
        verify=not insecure,
        ca_bundle=ca_bundle,
    )
    chosen = select_graphs(built_graphs(inputs.open()), graphs)
    report = push_graphs(chosen, target, dry_run=dry_run, progress=_push_progress)
    click.echo(report.text())


def _push_progress(done: int, total: int, iri: str) -> None:
    if sys.stderr.isatty():
        bar = "#" * (20 * done // max(total, 1))
        end = "\n" if done == total else ""
        click.echo(f"\r[{bar:<20}] {done}/{total} {iri}".ljust(100), err=True, nl=False)
        click.echo(end, err=True, nl=False)


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


@main.command()
@click.argument("articles", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--lang",
    type=click.Choice(["auto", "id", "en"]),
    default="auto",
    show_default=True,
    help="The articles' language; auto tells Indonesian from English by common words.",
)
@click.option("--url", help="Where the article was published (source urls).")
@click.option("--title", help="The article's title.")
@click.option("--publisher", help="Who published it.")
@click.option("--published", metavar="DATE", help="Publication date (YYYY-MM-DD), for 'kemarin'.")
@click.option("--id", "source_id", help="Source id for the candidate.  [default: from the name]")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Candidate file."
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for one candidate per article (batch mode).",
)
@click.option("--force", is_flag=True, help="Overwrite existing candidate files.")
@click.option(
    "--evaluate",
    "gold_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Score extraction on a folder of labelled articles (NAME.txt + NAME.json).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="The summary or evaluation as a table, or as JSON for scripts.",
)
@click.option("--model", help="An installed spaCy pipeline to tokenize with (never downloaded).")
@data_option
@ontology_option
@_handle_errors
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
    fmt: str,
    model: str | None,
    data_dir: Path | None,
    ontology_dir: Path | None,
) -> None:
    """Read articles (text or HTML) and write candidate source files for review."""
    import json

    from graph_builder.extract import ArticleMeta, load_extractor
    from graph_builder.extract.batch import article_paths, extract_file, run_batch, write_candidate

    extractor = load_extractor(data_dir, ontology_dir=ontology_dir, model=model)
    if gold_dir is not None:
        from .extract.evaluate import evaluate_gold

        evaluation = evaluate_gold(extractor, gold_dir, lang=lang)
        text = json.dumps(evaluation.rows(), indent=2) if fmt == "json" else evaluation.text()
        click.echo(text)
        return
    if not articles:
        raise UserError("give one or more ARTICLE files or folders (or --evaluate GOLD_DIR)")
    meta = ArticleMeta(url, title, publisher, _published(published), source_id)
    paths = article_paths(articles)
    if len(paths) == 1 and not articles[0].is_dir() and out_dir is None:
        _, text = extract_file(extractor, paths[0], lang=lang, meta=meta)
        if output is None:
            click.echo(text, nl=False)
        else:
            click.echo(f"wrote {write_candidate(output, text, force=force)}", err=True)
        return
    if out_dir is None:
        raise UserError("several articles: pass --out-dir DIR for the candidate files")
    with click.progressbar(
        length=len(paths), label="extracting", file=sys.stderr, hidden=not sys.stderr.isatty()
    ) as bar:
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


@main.command()
@click.argument("old", type=click.Path(file_okay=False, path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Changes as a table, or as JSON for scripts.",
)
@click.option(
    "--property",
    "properties",
    multiple=True,
    metavar="PROP",
    help="Only this property (agr:coversSector or coversSector); repeatable.",
)
@ontology_option
@_handle_errors
def diff(
    old: Path, new: Path, fmt: str, properties: tuple[str, ...], ontology_dir: Path | None
) -> None:
    """Statements added, removed or changed per source: two data folders, or data + candidate."""
    from graph_builder.diff import diff_data, format_diff

    result = diff_data(old, new, ontology_dir=ontology_dir, properties=properties)
    click.echo(format_diff(result, fmt), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
