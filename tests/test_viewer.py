"""The viewer page: self-contained, data only as escaped JSON, CSP, focus and errors."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from graph_builder.errors import QueryError
from graph_builder.namespaces import ID, SECTOR
from graph_builder.network.project import entity_network
from graph_builder.records import LANGUAGES
from graph_builder.sparql.named import get_named_query, run_query
from graph_builder.sparql.results import result_rows
from graph_builder.viewer.layout import force_layout
from graph_builder.viewer.payload import SCHEMES, viewer_payload
from graph_builder.viewer.render import render_viewer
from graph_builder.viewer.style import AGREEMENT_STYLE
from tests.test_network import (
    TINY_EDGES,
    TINY_VERTICES,
    XSS_LABEL,
    XSS_LABEL_ID,
    divergence_sides_sparql,
    tiny_dataset,
)


@pytest.fixture(scope="module")
def page() -> str:
    """The page with the (trusted, hash-pinned) vis-network library cut out."""
    from graph_builder.viewer.html import vis_asset

    html = render_viewer(tiny_dataset())
    vis = vis_asset("vis-network.min.js")
    assert vis in html
    return html.replace(vis, "")


def _data(html: str) -> dict:
    match = re.search(
        r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.DOTALL
    )
    assert match
    return json.loads(match.group(1))


def test_page_is_self_contained(page: str) -> None:
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page
    assert "@@" not in page


def test_csp_forbids_everything_but_own_inline_code(page: str) -> None:
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp
    policy = csp.group(1)
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert policy.count("'sha256-") == 5  # four scripts, one style


def test_data_text_never_appears_as_markup(page: str) -> None:
    assert XSS_LABEL not in page and XSS_LABEL_ID not in page
    assert "<img" not in page and page.count("<script") == 6  # 2 of data, 4 of code
    data = _data(page)
    labels = {n["en"] for n in data["nodes"]} | {n["id"] for n in data["nodes"]}
    assert {XSS_LABEL, XSS_LABEL_ID} <= labels  # escaped in the page, intact as data


def test_vertex_ids_are_generated(page: str) -> None:
    data = _data(page)
    assert len(data["nodes"]) == TINY_VERTICES and len(data["edges"]) == TINY_EDGES
    ends = {e["f"] for e in data["edges"]} | {e["t"] for e in data["edges"]}
    assert ends <= set(range(TINY_VERTICES))


def test_agreement_rows_and_sources(page: str) -> None:
    data = _data(page)
    assert [data["nodes"][i]["iri"] for i in data["rows"]] == [str(ID.mou)]
    assert set(data["sources"]) == {"S1", "S2"}


def test_divergences_point_at_vertices(page: str) -> None:
    data = _data(page)
    (divergence,) = data["divergences"]
    assert [data["nodes"][i]["iri"] for i in divergence["on"]] == [str(ID.mou), str(ID.xss)]
    assert [(s["en"], s["src"]) for s in divergence["sides"]] == [
        (XSS_LABEL, ["S1", "S2"]),
        ("Another spelling", ["S1"]),
    ]


def test_default_dataset_divergences(dataset) -> None:
    data = _data(render_viewer(dataset))
    iris = [n["iri"] for n in data["nodes"]]
    found = {(d["iri"], s["en"], tuple(s["src"])) for d in data["divergences"] for s in d["sides"]}
    assert found == divergence_sides_sparql(dataset)
    concerned = {
        (d.value, v.value)
        for d, v in dataset.query("SELECT ?d ?v WHERE { ?d a agr:Divergence ; agr:concerns ?v }")
    }
    assert {(d["iri"], iris[i]) for d in data["divergences"] for i in d["on"]} == concerned
    (miit,) = [d for d in data["divergences"] if d["iri"].endswith("spelling-of-the-miit-minister")]
    assert [iris[i] for i in miit["on"]] == [str(ID["person/jin-zhuanglong"])]
    assert [(s["en"], s["src"]) for s in miit["sides"]] == [
        ("Jin Zhuanglong", ["S2", "S3"]),
        ("Jin Zhualong", ["S4"]),
    ]


def test_focus_and_language() -> None:
    page = render_viewer(tiny_dataset(), lang="id", focus="id:korea", depth=2)
    data = _data(page)
    assert data["lang"] == "id" and '<html lang="id">' in page
    assert data["nodes"][data["focus"]["node"]]["iri"] == str(ID.korea)
    assert data["focus"]["depth"] == 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"focus": "id:nowhere"}, "no vertex with this IRI"),
        ({"lang": "fr"}, "choose one of en, id"),
        ({"depth": -1}, "must be 0 or more"),
    ],
)
def test_bad_arguments(kwargs: dict, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        render_viewer(tiny_dataset(), **kwargs)


def test_overview_positions_and_badges() -> None:
    network = entity_network(tiny_dataset())
    for threshold in (3, 400):  # the force layout and networkx's spring layout
        payload = viewer_payload(network, layout_threshold=threshold)
        concepts = {n["iri"] for n in payload["nodes"] if n.get("c")}
        assert concepts == {str(SECTOR.shipbuilding), str(SECTOR.manufacturing)}
        assert all(("x" in n) == (n["iri"] not in concepts) for n in payload["nodes"])
        (badge,) = payload["badges"]  # the MoU covers one sector
        assert payload["nodes"][badge["a"]]["iri"] == str(ID.mou)
        assert [payload["nodes"][m]["iri"] for m in badge["m"]] == [str(SECTOR.shipbuilding)]
        assert "x" in badge and "y" in badge and payload["schemes"][badge["s"]]["key"] == "sectors"


def _sparql_cells(dataset, query: str, concept_var: str) -> set[tuple[str, str, str]]:
    rows = result_rows(run_query(dataset, get_named_query(query).text))
    return {(r["agreementLabel"].value, r[concept_var].value, r["sources"].value) for r in rows}


MATRIX_QUERIES = {
    "sectors": ("sectors", "sectorLabel"),
    "activities": ("activities", "activityLabel"),
    "objectives": ("objectives", "objectiveLabel"),
    "institutionTypes": ("institution-types", "institutionLabel"),
}


@pytest.mark.parametrize("key", [key for key, _ in SCHEMES])
def test_matrix_cells_are_the_named_query_answers(dataset, key: str) -> None:
    data = viewer_payload(entity_network(dataset))
    (scheme,) = [s for s in data["schemes"] if s["key"] == key]
    cells = {
        (
            data["nodes"][data["rows"][r]]["en"],
            data["nodes"][scheme["cols"][c]]["en"],
            ", ".join(s for s in data["edges"][j]["src"] if s in data["sources"]),
        )
        for r, c, j in scheme["cells"]
    }
    assert cells and cells == _sparql_cells(dataset, *MATRIX_QUERIES[key])


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_text_on_fills_meets_wcag_aa() -> None:
    from graph_builder.viewer.html import asset

    shapes = {shape for _, shape in AGREEMENT_STYLE.values()}
    assert len(shapes) == len(AGREEMENT_STYLE)  # each agreement kind its own shape
    assert len({color for color, _ in AGREEMENT_STYLE.values()}) == len(AGREEMENT_STYLE)
    for color, _ in AGREEMENT_STYLE.values():
        assert _contrast(color, "#ffffff") >= 4.5
    css = asset("viewer.css")
    levels = re.findall(r"\.lvl-\d \{ background: (#\w{6}); color: (#\w{6}); \}", css)
    assert len(levels) == 4
    for background, text in levels:
        assert _contrast(background, text) >= 4.5
    script = asset("viewer.js")
    (badges,) = re.findall(r"BADGE_STYLE = \[.*?\n(.*?)\];", script, re.DOTALL)
    fills = re.findall(r'\["(#\w{6})"', badges)
    assert len(fills) == len(SCHEMES)
    for fill in fills:
        assert _contrast(fill, "#1a1a1a") >= 4.5


def test_force_layout_separates_vertices() -> None:
    import networkx as nx

    positions = force_layout(nx.path_graph(300))
    assert len(positions) == 300
    assert len({(round(x), round(y)) for x, y in positions.values()}) > 250


def test_the_timeline_data_say_when_and_why(dataset) -> None:
    data = _data(render_viewer(dataset))
    by_iri = {data["nodes"][r["a"]]["iri"]: r for r in data["timeline"]}
    assert set(by_iri) == {data["nodes"][i]["iri"] for i in data["rows"]}
    mou = by_iri[str(ID["agreement/mou-industrial-cooperation-indonesia-china-2023"])]
    assert mou["signed"] == [["2023-09-08", ["S2", "S3", "S4"]]]
    assert mou["ends"] == [["2028-09-08", ["S2", "S3", "S4"]]] and mou["why"] == ""
    korea = by_iri[str(ID["agreement/agreement-industrial-cooperation-indonesia-korea-2023"])]
    assert (korea["ends"], korea["why"]) == ([], "noTerm")
    assert {data["nodes"][i]["iri"] for i in mou["parties"]} == {
        str(ID["country/ID"]),
        str(ID["country/CN"]),
    }


@pytest.mark.parametrize(
    ("signed", "years", "ends"),
    [
        ("2023-09-08", 5, "2028-09-08"),
        ("2024-02-29", 1, "2025-02-28"),
        ("2024-02-29", 4, "2028-02-29"),
    ],
)
def test_end_of_term_adds_years_as_xpath_does(signed, years, ends) -> None:
    from graph_builder.viewer.timeline import end_of_term

    assert end_of_term(signed, years) == ends


def _evidence_rows(data: dict) -> int:
    return sum(len(e["ev"]) for e in data["edges"]) + sum(
        len(d[4]) for n in data["nodes"] for d in n["det"]
    )


@pytest.mark.parametrize(
    ("kwargs", "carried"),
    [
        ({}, True),  # the tiny dataset has fewer sources than EVIDENCE_LIMIT
        ({"evidence": False}, False),
        ({"evidence": False, "focus": "id:korea", "depth": 2}, False),  # said: kept
        ({"focus": "id:korea", "depth": 2}, True),  # the MoU's evidence is 2 edges away
    ],
)
def test_the_page_carries_the_evidence_when_asked(kwargs: dict, carried: bool) -> None:
    data = _data(render_viewer(tiny_dataset(), **kwargs))
    assert data["evidence"] is carried
    assert bool(_evidence_rows(data)) is carried


def test_above_the_limit_the_page_leaves_the_evidence_out(monkeypatch) -> None:
    from graph_builder.network import fetch

    monkeypatch.setattr(fetch, "EVIDENCE_LIMIT", 1)  # the tiny dataset has two sources
    without = _data(render_viewer(tiny_dataset()))
    assert without["evidence"] is False and _evidence_rows(without) == 0
    full = _data(render_viewer(tiny_dataset(), evidence=True))
    for key in ("rows", "schemes", "badges", "timeline", "sources"):
        assert without[key] == full[key], key
    assert [(e["f"], e["t"], e["p"], e["src"]) for e in without["edges"]] == [
        (e["f"], e["t"], e["p"], e["src"]) for e in full["edges"]
    ]


def test_the_page_has_every_word_in_every_language() -> None:
    """viewer-text.json: each language names the same words (a missing one shows as
    undefined on the page)."""
    text = json.loads(
        (resources.files("graph_builder.viewer") / "templates" / "viewer-text.json").read_text(
            encoding="utf-8"
        )
    )
    assert set(text) == set(LANGUAGES)
    assert all(set(words) == set(text["en"]) for words in text.values())
