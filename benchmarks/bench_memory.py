"""Peak memory and incremental builds on synthetic data: what the build command costs as typed.

Run: python benchmarks/bench_memory.py [--sizes 1000 6400] [--rounds 3] [--before DIR]
     [--keep DIR]

For each size (1,000 sources ≈ 200k quads, 6,400 ≈ 1.35M; the data of
``bench_build.py``), each in a new process under ``/usr/bin/time -v``:

1. ``graph-builder build --no-viewer --export none`` from nothing: wall and CPU seconds,
   peak RSS;
2. the same command after one source file changed (an incremental build), *rounds* times
   from a copy of a build each code made over that one (untimed), the median: the whole process, and inside it the imports and
   the build (wall and CPU). With ``--before DIR`` (the package's source tree at another
   commit, e.g. ``git archive main | tar -x -C DIR``), the same change is built by that
   code too, round by round in turn with this one, on the same build: before and after
   from one run, under the same load;
3. beside them, the engine's floor for the same change ("raw"): a process that copies the
   built store (the engine's backup), loads the changed source's quads into the copy in one
   transaction and flushes it, with nothing else (no reading, checking or validating).

With ``--keep DIR``, the data and the full build of each size are kept in DIR
(``data-N``, ``build-N``) and a later run reuses them instead of building them again (its
table then leaves the full build's cells empty; the incremental builds start from a copy).

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
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_build import write_dataset

_TIME = "/usr/bin/time"
_REGISTRIES = (".entities.json", ".entities.sqlite", ".checks.json")
"""What builds keep for the next one (the entity registry as kept before and since it is
read by id; the compiled SHACL checks): a code's first build makes its own (an older code
refuses a folder holding a file it does not know)."""
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _timed(args: Sequence[object], code: str) -> dict[str, float]:
    """Wall, CPU seconds and peak RSS (MB) of *args* run in a new process with the package
    of the source tree *code*; and what the process printed last, if it is JSON (its
    stages)."""
    t = time.perf_counter()
    command = [_TIME, "-v", *map(str, args)]
    env = {**_ENV, "PYTHONPATH": code}
    # Run from the code's folder: `python -m` and `-c` put the working folder first on the
    # path, so from another source tree that tree's package would be imported instead.
    out = subprocess.run(command, capture_output=True, text=True, env=env, cwd=code)
    wall = time.perf_counter() - t
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, args))} failed:\n{out.stderr[-2000:]}")

    def field(name: str) -> float:
        found = re.search(rf"{re.escape(name)}: ([\d.]+)", out.stderr)
        assert found is not None, name
        return float(found.group(1))

    cpu = field("User time (seconds)") + field("System time (seconds)")
    rss = field("Maximum resident set size (kbytes)") / 1024
    last = (out.stdout.strip().splitlines() or [""])[-1]
    stages = json.loads(last) if last.startswith("{") else {}
    return {"wall": wall, "cpu": cpu, "rss_mb": rss, **stages}


_STAGES = r"""
import json, sys, time
t, c = time.perf_counter(), time.process_time()
import graph_builder.build
from graph_builder.cli import main
imports, imports_cpu = time.perf_counter() - t, time.process_time() - c
t, c = time.perf_counter(), time.process_time()
import contextlib, io
printed = io.StringIO()
with contextlib.redirect_stdout(printed):
    try:
        main(sys.argv[1:])
    except SystemExit as done:
        assert not done.code, done.code
assert "build: incremental" in printed.getvalue(), printed.getvalue()
print(json.dumps({"imports": imports, "imports_cpu": imports_cpu,
                  "build": time.perf_counter() - t, "build_cpu": time.process_time() - c}))
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


