"""Output folders: only our own leftovers are swept, one writer at a time, and a folder that
cannot be written (read-only, disk full) is one line with exit 2 and the old build kept."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph_builder.build import run_build
from graph_builder.errors import FolderLocked, OutputError
from graph_builder.files import MARKER, staging_folder, temporary_name, write_text
from graph_builder.lock import lock_path, writer_lock

from .conftest import DATA_DIR

# ------------------------------------------------------------ only our own leftovers

USER_FOLDERS = [
    ".build.backup-2024",
    ".build.snapshot-99999",
    ".build.new-99999",  # what a build once named its temporaries
    ".build.old-99999",
    ".build.graph-builder-new-99999-0123456789abcdef-00000000",  # our form, a wrong check
]


def _quick_build(out: Path) -> None:
    run_build(DATA_DIR, out, viewer=False, exports=("ttl",))


def _dead_pid() -> int:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(child.stdout)


def test_user_folders_named_like_leftovers_survive_builds(tmp_path):
    """Issue 21: `.build.backup-2024/` and `.build.snapshot-99999/` beside the output were
    removed by a build."""
    for name in USER_FOLDERS:
        (tmp_path / name).mkdir()
        (tmp_path / name / "mine.txt").write_text(name, encoding="utf-8")
        (tmp_path / name / ".complete").touch()  # even one that looks like a whole build
    (tmp_path / ".build.bak-31337").write_text("mine", encoding="utf-8")
    out = tmp_path / "build"
    _quick_build(out)
    _quick_build(out)
    for name in USER_FOLDERS:
        assert (tmp_path / name / "mine.txt").read_text(encoding="utf-8") == name
    assert (tmp_path / ".build.bak-31337").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    "name", [".graph.ttl.bak-31337", ".graph.ttl.31337.x.tmp", ".graph.ttl.graph-builder-tmp-1"]
)
def test_user_files_named_like_leftovers_survive_an_export(cli, tmp_path, name):
    """Issue 21: `.graph.ttl.bak-31337` was removed by `export -o graph.ttl`."""
    (tmp_path / name).write_text("mine", encoding="utf-8")
    result = cli("export", "--format", "ttl", "-o", tmp_path / "graph.ttl", "--rebuild")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / name).read_text(encoding="utf-8") == "mine"


def test_leftovers_of_a_killed_writer_are_swept(tmp_path):
    """A writer killed half-way leaves a temporary file and a staging folder; the next
    write of the same target removes them, and nothing else."""
    target, folder = tmp_path / "graph.ttl", tmp_path / "build"
    code = (
        "import os, sys; from pathlib import Path\n"
        "from graph_builder.files import staging_folder, write_atomically\n"
        "staging_folder(Path(sys.argv[2]))\n"
        "write_atomically(Path(sys.argv[1]), lambda tmp: os._exit(9))\n"
    )
    subprocess.run([sys.executable, "-c", code, str(target), str(folder)], check=False)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert len(left) == 2 and all(".graph-builder-" in n for n in left), left
    write_text(target, "new\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        n for n in left if n.startswith(".build.")
    ] + ["graph.ttl"]
    _quick_build(folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".build.graph-builder.lock",
        "build",
        "graph.ttl",
    ]


def _dead_writers_folder(parent: Path) -> Path:
    """A folder named as a staging folder of a process that is gone (the check matching)."""
    from graph_builder import files

    stem = temporary_name("build", "new").rsplit("-", 1)[0]
    stem = stem.replace(f"-{os.getpid()}-", f"-{_dead_pid()}-")
    folder = parent / f"{stem}-{files._check(stem)}"
    folder.mkdir()
    return folder


def test_a_temporary_folder_of_ours_needs_its_marker(tmp_path):
    """A folder with our name form and check that holds anything but our marker is not ours."""
    folder = _dead_writers_folder(tmp_path)
    (folder / "notes.txt").write_text("the user's", encoding="utf-8")
    _quick_build(tmp_path / "build")
    assert (folder / "notes.txt").is_file()
    (folder / MARKER).write_text("not ours", encoding="utf-8")
    _quick_build(tmp_path / "build")
    assert (folder / "notes.txt").is_file()
    shutil.copy(tmp_path / "build" / MARKER, folder / MARKER)
    _quick_build(tmp_path / "build")
    assert not folder.exists()


@pytest.mark.parametrize(
    "marker",
    [None, "", "made by graph"],
    ids=["killed-before-the-marker", "killed-opening-it", "killed-writing-it"],
)
def test_a_dead_writers_folder_holding_nothing_but_part_of_a_marker_is_removed(tmp_path, marker):
    """A kill between making a staging folder and writing its marker (or between removing
    the marker and the folder) leaves it empty: the next build removes it."""
    folder = _dead_writers_folder(tmp_path)
    if marker is not None:
        (folder / MARKER).write_text(marker, encoding="utf-8")
    _quick_build(tmp_path / "build")
    assert not folder.exists()
    assert (tmp_path / "build" / MARKER).is_file()


def test_a_staging_folder_holds_the_marker_and_so_does_the_build(tmp_path):
    staging = staging_folder(tmp_path / "build")
    assert (staging / MARKER).is_file()
    _quick_build(tmp_path / "build")
    assert (tmp_path / "build" / MARKER).read_bytes() == (staging / MARKER).read_bytes()


# ------------------------------------------------------------ one writer at a time

_HOLD = (
    "import sys; from pathlib import Path; from graph_builder.lock import writer_lock\n"
    "with writer_lock(Path(sys.argv[1])):\n"
    "    print('locked', flush=True); sys.stdin.read()\n"
)


@pytest.fixture
def holder(tmp_path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the writer's lock of tmp_path/build until its stdin closes."""
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(tmp_path / "build")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "locked\n"
    yield process
    process.kill()
    process.wait()


