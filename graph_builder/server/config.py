"""The endpoint's options and limits (:class:`ServerConfig`), in one frozen value."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from graph_builder.server.proxies import TrustedProxies

if TYPE_CHECKING:  # asyncio and uvicorn load with the server, not with the command line
    from graph_builder.server.admission import AdmissionLimits
    from graph_builder.server.connections import ConnectionLimits

__all__ = ["ServerConfig", "Setting"]


@dataclass(frozen=True)
class Setting:
    """What a :class:`ServerConfig` field means, said once for the library and for
    ``graph-builder serve``, whose options are made from these (:mod:`graph_builder.cli.serve`)."""

    help: str
    """One or two sentences; a ``[default: …]`` at the end stands for the default value
    where that says less than words."""
    minimum: float | None = None
    """The smallest value that makes sense, if any."""
    option: bool = True
    """Whether ``serve`` has an option for it (a few limits are for the library only)."""


def _setting(default: Any, help: str, *, minimum: float | None = None, option: bool = True) -> Any:
    return field(default=default, metadata={"setting": Setting(help, minimum, option)})


@dataclass(frozen=True)
class ServerConfig:
    """Limits and options of the endpoint; every limit applies per request.

    Each field's meaning is in its :class:`Setting` (``settings()`` lists them).
    """

    timeout: float = _setting(
        10.0, "Seconds a query may take; then its worker process is killed (504).", minimum=0.1
    )
    max_rows: int = _setting(
        10_000,
        "Rows (or triples) returned at most; more are cut off (X-Result-Truncated).",
        minimum=1,
    )
    workers: int = _setting(0, "Query worker processes.  [default: one per CPU]", minimum=0)
    max_concurrent: int = _setting(
        16,
        "Requests admitted at once, all clients together; when full, a client holding "
        "fewer may take the place of one holding most, else 503 with Retry-After.",
        minimum=1,
    )
    max_queued_per_client: int = _setting(
        8,
        "Requests one client may have running or waiting; more get 503 with Retry-After.",
        minimum=1,
    )
    reserved_workers: int | None = _setting(
        None,
        "Workers kept for clients whose recent queries were all quick.  "
        "[default: a quarter of the workers, at least 1 of 2 or more]",
        minimum=0,
    )
    cors_origins: tuple[str, ...] = _setting(
        (), "Allow this origin by CORS (repeatable).  [default: CORS off]"
    )
    public_url: str | None = _setting(
        None,
        "The endpoint's public URL, for the service description.  [default: the address served]",
    )
    cache_mb: int = _setting(
        64,
        "Memory for cached replies to repeated identical requests; 0 turns the cache off.",
        minimum=0,
    )
    read_timeout: float = _setting(
        10.0,
        "Seconds a client has to send a whole request (head and body); then 408 and close.",
        minimum=0.1,
    )
    write_timeout: float = _setting(
        30.0,
        "Seconds a reply may wait for the client to read it; then it is dropped and closed.",
        minimum=0.1,
    )
    forwarded_allow_ips: tuple[str, ...] = _setting(
        (),
        "Comma-separated proxy addresses or networks (or '*') whose X-Forwarded-For "
        "names the client for the per-client limits.  [default: none]",
    )
    max_connections: int = _setting(
        1000,
        "Open connections in total, idle ones included; at the cap the one waiting longest "
        "for a request is closed for the new one, or, when all are busy, the new one gets 503.",
        minimum=1,
    )
    max_connections_per_client: int = _setting(
        50, "Open connections from one client; more get 503 and are closed.", minimum=1
    )
    keep_alive_timeout: float = _setting(
        5.0, "Seconds an idle keep-alive connection stays open between requests.", minimum=0
    )
    max_requests_per_connection: int = _setting(
        1000, "Requests served on one keep-alive connection before it is closed.", minimum=1
    )
    max_query_bytes: int = _setting(
        64 * 1024, "Bytes a query's text may have; a longer one gets 413.", option=False
    )
    max_response_bytes: int = _setting(
        16 * 1024 * 1024,
        "Bytes a reply may have; a larger one is refused (400: add a LIMIT).",
        option=False,
    )
    max_memory_mb: int = _setting(
        2048, "Address-space cap of each worker; 0 leaves it unlimited.", option=False
    )
    viewer_timeout: float = _setting(
        120.0,
        "Seconds the viewer page may take to be made, as ``timeout`` is for a query.",
        option=False,
    )
    build_id: str | None = _setting(
        None,
        "The id of the build served (:mod:`.snapshot`), sent in the Graph-Builder-Build "
        "header of every reply and in the service description; None sends neither.",
        option=False,
    )

    @staticmethod
    def settings() -> dict[str, Setting]:
        """Each field's name and :class:`Setting`, in the order of the fields."""
        return {f.name: f.metadata["setting"] for f in fields(ServerConfig)}

    def __post_init__(self) -> None:
        TrustedProxies(self.forwarded_allow_ips)  # a bad entry fails here, not at start-up

    def admission_limits(self, workers: int) -> AdmissionLimits:
        """The admission limits of this configuration for *workers* workers."""
        from graph_builder.server.admission import AdmissionLimits

        reserved = self.reserved_workers
        if reserved is None:
            reserved = max(1, workers // 4) if workers > 1 else 0
        return AdmissionLimits(
            max_admitted=self.max_concurrent,
            max_per_client=self.max_queued_per_client,
            reserved=reserved,
        )

    def connection_limits(self) -> ConnectionLimits:
        """The connection limits of this configuration, for :mod:`.connections`."""
        from graph_builder.server.connections import ConnectionLimits

        return ConnectionLimits(
            read_timeout=self.read_timeout,
            write_timeout=self.write_timeout,
            max_connections=self.max_connections,
            max_per_client=self.max_connections_per_client,
            keep_alive=self.keep_alive_timeout,
            max_requests=self.max_requests_per_connection,
            trusted_proxies=self.forwarded_allow_ips,
        )
