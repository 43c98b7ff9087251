"""Endpoint benchmark: our SPARQL endpoint against rdflib-endpoint, side by side in one run.

Builds two datasets with ``graph_builder.build.run_build`` (the bundled data, and synthetic
sources from ``bench_build.write_dataset``: 745 give ≈158k quads), then serves each in turn:

* **ours** — ``graph_builder.server.running_server`` over the persisted store (workers open
  it read-only), reply cache off (``cache_mb=0``); and once more with the cache on, for
  reference;
* **ours (baseline)** — optional, the same from another source tree (``--baseline DIR``, e.g.
  ``git archive COMMIT | tar -x -C DIR``), for before/after figures from one run;
* **Oxigraph server** — ``oxigraph serve-read-only`` (PyPI package ``oxigraph``, found beside
  the Python running this script or on the PATH; skipped when missing) over a store loaded
  from the same build's ``graph.trig`` with ``oxigraph load``, queried at ``/query``;
* **rdflib-endpoint** — ``rdflib_endpoint.SparqlEndpoint`` over an rdflib
  ``Dataset(default_union=True)`` parsed from the same build's ``graph.trig``, under uvicorn.

Every server runs in its own subprocess on 127.0.0.1. CLIENTS threads (httpx) send SPARQL
Protocol ``GET /sparql?query=`` requests (``Accept: application/sparql-results+json``),
cycling through three named queries (text from ``get_named_query``, parameters bound with
``bind_values``), until DURATION seconds have passed or each client has sent its request
quota; requests still running then are waited for and counted. With ``--named``, ours (and
the baseline) are also measured on the named-query route, ``GET /queries/NAME?param=…``,
which the endpoint answers without reading the query with rdflib's parser. Every reply must be 200 with
the same number of rows from every server. Prints one table; exit status 1 on any error or
row-count mismatch.

rdflib-endpoint is not a dependency of the project: install it in a separate environment,

    python -m venv .venv-rdflib-endpoint
    .venv-rdflib-endpoint/bin/pip install rdflib==7.6.0 rdflib-endpoint uvicorn

and pass ``--rdflib-python .venv-rdflib-endpoint/bin/python`` (the default when it exists).

    python benchmarks/bench_server.py                      # both datasets, 20 s per server
    python benchmarks/bench_server.py --datasets bundled --duration 10
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

QUERIES: list[tuple[str, dict[str, str]]] = [
    ("parties", {}),
    ("sectors", {}),
    ("agreements-by-country", {"country": "KR"}),
]
ACCEPT = "application/sparql-results+json"

OURS_CHILD = """
import functools, sys
from pathlib import Path
from graph_builder.rdf.store import open_store
from graph_builder.server import ServerConfig, running_server
factory = functools.partial(open_store, Path(sys.argv[1]))
# no row cap: every server returns the same rows (Oxigraph server has none)
config = ServerConfig(cache_mb=int(sys.argv[2]), workers=int(sys.argv[3]), timeout=float(sys.argv[4]),
                      max_concurrent=64, max_connections_per_client=64, max_rows=10**9)
with running_server(factory, config=config) as url:
    print("READY", url, flush=True)
    sys.stdin.read()
"""

OXIGRAPH_CHILD = """
import socket, subprocess, sys, time
binary, trig, db = sys.argv[1:4]
subprocess.run([binary, "load", "--location", db, "--file", trig], check=True, capture_output=True)
with socket.socket() as sock:
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
command = [binary, "serve-read-only", "--location", db, "--bind", "127.0.0.1:%d" % port]
server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(600):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        break
    except OSError:
        time.sleep(0.1)
print("READY", "http://127.0.0.1:%d" % port, flush=True)
sys.stdin.read()
server.terminate()
server.wait(30)
"""
OXIGRAPH = "Oxigraph server"

RDFLIB_ENDPOINT_CHILD = """
import socket, sys, threading
import uvicorn
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint
dataset = Dataset(default_union=True)
dataset.parse(sys.argv[1], format="trig")
app = SparqlEndpoint(path="/sparql", graph=dataset)
server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
thread = threading.Thread(target=server.run, daemon=True)
thread.start()
while not server.started:
    thread.join(0.05)
