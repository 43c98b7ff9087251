"""``init``: make a project folder that every command run inside it uses."""

from __future__ import annotations

from pathlib import Path

import click

from graph_builder.cli.options import handle_errors


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option("--sample", is_flag=True, help="Start from a copy of the bundled sample data.")
@handle_errors
def init(folder: Path, sample: bool) -> None:
    """Make FOLDER (default: here) a project: graph-builder.toml and data/.

    Commands run in FOLDER or below then read FOLDER/data, write FOLDER/build and take
    their settings from FOLDER/graph-builder.toml. Nothing that exists is written over.
    """
    from graph_builder.project import init_project

    project = init_project(folder, sample=sample)
    click.echo(f"wrote {project.file}", err=True)
    if sample:
        click.echo(f"wrote {project.data_dir}/ (a copy of the sample data)", err=True)
        click.echo(f"next: cd {folder} && graph-builder build", err=True)
    else:
        click.echo(f"wrote {project.data_dir}/ (empty entities/ and sources/)", err=True)
        click.echo(
            f"next: add a source file to {project.data_dir}/sources/ (or 'graph-builder "
            "extract ARTICLE' one), then graph-builder build",
            err=True,
        )
