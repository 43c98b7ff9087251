"""The up-to-date check: a build's store is used only while its inputs are unchanged."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

from graph_builder.errors import KeptStateUnreadable
from graph_builder.manifest import current_store, open_build, read_manifest
from graph_builder.manifest_inputs import input_hashes
from graph_builder.manifest_rows import ROWS

from .conftest import DATA_DIR


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A folder holding a copy of the bundled data and its build, built once, and a
    snapshot of both. A manifest names its data folder by absolute path and its files by
    size and time, so each test gets the snapshot back in the same folder (copies keep the
    times) rather than a build of its own."""
    from graph_builder.build import run_build

    base = tmp_path_factory.mktemp("manifest")
    work, snapshot = base / "work", base / "snapshot"
    shutil.copytree(DATA_DIR, work / "data")
    run_build(work / "data", work / "build", viewer=False, exports=())
    shutil.copytree(work, snapshot, symlinks=True)
    return work, snapshot


@pytest.fixture
def data_copy(place: tuple[Path, Path], tmp_path: Path) -> Path:
    """The data folder the module's build was made from, as it was then (the last test's
    folder is moved into its own tmp_path, not deleted under a store it may hold open)."""
    work, snapshot = place
    if work.exists():
        work.rename(tmp_path / "used")
    shutil.copytree(snapshot, work, symlinks=True)
    return work / "data"


@pytest.fixture
def built(data_copy: Path) -> Path:
    out = data_copy.parent / "build"
    assert current_store(out) == out / "store"
    return out


def _source(data: Path) -> Path:
    return sorted((data / "sources").glob("*.yaml"))[0]


def _later(path: Path) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))


def test_an_untouched_build_is_current(built, data_copy):
    store = open_build(built)
    assert store is not None and store.path == built / "store"
    assert current_store(built, data_dir=data_copy) == built / "store"


def test_a_manifest_is_read_back_to_the_bytes_it_was_read_from(built):
    manifest = read_manifest(built)
    assert manifest is not None and manifest.counts is not None and manifest.counts.quads > 0
    assert manifest.contents.sources and manifest.contents.countries
    assert manifest.to_json() == (built / "manifest.json").read_text(encoding="utf-8")


def _rewrite(build: Path, change) -> str:
    """Rewrite the manifest of *build* as *change* leaves its parsed JSON; its new text."""
    path = build / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    text = json.dumps(data, sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


def test_a_manifest_without_counts_is_read_and_written_as_it_was(built):
    text = _rewrite(built, lambda data: data.pop("counts"))
    manifest = read_manifest(built)
    assert manifest is not None and manifest.counts is None
    assert manifest.to_json() == text
    assert current_store(built) == built / "store"


@pytest.mark.parametrize(
    "change",
    [
        lambda data: data["data"].pop("path"),
        lambda data: data["ontology"].update(files=None),
        lambda data: data.update(counts={"quads": 1}),
        lambda data: data.update(layout=1),
        lambda data: data["data"].update(files=data["data"]["files"] + 1),
        lambda data: data["data"].update(rows="0" * 32),
        lambda data: data["data"].update(rows="not hexadecimal"),
        lambda data: data["ontology"]["stat"].update({"x.ttl": [[1], 2]}),
        lambda data: data["counts"].update(entities={"agr:Country": "14"}),
        lambda data: data["counts"].update(entities=[["agr:Country", 14]]),
    ],
    ids=[
        "no-data-path",
        "no-ontology-files",
        "counts-half",
        "older-layout",
        "another-number-of-files",
        "another-digest",
        "a-digest-not-hexadecimal",
        "stat-not-numbers",
        "an-entity-count-not-a-number",
        "entity-counts-not-by-class",
    ],
)
def test_a_manifest_that_is_not_one_makes_the_build_stale(built, change):
    _rewrite(built, change)
    assert read_manifest(built) is None and current_store(built) is None


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM file WHERE key = (SELECT min(key) FROM file)",
        "UPDATE kept SET value = x'00' WHERE name = 'stat'",
        "DELETE FROM kept WHERE name = 'stat'",
        "UPDATE kept SET value = value || char(0) WHERE name = 'stat'",
        "UPDATE kept SET value = substr(value, 1 + instr(value, char(0))) WHERE name = 'stat'",
        "DROP TABLE kept",
        "UPDATE kept SET value = 'x' WHERE name = 'digest'",
    ],
    ids=[
        "a-row-missing",
        "stat-not-text",
        "no-stat",
        "stat-odd",
        "stat-shifted",
        "no-digest",
        "another-digest",
    ],
)
def test_kept_rows_that_are_not_the_manifests_make_the_build_stale(built, sql, caplog):
    with closing(sqlite3.connect(built / ROWS)) as db:
        db.execute(sql)
        db.commit()
    assert read_manifest(built) is None and current_store(built) is None


