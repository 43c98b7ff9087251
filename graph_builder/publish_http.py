"""The HTTP side of ``push``: the target (:class:`PushTarget`, re-exported by
:mod:`graph_builder.publish`), one client, deadlines that hold, and which failures to retry.

A deadline is enforced by shutting the request's socket when it passes: httpx's read
timeout restarts with every chunk, so a store that sends a byte a second would never trip
it, whereas a shut socket ends the blocked read or write at once, in any phase (sending the
graph, waiting for the status line, reading the body).

Retried: connection errors and timeouts (not TLS certificate failures), 502, 503 and 504,
and 429; ``Retry-After`` is honoured up to ``max_retry_after``, otherwise the wait doubles
from ``backoff``. Final at once: every other 4xx and 5xx, and every redirect (3xx), which is
refused rather than followed (see :mod:`graph_builder.publish`).
"""

from __future__ import annotations

import contextlib
import email.utils
import io
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import httpx

from graph_builder.errors import PublishError, PushFailed

log = logging.getLogger("graph_builder.publish")

Protocol = Literal["gsp", "update"]


@dataclass(frozen=True)
class PushTarget:
    """A store to push to, and how."""

    url: str
    """GSP endpoint (``protocol="gsp"``) or SPARQL Update endpoint (``protocol="update"``)."""
    protocol: Protocol = "gsp"
    query_endpoint: str | None = None
    """SPARQL query endpoint for the check; without it, the check reads each graph by GSP GET."""
    user: str | None = None
    password: str | None = None
    digest: bool = False
    """Digest instead of basic authentication."""
    verify: bool = True
    """Verify TLS certificates (against *ca_bundle* when given)."""
    ca_bundle: Path | None = None
    timeout: float = 30.0
    """Seconds to connect, and to wait for each read or write; a silent store is retried."""
    graph_timeout: float = 600.0
    """Seconds one graph may take in all (requests, retries, check), however slowly it goes."""
    total_timeout: float | None = None
    """Seconds the whole push may take (None: no limit but each graph's)."""
    retries: int = 4
    backoff: float = 0.5
    """Seconds before the first retry; doubled for each further retry."""
    max_retry_after: float = 60.0
    """The longest wait granted to a store's ``Retry-After``."""


T = TypeVar("T")

RETRIED_STATUS = frozenset({429, 502, 503, 504})
ERROR_TEXT_BYTES = 4096
"""Bytes of an error answer read for the message (the rest is never read)."""
_GRACE = 0.25
"""Seconds past a deadline that httpx's own timeouts wait, so that the deadline's watch,
not a timeout, ends a request the deadline bounds (and the message names the deadline)."""


@dataclass(frozen=True)
class Deadline:
    """A moment (``time.monotonic()``) by which something must be done, and what it bounds."""

    at: float
    seconds: float
    scope: str
    """What the deadline is for: ``"one graph"`` or ``"the whole push"``."""

    @classmethod
    def after(cls, seconds: float, scope: str) -> Deadline:
        return cls(time.monotonic() + seconds, seconds, scope)

    def left(self) -> float:
        return self.at - time.monotonic()

    def __str__(self) -> str:
        return f"the {self.seconds:g} s deadline for {self.scope}"


def _speaks_tls(target: PushTarget) -> bool:
    """Whether the push or its check sends a request to an ``https`` URL."""
    urls = (target.url, target.query_endpoint or "")
    return any(url.lower().startswith("https:") for url in urls)


def open_client(target: PushTarget) -> httpx.Client:
    """A client for *target*: its TLS and authentication, no redirects, no kept-alive sockets.

    Every request opens its own connection, so that the deadline watch sees the socket.
    """
    # A client that only speaks plain HTTP (and follows no redirect) never uses a TLS
    # context, and building the default one reads the system's CA store (0.1-0.3 s).
    if target.ca_bundle is not None and not target.ca_bundle.is_file():
        raise PublishError(f"{target.ca_bundle}: CA bundle not found")
    verify: bool | ssl.SSLContext = target.verify and _speaks_tls(target)
    if verify and target.ca_bundle is not None:
        verify = ssl.create_default_context(cafile=str(target.ca_bundle))
    auth: httpx.Auth | None = None
    if target.user is not None:
        if target.password is None:
            raise PublishError(f"user {target.user!r} needs a password")
        auth = (httpx.DigestAuth if target.digest else httpx.BasicAuth)(
            target.user, target.password
        )
    return httpx.Client(
        verify=verify,
        auth=auth,
        timeout=target.timeout,
        follow_redirects=False,
        limits=httpx.Limits(max_keepalive_connections=0),
        headers={"Accept-Encoding": "identity"},
    )


