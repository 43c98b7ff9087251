"""A build's third stage: the loaded store checked against the SHACL shapes.

An incremental build checks only what its change touched
(:func:`~graph_builder.rdf.update.validation_scope`). Violations stop the build, each
placed at the file and line that made it (:func:`~graph_builder.locate.locate_report`).
"""

from __future__ import annotations

from graph_builder.building.load import Loaded
from graph_builder.building.plan import BuildPlan
from graph_builder.errors import ValidationFailed
from graph_builder.rdf.update import validation_scope
from graph_builder.rdf.validate import ValidationReport, validate_dataset


def check_build(plan: BuildPlan, loaded: Loaded) -> ValidationReport | None:
    """The validation report of *loaded* (None: the plan does not validate).

    Raises :class:`ValidationFailed` when the shapes find violations.
    """
    if loaded.shapes is None:
        return None
    store = loaded.store
    focus = None if loaded.touched is None else validation_scope(store, loaded.touched)
    report = validate_dataset(
        store,
        shapes=loaded.shapes,
        ontology_dir=plan.ontology,
        focus=focus,
        written=loaded.written,
    )
    if not report.conforms:
        from graph_builder.locate import locate_report

        report = locate_report(report, plan.data, ontology_dir=plan.ontology)
        raise ValidationFailed(report.text(), len(report.violations))
    return report
