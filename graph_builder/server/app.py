"""A read-only, bounded SPARQL 1.1 Protocol endpoint over the built dataset.

Routes::

    /                 query page: YASGUI when vendored (see ``query_page``), else a text area
    /sparql           SPARQL 1.1 Protocol: GET ?query=, POST form or sparql-query;
                      without a query, the SPARQL 1.1 Service Description
    /queries          the named queries (JSON)
    /queries/NAME     run a named query, parameters from the query string
    /queries/NAME.rq  its text with those parameters bound (for the query page)
    /viewer           the interactive HTML viewer (?lang=en|id)

Every query is parsed and guarded inside a worker process (see ``_workers``): updates
get 403; ``SERVICE`` and ``FROM`` naming foreign graphs get 400; a query running past the
timeout has its worker killed (504); a full server answers 503 with ``Retry-After``.
Starlette + uvicorn: small, typed, maintained ASGI stack with graceful shutdown built in.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Route

from graph_builder.errors import ServerError
from graph_builder.rdf.store import GraphStore
from graph_builder.server import query_page
from graph_builder.server.config import ServerConfig
from graph_builder.server.connections import guarded_protocol
from graph_builder.server.handlers import Handlers
from graph_builder.server.ports import check_port_free

__all__ = ["ServerConfig", "create_app", "running_server", "serve"]

BUILD_HEADER = "Graph-Builder-Build"


def create_app(
    dataset_factory: Callable[[], GraphStore] | None = None,
    *,
    config: ServerConfig | None = None,
) -> Starlette:
    """The ASGI application; workers start (and load the dataset) in its lifespan.

    *dataset_factory* must be picklable (a module-level function or a
    ``functools.partial`` of one): each worker process calls it once. By default it is
    ``graph_builder.dataset.load_dataset``.
    """
    if dataset_factory is None:
        from graph_builder.dataset import load_dataset

        dataset_factory = load_dataset
    cfg = config or ServerConfig()
    state = Handlers(dataset_factory, cfg)
    routes = [
        Route("/", state.page, methods=["GET"]),
        Route("/static/{name}", state.static, methods=["GET"]),
        Route("/sparql", state.sparql, methods=["GET", "POST"]),
        Route("/queries", state.list_queries, methods=["GET"]),
        Route("/queries/{name}.rq", query_page.query_text, methods=["GET"]),
        Route("/queries/{name}", state.run_named, methods=["GET"]),
        Route("/viewer", state.viewer, methods=["GET"]),
    ]
    middleware = []
    if cfg.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(cfg.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Accept", "Content-Type"],
                expose_headers=["Retry-After", "X-Result-Truncated", BUILD_HEADER],
            )
        )
    return Starlette(routes=routes, middleware=middleware, lifespan=state.lifespan)


def serve(
    dataset_factory: Callable[[], GraphStore] | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    config: ServerConfig | None = None,
    log_level: str = "info",
) -> None:
    """Serve the endpoint until SIGINT or SIGTERM; access log and messages go to stderr.

    The dataset is built once here first, so a broken data folder raises its
    ``GraphBuilderError`` before the server starts rather than in every worker; a port
    another program listens on raises :class:`~graph_builder.errors.PortInUse` before that.
    """
    import uvicorn

    check_port_free(host, port)
    if dataset_factory is None:
        from graph_builder.dataset import load_dataset

        dataset_factory = load_dataset
    dataset_factory()
    cfg = config or ServerConfig()
    uvicorn.run(
        create_app(dataset_factory, config=cfg),
        host=host,
        port=port,
        log_config=_log_config(),
        log_level=log_level,
        **_uvicorn_options(cfg),
    )


@contextmanager
def running_server(
    dataset_factory: Callable[[], GraphStore] | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    config: ServerConfig | None = None,
    startup_timeout: float = 120.0,
) -> Iterator[str]:
    """Serve in a background thread for the ``with`` block; yields the base URL.

    ``port=0`` picks a free port. For tests, notebooks and benchmarks.
    """
    import threading
    import time

    import uvicorn

    cfg = config or ServerConfig()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(dataset_factory, config=cfg),
            host=host,
            port=port,
            log_config=None,
            **_uvicorn_options(cfg),
        )
    )
    thread = threading.Thread(target=server.run, name="sparql-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise ServerError("the SPARQL endpoint did not start; see the log")
        time.sleep(0.05)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(cfg.timeout + 10)


def _uvicorn_options(cfg: ServerConfig) -> dict[str, Any]:
    # Connections are limited by the guard protocol, queries by ``Handlers._admit``;
    # uvicorn's own ``limit_concurrency`` is left off because it counts idle connections.
    return {
        "http": guarded_protocol(cfg.connection_limits()),
        "server_header": False,
        "proxy_headers": False,
        "limit_concurrency": None,
        "timeout_keep_alive": cfg.keep_alive_timeout,
        "timeout_graceful_shutdown": int(cfg.timeout) + 2,
        "h11_max_incomplete_event_size": 3 * cfg.max_query_bytes + 16 * 1024,
        # uvicorn adds these to every reply it sends, errors included.
        "headers": [(BUILD_HEADER, cfg.build_id)] if cfg.build_id else [],
    }


def _log_config() -> dict[str, Any]:
    from uvicorn.config import LOGGING_CONFIG

    config = json.loads(json.dumps(LOGGING_CONFIG))
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    config["loggers"]["graph_builder"] = {
        "handlers": ["default"],
        "level": "INFO",
        "propagate": False,
    }
    return config
