"""The compiled SHACL checks a build keeps: the same queries as compiling the shapes for the
nodes an incremental build touched, used only when kept for the same shapes and hierarchy,
and an incremental build that checks with them without importing rdflib."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph_builder.build import run_build
from graph_builder.building.folder import CHECKS
from graph_builder.ontology import load_shapes
from graph_builder.rdf.shacl import class_hierarchy, types_of
from graph_builder.rdf.shacl_compile import compile_shapes
from graph_builder.rdf.shacl_kept import keep_checks, kept_queries
from graph_builder.rdf.store import GraphStore

_TYPED = "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s a ?t } FILTER(isIRI(?s)) } ORDER BY ?s"


@pytest.fixture(scope="module")
def kept(bundled_build: Path) -> tuple[GraphStore, str, dict[str, set[str]], list[str]]:
    store = GraphStore.open(bundled_build / "store", read_only=True)
    below = class_hierarchy(store)
    nodes = [row["s"].value for row in store.select(_TYPED)]
    return store, keep_checks(load_shapes(), below, "hash"), below, nodes


@pytest.mark.parametrize("pick", [0, 1, 3, 8, 9, 17, None])
def test_kept_checks_are_the_queries_the_compiler_writes_for_the_focus(kept, pick):
    """For any touched nodes (none, one, a batch and more of a scoped constraint, all):
    the kept checks give the compiler's queries, in its order."""
    store, text, below, nodes = kept
    chosen = nodes if pick is None else nodes[:: max(1, len(nodes) // max(pick, 1))][:pick]
    focus = types_of(store, chosen)
    compiled = compile_shapes(load_shapes(), subclasses=below, focus_types=focus)
    assert kept_queries(text, "hash", below, focus) == [check.query for check in compiled]
    if pick:
        assert compiled  # the case checks something


def _spoiled(text: str, how: str) -> str:
    data = json.loads(text)
    if how == "version":
        data["version"] = 0
    elif how == "extra key":
        data["checks"][0]["other"] = 1
    elif how == "no focus":
        picked = next(c for c in data["checks"] if "classes" in c)
        picked["query"] = "SELECT ?this WHERE { ?this a ?t }"
    elif how == "not a list":
        data["checks"] = {"query": "x"}
    elif how == "classes not a list":
        next(c for c in data["checks"] if "classes" in c)["classes"] = "https://x"
    elif how == "scoped not true":
        next(c for c in data["checks"] if "scoped" in c)["scoped"] = 1
    else:
        return how
    return json.dumps(data)


@pytest.mark.parametrize(
    "how",
    [
        "version",
        "extra key",
        "no focus",
        "not a list",
        "classes not a list",
        "scoped not true",
        "",
        "{",
        '{"version": 1}',
    ],
)
def test_damaged_kept_checks_are_not_used(kept, how):
    store, text, below, nodes = kept
    focus = types_of(store, nodes[:5])
    assert kept_queries(_spoiled(text, how), "hash", below, focus) is None


def test_checks_kept_for_other_shapes_or_another_hierarchy_are_not_used(kept):
    store, text, below, nodes = kept
    focus = types_of(store, nodes[:5])
    assert kept_queries(text, "other", below, focus) is None
    other = {**below, "https://example.org/New": {"https://example.org/New"}}
    assert kept_queries(text, "hash", other, focus) is None


_INCREMENTAL = """
import sys
from pathlib import Path
from graph_builder.build import run_build
summary = run_build(Path(sys.argv[1]), Path(sys.argv[2]), viewer=False, exports=())
print(summary.how)
print("rdflib" in sys.modules)
"""


def test_an_incremental_build_checks_with_the_kept_checks_without_rdflib(built_copy, tmp_path):
    """The changed source checked with the previous build's kept checks: the build does not
    import rdflib, and its store is a full build's."""
    from .test_build import _change_s1, _quads

    data_copy, out, full = built_copy, tmp_path / "out", tmp_path / "full"
    assert (out / CHECKS).is_file()
    _change_s1(data_copy)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    done = subprocess.run(
        [sys.executable, "-c", _INCREMENTAL, str(data_copy), str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert done.stdout.splitlines() == ["incremental: 1 source file(s) loaded again", "False"]
    run_build(data_copy, full, viewer=False, exports=())
    assert _quads(out / "store") == _quads(full / "store")


def test_damaged_kept_checks_are_made_again(built_copy, tmp_path):
    """An incremental build that cannot read the kept checks checks the shapes as a full
    build does, and keeps them again."""
    from .test_build import _change_s1

    data_copy, out = built_copy, tmp_path / "out"
    kept = (out / CHECKS).read_text(encoding="utf-8")
    (out / CHECKS).write_text(kept[: len(kept) // 2], encoding="utf-8")
    _change_s1(data_copy)
    again = run_build(data_copy, out, viewer=False, exports=())
    assert again.how.startswith("incremental")
    assert json.loads((out / CHECKS).read_text(encoding="utf-8"))["checks"]