def test_missing_kept_rows_make_the_build_stale(built, caplog):
    (built / ROWS).unlink()
    assert read_manifest(built) is None
    assert "it is built again" in caplog.text


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE file SET countries = '\"ID\"' WHERE id IS NOT NULL",
        "UPDATE file SET countries = '[7]' WHERE id IS NOT NULL",
        "UPDATE file SET id = x'00' WHERE id IS NOT NULL",
    ],
    ids=["countries-a-string", "a-country-a-number", "an-id-not-text"],
)
def test_a_damaged_entry_is_refused_when_read(built, sql):
    with closing(sqlite3.connect(built / ROWS)) as db:
        db.execute(sql)
        db.commit()
    manifest = read_manifest(built)
    assert manifest is not None
    key = next(k for k in manifest.inputs.data.stat if k.startswith("sources/"))
    with pytest.raises(KeptStateUnreadable, match=key):
        manifest.contents.sources[key]


def test_a_manifest_of_layout_2_is_read_and_its_files_hashed_once_again(built):
    """A build of the previous version held every row in its JSON, the stat as a list."""
    manifest = read_manifest(built)
    assert manifest is not None
    hashes = dict(manifest.inputs.data.files)
    data = json.loads(manifest.to_json())
    data["layout"] = 2
    data["data"] = {
        "path": manifest.inputs.data.path,
        "files": hashes,
        "stat": {key: [1, 2] for key in hashes},
    }
    sources = manifest.contents.sources
    data["sources"] = {
        k: {"id": sources[k].id, "countries": list(sources[k].countries)} for k in sources
    }
    (built / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    (built / ROWS).unlink()
    old = read_manifest(built)
    assert old is not None and dict(old.contents.sources) == dict(sources)
    assert current_store(built) == built / "store"


def test_a_touched_file_with_the_same_content_keeps_the_build(built, data_copy):
    _later(_source(data_copy))
    assert current_store(built) == built / "store"


def test_a_changed_file_of_the_same_size_makes_the_build_stale(built, data_copy):
    path = _source(data_copy)
    text = path.read_text(encoding="utf-8")
    changed = text.replace("p. 1", "p. 2", 1) if "p. 1" in text else text[:-2] + "#\n"
    assert len(changed) == len(text) and changed != text
    path.write_text(changed, encoding="utf-8")
    _later(path)
    assert current_store(built) is None


def test_a_grown_file_makes_the_build_stale(built, data_copy):
    with _source(data_copy).open("a", encoding="utf-8") as f:
        f.write("# one more line\n")
    assert current_store(built) is None


def test_an_added_file_makes_the_build_stale(built, data_copy):
    (data_copy / "sources" / "new-notes.txt").write_text("x", encoding="utf-8")
    assert current_store(built) is None


def test_an_added_file_in_a_new_subfolder_makes_the_build_stale(built, data_copy):
    (data_copy / "extra" / "deeper").mkdir(parents=True)
    (data_copy / "extra" / "deeper" / "x.yaml").write_text("x", encoding="utf-8")
    assert current_store(built) is None


def test_a_removed_file_makes_the_build_stale(built, data_copy):
    _source(data_copy).unlink()
    assert current_store(built) is None


def test_an_ontology_change_makes_the_build_stale(data_copy, tmp_path):
    from graph_builder import resources
    from graph_builder.build import run_build

    ontology = tmp_path / "ontology"
    shutil.copytree(resources.ontology_dir(), ontology)
    out = tmp_path / "build"
    run_build(data_copy, out, ontology_dir=ontology, viewer=False, exports=())
    assert current_store(out) == out / "store"
    (ontology / "notes.md").write_text("x", encoding="utf-8")
    assert current_store(out) is None


def test_a_hidden_file_is_not_an_input(built, data_copy):
    (data_copy / "sources" / ".notes.yaml.swp").write_text("x", encoding="utf-8")
    assert current_store(built) == built / "store"


def _listed_by_rglob(folder: Path) -> dict[str, str]:
    """What the check listed before it used os.scandir (Path.rglob and Path.stat)."""
    listed = {}
    for path in sorted(folder.rglob("*")):
        if path.name.startswith("."):
            continue
        info = path.stat()
        if stat.S_ISREG(info.st_mode):
            listed[str(path.relative_to(folder))] = (
                f"{info.st_size} {info.st_mtime_ns} {info.st_ino}"
            )
    return listed


def test_the_files_listed_are_the_ones_rglob_lists(tmp_path):
    from graph_builder import resources

    tree = tmp_path / "tree"
    (tree / "a" / "b").mkdir(parents=True)
    (tree / "a-c").mkdir()
    (tree / ".hidden").mkdir()
    (tree / "elsewhere").mkdir()
    for name in ("top.yaml", "a/one.yaml", "a/b/two.yaml", "a-c/three.yaml", ".dot.yaml"):
        (tree / name).write_text(name, encoding="utf-8")
    (tree / ".hidden" / "in-hidden.yaml").write_text("x", encoding="utf-8")
    (tree / "elsewhere" / "linked.yaml").write_text("y", encoding="utf-8")
    (tree / "a" / "link-to-file.yaml").symlink_to(tree / "top.yaml")
    (tree / "link-to-folder").symlink_to(tree / "elsewhere", target_is_directory=True)
    listed = input_hashes(tree, resources.ontology_dir()).data.stat
    assert listed == _listed_by_rglob(tree)
    assert "a/link-to-file.yaml" in listed and ".hidden/in-hidden.yaml" in listed
    assert not any(key.startswith("link-to-folder") for key in listed)


def test_a_broken_link_is_named_without_a_traceback(tmp_path):
    from graph_builder import resources
    from graph_builder.errors import SourceError

    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "gone.yaml").symlink_to(tmp_path / "missing.yaml")
    with pytest.raises(SourceError, match=r"gone\.yaml: symbolic link to .*missing\.yaml, which"):
        input_hashes(tree, resources.ontology_dir())


