"""A short fuzz run of every target (fuzz/run.py runs 100,000 inputs): no crashes."""

from __future__ import annotations

import pytest

from fuzz.run import Outcome, atheris_available, run_atheris, run_hypothesis
from fuzz.targets import FACTORIES

pytestmark = pytest.mark.slow  # fuzzing: a stress test, run by CI (the full suite)

# A few seconds per target; the HTTP target sends batches of 50 requests.
EXAMPLES = {
    "yaml": 300,
    "sources": 40,
    "sparql": 150,
    "service": 300,
    "params": 300,
    "http": 4,
    "viewer": 8,
}


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=pytest.mark.server) if n == "http" else n for n in sorted(FACTORIES)],
)
def test_short_hypothesis_run_finds_no_crash(name):
    target = FACTORIES[name]()
    outcome = Outcome(name, "hypothesis")
    try:
        run_hypothesis(target, EXAMPLES[name], outcome)
    finally:
        target.close()
    assert outcome.inputs >= EXAMPLES[name]
    assert outcome.examples == []


@pytest.mark.parametrize("name", ["yaml", "sparql", "service", "params"])
def test_short_atheris_run_finds_no_crash(name):
    if not atheris_available():
        pytest.skip("atheris is not installed (pip install atheris)")
    outcome = Outcome(name, "atheris")
    run_atheris(name, 300, outcome)
    assert outcome.examples == []
    assert outcome.inputs == 300


def test_a_crash_is_reported_not_swallowed():
    from hypothesis import strategies as st

    from fuzz.targets import Target

    def check(value: int) -> None:
        if value == 3:
            raise KeyError("boom")

    outcome = Outcome("demo", "hypothesis")
    run_hypothesis(Target("demo", check, st.integers(0, 5)), 50, outcome)
    assert outcome.crashes >= 1 and len(outcome.tracebacks) == 1
