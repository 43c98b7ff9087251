"""Count the review effort between a candidate from `graph-builder extract` and the final file.

    python docs/review_effort.py CANDIDATE FINAL [--map OLD=NEW ...]

A claim is one value of one field of one block (`about`), wherever the candidate puts it:
under `claims:`, under `unresolved.agreement.pending` (its `about` is the suggested id) or
under `unresolved.signing` (its `about` is `@signing`). `--map` renames a candidate's
suggested ids to the ids the reviewer chose (`--map @signing=signing-mou-x`); `--moved`
does the same for a block the extractor linked to the wrong existing entity, and every
claim so moved counts as corrected, never as unchanged.

Each candidate claim is counted once, as one of:
- unchanged: the final file has the same block, field and value, with the same `says`
  and `at` (or the final value has no evidence to compare);
- corrected: the same block, field and value with other evidence, or the same block and
  field and the same `says` with another value (a concept or date put right);
- rejected: nothing in the final file matches it.
Final claims that match no candidate claim are counted as added by hand.

Independent of graph_builder on purpose: it reads the two YAML files as plain data.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Claim:
    about: str
    field: str
    value: str
    says: str | None
    at: str | None


def _value_of(item: Any) -> tuple[str, str | None, str | None]:
    if isinstance(item, dict):
        if "ref" in item:
            value: Any = item["ref"]
        elif "value" in item:
            value = item["value"]
        elif "person" in item:
            value = item["person"]
        else:
            value = sorted(item.items())
        says = item.get("says")
        at = item.get("at")
        return str(value), None if says is None else str(says), None if at is None else str(at)
    return str(item), None, None


def _flatten_block(about: str, block: dict[str, Any], renames: dict[str, str]) -> list[Claim]:
    about = renames.get(about, about)
    claims: list[Claim] = []
    for field, values in block.items():
        if field in ("about", "at"):
            continue
        if field == "term" or not isinstance(values, list):
            values = [values]
        for item in values:
            value, says, at = _value_of(item)
            claims.append(Claim(about, field, renames.get(value, value), says, at))
    return claims


def read_claims(path: Path, renames: dict[str, str]) -> list[Claim]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    claims: list[Claim] = []
    for block in data.get("claims") or []:
        claims += _flatten_block(str(block["about"]), block, renames)
    unresolved = data.get("unresolved") or {}
    agreement = unresolved.get("agreement") or {}
    if agreement.get("pending"):
        claims += _flatten_block(str(agreement["suggested_id"]), agreement["pending"], renames)
    if unresolved.get("signing"):
        claims += _flatten_block("@signing", unresolved["signing"], renames)
    return claims


@dataclass
class Effort:
    proposed: int = 0
    unchanged: int = 0
    corrected: int = 0
    rejected: int = 0
    added: int = 0


def compare(
    candidate: list[Claim], final: list[Claim], moved_blocks: frozenset[str] = frozenset()
) -> Effort:
    effort = Effort(proposed=len(candidate))
    left = list(final)
    unmatched: list[Claim] = []
    for claim in candidate:
        same = [
            f
            for f in left
            if (f.about, f.field, f.value) == (claim.about, claim.field, claim.value)
        ]
        if not same:
            unmatched.append(claim)
            continue
        match = same[0]
        left.remove(match)
        evidence_kept = match.says is None or (match.says, match.at) == (claim.says, claim.at)
        if evidence_kept and claim.about not in moved_blocks:
            effort.unchanged += 1
        else:
            effort.corrected += 1
    for claim in unmatched:
        moved = [
            f
            for f in left
            if (f.about, f.field) == (claim.about, claim.field)
            and claim.says
            and f.says == claim.says
        ]
        if moved:
            left.remove(moved[0])
            effort.corrected += 1
        else:
            effort.rejected += 1
    effort.added = len(left)
    return effort


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("candidate", type=Path)
    parser.add_argument("final", type=Path)
    parser.add_argument("--map", action="append", default=[], metavar="OLD=NEW")
    parser.add_argument("--moved", action="append", default=[], metavar="OLD=NEW")
    args = parser.parse_args(argv)
    renames: dict[str, str] = {}
    for pair in [*args.map, *args.moved]:
        old, sep, new = pair.partition("=")
        if not sep:
            print(f"--map {pair}: write it as OLD=NEW", file=sys.stderr)
            return 2
        renames[old] = new
    moved = frozenset(pair.partition("=")[2] for pair in args.moved)
    effort = compare(read_claims(args.candidate, renames), read_claims(args.final, {}), moved)
    print(
        f"{args.final.stem}\t{effort.proposed}\t{effort.unchanged}\t{effort.corrected}"
        f"\t{effort.rejected}\t{effort.added}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
