"""The build job: a persisted store, incremental rebuilds, and all-or-nothing output folders."""

from __future__ import annotations

import hashlib
import os
import random
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph_builder.build import run_build
from graph_builder.building.folder import REGISTRY
from graph_builder.errors import OutputError
from graph_builder.manifest_rows import ROWS
from graph_builder.rdf.store import GraphStore

from .conftest import DATA_DIR, REPO

EXTRA_SECTOR = "      - {ref: electronic-components, at: ¶5, says: komponen}\n"


def _quads(store_dir: Path) -> set[str]:
    """The named graphs' quads and the default graph's triples."""
    store = GraphStore.open(store_dir)
    return {str(q) for q in store.quads()} | {f"{t} ." for t in store.union_triples()}


def _change_s1(data: Path) -> None:
    path = data / "sources" / "s1-seed-article.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "    sectors:\n"
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + EXTRA_SECTOR, 1), encoding="utf-8")


def test_incremental_build_equals_a_full_build(built_copy, tmp_path, monkeypatch):
    data_copy, out = built_copy, tmp_path / "out"
    assert (out / REGISTRY).is_file()
    (out / REGISTRY).write_text("{not a database", encoding="utf-8")  # read the files again
    _change_s1(data_copy)
    with monkeypatch.context() as patched:
        patched.setattr(GraphStore, "triple_count", _no_scan)
        second = run_build(data_copy, out, viewer=False)
    assert second.how == "incremental: 1 source file(s) loaded again"
    full = run_build(data_copy, tmp_path / "full", viewer=False)
    assert full.how == "full"
    assert _quads(out / "store") == _quads(tmp_path / "full" / "store")
    assert (out / "graph.trig").read_bytes() == (tmp_path / "full" / "graph.trig").read_bytes()
    assert _kept_manifest(out) == _kept_manifest(tmp_path / "full")
    # The union's triples carried from the previous build and the change, not counted again.
    assert second.triples == full.triples
    assert _manifest_counts(out) == _manifest_counts(tmp_path / "full")


def test_a_manifest_without_the_unions_triples_is_built_on_and_counts_them(built_copy, tmp_path):
    """A build of an earlier version recorded no ``triples``: the next build is still
    incremental, counts the union's triples once and records them."""
    import json

    data_copy, out = built_copy, tmp_path / "out"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["counts"].pop("triples")
    (out / "manifest.json").write_text(json.dumps(manifest, sort_keys=True) + "\n", "utf-8")
    _change_s1(data_copy)
    again = run_build(data_copy, out, viewer=False, exports=())
    assert again.how.startswith("incremental")
    full = run_build(data_copy, tmp_path / "full", viewer=False, exports=())
    assert again.triples == full.triples is not None
    assert _manifest_counts(out) == _manifest_counts(tmp_path / "full")


def _kept_manifest(out: Path) -> tuple[str, list[tuple], dict[str, bytes]]:
    """The manifest, its data files' rows and countries' counts, and the key listings, as
    the build in *out* wrote them."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(out / ROWS)) as db:
        rows = db.execute("SELECT * FROM file ORDER BY key").fetchall()
        rows += db.execute("SELECT * FROM country ORDER BY code").fetchall()
    listings = {p.name: p.read_bytes() for p in (out / "listings").iterdir()}
    return (out / "manifest.json").read_text(encoding="utf-8"), rows, listings


def test_damaged_kept_entries_make_a_full_build_saying_so(built_copy, tmp_path):
    """A source entry kept that is not one: the next build is full, says why, and writes
    what a full build writes."""
    import sqlite3
    from contextlib import closing

    data_copy, out = built_copy, tmp_path / "out"
    with closing(sqlite3.connect(out / ROWS)) as db:
        db.execute("UPDATE file SET countries = '{' WHERE id IS NOT NULL")
        db.commit()
    _change_s1(data_copy)
    again = run_build(data_copy, out, viewer=False, exports=())
    assert again.how.startswith("full (what the previous build kept is damaged")
    run_build(data_copy, tmp_path / "full", viewer=False, exports=())
    assert _kept_manifest(out) == _kept_manifest(tmp_path / "full")
    assert _quads(out / "store") == _quads(tmp_path / "full" / "store")


def _as_layout_3(out: Path) -> None:
    """Make the build in *out* one of layout 3, whose rows held each file's stat."""
    import json
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(out / ROWS)) as db:
        (listing,) = db.execute("SELECT value FROM kept WHERE name = 'stat'").fetchone()
        parts = listing.split("\0")
        db.execute("ALTER TABLE file ADD COLUMN stat TEXT")
        db.executemany(
            "UPDATE file SET stat = ? WHERE key = ?", zip(parts[1::2], parts[::2], strict=True)
        )
        db.execute("DELETE FROM kept WHERE name = 'stat'")
        db.commit()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    (out / "manifest.json").write_text(json.dumps({**manifest, "layout": 3}), "utf-8")


