"""The build folder: the names a build writes in it, the checks before it is replaced, and
the staging folder a build is assembled in.

A build owns its whole folder: what it holds besides the files named here is the user's,
and a build refuses to replace it. The operating system refusing a read or a write of the
folder (read-only, disk full) becomes :class:`~graph_builder.errors.OutputError`, saying
that the folder is as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph_builder.errors import OutputError
from graph_builder.files import (
    MARKER,
    os_reason,
    remove_folder,
    staging_folder,
    swap_in_folder,
)
from graph_builder.manifest import MANIFEST, STORE_DIR
from graph_builder.manifest_rows import ROWS
from graph_builder.sparql.paging import LISTINGS_DIR

BUILD_FILES = {"graph.ttl": "ttl", "graph.trig": "trig", "graph.jsonld": "jsonld"}
DEFAULT_EXPORTS = ("trig",)
"""TriG alone: the one file holding the whole dataset (which source states what); the others
cost as much again or more to write and are one ``export`` away (docs/performance.md)."""
DEFAULT_EXPORTS_LIMIT = 500_000
"""Above this many quads a build writes :data:`DEFAULT_EXPORTS` only when asked: the store
is the build's output, and a whole-store file rewritten by every build (an incremental one
too) costs more than a third of the build again (docs/performance.md)."""
VIEWER_FILE = "viewer.html"
REGISTRY = ".entities.sqlite"
"""The entity registry a build keeps, with the hashes of the files it was read from
(:mod:`.kept`)."""
CHECKS = ".checks.json"
"""The SHACL checks a build compiled, kept for the next (:mod:`graph_builder.rdf.shacl_kept`)."""
_OLD_REGISTRY = ".entities.json"
"""The registry as builds before :mod:`.kept` kept it: still theirs, replaced by the next."""
COMPLETE = ".complete"
_OURS = {
    *BUILD_FILES,
    VIEWER_FILE,
    STORE_DIR,
    LISTINGS_DIR,
    MANIFEST,
    ROWS,
    REGISTRY,
    CHECKS,
    _OLD_REGISTRY,
    MARKER,
    COMPLETE,
}


def default_exports(quads: int) -> tuple[str, ...]:
    """The RDF files a build of *quads* quads writes when not told which: the
    :data:`BUILD_FILES` names of :data:`DEFAULT_EXPORTS` up to :data:`DEFAULT_EXPORTS_LIMIT`
    quads, none above."""
    if quads > DEFAULT_EXPORTS_LIMIT:
        return ()
    return tuple(name for name, fmt in BUILD_FILES.items() if fmt in DEFAULT_EXPORTS)


def check_out_dir(out_dir: Path) -> None:
    """Refuse *out_dir* when it is a file or holds files a build did not write."""
    with output_errors(out_dir):
        if out_dir.exists() and not out_dir.is_dir():
            raise OutputError(f"{out_dir}: is a file; choose a folder for the build")
        if out_dir.is_dir():
            others = sorted(p.name for p in out_dir.iterdir() if p.name not in _OURS)
            if others:
                raise OutputError(
                    f"{out_dir}: holds files a build did not write ({', '.join(others[:3])}"
                    f"{' …' if len(others) > 3 else ''}); a build replaces its whole folder, "
                    "so choose an empty folder or one that only holds a previous build"
                )


@contextmanager
def staged_folder(out_dir: Path) -> Iterator[Path]:
    """A fresh folder beside *out_dir* to assemble a build in, swapped in for *out_dir*
    with one atomic rename when the block ends, removed when it raises."""
    with output_errors(out_dir):
        staging = staging_folder(out_dir)
    try:
        yield staging
    except BaseException as exc:
        remove_folder(staging)
        if _from_the_system(exc):
            raise _unwritable(out_dir, exc) from None
        raise
    with output_errors(out_dir):
        swap_in_folder(staging, out_dir)


def _from_the_system(exc: BaseException) -> bool:
    """Whether *exc* is the operating system refusing a write (or an error it caused)."""
    return isinstance(exc, OSError) or (
        type(exc) is OutputError and isinstance(exc.__context__, OSError)
    )


@contextmanager
def output_errors(out_dir: Path) -> Iterator[None]:
    """Turn the operating system refusing to read or write *out_dir* into OutputError."""
    try:
        yield
    except Exception as exc:
        if _from_the_system(exc):
            raise _unwritable(out_dir, exc) from None
        raise


def _unwritable(out_dir: Path, exc: BaseException) -> OutputError:
    return OutputError(
        f"{out_dir}: cannot write the build: {os_reason(exc)}; the folder is as it was"
    )