def send(
    client: httpx.Client,
    target: PushTarget,
    what: str,
    deadline: Deadline,
    read: Callable[[httpx.Response], T],
    **request: Any,
) -> T:
    """Send *request*, retrying what is worth retrying, and return ``read(response)`` of a 2xx.

    *read* consumes the streamed body before *deadline*, like the request itself.
    Raises :class:`PushFailed` with *what* and the last problem.
    """
    attempt = 0
    while True:
        left = deadline.left()
        if left <= 0:
            raise PushFailed(f"{what}: stopped at {deadline}", pushed=[])
        with _Watch(deadline) as watch:
            try:
                waited = min(target.timeout, left + _GRACE)
                with client.stream(
                    **request,
                    timeout=waited,
                    extensions={"trace": watch.trace},
                ) as response:
                    if 200 <= response.status_code < 300:
                        return read(response)
                    problem, wait = _refusal(response, target, attempt)
            except httpx.TransportError as exc:
                if watch.fired:
                    raise PushFailed(f"{what}: not finished by {deadline}", pushed=[]) from None
                problem = _unreached(exc, waited)
                wait = _backoff(target, attempt) if _retryable(exc) else None
        if wait is None or attempt >= target.retries:
            raise PushFailed(f"{what}: {problem}", pushed=[])
        if wait >= deadline.left():
            raise PushFailed(
                f"{what}: {problem}; a retry in {wait:g} s would pass {deadline}", pushed=[]
            )
        log.warning(
            "%s: %s; retry %d of %d in %g s", what, problem, attempt + 1, target.retries, wait
        )
        time.sleep(wait)
        attempt += 1


def _unreached(exc: httpx.TransportError, waited: float) -> str:
    """What a request that got no answer met: a store that took too long to answer (it was
    reached: a large graph's count on a busy store) is told apart from one not reached."""
    if isinstance(exc, httpx.ReadTimeout):
        return (
            f"the store did not answer within {waited:g} s (ReadTimeout); a busy store, or a "
            "large graph's count, may need a longer timeout"
        )
    detail = str(exc) or "no detail"
    return f"cannot reach the store ({type(exc).__name__}: {detail})"


def read_at_most(response: httpx.Response, limit: int) -> bytes | None:
    """The body of *response* if it has at most *limit* bytes, else None (reading stops there)."""
    body = bytearray()
    for chunk in response.iter_raw():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


class BodyReader(io.RawIOBase):
    """A streamed response body as a binary file, for parsers that read as they go."""

    def __init__(self, response: httpx.Response) -> None:
        self._chunks: Iterator[bytes] = response.iter_bytes()
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = memoryview(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


# ---------------------------------------------------------------- private


class _Watch:
    """Shuts every socket a request opens once *deadline* passes (from a timer thread)."""

    def __init__(self, deadline: Deadline) -> None:
        self.fired = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(max(0.0, deadline.left()), self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Watch:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpx's ``trace`` extension: keep a duplicate of each new connection's socket.

        A duplicate, because TLS detaches the original socket object from its descriptor;
        shutting the duplicate ends the connection all the same.
        """
        if not event.endswith(".connect_tcp.complete"):
            return
        sock = info["return_value"].get_extra_info("socket").dup()
        with self._lock:
            self._sockets.append(sock)
            if self.fired:
                _shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # the other side closed it first
        sock.shutdown(socket.SHUT_RDWR)


def _refusal(
    response: httpx.Response, target: PushTarget, attempt: int
) -> tuple[str, float | None]:
    """What a non-2xx answer says, and the wait before retrying it (None: do not retry)."""
    status = response.status_code
    if 300 <= status < 400:
        location = response.headers.get("location", "(no Location)")
        return (
            f"HTTP {status}: the store redirects to {location}; redirects are not followed "
            "(the graph and the credentials would go elsewhere): give that URL instead",
            None,
        )
    text = read_at_most(response, ERROR_TEXT_BYTES)
    detail = " ".join((text or b"").decode("utf-8", "replace").split())[:300]
    problem = f"HTTP {status}: {detail}" if detail else f"HTTP {status}"
    if status in (401, 403):
        problem += " (check the user name and password)"
    if status not in RETRIED_STATUS:
        return problem, None
    after = _retry_after(response.headers.get("retry-after"))
    if after is None:
        return problem, _backoff(target, attempt)
    return problem, min(after, target.max_retry_after)


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _backoff(target: PushTarget, attempt: int) -> float:
    return float(target.backoff * 2**attempt)


def _retryable(exc: httpx.TransportError) -> bool:
    """Timeouts and broken connections, but not a TLS failure or a malformed URL."""
    if not isinstance(exc, (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)):
        return False
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            return False
        cause = cause.__cause__ or cause.__context__
    return True
