"""Extraction speed in batch mode, and (with --s1 PATH) the seed article against its hand-written file.

    python benchmarks/bench_extract.py                 # speed table
    python benchmarks/bench_extract.py --s1 PATH       # plus the S1 comparison (a diff table)
    python benchmarks/bench_extract.py --long 1 5      # long texts of 1 and 5 MB
    python benchmarks/bench_extract.py --long 5 --against ../main   # beside another tree

Speed: the development set's articles are repeated and padded to about 300 words each,
then extracted on one core after the matchers are built (building is timed apart). The
bar is 100 articles of 300 words per second; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

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
_KLAUSA = (
    "Indonesia dan Jepang menandatangani nota kesepahaman kerja sama industri otomotif, "
    "industri kimia, industri, pertumbuhan ekonomi, Kementerian Perindustrian, sektor-sektor "
    "kopi bubuk, peningkatan kapasitas dan pelatihan seperti pendidikan vokasi; "
)
SHAPES = ("single-line", "paragraphs", "html", "paragraphs-id")
"""A long text's shapes: one line and one sentence; one sentence a paragraph; an HTML page
of short paragraphs (the tags read away first); one Indonesian sentence a paragraph."""


def long_text(shape: str, size_mb: float) -> tuple[str, str]:
    """A text of *shape* and at most *size_mb* million bytes (ASCII), and its file name."""
    size = int(size_mb * 1_000_000)
    if shape == "paragraphs-id":
        body = _KLAUSA * (size // len(_KLAUSA) + 1)
        return ("JAKARTA, 13 Maret 2024 - " + body.replace("; ", ".\n\n"))[:size], "long.txt"
    body = _CLAUSE * (size // len(_CLAUSE) + 1)
    head = "JAKARTA, 13 March 2024 - "
    if shape == "single-line":
        return (head + body)[:size], "long.txt"
    if shape == "paragraphs":
        return (head + body.replace("; ", ".\n\n"))[:size], "long.txt"
    page = "<html><body><p>" + head + body.replace("; ", ".</p>\n<p>")
    return page[: size - len("</p></body></html>")] + "</p></body></html>", "long.html"


def measure_long(shape: str, size_mb: float) -> dict[str, float]:
    """CPU seconds of reading and extracting one long text in this process, the matchers
    and the date parser ready (the steps that grow with the text)."""
    from graph_builder.extract.dates import find_dates

    lang = "id" if shape.endswith("-id") else "en"
    extractor = load_extractor()
    extractor.finder(lang)
    find_dates("kemarin", base=dt.date(2024, 3, 13), lang=lang)  # the date parser's first use
    text, name = long_text(shape, size_mb)
    cpu = time.process_time()
    article = article_from_bytes(Path(name), text.encode("utf-8"))
    result = extractor.extract(article, lang=lang, meta=ArticleMeta())
    cpu = time.process_time() - cpu
    return {"cpu": cpu, "findings": sum(len(v) for v in result.findings.values())}


class Run(NamedTuple):
    """What one process printed, and its wall and CPU seconds and peak memory (MB)."""

    out: str
    wall: float
    cpu: float
    rss_mb: float


def _in_tree(tree: Path, *args: str) -> Run:
    """Run a command with *tree*'s package first on the path."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    with tempfile.TemporaryFile("w+") as out:
        started = time.perf_counter()
        # run inside the tree: "python -m" puts the working directory first on the path
        process = subprocess.Popen(args, env=env, cwd=tree, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own CPU and memory
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise SystemExit(f"{' '.join(args)} failed: {process.stderr.read().decode()}")
        out.seek(0)
        return Run(out.read(), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


_STARTUP = {
    "en": "Indonesia and Japan signed an agreement on the automotive industry on 13 March 2024.",
    "id": "Indonesia dan Jepang menandatangani kerja sama industri otomotif pada 13 Maret 2024.",
}
"""One sentence in each language: the command on it is start-up and writing alone."""


def bench_long(sizes_mb: list[float], trees: list[Path]) -> None:
    """Each shape and size in each tree, in fresh processes: the extraction alone, and the
    whole ``graph-builder extract`` command (start-up, lexicon, reading, writing)."""
    print(
        "| text | MB | tree | extract CPU s | command wall s | command CPU s | peak RSS MB "
        "| findings |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "c.yaml")
        for lang, sentence in _STARTUP.items():
            path = Path(tmp) / f"one-{lang}.txt"
            path.write_text(sentence + "\n", encoding="utf-8")
            for tree in trees:
                whole = _in_tree(tree, *_COMMAND, str(path), "-o", out, "--force")
                print(
                    f"| one sentence ({lang}): start-up | 0 | {tree.name} | | {whole.wall:.2f} "
                    f"| {whole.cpu:.2f} | {whole.rss_mb:.0f} | |"
                )
        for shape in SHAPES:
            for size in sizes_mb:
                text, name = long_text(shape, size)
                path = Path(tmp) / name
                path.write_text(text, encoding="utf-8")
                for tree in trees:
                    run = _in_tree(tree, sys.executable, __file__, "--measure", shape, str(size))
                    measured = json.loads(run.out)
                    whole = _in_tree(tree, *_COMMAND, str(path), "-o", out, "--force")
                    print(
                        f"| {shape} | {size:g} | {tree.name} | {measured['cpu']:.2f} "
                        f"| {whole.wall:.2f} | {whole.cpu:.2f} | {whole.rss_mb:.0f} "
                        f"| {measured['findings']:.0f} |"
                    )


_COMMAND = (sys.executable, "-m", "graph_builder", "extract")


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
    parser.add_argument("--long", type=float, nargs="+", metavar="MB", help="long-text sizes")
    parser.add_argument(
        "--against", type=Path, nargs="*", default=[], help="other trees to time beside this one"
    )
    parser.add_argument("--measure", nargs=2, metavar=("SHAPE", "MB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure_long(args.measure[0], float(args.measure[1]))))
        return
    if args.long:
        bench_long(args.long, [REPO, *args.against])
        return
    bench_speed(args.articles, args.words)
    if args.s1:
        compare_s1(args.s1)


if __name__ == "__main__":
    main()
