"""``build``, ``validate``, ``export``, ``view`` and ``stats``: a dataset built, checked,
written out and summed up."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click

from graph_builder.cli.options import (
    STDOUT,
    UserError,
    choice_option,
    data_option,
    dataset_options,
    folder_option,
    handle_errors,
    note_project,
    ontology_option,
    value_option,
    write_output,
)
from graph_builder.cli.progress import Stages
from graph_builder.inputs import DatasetInputs
from graph_builder.records import LANGUAGES


@click.command()
@data_option
@ontology_option
@folder_option("--out", "out_dir", "Output folder.", default=Path("build"))
@click.option("--no-viewer", is_flag=True, help="Do not write viewer.html.")
@choice_option(
    "--infer",
    ["none", "rdfs", "owl-rl"],
    "Entailments to add in graph:inferred (owl-rl runs owlrl: small datasets only).",
    default="rdfs",
)
@value_option(
    "--export",
    "FORMATS",
    "RDF files to write, comma-separated from ttl, trig, jsonld; 'none' for the store only. "
    "Default: trig up to 500,000 quads, none above (any format later: graph-builder export).",
    param="exports",
)
@click.option(
    "--full",
    is_flag=True,
    help="Load every source again even when only some changed since the last build.",
)
@click.option(
    "--wait",
    is_flag=True,
    help="When another build is writing the same --out folder, wait for it to finish "
    "instead of exiting 2.",
)
@handle_errors
def build(
    data_dir: Path | None,
    ontology_dir: Path | None,
    out_dir: Path,
    no_viewer: bool,
    infer: str,
    exports: str | None,
    full: bool,
    wait: bool,
) -> None:
    """Load, validate and build; write the store, graph.trig and viewer.html."""
    from graph_builder.build import run_build
    from graph_builder.errors import FolderLocked

    note_project(click.get_current_context())
    chosen = None if exports is None else _chosen_exports(exports)
    try:
        with Stages() as stage:
            summary = run_build(
                data_dir,
                out_dir,
                ontology_dir=ontology_dir,
                viewer=not no_viewer,
                infer=infer,
                exports=chosen,
                incremental=not full,
                wait=wait,
                on_stage=stage,
            )
    except FolderLocked as exc:
        raise UserError(f"{exc} (--wait waits for it)") from None
    click.echo(summary.text())
    for name in summary.left_out:
        click.echo(_how_to_export(name, click.get_current_context()))


def _chosen_exports(exports: str) -> list[str]:
    """The formats of ``--export``'s value; UserError for a format a build does not write."""
    chosen = [] if exports.strip() == "none" else [f.strip() for f in exports.split(",")]
    unknown = sorted(set(chosen) - {"ttl", "trig", "jsonld"})
    if unknown:
        raise UserError(
            f"--export {exports!r}: unknown format {unknown[0]!r}; use ttl, trig, jsonld"
        )
    return chosen


def _how_to_export(name: str, ctx: click.Context) -> str:
    """One line saying that the build did not write *name* (a large store), and how to."""
    from graph_builder.building.folder import BUILD_FILES, DEFAULT_EXPORTS_LIMIT

    fmt = BUILD_FILES[name]
    given = [
        f"{flag} {shlex.quote(str(ctx.params[param]))}"
        for flag, param in (("--data", "data_dir"), ("--build", "out_dir"))
        if ctx.get_parameter_source(param) == click.core.ParameterSource.COMMANDLINE
    ]
    command = " ".join(["graph-builder export", *given, f"--format {fmt} -o {name}"])
    return (
        f"{name} not written (over {DEFAULT_EXPORTS_LIMIT:,} quads): {command} writes it "
        f"from this build, build --export {fmt} every time"
    )


@click.command()
@dataset_options
@handle_errors
def validate(inputs: DatasetInputs) -> None:
    """Check the dataset against the SHACL shapes; exit 1 on violations."""
    from graph_builder import resources
    from graph_builder.locate import locate_report
    from graph_builder.rdf.validate import validate_dataset

    report = validate_dataset(inputs.open(), ontology_dir=inputs.ontology_dir)
    data_dir = inputs.data_dir or resources.data_dir()
    report = locate_report(report, data_dir, ontology_dir=inputs.ontology_dir)
    click.echo(report.text())
    if not report.conforms:
        raise click.exceptions.Exit(1)


