"""`graph-builder view` as a user types it on persisted builds, this tree beside another.

Run: python benchmarks/bench_view.py --before DIR [--sizes 3000 10000] [--work DIR]
[--repeat 3] [--no-browser] [--no-full]

For each size, ``bench_build.py``'s synthetic sources (one agreement each, with two
parties, 3 sectors, 6 activities, 4 objectives and a term) are built once, store only
(``build --no-viewer --export none``), into ``--work`` (reused when they are there). Then
``graph-builder view`` runs on that build as a command in a new process, once with the code
of ``--before`` (a checkout of the project, e.g. a worktree of ``main``) first on
``PYTHONPATH`` and once with this tree's, and once more with this tree's ``--full`` (the
whole network; not with ``--no-full``), ``--repeat`` times each, in turn. Each row: the run
with the least CPU (the machine is shared: the least is the least disturbed), its wall and
CPU seconds and peak RSS from the kernel (``wait4``), the median CPU of the runs, the page's
size, and the wall seconds until headless Chromium has drawn it
(``bench_viewer.time_to_stable``). One table is printed with the load average before and
after; nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from bench_build import write_dataset
from bench_scale import measure

HERE = Path(__file__).resolve().parent.parent


def _env(code: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(code), "GRAPH_BUILDER_MAX_FILE_MB": "64"}


def prepare(work: Path, n: int) -> tuple[Path, Path]:
    """The data folder and the store-only build of *n* sources (made once)."""
    from graph_builder.ontology import Vocabulary, load_ontology

    data, build = work / f"data-{n}", work / f"build-{n}"
    if not data.exists():
        write_dataset(data, n, Vocabulary.from_graph(load_ontology()))
    if not (build / "manifest.json").exists():
        command = [sys.executable, "-m", "graph_builder", "build", "--data", str(data)]
        command += ["--out", str(build), "--full", "--no-viewer", "--export", "none"]
        subprocess.run(command, env=_env(HERE), check=True, capture_output=True)
    return data, build


def parse_sizes(parser: argparse.ArgumentParser) -> argparse.Namespace:
    """*parser*'s arguments with ``--sizes``, ``--work`` and ``--repeat`` added."""
    parser.add_argument("--sizes", type=int, nargs="+", default=[3000, 10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-view"))
    parser.add_argument("--repeat", type=int, default=3, help="Runs of each; the least CPU.")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    return args


def builds(args: argparse.Namespace) -> Iterator[tuple[int, Path, Path, dict[str, int]]]:
    """For each of ``args.sizes``: the number of sources, the data folder, the build (made
    once) and the build's counts."""
    for n in args.sizes:
        data, build = prepare(args.work, n)
        quads = json.loads((build / "manifest.json").read_text(encoding="utf-8"))["counts"]
        yield n, data, build, quads


def view(code: Path, data: Path, build: Path, page: Path, *extra: str) -> dict[str, float]:
    """`graph-builder view` with the code of *code*, measured by the kernel."""
    # -P: the code on PYTHONPATH runs, never a checkout in the working folder
    command = [sys.executable, "-P", "-m", "graph_builder", "view", "--data", str(data)]
    command += ["--ontology", str(HERE / "ontology"), "--build", str(build), "-o", str(page)]
    return measure([*command, *extra], env=_env(code))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="The code to compare with.")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-full", action="store_true", help="Leave out view --full.")
    args = parse_sizes(parser)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    variants = [("before", args.before.resolve(), ()), ("after", HERE, ())]
    if not args.no_full:
        variants.append(("after --full", HERE, ("--full",)))
    rows = []
    for n, data, build, quads in builds(args):
        pages = {
            name: args.work / f"view-{n}-{name.replace(' ', '')}.html" for name, *_ in variants
        }
        runs: dict[str, list[dict[str, float]]] = {name: [] for name, *_ in variants}
        for _ in range(args.repeat):  # in turn, so that a change of load falls on each alike
            for name, code, extra in variants:
                runs[name].append(view(code, data, build, pages[name], *extra))
        for name, *_ in variants:
            figures = min(runs[name], key=lambda run: run["cpu"])
            median = statistics.median(run["cpu"] for run in runs[name])
            stable = "-"
            if not args.no_browser:
                from bench_viewer import time_to_stable

                stable = f"{time_to_stable(pages[name], timeout_s=600)[0]:.1f}"
            rows.append(
                f"| {n:,} | {quads['quads']:,} | {name} | {figures['cpu']:.2f} | {median:.2f} "
                f"| {figures['wall']:.2f} | {figures['rss']:.0f} "
                f"| {pages[name].stat().st_size / 1e6:.1f} | {stable} |"
            )
    columns = (
        "sources | quads | view | CPU s | median CPU s | wall s | peak RSS MB | page MB "
        "| drawn in Chromium s"
    )
    print_table(load, columns, "|---:|---:|---|---:|---:|---:|---:|---:|---:|", rows)


def print_table(load: str, columns: str, rule: str, rows: list[str]) -> None:
    """The date, the load average before (*load*) and now, then the table of *rows*."""
    print(f"\n{datetime.date.today().isoformat()}; load average before {load}, after ", end="")
    print(" ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(f"\n| {columns} |\n{rule}")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
