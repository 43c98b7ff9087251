"""Fair admission of requests to the query workers: a queue per client, not one for all.

One first-come-first-served queue let 50 clients repeating a 2 s query hold every worker
and every admission slot: a cheap query got 503, or waited 9 s behind 8 such clients.
Here a *client* is an address (or, behind a trusted proxy, the forwarded client):

- each client has its own queue, capped at ``max_per_client`` requests running or
  waiting; more are refused (503);
- all queues together hold at most ``max_admitted`` requests; when they are full, a
  client holding fewer requests (or as many, and light; or as light, having used less
  worker time or asked less often) takes the place of the newest waiting request of the
  client holding most, which is refused;
- a free worker goes to the waiting client that used least worker time recently
  (seconds of work, halving every ``half_life`` seconds), then to the one that asked
  least often (requests, halving alike), first come first served within one client; so
  50 busy clients take turns, and a newcomer goes first;
- ``reserved`` workers serve only *light* clients, whose queries cost at most
  ``light_seconds`` on average (each finished query counting half; the cost is the
  worker's processor time when known, so a quick query stays quick on a busy host). A client is
  not light until a query of it has finished, so a crowd of new addresses cannot take
  the reserved workers; however many slow queries wait, a quick query from a known
  client waits for quick ones only.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from graph_builder.errors import ServerBusy

__all__ = ["AdmissionLimits", "FairScheduler", "Lease"]

W = TypeVar("W")


@dataclass(frozen=True)
class AdmissionLimits:
    """How many requests the endpoint admits, per client and in total."""

    max_admitted: int = 16
    """Requests running or waiting for a worker, all clients together."""
    max_per_client: int = 8
    """Requests running or waiting for a worker, from one client."""
    reserved: int = 1
    """Workers kept for light clients (at most all workers but one)."""
    light_seconds: float = 0.5
    """A client whose queries cost at most this many seconds on average is light."""
    half_life: float = 30.0
    """Seconds in which a client's recorded work counts half as much."""


@dataclass(eq=False)
class _Client:
    key: str
    stamp: float
    usage: float = 0.0
    """Worker seconds used, decayed to ``stamp``."""
    asked: float = 0.0
    """Requests made, decayed to ``stamp``: among clients that used no worker time yet,
    the one that asked least goes first (a newcomer before a crowd that keeps retrying)."""
    typical: float = math.inf
    """Seconds its queries cost, the last counting half; infinite until one has finished."""
    admitted: int = 0
    waiting: deque[_Ticket] = field(default_factory=deque)

    def decay(self, now: float, half_life: float) -> None:
        factor = 0.5 ** ((now - self.stamp) / half_life)
        self.usage *= factor
        self.asked *= factor
        self.stamp = now

    def forgettable(self) -> bool:
        return self.admitted == 0 and self.usage < 1e-3 and self.asked < 1e-3


@dataclass(eq=False)
class _Ticket:
    client: _Client
    arrived: float
    future: asyncio.Future[Any]
    light: bool = False
    started: float = 0.0


@dataclass(frozen=True)
class Lease(Generic[W]):
    """A worker lent to one request; give it back with :meth:`FairScheduler.release`."""

    worker: W
    _ticket: _Ticket