def test_a_second_writer_is_refused_naming_the_folder_and_the_holder(cli, tmp_path, holder):
    out = tmp_path / "build"
    result = cli("build", "--out", out, "--no-viewer")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {out}: another build (pid {holder.pid}) is writing this folder; "
        "try again when it has finished (--wait waits for it)\n"
    )
    assert not out.exists()


def test_wait_waits_for_the_other_writer(tmp_path, holder):
    out = tmp_path / "build"
    log = tmp_path / "stderr"
    with log.open("w") as stderr:
        waiting = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "graph_builder",
                "build",
                "--out",
                str(out),
                "--no-viewer",
                "--wait",
            ],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    said = f"{out}: waiting for another build (pid {holder.pid}) to finish writing it"
    deadline = time.monotonic() + 60
    while said not in log.read_text() and waiting.poll() is None:
        assert time.monotonic() < deadline, "the build never said it waits"
        time.sleep(0.05)
    assert waiting.poll() is None and not out.exists()
    assert holder.stdin is not None
    holder.stdin.close()
    stdout, _ = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, log.read_text()
    assert said in log.read_text()
    assert f"wrote {out}/manifest.json" in stdout


def test_the_lock_of_a_killed_build_never_blocks(tmp_path, holder):
    """The kernel lets go of a killed holder's lock; the lock file it leaves is reused."""
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert lock_path(tmp_path / "build").is_file()
    _quick_build(tmp_path / "build")
    assert (tmp_path / "build" / "manifest.json").is_file()


def test_the_lock_file_stays_beside_the_folder_through_swaps(tmp_path):
    out = tmp_path / "build"
    _quick_build(out)
    lock = lock_path(out)
    assert lock.parent == tmp_path and lock.name == ".build.graph-builder.lock"
    inode = lock.stat().st_ino
    _quick_build(out)
    assert lock.stat().st_ino == inode
    with writer_lock(out), pytest.raises(FolderLocked) as refused:
        _quick_build(tmp_path / "." / "build")  # another spelling, the same folder
    assert refused.value.holder == os.getpid()
    assert str(refused.value) == (
        f"{tmp_path / '.' / 'build'}: another build (pid {os.getpid()}) is writing this "
        "folder; try again when it has finished"
    )


# ------------------------------------------------------------ folders that cannot be written


