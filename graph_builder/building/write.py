"""A build's last stage: its files written into the staging folder, the manifest last.

While the store is open, :func:`write_views` writes the viewer and the listings and
counts the summary; once it is closed, :func:`write_build` streams the RDF files from it
on disk (their order depends only on the quads, so a full and an incremental build write
the same bytes), writes the manifest and syncs the folder, ready to be swapped in.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from graph_builder.building.folder import (
    BUILD_FILES,
    CHECKS,
    COMPLETE,
    REGISTRY,
    VIEWER_FILE,
    default_exports,
)
from graph_builder.building.kept import keep_registry
from graph_builder.building.load import Loaded
from graph_builder.building.plan import BuildPlan
from graph_builder.building.summary import BuildSummary, summarize
from graph_builder.errors import SourceError
from graph_builder.files import fsync_tree, inodes, write_text
from graph_builder.manifest import MANIFEST, STORE_DIR, Manifest, write_manifest
from graph_builder.manifest_inputs import changed_since
from graph_builder.rdf.store import GraphStore
from graph_builder.rdf.validate import ValidationReport
from graph_builder.sparql.named import named_queries
from graph_builder.sparql.paging import LISTINGS_DIR, write_listings

Stage = Callable[[str], object]
"""Called with the name of each step as it starts (for progress)."""


def write_views(
    plan: BuildPlan,
    loaded: Loaded,
    report: ValidationReport | None,
    staging: Path,
    on_stage: Stage,
) -> BuildSummary:
    """The viewer (when the plan asks for it) and the listings of the open store of
    *loaded*, written into *staging*; the summary of that store and of the files the
    build writes."""
    store = loaded.store
    if plan.viewer:
        from graph_builder.viewer.render import render_viewer

        on_stage(f"writing {VIEWER_FILE}")
        write_text(staging / VIEWER_FILE, render_viewer(store))
    on_stage("writing the listings")
    before = None if loaded.touched is None else plan.out_dir / LISTINGS_DIR
    queries = [named.text for named in named_queries().values()]
    listings = staging / LISTINGS_DIR
    write_listings(store, listings, queries, before=before, touched=loaded.touched or ())
    on_stage("saving the store")
    # An incremental build's sources are its manifest's entries: the catalog is not
    # counted again (15 ms at 25,600 sources).
    sources = None if loaded.touched is None else len(loaded.contents.sources)
    summary = summarize(store, report, counts=loaded.counts, sources=sources, how=loaded.how)
    return replace(summary, files=_written_files(plan))


def write_build(
    plan: BuildPlan, loaded: Loaded, summary: BuildSummary, staging: Path, on_stage: Stage
) -> Manifest:
    """The RDF files, the entity registry and the manifest of the build in *staging*,
    whose store *loaded* has closed; the folder synced. Returns the manifest written.

    Raises :class:`SourceError` when the inputs changed while the build read them: the
    manifest would name contents the store does not hold.
    """
    changed = changed_since(plan.inputs, data_files=loaded.read)
    if changed is not None:
        raise SourceError(changed, "files changed while the build read them; build again")
    _write_exports(staging, plan.exports, on_stage)
    keep_registry(staging, loaded.registry, plan.inputs, plan.out_dir)
    if loaded.checks is not None:
        write_text(staging / CHECKS, loaded.checks)
    manifest = Manifest(plan.inputs, plan.infer, loaded.contents, summary.counts)
    manifest = write_manifest(staging, manifest)
    (staging / COMPLETE).touch()
    # An incremental build's store hard-links the previous one's files, synced then, and so
    # do its unchanged listings and its kept registry when the entity files are the same.
    durable: set[int] = set()
    if loaded.touched is not None:
        durable = inodes(plan.out_dir / STORE_DIR) | inodes(plan.out_dir / LISTINGS_DIR)
        if loaded.registry is None:
            durable.add(os.stat(plan.out_dir / REGISTRY).st_ino)
    fsync_tree(staging, durable=durable)
    return manifest


def fit_exports(plan: BuildPlan, summary: BuildSummary) -> tuple[BuildPlan, BuildSummary]:
    """*plan* and *summary* with the RDF files a build of the summary's size writes when it
    was not told which (:func:`~.folder.default_exports`); the files left out are named in
    the summary's ``left_out``."""
    exports = default_exports(summary.quads)
    left_out = tuple(name for name in plan.exports if name not in exports)
    plan = replace(plan, exports=exports)
    return plan, replace(summary, files=_written_files(plan), left_out=left_out)


def _written_files(plan: BuildPlan) -> list[Path]:
    """The files and folders a build of *plan* writes, as its summary lists them."""
    names = [*plan.exports, *([VIEWER_FILE] if plan.viewer else [])]
    return [plan.out_dir / name for name in [*names, MANIFEST, STORE_DIR, LISTINGS_DIR]]


def _write_exports(staging: Path, names: tuple[str, ...], on_stage: Stage) -> None:
    """The RDF files *names* of :data:`BUILD_FILES`, streamed from the store on disk."""
    if not names:
        return
    from graph_builder.rdf.export import export_dataset  # here: most incremental builds write none

    store = GraphStore.open(staging / STORE_DIR)
    for name in names:
        on_stage(f"writing {name}")
        export_dataset(store, BUILD_FILES[name], staging / name)
