"""What every command shares: the ``main`` group, error handling, and where a command's
dataset comes from (:class:`Inputs`)."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from graph_builder import __version__
from graph_builder.errors import (
    GraphBuilderError,
    PushFailed,
    QueryStopped,
    QueryTimeout,
    ValidationFailed,
)

if TYPE_CHECKING:
    from graph_builder.project import Project

F = TypeVar("F", bound=Callable[..., Any])


def folder_option(
    flag: str, param: str, help: str, *, default: Path | None = None
) -> Callable[[F], F]:
    """An option naming a folder, given to the command as *param* (a Path)."""
    return click.option(
        flag,
        param,
        type=click.Path(file_okay=False, path_type=Path),
        default=default,
        show_default=default is not None,
        help=help,
    )


def seconds_option(flag: str, help: str, *, default: float | None = None) -> Callable[[F], F]:
    """An option giving a time limit in seconds (at least 0.1)."""
    return click.option(
        flag,
        default=default,
        metavar="SECONDS",
        show_default=default is not None,
        type=click.FloatRange(min=0.1),
        help=help,
    )


data_option = folder_option(
    "--data", "data_dir", "Data folder (entities/, sources/). Default: the bundled data/."
)
ontology_option = folder_option(
    "--ontology", "ontology_dir", "Ontology folder. Default: the bundled ontology/."
)


class UserError(click.ClickException):
    """A problem the user can fix: message on stderr, exit code 2."""

    exit_code = 2


def handle_errors(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ValidationFailed as exc:
            click.echo(exc.report, err=True)
            raise click.exceptions.Exit(1) from None
        except PushFailed as exc:
            click.echo(f"Error: {exc}", err=True)
            raise click.exceptions.Exit(1) from None
        except QueryStopped as exc:
            hint = " (--timeout 0 lifts the limit)" if isinstance(exc, QueryTimeout) else ""
            click.echo(f"Error: {exc}{hint}", err=True)
            raise click.exceptions.Exit(1) from None
        except GraphBuilderError as exc:
            raise UserError(str(exc)) from None

    return wrapper  # type: ignore[return-value]


STDOUT = Path("-")
"""``-o -``: standard output instead of a file."""


def write_output(output: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(path)`` for *output* and say what it wrote; for ``-``, send to stdout
    what it writes into a temporary file instead."""
    if output != STDOUT:
        written = write(output)
        for path in written if isinstance(written, list) else [written]:
            click.echo(f"wrote {path}", err=True)
        return
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="graph-builder-") as folder:
        path = Path(folder) / "output"
        write(path)
        sys.stdout.flush()
        with path.open("rb") as handle:
            shutil.copyfileobj(handle, sys.stdout.buffer)
        sys.stdout.buffer.flush()


def progress(message: str) -> None:
    """*message* on stderr, when progress is shown (a terminal, no ``--quiet``)."""
    from graph_builder.cli.progress import showing

    if showing():
        click.echo(message, err=True)


def choice_option(
    flag: str, choices: Sequence[str], help: str, *, default: str, param: str | None = None
) -> Callable[[F], F]:
    """An option taking one of *choices*, *default* unless given (and shown in ``--help``)."""
    names = (flag,) if param is None else (flag, param)
    return click.option(
        *names, type=click.Choice(choices), default=default, show_default=True, help=help
    )


def table_or_json(help: str) -> Callable[[F], F]:
    """``--format table|json`` (default ``table``), given to the command as ``fmt``."""
    return choice_option("--format", ["table", "json"], help, default="table", param="fmt")


build_option = folder_option(
    "--build",
    "build_dir",
    "Folder of a previous 'graph-builder build'; its store is opened when it is "
    "up to date with the data, otherwise the data are built in memory.",
    default=Path("build"),
)
rebuild_option = click.option(
    "--rebuild", is_flag=True, help="Build from the data even when an up-to-date store exists."
)