print("READY", "http://127.0.0.1:%d" % server.servers[0].sockets[0].getsockname()[1], flush=True)
sys.stdin.read()
server.should_exit = True
thread.join(30)
"""


@dataclass
class Run:
    dataset: str
    quads: int
    server: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rows: dict[str, set[int]] = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        if p == 50:
            return 1000 * statistics.median(ordered)
        return 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=["bundled", "synthetic"])
    parser.add_argument("--sources", type=int, default=745, help="synthetic sources")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per server")
    parser.add_argument(
        "--rdflib-requests",
        type=int,
        default=3,
        help="requests per client for rdflib-endpoint on the synthetic data (it is slow)",
    )
    parser.add_argument("--workers", type=int, default=0, help="our workers (0: one per CPU)")
    parser.add_argument("--timeout", type=float, default=60.0, help="our query timeout")
    parser.add_argument("--work", type=Path, help="folder for the builds (default: a temp dir)")
    parser.add_argument("--baseline", type=Path, help="source tree of ours (baseline)")
    parser.add_argument("--rdflib-python", type=Path, default=_default_rdflib_python())
    parser.add_argument("--no-rdflib", action="store_true", help="skip rdflib-endpoint")
    parser.add_argument(
        "--named", action="store_true", help="ours also on GET /queries/NAME (no cache)"
    )
    args = parser.parse_args()

    runs: list[Run] = []
    with _workdir(args.work) as work:
        for name in args.datasets:
            out, quads = _build(work, name, args.sources)
            print(f"# {name}: {quads:,} quads in {out}", file=sys.stderr, flush=True)
            servers: list[tuple[str, list[str], dict[str, str], int | None, float]] = []
            named_route: set[str] = set()
            store = str(out / "store")
            ours = [sys.executable, "-c", OURS_CHILD, store]
            cfg = [str(args.workers), str(args.timeout)]
            if not args.no_rdflib:
                slow = name == "synthetic"
                servers.append(
                    (
                        "rdflib-endpoint",
                        [
                            str(args.rdflib_python),
                            "-c",
                            RDFLIB_ENDPOINT_CHILD,
                            str(out / "graph.trig"),
                        ],
                        {},
                        args.rdflib_requests if slow else None,
                        float("inf") if slow else args.duration,
                    )
                )
            oxigraph = _oxigraph_binary()
            if oxigraph is not None:
                db = str(work / f"{name}-oxigraph-{len(runs)}")
                child = [
                    sys.executable,
                    "-c",
                    OXIGRAPH_CHILD,
                    oxigraph,
                    str(out / "graph.trig"),
                    db,
                ]
                servers.append((OXIGRAPH, child, {}, None, args.duration))
            servers.append(("ours, no cache", [*ours, "0", *cfg], {}, None, args.duration))
            if args.baseline:
                env = {"PYTHONPATH": str(args.baseline.resolve())}
                servers.append(
                    ("ours (baseline), no cache", [*ours, "0", *cfg], env, None, args.duration)
                )
            if args.named:
                for label, command, env, quota, duration in list(servers):
                    if label.startswith("ours"):
                        named_route.add(label + ", /queries/NAME")
                        servers.append((label + ", /queries/NAME", command, env, quota, duration))
            servers.append(("ours, cache 64 MB", [*ours, "64", *cfg], {}, None, args.duration))
            for label, command, env, quota, duration in servers:
                run = Run(name, quads, label)
                print(f"# {name}: {label} ...", file=sys.stderr, flush=True)
                with _server(command, env) as base:
                    path = "/query" if label == OXIGRAPH else "/sparql"
                    _load(run, base, args.clients, duration, quota, label in named_route, path)
                runs.append(run)
                print(
                    f"#   {len(run.latencies)} requests, {run.rate:.2f} req/s",
                    file=sys.stderr,
                    flush=True,
                )
    return _report(runs, args)


def _oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def _default_rdflib_python() -> Path:
    candidate = ROOT / ".venv-rdflib-endpoint" / "bin" / "python"
    return candidate if candidate.exists() else Path(sys.executable)


@contextmanager
def _workdir(work: Path | None) -> Iterator[Path]:
    if work is not None:
        work.mkdir(parents=True, exist_ok=True)
        yield work.resolve()
        return
    with tempfile.TemporaryDirectory(prefix="bench-server-") as tmp:
        yield Path(tmp)


def _build(work: Path, name: str, sources: int) -> tuple[Path, int]:
    """Build (or reuse) the dataset *name*; its output folder and quad count."""
    from graph_builder.build import run_build
    from graph_builder.manifest import open_build
    from graph_builder.ontology import Vocabulary, load_ontology

    if name == "bundled":
        data, out = None, work / "bundled"
    elif name == "synthetic":
        from bench_build import write_dataset

        data, out = work / f"synthetic-{sources}", work / f"synthetic-{sources}-build"
        if not data.exists():
            write_dataset(data, sources, Vocabulary.from_graph(load_ontology()))
    else:
        raise SystemExit(f"unknown dataset {name!r}: bundled or synthetic")
    store = open_build(out, data_dir=data)
    if store is None or not (out / "graph.trig").is_file():
        run_build(data, out, viewer=False)
        store = open_build(out, data_dir=data)
    assert store is not None
    quads = len(store)
    del store
    return out, quads


@contextmanager
def _server(command: list[str], env: dict[str, str]) -> Iterator[str]:
    """Start a server child (it prints ``READY URL``); stop it by closing its stdin."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    proc = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
        cwd=tempfile.gettempdir(),
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        line = proc.stdout.readline().split()
        if not line or line[0] != "READY":
            raise SystemExit(f"the server did not start: {' '.join(command[:2])}")
        base = line[1]
        if not base.startswith("http://127.0.0.1:"):
            raise SystemExit(f"refusing to load a non-local server: {base}")
        yield base
    finally:
        proc.stdin.close()
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def _requests(named: bool, sparql: str) -> list[tuple[str, str, dict[str, str]]]:
    """(name, path, parameters) of each request: the query's text with its parameters bound
    at the endpoint's path *sparql*, or with *named* the named query's own route."""
    from graph_builder.sparql.named import bind_params, bind_values, get_named_query

    out = []
    for name, params in QUERIES:
        if named:
            out.append((name, f"/queries/{name}", params))
            continue
        query = get_named_query(name)
        out.append((name, sparql, {"query": bind_values(query.text, bind_params(query, params))}))
    return out


