"""``accept`` and ``review``: a candidate source file into the data folder, with or without
the review page."""

from __future__ import annotations

from pathlib import Path

import click

from graph_builder.cli.options import (
    UserError,
    data_option,
    folder_option,
    handle_errors,
    note_project,
    ontology_option,
    stopped_by_signals,
)


def _writable_data(data_dir: Path | None) -> Path:
    """The data folder a command writes into: given, or the project's; never the sample
    bundled with the package."""
    if data_dir is None:
        raise UserError(
            "this command writes into a data folder: give --data DIR, or run it in a project "
            "folder (graph-builder init DIR makes one)"
        )
    note_project(click.get_current_context())
    return data_dir


@click.command()
@click.argument("candidate", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--create-unresolved",
    is_flag=True,
    help="Create every unresolved body, person, place and agreement (id, labels, class, "
    "country) instead of refusing.",
)
@click.option(
    "--force", is_flag=True, help="Replace data/sources/<id>.yaml when it exists already."
)
@data_option
@ontology_option
@handle_errors
def accept(
    candidate: Path,
    create_unresolved: bool,
    force: bool,
    data_dir: Path | None,
    ontology_dir: Path | None,
) -> None:
    """Write a candidate into the data folder, checked first; exit 2 if it would not validate."""
    from graph_builder.errors import CandidateRefused
    from graph_builder.review.accept import accept_candidate

    data = _writable_data(data_dir)
    try:
        acceptance, written = accept_candidate(
            candidate,
            data,
            create_unresolved=create_unresolved,
            force=force,
            ontology_dir=ontology_dir,
        )
    except CandidateRefused as exc:
        hint = ""
        if exc.unresolved:
            hint = " (--create-unresolved creates it)"
        elif exc.exists:
            hint = " (--force replaces it)"
        raise UserError(f"nothing written: {exc}{hint}") from None
    for entity in acceptance.entities:
        click.echo(
            f"new {entity.section[:-1] if entity.section != 'bodies' else 'body'}: "
            f"{entity.entry['id']}"
        )
    for text in acceptance.linked:
        click.echo(f"linked: {text}")
    for text in acceptance.left_out:
        click.echo(f"left out: {text}", err=True)
    for path in written:
        click.echo(f"wrote {path}")


@click.command()
@click.argument(
    "target", metavar="ARTICLE|CANDIDATE", type=click.Path(dir_okay=False, path_type=Path)
)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="Port on 127.0.0.1 (0: a free one)."
)
@folder_option(
    "--out",
    "build_dir",
    "Build folder that Save builds into (incrementally).",
    default=Path("build"),
)
@click.option(
    "--article",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The article a candidate was extracted from (default: the file its first line names, "
    "in the candidate's folder).",
)
@click.option("--no-browser", is_flag=True, help="Print the page's address instead of opening it.")
@data_option
@ontology_option
@handle_errors
def review(
    target: Path,
    port: int,
    build_dir: Path,
    article: Path | None,
    no_browser: bool,
    data_dir: Path | None,
    ontology_dir: Path | None,
) -> None:
    """Review an article or a candidate in the browser, then save it into the data folder."""
    import webbrowser

    from graph_builder.review.app import open_review, review_server

    session = open_review(
        target,
        _writable_data(data_dir),
        build_dir=build_dir,
        ontology_dir=ontology_dir,
        article=article,
    )
    server = review_server(session, port=port)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    click.echo(f"review page at {url} (Ctrl-C stops it)", err=True)
    if not no_browser:
        webbrowser.open(url)
    with stopped_by_signals():
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
