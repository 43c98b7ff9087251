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


def _context(command: click.Command, name: str, parent: click.Context | None) -> click.Context:
    """The context ``--help`` would see (the command's own settings), at a fixed width."""
    return command.make_context(
        name,
        [],
        parent=parent,
        resilient_parsing=True,
        terminal_width=_WIDTH,
        max_content_width=_WIDTH,
    )


def _help(command: click.Command, name: str, parent: click.Context) -> str:
    return command.get_help(_context(command, name, parent))


def cli_reference() -> str:
    """Markdown: the main help, then every command's help, in the order ``--help`` lists them."""
    root = _context(main, "graph-builder", None)
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
