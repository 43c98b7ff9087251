"""Build benchmark: load, build, validate, serialise and query synthetic datasets.

Run: python benchmarks/bench_build.py [--sizes 10 100 400]
Prints one row per size: sources, quads, and seconds for each stage. Nothing is asserted:
the numbers are for comparing commits on the same machine.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from graph_builder.ingest.sources import load_sources
from graph_builder.ontology import Vocabulary, load_ontology
from graph_builder.rdf.export import serialize
from graph_builder.rdf.mapping import build_dataset
from graph_builder.rdf.validate import validate_dataset
from graph_builder.sparql.named import bind_params, get_named_query, run_query

T = TypeVar("T")

COUNTRIES = ["ID", "CN", "KR", "JP", "IN", "VN", "TH", "MY", "PH", "SG", "DE", "FR", "US", "AU"]


def write_dataset(root: Path, n_sources: int, vocabulary: Vocabulary, seed: int = 7) -> None:
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
    pools = {k: sorted(v) for k, v in vocabulary.concepts.items()}
    for i in range(n_sources):
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
        (root / "sources" / f"b{i}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _timed(times: list[float], fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    times.append(time.perf_counter() - start)
    return value


def run(sizes: list[int]) -> None:
    ontology = load_ontology()
    vocabulary = Vocabulary.from_graph(ontology)
    header = (
        "sources",
        "quads",
        "load s",
        "build s",
        "shacl s",
        "ttl s",
        "trig s",
        "jsonld s",
        "query s",
    )
    print("  ".join(f"{h:>9}" for h in header))
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "data"
            write_dataset(root, n, vocabulary)
            times: list[float] = []
            records = _timed(times, load_sources, root, vocabulary=vocabulary)
            dataset = _timed(times, build_dataset, records, ontology=ontology)
            report = _timed(times, validate_dataset, dataset)
            assert report.conforms, report.text()
            for fmt in ("ttl", "trig", "jsonld"):
                _timed(times, serialize, dataset, fmt)
            named = get_named_query("agreements-by-country")
            bindings = bind_params(named, {"country": "ID"})
            _timed(times, lambda: list(run_query(dataset, named.text, bindings=bindings)))  # noqa: B023
            quads = sum(len(g) for g in dataset.graphs())
            print("  ".join([f"{n:>9}", f"{quads:>9}", *(f"{t:>9.2f}" for t in times)]))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 400])
    run(parser.parse_args().sizes)
