"""Connection limits for the endpoint: idle, slow and non-reading clients cannot lock it.

uvicorn's ``limit_concurrency`` counts every open connection, including ones that never
send a request, and nothing times out a request head that arrives one line at a time
(slowloris): a few dozen such connections made every request answer 503. This module
replaces that with limits on *connections*, separate from the endpoint's limits on
*queries* (:mod:`.admission`):

- a deadline for reading each request, head and body: a connection that has not sent a
  complete request within ``read_timeout`` seconds of opening (or of the first byte of
  its next request) is answered 408 and closed;
- a deadline for writing: a reply the client does not take within ``write_timeout``
  seconds (the part the network buffers do not hold) is dropped and the connection cut;
- a cap on open connections per client and in total. A connection over the client's cap
  is answered 503 and closed at once. At the total cap the connection that has *waited*
  longest (open with no request in progress: idle keep-alive, silent, or still sending
  its head) is closed to make room, so held connections cannot keep active clients out;
  only when every connection is busy with a request is the new one refused (503);
- keep-alive limits: an idle keep-alive connection is closed after ``keep_alive``
  seconds, and any connection after ``max_requests`` requests;
- behind a trusted proxy (``trusted_proxies``) the client is the one its
  ``X-Forwarded-For`` names (:mod:`.proxies`), from each request on; the app sees it as
  the request's client, and the per-client cap counts it. Before its first request a
  proxy's connection counts in the total only.

The mechanism is a subclass of uvicorn's h11 protocol (one instance per connection);
:func:`guarded_protocol` makes one class per server, holding that server's counters.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from dataclasses import dataclass
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from graph_builder.server.proxies import TrustedProxies

__all__ = ["ConnectionLimits", "guarded_protocol"]

log = logging.getLogger("graph_builder.server.app")


@dataclass(frozen=True)
class ConnectionLimits:
    """How many connections the endpoint holds, and for how long."""

    read_timeout: float = 10.0
    """Seconds to receive a whole request (head and body); then 408 and close."""
    write_timeout: float = 30.0
    """Seconds a reply may wait for the client to read it; then it is dropped and closed."""
    max_connections: int = 1000
    """Open connections in total; at the cap the longest-waiting one is closed for a new
    one, and when none is waiting the new one is answered 503 and closed."""
    max_per_client: int = 50
    """Open connections from one client; more are answered 503 and closed."""
    keep_alive: float = 5.0
    """Seconds an idle keep-alive connection stays open between requests."""
    max_requests: int = 1000
    """Requests served on one connection before it is closed."""
    trusted_proxies: tuple[str, ...] = ()
    """Addresses or networks whose ``X-Forwarded-For`` names the client (``*``: any)."""


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


def _cancelled(timer: asyncio.TimerHandle | None) -> asyncio.TimerHandle | None:
    """Cancel *timer* if set; None, for the attribute that held it."""
    if timer is not None:
        timer.cancel()
    return None


class _Registry:
    """Open connections of one server: in total, per client, and those waiting."""

    def __init__(self) -> None:
        self.total = 0
        self.per_client: Counter[str] = Counter()
        # Connections with no request in progress, longest waiting first.
        self.waiting: dict[_GuardedH11Protocol, None] = {}

    def over_client_cap(self, client: str | None, limits: ConnectionLimits) -> str | None:
        if client is not None and self.per_client[client] >= limits.max_per_client:
            return (
                f"your address holds {limits.max_per_client} open connections; "
                "close some or reuse them"
            )
        return None

    def make_room(self, limits: ConnectionLimits) -> str | None:
        """Close the longest-waiting connection if the total is at the cap; the reason a
        new connection is refused when every open one is busy."""
        while self.total >= limits.max_connections:
            if not self.waiting:
                return f"the endpoint holds {limits.max_connections} busy connections; retry later"
            next(iter(self.waiting)).evict()
        return None

    def count(self, client: str | None) -> None:
        if client is not None:
            self.per_client[client] += 1

    def uncount(self, client: str | None) -> None:
        if client is not None:
            self.per_client[client] -= 1
            if self.per_client[client] <= 0:
                del self.per_client[client]


class _GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with read and write deadlines and connection caps."""

    limits: ConnectionLimits = ConnectionLimits()
    registry: _Registry = _Registry()
    proxies: TrustedProxies = TrustedProxies()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._write_deadline: asyncio.TimerHandle | None = None
        self._counted = False
        self._client: str | None = None
        self._via_proxy = False
        self._requests = 0

    # ---------------------------------------------------------------- connection

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        peer = self.client[0] if self.client else "?"
        self._via_proxy = bool(self.proxies) and self.proxies.trusts(peer)
        client = None if self._via_proxy else peer
        refusal = self.registry.over_client_cap(client, self.limits)
        refusal = refusal or self.registry.make_room(self.limits)
        if refusal is not None:
            self.transport.write(_raw_reply(503, "Service Unavailable", refusal, retry_after=1))
            self.transport.close()
            return
        self.registry.total += 1
        self.registry.count(client)
        self._counted, self._client = True, client
        self._set_waiting(True)
        self._arm_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_deadline()
        self._cancel_write_deadline()
        self._release()
        super().connection_lost(exc)

    def _release(self) -> None:
        if self._counted:
            self._counted = False
            self._set_waiting(False)
            self.registry.total -= 1
            self.registry.uncount(self._client)

    def _set_waiting(self, waiting: bool) -> None:
        self.registry.waiting.pop(self, None)
        if waiting and self._counted:
            self.registry.waiting[self] = None  # to the end: the newest waiting

    def evict(self) -> None:
        """Close this waiting connection to make room for a new one."""
        self._release()
        if self.conn.trailing_data[0]:  # part of a request came: say why it ends
            self._abandon_cycle()
            message = "the endpoint is full; this connection waited longest for its request"
            self.transport.write(_raw_reply(503, "Service Unavailable", message, retry_after=1))
        self._close()

    def _close(self) -> None:
        # close() waits for unsent data, which a client that does not read never takes.
        if self.transport.get_write_buffer_size():
            self.transport.abort()
        else:
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        if self._deadline is None and self._between_requests():
            self._arm_deadline()
        super().data_received(data)
        self._check_request_read()

    def handle_events(self) -> None:
        cycle = self.cycle
        tasks = set(self.tasks)
        super().handle_events()
        if self.cycle is not cycle and self.cycle is not None:
            self._set_waiting(False)
            if self._via_proxy and not self._forwarded(self.tasks - tasks):
                return
            self._requests += 1
            if self._requests >= self.limits.max_requests:
                # Say so in the reply, then close after it (this cycle's headers only).
                self.cycle.default_headers = [*self.cycle.default_headers, _CLOSE]
                self.cycle.keep_alive = False

    def _forwarded(self, started: set[asyncio.Task[None]]) -> bool:
        """Make the forwarded client this request's client; False when it is refused."""
        assert self.cycle is not None
        client = self.proxies.client(self.cycle.scope["headers"])
        if client is not None:
            self.cycle.scope["client"] = (client, 0)
        if client == self._client:
            return True
        self.registry.uncount(self._client)
        refusal = self.registry.over_client_cap(client, self.limits)
        self.registry.count(client)
        self._client = client
        if refusal is None:
            return True
        for task in started:  # the handler has not run yet: it never will
            task.cancel()
        self._abandon_cycle()
        self.transport.write(_raw_reply(503, "Service Unavailable", refusal, retry_after=1))
        self._close()
        return False

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.transport.is_closing():
            return
        if self.transport.get_write_buffer_size():
            self._arm_write_deadline()
        if self.conn.their_state is h11.IDLE:
            self._set_waiting(True)
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

    # ---------------------------------------------------------------- read deadline

    def _between_requests(self) -> bool:
        return self.conn.their_state is h11.IDLE

    def _check_request_read(self) -> None:
        if self.conn.their_state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED, h11.ERROR):
            self._cancel_deadline()

    def _arm_deadline(self) -> None:
        self._cancel_deadline()
        self._deadline = self.loop.call_later(self.limits.read_timeout, self._read_timed_out)

    def _cancel_deadline(self) -> None:
        self._deadline = _cancelled(self._deadline)

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
        self._close()

    # ---------------------------------------------------------------- write deadline

    def pause_writing(self) -> None:
        # The reply outgrew the transport's buffer; the client has this long to take it.
        super().pause_writing()
        self._arm_write_deadline()

    def resume_writing(self) -> None:
        super().resume_writing()
        self._cancel_write_deadline()

    def timeout_keep_alive_handler(self) -> None:
        super().timeout_keep_alive_handler()
        if self.transport.get_write_buffer_size():
            self._arm_write_deadline()

    def _arm_write_deadline(self) -> None:
        if self._write_deadline is None:
            self._write_deadline = self.loop.call_later(
                self.limits.write_timeout, self._write_timed_out
            )

    def _cancel_write_deadline(self) -> None:
        self._write_deadline = _cancelled(self._write_deadline)

    def _write_timed_out(self) -> None:
        self._write_deadline = None
        unsent = self.transport.get_write_buffer_size()
        if unsent:
            log.warning(
                "%s: the client did not read its reply within %g s; dropped %d bytes",
                self._client or "a client",
                self.limits.write_timeout,
                unsent,
            )
            self._abandon_cycle()
            self.transport.abort()


def guarded_protocol(limits: ConnectionLimits) -> type[H11Protocol]:
    """A protocol class for ``uvicorn.Config(http=...)`` enforcing *limits*.

    Each call makes a class with its own counters, so two servers never share them.
    """
    return type(
        "GuardedH11Protocol",
        (_GuardedH11Protocol,),
        {
            "limits": limits,
            "registry": _Registry(),
            "proxies": TrustedProxies(limits.trusted_proxies),
        },
    )
