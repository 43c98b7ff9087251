"""Train the extractor's filter on the labelled articles and write the shipped file.

    python scripts/train_extract_model.py            # tests/extract_gold → the shipped file
    python scripts/train_extract_model.py --check    # exit 1 if the shipped file differs

The same articles always give the same file (fixed order, no randomness), and
tests/extract/test_learn.py checks that the shipped file is what this writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph_builder.extract import load_extractor
from graph_builder.extract.evaluate import load_gold
from graph_builder.extract.learn import SHIPPED, filter_json, train
from graph_builder.files import write_text

GOLD = Path(__file__).resolve().parent.parent / "tests" / "extract_gold"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="the labelled articles")
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    text = filter_json(train(load_extractor(), load_gold(args.gold)))
    if args.check:
        same = SHIPPED.is_file() and SHIPPED.read_text(encoding="utf-8") == text
        print(f"{SHIPPED}: {'as trained' if same else 'differs from what training gives'}")
        return 0 if same else 1
    write_text(SHIPPED, text)
    print(f"wrote {SHIPPED} ({len(text.encode()):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