def test_a_missing_folder_lists_nothing_as_before(tmp_path):
    from graph_builder import resources

    missing = tmp_path / "missing"
    assert _listed_by_rglob(missing) == {}
    assert input_hashes(missing, resources.ontology_dir()).data.stat == {}


def test_a_damaged_country_count_is_refused_when_read(built):
    with closing(sqlite3.connect(built / ROWS)) as db:
        db.execute("UPDATE country SET sources = 'many'")
        db.commit()
    manifest = read_manifest(built)
    assert manifest is not None
    with pytest.raises(KeptStateUnreadable, match="count"):
        manifest.contents.sources.countries()


def test_the_countries_named_leave_with_the_last_source_naming_them(built):
    manifest = read_manifest(built)
    assert manifest is not None
    sources = manifest.contents.sources
    every = sources.countries()
    assert every == set(manifest.contents.countries)
    code = sorted(every)[0]
    naming = [key for key in sources if code in sources[key].countries]
    assert naming and code not in sources.replaced(naming, {}).countries()
    assert code in sources.replaced(naming[1:], {}).countries()  # the first still names it


@pytest.mark.parametrize(
    ("drop", "add", "change"),
    [
        ([], [], 0),
        (["first"], [], -1),
        (["first", "first"], [], -1),
        ([], ["sources/new.yaml"], 1),
        (["first"], ["first"], 0),  # a source file changed: its entry replaced
        (["entities/none.yaml"], [], 0),  # not a source file
        (["sources/gone.yaml"], ["sources/gone.yaml"], 1),  # not kept, added
    ],
    ids=[
        "none",
        "one-dropped",
        "dropped-twice",
        "one-added",
        "one-replaced",
        "not-a-source",
        "new-dropped-then-added",
    ],
)
def test_the_sources_are_counted_as_listed(built, drop, add, change):
    """The number of sources, counted in SQLite, is the number of files the entries list."""
    from graph_builder.manifest_entries import SourceEntry

    manifest = read_manifest(built)
    assert manifest is not None
    sources = manifest.contents.sources
    first = sorted(sources)[0]
    named = {"first": first}
    changed = sources.replaced(
        [named.get(key, key) for key in drop],
        {named.get(key, key): SourceEntry("S-new", ("ID",)) for key in add},
    )
    assert len(changed) == len(list(changed)) == len(list(sources)) + change
