"""Export benchmark: each RDF format written from a build's store, each in a new process.

Run: python benchmarks/bench_exports.py BUILD [--formats ttl trig nq nt xml jsonld]

BUILD is a folder written by ``graph-builder build`` (``bench_scale.py --keep DIR`` leaves
some). Each format is written by ``export_dataset`` from the store on disk into a temporary
file; the table gives wall and CPU seconds and peak RSS (from the kernel, ``wait4``) and the
file's size. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from bench_scale import measure

_EXPORT = r"""
import sys
from pathlib import Path
from graph_builder.rdf.export import export_dataset
from graph_builder.rdf.store import GraphStore
export_dataset(GraphStore.open(Path(sys.argv[1])), sys.argv[2], Path(sys.argv[3]))
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
            size = out.stat().st_size / 1e6
            print(
                f"| {fmt} | {got['wall']:.1f} | {got['cpu']:.1f} | {got['rss']:.0f} | {size:.0f} |"
            )
            out.unlink()


if __name__ == "__main__":
    main()
