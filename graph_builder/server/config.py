"""The endpoint's options and limits (:class:`ServerConfig`), in one frozen value."""

from __future__ import annotations

from dataclasses import dataclass

from graph_builder.server.admission import AdmissionLimits
from graph_builder.server.connections import ConnectionLimits
from graph_builder.server.proxies import TrustedProxies

__all__ = ["ServerConfig"]


@dataclass(frozen=True)
class ServerConfig:
    """Limits and options of the endpoint; every limit applies per request."""

    timeout: float = 10.0
    """Wall-clock seconds a query may run before its worker is killed."""
    max_rows: int = 10_000
    """Rows (SELECT) or triples (CONSTRUCT/DESCRIBE) returned; more are cut off."""
    max_query_bytes: int = 64 * 1024
    max_response_bytes: int = 16 * 1024 * 1024
    max_concurrent: int = 16
    """Requests admitted at once (running or waiting for a worker), all clients together;
    when full, a client holding fewer takes the place of the newest waiting request of the
    client holding most (:mod:`.admission`), else 503."""
    max_queued_per_client: int = 8
    """Requests admitted at once from one client (running or waiting); more get 503."""
    workers: int = 0
    """Worker processes; 0 means one per CPU."""
    reserved_workers: int | None = None
    """Workers kept for clients whose recent queries were all quick; None means a quarter
    of the workers, at least one when there are two or more."""
    max_memory_mb: int = 2048
    """Address-space cap of each worker; 0 leaves it unlimited."""
    cors_origins: tuple[str, ...] = ()
    """Origins allowed by CORS; empty (the default) sends no CORS headers."""
    viewer_timeout: float = 120.0
    cache_mb: int = 64
    """Memory for cached replies to repeated queries; 0 turns the cache off."""
    public_url: str | None = None
    """The endpoint's public URL (``https://example.org/sparql``) for the service description;
    by default the address the server listens on. Never taken from the request's Host header."""
    read_timeout: float = 10.0
    """Seconds a client has to send a whole request (head and body); then 408 and close."""
    write_timeout: float = 30.0
    """Seconds a reply may wait for the client to read it; then it is dropped and the
    connection closed."""
    max_connections: int = 1000
    """Open connections in total, idle ones included; at the cap the connection waiting
    longest for a request is closed to make room, and when none waits, 503 and close."""
    max_connections_per_client: int = 50
    """Open connections from one client address; more are answered 503 and closed."""
    keep_alive_timeout: float = 5.0
    """Seconds an idle keep-alive connection stays open between requests."""
    max_requests_per_connection: int = 1000
    """Requests served on one keep-alive connection before it is closed."""
    forwarded_allow_ips: tuple[str, ...] = ()
    """Reverse proxies (addresses, networks, or ``*``) whose ``X-Forwarded-For`` names the
    client for the per-client limits; none by default."""
    build_id: str | None = None
    """The id of the build served (:mod:`.snapshot`), sent in the ``Graph-Builder-Build``
    header of every reply and in the service description; None sends neither."""

    def __post_init__(self) -> None:
        TrustedProxies(self.forwarded_allow_ips)  # a bad entry fails here, not at start-up

    def admission_limits(self, workers: int) -> AdmissionLimits:
        """The admission limits of this configuration for *workers* workers."""
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
        return ConnectionLimits(
            read_timeout=self.read_timeout,
            write_timeout=self.write_timeout,
            max_connections=self.max_connections,
            max_per_client=self.max_connections_per_client,
            keep_alive=self.keep_alive_timeout,
            max_requests=self.max_requests_per_connection,
            trusted_proxies=self.forwarded_allow_ips,
        )
