"""``serve`` and ``push``: the SPARQL endpoint, and publishing to a triple store."""

from __future__ import annotations

import dataclasses
import functools
import sys
import typing
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from graph_builder.cli.options import (
    F,
    UserError,
    choice_option,
    dataset_options,
    handle_errors,
    seconds_option,
    stopped_by_signals,
    value_option,
)
from graph_builder.cli.progress import bar
from graph_builder.inputs import DatasetInputs
from graph_builder.server.config import ServerConfig, Setting

if TYPE_CHECKING:
    pass


_FLAGS = {
    "cors_origins": ("--cors-origin", "cors_origins"),
    "keep_alive_timeout": ("--keep-alive", "keep_alive"),
}
"""Options whose flag (and ``[serve]`` key) is not the field's name: one origin per flag,
and the flag short."""
_METAVARS = {"cors_origins": "URL", "public_url": "URL", "forwarded_allow_ips": "IPS"}
_COMMA_SEPARATED = {"forwarded_allow_ips"}
"""Tuple fields given as one comma-separated value; other tuples repeat their flag."""


def _flag(name: str) -> tuple[str, str]:
    """The option's flag and parameter name for the ServerConfig field *name*."""
    return _FLAGS.get(name, ("--" + name.replace("_", "-"), name))


def _config_option(name: str, setting: Setting, default: Any, kind: type) -> Callable[[F], F]:
    """The ``serve`` option for one ServerConfig field: its help, default and bounds."""
    options: dict[str, Any] = {"help": setting.help, "metavar": _METAVARS.get(name)}
    if name in _COMMA_SEPARATED:
        options["default"] = ""
    elif kind is tuple:
        options["multiple"] = True
    else:
        options["default"] = default
        options["show_default"] = default is not None and "[default:" not in setting.help
    if setting.minimum is not None:
        low = setting.minimum
        options["type"] = click.IntRange(min=int(low)) if kind is int else click.FloatRange(min=low)
    return click.option(*_flag(name), **options)


def _kind(hint: Any) -> type:
    """int, float, str or tuple: what a field's type annotation holds besides None."""
    return next(
        t
        for t in (typing.get_origin(hint) or hint, *typing.get_args(hint))
        if t in (int, float, str, tuple)
    )


def config_options(func: F) -> F:
    """The options made from :class:`ServerConfig`'s settings, passed as ``config``."""
    hints = typing.get_type_hints(ServerConfig)
    defaults = {f.name: f.default for f in dataclasses.fields(ServerConfig)}
    chosen = {name: s for name, s in ServerConfig.settings().items() if s.option}

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(_flag(name)[1]) for name in chosen}
        for name in _COMMA_SEPARATED:
            values[name] = tuple(v.strip() for v in values[name].split(",") if v.strip())
        return func(*args, config=ServerConfig(**values), **kwargs)

    for name, setting in reversed(chosen.items()):
        wrapper = _config_option(name, setting, defaults[name], _kind(hints[name]))(wrapper)
    return wrapper  # type: ignore[return-value]


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="TCP port to listen on.",
)
@handle_errors  # outermost: a bad setting (ServerConfig's own check) is bad input too
@config_options
@dataset_options
def serve(host: str, port: int, config: ServerConfig, inputs: DatasetInputs) -> None:
    """Serve the dataset read-only over the SPARQL 1.1 Protocol, with a query page and viewer.

    Exits 2 when the port is in use (choose another with --port).
    """
    from graph_builder.errors import PortInUse
    from graph_builder.server.app import serve as serve_endpoint
    from graph_builder.server.ports import check_port_free
    from graph_builder.server.snapshot import served_build

    # SIGTERM unwinds like SIGINT (uvicorn re-raises it once shut down), so the private
    # copy or temporary store is removed either way.
    with stopped_by_signals():
        try:
            # checked here too, before the build is copied or made (the library checks it)
            check_port_free(host, port)
            served, cleanup = served_build(inputs)
            try:
                config = dataclasses.replace(config, build_id=served.build_id)
                serve_endpoint(served.factory(), host=host, port=port, config=config)
            finally:
                cleanup()
        except PortInUse as exc:
            raise UserError(f"{exc}; choose another with --port") from None


