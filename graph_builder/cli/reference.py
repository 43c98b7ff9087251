"""The command reference (``docs/cli.md``), made from the commands' own ``--help``.

``python -m graph_builder.cli.reference > docs/cli.md`` writes it again; a test checks that
the file in the repository is what this writes, so the reference cannot drift from the
commands.
"""

from __future__ import annotations

import click

from graph_builder.cli import main

__all__ = ["cli_reference"]

_WIDTH = 100


def _help(command: click.Command, name: str, parent: click.Context) -> str:
    context = click.Context(command, info_name=name, parent=parent, terminal_width=_WIDTH)
    context.max_content_width = _WIDTH
    return command.get_help(context)


def cli_reference() -> str:
    """Markdown: the main help, then every command's help, in the order ``--help`` lists them."""
    root = click.Context(main, info_name="graph-builder", terminal_width=_WIDTH)
    root.max_content_width = _WIDTH
    lines = [
        "# Command reference",
        "",
        "Made from each command's `--help` by `python -m graph_builder.cli.reference`; "
        "a test keeps it current.",
        "",
        "```text",
        main.get_help(root),
        "```",
    ]
    for name in main.list_commands(root):
        command = main.get_command(root, name)
        if command is None or command.hidden:
            continue
        lines += ["", f"## graph-builder {name}", "", "```text", _help(command, name, root), "```"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    click.echo(cli_reference(), nl=False)
