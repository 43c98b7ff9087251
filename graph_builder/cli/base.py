"""The ``main`` group of the ``graph-builder`` command: the project's defaults for every
command, and each command's module imported when that command is asked for. What the
commands share (error handling, options) is :mod:`graph_builder.cli.options`."""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

import click

from graph_builder import __version__
from graph_builder.cli.options import UserError
from graph_builder.errors import GraphBuilderError

if TYPE_CHECKING:
    from graph_builder.project import Project


_MODULES = {
    "data": ("build", "validate", "export", "view", "stats"),
    "extract": ("extract", "diff"),
    "project": ("init",),
    "query": ("query", "queries"),
    "review": ("accept", "review"),
    "serve": ("serve", "push"),
}
"""The modules of ``graph_builder.cli`` and the commands each defines (a module-level
``click.Command`` of that name), added to :func:`main` when the module is imported."""
_MODULE_OF = {name: module for module, names in _MODULES.items() for name in names}


class _Commands(click.Group):
    """The commands, each module imported when one of its commands is asked for: ``build``
    does not import the server's, the extractor's or the review's modules."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_MODULE_OF)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = _MODULE_OF.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            _add_commands(self, module)
        return super().get_command(ctx, cmd_name)


def _add_commands(group: click.Group, module: str) -> None:
    """Import the command module *module* and add its commands to *group*. The module does
    not import this one (it takes what commands share from :mod:`.options`), so that no two
    modules import each other."""
    imported = importlib.import_module(f"graph_builder.cli.{module}")
    for name in _MODULES[module]:
        group.add_command(getattr(imported, name))


def all_commands() -> dict[str, click.Command]:
    """Every command of :func:`main`, by name (their modules imported)."""
    for module in _MODULES:
        _add_commands(main, module)
    return dict(main.commands)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
    if project.serve:  # checked whatever the command: a wrong setting is named at once
        all_commands()
    # The commands imported: the one invoked among them (:class:`_Commands`).
    commands = getattr(group, "commands", {})
    defaults: dict[str, dict[str, Any]] = {}
    for name, command in commands.items():
        params = {p.name for p in command.params}
        defaults[name] = {k: v for k, v in folders.items() if k in params and v is not None}
    # build's --out is the project's build
    defaults.setdefault("build", {})["out_dir"] = project.build_dir
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
