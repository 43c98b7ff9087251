"""graph_builder.inputs: a build's store when it is current, else the data built apart; and
the bounded query over either, as every command, the server and a notebook use them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph_builder.build import run_build
from graph_builder.inputs import DatasetInputs, StaleBuild
from graph_builder.sparql.named import QueryJob
from tests.conftest import DATA_DIR

COUNT = QueryJob("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", format="csv")
BUILDING = "loading and building the dataset…"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of the bundled data, and a current build of it (store only)."""
    root = tmp_path_factory.mktemp("inputs")
    data = root / "data"
    shutil.copytree(DATA_DIR, data)
    out = root / "build"
    run_build(data, out, viewer=False, exports=())
    return data, out


def _told(data: Path | None, out: Path, **options: bool) -> tuple[DatasetInputs, list, list]:
    stale: list[StaleBuild] = []
    stages: list[str] = []
    inputs = DatasetInputs(
        data, build_dir=out, on_stale=stale.append, on_stage=stages.append, **options
    )
    return inputs, stale, stages


def test_a_current_build_is_opened_and_nothing_is_built(built):
    data, out = built
    inputs, stale, stages = _told(data, out)
    assert inputs.current_store() == out / "store"
    assert len(inputs.open()) > 0
    assert (stale, stages) == ([], [])


def test_a_build_of_another_data_folder_says_which_and_the_data_are_built(built, tmp_path):
    data, out = built
    other = shutil.copytree(data, tmp_path / "other")
    seed = other / "sources" / "s1-seed-article.yaml"
    seed.write_text(seed.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    inputs, stale, stages = _told(other, out)
    assert inputs.current_store() is None
    assert len(inputs.open()) > 0
    expected = StaleBuild(out, "data", data.resolve(), other.resolve())
    assert stale == [expected, expected]
    assert stages == [BUILDING]


def test_a_build_of_another_folder_holding_the_same_files_is_opened(built):
    """The bundled data, which the build's copy of them hashes as: a project copied or
    moved is current where it is now (graph_builder.manifest_inputs)."""
    _, out = built
    inputs, stale, stages = _told(DATA_DIR, out)
    assert inputs.current_store() == out / "store"
    assert len(inputs.open()) > 0
    assert (stale, stages) == ([], [])


def test_a_build_older_than_its_data_says_so(built):
    data, out = built
    path = data / "entities" / next(p.name for p in (data / "entities").iterdir())
    before = path.read_bytes()
    try:
        path.write_bytes(before + b"# edited\n")
        inputs, stale, _ = _told(data, out)
        assert inputs.current_store() is None
        assert stale == [StaleBuild(out)]
    finally:
        path.write_bytes(before)
    assert inputs.current_store() == out / "store"


def test_a_moved_project_edited_since_is_older_than_its_data(built, tmp_path):
    """Moved, its old folder gone: the build is not "of another folder" (whose name would
    be no use to give), it is older than the data, which ``build`` brings it up to date."""
    data, out = built
    first = tmp_path / "first"
    shutil.copytree(data, first / "data", copy_function=shutil.copy2)
    shutil.copytree(out, first / "build", copy_function=shutil.copy2)
    assert run_build(first / "data", first / "build", exports=(), viewer=False).how.endswith(
        ": 0 source file(s) loaded again"
    )
    moved = shutil.move(first, tmp_path / "moved")
    seed = moved / "data" / "sources" / "s1-seed-article.yaml"
    seed.write_text(seed.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    inputs, stale, _ = _told(moved / "data", moved / "build")
    assert inputs.current_store() is None
    assert stale == [StaleBuild(moved / "build")]


def test_rebuild_builds_the_data_without_looking_at_the_build(built):
    data, out = built
    inputs, stale, stages = _told(data, out, rebuild=True)
    assert inputs.current_store() is None
    assert len(inputs.open()) > 0
    assert (stale, stages) == ([], [BUILDING])


def test_the_bounded_query_answers_alike_from_the_build_and_from_the_data(built):
    data, out = built
    from_build, _, stages = _told(data, out)
    answer = from_build.query(COUNT, timeout=60)
    assert stages == []  # the build's own store answered
    from_data, _, stages = _told(data, out, rebuild=True)
    assert from_data.query(COUNT, timeout=60) == answer
    assert stages == [BUILDING]
    assert int(str(answer).split()[1]) == from_build.open().triple_count()
