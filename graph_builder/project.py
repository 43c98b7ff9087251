"""A project folder: where a user's data, ontology and build live, found as git finds a repository.

A project is a folder holding ``graph-builder.toml``::

    [paths]
    data = "data"          # relative to this file
    ontology = ""          # empty: the ontology bundled with the package
    build = "build"

    [serve]                # defaults for the endpoint's settings
    port = 8000

:func:`find_project` looks for that file in a folder and its parents, then in the folder
(or file) that ``GRAPH_BUILDER_PROJECT`` names, and otherwise answers the sample bundled
with the package. :func:`init_project` makes a new project, empty or with a copy of the
sample, and never writes over a file that is there.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph_builder import resources
from graph_builder.errors import OutputError, SourceError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["PROJECT_ENV", "PROJECT_FILE", "Project", "find_project", "init_project"]

PROJECT_FILE = "graph-builder.toml"
PROJECT_ENV = "GRAPH_BUILDER_PROJECT"

_PATHS = ("data", "ontology", "build")
_SECTIONS = {"paths": _PATHS, "serve": None}


@dataclass(frozen=True)
class Project:
    """Where a command's inputs and outputs are."""

    file: Path | None
    """The project's ``graph-builder.toml``; ``None`` for the bundled sample."""
    data_dir: Path
    ontology_dir: Path | None
    """``None``: the ontology bundled with the package."""
    build_dir: Path
    serve: Mapping[str, Any] = field(default_factory=dict)
    """Defaults for the endpoint's settings, by option name (``port``, ``timeout`` …)."""
    origin: str = "folder"
    """``folder`` (found above the working folder), ``environment`` or ``sample``."""

    def describe(self) -> str:
        """Which project this is, in words, for a note to the user."""
        if self.origin == "sample":
            return (
                f"no {PROJECT_FILE} here or above; using the sample data bundled with the "
                f"package ({self.data_dir})"
            )
        if self.origin == "environment":
            return f"using the project {PROJECT_ENV} names: {self.file}"
        return f"using the project {self.file}"


def find_project(start: Path | None = None, *, environ: Mapping[str, str] | None = None) -> Project:
    """The project of *start* (default: the working folder), of the environment, or the sample."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / PROJECT_FILE).is_file():
            return load_project(candidate / PROJECT_FILE)
    named = (os.environ if environ is None else environ).get(PROJECT_ENV, "").strip()
    if named:
        path = Path(named).expanduser()
        file = path / PROJECT_FILE if path.is_dir() else path
        if not file.is_file():
            raise SourceError(
                file,
                f"{PROJECT_ENV} names no project: there is no {PROJECT_FILE} here "
                f"(make one with graph-builder init {path})",
            )
        return load_project(file, origin="environment")
    return Project(None, resources.data_dir(), None, Path("build"), origin="sample")


def load_project(file: Path, *, origin: str = "folder") -> Project:
    """The project that *file* (a ``graph-builder.toml``) describes."""
    try:
        settings = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(file, f"not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(file, f"cannot be read: {exc}") from None
    _check_keys(file, settings)
    paths = settings.get("paths", {})
    root = _near(file.parent.resolve())

    def folder(name: str, default: str) -> Path | None:
        value = paths.get(name, default)
        if not isinstance(value, str):
            raise SourceError(file, f"must be a folder path in quotes, not {value!r}", field=name)
        return root / value if value.strip() else None

    data = folder("data", "data") or root / "data"
    build = folder("build", "build") or root / "build"
    serve = settings.get("serve", {})
    return Project(file, data, folder("ontology", ""), build, dict(serve), origin=origin)


def _near(folder: Path) -> Path:
    """*folder* relative to the working folder when it is inside it (as the user sees it)."""
    try:
        return folder.relative_to(Path.cwd().resolve())
    except ValueError:
        return folder


def _check_keys(file: Path, settings: Mapping[str, Any]) -> None:
    for section, value in settings.items():
        if section not in _SECTIONS:
            raise SourceError(file, _unknown(section, _SECTIONS, "section"), field=f"[{section}]")
        if not isinstance(value, dict):
            raise SourceError(file, "must be a table ([section])", field=section)
        known = _SECTIONS[section]
        for key in value if known is not None else ():
            if known is not None and key not in known:
                raise SourceError(file, _unknown(key, known, "key"), field=f"[{section}] {key}")


def _unknown(name: str, known: Any, what: str) -> str:
    import difflib  # only for a wrong name: not part of every command's start

    close = difflib.get_close_matches(name, list(known), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else f"; known: {', '.join(known)}"
    return f"unknown {what} {name!r}{hint}"


_TEMPLATE = """\
# A graph-builder project: every command run in this folder or below uses it.
# Paths are relative to this file.

[paths]
data = "data"      # entities/ and sources/ (see the package's docs/data-format.md)
ontology = ""      # empty: the ontology bundled with the package
build = "build"    # what 'graph-builder build' writes, and what the other commands read

[serve]            # defaults for 'graph-builder serve' (any of its options, by name)
host = "127.0.0.1"
port = 8000
"""


def init_project(folder: Path, *, sample: bool = False) -> Project:
    """Make a project in *folder*: ``graph-builder.toml`` and ``data/`` (empty, or the sample).

    Refuses a folder that already holds ``graph-builder.toml`` or ``data/``; nothing there
    is changed then.
    """
    folder = folder.resolve()
    file, data = folder / PROJECT_FILE, folder / "data"
    for existing in (file, data):
        if existing.exists():
            raise OutputError(f"{existing} exists already; nothing was written")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if sample:
            shutil.copytree(resources.data_dir(), data)
        else:
            (data / "entities").mkdir(parents=True)
            (data / "sources").mkdir()
        temporary = folder / f".{PROJECT_FILE}.new"
        temporary.write_text(_TEMPLATE, encoding="utf-8")
        temporary.replace(file)
    except OSError as exc:
        raise OutputError(f"{folder}: the project cannot be made: {exc.strerror}") from None
    return load_project(file)
