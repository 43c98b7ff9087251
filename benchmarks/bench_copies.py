"""Many copies of one source: does ``graph-builder build`` grow linearly with them?

Run: python benchmarks/bench_copies.py [--copies 200 400 800] [--source s1-seed-article.yaml]

The bundled data folder plus N copies of one of its sources, each with its own source id
(the same claims, so every statement is said N + 1 times, once per source graph). For each
N, ``graph-builder build --full`` as typed, in a new process: wall seconds, seconds per 100
copies (flat when the build is linear) and the process's peak RSS. Printed as one table.
Nothing is asserted: the figures are for comparing commits on the same machine.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def write_copies(target: Path, copies: int, source: str) -> None:
    """The bundled data in *target*, plus *copies* copies of ``sources/SOURCE``."""
    shutil.copytree(REPO / "data", target)
    text = (target / "sources" / source).read_text(encoding="utf-8")
    for i in range(copies):
        copy, found = re.subn(r"^  id: \S+", f"  id: COPY{i}", text, count=1, flags=re.M)
        if not found:
            raise SystemExit(f"{source}: no 'source: id:' line to change")
        (target / "sources" / f"copy-{i:05d}.yaml").write_text(copy, encoding="utf-8")


def timed_build(data: Path, out: Path) -> tuple[float, float]:
    """``graph-builder build --full`` in a new process: (wall seconds, peak RSS in MB)."""
    command = [sys.executable, "-m", "graph_builder", "build", "--full"]
    start = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--data", str(data), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        assert process.stderr is not None
        raise SystemExit(f"build failed: {process.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def run(copies: list[int], source: str) -> None:
    print(f"{'copies':>7} {'seconds':>9} {'s per 100':>10} {'peak MB':>8}")
    with tempfile.TemporaryDirectory(prefix="bench-copies-") as tmp:
        for n in copies:
            data = Path(tmp) / f"data-{n}"
            write_copies(data, n, source)
            wall, rss = timed_build(data, Path(tmp) / f"build-{n}")
            print(f"{n:>7} {wall:>9.1f} {wall / n * 100:>10.2f} {rss:>8.0f}", flush=True)
            shutil.rmtree(data)
            shutil.rmtree(Path(tmp) / f"build-{n}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[200, 400, 800])
    parser.add_argument("--source", default="s1-seed-article.yaml")
    arguments = parser.parse_args()
    run(arguments.copies, arguments.source)