def test_a_build_of_layout_3_is_built_on_and_its_rows_written_whole(data_copy, tmp_path):
    """A build whose rows held the files' stats (layout 3) is read and built on
    incrementally; the next build's rows and manifest are a full build's."""
    out = tmp_path / "out"
    run_build(data_copy, out, viewer=False, exports=())
    _as_layout_3(out)
    _change_s1(data_copy)
    again = run_build(data_copy, out, viewer=False, exports=())
    assert again.how == "incremental: 1 source file(s) loaded again"
    run_build(data_copy, tmp_path / "full", viewer=False, exports=())
    assert _kept_manifest(out) == _kept_manifest(tmp_path / "full")
    assert _quads(out / "store") == _quads(tmp_path / "full" / "store")


def _no_scan(store: GraphStore) -> int:
    raise AssertionError("the union's triples were counted again")


def _manifest_counts(out: Path) -> dict:
    import json

    counts: dict = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["counts"]
    assert "triples" in counts
    return counts


def test_an_added_source_is_loaded_alone_and_a_removed_one_rebuilds_all(built_copy, tmp_path):
    data_copy, out = built_copy, tmp_path / "out"
    s4 = data_copy / "sources" / "s4-detikfinance.yaml"
    bundled = len(list((data_copy / "sources").glob("*.yaml")))
    copy = data_copy / "sources" / "s900-copy.yaml"
    copy.write_text(s4.read_text(encoding="utf-8").replace("id: S4", "id: S900", 1), "utf-8")
    added = run_build(data_copy, out, viewer=False)
    assert added.how == "incremental: 1 source file(s) loaded again"
    assert added.sources == bundled + 1
    full = run_build(data_copy, tmp_path / "full", viewer=False)
    assert _quads(out / "store") == _quads(tmp_path / "full" / "store")
    copy.unlink()
    removed = run_build(data_copy, out, viewer=False)
    assert removed.how == "full" and removed.sources == bundled
    assert full.quads > removed.quads


def _damage(store_dir: Path) -> None:
    """Zero the engine's table files, keeping their sizes (a disk error, a bad copy)."""
    tables = sorted(store_dir.glob("*.sst"))
    assert tables
    for table in tables:
        table.write_bytes(bytes(table.stat().st_size))


@pytest.mark.parametrize("timeout", ["10", "0"])
def test_a_damaged_store_is_named_and_no_traceback_is_shown(cli, tmp_path, timeout):
    out = tmp_path / "out"
    run_build(DATA_DIR, out, viewer=False, exports=())
    _damage(out / "store")
    for args in (["query", "parties", "--timeout", timeout], ["stats"]):
        result = cli(*args, "--build", out)
        assert result.exit_code == 2, result.output
        assert f"{out / 'store'}: the store is damaged (" in result.stderr
        assert "build it again (graph-builder build)" in result.stderr
        assert "Traceback" not in result.output


def test_a_build_over_a_damaged_store_builds_it_again_in_full(built_copy, tmp_path):
    data_copy, out = built_copy, tmp_path / "out"
    _damage(out / "store")
    _change_s1(data_copy)
    again = run_build(data_copy, out, viewer=False, exports=())
    assert again.how == "full (the previous store is damaged)"
    run_build(data_copy, tmp_path / "full", viewer=False, exports=())
    assert _quads(out / "store") == _quads(tmp_path / "full" / "store")


def test_a_reused_source_id_is_refused_in_an_incremental_build(built_copy, tmp_path):
    from graph_builder.errors import SourceError

    data_copy, out = built_copy, tmp_path / "out"
    s4 = data_copy / "sources" / "s4-detikfinance.yaml"
    (data_copy / "sources" / "s5-dup.yaml").write_text(s4.read_text(encoding="utf-8"), "utf-8")
    with pytest.raises(SourceError, match=f"source id 'S4' is also used by {re.escape(str(s4))}$"):
        run_build(data_copy, out, viewer=False)