@click.command()
@click.argument("url")
@value_option(
    "--graph",
    "IRI",
    "Push only this graph (full IRI, graph:source/S1 or source/S1; repeatable).  [default: all]",
    param="graphs",
    multiple=True,
)
@choice_option(
    "--protocol",
    ["gsp", "update"],
    "Graph Store Protocol PUT, or SPARQL Update for stores without it.",
    default="gsp",
)
@value_option(
    "--query-endpoint", "URL", "The store's SPARQL endpoint, for the check.  [default: GSP GET]"
)
@click.option(
    "--user",
    help="User name; the password comes from GRAPH_BUILDER_PASSWORD, or a prompt on a terminal.",
)
@click.option("--digest", is_flag=True, help="Digest instead of basic authentication.")
@click.option("--insecure", is_flag=True, help="Do not verify TLS certificates.")
@click.option(
    "--ca-bundle",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Verify TLS against these CA certificates.",
)
@seconds_option(
    "--timeout",
    "Seconds to connect, and to wait for each read or write; a silent store is retried.",
    default=30.0,
)
@seconds_option(
    "--graph-timeout",
    "Seconds one graph may take in all (sending, retries, count check), "
    "however slowly the store answers.",
    default=600.0,
)
@seconds_option(
    "--total-timeout", "Seconds the whole push may take.  [default: no limit but each graph's]"
)
@click.option("--dry-run", is_flag=True, help="List what would be pushed; send nothing.")
@click.option(
    "--bulk",
    "shard_dir",
    metavar="FOLDER",
    type=click.Path(file_okay=False, path_type=Path),
    help="Load the N-Quads shards in FOLDER (export --format nq --shard-size) with Virtuoso's "
    "bulk loader over isql; URL is then Virtuoso's SQL port (localhost:1111), --user is "
    "needed and FOLDER must be in DirsAllowed of virtuoso.ini.",
)
@click.option(
    "--isql",
    default="isql-vt",
    show_default=True,
    metavar="PROGRAM",
    help="With --bulk: Virtuoso's isql program.",
)
@dataset_options
@handle_errors
def push(
    url: str,
    graphs: tuple[str, ...],
    protocol: str,
    query_endpoint: str | None,
    user: str | None,
    digest: bool,
    insecure: bool,
    ca_bundle: Path | None,
    timeout: float,
    graph_timeout: float,
    total_timeout: float | None,
    dry_run: bool,
    shard_dir: Path | None,
    isql: str,
    inputs: DatasetInputs,
) -> None:
    """Publish the build to the store at URL: one named graph per PUT, each count checked
    (or, with --bulk, N-Quads shards through Virtuoso's bulk loader)."""
    from graph_builder.publish import PushTarget, built_graphs, push_graphs, select_graphs

    if shard_dir is not None:
        if graphs or protocol != "gsp" or query_endpoint:
            raise UserError(
                "--bulk loads every graph of the shards and checks over isql: "
                "leave out --graph, --protocol and --query-endpoint"
            )
        _push_bulk(shard_dir, url, user, isql, total_timeout, dry_run)
        return
    if protocol == "update" and not query_endpoint and not dry_run:
        raise UserError("--protocol update needs --query-endpoint URL to check what was stored")
    password = None if user is None or dry_run else _password(user)
    target = PushTarget(
        url,
        protocol="update" if protocol == "update" else "gsp",
        query_endpoint=query_endpoint,
        user=user,
        password=password,
        digest=digest,
        verify=not insecure,
        ca_bundle=ca_bundle,
        timeout=timeout,
        graph_timeout=graph_timeout,
        total_timeout=total_timeout,
    )
    chosen = select_graphs(built_graphs(inputs.open()), graphs)
    with bar(len(chosen), "pushing") as shown:
        report = push_graphs(
            chosen,
            target,
            dry_run=dry_run,
            progress=lambda done, total, iri: shown.update(done - shown.pos),
        )
    click.echo(report.text())


def _password(user: str) -> str:
    """The password of *user*: from GRAPH_BUILDER_PASSWORD, else asked on the terminal."""
    import os

    password = os.environ.get("GRAPH_BUILDER_PASSWORD")
    if not password and not sys.stdin.isatty():
        raise UserError(
            f"--user {user} needs a password: set GRAPH_BUILDER_PASSWORD "
            "(there is no terminal to ask on)"
        )
    if not password:
        password = click.prompt(f"password for {user}", hide_input=True, err=True)
    return str(password)


def _push_bulk(
    shard_dir: Path,
    address: str,
    user: str | None,
    isql: str,
    total_timeout: float | None,
    dry_run: bool,
) -> None:
    from graph_builder.cli.progress import Stages
    from graph_builder.publish_bulk import BulkTarget, push_bulk
    from graph_builder.shards import read_shards

    shards = read_shards(shard_dir)
    if dry_run:
        graphs = shards.graphs()
        click.echo(
            f"would load {len(shards.shards)} shards: {len(graphs)} graphs, "
            f"{shards.quads} quads into {address}"
        )
        return
    if user is None:
        raise UserError("--bulk needs --user: a Virtuoso user who may run the bulk loader (dba)")
    if "://" in address:
        raise UserError(
            f"--bulk: {address} is a URL; give Virtuoso's SQL port as host:port (localhost:1111)"
        )
    target = BulkTarget(address, user, _password(user), isql=isql, timeout=total_timeout)
    with Stages() as stage:
        report = push_bulk(shards, target, stage=stage)
    click.echo(report.text())
