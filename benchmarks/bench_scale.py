"""Scale benchmark: the build as a user runs it, beside the store-only build and the engine's
own bulk load of the same quads, at growing numbers of sources.

Run: python benchmarks/bench_scale.py [--sizes 1000 3200] [--keep DIR]

With ``--keep DIR`` the sources are written once into ``DIR/data-N`` and used again by
later runs with the same DIR (the builds are removed after each size either way).

For each size, synthetic sources (those of ``bench_build.py``: one agreement each with its
parties, 3 sectors, 6 activities, 4 objectives and a term) are written, then each of these
runs as a command in a new process, measured by the operating system (``wait4``: wall and
CPU seconds, peak RSS of the process):

- store-only: ``graph-builder build --no-viewer --export none --full``;
- default: ``graph-builder build --full`` (the exports a build writes by default, and the
  viewer);
- raw: the store's quads dumped to N-Quads, then loaded by pyoxigraph's ``bulk_load`` into
  an empty store on disk (unchecked, as the build loads its own), the engine's floor;
- view: ``graph-builder view`` on the default build.

One table is printed, with the date and the load average before and after (the machine is
shared: compare figures from one run). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_build import write_dataset

_ENV = {**os.environ, "GRAPH_BUILDER_MAX_FILE_MB": "64"}  # the agreements' file grows
_RAW = r"""
import sys, pyoxigraph
data = open(sys.argv[1], "rb").read()
store = pyoxigraph.Store(sys.argv[2])
store.bulk_load(data, pyoxigraph.RdfFormat.N_QUADS, lenient=True)
store.flush()
"""
_DUMP = r"""
import sys
from pathlib import Path
from graph_builder.rdf.store import GraphStore
Path(sys.argv[2]).write_bytes(GraphStore.open(Path(sys.argv[1])).dump("nq"))
"""


def measure(command: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Run *command* (in *env*, else this one with a larger file cap); its wall and CPU
    seconds and peak RSS (MB), from the kernel."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env or _ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} failed: {error.strip()[-500:]}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss / 1024,
    }


def _tool() -> list[str]:
    return [sys.executable, "-m", "graph_builder"]


def run_size(work: Path, n: int) -> dict[str, object]:
    from graph_builder.ontology import Vocabulary, load_ontology

    data = work / f"data-{n}"
    if not data.exists():  # --keep DIR: the sources of an earlier run are used again
        write_dataset(data, n, Vocabulary.from_graph(load_ontology()))
    store_only, default = work / f"store-only-{n}", work / f"default-{n}"
    build = [*_tool(), "build", "--data", str(data), "--full"]
    row: dict[str, object] = {"sources": n}
    row["store-only"] = measure(
        [*build, "--out", str(store_only), "--no-viewer", "--export", "none"]
    )
    row["default"] = measure([*build, "--out", str(default)])
    counts = json.loads((store_only / "manifest.json").read_text(encoding="utf-8"))["counts"]
    row["quads"] = counts["quads"]
    nquads = work / f"{n}.nq"
    subprocess.run(
        [sys.executable, "-c", _DUMP, str(store_only / "store"), str(nquads)], check=True
    )
    row["raw"] = measure([sys.executable, "-c", _RAW, str(nquads), str(work / f"raw-{n}")])
    nquads.unlink()
    page = work / f"view-{n}.html"
    view = [*_tool(), "view", "--data", str(data), "--build", str(default), "-o", str(page)]
    row["view"] = measure(view)
    for folder in (store_only, default, work / f"raw-{n}"):
        shutil.rmtree(folder, ignore_errors=True)
    return row


def print_table(rows: list[dict[str, object]], before: str, after: str) -> None:
    print(f"\n{datetime.date.today().isoformat()}; load average before {before}, after {after}")
    print("wall and CPU in seconds, peak RSS in MB; each a command in a new process\n")
    header = (
        "| sources | quads | store-only wall / CPU / RSS | default wall / CPU / RSS "
        "| raw load wall / CPU / RSS | default ÷ store-only (wall, CPU, RSS) "
        "| store-only ÷ raw (wall, CPU) "
        "| view wall / CPU |"
    )
    print(header)
    print("|" + "---:|" * 8)
    for row in rows:
        s, d, r, v = (row[k] for k in ("store-only", "default", "raw", "view"))
        assert isinstance(s, dict) and isinstance(d, dict) and isinstance(r, dict)
        assert isinstance(v, dict)
        print(
            f"| {row['sources']:,} | {row['quads']:,} "
            f"| {s['wall']:.1f} / {s['cpu']:.1f} / {s['rss']:.0f} "
            f"| {d['wall']:.1f} / {d['cpu']:.1f} / {d['rss']:.0f} "
            f"| {r['wall']:.1f} / {r['cpu']:.1f} / {r['rss']:.0f} "
            f"| {d['wall'] / s['wall']:.2f}, {d['cpu'] / s['cpu']:.2f}, {d['rss'] / s['rss']:.2f} "
            f"| {s['wall'] / r['wall']:.2f}, {s['cpu'] / r['cpu']:.2f} "
            f"| {v['wall']:.1f} / {v['cpu']:.1f} |"
        )


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3200])
    parser.add_argument("--keep", type=Path, help="Work in this folder and keep it.")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    before = _load()
    try:
        rows = [run_size(work, n) for n in args.sizes]
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print_table(rows, before, _load())


if __name__ == "__main__":
    main()
