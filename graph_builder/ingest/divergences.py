"""Reading ``divergences.yaml``: where sources disagree, each side with the sources that say it."""

from __future__ import annotations

from graph_builder.ingest.checks import FileChecker, suggest
from graph_builder.ingest.resolver import Resolver
from graph_builder.ingest.strict_yaml import Path_
from graph_builder.records import Divergence


def read_divergences(
    file: FileChecker, resolver: Resolver, source_ids: set[str]
) -> list[Divergence]:
    """Check ``divergences.yaml``: each divergence, its sides, and the sources of each side."""
    top = file.mapping(file.doc.data, (), required=("divergences",))
    result: list[Divergence] = []
    seen: set[str] = set()
    for i, item in enumerate(file.listing(top["divergences"], ("divergences",))):
        where: Path_ = ("divergences", i)
        row = file.mapping(item, where, required=("id", "label", "sides"), optional=("concerns",))
        div_id = file.slug(row["id"], (*where, "id"))
        if div_id in seen:
            raise file.fail((*where, "id"), f"divergence id {div_id!r} is used twice")
        seen.add(div_id)
        concerns = [
            resolver.subject(file, file.text(ref, (*where, "concerns", j)), (*where, "concerns", j))
            for j, ref in enumerate(file.listing(row.get("concerns", []), (*where, "concerns")))
        ]
        sides = []
        side_items = file.listing(row["sides"], (*where, "sides"))
        if len(side_items) < 2:
            raise file.fail((*where, "sides"), "a divergence needs at least two sides")
        for j, side in enumerate(side_items):
            side_where: Path_ = (*where, "sides", j)
            side_row = file.mapping(side, side_where, required=("says", "sources"))
            says = file.labels(side_row["says"], (*side_where, "says"))
            ids = []
            for k, sid in enumerate(file.listing(side_row["sources"], (*side_where, "sources"))):
                text = file.text(sid, (*side_where, "sources", k))
                if text not in source_ids:
                    raise file.fail(
                        (*side_where, "sources", k),
                        f"unknown source {text!r}{suggest(text, source_ids)}",
                    )
                ids.append(text)
            sides.append((says, ids))
        result.append(
            Divergence(
                div_id,
                file.labels(row["label"], (*where, "label")),
                concerns,
                sides,
                file.origin(where),
            )
        )
    return result


__all__ = ["read_divergences"]
