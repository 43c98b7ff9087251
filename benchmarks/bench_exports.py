"""Export benchmark: each RDF format written from a build's store, each in a new process.

Run: python benchmarks/bench_exports.py BUILD [--formats ttl trig nq nt xml jsonld]

BUILD is a folder written by ``graph-builder build`` (``bench_scale.py --keep DIR`` leaves
some). Each format is written by ``export_dataset`` from the store on disk into a temporary
file; the table gives wall and CPU seconds and peak RSS (from the kernel, ``wait4``) and the
file's size. Two rows follow for the floor under them, in the same run: TriG written by
pyoxigraph alone in a process that imports nothing of this package (the engine's ``dump`` of
the same store with the same prefixes: what is left is the engine's), and the default graph
alone (the union of the named graphs, which TriG, N-Quads and JSON-LD also carry).
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from bench_scale import measure

from graph_builder.prefixes import PREFIX_IRIS

_EXPORT = r"""
import sys
from pathlib import Path
from graph_builder.rdf.export import export_dataset
from graph_builder.rdf.store import GraphStore
export_dataset(GraphStore.open(Path(sys.argv[1])), sys.argv[2], Path(sys.argv[3]))
"""
_ENGINE = r"""
import json, sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
if sys.argv[2] == "trig":
    store.dump(sys.argv[3], ox.RdfFormat.TRIG, prefixes=json.loads(sys.argv[4]))
else:
    store.dump(sys.argv[3], ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build", type=Path)
    parser.add_argument(
        "--formats", nargs="+", default=["ttl", "trig", "nq", "nt", "xml", "jsonld"]
    )
    args = parser.parse_args()
    store = args.build / "store"
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print("| format | wall s | CPU s | peak RSS MB | file MB |")
    print("|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="bench-exports-") as folder:
        for fmt in args.formats:
            out = Path(folder) / f"graph.{fmt}"
            got = measure([sys.executable, "-c", _EXPORT, str(store), fmt, str(out)])
            _row(fmt, got, out)
        prefixes = json.dumps(dict(sorted(PREFIX_IRIS.items())))  # as export.py binds them
        for label, what in (("trig, pyoxigraph alone", "trig"), ("default graph alone", "nt")):
            out = Path(folder) / f"engine.{what}"
            _row(
                label,
                measure([sys.executable, "-c", _ENGINE, str(store), what, str(out), prefixes]),
                out,
            )


def _row(label: str, got: dict[str, float], out: Path) -> None:
    size = out.stat().st_size / 1e6
    print(f"| {label} | {got['wall']:.1f} | {got['cpu']:.1f} | {got['rss']:.0f} | {size:.0f} |")
    out.unlink()


if __name__ == "__main__":
    main()
