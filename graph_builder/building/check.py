"""A build's third stage: the loaded store checked against the SHACL shapes.

An incremental build checks only what its change touched
(:func:`~graph_builder.rdf.update.validation_scope`), with the checks the previous build
compiled and kept (:mod:`graph_builder.rdf.shacl_kept`) when they are for the same shapes
and class hierarchy: then neither the shapes nor rdflib are read. When those find a
violation, or cannot be used, the shapes are compiled and checked again as a full build
does, for the report. Violations stop the build, each placed at the file and line that
made it (:func:`~graph_builder.locate.locate_report`).
"""

from __future__ import annotations

from graph_builder.building.folder import CHECKS
from graph_builder.building.load import Loaded
from graph_builder.building.plan import BuildPlan
from graph_builder.errors import ValidationFailed
from graph_builder.ontology import SHAPES_FILE, load_shapes
from graph_builder.rdf.shacl import class_hierarchy, types_of
from graph_builder.rdf.shacl_kept import any_violation, keep_checks, kept_queries
from graph_builder.rdf.update import validation_scope
from graph_builder.rdf.validate import ValidationReport, validate_dataset


def check_build(plan: BuildPlan, loaded: Loaded) -> ValidationReport | None:
    """The validation report of *loaded* (None: the plan does not validate); the checks
    to keep for the next build set on *loaded*.

    Raises :class:`ValidationFailed` when the shapes find violations.
    """
    if not plan.validate:
        return None
    store = loaded.store
    focus = None if loaded.touched is None else validation_scope(store, loaded.touched)
    if focus is not None:
        kept = _with_kept_checks(plan, loaded, focus)
        if kept is not None:
            return kept
    shapes = loaded.shapes if loaded.shapes is not None else load_shapes(plan.ontology)
    report = validate_dataset(
        store,
        shapes=shapes,
        ontology_dir=plan.ontology,
        focus=focus,
        written=loaded.written,
    )
    if not report.conforms:
        from graph_builder.locate import locate_report

        # With the build's own vocabulary and entities: only the source files are read again.
        report = locate_report(
            report,
            plan.data,
            ontology_dir=plan.ontology,
            vocabulary=loaded.vocabulary,
            known=loaded.registry,
        )
        raise ValidationFailed(report.text(), len(report.violations))
    shapes_hash = plan.inputs.ontology.files.get(SHAPES_FILE)
    if shapes_hash is not None:
        loaded.checks = keep_checks(shapes, class_hierarchy(store), shapes_hash)
    return report


def _with_kept_checks(plan: BuildPlan, loaded: Loaded, focus: set[str]) -> ValidationReport | None:
    """The report of an incremental build whose nodes *focus* the previous build's kept
    checks find no violation on (None: they do, or cannot be used)."""
    shapes_hash = plan.inputs.ontology.files.get(SHAPES_FILE)
    try:
        text = (plan.out_dir / CHECKS).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if shapes_hash is None:
        return None
    store = loaded.store
    typed = types_of(store, focus)
    queries = kept_queries(text, shapes_hash, class_hierarchy(store), typed)
    if queries is None or any_violation(store, queries):
        return None
    loaded.checks = text
    return ValidationReport(True, [], sum(1 for types in typed.values() if types))
