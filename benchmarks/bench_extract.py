"""Extraction speed in batch mode, and (with --s1 PATH) the seed article against its hand-written file.

    python benchmarks/bench_extract.py                 # speed table
    python benchmarks/bench_extract.py --s1 PATH       # plus the S1 comparison (a diff table)
    python benchmarks/bench_extract.py --long 1 5      # long texts of 1 and 5 MB
    python benchmarks/bench_extract.py --long 5 --against ../main   # beside another tree

Speed: the development set's articles are repeated and padded to about 300 words each,
then extracted on one core after the matchers are built (building is timed apart). The
bar is 100 articles of 300 words per second; nothing here asserts a time.

Long texts: the whole ``graph-builder extract`` command's wall and CPU seconds and peak
RSS, and its critical path on two idle cores (its CPU less what its forked child did
beside it): a prediction, since a shared machine's wall seconds count others' turns.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

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
SHAPES = ("single-line", "paragraphs", "html", "paragraphs-id", "repeated-clause")
"""A long text's shapes: varied sentences on one line; paragraphs of one to four sentences;
an HTML page of those paragraphs (the tags read away first); Indonesian paragraphs; and,
for comparison with the figures before, the one English clause repeated, a sentence a
paragraph (a text any cache of repeated sentences would flatter)."""

_TEMPLATES = {
    "en": (
        "{country} and {country} signed a memorandum of understanding on {sectors} on {date}.",
        "The agreement covers {activities}, and aims at {objectives}.",
        "{body} will work with {body} on {activities} in the {sector} from {year}.",
        "Minister {name} said the {sector} had grown since {date}, unlike {country}'s.",
        "{filler} {filler} the delegation visited {city} {filler} {filler}.",
        "Both sides agreed to cooperate in {sectors}, including {activities}.",
        "Exports of the {sector} to {country} rose in {year}, {filler} {filler} {name} said.",
        "{body} and {body} will lead the programme to promote {objectives}.",
    ),
    "id": (
        "{country} dan {country} menandatangani nota kesepahaman di bidang {sectors} pada {date}.",
        "Kerja sama itu meliputi {activities}, untuk mendorong {objectives}.",
        "{body} akan bekerja sama dengan {body} dalam {activities} di {sector} mulai {year}.",
        "Menteri {name} mengatakan {sector} tumbuh sejak {date}, berbeda dengan {country}.",
        "{filler} {filler} delegasi itu mengunjungi {city} {filler} {filler}.",
        "Kedua pihak sepakat bekerja sama di sektor {sectors}, antara lain {activities}.",
        "Ekspor {sector} ke {country} naik pada {year}, {filler} {filler} kata {name}.",
        "{body} dan {body} akan memimpin program untuk meningkatkan {objectives}.",
    ),
}
_FILLER = {
    "en": [
        "officials",
        "also",
        "noted",
        "that",
        "the",
        "plan",
        "would",
        "take",
        "time",
        "while",
        "talks",
        "continued",
    ],
    "id": [
        "para",
        "pejabat",
        "juga",
        "mencatat",
        "bahwa",
        "rencana",
        "itu",
        "butuh",
        "waktu",
        "selama",
        "pembicaraan",
    ],
}
_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "id": [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],
}
_NAMES = [
    "Agus",
    "Gumiwang",
    "Siti",
    "Rahma",
    "Budi",
    "Santoso",
    "Hiroshi",
    "Tanaka",
    "Maria",
    "Lopez",
    "Kim",
    "Jae",
]
_CITIES = [
    "Jakarta",
    "Tokyo",
    "Seoul",
    "Surabaya",
    "Berlin",
    "Hanoi",
    "Bandung",
    "Santiago",
    "Nairobi",
    "Lima",
]


def _vocabulary(lang: str) -> dict[str, list[str]]:
    """The lexicon's phrases of *lang* (and of both) by class, sorted: the generator's words."""
    lexicon = load_extractor().lexicon
    words: dict[str, set[str]] = {}
    for code in ("*", lang):
        for phrase, target in lexicon.phrases.get(code, []):
            words.setdefault(target.cls, set()).add(phrase)
    return {cls: sorted(phrases) for cls, phrases in words.items()}


def _sentences(lang: str, seed: int) -> Iterator[str]:
    """Varied sentences of *lang* without end: templates filled with the lexicon's
    countries, bodies, sectors, activities and aims (lists of one to four), names, cities,
    dates and filler words, drawn by a generator seeded with *seed*."""
    pick = random.Random(seed)
    vocabulary = _vocabulary(lang)
    conjunction = " and " if lang == "en" else " dan "

    def listed(cls: str) -> str:
        items = pick.sample(vocabulary[cls], pick.randint(1, 4))
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + conjunction + items[-1]

    def date() -> str:
        return f"{pick.randint(1, 28)} {pick.choice(_MONTHS[lang])} {pick.randint(2015, 2025)}"

    fill = {
        "country": lambda: pick.choice(vocabulary["countries"]),
        "body": lambda: pick.choice(vocabulary["bodies"]),
        "sector": lambda: pick.choice(vocabulary["sectors"]),
        "sectors": lambda: listed("sectors"),
        "activities": lambda: listed("activities"),
        "objectives": lambda: listed("objectives"),
        "name": lambda: " ".join(pick.sample(_NAMES, 2)),
        "city": lambda: pick.choice(_CITIES),
        "date": date,
        "year": lambda: str(pick.randint(2010, 2025)),
        "filler": lambda: pick.choice(_FILLER[lang]),
    }
    while True:
        template = pick.choice(_TEMPLATES[lang])
        parts = template.split("{")
        text = parts[0] + "".join(fill[p.split("}")[0]]() + p.split("}", 1)[1] for p in parts[1:])
        yield text[0].upper() + text[1:]


def long_text(shape: str, size_mb: float, *, seed: int = 18) -> tuple[str, str]:
    """A text of *shape* and at most *size_mb* million bytes (UTF-8), and its file name."""
    size = int(size_mb * 1_000_000)
    lang = "id" if shape.endswith("-id") else "en"
    head = "JAKARTA, 13 Maret 2024 - " if lang == "id" else "JAKARTA, 13 March 2024 - "
    if shape == "repeated-clause":
        body = _CLAUSE * (size // len(_CLAUSE) + 1)
        return (head + body.replace("; ", ".\n\n"))[:size], "long.txt"
    pick = random.Random(seed)
    sentences = _sentences(lang, seed)
    paragraphs: list[str] = []
    length = len(head)
    while length < size:
        paragraph = " ".join(next(sentences) for _ in range(pick.randint(1, 4)))
        paragraphs.append(paragraph)
        length += len(paragraph.encode("utf-8")) + 9
    if shape == "single-line":
        text, name = head + " ".join(paragraphs), "long.txt"
    elif shape == "html":
        text = "<html><body><p>" + head + "</p>\n<p>".join(paragraphs) + "</p></body></html>"
        name = "long.html"
    else:
        text, name = head + "\n\n".join(paragraphs), "long.txt"
    data = text.encode("utf-8")[:size]
    return data.decode("utf-8", errors="ignore"), name


def critical_path(path: Path, out: Path) -> dict[str, float]:
    """``graph-builder extract PATH -o OUT`` run in this process: the forked child's CPU
    seconds (:mod:`graph_builder.extract.overlap`), and this process's between starting the
    child and asking for its answer. On two idle cores the command takes about its CPU
    less the part of the child's that ran beside this process's own: the critical path, a
    prediction of its wall seconds that a busy machine cannot measure."""
    from graph_builder.cli import main as command
    from graph_builder.extract import overlap

    marks: dict[str, float] = {}
    start, answer = overlap.Pending.__init__, overlap.Pending.result

    def started(pending: Any, work: Any, *, size: int) -> None:
        marks["forked"] = _own_cpu()
        start(pending, work, size=size)

    def asked(pending: Any) -> Any:
        marks["asked"] = _own_cpu()
        return answer(pending)

    overlap.Pending.__init__ = started  # type: ignore[method-assign,assignment]
    overlap.Pending.result = asked  # type: ignore[method-assign,assignment]
    try:
        command(["extract", str(path), "-o", str(out), "--force"], standalone_mode=False)
    finally:
        overlap.Pending.__init__ = start  # type: ignore[method-assign]
        overlap.Pending.result = answer  # type: ignore[method-assign]
    times = os.times()
    child = times.children_user + times.children_system
    return {"child": child, "beside": marks["asked"] - marks["forked"] if child else 0.0}


def _own_cpu() -> float:
    times = os.times()
    return times.user + times.system


def _cpu() -> float:
    """CPU seconds of this process and of its children that ended (a forked helper's too)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


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


def bench_long(sizes_mb: list[float], trees: list[Path], shapes: list[str]) -> None:
    """Each shape and size in each tree, in fresh processes: the whole ``graph-builder
    extract`` command (start-up, lexicon, reading, writing) timed from outside, then run
    again inside a process that splits its CPU around the forked child (:func:`critical_path`).
    CPU seconds count a forked helper's too; peak RSS is the largest process's; "load" is
    the machine's load average over the last minute when the row ends."""
    print(
        "| text | MB | tree | command wall s | command CPU s | peak RSS MB | child CPU s "
        "| own CPU beside the child s | critical path s (predicted) | load |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "c.yaml")
        rows: list[tuple[str, float, Path]] = []
        for lang, sentence in _STARTUP.items():
            path = Path(tmp) / f"one-{lang}.txt"
            path.write_text(sentence + "\n", encoding="utf-8")
            rows.append((f"one sentence ({lang}): start-up", 0, path))
        for shape in shapes:
            # the old clause repeated: one row, for comparison with the figures before
            for size in sizes_mb if shape != "repeated-clause" else sizes_mb[-1:]:
                text, name = long_text(shape, size)
                path = Path(tmp) / f"{shape}-{size:g}-{name}"
                path.write_text(text, encoding="utf-8")
                rows.append((shape, size, path))
        for label, size, path in rows:
            for tree in trees:
                whole = _in_tree(tree, *_COMMAND, str(path), "-o", out, "--force")
                run = _in_tree(tree, sys.executable, __file__, "--critical", str(path), out)
                split = json.loads(run.out.strip().splitlines()[-1])
                critical = whole.cpu - min(split["child"], split["beside"])
                print(
                    f"| {label} | {size:g} | {tree.name} | {whole.wall:.2f} | {whole.cpu:.2f} "
                    f"| {whole.rss_mb:.0f} | {split['child']:.2f} | {split['beside']:.2f} "
                    f"| {critical:.2f} | {os.getloadavg()[0]:.1f} |",
                    flush=True,
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
    parser.add_argument(
        "--shapes", nargs="+", choices=SHAPES, default=list(SHAPES), help="long texts' shapes"
    )
    parser.add_argument("--critical", nargs=2, metavar=("PATH", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.critical:
        print(json.dumps(critical_path(Path(args.critical[0]), Path(args.critical[1]))))
        return
    if args.long:
        bench_long(args.long, [REPO, *args.against], args.shapes)
        return
    bench_speed(args.articles, args.words)
    if args.s1:
        compare_s1(args.s1)


if __name__ == "__main__":
    main()
