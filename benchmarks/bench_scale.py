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

``--store-only`` is for sizes past this machine's memory and disk (100M quads: a store of
about 38 GB, 25 GB of N-Quads): only the store-only build runs, its quads are streamed out
through ``zstd`` into a compressed file, the build is removed (the benchmark made it), and
the raw load streams them back in (``bulk_load`` reading a pipe from ``zstd -dc``; the
decompression is another process, not counted in the load's figures). Neither side holds
the text in memory, so both peaks are the engine's and the build's own.
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


_STREAM_OUT = r"""
import sys
from pathlib import Path
from graph_builder.rdf.store import GraphStore
GraphStore.open(Path(sys.argv[1])).write(sys.stdout.buffer, "nq")
"""
_STREAM_IN = r"""
import sys, pyoxigraph
store = pyoxigraph.Store(sys.argv[1])
store.bulk_load(path="/dev/stdin", format=pyoxigraph.RdfFormat.N_QUADS, lenient=True)
store.flush()
"""


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


def run_store_only(work: Path, n: int) -> dict[str, object]:
    """The store-only build of *n* sources beside the streamed raw load of its quads."""
    from graph_builder.ontology import Vocabulary, load_ontology

    data = work / f"data-{n}"
    if not data.exists():
        write_dataset(data, n, Vocabulary.from_graph(load_ontology()))
    out = work / f"store-only-{n}"
    row: dict[str, object] = {"sources": n}
    build = [*_tool(), "build", "--data", str(data), "--full", "--out", str(out)]
    row["store-only"] = measure([*build, "--no-viewer", "--export", "none"])
    row["quads"] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["counts"][
        "quads"
    ]
    row["store MB"] = _megabytes(out / "store")
    packed = work / f"{n}.nq.zst"
    with packed.open("wb") as sink:
        dump = subprocess.Popen(
            [sys.executable, "-c", _STREAM_OUT, str(out / "store")], stdout=subprocess.PIPE
        )
        pack = subprocess.run(["zstd", "-q", "-1", "-c"], stdin=dump.stdout, stdout=sink)
        if dump.wait() != 0 or pack.returncode != 0:
            raise SystemExit("the store's quads could not be written out")
    shutil.rmtree(out)
    raw = work / f"raw-{n}"
    unpack = subprocess.Popen(["zstd", "-q", "-dc", str(packed)], stdout=subprocess.PIPE)
    row["raw"] = measure_stdin([sys.executable, "-c", _STREAM_IN, str(raw)], unpack)
    row["raw MB"] = _megabytes(raw)
    shutil.rmtree(raw)
    packed.unlink()
    return row


def measure_stdin(command: list[str], feeder: subprocess.Popen[bytes]) -> dict[str, float]:
    """:func:`measure` for a command reading *feeder*'s output on its standard input."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=feeder.stdout, stderr=subprocess.PIPE)
    if feeder.stdout is not None:
        feeder.stdout.close()  # the command holds the pipe now
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0 or feeder.wait() != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} failed: {error.strip()[-500:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def _megabytes(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def print_store_only(rows: list[dict[str, object]], before: str, after: str) -> None:
    print(f"\n{datetime.date.today().isoformat()}; load average before {before}, after {after}")
    print("wall and CPU in seconds, peak RSS and sizes on disk in MB; each a new process\n")
    print(
        "| sources | quads | store-only wall / CPU / RSS | store MB "
        "| raw load (streamed) wall / CPU / RSS | raw store MB | store-only ÷ raw (wall, CPU) |"
    )
    print("|" + "---:|" * 7)
    for row in rows:
        s, r = row["store-only"], row["raw"]
        assert isinstance(s, dict) and isinstance(r, dict)
        print(
            f"| {row['sources']:,} | {row['quads']:,} "
            f"| {s['wall']:.1f} / {s['cpu']:.1f} / {s['rss']:.0f} | {row['store MB']:,.0f} "
            f"| {r['wall']:.1f} / {r['cpu']:.1f} / {r['rss']:.0f} | {row['raw MB']:,.0f} "
            f"| {s['wall'] / r['wall']:.2f}, {s['cpu'] / r['cpu']:.2f} |"
        )


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
    parser.add_argument(
        "--store-only",
        action="store_true",
        help="Only the store-only build and a streamed raw load (for sizes past memory).",
    )
    args = parser.parse_args()
    size = run_store_only if args.store_only else run_size
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    before = _load()
    try:
        rows = [size(work, n) for n in args.sizes]
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    (print_store_only if args.store_only else print_table)(rows, before, _load())


if __name__ == "__main__":
    main()
