"""Connection limits for the endpoint: idle and slow clients cannot lock it.

uvicorn's ``limit_concurrency`` counts every open connection, including ones that never
send a request, and nothing times out a request head that arrives one line at a time
(slowloris): a few dozen such connections made every request answer 503. This module
replaces that with limits on *connections*, separate from the endpoint's limit on
*queries* (``ServerConfig.max_concurrent``):

- a deadline for reading each request, head and body: a connection that has not sent a
  complete request within ``read_timeout`` seconds of opening (or of the first byte of
  its next request) is answered 408 and closed;
- a cap on open connections per client address and in total: a connection over either
  cap is answered 503 and closed at once, before it can hold a slot;
- keep-alive limits: an idle keep-alive connection is closed after ``keep_alive``
  seconds, and any connection after ``max_requests`` requests.

The mechanism is a subclass of uvicorn's h11 protocol (one instance per connection);
:func:`guarded_protocol` makes one class per server, holding that server's counters.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["ConnectionLimits", "guarded_protocol"]


@dataclass(frozen=True)
class ConnectionLimits:
    """How many connections the endpoint holds, and for how long."""

    read_timeout: float = 10.0
    """Seconds to receive a whole request (head and body); then 408 and close."""
    max_connections: int = 1000
    """Open connections in total; more are answered 503 and closed."""
    max_per_client: int = 50
    """Open connections from one client address; more are answered 503 and closed."""
    keep_alive: float = 5.0
    """Seconds an idle keep-alive connection stays open between requests."""
    max_requests: int = 1000
    """Requests served on one connection before it is closed."""


def _raw_reply(status: int, reason: str, message: str, *, retry_after: int | None = None) -> bytes:
    body = (message + "\n").encode("utf-8")
    head = [
        f"HTTP/1.1 {status} {reason}",
        "content-type: text/plain; charset=utf-8",
        f"content-length: {len(body)}",
        "connection: close",
        "x-content-type-options: nosniff",
    ]
    if retry_after is not None:
        head.append(f"retry-after: {retry_after}")
    return ("\r\n".join(head) + "\r\n\r\n").encode("ascii") + body


_CLOSE = (b"connection", b"close")


class _Registry:
    """Open connections of one server, in total and per client address."""

    def __init__(self) -> None:
        self.total = 0
        self.per_client: Counter[str] = Counter()

    def admit(self, host: str, limits: ConnectionLimits) -> str | None:
        """Count a new connection from *host*; the reason it is refused, if it is."""
        if self.total >= limits.max_connections:
            return f"the endpoint holds {limits.max_connections} connections; retry later"
        if self.per_client[host] >= limits.max_per_client:
            return (
                f"your address holds {limits.max_per_client} open connections; "
                "close some or reuse them"
            )
        self.total += 1
        self.per_client[host] += 1
        return None

    def release(self, host: str) -> None:
        self.total -= 1
        self.per_client[host] -= 1
        if self.per_client[host] <= 0:
            del self.per_client[host]


class _GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a read deadline and connection caps."""

    limits: ConnectionLimits = ConnectionLimits()
    registry: _Registry = _Registry()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._host: str | None = None
        self._requests = 0

    # ---------------------------------------------------------------- connection

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        host = self.client[0] if self.client else "?"
        refusal = self.registry.admit(host, self.limits)
        if refusal is not None:
            self.transport.write(_raw_reply(503, "Service Unavailable", refusal, retry_after=1))
            self.transport.close()
            return
        self._host = host
        self._arm_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_deadline()
        if self._host is not None:
            self.registry.release(self._host)
            self._host = None
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._deadline is None and self._between_requests():
            self._arm_deadline()
        super().data_received(data)
        self._check_request_read()

    def handle_events(self) -> None:
        cycle = self.cycle
        super().handle_events()
        if self.cycle is not cycle and self.cycle is not None:
            self._requests += 1
            if self._requests >= self.limits.max_requests:
                # Say so in the reply, then close after it (this cycle's headers only).
                self.cycle.default_headers = [*self.cycle.default_headers, _CLOSE]
                self.cycle.keep_alive = False

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.transport.is_closing():
            return
        # A pipelined request may already be buffered: its deadline starts now.
        if self.conn.their_state is h11.IDLE and self.conn.trailing_data[0]:
            self._arm_deadline()
        self._check_request_read()

    def send_400_response(self, msg: str) -> None:
        # uvicorn answers a malformed body with 400 while the handler of its (valid) head
        # may still run; that handler's own reply then hit h11's MUST_CLOSE state and was
        # logged as an unhandled exception. Tell the handler the client is gone first.
        self._abandon_cycle()
        super().send_400_response(msg)

    def _abandon_cycle(self) -> None:
        if self.cycle is not None and not self.cycle.response_complete:
            self.cycle.disconnected = True
            self.cycle.message_event.set()

    # ---------------------------------------------------------------- deadline

    def _between_requests(self) -> bool:
        return self.conn.their_state is h11.IDLE

    def _check_request_read(self) -> None:
        if self.conn.their_state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED, h11.ERROR):
            self._cancel_deadline()

    def _arm_deadline(self) -> None:
        self._cancel_deadline()
        self._deadline = self.loop.call_later(self.limits.read_timeout, self._read_timed_out)

    def _cancel_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _read_timed_out(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        partial = self.conn.their_state is h11.SEND_BODY or bool(self.conn.trailing_data[0])
        if self.conn.our_state is h11.IDLE and partial:
            # Nothing of a reply was sent yet: say why, then close.
            message = f"the request was not complete within {self.limits.read_timeout:g} s"
            self._abandon_cycle()
            self.transport.write(_raw_reply(408, "Request Timeout", message))
        self.transport.close()


def guarded_protocol(limits: ConnectionLimits) -> type[H11Protocol]:
    """A protocol class for ``uvicorn.Config(http=...)`` enforcing *limits*.

    Each call makes a class with its own counters, so two servers never share them.
    """
    return type(
        "GuardedH11Protocol",
        (_GuardedH11Protocol,),
        {"limits": limits, "registry": _Registry()},
    )
