"""`graph-builder view --focus` on persisted builds: this tree beside another, same run.

Run: python benchmarks/bench_view_focus.py --before DIR [--sizes 3000 10000]
[--work DIR] [--repeat 1]

The builds are ``bench_view.py``'s (synthetic sources, store only, made once in
``--work``). For each size and each focus (an agreement and a country, each at depth 1 and
2), ``graph-builder view --focus IRI --depth N`` runs as a command in a new process with
the code of ``--before`` (a checkout of the project, e.g. ``main``: it projects the whole
network, then the page cuts it) and with this tree's (the neighbourhood read from the
store), ``--repeat`` times each; the run with the least CPU is kept. Each row: wall and CPU
seconds, peak RSS from the kernel, the page's size and its vertices. One table is printed
with the load average before and after; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

from bench_view import HERE, builds, parse_sizes, print_table, view

FOCI = (
    ("an agreement", "id:agreement/agreement-7"),
    ("a country", "id:country/KR"),
)


def _vertices(page: Path) -> int:
    text = page.read_text(encoding="utf-8")
    found = re.search(r'id="graph-data">(.*?)</script>', text, re.S)
    return len(json.loads(found.group(1))["nodes"]) if found else -1


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="The code to compare with.")
    args = parse_sizes(parser)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    rows = []
    for n, data, build, quads in builds(args):
        for what, focus in FOCI:
            for depth in (1, 2):
                for name, code in (("before", args.before.resolve()), ("after", HERE)):
                    page = args.work / f"focus-{n}-{name}.html"
                    extra = ("--focus", focus, "--depth", str(depth))
                    runs = [view(code, data, build, page, *extra) for _ in range(args.repeat)]
                    best = min(runs, key=lambda run: run["cpu"])
                    rows.append(
                        f"| {n:,} | {quads['quads']:,} | {what}, depth {depth} | {name} "
                        f"| {best['cpu']:.2f} | {best['wall']:.2f} | {best['rss']:.0f} "
                        f"| {page.stat().st_size / 1e6:.2f} | {_vertices(page):,} |"
                    )
                    print(rows[-1], flush=True)
    columns = "sources | quads | focus | code | CPU s | wall s | peak RSS MB | page MB | vertices"
    print_table(load, columns, "|---:|---:|---|---|---:|---:|---:|---:|---:|", rows)


if __name__ == "__main__":
    main()
