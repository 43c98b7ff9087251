"""Peak memory and incremental builds on synthetic data: what the build command costs as typed.

Run: python benchmarks/bench_memory.py [--sizes 1000 6400]

For each size (1,000 sources ≈ 200k quads, 6,400 ≈ 1.35M; the data of
``bench_build.py``), each in a new process under ``/usr/bin/time -v``:

1. ``graph-builder build --no-viewer --export none`` from nothing: wall and CPU seconds,
   peak RSS;
2. the same command after one source file changed (an incremental build), and its stages
   in-process: imports, the build itself.

Nothing is asserted: the figures are for comparing commits on the same machine.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_build import write_dataset

_TIME = "/usr/bin/time"


def _timed(args: list[str]) -> dict[str, float]:
    """Wall, CPU seconds and peak RSS (MB) of *args* run in a new process."""
    t = time.perf_counter()
    out = subprocess.run([_TIME, "-v", *args], capture_output=True, text=True)
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
t = time.perf_counter()
from graph_builder.build import run_build
imports = time.perf_counter() - t
from pathlib import Path
t = time.perf_counter()
summary = run_build(Path(sys.argv[1]), Path(sys.argv[2]), viewer=False, exports=())
print(json.dumps({"imports": imports, "build": time.perf_counter() - t, "how": summary.how,
                  "quads": summary.quads}))
"""


def _change_one(data: Path, step: int) -> None:
    path = data / "sources" / "b0.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"at: p\. \d+", f"at: p. {step + 2}", text), encoding="utf-8")


def run(sizes: list[int]) -> None:
    from graph_builder.ontology import Vocabulary, load_ontology

    vocabulary = Vocabulary.from_graph(load_ontology())
    command = [sys.executable, "-m", "graph_builder", "build", "--no-viewer", "--export", "none"]
    work = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    rows = []
    try:
        for n in sizes:
            data, out = work / f"data-{n}", work / f"build-{n}"
            write_dataset(data, n, vocabulary)
            args = [*command, "--data", str(data), "--out", str(out)]
            full = _timed(args)
            _change_one(data, 0)
            incremental = _timed(args)
            _change_one(data, 1)
            stages = subprocess.run(
                [sys.executable, "-c", _STAGES, str(data), str(out)],
                capture_output=True,
                text=True,
                check=True,
            )
            staged = __import__("json").loads(stages.stdout.strip().splitlines()[-1])
            assert staged["how"].startswith("incremental"), staged["how"]
            rows.append((n, staged["quads"], full, incremental, staged))
            shutil.rmtree(out)
            shutil.rmtree(data)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\nbuild --no-viewer --export none (each in a new process; seconds, MB)")
    cols = ["sources", "quads", "full", "CPU", "RSS MB", "1 changed", "CPU", "RSS MB"]
    cols += ["imports", "in-process"]
    print("  ".join(f"{c:>10}" for c in cols))
    for n, quads, full, incremental, staged in rows:
        cells = [f"{n:,}", f"{quads:,}"]
        for measured in (full, incremental):
            cells += [f"{measured['wall']:.2f}", f"{measured['cpu']:.2f}"]
            cells += [f"{measured['rss_mb']:.0f}"]
        cells += [f"{staged['imports']:.2f}", f"{staged['build']:.2f}"]
        print("  ".join(f"{c:>10}" for c in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 6400])
    args = parser.parse_args()
    run(args.sizes)


if __name__ == "__main__":
    main()
