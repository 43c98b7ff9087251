"""What a build is to do: its inputs hashed, and whether it loads everything or some sources.

:func:`plan_build` is the build's first stage; its :class:`BuildPlan` is what every later
stage (:mod:`.load`, :mod:`.check`, :mod:`.write`) is given. A build is incremental when
the previous build's manifest shows that only source files changed or were added
(:func:`plan_changes`); then only those sources are loaded again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from graph_builder.building.folder import BUILD_FILES, DEFAULT_EXPORTS
from graph_builder.manifest import Manifest, read_manifest
from graph_builder.manifest_inputs import Inputs, input_hashes
from graph_builder.rdf.infer import check_mode


@dataclass(frozen=True)
class Changes:
    """An incremental build's work since the previous build."""

    paths: tuple[str, ...]
    """The source files changed or added (by their path in the data folder); the records
    of the sources the changed ones held are dropped first."""


@dataclass(frozen=True)
class BuildPlan:
    """A build to make: from which folders and inputs, into which folder, and how."""

    data: Path
    ontology: Path
    out_dir: Path
    inputs: Inputs
    """The content hashes of the inputs, as the new manifest will record them."""
    infer: str
    previous: Manifest | None
    """The manifest of the build in *out_dir* (None: none, or a full build was asked for)."""
    changes: Changes | None
    """None: a full build."""
    validate: bool
    viewer: bool
    exports: tuple[str, ...]
    """The RDF files to write, as names of :data:`~.folder.BUILD_FILES`."""


def plan_build(
    data_dir: Path | None,
    out_dir: Path,
    *,
    ontology_dir: Path | None = None,
    infer: str = "rdfs",
    incremental: bool = True,
    validate: bool = True,
    viewer: bool = True,
    exports: Iterable[str] = DEFAULT_EXPORTS,
) -> BuildPlan:
    """The plan of a build of *data_dir* (None: the bundled data) into *out_dir*.

    With *incremental*, the manifest of the build already in *out_dir* is read, and the
    plan loads only the sources changed since, when that is all that changed: by content,
    wherever the folders are now (a project copied or moved is not built again;
    :mod:`graph_builder.manifest_inputs`).
    """
    from graph_builder import resources

    data = Path(data_dir or resources.data_dir())
    ontology = Path(ontology_dir or resources.ontology_dir())
    previous = read_manifest(out_dir) if incremental else None
    inputs = input_hashes(data, ontology, known=None if previous is None else previous.inputs)
    changes = None if previous is None else plan_changes(previous, inputs, infer)
    if changes is None:
        check_mode(infer)
    wanted = set(exports)
    return BuildPlan(
        data,
        ontology,
        out_dir,
        inputs,
        infer,
        previous,
        changes,
        validate=validate,
        viewer=viewer,
        exports=tuple(name for name, fmt in BUILD_FILES.items() if fmt in wanted),
    )


def plan_changes(previous: Manifest, inputs: Inputs, infer: str) -> Changes | None:
    """The sources to load again since the build *previous* for *inputs* built with
    entailment *infer*, or None for a full build."""
    if previous.infer != infer:
        return None
    if inputs.ontology.differ_from(previous.inputs.ontology) != set():
        return None  # other ontology files
    if inputs.ontology_moved(previous.inputs):
        return None  # the previous store holds IRIs of the ontology's old place
    # The files added, removed or changed: those whose stat differs from the previous
    # build's (every file, in a folder copied or moved since), hashed again
    # (:func:`~graph_builder.manifest_inputs.input_hashes`), and set operations in C over
    # the two listings' keys; the Python work follows the change.
    differ = inputs.data.differ_from(previous.inputs.data)
    if any(not key.startswith("sources/") for key in differ):
        return None  # entities or divergences changed: everything may refer to them
    if any(key not in inputs.data.stat for key in differ):
        return None  # a removed source may be named by a divergence: check it all
    return Changes(tuple(sorted(differ)))
