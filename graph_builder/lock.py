"""One writer per output folder: an advisory lock beside the folder, held for a whole build.

The lock is ``flock`` on a file beside the folder (``.NAME.graph-builder.lock`` for a
folder ``NAME``), not inside it, so it stays the same file while the build folder is
swapped. The kernel releases it when its holder exits, even by SIGKILL, so a lock file
left behind by a killed build never blocks: the next build locks the same file again.
The file is never removed (two writers could then lock two different files) and nothing
is written to it; the holder's pid is read from the kernel's table of locks where there
is one (Linux ``/proc/locks``).
"""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph_builder.errors import FolderLocked, OutputError
from graph_builder.files import why_not_writable

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".graph-builder.lock"


def lock_path(folder: Path) -> Path:
    """The lock file of *folder*: beside it, so that swapping the folder keeps it (the
    same file however the folder's parent is spelt)."""
    folder = folder.absolute()
    return folder.parent.resolve() / f".{folder.name}{LOCK_SUFFIX}"


@contextmanager
def writer_lock(folder: Path, *, wait: bool = False) -> Iterator[None]:
    """Hold the writer's lock of *folder* for the ``with`` block.

    Raises :class:`FolderLocked` when another process holds it, or with *wait* blocks until
    that process is done. Raises :class:`OutputError` when the lock file cannot be made.
    """
    path = lock_path(folder)
    fd = _open(path, folder)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            busy = FolderLocked(folder, _holder(fd))
            if not wait:
                raise busy from None
            log.warning("%s: waiting for %s to finish writing it", folder, busy.who)
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as exc:  # ENOLCK: a file system without locks
            raise OutputError(f"{path}: cannot lock: {exc.strerror}") from None
        yield
    finally:
        os.close(fd)  # releases the lock


def _open(path: Path, folder: Path) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    except OSError as first:
        try:  # a lock file made by another user: reading is enough to lock it
            return os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            pass
        raise OutputError(
            f"{folder}: cannot write beside this folder ({path.name}): "
            f"{why_not_writable(path, first)}"
        ) from None


def _holder(fd: int) -> int | None:
    """The pid holding the flock of the open file *fd*, from ``/proc/locks``; else None."""
    info = os.fstat(fd)
    device = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as table:
            for line in table:
                fields = line.split()
                # "1: FLOCK  ADVISORY  WRITE 4242 fe:00:2156916 0 EOF"; "->" marks a waiter
                if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5] == device:
                    return int(fields[4]) if fields[4].isdigit() else None
    except OSError:
        pass
    return None