@click.command()
@click.option(
    "--format", "fmt", required=True, help="ttl, trig, nq, nt, jsonld, xml, graphml, gexf or csv."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="File to write, - for stdout (csv: OUTPUT's stem gives the nodes and edges file "
    "names; with --shard-size: the folder of shards).",
)
@value_option(
    "--shard-size",
    "SIZE",
    "With --format nq: write OUTPUT as a folder of N-Quads shards for bulk loaders "
    "(push --bulk), each at most SIZE (100MB, 512KiB, bytes), one or more per graph group, "
    "with a manifest shards.json.",
)
@dataset_options
@handle_errors
def export(fmt: str, output: Path, shard_size: str | None, inputs: DatasetInputs) -> None:
    """Write the dataset in one format (csv writes OUTPUT's nodes and edges files)."""
    from graph_builder.rdf.export import RDF_FORMATS, export_dataset

    if shard_size is not None:
        _export_shards(fmt, output, shard_size, inputs)
        return
    if output.is_dir():
        raise UserError(f"-o {output}: a folder; give a file name (a folder is for --shard-size)")
    if fmt in RDF_FORMATS:
        store = inputs.open()
        with Stages() as stage:
            stage(f"writing {fmt}")
            write_output(output, lambda path: export_dataset(store, fmt, path))
        return
    from graph_builder.network import project as network
    from graph_builder.network import writers as network_io

    writers = {
        "graphml": network_io.write_graphml,
        "gexf": network_io.write_gexf,
        "csv": network_io.write_csv,
    }
    if fmt not in writers:
        allowed = ", ".join([*RDF_FORMATS, *writers])
        raise UserError(f"unknown format {fmt!r}; use one of {allowed}")
    if fmt == "csv" and output == STDOUT:
        raise UserError("--format csv writes two files (nodes and edges): give -o a file name")
    store = inputs.open()
    with Stages() as stage:
        stage("projecting the entity network")
        graph = network.entity_network(store)
        stage(f"writing {fmt}")
        write_output(output, lambda path: writers[fmt](graph, path))


_SIZE = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([kKmMgGtT]i?[bB]?|[bB])?\s*")
_UNITS = {"": 1, "K": 1000, "M": 1000**2, "G": 1000**3, "T": 1000**4}


def parse_size(text: str) -> int:
    """Bytes in a size such as ``100MB``, ``512KiB``, ``1.5G`` or ``65536`` (KB = 1000 bytes,
    KiB = 1024). Raises ValueError for anything else."""
    match = _SIZE.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not a size (examples: 100MB, 512KiB, 65536)")
    unit = (match.group(2) or "").upper().rstrip("B")
    scale = 1024 ** (1 + "KMGT".index(unit[0])) if unit.endswith("I") else _UNITS[unit]
    size = int(float(match.group(1)) * scale)
    if size <= 0:
        raise ValueError(f"{text!r}: a shard must be allowed at least one byte")
    return size


def _export_shards(fmt: str, output: Path, shard_size: str, inputs: DatasetInputs) -> None:
    from graph_builder.shards import write_shards

    if fmt != "nq":
        raise UserError(f"--shard-size writes N-Quads: use --format nq, not {fmt!r}")
    if output == STDOUT:
        raise UserError("--shard-size writes a folder of shards: give -o a folder name")
    try:
        limit = parse_size(shard_size)
    except ValueError as exc:
        raise UserError(f"--shard-size: {exc}") from None
    store = inputs.open()
    with Stages() as stage:
        stage("writing N-Quads shards")
        written = write_shards(store, output, shard_bytes=limit)
    click.echo(written.text(), err=True)


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the page here instead of to stdout (- is stdout too).",
)
@choice_option(
    "--lang",
    LANGUAGES,
    "Label language the page opens with (English or Indonesian).",
    default="en",
)
@value_option(
    "--focus",
    "IRI",
    "Draw only this vertex's neighbourhood (IRI or prefix:name), read from the store.",
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="With --focus: show vertices up to this many edges away.",
)
@click.option(
    "--evidence/--no-evidence",
    default=None,
    help="Put the evidence of every statement in the page (by default: up to 500 sources, "
    "and with --focus).",
)
@click.option(
    "--full/--overview",
    default=None,
    help="Draw every vertex and the whole matrix, or the overview: agreements, parties, "
    "concepts counted per scheme, the matrix of the first 200 agreements (by default: the "
    "overview above 500 agreements, the whole network with --evidence; --focus draws its "
    "neighbourhood).",
)
@dataset_options
@handle_errors
def view(
    output: Path | None,
    lang: str,
    focus: str | None,
    depth: int,
    evidence: bool | None,
    full: bool | None,
    inputs: DatasetInputs,
) -> None:
    """Write the interactive HTML viewer: one self-contained file that works offline."""
    from graph_builder.files import write_text
    from graph_builder.viewer.render import render_viewer

    if focus is not None and full is False:
        raise UserError("--focus draws a neighbourhood, not the overview: leave out --overview")
    if evidence and full is False:
        raise UserError("--evidence puts the evidence in the whole network: leave out --overview")
    page = render_viewer(
        inputs.open(), lang=lang, focus=focus, depth=depth, evidence=evidence, full=full
    )
    if output is None or output == STDOUT:
        click.echo(page, nl=False)
    else:
        click.echo(f"wrote {write_text(output, page)}", err=True)


@click.command()
@choice_option(
    "--format",
    ["table", "json", "csv"],
    "A readable table; JSON for scripts; CSV: the centrality of every vertex, one a row.",
    default="table",
    param="fmt",
)
@click.option(
    "--top", type=click.IntRange(min=1), default=15, show_default=True, help="Rows per ranking."
)
@dataset_options
@handle_errors
def stats(fmt: str, top: int, inputs: DatasetInputs) -> None:
    """Centrality, communities and connected components of the entity network."""
    import json

    from graph_builder.network.analysis import (
        CENTRALITY_COLUMNS,
        format_stats_table,
        network_stats,
    )

    result = network_stats(inputs.open(), top=top if fmt == "table" else None)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        import csv
        import io

        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=CENTRALITY_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(result["centrality"])
        click.echo(text.getvalue(), nl=False)
    else:
        click.echo(format_stats_table(result, top=top), nl=False)
