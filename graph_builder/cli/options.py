"""What the commands share: error handling, and the options saying where a command's
dataset comes from (a :class:`~graph_builder.inputs.DatasetInputs`), its folders, limits
and outputs.

Below the ``main`` group (:mod:`graph_builder.cli.base`), which imports each command's
module when that command is asked for: a command's module imports this one, never
``base``."""

from __future__ import annotations

import functools
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import click

from graph_builder.errors import (
    GraphBuilderError,
    PushFailed,
    QueryStopped,
    QueryTimeout,
    ValidationFailed,
)
from graph_builder.inputs import DatasetInputs, StaleBuild

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


def value_option(
    flag: str, metavar: str, help: str, *, param: str | None = None, multiple: bool = False
) -> Callable[[F], F]:
    """An option taking a string shown as *metavar* in ``--help`` (repeatable: *multiple*)."""
    names = (flag,) if param is None else (flag, param)
    return click.option(*names, metavar=metavar, multiple=multiple, help=help)


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


@contextmanager
def stopped_by_signals() -> Iterator[None]:
    """While a server runs: Ctrl-C (SIGINT) raises KeyboardInterrupt and SIGTERM exits, so
    that ``finally`` blocks run either way.

    SIGINT's handler is set, not inherited: a process started with SIGINT ignored (a
    background job of a script, a test runner's worker) does not get Python's
    KeyboardInterrupt, and would otherwise serve on after the Ctrl-C it announced."""
    previous = (
        signal.signal(signal.SIGINT, signal.default_int_handler),
        signal.signal(signal.SIGTERM, _exit_on_sigterm),
    )
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous[0])
        signal.signal(signal.SIGTERM, previous[1])


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


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


def say_stale(stale: StaleBuild) -> None:
    """Say on stderr why a build's store is not used."""
    if stale.folder is not None:
        why = (
            f"{stale.build_dir} was built from the {stale.folder} folder {stale.built_from}, "
            f"not from {stale.wanted}; building {stale.wanted} in memory instead (give "
            f"--{stale.folder} {stale.built_from} to use {stale.build_dir} as it is, or "
            "--build DIR for another build)"
        )
    else:
        why = (
            f"{stale.build_dir}/store is older than the data; building from the data (run "
            "'graph-builder build' to refresh it)"
        )
    click.echo(f"note: {why}", err=True)


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
        inputs = DatasetInputs(
            data_dir, ontology_dir, build_dir, rebuild, on_stale=say_stale, on_stage=progress
        )
        return func(*args, inputs=inputs, **kwargs)

    for option in (rebuild_option, build_option, ontology_option, data_option):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


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
