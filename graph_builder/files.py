"""Writing files atomically: readers see the old file or the whole new one, never a part."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from graph_builder.errors import OutputError


def write_atomically(path: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp)`` on a temporary file beside *path*, then rename it over *path*.

    Readers see either the old file or the whole new one, never a part.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {_why_not_writable(path, exc)}") from None
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual file mode
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def _why_not_writable(path: Path, exc: OSError) -> str:
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is None:
        return str(exc.strerror)
    return f"{blocker} is a file, not a folder; choose another output path"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_text(path: Path, text: str) -> Path:
    """Write *text* as UTF-8 to *path* atomically."""
    return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
