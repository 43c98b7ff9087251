"""Push benchmark: the Graph Store Protocol against Virtuoso's bulk loader, on the same quads.

Run: PYTHONPATH=. python benchmarks/bench_push.py [--sources 6400] [--shard-bytes 100000000]

For the bundled data, then for each ``--sources`` count of synthetic sources (the generator
of ``bench_build.py``; 6,400 sources ≈ 1.35M quads), the build is pushed into a new, empty
Debian Virtuoso 7 twice over, each time in a Virtuoso of its own with the same settings:

- ``push`` as the command does it: every named graph dumped as N-Triples, one GSP PUT per
  graph, each count checked by a SPARQL ``COUNT``;
- ``export --format nq --shard-size`` then ``push --bulk``: shards written from the store,
  ``ld_dir`` / ``rdf_loader_run()`` / ``checkpoint`` over isql, the counts checked; and the
  same bulk push again into the loaded store (each graph cleared and loaded anew).

One table: quads, graphs, GSP push (s), shards written (s), bulk push (s), bulk again (s),
GSP ÷ (shards + bulk), whether both stores hold the build's count in every graph, and the
machine's 1-minute load average (lowest–highest, sampled every 5 s) while the row ran.
Then the GSP push in its two steps (the N-Triples dump, the PUTs with their counts) and
the bulk push by stage. Nothing is asserted: the figures are for comparing commits on the
same machine.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_build import write_dataset

from graph_builder.publish import built_graphs, push_graphs
from graph_builder.publish_bulk import BulkTarget, push_bulk
from graph_builder.rdf.store import GraphStore
from graph_builder.shards import read_shards, write_shards
from tests.stores import running_virtuoso

BUFFERS = 100_000
"""Virtuoso's cache in 8 KiB pages (about 800 MB), for both pushes."""


def _gsp(store: GraphStore, work: Path) -> tuple[float, dict[str, int]]:
    with running_virtuoso(work, buffers=BUFFERS) as virtuoso:
        started = time.perf_counter()
        target = virtuoso.push_target(graph_timeout=3600)
        graphs = built_graphs(store)
        dumped = time.perf_counter()
        push_graphs(graphs, target)
        done = time.perf_counter()
        GSP_STAGES.append((work.name.removeprefix("gsp-"), dumped - started, done - dumped))
        return done - started, virtuoso.counts()


GSP_STAGES: list[tuple[str, float, float]] = []
"""Per data set, the GSP push's two steps: the N-Triples dump of every graph from the
store, then the PUTs and the count queries (seconds)."""


def _bulk(
    store: GraphStore, work: Path, shard_bytes: int
) -> tuple[float, float, float, dict[str, int]]:
    with running_virtuoso(work, buffers=BUFFERS) as virtuoso:
        assert virtuoso.sql is not None and virtuoso.loadable is not None
        folder = virtuoso.loadable / "shards"
        started = time.perf_counter()
        write_shards(store, folder, shard_bytes=shard_bytes)
        written = time.perf_counter() - started
        target = BulkTarget(virtuoso.sql, "dba", "dba")
        times, unlogged = [], []
        said = logging.getLogger("graph_builder.publish_bulk")
        for _ in range(2):
            clock = _Stages()
            said.addHandler(clock)
            try:
                push_bulk(read_shards(folder), target, stage=clock)
            finally:
                said.removeHandler(clock)
            times.append(clock.stop())
            unlogged.append(any("unlogged" in line for line in clock.said))
        STAGES.append((work.name.removeprefix("bulk-"), times, unlogged))
        return written, times[0]["all"], times[1]["all"], virtuoso.counts()


STAGES: list[tuple[str, list[dict[str, float]], list[bool]]] = []
"""Per data set, the bulk push's stages (first push, then again), seconds by stage, and
whether each push replaced the graphs unlogged (a transaction too large for Virtuoso)."""


