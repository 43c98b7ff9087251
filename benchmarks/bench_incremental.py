"""The parts of an incremental build that grow with the number of sources, one by one.

Run: python benchmarks/bench_incremental.py BUILD [--before DIR] [--repeat 9]

BUILD is a folder written by ``graph-builder build`` (``bench_scale.py --keep DIR`` leaves
some); its data folder is the one its manifest names. Each part is what an incremental
build does with the previous build besides loading the change: read the manifest, list and
compare the input files, find the changed ones, read the kept entity registry (and look up
ten entities in it, as many as a source names), list the
kept sources' ids and countries, write the new manifest. Each is
timed (CPU, the best of *repeat*) in a new process with this code and, with ``--before
DIR`` (the package's source tree at another commit, e.g. ``git archive main | tar -x -C
DIR``), with that code too, in turn, in the same run. Nothing is asserted.

With ``--command ROUNDS``, the command as a user types it is timed too: ``graph-builder
build --no-viewer --export none`` after one source file changed, over a copy of BUILD, in a
new process (its CPU, user and system, and peak RSS from ``os.wait4``), ROUNDS times, each
code in turn; the median. ``--before-build`` names the build the other code starts from
(one it wrote: a code reads only the kept state of its own layout). Each code's copy is
first brought up to date once, untimed, so that what it keeps is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_PARTS = r"""
import json, sys, time
from pathlib import Path
from graph_builder.manifest import read_manifest
from graph_builder.manifest_inputs import input_hashes
try:
    from graph_builder.building.kept import kept_registry
except ImportError:  # before the registry was kept in SQLite, or the build had stages
    try:
        from graph_builder.building.incremental import kept_registry
    except ImportError:
        from graph_builder.rebuild import kept_registry
from graph_builder.building.plan import plan_changes

out, repeat = Path(sys.argv[1]), int(sys.argv[2])
def best(part):
    times = []
    for _ in range(repeat):
        started = time.process_time()
        part()
        times.append(time.process_time() - started)
    return min(times) * 1000
manifest = read_manifest(out)
assert manifest is not None, "not a complete build"
data, ontology = Path(manifest.inputs.data.path), Path(manifest.inputs.ontology.path)
inputs = input_hashes(data, ontology, known=manifest.inputs)
named = list(kept_registry(out, inputs).entities)[:10]  # as many as a source names
try:  # since the data files' rows are kept in SQLite: the rows copied, the JSON written
    from graph_builder.manifest import write_manifest
    import shutil, tempfile
    def write():
        folder = Path(tempfile.mkdtemp())
        write_manifest(folder, manifest)
        shutil.rmtree(folder)
except ImportError:
    write = manifest.to_json
def read_registry():
    registry = kept_registry(out, inputs)
    return [registry.entities[key] for key in named]
print(json.dumps({
    "read the manifest": best(lambda: read_manifest(out)),
    "list and compare the input files": best(
        lambda: input_hashes(data, ontology, known=manifest.inputs)
    ),
    "find the changed files": best(lambda: plan_changes(manifest, inputs, manifest.infer)),
    "read the kept registry, look up 10 entities": best(read_registry),
    "the kept sources' ids and countries": best(
        lambda: (manifest.contents.sources.files_by_id().get("S0"),
                 manifest.contents.sources.countries())
    ),
    "write the manifest": best(write),
    "sources": len(manifest.contents.sources),
}))
"""


def _parts(build: Path, code: str, repeat: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": code}
    command = [sys.executable, "-c", _PARTS, str(build), str(repeat)]
    # From the code's folder: `-c` puts the working folder first on the path.
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True, cwd=code)
    parts: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return parts


def _command(build: Path, code: str) -> tuple[float, float]:
    """CPU seconds and peak RSS (MB) of one incremental build over *build* by *code*."""
    kept = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    data, ontology = kept["data"]["path"], kept["ontology"]["path"]
    command = [sys.executable, "-m", "graph_builder", "build", "--no-viewer"]
    command += ["--export", "none", "--data", data, "--ontology", ontology, "--out", build]
    env = {**os.environ, "PYTHONPATH": code}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode cached, as an installed package
    process = subprocess.Popen(command, cwd=code, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{code}: the build failed ({status})")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _copy(build: Path, to: Path) -> None:
    """A copy of *build*, the store's files hard-linked: a build never writes the previous
    store, it copies it (the engine's backup) into the folder it swaps in."""

    def link_or_copy(source: str, target: str) -> None:
        if os.sep + "store" + os.sep in source:
            os.link(source, target)
        else:
            shutil.copy2(source, target)

    shutil.copytree(build, to, copy_function=link_or_copy)


def _change_one(build: Path, step: int) -> None:
    kept = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    path = Path(kept["data"]["path"]) / "sources" / "b0.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"at: p\. \d+", f"at: p. {step + 2}", text), encoding="utf-8")


def _commands(builds: dict[str, Path], codes: dict[str, str], rounds: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-incremental-"))
    try:
        bases = {code: work / f"base-{code}" for code in codes}
        _change_one(builds["after"], rounds)
        for code, tree in codes.items():
            _copy(builds[code], bases[code])
            _command(bases[code], tree)
        runs: dict[str, list[tuple[float, float]]] = {code: [] for code in codes}
        for step in range(rounds):
            _change_one(builds["after"], step)
            order = list(codes.items())
            for code, tree in order[::-1] if step % 2 else order:
                copy = work / "copy"
                _copy(bases[code], copy)
                runs[code].append(_command(copy, tree))
                shutil.rmtree(copy)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nbuild --no-viewer --export none after one changed source, the median of {rounds}")
    print(f"(load average {load})\n")
    print("| code | CPU s | peak RSS MB | each run's CPU |")
    print("|---|---:|---:|---|")
    for code, done in runs.items():
        cpu = statistics.median(c for c, _ in done)
        rss = statistics.median(r for _, r in done)
        each = ", ".join(f"{c:.3f}" for c, _ in done)
        print(f"| {code} | {cpu:.3f} | {rss:.0f} | {each} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("build", type=Path)
    parser.add_argument("--before", type=Path, help="the source tree of the code to compare")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--command", type=int, metavar="ROUNDS", default=0)
    parser.add_argument("--before-build", type=Path, help="the build the other code starts from")
    args = parser.parse_args()
    codes = {"after": str(Path(__file__).resolve().parent.parent)}
    if args.before:
        codes = {"before": str(args.before.resolve()), **codes}
    build = args.build.resolve()
    builds = {"after": build, "before": (args.before_build or build).resolve()}
    found = {code: _parts(builds[code], tree, args.repeat) for code, tree in codes.items()}
    sources = int(next(iter(found.values())).pop("sources"))
    for parts in found.values():
        parts.pop("sources", None)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{sources:,} sources; CPU ms, the best of {args.repeat}; load average {load}\n")
    print("| part | " + " | ".join(codes) + " |")
    print("|---|" + "---:|" * len(codes))
    for part in next(iter(found.values())):
        print(f"| {part} | " + " | ".join(f"{found[c][part]:.1f}" for c in codes) + " |")
    totals = [sum(found[c].values()) for c in codes]
    print("| all of them | " + " | ".join(f"{t:.1f}" for t in totals) + " |")
    if args.command:
        _commands(builds, codes, args.command)


if __name__ == "__main__":
    main()
