"""Build and query benchmark on synthetic data: the engine against its own floor and rdflib.

Run: python benchmarks/bench_build.py [--sizes 1000 6400] [--rdflib-size 1000]
     python benchmarks/bench_build.py --build-only [--sizes …]   (section 1's first table)
     python benchmarks/bench_build.py --command-only BUILD   (section 4 on an existing build)
     python benchmarks/bench_build.py --queries-only BUILD   (section 3's table on it)

Each source states one agreement with parties, 3 sectors, 6 activities, 4 objectives and a
term (6,400 sources ≈ 1M stated quads). Printed, one table each, all measured in this one run:

1. the build from YAML to a validated store on disk (``run_build``, store only), each in a
   new process: wall and CPU seconds, peak RSS, the store's size on disk; the raw bulk load of the same N-Quads (the
   persisted store's quads) into an empty store on disk, the engine's floor, and the ratio,
   also with the compaction the build gives its store;
   and the previous pipeline (everything into a store in memory, RDFS as SPARQL rules in
   the store, SHACL, then a dump saved to disk) stage by stage, with this build's speed-up;
2. an incremental rebuild after one source file changed;
3. every named query with its example parameters (median of 5), and the first page
   (LIMIT 100) of those that list everything, in a new process that only opens the store;
4. ``graph-builder query`` as a command, end to end, on the persisted store (with the
   default time limit, and in-process with ``--timeout 0``), and the stages of its time:
   Python start, imports, the up-to-date check, opening the store, the query, the output;
5. the previous engine (rdflib) on the same data at ``--rdflib-size``: loading the quads
   and two named queries, beside the engine.

Nothing is asserted: the figures are for comparing commits on the same machine.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COUNTRIES = ["ID", "CN", "KR", "JP", "IN", "VN", "TH", "MY", "PH", "SG", "DE", "FR", "US", "AU"]
LISTING = {
    "activities",
    "sectors",
    "objectives",
    "parties",
    "find-by-name",
    "statement-sources",
    "terms",
}


SYNTHETIC_PARAMS = {
    "find-by-name": {"text": "perjanjian 12"},
    "statement-sources": {"subject": "id:agreement/agreement-12", "property": "agr:coversSector"},
}
"""Parameters that find rows in the synthetic data, for the queries whose examples name
things of the bundled data (the synthetic sources state no signatures, so
``bodies-and-signatories`` finds none there)."""
UNBOUND = ["statement-sources"]
"""Listing queries also timed without any parameter (the whole answer once, being long)."""


def write_dataset(root: Path, n_sources: int, vocabulary: object, seed: int = 7) -> None:
    """N sources, each stating one agreement's parties, sectors, activities and objectives."""
    rng = random.Random(seed)
    (root / "entities").mkdir(parents=True)
    (root / "sources").mkdir()
    agreements = ["agreements:"]
    for i in range(n_sources):
        agreements += [
            f"  - id: agreement-{i}",
            "    type: MemorandumOfUnderstanding",
            f"    label: {{en: Agreement {i}, id: Perjanjian {i}}}",
        ]
    (root / "entities" / "agreements.yaml").write_text(
        "\n".join(agreements) + "\n", encoding="utf-8"
    )
    pools = {k: sorted(v) for k, v in vocabulary.concepts.items()}  # type: ignore[attr-defined]
    for i in range(n_sources):
        (root / "sources" / f"b{i}.yaml").write_text(_source(i, rng, pools), encoding="utf-8")


