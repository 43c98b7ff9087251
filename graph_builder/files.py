"""Writing outputs atomically: readers see the old output or the whole new one, never a part.

Files are written beside their target, flushed to disk and renamed over it; folders (a
build) are assembled beside their target and exchanged with it in one rename. A process
killed half-way leaves only a temporary name behind, which the next write removes.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from graph_builder.errors import OutputError


def write_atomically(path: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp)`` on a temporary file beside *path*, then rename it over *path*.

    The file and its folder are fsynced, so after a crash the folder holds the old file or
    the whole new one. Temporary files of earlier writers that were killed are removed.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_orphans(path.parent, f".{path.name}.")
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
        )
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {_why_not_writable(path, exc)}") from None
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual file mode
        fsync_path(tmp)
        os.replace(tmp, path)
        fsync_path(path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def write_text(path: Path, text: str) -> Path:
    """Write *text* as UTF-8 to *path* atomically."""
    return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def fsync_path(path: Path) -> None:
    """Flush a file's or a folder's data and metadata to disk."""
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(root: Path) -> None:
    """fsync every file and folder below *root*, then *root* itself."""
    for folder, _, names in os.walk(root):
        for name in names:
            fsync_path(Path(folder) / name)
        fsync_path(Path(folder))


def staging_folder(target: Path, kind: str = "new") -> Path:
    """A fresh, unused folder name beside *target* (``.NAME.new-PID``); leftovers of killed
    processes (whose pid no longer runs) are removed first."""
    parent = target.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    _remove_orphans(parent, f".{target.name}.")
    return parent / f".{target.name}.{kind}-{os.getpid()}"


def swap_in_folder(staging: Path, target: Path) -> None:
    """Put the complete folder *staging* in place of *target* in one step.

    Where *target* exists, the two are exchanged atomically (Linux ``renameat2`` with
    ``RENAME_EXCHANGE``), so a reader, or a crash, sees the old folder or the new one; the
    old one is then removed. Elsewhere the old folder is moved aside first and the next
    write finishes the job if a crash falls between the two renames.
    """
    parent = target.absolute().parent
    if not target.exists():
        os.rename(staging, target)
    elif _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # staging now holds the old folder
    else:
        old = parent / f".{target.name}.old-{os.getpid()}"
        os.rename(target, old)
        os.rename(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    fsync_path(parent)


def recover_folder(target: Path) -> None:
    """After a crash between the two renames of the fallback swap, put a folder back."""
    if target.exists():
        return
    parent = target.absolute().parent
    for kind in ("new", "old"):
        for candidate in sorted(parent.glob(f".{target.name}.{kind}-*")):
            if (candidate / ".complete").is_file():
                os.rename(candidate, target)
                return


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), ctypes.c_uint(_RENAME_EXCHANGE)
    )
    return bool(result == 0)


def _remove_orphans(folder: Path, prefix: str) -> None:
    """Remove ``PREFIX…PID…`` temporaries whose writing process is gone."""
    with contextlib.suppress(OSError):
        for leftover in folder.glob(prefix + "*"):
            pid = _pid_in(leftover.name[len(prefix) :])
            if pid is None or pid == os.getpid() or _alive(pid):
                continue
            if leftover.is_dir():  # callers run recover_folder() first
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)


def _pid_in(rest: str) -> int | None:
    head = rest.split(".", 1)[0]
    head = head.rsplit("-", 1)[-1]
    return int(head) if head.isdigit() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _why_not_writable(path: Path, exc: OSError) -> str:
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is None:
        return str(exc.strerror)
    return f"{blocker} is a file, not a folder; choose another output path"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
