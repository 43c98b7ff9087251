"""Peak memory and incremental builds on synthetic data: what the build command costs as typed.

Run: python benchmarks/bench_memory.py [--sizes 1000 6400]

For each size (1,000 sources ≈ 200k quads, 6,400 ≈ 1.35M; the data of
``bench_build.py``), each in a new process under ``/usr/bin/time -v``:

1. ``graph-builder build --no-viewer --export none`` from nothing: wall and CPU seconds,
   peak RSS;
2. the same command after one source file changed (an incremental build), and its stages
   in-process: imports, the build itself (wall and CPU);
3. beside it, the engine's floor for the same change ("raw"): a process that copies the
   built store (the engine's backup), loads the changed source's quads into the copy in one
   transaction and flushes it, with nothing else (no reading, checking or validating).

The processes run with Python's bytecode cached (in a folder of the benchmark's own), as an
installed package runs: without it every start compiles the modules again, a tenth of a
second that no user pays twice. The date and the load average are printed with the table.
Nothing is asserted: the figures are for comparing commits on the same machine.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_build import write_dataset

_TIME = "/usr/bin/time"
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _timed(args: Sequence[object]) -> dict[str, float]:
    """Wall, CPU seconds and peak RSS (MB) of *args* run in a new process."""
    t = time.perf_counter()
    command = [_TIME, "-v", *map(str, args)]
    out = subprocess.run(command, capture_output=True, text=True, env=_ENV)
    wall = time.perf_counter() - t
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{out.stderr[-2000:]}")

    def field(name: str) -> float:
        found = re.search(rf"{re.escape(name)}: ([\d.]+)", out.stderr)
        assert found is not None, name
        return float(found.group(1))

    cpu = field("User time (seconds)") + field("System time (seconds)")
    return {"wall": wall, "cpu": cpu, "rss_mb": field("Maximum resident set size (kbytes)") / 1024}


_STAGES = r"""
import json, sys, time
t, c = time.perf_counter(), time.process_time()
from graph_builder.build import run_build
imports, imports_cpu = time.perf_counter() - t, time.process_time() - c
from pathlib import Path
t, c = time.perf_counter(), time.process_time()
summary = run_build(Path(sys.argv[1]), Path(sys.argv[2]), viewer=False, exports=())
print(json.dumps({"imports": imports, "imports_cpu": imports_cpu,
                  "build": time.perf_counter() - t, "build_cpu": time.process_time() - c,
                  "how": summary.how, "quads": summary.quads}))
"""
_GRAPH = r"""
import sys
from pathlib import Path
from graph_builder.rdf.store import GraphStore
store = GraphStore.open(Path(sys.argv[1]))
Path(sys.argv[3]).write_bytes(store.graph_nquads(sys.argv[2]))
"""
_RAW = r"""
import sys, pyoxigraph
pyoxigraph.Store.read_only(sys.argv[1]).backup(sys.argv[2])
store = pyoxigraph.Store(sys.argv[2])
store.load(open(sys.argv[3], "rb").read(), pyoxigraph.RdfFormat.N_QUADS)
store.flush()
"""


def _change_one(data: Path, step: int) -> None:
    path = data / "sources" / "b0.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"at: p\. \d+", f"at: p. {step + 2}", text), encoding="utf-8")


def run(sizes: list[int]) -> None:
    from graph_builder.namespaces import source_graph
    from graph_builder.ontology import Vocabulary, load_ontology

    vocabulary = Vocabulary.from_graph(load_ontology())
    command = [sys.executable, "-m", "graph_builder", "build", "--no-viewer", "--export", "none"]
    work = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    _ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    rows = []
    started, load = datetime.datetime.now(datetime.UTC), os.getloadavg()
    try:
        for n in sizes:
            data, out = work / f"data-{n}", work / f"build-{n}"
            write_dataset(data, n, vocabulary)
            args = [*command, "--data", str(data), "--out", str(out)]
            full = _timed(args)
            _change_one(data, 0)
            incremental = _timed(args)
            _change_one(data, 1)
            staged = json.loads(_python(_STAGES, data, out).strip().splitlines()[-1])
            assert staged["how"].startswith("incremental"), staged["how"]
            changed = work / "changed.nq"
            _python(_GRAPH, out / "store", source_graph("B0"), changed)
            raw = _timed([sys.executable, "-c", _RAW, out / "store", work / "raw", changed])
            shutil.rmtree(work / "raw")
            rows.append((n, staged["quads"], full, incremental, staged, raw))
            shutil.rmtree(out)
            shutil.rmtree(data)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{started:%Y-%m-%d %H:%M} UTC, load average {load[0]:.1f} -> {os.getloadavg()[0]:.1f}")
    print("build --no-viewer --export none (each in a new process; seconds, MB)")
    cols = ["sources", "quads", "full", "CPU", "RSS MB", "1 changed", "CPU", "RSS MB"]
    cols += ["imports", "CPU", "in-process", "CPU", "raw", "CPU"]
    print("  ".join(f"{c:>10}" for c in cols))
    for n, quads, full, incremental, staged, raw in rows:
        cells = [f"{n:,}", f"{quads:,}"]
        for measured in (full, incremental):
            cells += [f"{measured['wall']:.2f}", f"{measured['cpu']:.2f}"]
            cells += [f"{measured['rss_mb']:.0f}"]
        cells += [f"{staged['imports']:.2f}", f"{staged['imports_cpu']:.2f}"]
        cells += [f"{staged['build']:.2f}", f"{staged['build_cpu']:.2f}"]
        cells += [f"{raw['wall']:.2f}", f"{raw['cpu']:.2f}"]
        print("  ".join(f"{c:>10}" for c in cells))


def _python(code: str, *args: object) -> str:
    """Run *code* with *args* in a new Python process; its standard output."""
    command = [sys.executable, "-c", code, *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=True, env=_ENV).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 6400])
    args = parser.parse_args()
    run(args.sizes)


if __name__ == "__main__":
    main()