@dataclass(frozen=True)
class Inputs:
    """Where a command's dataset comes from: a persisted build, or the data folder."""

    data_dir: Path | None
    ontology_dir: Path | None
    build_dir: Path
    rebuild: bool

    def open(self) -> Any:
        """The up-to-date persisted store of ``build_dir``, else the data built in memory."""
        from graph_builder.manifest import open_build

        if not self.rebuild:
            store = open_build(
                self.build_dir, data_dir=self.data_dir, ontology_dir=self.ontology_dir
            )
            if store is not None:
                return store
            self._say_why_not_current()
        from graph_builder.rdf.dataset import load_dataset  # rdflib, YAML: only when building

        progress("loading and building the dataset…")
        return load_dataset(self.data_dir, ontology_dir=self.ontology_dir)

    def _say_why_not_current(self) -> None:
        """Say on stderr why the build's store is not used (if there is one)."""
        if (self.build_dir / "store").exists():
            click.echo(f"note: {self._why_not_current()}", err=True)

    def _why_not_current(self) -> str:
        """Why the build's store is not used: other inputs, or older than these."""
        from graph_builder import resources
        from graph_builder.manifest import read_manifest

        manifest = read_manifest(self.build_dir)
        built_from = {}
        if manifest is not None:
            built_from = {
                "data": manifest.inputs.data.path,
                "ontology": manifest.inputs.ontology.path,
            }
        wanted = {
            "data": (self.data_dir or resources.data_dir()).resolve(),
            "ontology": (self.ontology_dir or resources.ontology_dir()).resolve(),
        }
        for name, path in built_from.items():
            if path is not None and Path(path) != wanted[name]:
                return (
                    f"{self.build_dir} was built from the {name} folder {path}, not from "
                    f"{wanted[name]}; building {wanted[name]} in memory instead (--build DIR "
                    "names another build)"
                )
        return (
            f"{self.build_dir}/store is older than the data; building from the data (run "
            "'graph-builder build' to refresh it)"
        )

    def persisted(self) -> tuple[Path, Callable[[], None]]:
        """A store folder for many readers, and what to call when done with it.

        The build's own store when it is up to date; otherwise the data are built into a
        temporary folder that the returned callable removes.
        """
        path = self.current_store()
        if path is None:
            return self.temporary_store()
        from graph_builder.rdf.store import GraphStore

        GraphStore.open(path)  # a broken store fails here, not in each reader
        return path, lambda: None

    def current_store(self) -> Path | None:
        """The build's store folder when the build is up to date (not opened), else None."""
        if self.rebuild:
            return None
        from graph_builder.manifest import current_store

        path = current_store(self.build_dir, data_dir=self.data_dir, ontology_dir=self.ontology_dir)
        if path is None:
            self._say_why_not_current()
        return path

    def temporary_store(self) -> tuple[Path, Callable[[], None]]:
        """The data built into a temporary store folder, and what removes it."""
        import shutil
        import tempfile

        from graph_builder.rdf.dataset import load_dataset
        from graph_builder.rdf.store import GraphStore

        folder = Path(tempfile.mkdtemp(prefix="graph-builder-"))
        progress("loading and building the dataset…")
        store = load_dataset(
            self.data_dir, ontology_dir=self.ontology_dir, store=GraphStore.create(folder / "store")
        )
        store.flush()
        del store
        return folder / "store", lambda: shutil.rmtree(folder, ignore_errors=True)


def dataset_options(func: F) -> F:
    """--data, --ontology, --build and --rebuild, passed to the command as ``inputs``."""

    @functools.wraps(func)
    def wrapper(
        *args: Any,
        data_dir: Path | None,
        ontology_dir: Path | None,
        build_dir: Path,
        rebuild: bool,
        **kwargs: Any,
    ) -> Any:
        note_project(click.get_current_context())
        return func(*args, inputs=Inputs(data_dir, ontology_dir, build_dir, rebuild), **kwargs)

    for option in (rebuild_option, build_option, ontology_option, data_option):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graph-builder")
@click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
@click.option(
    "-q", "--quiet", is_flag=True, help="No progress on stderr (it is shown only at a terminal)."
)
@click.pass_context
def main(ctx: click.Context, verbose: bool, quiet: bool) -> None:
    """Build, check, query and export a knowledge graph of cooperation agreements.

    Every command works on the project of the working folder: the nearest
    graph-builder.toml in it or above (see 'graph-builder init'), else the one
    GRAPH_BUILDER_PROJECT names, else the sample data bundled with the package.
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    ctx.meta["quiet"] = quiet
    if ctx.invoked_subcommand in (None, "init"):
        return
    from graph_builder.project import find_project

    try:
        project = find_project()
    except GraphBuilderError as exc:
        raise UserError(str(exc)) from None
    ctx.obj = project
    ctx.default_map = _project_defaults(ctx.command, project)


_FOLDER_PARAMS = ("data_dir", "ontology_dir", "build_dir", "out_dir")


def _project_defaults(group: click.Command, project: Project) -> dict[str, dict[str, Any]]:
    """Each command's option defaults from *project*: its folders, and serve's settings."""
    folders = {
        "data_dir": project.data_dir if project.file is not None else None,
        "ontology_dir": project.ontology_dir,
        "build_dir": project.build_dir,
    }
    commands = getattr(group, "commands", {})
    defaults: dict[str, dict[str, Any]] = {}
    for name, command in commands.items():
        params = {p.name for p in command.params}
        defaults[name] = {k: v for k, v in folders.items() if k in params and v is not None}
    defaults["build"]["out_dir"] = project.build_dir  # build's --out is the project's build
    serve = commands.get("serve")
    if serve is not None and project.serve:
        known = {p.name for p in serve.params if p.name not in _FOLDER_PARAMS}
        unknown = sorted(set(project.serve) - known)
        if unknown:
            raise UserError(
                f"{project.file}: [serve] {unknown[0]}: not a setting of 'graph-builder serve' "
                f"(known: {', '.join(sorted(k for k in known if k))})"
            )
        defaults["serve"].update(project.serve)
    return defaults


def note_project(ctx: click.Context) -> None:
    """Say on stderr which project a command uses, unless it is the working folder's own
    or the command was given its data folder."""
    from graph_builder.project import Project

    project = ctx.find_object(Project)
    if project is None or project.origin == "folder":
        return
    source = ctx.get_parameter_source("data_dir")
    if source in (click.core.ParameterSource.DEFAULT, click.core.ParameterSource.DEFAULT_MAP):
        click.echo(f"note: {project.describe()}", err=True)