def _load(
    run: Run,
    base: str,
    clients: int,
    duration: float,
    quota: int | None,
    named: bool = False,
    sparql: str = "/sparql",
) -> None:
    requests = _requests(named, sparql)
    with httpx.Client(base_url=base, timeout=900) as http:  # warm-up: one of each
        for name, path, params in requests:
            _one(http, run, name, path, params)
    run.latencies.clear()
    lock = threading.Lock()
    stop_at = time.perf_counter() + duration

    def client(index: int) -> None:
        mine: list[float] = []
        with httpx.Client(base_url=base, timeout=900) as http:
            i = 0
            while time.perf_counter() < stop_at and (quota is None or i < quota):
                name, path, params = requests[(index + i) % len(requests)]
                started = time.perf_counter()
                _one(http, run, name, path, params, lock)
                mine.append(time.perf_counter() - started)
                i += 1
        with lock:
            run.latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    run.elapsed = time.perf_counter() - started


def _one(
    http: httpx.Client,
    run: Run,
    name: str,
    path: str,
    params: dict[str, str],
    lock: threading.Lock | None = None,
) -> None:
    problem, rows = "", -1
    try:
        response = http.get(path, params=params, headers={"Accept": ACCEPT})
        if response.status_code != 200:
            problem = f"{name}: HTTP {response.status_code} {response.text[:200]!r}"
        else:
            rows = len(response.json()["results"]["bindings"])
    except (httpx.HTTPError, ValueError, KeyError) as exc:
        problem = f"{name}: {exc!r}"
    if lock is None:
        lock = threading.Lock()
    with lock:
        if problem:
            run.errors.append(problem)
        else:
            run.rows.setdefault(name, set()).add(rows)


def _ratio(run: Run, runs: list[Run], server: str) -> str:
    """*run*'s rate against *server*'s on the same dataset."""
    reference = next((r for r in runs if r.dataset == run.dataset and r.server == server), None)
    return f"{run.rate / reference.rate:.2f}×" if reference and reference.rate else "–"


def _report(runs: list[Run], args: argparse.Namespace) -> int:
    failed = False
    print(
        f"\n{args.clients} clients, SPARQL Protocol GET (ours /sparql, Oxigraph /query), queries "
        + ", ".join(
            n + ("(" + ",".join(f"{k}={v}" for k, v in p.items()) + ")" if p else "")
            for n, p in QUERIES
        )
        + f"; {os.cpu_count()} CPUs; ours: workers={args.workers or os.cpu_count()}\n"
    )
    header = (
        "| dataset | quads | server | requests | errors | req/s | p50 ms | p99 ms "
        "| vs rdflib-endpoint | vs Oxigraph server |"
    )
    print(header)
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for run in runs:
        ratios = [_ratio(run, runs, server) for server in ("rdflib-endpoint", OXIGRAPH)]
        print(
            f"| {run.dataset} | {run.quads:,} | {run.server} | {len(run.latencies)} "
            f"| {len(run.errors)} | {run.rate:.2f} | {run.percentile(50):.0f} "
            f"| {run.percentile(99):.0f} | {' | '.join(ratios)} |"
        )
    for dataset in dict.fromkeys(r.dataset for r in runs):
        mine = [r for r in runs if r.dataset == dataset]
        counts: dict[str, set[int]] = {}
        for r in mine:
            for name, seen in r.rows.items():
                counts.setdefault(name, set()).update(seen)
        for name, seen in counts.items():
            if len(seen) != 1:
                failed = True
                print(f"ROW COUNT MISMATCH on {dataset}, {name}: {sorted(seen)}")
        print(f"rows on {dataset}: " + ", ".join(f"{n} {sorted(s)}" for n, s in counts.items()))
    for run in runs:
        if run.errors:
            failed = True
            for problem in sorted(set(run.errors))[:5]:
                print(f"error ({run.dataset}, {run.server}): {problem}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