def _source(i: int, rng: random.Random, pools: dict[str, list[str]]) -> str:
    parties = rng.sample(COUNTRIES, 2)
    lines = [
        "source:",
        f"  id: B{i}",
        "  type: NewsArticle",
        f"  label: {{en: Bench source {i}, id: Sumber uji {i}}}",
        "  language: id",
        "  issued: 2024-01-01",
        "claims:",
        f"  - about: agreement-{i}",
        "    at: p. 1",
        f"    parties: [{', '.join(parties)}]",
        f"    sectors: [{', '.join(rng.sample(pools['sector'], 3))}]",
        f"    activities: [{', '.join(rng.sample(pools['activity'], 6))}]",
        f"    objectives: [{', '.join(rng.sample(pools['objective'], 4))}]",
        "    term: {years: 5, extendable: true}",
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------- stages (in a child)

_BUILD = r"""
import json, resource, sys, time
from pathlib import Path
from graph_builder.build import run_build

t = time.perf_counter()
summary = run_build(Path(sys.argv[1]), Path(sys.argv[2]), viewer=False, exports=(), incremental=False)
wall = time.perf_counter() - t
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "quads": summary.quads,
                  "rss_mb": usage.ru_maxrss / 1024}))
"""

_PREVIOUS = r"""
import json, resource, sys, time
from pathlib import Path
from graph_builder.ingest.sources import load_sources
from graph_builder.ontology import Vocabulary, load_ontology
from graph_builder.rdf.infer import infer
from graph_builder.rdf.mapping import dataset_nquads
from graph_builder.rdf.store import GraphStore
from graph_builder.rdf.validate import validate_dataset
from graph_builder.namespaces import ONTOLOGY_GRAPH

data, target = Path(sys.argv[1]), Path(sys.argv[2])
times = {}
t = time.perf_counter()
ontology = load_ontology()
records = load_sources(data, vocabulary=Vocabulary.from_graph(ontology))
times["load"] = time.perf_counter() - t
t = time.perf_counter()
text = "".join(dataset_nquads(records)).encode("utf-8")
times["map"] = time.perf_counter() - t
t = time.perf_counter()
store = GraphStore.memory()
store.add_graph(ontology, str(ONTOLOGY_GRAPH))
store.load_nquads(text)
times["bulk load"] = time.perf_counter() - t
t = time.perf_counter()
infer(store, "rdfs")
times["infer"] = time.perf_counter() - t
t = time.perf_counter()
report = validate_dataset(store)
times["shacl"] = time.perf_counter() - t
assert report.conforms, report.text()
t = time.perf_counter()
store.save(target)
times["save"] = time.perf_counter() - t
times["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(times))
"""

_DUMP = r"""
import sys
from pathlib import Path
from graph_builder.rdf.store import GraphStore
Path(sys.argv[2]).write_bytes(GraphStore.open(Path(sys.argv[1])).dump("nq"))
print("{}")
"""

_RAW = r"""
import json, resource, sys, time
import pyoxigraph
data = open(sys.argv[1], "rb").read()
t = time.perf_counter()
store = pyoxigraph.Store(sys.argv[2])
store.bulk_load(data, pyoxigraph.RdfFormat.N_QUADS, lenient=True)
store.flush()
raw = time.perf_counter() - t
store.optimize()
print(json.dumps({"raw": raw, "compacted": time.perf_counter() - t,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _child(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _median(fn: object, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def run(sizes: list[int], rdflib_size: int, *, build_only: bool = False) -> None:
    from graph_builder.build import run_build
    from graph_builder.ontology import Vocabulary, load_ontology

    vocabulary = Vocabulary.from_graph(load_ontology())
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        stage_rows, stores = [], {}
        for n in sizes:
            data = work / f"data-{n}"
            write_dataset(data, n, vocabulary)
            nquads = work / f"{n}.nq"
            build = _child(_BUILD, str(data), str(work / f"first-{n}"))
            build["store_mb"] = _size_mb(work / f"first-{n}" / "store")
            _child(_DUMP, str(work / f"first-{n}" / "store"), str(nquads))
            raw = _child(_RAW, str(nquads), str(work / f"raw-{n}"))
            previous = None
            if not build_only:
                previous = _child(_PREVIOUS, str(data), str(work / f"previous-{n}"))
            stage_rows.append((n, build, raw, previous))
            nquads.unlink()
            stores[n] = data
        _print_stages(stage_rows)
        if build_only:
            return
        _incremental(work, stores, run_build)
        _queries(work, stores[max(sizes)])
        _old_engine(work, stores.get(rdflib_size), rdflib_size)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _print_stages(
    rows: list[tuple[int, dict[str, float], dict[str, float], dict[str, float] | None]],
) -> None:
    print("\n1. YAML → validated store on disk (seconds; store only; each in a new process)")
    print("   raw: one bulk load of the same N-Quads into an empty store on disk, unchecked as the")
    print("   build loads its own (lenient: 10% faster); +compact: then compacted, as the build")
    print("   compacts its store (queries on it run 20-40% faster)")
    cols = ["sources", "quads", "build", "CPU", "RSS MB", "store MB", "raw", "build/raw"]
    cols += ["+compact", "ratio"]
    print("  ".join(f"{c:>9}" for c in cols))
    for n, build, raw, _ in rows:
        cells = [f"{n:,}", f"{int(build['quads']):,}", f"{build['wall']:.2f}"]
        cells += [f"{build['cpu']:.2f}", f"{build['rss_mb']:.0f}", f"{build['store_mb']:.0f}"]
        cells += [f"{raw['raw']:.2f}"]
        cells += [f"{build['wall'] / raw['raw']:.2f}×", f"{raw['compacted']:.2f}"]
        cells += [f"{build['wall'] / raw['compacted']:.2f}×"]
        print("  ".join(f"{c:>9}" for c in cells))
    if all(previous is None for *_, previous in rows):
        return
    print("\n   the previous pipeline on the same data, same run (rules in the store, then save)")
    stages = ("load", "map", "bulk load", "infer", "shacl", "save")
    cols = ["sources", *stages, "total", "RSS MB", "build"]
    print("  ".join(f"{c:>9}" for c in cols))
    for n, build, _, previous in rows:
        if previous is None:
            continue
        total = sum(previous[k] for k in stages)
        cells = [f"{n:,}", *(f"{previous[k]:.2f}" for k in stages), f"{total:.2f}"]
        cells += [f"{previous['rss_mb']:.0f}", f"{total / build['wall']:.1f}× faster"]
        print("  ".join(f"{c:>9}" for c in cells))


def _incremental(work: Path, stores: dict[int, Path], run_build: object) -> None:
    print("\n2. Rebuild after one changed source (store only: --export none, no viewer)")
    print(f"{'sources':>9}  {'full s':>8}  {'incremental s':>13}  {'ratio':>7}")
    for n, data in stores.items():
        out = work / f"build-{n}"
        t = time.perf_counter()
        run_build(data, out, viewer=False, exports=())  # type: ignore[operator]
        full = time.perf_counter() - t
        path = data / "sources" / "b0.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("p. 1", "p. 2"), "utf-8")
        t = time.perf_counter()
        summary = run_build(data, out, viewer=False, exports=())  # type: ignore[operator]
        incremental = time.perf_counter() - t
        assert summary.how.startswith("incremental"), summary.how
        print(f"{n:>9,}  {full:>8.2f}  {incremental:>13.2f}  {full / incremental:>6.1f}×")


def _queries(work: Path, data: Path) -> None:
    """Section 3, measured in a new process that has only opened the store; then section 4."""
    out = work / "build-queries"
    _child(_BUILD, str(data), str(out))
    table = subprocess.run(
        [sys.executable, __file__, "--queries-only", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    print(table.stdout, end="")
    _command(out)


def _query_table(out: Path) -> None:
    from graph_builder.manifest import open_build
    from graph_builder.sparql.named import bind_params, named_queries, run_query
    from graph_builder.sparql.results import result_rows

    store = open_build(out)
    assert store is not None
    print(
        f"\n3. Named queries on the persisted store ({len(store):,} quads), median of 5 "
        "(the whole answer without parameters: once)"
    )
    print(f"{'query':<24} {'rows':>8} {'all ms':>9} {'first 100 ms':>13}  parameters")
    runs = [(name, q, SYNTHETIC_PARAMS.get(name, q.example)) for name, q in named_queries().items()]
    runs += [(name, named_queries()[name], {}) for name in UNBOUND]
    for name, named, params in runs:
        bindings = bind_params(named, params)

        def whole(text: str = named.text, b: object = bindings, s: object = store) -> int:
            return len(result_rows(run_query(s, text, bindings=b, trusted=True)))  # type: ignore[arg-type]

        t = time.perf_counter()
        rows = whole()
        once = name in UNBOUND and not params
        all_ms = (time.perf_counter() - t) * 1000 if once else _median(whole) * 1000
        page = ""
        if name in LISTING:

            def first(text: str = named.text, b: object = bindings, s: object = store) -> object:
                return run_query(s, text, bindings=b, trusted=True, limit=100)  # type: ignore[arg-type]

            page = f"{_median(first) * 1000:.1f}"
        shown = " ".join(f"{k}={v}" for k, v in params.items())
        print(f"{name:<24} {rows:>8,} {all_ms:>9.1f} {page:>13}  {shown}")


def _command(out: Path) -> None:
    """Section 4: the ``query`` command end to end, and where its time goes."""
    print("\n4. `graph-builder query` end to end (a new process; median of 5)")
    for args in (
        ["parties", "--limit", "100"],
        ["statement-sources", "--limit", "100"],
        ["agreements-by-country", "--param", "country=KR"],
    ):
        cmd = [sys.executable, "-m", "graph_builder", "query", *args, "--build", str(out)]
        cmd += ["--format", "csv"]
        seconds = _median(lambda c=cmd: subprocess.run(c, check=True, capture_output=True))
        in_process = _median(
            lambda c=cmd: subprocess.run([*c, "--timeout", "0"], check=True, capture_output=True)
        )
        print(
            f"  graph-builder query {' '.join(args)}: {seconds:.2f} s "
            f"(--timeout 0, no query process: {in_process:.2f} s)"
        )
    print("\n  where the time of `query agreements-by-country --param country=KR` goes (ms)")
    for stage, ms in _command_stages(out):
        print(f"  {stage:<44} {ms:>8.1f}")


_IMPORTS = """
import sys, time
t = time.perf_counter()
import graph_builder.cli, graph_builder.manifest, graph_builder.sparql.bounded
import graph_builder.sparql.named, graph_builder.sparql.results
print(time.perf_counter() - t)
assert "rdflib" not in sys.modules
"""


def _command_stages(out: Path) -> list[tuple[str, float]]:
    from graph_builder.manifest import STORE_DIR, current_store
    from graph_builder.rdf.store import GraphStore
    from graph_builder.sparql.named import bind_params, bind_values, get_named_query
    from graph_builder.sparql.results import write_answer

    def child_seconds(code: str) -> float:
        return float(
            subprocess.run(
                [sys.executable, "-c", code], check=True, capture_output=True, text=True
            ).stdout.split()[0]
        )

    start = _median(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
    imports = statistics.median(child_seconds(_IMPORTS) for _ in range(5))
    rdflib = statistics.median(
        child_seconds(
            "import time; t = time.perf_counter(); import rdflib.query; "
            "print(time.perf_counter() - t)"
        )
        for _ in range(5)
    )
    named = get_named_query("agreements-by-country")
    text = bind_values(named.text, bind_params(named, {"country": "KR"}))
    store = GraphStore.open(out / STORE_DIR)

    stages = [
        ("starting Python (python -c pass)", start),
        ("importing what the command imports", imports),
        ("(importing rdflib, which it no longer does)", rdflib),
        ("checking the build is current (manifest)", _median(lambda: current_store(out))),
        ("opening the store read-only", _median(lambda: GraphStore.open(out / STORE_DIR))),
        ("the query, its rows read", _median(lambda: list(store.select(text)))),
        (
            "the query, written as CSV by the engine",
            _median(lambda: write_answer(store.query(text), "csv")),
        ),
    ]
    return [(name, seconds * 1000) for name, seconds in stages]


def _old_engine(work: Path, data: Path | None, n: int) -> None:
    if data is None:
        return
    from rdflib import Dataset

    from graph_builder.dataset import load_dataset
    from graph_builder.rdf.terms import to_rdflib
    from graph_builder.sparql.named import bind_params, get_named_query, run_query
    from graph_builder.sparql.results import result_rows

    store = load_dataset(data)
    nquads = store.dump("nq")
    print(
        f"\n5. The previous engine (rdflib) beside Oxigraph, {n:,} sources ({len(store):,} quads)"
    )
    print(f"{'step':<30} {'rdflib s':>9} {'oxigraph s':>11} {'ratio':>8}")
    t = time.perf_counter()
    old = Dataset(default_union=True)
    old.parse(data=nquads, format="nquads")
    rdflib_load = time.perf_counter() - t
    t = time.perf_counter()
    fresh = type(store).memory()
    fresh.load_nquads(nquads)
    ox_load = time.perf_counter() - t
    print(
        f"{'load the quads':<30} {rdflib_load:>9.2f} {ox_load:>11.2f} {rdflib_load / ox_load:>7.0f}×"
    )
    for name, params in (("terms", {}), ("agreements-by-country", {"country": "KR"})):
        named = get_named_query(name)
        bindings = bind_params(named, params)
        old_bindings = {k: to_rdflib(v) for k, v in bindings.items()}
        t = time.perf_counter()
        old_rows = len(old.query(named.text, initBindings=old_bindings))
        rdflib_s = time.perf_counter() - t
        t = time.perf_counter()
        new_rows = len(result_rows(run_query(store, named.text, bindings=bindings, trusted=True)))
        ox_s = time.perf_counter() - t
        same = "same rows" if old_rows == new_rows else f"rows {old_rows} vs {new_rows}"
        print(f"{name:<30} {rdflib_s:>9.2f} {ox_s:>11.3f} {rdflib_s / ox_s:>7.0f}×  {same}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 6400])
    parser.add_argument("--rdflib-size", type=int, default=1000)
    parser.add_argument(
        "--build-only", action="store_true", help="Only the first table of section 1."
    )
    parser.add_argument(
        "--command-only",
        type=Path,
        metavar="BUILD",
        help="Only section 4, on this existing build folder (its data folder as built).",
    )
    parser.add_argument(
        "--queries-only",
        type=Path,
        metavar="BUILD",
        help="Only the table of section 3, on this existing build folder.",
    )
    args = parser.parse_args()
    if args.queries_only:
        _query_table(args.queries_only)
    elif args.command_only:
        _command(args.command_only)
    else:
        run(args.sizes, args.rdflib_size, build_only=args.build_only)
