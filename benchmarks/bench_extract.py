"""Extraction speed in batch mode, and (with --s1 PATH) the seed article against its hand-written file.

    python benchmarks/bench_extract.py                 # speed table
    python benchmarks/bench_extract.py --s1 PATH       # plus the S1 comparison (a diff table)
    python benchmarks/bench_extract.py --long 1 5      # single-line texts of 1 and 5 MB

Speed: the development set's articles are repeated and padded to about 300 words each,
then extracted on one core after the matchers are built (building is timed apart). The
bar is 100 articles of 300 words per second; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from graph_builder.diff import diff_data, format_diff
from graph_builder.extract import ArticleMeta, load_extractor
from graph_builder.extract.batch import extract_file, run_batch
from graph_builder.extract.text import article_from_bytes, read_article

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "extract_gold"
S1_PROPERTIES = ("coversSector", "hasParty", "includesActivity", "pursuesObjective")


def _articles(count: int, words: int, folder: Path) -> list[Path]:
    texts = [read_article(p).text for p in sorted(GOLD.glob("*.txt"))]  # one is UTF-16
    paths = []
    for i in range(count):
        text = texts[i % len(texts)]
        while len(text.split()) < words:
            text += "\n\n" + texts[(i + 1) % len(texts)]
        text = " ".join(text.split(" ")[:words])
        path = folder / f"article-{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def bench_speed(count: int, words: int) -> None:
    started = time.perf_counter()
    extractor = load_extractor()
    extractor.finder("id")
    extractor.finder("en")
    built = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        paths = _articles(count, words, Path(tmp))
        total_words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
        started, cpu = time.perf_counter(), time.process_time()
        for path in paths:  # extraction and YAML, no writing
            article_from_bytes(path, path.read_bytes())
            extract_file(extractor, path)
        extract_only = (time.perf_counter() - started, time.process_time() - cpu)
        started, cpu = time.perf_counter(), time.process_time()
        summary = run_batch(extractor, paths, Path(tmp) / "out")
        batch = (time.perf_counter() - started, time.process_time() - cpu)
    # CPU seconds are this process's own: on a shared machine the wall clock counts the
    # other processes' turns too.
    print("| step | articles | words | wall s | CPU s | articles/s (300 words, CPU) |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| build lexicon and matchers (once) | | | {built:.2f} | | |")
    for name, (wall, seconds) in (
        ("extract + render", extract_only),
        ("batch (read, extract, write)", batch),
    ):
        rate = total_words / 300 / seconds
        print(f"| {name} | {count} | {total_words} | {wall:.2f} | {seconds:.2f} | {rate:.0f} |")
    print(f"\nbatch summary:\n{summary.text()}")


_CLAUSE = (
    "Indonesia and Japan signed a cooperation agreement covering the automotive industry, "
    "chemical industry, industry, economic growth, the Ministry of Rural Roads, the ground "
    "coffee sector, capacity building and training such as vocational education; "
)


def bench_long(sizes_mb: list[float]) -> None:
    """One text of each size, one line and one sentence: extraction must stay linear."""
    from graph_builder.extract.extract import ArticleMeta

    extractor = load_extractor()
    extractor.finder("en")
    print("| single-line text | characters | CPU seconds | wall seconds | findings |")
    print("|---|---:|---:|---:|---:|")
    for size in sizes_mb:
        chars = int(size * 1_000_000)
        text = ("JAKARTA, 13 March 2024 - " + _CLAUSE * (chars // len(_CLAUSE) + 1))[:chars]
        article = article_from_bytes(Path("long.txt"), text.encode("utf-8"))
        cpu, wall = time.process_time(), time.perf_counter()
        result = extractor.extract(article, meta=ArticleMeta())
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        count = sum(len(v) for v in result.findings.values())
        print(f"| {size:g} MB | {len(text):,} | {cpu:.2f} | {wall:.2f} | {count} |")


def compare_s1(path: Path) -> None:
    """Extract the seed article as source S1 and diff it with data/sources/s1-seed-article.yaml."""
    extractor = load_extractor()
    with tempfile.TemporaryDirectory() as tmp:
        candidate = Path(tmp) / "s1-candidate.yaml"
        article = Path(tmp) / "s1.txt"
        shutil.copyfile(path, article)
        _, text = extract_file(extractor, article, meta=ArticleMeta(source_id="S1"))
        candidate.write_text(text, encoding="utf-8")
        diffs = diff_data(REPO / "data", candidate, properties=S1_PROPERTIES)
    only_statements = [d for d in diffs if d.added or d.removed]
    print(f"\nS1 extracted vs hand-written, {', '.join('agr:' + p for p in S1_PROPERTIES)}:")
    print(format_diff(diffs), end="")
    print("statements the same" if not only_statements else "statements differ (+/- above)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--words", type=int, default=300)
    parser.add_argument("--s1", type=Path, help="the seed article (S1) to compare")
    parser.add_argument("--long", type=float, nargs="+", metavar="MB", help="single-line sizes")
    args = parser.parse_args()
    if args.long:
        bench_long(args.long)
        return
    bench_speed(args.articles, args.words)
    if args.s1:
        compare_s1(args.s1)


if __name__ == "__main__":
    main()
