"""``serve`` and ``push``: the SPARQL endpoint, and publishing to a triple store."""

from __future__ import annotations

import dataclasses
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

import click

from graph_builder.cli.base import (
    Inputs,
    UserError,
    dataset_options,
    handle_errors,
    main,
)
from graph_builder.cli.progress import bar

if TYPE_CHECKING:
    from graph_builder.server.snapshot import ServedBuild


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
    help="Requests admitted at once, all clients together; when full, a client holding "
    "fewer may take the place of one holding most, else 503 with Retry-After.",
)
@click.option(
    "--max-queued-per-client",
    default=8,
    show_default=True,
    type=click.IntRange(min=1),
    help="Requests one client may have running or waiting; more get 503 with Retry-After.",
)
@click.option(
    "--reserved-workers",
    type=click.IntRange(min=0),
    help="Workers kept for clients whose recent queries were all quick.  "
    "[default: a quarter of the workers, at least 1 of 2 or more]",
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
    "--write-timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a reply may wait for the client to read it; then it is dropped and closed.",
)
@click.option(
    "--forwarded-allow-ips",
    metavar="IPS",
    default="",
    help="Comma-separated proxy addresses or networks (or '*') whose X-Forwarded-For "
    "names the client for the per-client limits.  [default: none]",
)
@click.option(
    "--max-connections",
    default=1000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Open connections in total, idle ones included; at the cap the one waiting longest "
    "for a request is closed for the new one, or, when all are busy, the new one gets 503.",
)
@click.option(
    "--max-connections-per-client",
    default=50,
    show_default=True,
    type=click.IntRange(min=1),
    help="Open connections from one client; more get 503 and are closed.",
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
@handle_errors
def serve(
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    workers: int,
    max_concurrent: int,
    max_queued_per_client: int,
    reserved_workers: int | None,
    cors_origins: tuple[str, ...],
    public_url: str | None,
    cache_mb: int,
    read_timeout: float,
    write_timeout: float,
    forwarded_allow_ips: str,
    max_connections: int,
    max_connections_per_client: int,
    keep_alive: float,
    max_requests_per_connection: int,
    inputs: Inputs,
) -> None:
    """Serve the dataset read-only over the SPARQL 1.1 Protocol, with a query page and viewer.

    Exits 2 when the port is in use (choose another with --port).
    """
    from graph_builder.errors import PortInUse
    from graph_builder.server.app import ServerConfig
    from graph_builder.server.app import serve as serve_endpoint
    from graph_builder.server.ports import check_port_free

    config = ServerConfig(
        timeout=timeout,
        max_rows=max_rows,
        workers=workers,
        max_concurrent=max_concurrent,
        max_queued_per_client=max_queued_per_client,
        reserved_workers=reserved_workers,
        cors_origins=cors_origins,
        public_url=public_url,
        cache_mb=cache_mb,
        read_timeout=read_timeout,
        write_timeout=write_timeout,
        forwarded_allow_ips=tuple(
            ip.strip() for ip in forwarded_allow_ips.split(",") if ip.strip()
        ),
        max_connections=max_connections,
        max_connections_per_client=max_connections_per_client,
        keep_alive_timeout=keep_alive,
        max_requests_per_connection=max_requests_per_connection,
    )
    # SIGTERM unwinds like SIGINT (uvicorn re-raises it once shut down), so the private
    # copy or temporary store is removed either way.
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        # checked here too, before the build is copied or made (the library checks it again)
        check_port_free(host, port)
        served, cleanup = _served_build(inputs)
        try:
            config = dataclasses.replace(config, build_id=served.build_id)
            serve_endpoint(served.factory(), host=host, port=port, config=config)
        finally:
            cleanup()
    except PortInUse as exc:
        raise UserError(f"{exc}; choose another with --port") from None
    finally:
        signal.signal(signal.SIGTERM, previous)


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def _served_build(inputs: Inputs) -> tuple[ServedBuild, Callable[[], None]]:
    """The build's store copied aside when it is up to date, else the data built apart."""
    from graph_builder.manifest import input_hashes
    from graph_builder.server.snapshot import ServedBuild, inputs_id, snapshot_build

    if inputs.current_store() is not None:
        return snapshot_build(inputs.build_dir)
    path, cleanup = inputs.temporary_store()
    try:
        hashes = input_hashes(inputs.data_dir, inputs.ontology_dir)
    except BaseException:
        cleanup()
        raise
    return ServedBuild(path, inputs_id(hashes)), cleanup


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
@click.option(
    "--timeout",
    default=30.0,
    metavar="SECONDS",
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds to connect, and to wait for each read or write; a silent store is retried.",
)
@click.option(
    "--graph-timeout",
    default=600.0,
    metavar="SECONDS",
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds one graph may take in all (sending, retries, count check), "
    "however slowly the store answers.",
)
@click.option(
    "--total-timeout",
    metavar="SECONDS",
    type=click.FloatRange(min=0.1),
    help="Seconds the whole push may take.  [default: no limit but each graph's]",
)
@click.option("--dry-run", is_flag=True, help="List what would be pushed; send nothing.")
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
    inputs: Inputs,
) -> None:
    """Publish the build to the store at URL: one named graph per PUT, each count checked."""
    import os

    from graph_builder.publish import PushTarget, built_graphs, push_graphs, select_graphs

    if protocol == "update" and not query_endpoint and not dry_run:
        raise UserError("--protocol update needs --query-endpoint URL to check what was stored")
    password = None
    if user is not None and not dry_run:
        password = os.environ.get("GRAPH_BUILDER_PASSWORD")
        if not password and not sys.stdin.isatty():
            raise UserError(
                f"--user {user} needs a password: set GRAPH_BUILDER_PASSWORD "
                "(there is no terminal to ask on)"
            )
        if not password:
            password = click.prompt(f"password for {user}", hide_input=True, err=True)
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
