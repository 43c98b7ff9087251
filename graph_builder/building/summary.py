"""What a build produced, counted in its store: the summary ``build`` prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graph_builder.manifest import Counts
from graph_builder.namespaces import compact
from graph_builder.rdf.store import GraphStore
from graph_builder.rdf.validate import ValidationReport


@dataclass
class BuildSummary:
    """What a build produced."""

    quads: int
    triples: int | None
    """Distinct triples of the union; None above :data:`UNION_COUNT_LIMIT` quads."""
    sources: int
    statements: int
    inferred: int
    entities: dict[str, int]
    report: ValidationReport | None
    files: list[Path] = field(default_factory=list)
    how: str = ""
    """``full``, or what an incremental build loaded again."""
    left_out: tuple[str, ...] = ()
    """RDF files a build writes by default that this one did not: its store is over
    :data:`~.folder.DEFAULT_EXPORTS_LIMIT` quads."""

    @property
    def counts(self) -> Counts:
        """The counts a manifest records."""
        return Counts(self.quads, self.statements, self.inferred, self.triples, self.entities)

    def text(self) -> str:
        """A short human summary."""
        lines = [
            f"sources: {self.sources}   statements with evidence: {self.statements}",
            f"triples (union): {self.triples if self.triples is not None else 'not counted'}"
            f"   quads (named graphs): {self.quads}   of which inferred: {self.inferred}",
            "entities: " + ", ".join(f"{name} {n}" for name, n in sorted(self.entities.items())),
        ]
        if self.how:
            lines.append(f"build: {self.how}")
        if self.report is not None:
            lines.append(self.report.text())
        lines.extend(f"wrote {path}" for path in self.files)
        return "\n".join(lines)


_STATEMENTS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?e a agr:Evidence } }"
_SOURCES = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH graph:catalog { ?s dcterms:identifier ?id } }"
_ENTITIES = """
SELECT ?class (COUNT(?s) AS ?n) WHERE { GRAPH graph:reference { ?s a ?class } } GROUP BY ?class
"""
UNION_COUNT_LIMIT = 500_000
"""Above this many quads the summary does not count distinct triples (a full scan)."""


def summarize(
    store: GraphStore,
    report: ValidationReport | None = None,
    *,
    counts: Counts | None = None,
    sources: int | None = None,
    how: str = "",
) -> BuildSummary:
    """Counts of *store*: quads, union triples, sources, evidence records, entities by class.

    *counts* (quads, statements, inferred, and the union's triples and the entities by
    class when known) and *sources* (the source files, each one source's citation in the
    catalog) are taken as given instead of counted: an incremental build knows them from
    the previous build and what it changed.
    """
    from graph_builder.rdf.infer import inferred_count

    def count(query: str) -> int:
        return int(next(store.select(query))["n"].value)

    quads = counts.quads if counts else len(store)
    triples = None
    if quads <= UNION_COUNT_LIMIT:
        known = counts.triples if counts else None
        triples = known if known is not None else store.triple_count()
    return BuildSummary(
        quads=quads,
        triples=triples,
        sources=sources if sources is not None else count(_SOURCES),
        statements=counts.statements if counts else count(_STATEMENTS),
        inferred=counts.inferred if counts else inferred_count(store),
        entities=dict(counts.entities)
        if counts and counts.entities is not None
        else {compact(r["class"].value): int(r["n"].value) for r in store.select(_ENTITIES)},
        report=report,
        how=how,
    )
