"""Progress on stderr: stages over a threshold are drawn at a terminal, never elsewhere."""

from __future__ import annotations

import io
import time

import click
import pytest

from graph_builder.cli.progress import Stages


def _run(stages: list[tuple[str, float]], *, after: float, enabled: bool) -> str:
    err = io.StringIO()
    context = click.Context(click.Command("x"))
    with context, pytest.MonkeyPatch.context() as patch:
        patch.setattr(click.utils, "_default_text_stderr", lambda: err)
        with Stages(after=after, enabled=enabled) as stage:
            for name, seconds in stages:
                stage(name)
                time.sleep(seconds)
    return err.getvalue()


def test_a_stage_over_the_threshold_is_drawn_and_left_in_place():
    out = _run([("quick", 0.0), ("slow", 0.7)], after=0.3, enabled=True)
    assert "quick" not in out
    lines = [line for line in out.split("\n") if line]
    assert lines[-1].startswith("\rslow … ") and lines[-1].rstrip().endswith(" s")
    assert out.endswith("\n")


def test_nothing_is_drawn_when_disabled():
    assert _run([("slow", 0.5)], after=0.1, enabled=False) == ""


def test_quiet_and_pipes_show_no_progress(cli, tmp_path):
    result = cli("-q", "build", "--out", tmp_path / "b", "--no-viewer", "--export", "none")
    assert result.exit_code == 0, result.stderr
    assert "…" not in result.stderr and "building" not in result.stderr


def test_build_names_its_stages(tmp_path):
    from graph_builder.build import run_build

    seen: list[str] = []
    run_build(None, tmp_path / "b", viewer=True, exports=["ttl"], on_stage=seen.append)
    assert seen == [
        "loading the sources",
        "validating (SHACL)",
        "writing viewer.html",
        "writing the listings",
        "saving the store",
        "writing graph.ttl",
    ]
