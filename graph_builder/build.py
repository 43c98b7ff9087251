"""The ``build`` job: plan, load, validate and write, every output or none.

A build is a folder (``build/`` by default)::

    graph.trig                            the export a build writes by default (``exports=``)
                                          up to DEFAULT_EXPORTS_LIMIT quads: every named
                                          graph, the union as default graph
    graph.ttl, graph.jsonld               the others it writes when asked
    viewer.html                           the interactive viewer
    store/                                the persisted Oxigraph store the other commands open
    listings/                             the sorted keys of listing queries, for their pages
                                          (graph_builder.sparql.paging)
    manifest.json                         the build's counts, countries, the ontology files'
                                          hashes, and the number and digest of the data files'
                                          rows
    .inputs.sqlite                        those rows: per data file its hash and stat, per
                                          source its id and the countries it names
    .entities.sqlite                      the entity registry, read again only when the entity
                                          files change
    .checks.json                          the SHACL checks compiled for the shapes, with
                                          which the next incremental build checks its change

:func:`run_build` holds the output folder's lock and assembles the new build in a fresh
folder beside it, stage by stage (:mod:`graph_builder.building`), each a function from a
typed value to the next: :func:`~.building.plan.plan_build` gives a
:class:`~.building.plan.BuildPlan` (the inputs hashed; full, or the sources changed since
the previous build); :func:`~.building.load.load_build` a :class:`~.building.load.Loaded`
store; :func:`~.building.check.check_build` its validation report;
:func:`~.building.write.write_views` and :func:`~.building.write.write_build` the files,
returning the :class:`~.building.summary.BuildSummary` and the
:class:`~graph_builder.manifest.Manifest` written. The folder is swapped in with one atomic
rename, so readers and crashes only ever see the old build or the whole new one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from graph_builder.building.check import check_build
from graph_builder.building.folder import (
    DEFAULT_EXPORTS,
    check_out_dir,
    output_errors,
    staged_folder,
)
from graph_builder.building.load import load_build
from graph_builder.building.plan import plan_build
from graph_builder.building.summary import BuildSummary
from graph_builder.building.write import Stage, fit_exports, write_build, write_views
from graph_builder.files import recover_folder
from graph_builder.lock import writer_lock
from graph_builder.manifest import STORE_DIR

log = logging.getLogger(__name__)


def run_build(
    data_dir: Path | None,
    out_dir: Path,
    *,
    ontology_dir: Path | None = None,
    validate: bool = True,
    viewer: bool = True,
    exports: Iterable[str] | None = None,
    infer: str = "rdfs",
    incremental: bool = True,
    wait: bool = False,
    on_stage: Stage | None = None,
) -> BuildSummary:
    """Load, validate and serialise *data_dir*; replace *out_dir* with the new build.

    Everything is written into a fresh folder first, so a failure (or a kill) leaves
    *out_dir* as it was. *exports* picks the RDF files (``ttl``, ``trig``, ``jsonld``),
    streamed from the store on disk once it is written; by default (None)
    :data:`DEFAULT_EXPORTS` up to :data:`~.building.folder.DEFAULT_EXPORTS_LIMIT` quads
    and none above, the files left out named in the summary's ``left_out``.
    Raises :class:`ValidationFailed` when SHACL finds violations.

    One build writes *out_dir* at a time (:func:`graph_builder.lock.writer_lock`): while
    another holds it, raises :class:`FolderLocked`, or with *wait* waits for it to finish.
    A folder that cannot be written (read-only, disk full) raises :class:`OutputError`.
    *on_stage* is called with the name of each stage as it starts (for progress).
    """
    stage = on_stage or (lambda name: None)
    check_out_dir(out_dir)
    with writer_lock(out_dir, wait=wait):
        check_out_dir(out_dir)  # again: a build we waited for may have changed it
        with output_errors(out_dir):
            recover_folder(out_dir)
        plan = plan_build(
            data_dir,
            out_dir,
            ontology_dir=ontology_dir,
            infer=infer,
            incremental=incremental,
            validate=validate,
            viewer=viewer,
            exports=DEFAULT_EXPORTS if exports is None else exports,
        )
        with staged_folder(out_dir) as staging:
            stage("loading the sources")
            with load_build(plan, staging / STORE_DIR) as loaded:
                if plan.validate:
                    stage("validating (SHACL)")
                report = check_build(plan, loaded)
                summary = write_views(plan, loaded, report, staging, stage)
            if exports is None:
                plan, summary = fit_exports(plan, summary)
            write_build(plan, loaded, summary, staging, stage)
        log.info("build finished: %d files", len(summary.files))
    return summary
