"""The viewer's overview of a large store: what it draws agrees with the whole network."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

import pytest

from graph_builder.errors import QueryError
from graph_builder.network.project import entity_network
from graph_builder.viewer import overview
from graph_builder.viewer.html import vis_asset
from graph_builder.viewer.payload import SCHEMES, viewer_payload
from graph_builder.viewer.render import render_viewer
from tests.test_network import XSS_LABEL, XSS_LABEL_ID, tiny_dataset

HAS_PARTY = "https://w3id.org/agreement-graph/ontology#hasParty"


@pytest.fixture(scope="module")
def pages(dataset: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The whole network's page data and the overview's, of the bundled data."""
    whole = viewer_payload(entity_network(dataset, evidence=False))
    drawn = overview.overview_payload(dataset, limit=0)
    assert drawn is not None
    return whole, drawn


def _iri(data: dict[str, Any], i: int) -> str:
    return data["nodes"][i]["iri"]


def _agreements(data: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    return [
        (_iri(data, a), data["nodes"][a]["en"], data["nodes"][a]["id"], _group(data, a))
        for a in data["rows"]
    ]


def _group(data: dict[str, Any], i: int) -> str:
    return data["groups"][data["nodes"][i]["g"]]["name"]


def _edges(data: dict[str, Any], predicate: str) -> set[tuple[str, str, tuple[str, ...]]]:
    p = [q["iri"] for q in data["predicates"]].index(predicate)
    return {
        (_iri(data, e["f"]), _iri(data, e["t"]), tuple(e["src"]))
        for e in data["edges"]
        if e["p"] == p
    }


def _badges(data: dict[str, Any]) -> dict[tuple[str, str], int]:
    return {(_iri(data, b["a"]), SCHEMES[b["s"]][0]): len(b["m"]) for b in data["badges"]}


def _cells(data: dict[str, Any], rows: list[int]) -> set[tuple[str, str, str, tuple[str, ...]]]:
    found = set()
    for scheme in data["schemes"]:
        for r, c, j in scheme["cells"]:
            if r < len(rows):
                found.add(
                    (
                        scheme["key"],
                        _iri(data, rows[r]),
                        _iri(data, scheme["cols"][c]),
                        tuple(data["edges"][j]["src"]),
                    )
                )
    return found


def _timeline(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            **row,
            "a": _iri(data, row["a"]),
            "parties": sorted(_iri(data, i) for i in row["parties"]),
            "sectors": sorted(_iri(data, i) for i in row["sectors"]),
        }
        for row in data["timeline"]
    ]


def test_the_overview_draws_the_agreements_and_their_parties(pages: Any) -> None:
    whole, drawn = pages
    assert _agreements(drawn) == _agreements(whole)
    assert _edges(drawn, HAS_PARTY) == _edges(whole, HAS_PARTY)
    drawn_vertices = {n["iri"] for n in drawn["nodes"] if "c" not in n}
    parties = {t for _, t, _ in _edges(whole, HAS_PARTY)}
    assert drawn_vertices == {a for a, *_ in _agreements(whole)} | parties


def test_the_overview_counts_what_the_badges_of_the_whole_network_hold(
    dataset: Any, monkeypatch: pytest.MonkeyPatch, pages: Any
) -> None:
    whole, _ = pages
    monkeypatch.setattr(overview, "MATRIX_PAGE", 3)
    drawn = overview.overview_payload(dataset, limit=0)
    assert drawn is not None
    said = {
        (_iri(drawn, row[0]), SCHEMES[s][0]): n
        for row in drawn["counts"]
        for s, n in enumerate(row[1:])
        if n
    }
    said.update(_badges(drawn))
    assert said == _badges(whole)
    assert {_iri(drawn, b["a"]) for b in drawn["badges"]} <= {
        _iri(drawn, a) for a in drawn["matrixRows"]
    }
    assert not {row[0] for row in drawn["counts"]} & set(drawn["matrixRows"])


