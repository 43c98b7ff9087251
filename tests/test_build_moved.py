"""A build stays incremental when its project is copied or moved: its inputs are known by
what they hold, not by where they are (graph_builder.manifest_inputs)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from graph_builder import resources
from graph_builder.build import run_build
from graph_builder.building.folder import REGISTRY
from graph_builder.errors import SourceError
from graph_builder.inputs import DatasetInputs
from graph_builder.manifest_rows import ROWS
from graph_builder.rdf.store import GraphStore

NOTHING = "incremental: 0 source file(s) loaded again"
ONE = "incremental: 1 source file(s) loaded again"
S1 = "sources/s1-seed-article.yaml"


def _quads(build: Path) -> set[str]:
    """The build's named graphs' quads and its default graph's triples."""
    store = GraphStore.open(build / "store")
    return {str(q) for q in store.quads()} | {f"{t} ." for t in store.union_triples()}


def _rows(build: Path) -> list[tuple]:
    """The data files' rows the build keeps: key, hash, source id, countries."""
    with closing(sqlite3.connect(build / ROWS)) as db:
        return db.execute("SELECT * FROM file ORDER BY key").fetchall()


def _recorded(build: Path, folder: str) -> str:
    return json.loads((build / "manifest.json").read_text(encoding="utf-8"))[folder]["path"]


