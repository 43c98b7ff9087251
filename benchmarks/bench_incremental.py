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
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

_PARTS = r"""
import json, sys, time
from pathlib import Path
from graph_builder.manifest import input_hashes, read_manifest
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
        lambda: (manifest.contents.sources.files_by_id(), manifest.contents.sources.countries())
    ),
    "write the manifest": best(manifest.to_json),
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


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("build", type=Path)
    parser.add_argument("--before", type=Path, help="the source tree of the code to compare")
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    codes = {"after": str(Path(__file__).resolve().parent.parent)}
    if args.before:
        codes = {"before": str(args.before.resolve()), **codes}
    build = args.build.resolve()
    found = {code: _parts(build, tree, args.repeat) for code, tree in codes.items()}
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


if __name__ == "__main__":
    main()
