"""Meta-tests of the command line: help for every command, README coverage, exit codes."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from graph_builder.cli import main

from .conftest import REPO

COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(cli, command):
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert f"Usage: main {command}" in result.stdout or "Usage:" in result.stdout
    assert main.commands[command].help


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"graph-builder {command}\b", readme), f"README does not show {command}"


def test_readme_gives_exactly_two_commands_for_a_newcomer():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [line[2:] for line in quick.splitlines() if line.startswith("$ ")]
    assert len(commands) == 2
    assert "graph-builder build" in commands[0]
    assert "pytest" in commands[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "graph_builder", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and "graph-builder" in result.stdout


def test_usage_error_exit_code(cli):
    result = cli("query")
    assert result.exit_code == 2
    assert "exactly one" in result.stderr


def test_build_summary(cli, tmp_path):
    result = cli("build", "--out", tmp_path, "--no-viewer")
    assert result.exit_code == 0, result.stderr
    assert "sources: 4" in result.stdout
    assert "SHACL: conforms" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "graph.jsonld",
        "graph.trig",
        "graph.ttl",
        "manifest.json",
        "store",
    ]


def test_view_writes_a_self_contained_page(cli, tmp_path):
    out = tmp_path / "v.html"
    result = cli("view", "-o", out, "--lang", "id")
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page
    assert "https://" not in page.split("<script", 1)[0].replace("https://w3id.org", "")


def test_view_rejects_an_unknown_focus(cli, tmp_path):
    result = cli("view", "-o", tmp_path / "v.html", "--focus", "id:country/XX")
    assert result.exit_code == 2
    assert not (tmp_path / "v.html").exists()


def test_stats_json(cli):
    import json

    result = cli("stats", "--format", "json")
    assert result.exit_code == 0
    stats = json.loads(result.stdout)
    assert stats["components"] and stats["communities"]
