"""Reading HTML articles: time and peak memory against page size (is it linear?).

    python benchmarks/bench_read_article.py                  # pages up to 1.2 MB
    python benchmarks/bench_read_article.py --max-mb 4.9     # up to the 5 MB article limit

Two generated page shapes: "dense" (a tag every few words: divs, links, lists, entities,
inline scripts) and "scripted" (a news page: most bytes in script and style blocks,
then the article). Each size runs in a fresh process so peak memory is its own; CPU seconds are shown
beside wall seconds because a shared machine stretches the latter. The
issue's bar is a 5 MB page in 5 s for the whole extract; this times the reading alone.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def dense_page(size: int) -> str:
    rows, total, i = [], 0, 0
    while total < size:
        row = (
            f'<div class="r{i}"><p>Kemenperin &amp; METI sign MoU {i} on <a href="/x/{i}">'
            f"industrial</a> cooperation&nbsp;in <b>automotive</b> industry.</p><script>var "
            f'x{i} = "<p>";</script><ul><li>item {i}</li><li>vocational training</li></ul></div>\n'
        )
        rows.append(row)
        total += len(row)
        i += 1
    return "<!doctype html><html><head><title>T</title></head><body>" + "".join(rows) + "</body>"


def scripted_page(size: int) -> str:
    article = "".join(
        f"<p>Paragraph {i}: Indonesia and Japan signed a memorandum on vocational training.</p>"
        for i in range(40)
    )
    blob = ",".join(f'{{"a":"<div class=\\"x\\">{i}</div>","b":{i}}}' for i in range(size // 48))
    return (
        f"<!doctype html><html><head><title>News</title><script>var d=[{blob}];</script>"
        f"</head><body><nav><a href='/'>Home</a></nav><article>{article}</article></body></html>"
    )


def _measure(path: str) -> None:
    import resource

    from graph_builder.extract.text import read_article

    start, cpu = time.perf_counter(), time.process_time()
    article = read_article(Path(path))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak, "chars": len(article.text)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-mb", type=float, default=1.2)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        _measure(args.measure)
        return
    sizes = [s for s in (0.3, 0.6, 1.2, 2.5, 4.9) if s <= args.max_mb]
    print(
        "| page | size MB | read s (wall) | read s (CPU) | MB/CPU s | peak memory MB | text chars |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for shape, make in (("dense", dense_page), ("scripted", scripted_page)):
            for size in sizes:
                path = Path(tmp) / f"{shape}-{size}.html"
                path.write_text(make(int(size * 1_000_000)), encoding="utf-8")
                mb = path.stat().st_size / 1_000_000
                out = subprocess.run(
                    [sys.executable, __file__, "--measure", str(path)],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                r = json.loads(out)
                print(
                    f"| {shape} | {mb:.1f} | {r['seconds']:.2f} | {r['cpu']:.2f} "
                    f"| {mb / max(r['cpu'], 1e-9):.1f} "
                    f"| {r['peak_mb']:.0f} | {r['chars']:,} |"
                )


if __name__ == "__main__":
    main()
