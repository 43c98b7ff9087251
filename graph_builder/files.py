"""Writing outputs atomically: readers see the old output or the whole new one, never a part.

Files are written beside their target, flushed to disk and renamed over it; folders (a
build) are assembled beside their target and exchanged with it in one rename. A process
killed half-way leaves only a temporary name behind, which the next write removes.

Temporary names are ``.TARGET.graph-builder-KIND-PID-RANDOM-CHECK``: KIND is ``tmp`` (a
file), ``new`` or ``old`` (a folder), RANDOM is 16 random hex digits and CHECK the first
8 hex digits of the SHA-256 of the rest of the name. Only a name of that form whose check
matches and whose process is gone is removed, and a folder only when it also holds the
:data:`MARKER` file every build folder is made with, or holds nothing but a part of it (a
writer killed between making the folder and writing its marker): a user's
``.build.backup-2024/`` or ``.graph.ttl.bak-31337`` is never touched.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import os
import re
import secrets
import shutil
import sys
from collections.abc import Callable, Collection
from pathlib import Path

from graph_builder.errors import OutputError

MARKER = ".graph-builder"
"""The file every build folder (and every folder being assembled) holds, naming its maker."""
_MARKER_TEXT = "made by graph-builder; a build replaces this folder as a whole\n"


def write_atomically(path: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp)`` on a temporary file beside *path*, then rename it over *path*.

    The file and its folder are fsynced, so after a crash the folder holds the old file or
    the whole new one. Temporary files of earlier writers that were killed are removed.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_orphans(path.parent, path.name)
        tmp = path.parent / temporary_name(path.name, "tmp")
        # O_EXCL: never an existing file; 0o666 less the umask, as for any new file
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666))
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {why_not_writable(path, exc)}") from None
    try:
        write(tmp)
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


def fsync_tree(root: Path, *, durable: Collection[int] = ()) -> None:
    """fsync every file and folder below *root*, then *root* itself; files whose inode
    number is in *durable* (hard links to files already synced) are passed over."""
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            if not durable or os.stat(path, follow_symlinks=False).st_ino not in durable:
                fsync_path(path)
        fsync_path(Path(folder))


def inodes(root: Path) -> set[int]:
    """The inode numbers of the files below *root* (none when it cannot be read)."""
    found = set()
    for folder, _, names in os.walk(root):
        for name in names:
            with contextlib.suppress(OSError):
                found.add(os.stat(os.path.join(folder, name), follow_symlinks=False).st_ino)
    return found


def staging_folder(target: Path) -> Path:
    """A new folder beside *target* to assemble its replacement in, holding :data:`MARKER`;
    leftovers of killed processes are removed first (see the module's docstring)."""
    parent = target.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _remove_orphans(parent, target.name)
        staging = parent / temporary_name(target.name, "new")
        staging.mkdir()
        (staging / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {why_not_writable(target, exc)}") from None
    return staging


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
        remove_folder(staging)  # staging now holds the old folder
    else:
        old = parent / temporary_name(target.name, "old")
        os.rename(target, old)
        os.rename(staging, target)
        remove_folder(old)
    fsync_path(parent)


def remove_folder(folder: Path) -> None:
    """Remove a build folder or a staging folder, its :data:`MARKER` last: a process killed
    half-way leaves a folder the next sweep still knows as ours."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name == MARKER:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
    shutil.rmtree(folder, ignore_errors=True)


def recover_folder(target: Path) -> None:
    """After a crash between the two renames of the fallback swap, put a folder back."""
    if target.exists():
        return
    parent = target.absolute().parent
    for kind in ("new", "old"):
        for candidate, _ in sorted(_temporaries(parent, target.name, kind)):
            if (candidate / ".complete").is_file():
                os.rename(candidate, target)
                return


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    if not sys.platform.startswith("linux"):
        return False  # renameat2 is Linux's
    import ctypes  # here: most commands never swap a folder

    # The process's own symbols, the C library's among them: no ``ctypes.util.find_library``,
    # which imports subprocess and runs ``ldconfig -p`` in a child process to find a name.
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), ctypes.c_uint(_RENAME_EXCHANGE)
    )
    return bool(result == 0)


def temporary_name(target_name: str, kind: str) -> str:
    """A new temporary name for *target_name* (see the module's docstring)."""
    stem = f".{target_name}.graph-builder-{kind}-{os.getpid()}-{secrets.token_hex(8)}"
    return f"{stem}-{_check(stem)}"


_TEMPORARY = re.compile(r"\.graph-builder-(tmp|new|old)-([0-9]+)-[0-9a-f]{16}-([0-9a-f]{8})")


def _check(stem: str) -> str:
    return hashlib.sha256(stem.encode("utf-8", "surrogateescape")).hexdigest()[:8]


def _temporaries(folder: Path, target_name: str, kind: str = "*") -> list[tuple[Path, int]]:
    """The temporaries of *target_name* in *folder* (of *kind*), with their writers' pids."""
    found = []
    for candidate in folder.glob(f".{glob.escape(target_name)}.graph-builder-{kind}-*"):
        pid = _temporary_pid(candidate, target_name)
        if pid is not None:
            found.append((candidate, pid))
    return found


def _temporary_pid(candidate: Path, target_name: str) -> int | None:
    """The pid in *candidate*'s name if it is a temporary this module made for
    *target_name*, else None."""
    name, head = candidate.name, f".{target_name}"
    match = _TEMPORARY.fullmatch(name, len(head)) if name.startswith(head) else None
    if match is None or _check(name[: -len(match.group(3)) - 1]) != match.group(3):
        return None
    if candidate.is_symlink():
        return None
    if match.group(1) == "tmp":
        return int(match.group(2)) if candidate.is_file() else None
    marker = candidate / MARKER
    if not candidate.is_dir() or marker.is_symlink():
        return None
    if not marker.is_file():
        return int(match.group(2)) if _holds_only(candidate, set()) else None
    with marker.open("rb") as file:
        written = file.read(len(_MARKER_TEXT) + 1)
    if written == _MARKER_TEXT.encode("utf-8"):
        return int(match.group(2))
    if _MARKER_TEXT.encode("utf-8").startswith(written) and _holds_only(candidate, {MARKER}):
        return int(match.group(2))
    return None


def _holds_only(folder: Path, names: set[str]) -> bool:
    """Whether *folder* holds nothing but *names*: what a writer killed between making a
    temporary folder and writing its whole marker, or between removing the marker and the
    folder, leaves; removing it removes nothing else."""
    with os.scandir(folder) as entries:
        return all(entry.name in names for entry in entries)


def _remove_orphans(folder: Path, target_name: str) -> None:
    """Remove the temporaries of *target_name* whose writing process is gone."""
    with contextlib.suppress(OSError):
        for leftover, pid in _temporaries(folder, target_name):
            if pid == os.getpid() or _alive(pid):
                continue
            if leftover.is_dir():  # callers run recover_folder() first
                remove_folder(leftover)
            else:
                leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_SYSTEM_REASONS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO)


def os_reason(exc: BaseException) -> str:
    """The operating system's reason for *exc* (an OSError, or an error raised while
    handling one) in a few words: ``No space left on device``."""
    cause = exc if isinstance(exc, OSError) else exc.__context__
    if not isinstance(cause, OSError):
        return str(exc)
    if cause.strerror:
        return cause.strerror
    text = " ".join(str(cause).split())  # the store engine's errors carry no errno
    known = (os.strerror(code) for code in _SYSTEM_REASONS)
    return next((reason for reason in known if reason in text), text[:200])


def why_not_writable(path: Path, exc: OSError) -> str:
    """Why *path* cannot be written, in a few words: the file in the way of its folder, or
    the operating system's reason."""
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is None:
        return str(exc.strerror)
    return f"{blocker} is a file, not a folder; choose another output path"