def _mount_tmpfs(folder: Path, size: str) -> bool:
    """Mount a tmpfs of *size* on *folder* (root only); False where that is not possible."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    folder.mkdir(exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
    )
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path | None]:
    """A 64 MiB tmpfs, room for a build of the bundled data (None where one cannot be
    mounted); unmounted afterwards."""
    folder = tmp_path / "disk"
    mounted = _mount_tmpfs(folder, "64m")
    yield folder if mounted else None
    if mounted:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def _whole(out: Path) -> bytes:
    from graph_builder.rdf.store import GraphStore

    assert len(GraphStore.open(out / "store"))
    return (out / "manifest.json").read_bytes()


@pytest.fixture(scope="module")
def whole_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``build --full`` of the bundled data, its viewer and default exports included, made
    once. Its manifest names the data and ontology folders, not its own, so a copy of it
    elsewhere is that build there. Read only."""
    from click.testing import CliRunner

    from graph_builder.cli import main

    out = tmp_path_factory.mktemp("whole") / "build"
    result = CliRunner().invoke(main, ["build", "--out", str(out), "--full"])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("free_kib", [64, 400, 1200])
def test_a_full_disk_is_one_line_and_the_old_build_stays(
    cli, tmp_path, small_disk, whole_build, free_kib, monkeypatch
):
    """Disk full during the build. On a small tmpfs where one can be mounted (as root):
    filled up to FREE_KIB, so that the store, its bulk load or an export hits ENOSPC.
    Elsewhere the store's bulk load is made to raise OSError(ENOSPC) (a monkeypatch)."""
    out = (small_disk or tmp_path) / "build"
    shutil.copytree(whole_build, out, symlinks=True)
    before = _whole(out)
    if small_disk is not None:
        free = shutil.disk_usage(small_disk).free
        with open(small_disk / "filler", "wb") as filler:
            filler.write(b"\0" * max(0, free - free_kib * 1024))
    else:
        from graph_builder.rdf.store import GraphStore

        def full(self, data, *, checked=False):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(GraphStore, "load_nquads", full)
    result = cli("build", "--out", out, "--full")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {out}: cannot write the build: No space left on device; the folder is as it was\n"
    )
    assert _whole(out) == before
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".build.")) == [
        ".build.graph-builder.lock"
    ]


@pytest.fixture
def read_only_parent(tmp_path) -> Iterator[tuple[Path, str]]:
    """A folder holding a build that can no longer be written, and the reason the system
    gives: a tmpfs remounted read-only as root (EROFS), else a folder without write
    permission (EACCES)."""
    folder = tmp_path / "ro"
    if _mount_tmpfs(folder, "16m"):
        _quick_build(folder / "build")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder, os.strerror(errno.EROFS)
        subprocess.run(["umount", "-l", str(folder)], check=True)
    elif os.geteuid() != 0:
        _quick_build(folder / "build")
        folder.chmod(0o555)
        yield folder, os.strerror(errno.EACCES)
        folder.chmod(0o755)
    else:
        pytest.skip("root without mount: no folder refuses root's writes")


def test_a_read_only_output_folder_is_one_line_and_the_old_build_stays(cli, read_only_parent):
    folder, reason = read_only_parent
    out = folder / "build"
    before = _whole(out)
    result = cli("build", "--out", out, "--no-viewer", "--full")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {out}: cannot write the build: {reason}; the folder is as it was\n"
    )
    assert _whole(out) == before
    new = folder / "new"
    result = cli("build", "--out", new, "--no-viewer")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {new}: cannot write beside this folder (.new.graph-builder.lock): {reason}\n"
    )


def test_an_output_error_outside_a_build_keeps_its_own_words(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(OutputError, match="holds files a build did not write"):
        _quick_build(tmp_path / "mine")


def test_an_output_folder_below_a_file_is_one_line(cli, tmp_path):
    (tmp_path / "afile").touch()
    out = tmp_path / "afile" / "sub" / "build"
    result = cli("build", "--out", out, "--no-viewer")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {out}: cannot write beside this folder (.build.graph-builder.lock): "
        f"{tmp_path / 'afile'} is a file, not a folder; choose another output path\n"
    )
