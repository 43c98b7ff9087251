"""Project folders: ``graph-builder init``, and every command finding its project."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph_builder.errors import OutputError, SourceError
from graph_builder.project import PROJECT_ENV, PROJECT_FILE, find_project, init_project
from graph_builder.resources import data_dir

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = len(list((data_dir() / "sources").glob("*.yaml")))
"""How many source files the sample has."""


def _add_source(data: Path, source_id: str) -> None:
    """A new source file: the seed article's claims, under another id."""
    text = (data_dir() / "sources" / "s1-seed-article.yaml").read_text(encoding="utf-8")
    assert "id: S1\n" in text
    (data / "sources" / f"{source_id.lower()}.yaml").write_text(
        text.replace("id: S1\n", f"id: {source_id}\n"), encoding="utf-8"
    )


@pytest.fixture
def project(tmp_path, monkeypatch, cli):
    result = cli("init", tmp_path / "my", "--sample")
    assert result.exit_code == 0, result.stderr
    monkeypatch.chdir(tmp_path / "my")
    monkeypatch.delenv(PROJECT_ENV, raising=False)
    return tmp_path / "my"


def test_init_writes_a_project_with_the_sample(project):
    assert (project / PROJECT_FILE).is_file()
    assert sorted(p.name for p in (project / "data" / "sources").iterdir()) == sorted(
        p.name for p in (data_dir() / "sources").iterdir()
    )


def test_a_source_added_to_the_project_is_built(project, cli):
    first = cli("build")
    assert first.exit_code == 0, first.stderr
    assert first.stdout.startswith(f"sources: {SAMPLE} ")
    assert (project / "build" / "store").is_dir()
    _add_source(project / "data", "S909")
    second = cli("build")
    assert second.exit_code == 0, second.stderr
    assert second.stdout.startswith(f"sources: {SAMPLE + 1} ")
    assert "1 source file(s) loaded again" in second.stdout


def test_commands_below_the_project_folder_use_it(project, cli, monkeypatch):
    (project / "notes").mkdir()
    monkeypatch.chdir(project / "notes")
    _add_source(project / "data", "S908")
    result = cli("query", "-e", "SELECT ?s WHERE { ?s a agr:NewsArticle }", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert "source/S908" in result.stdout
    assert result.stderr == ""  # a project folder: nothing to say about where data come from


def test_outside_a_project_the_sample_is_used_and_said(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(PROJECT_ENV, raising=False)
    result = cli("validate")
    assert result.exit_code == 0
    assert result.stderr.startswith(f"note: no {PROJECT_FILE} here or above; using the sample")


def test_the_environment_names_a_project(project, tmp_path, monkeypatch, cli):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv(PROJECT_ENV, str(project))
    _add_source(project / "data", "S907")
    result = cli("build")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"sources: {SAMPLE + 1} ")
    assert f"note: using the project {PROJECT_ENV} names:" in result.stderr
    assert (project / "build" / "manifest.json").is_file()
    assert not (elsewhere / "build").exists()


def test_the_project_sets_serve_defaults(project, cli):
    (project / PROJECT_FILE).write_text("[serve]\nport = 9\nmax_rows = 5\n", encoding="utf-8")
    from graph_builder.cli.base import _project_defaults, main

    defaults = _project_defaults(main, find_project())
    assert (defaults["serve"]["port"], defaults["serve"]["max_rows"]) == (9, 5)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[paths]\ndta = 'x'\n", "[paths] dta: unknown key 'dta' (did you mean 'data'?)"),
        ("[pahts]\n", "[pahts]: unknown section 'pahts' (did you mean 'paths'?)"),
        ("[paths]\ndata = 3\n", "data: must be a folder path in quotes, not 3"),
        ("[paths\n", "not valid TOML"),
        ("[serve]\nprot = 1\n", "[serve] prot: not a setting of 'graph-builder serve'"),
    ],
)
def test_a_bad_project_file_is_named_with_exit_2(project, cli, content, message):
    (project / PROJECT_FILE).write_text(content, encoding="utf-8")
    result = cli("validate")
    assert result.exit_code == 2
    assert PROJECT_FILE in result.stderr and message in result.stderr


def test_init_never_writes_over_a_project(project):
    before = (project / PROJECT_FILE).read_text(encoding="utf-8")
    with pytest.raises(OutputError, match="exists already; nothing was written"):
        init_project(project)
    assert (project / PROJECT_FILE).read_text(encoding="utf-8") == before


def test_an_environment_naming_no_project_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SourceError, match="names no project"):
        find_project(environ={PROJECT_ENV: str(tmp_path / "nothing")})


def test_an_empty_project_says_what_to_do_next(tmp_path, cli):
    result = cli("init", tmp_path / "empty")
    assert result.exit_code == 0
    assert "next: add a source file to" in result.stderr
    assert sorted(p.name for p in (tmp_path / "empty" / "data").iterdir()) == [
        "entities",
        "sources",
    ]


@pytest.mark.slow  # pip builds and installs the package; the fast lane builds a project above
def test_an_installed_package_builds_the_project_not_its_own_copy(tmp_path):
    """``pip install .`` (not editable): the package's bundled data is its own copy; a
    project made with ``init`` is what ``build`` reads."""
    target = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", target, ROOT],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    assert (target / "graph_builder" / "_bundled" / "data").is_dir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop(PROJECT_ENV, None)

    def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "graph_builder", *args]
        return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env)

    assert run("init", "my", "--sample", cwd=tmp_path).returncode == 0
    _add_source(tmp_path / "my" / "data", "S909")
    built = run("build", "--no-viewer", "--export", "none", cwd=tmp_path / "my")
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith(f"sources: {SAMPLE + 1} "), built.stdout
    where = subprocess.run(
        [sys.executable, "-c", "import graph_builder; print(graph_builder.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert where.stdout.startswith(str(target)), where.stdout


def test_a_build_made_from_other_data_is_described_as_such(project, cli, tmp_path):
    assert cli("build", "--no-viewer", "--export", "none").exit_code == 0
    other = tmp_path / "other"
    init_project(other, sample=True)
    _add_source(other / "data", "S906")
    result = cli("query", "-e", "ASK { ?s ?p ?o }", "--data", other / "data")
    assert result.exit_code == 0, result.stderr
    assert f"build was built from the data folder {(project / 'data').resolve()}" in result.stderr
    assert f"not from {(other / 'data').resolve()}" in result.stderr
    assert f"give --data {(project / 'data').resolve()} to use build as it is" in result.stderr


def test_only_build_writes_to_the_projects_build_folder(project, cli):
    """extract's --out-dir (batch mode) is not the build folder: one article, one file."""
    (project / "article.txt").write_text(
        "JAKARTA, 4 March 2025 - Indonesia and Japan signed a memorandum of understanding on "
        "industrial cooperation in the automotive industry.\n",
        encoding="utf-8",
    )
    result = cli("extract", project / "article.txt", "-o", project / "candidate.yaml")
    assert result.exit_code == 0, result.output
    assert (project / "candidate.yaml").is_file() and not (project / "build").exists()
