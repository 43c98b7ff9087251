"""Where `graph-builder view` spends its CPU on a large store-only build, stage by stage.

Run: python benchmarks/bench_view_stages.py [--sizes 3000 10000] [--work DIR] [--repeat 3]

For each size, ``bench_view.py``'s build of ``bench_build.py``'s synthetic sources (made
once, reused from ``--work``) is read as ``view`` reads it for the overview, and each stage
is timed on its own in CPU seconds (the least of ``--repeat`` runs: the machine is shared):
Python's start and the imports of ``view`` (a new process, from the kernel), the check that
the build is up to date and the opening of its store (``manifest.open_build``), each query
of the overview with its rows read back (the engine evaluates lazily: most of a query's
time is reading its rows), the page's data built from those rows in Python (the queries
answered from memory), and the JSON and HTML. One table is printed with the load average
before and after; nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_scale import measure
from bench_view import HERE, builds, parse_sizes


class Recorded:
    """A store whose SELECT answers are read once, timed, and then given from memory."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.answers: dict[str, list[tuple[Any, ...]]] = {}
        self.seconds: dict[str, float] = {}

    def select(self, query: str) -> list[tuple[Any, ...]]:
        if query not in self.answers:
            started = time.process_time()
            self.answers[query] = [tuple(row) for row in self.store.select(query)]
            self.seconds[query] = time.process_time() - started
        return self.answers[query]


def least(repeat: int, run: Callable[[], Any]) -> float:
    """The least CPU seconds of *repeat* calls of *run*."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best


def _name(query: str) -> str:
    """A query's row in the table: its start and its end, prefixed names for IRIs."""
    from graph_builder.prefixes import PREFIX_IRIS

    text = " ".join(query.split())
    for prefix, namespace in PREFIX_IRIS.items():
        text = text.replace(f"<{namespace}", f"<{prefix}:")
    if len(text) > 100:
        text = f"{text[:45]} … {text[-50:]}"
    return text.replace("|", "\\|")


def stages(data: Path, build: Path, repeat: int) -> list[tuple[str, float, int | str]]:
    """(stage, least CPU seconds, rows) of `view`'s overview of *build*."""
    from graph_builder.manifest import open_build
    from graph_builder.network.project import collector_paused
    from graph_builder.viewer.html import fill_template
    from graph_builder.viewer.overview import overview_payload

    imports = "import graph_builder.cli, graph_builder.viewer.render, graph_builder.viewer.overview"
    start = min(measure([sys.executable, "-c", imports])["cpu"] for _ in range(repeat))
    ontology = HERE / "ontology"
    opened = least(repeat, lambda: open_build(build, data_dir=data, ontology_dir=ontology))
    store = open_build(build, data_dir=data, ontology_dir=ontology)
    rows: list[tuple[str, float, int | str]] = [
        ("Python's start and imports (new process)", start, "-"),
        ("up-to-date check and opening the store", opened, "-"),
    ]
    seconds: dict[str, float] = {}
    for _ in range(repeat):
        recorded = Recorded(store)
        with collector_paused():
            overview_payload(recorded)
        for query, spent in recorded.seconds.items():
            seconds[query] = min(seconds.get(query, spent), spent)
    rows += [(f"query: {_name(q)}", s, len(recorded.answers[q])) for q, s in seconds.items()]
    with collector_paused():
        built = least(repeat, lambda: overview_payload(recorded))
        payload = overview_payload(recorded)
        assert payload is not None
        page = least(repeat, lambda: fill_template(payload, title="Agreement graph"))
    rows += [
        ("the page's data from the rows (Python)", built, "-"),
        ("JSON and HTML", page, "-"),
        ("total", start + opened + sum(seconds.values()) + built + page, "-"),
    ]
    return rows


def main() -> None:
    args = parse_sizes(argparse.ArgumentParser(description=__doc__.split("\n\n")[0]))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    table = []
    for n, data, build, quads in builds(args):
        for stage, seconds, count in stages(data, build, args.repeat):
            rows = f"{count:,}" if isinstance(count, int) else count
            table.append(f"| {n:,} | {quads['quads']:,} | {stage} | {seconds:.3f} | {rows} |")
    print(f"\n{datetime.date.today().isoformat()}; load average before {load}, after ", end="")
    print(" ".join(f"{x:.2f}" for x in os.getloadavg()))
    print("\n| sources | quads | stage | CPU s | rows |")
    print("|---:|---:|---|---:|---:|")
    print("\n".join(table))


if __name__ == "__main__":
    main()