def _change_s1(data: Path) -> None:
    """A sector more in the seed article (same file, other content)."""
    path = data / S1
    text = path.read_text(encoding="utf-8")
    anchor = "    sectors:\n"
    assert anchor in text
    extra = "      - {ref: electronic-components, at: ¶5, says: komponen}\n"
    path.write_text(text.replace(anchor, anchor + extra, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project folder: a copy of the bundled data and its build (store and graph.trig).
    Read only: each test copies it."""
    root = tmp_path_factory.mktemp("original")
    shutil.copytree(resources.data_dir(), root / "data")
    summary = run_build(root / "data", root / "build", viewer=False)
    assert summary.how == "full"
    return root


def _copy(project: Path, target: Path) -> Path:
    shutil.copytree(project, target, copy_function=shutil.copy2)
    return target


def test_a_copied_project_is_up_to_date_and_answers_the_same(original, tmp_path):
    copy = _copy(original, tmp_path / "copy")
    # The copy's build is current for the copy's data, before any build: it is used as it is.
    stale: list = []
    inputs = DatasetInputs(copy / "data", build_dir=copy / "build", on_stale=stale.append)
    assert inputs.current_store() == copy / "build" / "store"
    assert stale == []
    again = run_build(copy / "data", copy / "build", viewer=False)
    assert again.how == NOTHING
    assert _quads(copy / "build") == _quads(original / "build")
    trig = "graph.trig"
    assert (copy / "build" / trig).read_bytes() == (original / "build" / trig).read_bytes()
    assert _rows(copy / "build") == _rows(original / "build")
    # The manifest now names the copy, whose files' stats it records: the next build
    # trusts them and reads nothing again.
    assert _recorded(copy / "build", "data") == str((copy / "data").resolve())
    assert run_build(copy / "data", copy / "build", viewer=False).how == NOTHING


def test_one_file_changed_after_the_copy_is_the_one_loaded_again(original, tmp_path):
    copy = _copy(original, tmp_path / "copy")
    _change_s1(copy / "data")
    inputs = DatasetInputs(copy / "data", build_dir=copy / "build")
    assert inputs.current_store() is None  # older than the copy's data
    again = run_build(copy / "data", copy / "build", viewer=False, exports=())
    assert again.how == ONE
    full = run_build(copy / "data", tmp_path / "full", viewer=False, exports=())
    assert full.how == "full"
    assert _quads(copy / "build") == _quads(tmp_path / "full")
    assert _quads(copy / "build") != _quads(original / "build")
    assert _rows(copy / "build") == _rows(tmp_path / "full")


def test_a_data_folder_moved_elsewhere_is_built_on(original, tmp_path):
    project = _copy(original, tmp_path / "project")
    moved = tmp_path / "elsewhere" / "data"
    moved.parent.mkdir()
    shutil.move(project / "data", moved)  # a rename: the files keep their inodes and times
    build = project / "build"
    assert run_build(moved, build, viewer=False, exports=()).how == NOTHING
    assert _quads(build) == _quads(original / "build")
    # The entities kept for the next build name their files where they are now (as the
    # messages about them do): read again, not the registry kept at the old place.
    with closing(sqlite3.connect(build / REGISTRY)) as db:
        origins = {json.loads(row)["origin"][0] for (row,) in db.execute("SELECT row FROM entity")}
    assert origins and all(Path(origin).parent == moved / "entities" for origin in origins)
    _change_s1(moved)
    assert run_build(moved, build, viewer=False, exports=()).how == ONE
    assert _recorded(build, "data") == str(moved.resolve())
    # (What the one file loaded again gives is a full build's: the test above.)
    assert _rows(build) != _rows(original / "build")


def test_an_entity_file_changed_after_the_copy_rebuilds_all(original, tmp_path):
    copy = _copy(original, tmp_path / "copy")
    countries = copy / "data" / "entities" / "countries.yaml"
    countries.write_text(countries.read_text(encoding="utf-8") + "# edited\n", "utf-8")
    assert run_build(copy / "data", copy / "build", viewer=False, exports=()).how == "full"


def test_a_copied_project_with_a_broken_source_names_the_copys_file(original, tmp_path):
    """Errors keep their messages, and name the file where it is now."""
    copy = _copy(original, tmp_path / "copy")
    path = copy / "data" / S1
    path.write_text(path.read_text(encoding="utf-8") + "  - [unclosed\n", "utf-8")
    before = (copy / "build" / "manifest.json").read_bytes()
    with pytest.raises(SourceError) as raised:
        run_build(copy / "data", copy / "build", viewer=False, exports=())
    assert Path(raised.value.path) == path
    with pytest.raises(SourceError) as fresh:  # the same data built from nothing
        run_build(copy / "data", tmp_path / "fresh", viewer=False, exports=())
    assert str(raised.value) == str(fresh.value)
    assert (copy / "build" / "manifest.json").read_bytes() == before  # the build is kept


def test_an_ontology_copied_elsewhere_is_built_on(original, tmp_path):
    """The bundled ontology writes absolute IRIs only: the same graph wherever it is."""
    copy = _copy(original, tmp_path / "copy")
    ontology = shutil.copytree(resources.ontology_dir(), tmp_path / "ontology")
    again = run_build(copy / "data", copy / "build", ontology_dir=ontology, viewer=False)
    assert again.how == NOTHING
    assert _recorded(copy / "build", "ontology") == str(ontology.resolve())
    assert _quads(copy / "build") == _quads(original / "build")


def test_an_ontology_naming_its_own_file_is_built_again_when_moved(tmp_path):
    """A relative IRI is read against the ontology file's own address: the build holds the
    folder's place, so a build of the ontology moved elsewhere is made again in full and
    holds the new place only."""
    first = shutil.copytree(resources.ontology_dir(), tmp_path / "first")
    with (first / "agreement.ttl").open("a", encoding="utf-8") as file:
        file.write('\n<#this-file> <http://www.w3.org/2000/01/rdf-schema#label> "here" .\n')
    data = shutil.copytree(resources.data_dir(), tmp_path / "data")
    build = tmp_path / "build"
    run_build(data, build, ontology_dir=first, viewer=False, exports=())
    assert any(first.as_uri() in quad for quad in _quads(build))
    second = tmp_path / "second"
    shutil.move(first, second)
    stale = DatasetInputs(data, ontology_dir=second, build_dir=build)
    assert stale.current_store() is None
    again = run_build(data, build, ontology_dir=second, viewer=False, exports=())
    assert again.how == "full"
    held = _quads(build)
    assert any(second.as_uri() in quad for quad in held)
    assert not any(first.as_uri() in quad for quad in held)
    assert DatasetInputs(data, ontology_dir=second, build_dir=build).current_store() is not None


def test_the_cli_builds_nothing_in_a_copied_project(original, cli, tmp_path):
    """``graph-builder build`` in a copy of a built project says it loaded nothing again."""
    copy = _copy(original, tmp_path / "copy")
    data, out = copy / "data", copy / "build"
    result = cli("build", "--data", data, "--out", out, "--no-viewer", "--export", "none")
    assert result.exit_code == 0, result.stderr
    assert f"build: {NOTHING}" in result.stdout.splitlines()