def run(sizes: list[int], rounds: int, before: Path | None, keep: Path | None = None) -> None:
    from graph_builder import resources
    from graph_builder.namespaces import source_graph
    from graph_builder.ontology import Vocabulary, load_ontology

    vocabulary = Vocabulary.from_graph(load_ontology())
    ontology = resources.ontology_dir()  # named, so that both codes build from one folder
    ours = str(Path(__file__).resolve().parent.parent)
    codes = {"after": ours, "before": str(before.resolve())} if before else {"ours": ours}
    work = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    _ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    rows = []
    started, load = datetime.datetime.now(datetime.UTC), os.getloadavg()
    try:
        for n in sizes:
            data, out, copy = work / f"data-{n}", work / f"build-{n}", work / "copy"
            if keep is not None:
                data, out = keep / f"data-{n}", keep / f"build-{n}"
            full: dict[str, float] | None = None
            if keep is not None and (out / "manifest.json").is_file():
                kept = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
                ontology = kept["ontology"]["path"]  # the one it was built from
            else:
                write_dataset(data, n, vocabulary)
            args = ["build", "--no-viewer", "--export", "none", "--ontology", ontology]
            args += ["--data", data]
            if not (out / "manifest.json").is_file():
                full = _timed([sys.executable, "-m", "graph_builder", *args, "--out", out], ours)
            # Each code starts from a build it made: one untimed build over the full one
            # (incremental, or full when that code cannot read the manifest), so that what it
            # keeps (the manifest's counts) is in its own format.
            bases = {code: work / f"base-{code}" for code in codes}
            _change_one(data, rounds)
            for code, tree in codes.items():
                shutil.copytree(out, bases[code])
                for name in _REGISTRIES:  # each code keeps its own
                    (bases[code] / name).unlink(missing_ok=True)
                _timed([sys.executable, "-m", "graph_builder", *args, "--out", bases[code]], tree)
            changed: dict[str, list[dict[str, float]]] = {code: [] for code in codes}
            for step in range(rounds):
                _change_one(data, step)
                in_turn = list(codes.items())  # each code first every other round
                for code, tree in in_turn[::-1] if step % 2 else in_turn:
                    shutil.copytree(bases[code], copy)
                    stages = [sys.executable, "-c", _STAGES, *args, "--out", copy]
                    changed[code].append(_timed(stages, tree))
                    shutil.rmtree(copy)
            for base in bases.values():
                shutil.rmtree(base)
            graph = work / "changed.nq"
            _python(_GRAPH, out / "store", source_graph("B0"), graph)
            raw = _timed([sys.executable, "-c", _RAW, out / "store", work / "raw", graph], ours)
            shutil.rmtree(work / "raw")
            quads = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["counts"]
            rows.append((n, quads["quads"], full, changed, raw))
            if keep is None:
                shutil.rmtree(out)
                shutil.rmtree(data)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{started:%Y-%m-%d %H:%M} UTC, load average {load[0]:.1f} -> {os.getloadavg()[0]:.1f}")
    print("build --no-viewer --export none, each in a new process (seconds, MB); one changed")
    print(f"source: the median of {rounds} round(s); raw: the engine's floor for the change")
    cols = ["sources", "quads", "code", "full", "CPU", "RSS MB", "1 changed", "CPU", "RSS MB"]
    cols += ["imports", "CPU", "in-process", "CPU", "raw", "CPU"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---:|" * len(cols))
    for n, quads, full, changed, raw in rows:
        for code, runs in changed.items():
            cells = [f"{n:,}", f"{quads:,}", code]
            if code == next(iter(changed)) and full is not None:
                cells += [f"{full['wall']:.2f}", f"{full['cpu']:.2f}", f"{full['rss_mb']:.0f}"]
            else:
                cells += ["", "", ""]
            for key, digits in (("wall", 2), ("cpu", 2), ("rss_mb", 0), ("imports", 2)):
                cells.append(f"{_median(runs, key):.{digits}f}")
            for key in ("imports_cpu", "build", "build_cpu"):
                cells.append(f"{_median(runs, key):.2f}")
            cells += [f"{raw['wall']:.2f}", f"{raw['cpu']:.2f}"]
            print("| " + " | ".join(cells) + " |")


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def _python(code: str, *args: object) -> str:
    """Run *code* with *args* in a new Python process; its standard output."""
    command = [sys.executable, "-c", code, *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=True, env=_ENV).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 6400])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", type=Path, help="the source tree of the code to compare")
    parser.add_argument("--keep", type=Path, help="keep (or reuse) the data and full builds here")
    args = parser.parse_args()
    run(args.sizes, args.rounds, args.before, args.keep and args.keep.resolve())


if __name__ == "__main__":
    main()
