"""Fuzz every target with Hypothesis (structured inputs) and atheris (coverage-guided).

    python fuzz/run.py --inputs 100000            # the full run (several minutes)
    python fuzz/run.py --inputs 2000 --no-atheris  # a quick look

Prints one row per target and engine: inputs tried, crashes (inputs that broke the
invariant), and distinct tracebacks. Exit status 1 if anything crashed. The budget is
split by ``WEIGHTS``; slow targets (a data folder, a rendered page) get fewer inputs.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``fuzz`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fuzz.targets import FACTORIES, Target, is_crash

# Share of the budget per (target, engine). Atheris runs only where inputs are plain bytes.
WEIGHTS: dict[tuple[str, str], float] = {
    ("yaml", "hypothesis"): 0.14,
    ("yaml", "atheris"): 0.14,
    ("sources", "hypothesis"): 0.03,
    ("sparql", "hypothesis"): 0.07,
    ("sparql", "atheris"): 0.07,
    ("service", "hypothesis"): 0.03,
    ("service", "atheris"): 0.03,
    ("params", "hypothesis"): 0.17,
    ("params", "atheris"): 0.17,
    ("http", "hypothesis"): 0.145,
    ("viewer", "hypothesis"): 0.005,
}


@dataclass
class Outcome:
    target: str
    engine: str
    inputs: int = 0
    crashes: int = 0
    tracebacks: set[str] = field(default_factory=set)
    examples: list[str] = field(default_factory=list)
    seconds: float = 0.0


def run_hypothesis(target: Target, examples: int, outcome: Outcome) -> None:
    """Run *target* on *examples* generated inputs, recording every crash."""
    from hypothesis import HealthCheck, Phase, given, settings

    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(target.strategy)
    def once(value: object) -> None:
        outcome.inputs += target.batch
        try:
            target.check(value)
        except Exception as exc:
            if is_crash(exc):
                _record(outcome, exc, value)

    once()


def _record(outcome: Outcome, exc: BaseException, value: object) -> None:
    outcome.crashes += 1
    frames = traceback.extract_tb(exc.__traceback__)
    where = frames[-1] if frames else None
    key = f"{type(exc).__name__} at {where.filename}:{where.lineno}" if where else repr(exc)
    if key not in outcome.tracebacks:
        outcome.tracebacks.add(key)
        outcome.examples.append(f"{key}: {exc!s:.300}\n    input: {value!r:.300}")


def run_atheris(name: str, runs: int, outcome: Outcome) -> None:
    """Run the atheris child for target *name* in a subprocess (libFuzzer exits the process)."""
    with tempfile.TemporaryDirectory(prefix="atheris-") as artifacts:
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--atheris-child",
            name,
            f"-runs={runs}",
            "-max_len=2048",
            "-print_final_stats=1",
            f"-artifact_prefix={artifacts}/",
        ]
        done = subprocess.run(command, capture_output=True, text=True, env={**os.environ})
    log = done.stdout + done.stderr
    executed = re.search(r"stat::number_of_executed_units:\s*(\d+)", log)
    outcome.inputs = int(executed.group(1)) if executed else 0
    if done.returncode != 0:
        outcome.crashes = 1
        found = re.search(r"=== Uncaught Python exception: ===\n(.*?)\n\n", log, re.S)
        detail = found.group(1) if found else log[-2000:]
        outcome.tracebacks.add(detail.splitlines()[-1] if detail else "?")
        outcome.examples.append(detail)


def atheris_child(name: str, libfuzzer_args: list[str]) -> None:
    import atheris

    with atheris.instrument_imports(include=["graph_builder", "yaml"]):
        import graph_builder.ingest.strict_yaml
        import graph_builder.sparql.guard
        import graph_builder.sparql.named  # noqa: F401
    target = FACTORIES[name]()
    convert = target.from_bytes
    assert convert is not None

    def one_input(data: bytes) -> None:
        try:
            target.check(convert(data))
        except Exception as exc:
            if is_crash(exc):
                raise

    atheris.Setup([sys.argv[0], *libfuzzer_args], one_input)
    atheris.Fuzz()


def atheris_available() -> bool:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return False
    return True


def run_all(
    inputs: int, *, only: list[str] | None = None, use_atheris: bool = True
) -> list[Outcome]:
    outcomes = []
    for (name, engine), weight in WEIGHTS.items():
        if only and name not in only:
            continue
        if engine == "atheris" and not use_atheris:
            continue
        outcome = Outcome(name, engine)
        budget = max(1, round(inputs * weight))
        started = time.monotonic()
        if engine == "atheris":
            run_atheris(name, budget, outcome)
        else:
            target = FACTORIES[name]()
            try:
                run_hypothesis(target, max(1, budget // target.batch), outcome)
            finally:
                target.close()
        outcome.seconds = time.monotonic() - started
        outcomes.append(outcome)
        print(_row(outcome), file=sys.stderr, flush=True)
    return outcomes


def _row(o: Outcome) -> str:
    return (
        f"| {o.target} | {o.engine} | {o.inputs:,} | {o.crashes} | {len(o.tracebacks)} "
        f"| {o.seconds:.0f} s |"
    )


def table(outcomes: list[Outcome]) -> str:
    lines = [
        "| target | engine | inputs tried | crashes | tracebacks | time |",
        "|---|---|---:|---:|---:|---:|",
        *(_row(o) for o in outcomes),
        f"| **total** | | **{sum(o.inputs for o in outcomes):,}** "
        f"| **{sum(o.crashes for o in outcomes)}** "
        f"| **{sum(len(o.tracebacks) for o in outcomes)}** "
        f"| {sum(o.seconds for o in outcomes):.0f} s |",
    ]
    return "\n".join(lines)


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--atheris-child":
        atheris_child(sys.argv[2], sys.argv[3:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="total generated inputs")
    parser.add_argument("--target", action="append", choices=sorted(FACTORIES), help="only these")
    parser.add_argument("--no-atheris", action="store_true", help="Hypothesis only")
    args = parser.parse_args()
    use_atheris = not args.no_atheris and atheris_available()
    if not args.no_atheris and not use_atheris:
        print("atheris is not installed: coverage-guided runs skipped", file=sys.stderr)
    outcomes = run_all(args.inputs, only=args.target, use_atheris=use_atheris)
    print(table(outcomes))
    for outcome in outcomes:
        for example in outcome.examples:
            print(f"\n{outcome.target} ({outcome.engine}): {example}")
    return 1 if any(o.crashes for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
