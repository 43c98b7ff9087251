"""The walkthrough notebook: committed with its outputs, and executing it again gives outputs
of the same structure (the same cells, output kinds and media types), without warnings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "walkthrough.ipynb"


def _structure(nb: Any) -> list[list[tuple[str, str]]]:
    """Per code cell, its outputs as (kind, stream name or media types)."""
    return [
        [
            (o.output_type, o.get("name") or ",".join(sorted(o.get("data", {}))))
            for o in cell.outputs
        ]
        for cell in nb.cells
        if cell.cell_type == "code"
    ]


def test_the_committed_notebook_shows_its_outputs() -> None:
    # The file is nbformat 4 JSON; reading it as JSON spares importing nbformat (~1.5 s of CPU).
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4
    code = [cell for cell in nb["cells"] if cell["cell_type"] == "code"]
    outputs = [o for cell in code for o in cell["outputs"]]
    assert all(cell["outputs"] for cell in code)
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the centrality chart
    assert any("<iframe" in "".join(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert not [
        o for o in outputs if o["output_type"] in ("error", "stream") and o.get("name") == "stderr"
    ]


@pytest.mark.slow
def test_executing_the_notebook_gives_outputs_like_the_committed_ones(tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("graph_builder.dataset")
    committed = nbformat.read(NOTEBOOK, as_version=4)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # raises CellExecutionError on any failing cell
    assert _structure(nb) == _structure(committed)
    streams = [o for cell in nb.cells for o in cell.get("outputs", []) if o.output_type == "stream"]
    assert not [o.text for o in streams if o.name == "stderr"]  # no warnings
    assert (tmp_path / "viewer.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