class FairScheduler(Generic[W]):
    """Lends ``workers`` workers to requests, per client and in turn (see module doc)."""

    def __init__(
        self,
        workers: int,
        limits: AdmissionLimits,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._size = workers
        self._limits = limits
        self._reserved = max(0, min(limits.reserved, workers - 1))
        self._clock = clock
        self._idle: list[W] = []
        self._clients: dict[str, _Client] = {}
        self._admitted = 0
        self._heavy_running = 0

    @property
    def admitted(self) -> int:
        """Requests running or waiting now."""
        return self._admitted

    def add(self, worker: W) -> None:
        """A worker is ready (started, given back, or replacing a killed one)."""
        self._idle.append(worker)
        self._dispatch()

    async def acquire(self, key: str, timeout: float) -> Lease[W]:
        """A worker for a request of client *key*, within *timeout* seconds.

        Raises :class:`ServerBusy` when the client's queue or all queues are full, when the
        request's place is taken by a lighter client, or when no worker came in time.
        """
        now = self._clock()
        client = self._client(key, now)
        client.asked += 1
        if client.admitted >= self._limits.max_per_client:
            raise ServerBusy(
                f"you have {client.admitted} requests running or waiting; "
                "wait for their answers before sending more"
            )
        if self._admitted >= self._limits.max_admitted:
            self._make_room(client, now)
        ticket = _Ticket(client, now, asyncio.get_running_loop().create_future())
        client.admitted += 1
        self._admitted += 1
        client.waiting.append(ticket)
        self._dispatch()
        try:
            await asyncio.wait_for(asyncio.shield(ticket.future), timeout)
        except asyncio.TimeoutError:
            if not ticket.future.done():
                self._withdraw(ticket)
                raise ServerBusy("no query worker came free in time; retry later") from None
        except BaseException:  # cancelled: the request is gone
            if not ticket.future.done():
                self._withdraw(ticket)
            elif not ticket.future.cancelled() and ticket.future.exception() is None:
                lent: W = ticket.future.result()
                self.release(Lease(lent, ticket), lent)
            raise
        worker: W = ticket.future.result()
        return Lease(worker, ticket)

    def release(self, lease: Lease[W], worker: W | None, *, cost: float | None = None) -> None:
        """The request of *lease* is answered; *worker* is free again (None: it was killed,
        and its replacement will be :meth:`add`-ed). *cost*: the seconds of work the
        request took, when the worker knows (else the time it held the worker)."""
        ticket = lease._ticket
        client = ticket.client
        now = self._clock()
        client.decay(now, self._limits.half_life)
        spent = now - ticket.started
        client.usage += spent
        cost = spent if cost is None else cost
        client.typical = cost if math.isinf(client.typical) else (client.typical + cost) / 2
        client.admitted -= 1
        self._admitted -= 1
        if not ticket.light:
            self._heavy_running -= 1
        if worker is not None:
            self._idle.append(worker)
        self._dispatch()

    # ------------------------------------------------------------------ inside

    def _client(self, key: str, now: float) -> _Client:
        client = self._clients.get(key)
        if client is None:
            if len(self._clients) >= 4 * self._limits.max_admitted + 1024:
                self._forget(now)
            client = self._clients[key] = _Client(key, now)
        else:
            client.decay(now, self._limits.half_life)
        return client

    def _forget(self, now: float) -> None:
        """Drop clients with nothing admitted: the long forgotten ones, else the oldest."""
        idle = [c for c in self._clients.values() if c.admitted == 0]
        for client in idle:
            client.decay(now, self._limits.half_life)
        stale = [c for c in idle if c.forgettable()] or idle[: len(idle) // 2 + 1]
        for client in stale:
            del self._clients[client.key]

    def _light(self, client: _Client) -> bool:
        return client.typical <= self._limits.light_seconds

    def _dispatch(self) -> None:
        now = self._clock()
        while self._idle:
            heavy_allowed = self._heavy_running < self._size - self._reserved
            candidates = [
                c for c in self._clients.values() if c.waiting and (heavy_allowed or self._light(c))
            ]
            if not candidates:
                return
            for c in candidates:
                c.decay(now, self._limits.half_life)
            client = min(candidates, key=lambda c: (c.usage, c.asked, c.waiting[0].arrived))
            ticket = client.waiting.popleft()
            ticket.light = self._light(client)
            ticket.started = now
            if not ticket.light:
                self._heavy_running += 1
            ticket.future.set_result(self._idle.pop())

    def _make_room(self, newcomer: _Client, now: float) -> None:
        waiting = [c for c in self._clients.values() if c.waiting and c is not newcomer]
        for c in waiting:
            c.decay(now, self._limits.half_life)

        # Who should wait least: fewer requests, then quick queries, then less work done,
        # then fewer requests made.
        def claim(c: _Client, extra: int = 0) -> tuple[int, bool, float, float]:
            return (c.admitted + extra, not self._light(c), c.usage, c.asked)

        victim = max(waiting, key=claim, default=None)
        if victim is None or claim(victim) <= claim(newcomer, 1):
            raise ServerBusy("the endpoint is busy; retry later")
        ticket = victim.waiting.pop()
        victim.admitted -= 1
        self._admitted -= 1
        ticket.future.set_exception(
            ServerBusy("the endpoint is busy and other clients wait for less; retry later")
        )

    def _withdraw(self, ticket: _Ticket) -> None:
        ticket.client.waiting.remove(ticket)
        ticket.client.admitted -= 1
        self._admitted -= 1
        ticket.future.cancel()
