"""Meta-tests of the command line: help for every command, README coverage, exit codes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import click
import pytest

from graph_builder.cli.base import all_commands

from .conftest import DATA_DIR, REPO

COMMANDS = sorted(all_commands())


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(cli, command):
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert f"Usage: main {command}" in result.stdout or "Usage:" in result.stdout
    assert all_commands()[command].help


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
    bundled = len(list((DATA_DIR / "sources").glob("*.yaml")))
    assert f"sources: {bundled} " in result.stdout
    assert "SHACL: conforms" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "graph.trig",
        "listings",
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


def _options(command):
    return [p for p in command.params if isinstance(p, click.Option)]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_of_every_command_has_help(command):
    missing = [o.opts[-1] for o in _options(all_commands()[command]) if not o.help]
    assert missing == [], f"graph-builder {command}: options without help text"


def test_every_serve_option_is_documented_in_docs_server_md():
    text = (REPO / "docs" / "server.md").read_text(encoding="utf-8")
    documented = {o.opts[-1] for o in _options(all_commands()["serve"])} - {"--data", "--ontology"}
    missing = sorted(opt for opt in documented if f"`{opt}" not in text)
    assert missing == []


def test_serve_options_reach_the_server_config(monkeypatch, cli):
    import graph_builder.server.app as server

    seen = {}
    monkeypatch.setattr(server, "serve", lambda factory, **kwargs: seen.update(kwargs))
    args = ["--cache-mb", "0", "--read-timeout", "3", "--max-connections", "7"]
    args += ["--max-connections-per-client", "2", "--keep-alive", "1.5"]
    result = cli("serve", *args, "--max-requests-per-connection", "9")
    assert result.exit_code == 0, result.output
    config = seen["config"]
    assert (config.cache_mb, config.read_timeout, config.max_connections) == (0, 3.0, 7)
    assert (config.max_connections_per_client, config.keep_alive_timeout) == (2, 1.5)
    assert config.max_requests_per_connection == 9


def test_serve_without_options_uses_the_library_defaults(monkeypatch, cli):
    """The options are made from ServerConfig: no flag given, no setting differs."""
    import dataclasses

    import graph_builder.server.app as server
    from graph_builder.server import ServerConfig

    seen = {}
    monkeypatch.setattr(server, "serve", lambda factory, **kwargs: seen.update(kwargs))
    result = cli("serve", "--forwarded-allow-ips", " 10.0.0.0/8, ,127.0.0.1")
    assert result.exit_code == 0, result.output
    config = seen["config"]
    expected = ServerConfig(forwarded_allow_ips=("10.0.0.0/8", "127.0.0.1"))
    assert config == dataclasses.replace(expected, build_id=config.build_id)


def test_a_query_that_fails_is_bad_input_exit_2(cli):
    result = cli("query", "-e", "SELECT ?s WHERE { ?s ")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: the query does not parse")


def test_ontology_folder_without_shapes_fails_clearly(cli, tmp_path):
    ontology = tmp_path / "ontology"
    shutil.copytree(REPO / "ontology", ontology)
    (ontology / "shapes.ttl").unlink()
    result = cli("validate", "--ontology", ontology)
    assert result.exit_code == 2
    assert f"{ontology / 'shapes.ttl'}: SHACL shapes file not found" in result.stderr
    assert "conforms" not in result.stdout


def test_ontology_folder_governs_the_shapes(cli, tmp_path):
    ontology = tmp_path / "ontology"
    shutil.copytree(REPO / "ontology", ontology)
    strict = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix agr: <https://w3id.org/agreement-graph/ontology#> .
<urn:shape:every-country-has-a-motto> a sh:NodeShape ;
    sh:targetClass agr:Country ;
    sh:property [ sh:path agr:motto ; sh:minCount 1 ; sh:message "no motto" ] .
"""
    with (ontology / "shapes.ttl").open("a", encoding="utf-8") as shapes:
        shapes.write(strict)
    result = cli("validate", "--ontology", ontology)
    assert result.exit_code == 1
    assert "no motto" in result.stdout


def test_stats_csv_has_a_row_per_vertex(cli):
    import csv
    import io
    import json

    rows = list(csv.DictReader(io.StringIO(cli("stats", "--format", "csv").stdout)))
    stats = json.loads(cli("stats", "--format", "json").stdout)
    assert len(rows) == stats["vertices"]
    assert rows[0]["id"] == stats["centrality"][0]["id"]
    assert float(rows[0]["betweenness"]) == stats["centrality"][0]["betweenness"]


def test_view_to_dash_is_stdout(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("view", "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    assert list(tmp_path.iterdir()) == []


def test_wide_tables_show_whole_cells(cli):
    query = "SELECT ?label WHERE { ?a a agr:StrategicCooperation ; rdfs:label ?label FILTER(LANG(?label) = 'en') }"
    cut = cli("query", "-e", query).stdout
    whole = cli("query", "-e", query, "--wide").stdout
    assert "…" in cut and "…" not in whole
    assert "Indonesia's 2023 strategic industrial cooperation with China and Korea" in whole
    refused = cli("query", "-e", query, "--wide", "--format", "csv")
    assert refused.exit_code == 2 and "--wide goes with --format table" in refused.stderr


def test_the_command_reference_is_current():
    from graph_builder.cli.reference import cli_reference

    written = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == cli_reference(), "run: python -m graph_builder.cli.reference > docs/cli.md"


def test_the_readme_reads_in_five_minutes():
    assert len((REPO / "README.md").read_text(encoding="utf-8").splitlines()) <= 200


def test_each_command_is_listed_with_the_module_that_adds_it():
    from graph_builder.cli.base import _MODULE_OF

    commands = all_commands()
    assert set(commands) == set(_MODULE_OF)
    for name, command in commands.items():
        assert command.callback is not None
        assert command.callback.__module__ == f"graph_builder.cli.{_MODULE_OF[name]}", name


_IMPORTED_BY_BUILD = """
import sys
from graph_builder.cli import main
try:
    main(["build", "--help"])
except SystemExit:
    pass
print(sorted(m for m in sys.modules if m.startswith("graph_builder.cli.")))
"""


def test_build_imports_only_the_modules_of_its_command():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _IMPORTED_BY_BUILD], capture_output=True, text=True, check=True
    )
    imported = done.stdout.strip().splitlines()[-1]
    assert imported == str(
        [
            "graph_builder.cli.base",
            "graph_builder.cli.data",
            "graph_builder.cli.options",
            "graph_builder.cli.progress",
        ]
    )