def test_the_overview_matrix_is_the_first_page_of_the_whole_matrix(
    pages: Any, monkeypatch: pytest.MonkeyPatch, dataset: Any
) -> None:
    whole, drawn = pages
    assert drawn["matrixRows"] == drawn["rows"][: overview.MATRIX_PAGE]
    assert _cells(drawn, drawn["matrixRows"]) == _cells(whole, whole["rows"])
    monkeypatch.setattr(overview, "MATRIX_PAGE", 3)
    paged = overview.overview_payload(dataset, limit=0)
    assert paged is not None and len(paged["matrixRows"]) == 3
    assert paged["overview"] == {"agreements": len(whole["rows"]), "page": 3}
    assert _cells(paged, paged["matrixRows"]) == _cells(whole, whole["rows"][:3])
    assert len(paged["badges"]) < len(drawn["badges"])


def test_the_overview_timeline_is_the_whole_networks(pages: Any) -> None:
    whole, drawn = pages
    assert _timeline(drawn) == _timeline(whole)


def test_the_overview_keeps_the_divergences_and_the_sources_the_matrix_names(
    pages: Any,
) -> None:
    whole, drawn = pages
    assert [d["iri"] for d in drawn["divergences"]] == [d["iri"] for d in whole["divergences"]]
    named = {s for *_, sources in _cells(drawn, drawn["matrixRows"]) for s in sources}
    for source in named & set(whole["sources"]):
        assert drawn["sources"][source] == whole["sources"][source]


def test_the_overview_says_it_carries_no_evidence(pages: Any) -> None:
    _, drawn = pages
    assert drawn["evidence"] is False
    assert all(not e["ev"] for e in drawn["edges"])


@pytest.mark.parametrize(
    ("limit", "full", "focus", "drawn"),
    [
        (1, None, None, "overview"),
        (1, True, None, "whole"),
        (1, None, "id:country/ID", "whole"),
        (10_000, None, None, "whole"),
        (10_000, False, None, "overview"),
    ],
)
def test_render_viewer_draws_the_overview_above_the_limit_unless_told(
    dataset: Any,
    monkeypatch: pytest.MonkeyPatch,
    limit: int,
    full: bool | None,
    focus: str | None,
    drawn: str,
) -> None:
    monkeypatch.setattr(overview, "OVERVIEW_LIMIT", limit)
    data = _data(render_viewer(dataset, full=full, focus=focus))
    assert ("overview" in data) == (drawn == "overview")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"focus": "id:country/ID"},
            "focus: a focused page draws a neighbourhood, not the overview",
        ),
        ({"evidence": True}, "evidence: the overview carries no evidence"),
    ],
)
def test_an_overview_cannot_be_focused_or_carry_evidence(
    dataset: Any, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(QueryError, match=message):
        render_viewer(dataset, full=False, **options)


def test_the_overview_renders_data_text_as_data() -> None:
    vis = vis_asset("vis-network.min.js")  # trusted and hash-pinned: cut out
    page = render_viewer(tiny_dataset(), full=False).replace(vis, "")
    assert XSS_LABEL not in page and XSS_LABEL_ID not in page
    assert "<img" not in page and page.count("<script") == 6  # 2 of data, 4 of code
    said = {side["en"] for d in _data(page)["divergences"] for side in d["sides"]}
    assert XSS_LABEL in said  # a divergence's side: escaped in the page, intact as data


def test_cli_view_overview(cli: Any, tmp_path: Any) -> None:
    out = tmp_path / "v.html"
    result = cli("view", "-o", out, "--overview")
    assert result.exit_code == 0, result.stderr
    assert _data(out.read_text(encoding="utf-8"))["overview"]["page"] > 0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--focus", "id:country/ID"],
            "--focus draws a neighbourhood, not the overview: leave out --overview",
        ),
        (["--evidence"], "--evidence puts the evidence in the whole network: leave out --overview"),
    ],
)
def test_cli_view_overview_refuses(
    cli: Any, tmp_path: Any, options: list[str], message: str
) -> None:
    refused = cli("view", "-o", tmp_path / "f.html", "--overview", *options)
    assert refused.exit_code == 2
    assert message in refused.stderr
    assert not (tmp_path / "f.html").exists()


def _data(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_vertex_sources_of_the_overview_are_among_the_whole_networks(pages: Any) -> None:
    whole, drawn = pages
    sources: dict[str, set[str]] = defaultdict(set)
    for n in whole["nodes"]:
        sources[n["iri"]] = set(n["src"])
    for n in drawn["nodes"]:
        if "c" not in n:
            assert set(n["src"]) <= sources[n["iri"]], n["iri"]
