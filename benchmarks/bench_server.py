"""Load test of ``graph-builder serve``: concurrent clients running the named queries.

Starts the endpoint on the default dataset in a subprocess (on a free local port), then
CLIENTS threads each send REQUESTS requests, cycling through every named query with its
example parameters, and prints requests/s, p50/p99 latency and the error count.

    python benchmarks/bench_server.py                    # 8 clients x 500 requests
    python benchmarks/bench_server.py --no-cache --requests 25
    python benchmarks/bench_server.py --url http://127.0.0.1:8000   # an already running server

Exit status 1 when any request failed (anything but 200 with rows).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from graph_builder.sparql.named import named_queries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=500, help="per client")
    parser.add_argument("--url", help="benchmark this running server instead of starting one")
    parser.add_argument("--workers", type=int, default=0, help="worker processes (0: one per CPU)")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--no-cache", action="store_true", help="turn the reply cache off")
    args = parser.parse_args()

    targets = [
        (f"/queries/{q.name}", q.example) for q in sorted(named_queries().values(), key=_name)
    ]
    with _server(args) as base:
        _warm_up(base, targets)
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()

        def client(index: int) -> None:
            mine, failed = [], []
            with httpx.Client(base_url=base, timeout=args.timeout + 30) as http:
                for i in range(args.requests):
                    path, params = targets[(index + i) % len(targets)]
                    started = time.perf_counter()
                    try:
                        response = http.get(path, params=params)
                        ok = response.status_code == 200 and response.json()["results"]["bindings"]
                        problem = "" if ok else f"{path}: {response.status_code}"
                    except (httpx.HTTPError, ValueError, KeyError) as exc:
                        problem = f"{path}: {exc!r}"
                    mine.append(time.perf_counter() - started)
                    if problem:
                        failed.append(problem)
            with lock:
                latencies.extend(mine)
                errors.extend(failed)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started

    latencies.sort()
    total = len(latencies)
    print(f"clients          {args.clients}")
    print(f"requests         {total} ({len(targets)} named queries, cache {_cache(args)})")
    print(f"cpus             {os.cpu_count()}")
    print(f"elapsed          {elapsed:.1f} s")
    print(f"requests/s       {total / elapsed:.1f}")
    print(f"latency p50      {1000 * statistics.median(latencies):.1f} ms")
    print(f"latency p99      {1000 * latencies[min(total - 1, int(total * 0.99))]:.1f} ms")
    print(f"latency max      {1000 * latencies[-1]:.1f} ms")
    print(f"errors           {len(errors)}")
    for problem in sorted(set(errors))[:10]:
        print(f"  {problem}", file=sys.stderr)
    return 1 if errors else 0


def _name(q: object) -> str:
    return str(getattr(q, "name", ""))


def _cache(args: argparse.Namespace) -> str:
    return "n/a (external server)" if args.url else ("off" if args.no_cache else "on")


def _warm_up(base: str, targets: list[tuple[str, dict[str, str]]]) -> None:
    """One request per query, so every worker has parsed rdflib's grammar once."""
    with httpx.Client(base_url=base, timeout=120) as http:
        for path, params in targets:
            http.get(path, params=params).raise_for_status()


@contextmanager
def _server(args: argparse.Namespace) -> Iterator[str]:
    if args.url:
        yield args.url.rstrip("/")
        return
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = (
        f"ServerConfig(workers={args.workers}, timeout={args.timeout}, "
        f"max_concurrent={4 * args.clients}, cache_mb={0 if args.no_cache else 64})"
    )
    code = (
        "from graph_builder.server.app import ServerConfig, serve\n"
        f"serve(port={port}, config={config}, log_level='warning')\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code])
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(f"{base}/sparql", params={"query": "ASK {}"}).raise_for_status()
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(30)


if __name__ == "__main__":
    sys.exit(main())
