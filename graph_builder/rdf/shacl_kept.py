"""The compiled SHACL checks a build keeps for an incremental one, as plain data.

An incremental build checks the nodes its change touched: the shapes compiled
(:func:`~.shacl_compile.compile_shapes`) with those nodes as the focus. Parsing and
compiling the shapes needs rdflib, whose import alone cost an incremental build about a
quarter of its CPU (docs/performance.md). So a build keeps its checks compiled once for a
stand-in focus: one placeholder node per class (and the shapes' target nodes). Each
check's focus list is then a text the next build replaces with its own nodes (those of the
classes the placeholders stand for), which gives the queries the compiler would have
written for them (tests/test_shacl_kept.py compares the two).

What is kept is only the queries: when any of them finds a violation the build compiles
and runs the shapes again the usual way, for the report. The kept checks are for one
shapes file (its hash) and one class hierarchy; for others, or when anything in them is
not as written here, they are not used.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from graph_builder.errors import KeptStateUnreadable
from graph_builder.rdf.store import GraphStore

if TYPE_CHECKING:
    from rdflib import Graph

VERSION = 1
_SCOPE_BATCH = 8
"""Focus nodes per query of a scoped SPARQL constraint (:data:`.shacl_compile.SCOPE_BATCH`,
checked against it when the checks are made)."""
_STAND_IN = "A:graph-builder-stand-in-"
"""Placeholder focus nodes: they sort before the shapes' target nodes (lower-case schemes),
so a scoped constraint's first batch holds only them."""
_FOCUS = "<urn:x-graph-builder:focus>"
"""Where a kept query takes its focus nodes."""
_PICKED = re.compile(r"VALUES \?this \{ ((?:<[^<>\s]*> )+)\}")
_SPARQL = "SPARQLConstraintComponent"

Below = Mapping[str, set[str]]


def keep_checks(shapes: Graph, below: Below, shapes_hash: str) -> str:
    """The checks of *shapes* for the class hierarchy *below*, as JSON text."""
    from rdflib.namespace import SH

    from graph_builder.rdf.shacl_compile import SCOPE_BATCH, compile_shapes

    assert SCOPE_BATCH == _SCOPE_BATCH
    classes = sorted(
        {c for sub in below.values() for c in sub}
        | set(below)
        | {str(c) for c in shapes.objects(None, SH.targetClass)}
    )
    stand_in = {f"{_STAND_IN}{i:06d}": c for i, c in enumerate(classes)}
    focus = {n: {c} for n, c in stand_in.items()}
    # At least a batch of placeholders (those past the classes stand for none).
    focus.update((f"{_STAND_IN}{i:06d}", set()) for i in range(len(classes), _SCOPE_BATCH))
    focus.update((str(n), set()) for n in shapes.objects(None, SH.targetNode))
    first = "{ " + " ".join(f"<{n}>" for n in sorted(focus)[:_SCOPE_BATCH]) + " }"
    batches = -(-len(focus) // _SCOPE_BATCH)
    kept: list[dict[str, Any]] = []
    later = 0
    for check in compile_shapes(shapes, subclasses=dict(below), focus_types=focus):
        if check.component == _SPARQL:
            if later:  # a scoped constraint's later batch: made again from the first
                later -= 1
            elif first in check.query:  # a scoped constraint's first batch
                query = check.query.replace(first, "{ " + _FOCUS + " }")
                kept.append({"query": query, "scoped": True})
                later = batches - 1
            else:
                kept.append({"query": check.query})
            continue
        (picked,) = _PICKED.findall(check.query)
        nodes = [n[1:-1] for n in picked.split()]
        kept.append(
            {
                "query": check.query.replace(f"VALUES ?this {{ {picked}}}", _FOCUS),
                "classes": sorted(stand_in[n] for n in nodes if n in stand_in),
                "nodes": sorted(n for n in nodes if n not in stand_in),
            }
        )
    below_rows = {c: sorted(subs) for c, subs in sorted(below.items())}
    data = {"version": VERSION, "shapes": shapes_hash, "below": below_rows, "checks": kept}
    return json.dumps(data, sort_keys=True)


def kept_queries(
    text: str, shapes_hash: str, below: Below, focus_types: Mapping[str, set[str]]
) -> list[str] | None:
    """The queries of the checks kept in *text* (:func:`keep_checks`) for *focus_types*; None
    when they were kept for other shapes or another hierarchy, or are not as written."""
    try:
        data = json.loads(text)
        if data["version"] != VERSION or data["shapes"] != shapes_hash:
            return None
        if {c: set(subs) for c, subs in data["below"].items()} != dict(below):
            return None
        return [q for check in data["checks"] for q in _queries(check, focus_types)]
    except (KeptStateUnreadable, ValueError, KeyError, TypeError, AttributeError):
        return None


def _queries(check: dict[str, Any], focus_types: Mapping[str, set[str]]) -> list[str]:
    query = check["query"]
    if not isinstance(query, str) or set(check) - {"query", "scoped", "classes", "nodes"}:
        raise KeptStateUnreadable("not a kept check")
    if "classes" in check:
        wanted, nodes = _names(check["classes"]), _names(check["nodes"])
        picked = sorted(n for n, types in focus_types.items() if n in nodes or types & wanted)
        if _FOCUS not in query:
            raise KeptStateUnreadable("a kept check without its focus")
        if not picked:
            return []
        values = " ".join(f"<{n}>" for n in picked)
        return [query.replace(_FOCUS, f"VALUES ?this {{ {values} }}")]
    if check.get("scoped", False) is not False:
        if check["scoped"] is not True:
            raise KeptStateUnreadable("not a kept check")
        focus = sorted(focus_types)
        if _FOCUS not in query:
            raise KeptStateUnreadable("a kept check without its focus")
        return [
            query.replace(_FOCUS, " ".join(f"<{n}>" for n in batch))
            for batch in (focus[i : i + _SCOPE_BATCH] for i in range(0, len(focus), _SCOPE_BATCH))
        ]
    return [query]


def _names(value: Any) -> set[str]:
    if not (isinstance(value, list) and all(isinstance(name, str) for name in value)):
        raise KeptStateUnreadable("not a list of IRIs")
    return set(value)


def any_violation(store: GraphStore, queries: list[str]) -> bool:
    """Whether any of *queries* (the kept checks) finds a row in *store*."""
    return any(next(iter(store.select(query)), None) is not None for query in queries)