class _Stages(logging.Handler):
    """A push_bulk stage callback that times each stage, named by its words less numbers
    (two stages start with "counting": the staging graphs', then the targets'); as a
    logging handler, it keeps what the push logged."""

    def __init__(self) -> None:
        super().__init__()
        self.said: list[str] = []
        self.started = self.last = time.perf_counter()
        self.name = ""
        self.seconds: dict[str, float] = {}

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        if self.name:
            self.seconds[self.name] = now - self.last
        self.name, self.last = " ".join(w for w in name.split() if not w.isdigit()), now

    def emit(self, record: logging.LogRecord) -> None:
        self.said.append(record.getMessage())

    def stop(self) -> dict[str, float]:
        self("end")
        self.seconds["all"] = time.perf_counter() - self.started
        return self.seconds


class _Load:
    """The machine's 1-minute load average, sampled every few seconds while in use."""

    def __init__(self) -> None:
        self.samples = [os.getloadavg()[0]]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> _Load:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append(os.getloadavg()[0])

    def _sample(self) -> None:
        while not self._stop.wait(5):
            self.samples.append(os.getloadavg()[0])

    def __str__(self) -> str:
        return f"{min(self.samples):.1f}–{max(self.samples):.1f}"


def _row(name: str, label: str, store: GraphStore, work: Path, shard_bytes: int) -> str:
    with _Load() as load:
        gsp, by_gsp = _gsp(store, work / f"gsp-{name}")
        written, bulk, again, by_bulk = _bulk(store, work / f"bulk-{name}", shard_bytes)
    by_build = {iri: store.count(iri) for iri in store.named_graphs()}
    ratio = gsp / (written + bulk)
    same = "yes" if by_gsp == by_bulk == by_build else "NO"
    return (
        f"| {label} | {len(store):,} | {len(store.named_graphs()):,} | {gsp:.1f} | "
        f"{written:.1f} | {bulk:.1f} | {again:.1f} | {ratio:.2f}× | {same} | {load} |"
    )


def run(sources: list[int], shard_bytes: int) -> None:
    from graph_builder.build import run_build
    from graph_builder.dataset import load_dataset
    from graph_builder.ontology import Vocabulary, load_ontology

    if shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None:
        sys.exit("needs Debian's Virtuoso: apt-get install virtuoso-opensource")
    print(
        "| data | quads | graphs | GSP push (s) | shards (s) | bulk push (s) | bulk again (s) "
        "| GSP ÷ shards+bulk | same counts | load |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|---|")
    work = Path(tempfile.mkdtemp(prefix="bench-push-"))
    try:
        names = ["bundled", *map(str, sources)]
        for name in names:
            (work / f"gsp-{name}").mkdir()
            (work / f"bulk-{name}").mkdir()
            if name == "bundled":
                store = load_dataset()
            else:
                vocabulary = Vocabulary.from_graph(load_ontology())
                write_dataset(work / f"data-{name}", int(name), vocabulary)
                build = work / f"build-{name}"
                run_build(work / f"data-{name}", build, viewer=False, exports=(), incremental=False)
                store = GraphStore.open(build / "store")
            label = name if name == "bundled" else f"{int(name):,} sources"
            print(_row(name, label, store, work, shard_bytes), flush=True)
        print("\nGSP push by step (s):")
        for name, dump, put in GSP_STAGES:
            print(f"- {name}: N-Triples dump {dump:.1f}, PUTs and counts {put:.1f}")
        print(
            "\nbulk push by stage (s), first push / again (replacing runs until the last "
            "count: the replacement, removing the staging graphs, the checkpoint):"
        )
        for name, (first, again), unlogged in STAGES:
            cells = ", ".join(f"{k} {first[k]:.1f} / {again[k]:.1f}" for k in first if k != "all")
            flags = " / ".join("yes" if u else "no" for u in unlogged)
            print(f"- {name}: {cells}; replaced unlogged: {flags}")
    except BaseException:
        # Each Virtuoso's log (virtuoso.log in its folder) is what tells why a push failed.
        print(f"kept {work} for a look: each Virtuoso's log is in its folder", file=sys.stderr)
        raise
    shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sources", type=int, nargs="*", default=[6400])
    parser.add_argument("--shard-bytes", type=int, default=100_000_000)
    args = parser.parse_args()
    # The bulk push says when it replaces unlogged (a transaction too large for Virtuoso).
    logging.getLogger("graph_builder.publish_bulk").setLevel(logging.INFO)
    run(args.sources, args.shard_bytes)


if __name__ == "__main__":
    main()