def test_a_folder_with_other_files_is_not_replaced(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(OutputError, match="holds files a build did not write"):
        run_build(None, out, viewer=False)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"


# ---------------------------------------------------------------- default exports by size


@pytest.mark.parametrize(
    ("exports", "limit", "written", "left_out"),
    [
        (None, 10**9, ["graph.trig"], ()),  # the bundled data, as a newcomer builds it
        (None, 10, [], ("graph.trig",)),  # a store over the limit: the store alone
        (["trig"], 10, ["graph.trig"], ()),  # asked for: written whatever the size
        (["ttl", "jsonld"], 10, ["graph.ttl", "graph.jsonld"], ()),
        ([], 10**9, [], ()),  # none asked for is not "left out"
    ],
)
def test_a_build_writes_the_default_exports_up_to_a_size(
    tmp_path, monkeypatch, exports, limit, written, left_out
):
    from graph_builder.building import folder

    monkeypatch.setattr(folder, "DEFAULT_EXPORTS_LIMIT", limit)
    out = tmp_path / "out"
    summary = run_build(None, out, viewer=False, exports=exports)
    on_disk = sorted(p.name for p in out.glob("graph.*"))
    assert on_disk == sorted(written)
    assert [p.name for p in summary.files if p.name.startswith("graph.")] == written
    assert summary.left_out == left_out


def test_a_build_grown_over_the_limit_keeps_no_stale_export(built_copy, tmp_path, monkeypatch):
    """The incremental build that takes a store over the limit drops the previous build's
    ``graph.trig`` (it would no longer say what the store holds) and names it left out."""
    from graph_builder.building import folder

    data_copy, out = built_copy, tmp_path / "out"
    assert (out / "graph.trig").is_file()
    monkeypatch.setattr(folder, "DEFAULT_EXPORTS_LIMIT", 10)
    _change_s1(data_copy)
    grown = run_build(data_copy, out, viewer=False)
    assert grown.how.startswith("incremental")
    assert grown.left_out == ("graph.trig",)
    assert not (out / "graph.trig").exists()


def test_the_build_command_says_how_to_export_what_it_left_out(
    cli, data_copy, tmp_path, monkeypatch
):
    """Over the limit, one line names the file and the export command that writes it from
    this build: run as printed, that command writes the bytes ``--export trig`` writes."""
    from graph_builder.building import folder

    monkeypatch.setattr(folder, "DEFAULT_EXPORTS_LIMIT", 10)
    monkeypatch.chdir(tmp_path)
    built = cli("build", "--data", data_copy, "--out", "big", "--no-viewer")
    assert built.exit_code == 0, built.output
    assert not (tmp_path / "big" / "graph.trig").exists()
    hint = built.stdout.splitlines()[-1]
    command = f"graph-builder export --data {data_copy} --build big --format trig -o graph.trig"
    assert hint == (
        f"graph.trig not written (over 10 quads): {command} writes it from this build, "
        "build --export trig every time"
    )
    assert cli(*shlex.split(command)[1:]).exit_code == 0
    asked = cli("build", "--data", data_copy, "--out", "asked", "--no-viewer", "--export", "trig")
    assert "not written" not in asked.stdout
    assert (tmp_path / "graph.trig").read_bytes() == (
        tmp_path / "asked" / "graph.trig"
    ).read_bytes()


def test_the_build_help_states_the_default_exports_limit(cli):
    from graph_builder.building.folder import DEFAULT_EXPORTS_LIMIT

    assert f"trig up to {DEFAULT_EXPORTS_LIMIT:,} quads" in " ".join(
        cli("build", "--help").stdout.split()
    )


# ---------------------------------------------------------------- killed builds


def _state(out: Path) -> tuple[str, ...] | None:
    """The build in *out* as file hashes plus its store's size; None if out is missing."""
    if not out.exists():
        return None
    names = ("graph.trig", "manifest.json")
    hashes = tuple(hashlib.sha256((out / n).read_bytes()).hexdigest() for n in names)
    return (*hashes, str(len(_quads(out / "store"))))


_IMPORTS_OF_A_BUILD = """
import sys
from graph_builder.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    assert not exc.code, exc.code
print("difflib" in sys.modules)
"""


def test_a_build_does_not_import_what_only_its_error_messages_need(built_copy, tmp_path):
    """difflib suggests a name for a wrong one: a build of good data does without it."""
    data_copy, out = built_copy, tmp_path / "out"
    _change_s1(data_copy)
    args = ["build", "--data", str(data_copy), "--out", str(out), "--no-viewer"]
    run = subprocess.run(
        [sys.executable, "-c", _IMPORTS_OF_A_BUILD, *args, "--export", "none"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "build: incremental" in run.stdout
    assert run.stdout.splitlines()[-1] == "False"


def _build_command(data: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "graph_builder", "build", "--data", str(data), "--out", str(out)]


@pytest.mark.slow
def test_a_build_killed_at_random_points_leaves_the_old_or_the_new_build(data_copy, tmp_path):
    """SIGKILL during `build` over a good build, 50 times: the folder always holds one
    complete build, old or new, whose files parse and whose store opens."""
    import pyoxigraph

    data_a, data_b = data_copy, tmp_path / "data-b"
    subprocess.run(["cp", "-r", str(data_a), str(data_b)], check=True)
    _change_s1(data_b)
    out = tmp_path / "build"
    reference: dict[str, tuple[str, ...] | None] = {}
    for name, data in (("a", data_a), ("b", data_b)):
        subprocess.run([*_build_command(data, out), "--no-viewer"], check=True, capture_output=True)
        reference[name] = _state(out)
    started = time.monotonic()
    subprocess.run([*_build_command(data_a, out), "--no-viewer"], check=True, capture_output=True)
    duration = time.monotonic() - started
    rng = random.Random(8)
    seen = {"a": 0, "b": 0}
    for trial in range(50):
        before = _state(out)
        target = data_b if before == reference["a"] else data_a
        process = subprocess.Popen(
            [*_build_command(target, out), "--no-viewer"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # up to twice a measured build: on a loaded machine a build may take longer than
        # the one timed, and some kills must still come after it finished
        time.sleep(rng.uniform(0, duration * 2))
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = _state(out)
        assert after in (reference["a"], reference["b"]), f"trial {trial}: a mixed build"
        seen["a" if after == reference["a"] else "b"] += 1
        with open(out / "graph.trig", "rb") as f:
            assert sum(1 for _ in pyoxigraph.parse(f, format=pyoxigraph.RdfFormat.TRIG))
    assert seen["a"] and seen["b"], seen  # some kills came too early, some too late
    subprocess.run([*_build_command(data_a, out), "--no-viewer"], check=True, capture_output=True)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".build.")]
    assert leftovers == [".build.graph-builder.lock"]  # kept: the next writer locks it
    assert not [p for p in out.parent.rglob("*graph-builder-tmp-*")]
    assert os.listdir(out)  # still a build


def test_an_incremental_build_still_validates_what_changed(built_copy, tmp_path):
    from graph_builder.errors import ValidationFailed

    data_copy, out = built_copy, tmp_path / "out"
    before = (out / "graph.trig").read_bytes()
    path = data_copy / "sources" / "s1-seed-article.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    parties:\n")
    end = text.index("    acting_bodies:")
    lonely = "    parties:\n      - {ref: ID, says: Pemerintah Republik Indonesia}\n"
    path.write_text(text[:start] + lonely + text[end:], encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        run_build(data_copy, out, viewer=False)
    assert "at least two parties" in failed.value.report
    assert f"{path}:" in failed.value.report  # located with what the incremental build read
    assert (out / "graph.trig").read_bytes() == before


def _counts(summary) -> tuple:
    return (summary.quads, summary.triples, summary.statements, summary.inferred, summary.sources)


@pytest.mark.slow  # eight builds; the fast lane keeps the one-edit and add/remove cases above
def test_incremental_builds_follow_each_edit_like_a_full_build(built_copy, tmp_path):
    """Edits that add and take away statements, entailments and countries: after each, the
    incremental build holds the same quads as a full build and reports the same counts."""
    data_copy, out = built_copy, tmp_path / "out"
    s4 = data_copy / "sources" / "s4-detikfinance.yaml"
    text = s4.read_text(encoding="utf-8")
    assert "parties: [ID, CN]" in text
    france = data_copy / "sources" / "s900-france.yaml"  # no bundled source names FR
    edits = [
        lambda: _change_s1(data_copy),  # one more sector
        lambda: france.write_text(  # a new source naming a new country
            text.replace("id: S4", "id: S900", 1).replace("[ID, CN]", "[ID, FR]"), "utf-8"
        ),
        lambda: france.write_text(text.replace("id: S4", "id: S900", 1), "utf-8"),  # FR gone
        lambda: _drop_sector(data_copy),  # the sector again removed
    ]
    for n, edit in enumerate(edits):
        edit()
        incremental = run_build(data_copy, out, viewer=False, exports=())
        assert incremental.how.startswith("incremental"), n
        full = run_build(data_copy, tmp_path / f"full-{n}", viewer=False, exports=())
        assert _quads(out / "store") == _quads(tmp_path / f"full-{n}" / "store"), n
        assert _counts(incremental) == _counts(full), n
        assert incremental.triples is not None, "the union's triples counted at this size"
        assert incremental.entities == full.entities, n
        assert _manifest_counts(out) == _manifest_counts(tmp_path / f"full-{n}"), n
        assert _kept_manifest(out) == _kept_manifest(tmp_path / f"full-{n}"), n


def _drop_sector(data: Path) -> None:
    path = data / "sources" / "s1-seed-article.yaml"
    text = path.read_text(encoding="utf-8")
    assert EXTRA_SECTOR in text
    path.write_text(text.replace(EXTRA_SECTOR, "", 1), encoding="utf-8")


# ---------------------------------------------------------------- racing builds


def _race(data: Path, tmp_path: Path, processes: int) -> None:
    """PROCESSES builds of different edits of a data folder into one build folder at once,
    every third with --wait. Issue 21: without a lock, 3 of 60 such races left a manifest
    naming one data folder beside a store and exports holding another's edit. Now each
    process exits 0, or 2 with the one-line refusal; the folder holds one whole build whose
    manifest names the data folder its store and export were built from."""
    from graph_builder.manifest import current_store, read_manifest

    folders = []
    for i in range(processes):
        folder = tmp_path / f"data-{i}"
        shutil.copytree(data, folder)
        s1 = folder / "sources" / "s1-seed-article.yaml"
        text = s1.read_text(encoding="utf-8")
        s1.write_text(text.replace('en: "S1: seed article', f'en: "S1 race {i}: seed article'))
        folders.append(folder)
    out = tmp_path / "build"
    running = [
        subprocess.Popen(
            [*_build_command(folder, out), "--no-viewer", "--export", "trig"]
            + (["--wait"] if i % 3 == 0 else []),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, folder in enumerate(folders)
    ]
    built = 0
    for i, process in enumerate(running):
        _, stderr = process.communicate(timeout=1800)
        if process.returncode == 0:
            built += 1
            continue
        assert i % 3 != 0, f"build {i} waited, yet: {stderr}"
        assert process.returncode == 2, stderr
        assert re.fullmatch(
            rf"Error: {re.escape(str(out))}: another build \(pid \d+\) is writing this folder; "
            r"try again when it has finished \(--wait waits for it\)\n",
            stderr,
        ), stderr
    assert built >= len(range(0, processes, 3))
    manifest = read_manifest(out)
    assert manifest is not None
    winner = folders.index(Path(manifest.inputs.data.path))
    assert current_store(out) == out / "store"  # the manifest's hashes are its folder's
    rows = GraphStore.open(out / "store").query(
        "SELECT ?l WHERE { GRAPH ?g { ?s rdfs:label ?l } FILTER(CONTAINS(?l, ' race ')) }"
    )
    labels = {row["l"].value for row in rows}
    assert labels == {f"S1 race {winner}: seed article by Yunike Purnama (citing kemenperin.go.id)"}
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    assert set(re.findall(r"S1 race (\d+):", trig)) == {str(winner)}


def test_racing_builds_leave_one_whole_build_or_refuse(data_copy, tmp_path):
    _race(data_copy, tmp_path, 4)


@pytest.mark.slow
def test_sixty_racing_builds_leave_one_whole_build_or_refuse(data_copy, tmp_path):
    _race(data_copy, tmp_path, 60)


def test_inputs_edited_while_a_build_reads_them_are_refused(built_copy, tmp_path, monkeypatch):
    """A source file changed during the build: its manifest would not describe its store."""
    import graph_builder.building.check as build_module
    from graph_builder.errors import SourceError

    data_copy, out = built_copy, tmp_path / "out"
    before = (out / "manifest.json").read_bytes()
    validate = build_module.validate_dataset

    def edit_then_validate(*args, **kwargs):
        _change_s1(data_copy)
        return validate(*args, **kwargs)

    monkeypatch.setattr(build_module, "validate_dataset", edit_then_validate)
    with pytest.raises(SourceError, match="files changed while the build read them; build again"):
        run_build(data_copy, out, viewer=False, exports=(), incremental=False)
    assert (out / "manifest.json").read_bytes() == before


def test_an_ontology_edited_while_a_build_reads_it_is_named_in_the_refusal(
    data_copy, tmp_path, monkeypatch
):
    """The refusal names the folder that changed, here the ontology, not the data."""
    import graph_builder.building.check as build_module
    from graph_builder.errors import SourceError

    ontology = tmp_path / "ontology"
    shutil.copytree(REPO / "ontology", ontology)
    validate = build_module.validate_dataset

    def edit_then_validate(*args, **kwargs):
        shapes = ontology / "shapes.ttl"
        shapes.write_text(shapes.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        return validate(*args, **kwargs)

    monkeypatch.setattr(build_module, "validate_dataset", edit_then_validate)
    with pytest.raises(SourceError, match="files changed while the build read them") as refused:
        run_build(data_copy, tmp_path / "out", ontology_dir=ontology, viewer=False, exports=())
    assert str(ontology) in str(refused.value) and str(data_copy) not in str(refused.value)


@pytest.mark.parametrize(
    ("edited", "refused"),
    [("s1-seed-article.yaml", True), ("s4-detikfinance.yaml", False)],
)
def test_an_incremental_build_looks_again_at_the_files_it_read(
    data_copy, tmp_path, monkeypatch, edited, refused
):
    """The changed source edited while an incremental build reads it is refused; another
    source, not read, is left for the next build, which loads it. (Built here, not copied:
    the first build after a copy reads the entity files too, and looks at every file.)"""
    import graph_builder.building.check as build_module
    from graph_builder.errors import SourceError

    out = tmp_path / "out"
    run_build(data_copy, out, viewer=False, exports=())
    _change_s1(data_copy)
    # The edit is made when the build validates what it loaded (with the checks the previous
    # build kept: the shapes are not read).
    scope = build_module.validation_scope
    path = data_copy / "sources" / edited

    def edit_then_scope(*args, **kwargs):
        path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        return scope(*args, **kwargs)

    monkeypatch.setattr(build_module, "validation_scope", edit_then_scope)
    if refused:
        with pytest.raises(SourceError, match="files changed while the build read them"):
            run_build(data_copy, out, viewer=False, exports=())
        return
    assert run_build(data_copy, out, viewer=False, exports=()).how.startswith("incremental")
    monkeypatch.setattr(build_module, "validation_scope", scope)
    again = run_build(data_copy, out, viewer=False, exports=())
    assert again.how == "incremental: 1 source file(s) loaded again"


def _store_with(path: Path, n: int) -> None:
    """A store on disk at *path* holding *n* quads, flushed and closed."""
    store = GraphStore.create(path)
    store.load_nquads(
        "".join(
            f'<http://ex.org/s{i}> <http://ex.org/p> "{i}" <http://ex.org/g> .\n' for i in range(n)
        ),
        union=True,
    )
    store.flush()
    del store


def _files(folder: Path) -> dict[str, tuple[int, int, int]]:
    return {
        p.name: (p.stat().st_size, p.stat().st_mtime_ns, p.stat().st_ino) for p in folder.iterdir()
    }


@pytest.mark.parametrize("layout", ["the-engines", "with-a-folder-inside"])
def test_a_closed_store_is_copied_whole_and_the_copy_written_leaves_it_as_it_was(tmp_path, layout):
    """The incremental build's copy of the previous store (table files hard-linked, the
    rest copied; the engine's backup for a folder it does not know) holds the same quads,
    and writing the copy changes none of the previous store's files."""
    _store_with(tmp_path / "before", 50)
    if layout == "with-a-folder-inside":
        (tmp_path / "before" / "extra").mkdir()
    files = _files(tmp_path / "before")
    GraphStore.copy_closed(tmp_path / "before", tmp_path / "copy")
    assert not (tmp_path / "copy" / "extra").exists()
    copy = GraphStore.open(tmp_path / "copy", read_only=False)
    assert len(copy) == 50
    copy.load_nquads('<http://ex.org/new> <http://ex.org/p> "x" <http://ex.org/g> .\n', union=True)
    copy.flush()
    del copy
    assert _files(tmp_path / "before") == files
    assert len(GraphStore.open(tmp_path / "before")) == 50
    assert len(GraphStore.open(tmp_path / "copy")) == 51


def test_a_store_copied_into_a_folder_that_exists_is_refused(tmp_path):
    _store_with(tmp_path / "before", 3)
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "mine.txt").write_text("the user's", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot copy the store"):
        GraphStore.copy_closed(tmp_path / "before", tmp_path / "copy")
    assert (tmp_path / "copy" / "mine.txt").read_text(encoding="utf-8") == "the user's"
