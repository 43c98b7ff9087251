"""Fair admission (graph_builder.server.admission) and trusted proxies, without a server.

The scheduler lends named workers; a fake clock makes "this query took 2 s" exact.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from graph_builder.errors import ServerBusy, ServerError
from graph_builder.server.admission import AdmissionLimits, FairScheduler, Lease
from graph_builder.server.proxies import TrustedProxies


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def run(test: Callable[[], Awaitable[Any]]) -> Any:
    return asyncio.run(asyncio.wait_for(test(), 10))


def scheduler(workers: int = 2, clock: Clock | None = None, **limits: Any) -> FairScheduler[str]:
    s: FairScheduler[str] = FairScheduler(
        workers, AdmissionLimits(**limits), clock=clock or Clock()
    )
    for n in range(workers):
        s.add(f"w{n}")
    return s


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def finish(s: FairScheduler[str], clock: Clock, key: str, seconds: float) -> None:
    """One query of *key* that takes *seconds* (on the fake clock)."""
    lease = await s.acquire(key, 5)
    clock.now += seconds
    s.release(lease, lease.worker)


def test_a_clients_queue_is_capped_others_are_still_admitted() -> None:
    async def test() -> None:
        clock = Clock()
        s = scheduler(1, clock, max_per_client=2, max_admitted=10, reserved=0)
        first = await s.acquire("a", 5)
        waiting = asyncio.ensure_future(s.acquire("a", 5))
        await settle()
        with pytest.raises(ServerBusy, match="you have 2 requests running or waiting"):
            await s.acquire("a", 5)
        other = asyncio.ensure_future(s.acquire("b", 5))
        await settle()
        assert s.admitted == 3
        clock.now += 1.0
        s.release(first, first.worker)
        lease = await other  # b has used less: it goes first
        assert not waiting.done()
        s.release(lease, lease.worker)
        lease = await waiting
        s.release(lease, lease.worker)
        assert s.admitted == 0

    run(test)


def test_a_free_worker_goes_to_the_client_that_used_least() -> None:
    async def test() -> None:
        clock = Clock()
        s = scheduler(1, clock, reserved=0, max_per_client=8, max_admitted=20)
        await finish(s, clock, "heavy", 2.0)
        await finish(s, clock, "medium", 1.0)
        running = await s.acquire("heavy", 5)
        order: list[str] = []

        async def ask(key: str) -> None:
            lease = await s.acquire(key, 5)
            order.append(key)
            clock.now += 0.1
            s.release(lease, lease.worker)

        tasks = [asyncio.ensure_future(ask(k)) for k in ("heavy", "heavy", "medium", "new")]
        await settle()
        s.release(running, running.worker)
        await asyncio.gather(*tasks)
        assert order == ["new", "medium", "heavy", "heavy"]

    run(test)


def test_among_clients_without_work_done_the_one_that_asked_least_goes_first() -> None:
    async def test() -> None:
        clock = Clock()
        s = scheduler(1, clock, reserved=0, max_per_client=8, max_admitted=3)
        running = await s.acquire("busy", 5)
        for _ in range(5):  # a client that keeps retrying
            with pytest.raises(ServerBusy):
                await s.acquire("retrier", 0.01)
        retrier = asyncio.ensure_future(s.acquire("retrier", 5))
        await settle()
        newcomer = asyncio.ensure_future(s.acquire("new", 5))
        await settle()
        clock.now += 1.0
        s.release(running, running.worker)
        lease = await newcomer
        assert not retrier.done()
        s.release(lease, lease.worker)
        lease = await retrier
        s.release(lease, lease.worker)

    run(test)


def test_reserved_workers_serve_only_clients_with_quick_queries() -> None:
    async def test() -> None:
        clock = Clock()
        s = scheduler(2, clock, reserved=1, max_per_client=8, max_admitted=20)
        await finish(s, clock, "quick", 0.01)  # known: its queries are quick
        heavy = await s.acquire("unknown", 5)  # unknown clients count as heavy
        second = asyncio.ensure_future(s.acquire("unknown", 5))
        await settle()
        assert not second.done(), "a heavy client took the reserved worker"
        quick = await s.acquire("quick", 1)  # answered at once, heavy one still waiting
        assert not second.done()
        s.release(quick, quick.worker)
        s.release(heavy, heavy.worker)
        lease = await second
        s.release(lease, lease.worker)

    run(test)


def test_when_all_queues_are_full_a_lighter_client_takes_the_heaviest_clients_place() -> None:
    async def test() -> None:
        clock = Clock()
        s = scheduler(1, clock, reserved=0, max_per_client=8, max_admitted=3)
        await finish(s, clock, "hog", 5.0)
        running = await s.acquire("hog", 5)
        queued = [asyncio.ensure_future(s.acquire("hog", 5)) for _ in range(2)]
        await settle()
        newcomer = asyncio.ensure_future(s.acquire("new", 5))
        await settle()
        assert isinstance(queued[1].exception(), ServerBusy), "the hog's newest request stays"
        assert not queued[0].done() and not newcomer.done()
        assert s.admitted == 3
        # hog 2, new 1: a further request of the hog finds nothing lighter to displace
        with pytest.raises(ServerBusy, match="busy"):
            await s.acquire("hog", 5)
        s.release(running, running.worker)
        lease = await newcomer
        s.release(lease, lease.worker)
        lease = await queued[0]
        s.release(lease, lease.worker)
        assert s.admitted == 0

    run(test)


@pytest.mark.parametrize("how", ["timeout", "cancel"])
def test_a_request_that_stops_waiting_gives_its_place_back(how: str) -> None:
    async def test() -> None:
        s = scheduler(1, reserved=0, max_per_client=8, max_admitted=8)
        running = await s.acquire("a", 5)
        if how == "timeout":
            with pytest.raises(ServerBusy, match="no query worker came free in time"):
                await s.acquire("b", 0.05)
        else:
            waiting = asyncio.ensure_future(s.acquire("b", 5))
            await settle()
            waiting.cancel()
            await settle()
        assert s.admitted == 1
        s.release(running, running.worker)
        lease: Lease[str] = await s.acquire("c", 1)
        assert lease.worker == "w0"
        s.release(lease, lease.worker)

    run(test)


def test_a_killed_worker_is_replaced_by_the_one_added() -> None:
    async def test() -> None:
        s = scheduler(1, reserved=0, max_per_client=8, max_admitted=8)
        lease = await s.acquire("a", 5)
        waiting = asyncio.ensure_future(s.acquire("b", 5))
        s.release(lease, None)  # killed after a timeout
        await settle()
        assert not waiting.done()
        s.add("w-new")
        assert (await waiting).worker == "w-new"

    run(test)


@pytest.mark.parametrize(
    ("trusted", "forwarded", "client"),
    [
        (["127.0.0.1"], ["203.0.113.9"], "203.0.113.9"),
        (["127.0.0.1"], ["198.51.100.1, 203.0.113.9"], "203.0.113.9"),  # rightmost untrusted
        (["127.0.0.1", "10.0.0.0/8"], ["203.0.113.9, 10.1.2.3"], "203.0.113.9"),
        (["127.0.0.1"], ["203.0.113.9", "198.51.100.7"], "198.51.100.7"),  # two headers
        (["*"], ["198.51.100.1, 203.0.113.9"], "198.51.100.1"),  # all trusted: leftmost
        (["127.0.0.1"], [], None),
        (["127.0.0.1"], [" , "], None),
    ],
)
def test_forwarded_client_is_the_rightmost_untrusted_hop(
    trusted: list[str], forwarded: list[str], client: str | None
) -> None:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded]
    assert TrustedProxies(trusted).client([(b"host", b"x"), *headers]) == client


@pytest.mark.parametrize(
    ("trusted", "peer", "trusts"),
    [
        ([], "127.0.0.1", False),
        (["127.0.0.1"], "127.0.0.1", True),
        (["127.0.0.1"], "127.0.0.2", False),
        (["127.0.0.0/8"], "127.0.0.2", True),
        (["::1"], "::1", True),
        (["*"], "192.0.2.1", True),
        (["127.0.0.1"], "not-an-address", False),
    ],
)
def test_trusted_proxies(trusted: list[str], peer: str, trusts: bool) -> None:
    assert TrustedProxies(trusted).trusts(peer) is trusts


def test_a_trusted_proxy_that_is_no_address_is_refused_with_the_entry_named() -> None:
    with pytest.raises(
        ServerError, match=re.escape("trusted proxy 'proxy.local' is not an IP address")
    ):
        TrustedProxies(["127.0.0.1", "proxy.local"])
