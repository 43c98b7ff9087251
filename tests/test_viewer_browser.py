"""The viewer in headless Chromium, opened from file:// with no network.

Each page must draw the expected vertices and edges, log no console errors, request
nothing but itself, react to search, filters and the language switch, and show script
payloads from the data as text without running them. On the bundled data the overview
must be legible at 1400×900 (labels >= 12 px, no overlapping label boxes, edge labels
only on hover) and the matrix must say what the named SPARQL queries say.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph_builder.namespaces import ID
from graph_builder.sparql.named import get_named_query, run_query
from graph_builder.sparql.results import result_rows
from graph_builder.viewer.render import render_viewer
from tests.conftest import REPO
from tests.test_network import (
    TINY_EDGES,
    TINY_VERTICES,
    XSS_LABEL,
    XSS_LABEL_ID,
    tiny_dataset,
)

pytestmark = pytest.mark.browser


class Opened:
    """A viewer page open in Chromium, with what it logged and requested."""

    def __init__(self, browser: Any, html: str, path: Path) -> None:
        path.write_text(html, encoding="utf-8")
        self.url = path.as_uri()
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on(
            "console",
            lambda m: m.type in ("error", "warning") and self.errors.append(f"{m.type}: {m.text}"),
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(self.url)
        # a CSS selector, not a JS predicate: the page's CSP forbids Playwright's eval
        self.page.wait_for_selector("body[data-stable=true]", state="attached", timeout=30_000)

    def counts(self) -> tuple[int, int]:
        c = self.page.evaluate("window.agreementViewer.counts()")
        return c["nodes"], c["edges"]

    def wait_for_counts(self, nodes: int, edges: int) -> None:
        self.page.wait_for_selector(
            f'#status[data-nodes="{nodes}"][data-edges="{edges}"]', state="attached", timeout=5_000
        )
        assert self.counts() == (nodes, edges)

    def show_all_concepts(self) -> None:
        self.page.check("#all-concepts")

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.requests == [self.url]
        assert self.dialogs == []


@pytest.fixture
def tiny(browser: Any, tmp_path: Path) -> Iterator[Opened]:
    opened = Opened(browser, render_viewer(tiny_dataset()), tmp_path / "viewer.html")
    yield opened
    opened.page.screenshot(path=str(tmp_path / "viewer.png"))
    assert (tmp_path / "viewer.png").stat().st_size > 0
    opened.assert_clean()
    opened.page.close()


# the tiny network's overview: five entities and the MoU's "1 sector" badge; its edges
# without coversSector and skos:broader, plus the badge's own edge
TINY_OVERVIEW = (TINY_VERTICES - 2 + 1, TINY_EDGES - 2 + 1)


def test_overview_then_every_vertex_and_edge(tiny: Opened) -> None:
    assert tiny.counts() == TINY_OVERVIEW
    tiny.show_all_concepts()
    tiny.wait_for_counts(TINY_VERTICES, TINY_EDGES)
    tiny.assert_clean()


def test_script_payloads_show_as_text(tiny: Opened) -> None:
    select_iri(tiny, str(ID.xss))
    assert tiny.page.text_content("#details-body h3") == XSS_LABEL
    assert tiny.page.text_content("#details-body .divergence li") == XSS_LABEL + " S1S2"
    tiny.page.select_option("#lang", "id")
    assert tiny.page.text_content("#details-body h3") == XSS_LABEL_ID
    assert tiny.page.evaluate("document.querySelectorAll('img').length") == 0
    assert tiny.page.evaluate("typeof window.__xss") == "undefined"
    assert tiny.dialogs == []


def _matches(opened: Opened) -> list[int]:
    return opened.page.evaluate("window.agreementViewer.matches()")


def test_search_finds_without_hiding_and_enter_cycles(tiny: Opened) -> None:
    tiny.page.fill("#search", "korea")  # "Republic of Korea", "Indonesia–Korea MoU"
    tiny.page.wait_for_selector('#status:text-matches("2 match")', state="attached", timeout=5_000)
    assert tiny.counts() == TINY_OVERVIEW  # nothing was hidden
    found = _matches(tiny)
    assert len(found) == 2
    seen = []
    for _ in range(3):  # Enter shows each match in turn, then the first again
        tiny.page.press("#search", "Enter")
        seen.append(tiny.page.evaluate("window.agreementViewer.selected()"))
        assert tiny.page.evaluate(f"window.agreementViewer.inView({seen[-1]})")
    assert seen[0] != seen[1] and seen[2] == seen[0] and set(seen) == set(found)
    assert tiny.page.text_content("#details-body h3") in (
        "Republic of Korea",
        "Indonesia–Korea MoU",
    )
    tiny.page.fill("#search", "shipbuilding")  # a search reaches into the folded concepts
    tiny.page.wait_for_selector('#status:text-matches("1 match")', state="attached", timeout=5_000)
    assert tiny.counts()[0] == TINY_OVERVIEW[0] + 1
    tiny.page.press("#search", "Enter")
    assert tiny.page.text_content("#details-body h3") == "shipbuilding"
    tiny.page.click("#focus")  # its neighbourhood, the search still in the box
    tiny.page.wait_for_selector('#status[data-nodes="3"]', state="attached", timeout=5_000)
    tiny.page.evaluate("window.agreementViewer.unselect()")  # a selected concept stays shown
    tiny.page.click("#show-all")
    tiny.wait_for_counts(*TINY_OVERVIEW)


def test_details_list_links_in_and_out(tiny: Opened) -> None:
    tiny.page.fill("#search", "shipbuilding")
    tiny.page.wait_for_selector('#status:text-matches("1 match")', state="attached", timeout=5_000)
    tiny.page.press("#search", "Enter")
    body = tiny.page.text_content("#details-body")
    assert "Links in (1)" in body and "Indonesia–Korea MoU → coversSector" in body
    assert "Links out (1)" in body and "broader → manufacturing" in body
    tiny.page.click('#details-body .links button:text("Indonesia–Korea MoU")')
    assert tiny.page.text_content("#details-body h3") == "Indonesia–Korea MoU"
    tiny.page.evaluate("window.agreementViewer.unselect()")
    tiny.page.click("#show-all")
    tiny.wait_for_counts(*TINY_OVERVIEW)


def test_class_source_and_agreement_filters(tiny: Opened) -> None:
    tiny.show_all_concepts()
    tiny.wait_for_counts(TINY_VERTICES, TINY_EDGES)
    tiny.page.uncheck('#legend-list input[data-group="Sector"]')
    tiny.wait_for_counts(TINY_VERTICES - 2, TINY_EDGES - 2)  # coversSector, broader gone
    tiny.page.check('#legend-list input[data-group="Sector"]')
    tiny.wait_for_counts(TINY_VERTICES, TINY_EDGES)
    tiny.page.select_option("#source", "S1")  # the MoU, its two parties, shipbuilding
    tiny.wait_for_counts(4, 3)
    tiny.page.select_option("#source", "")
    tiny.page.select_option("#agreement", "0")
    tiny.wait_for_counts(TINY_VERTICES, TINY_EDGES)  # everything hangs off the one MoU


def test_language_switch_changes_labels(tiny: Opened) -> None:
    labels = tiny.page.evaluate("window.agreementViewer.labels()")
    assert "Republic of Korea" in labels and "Republik Korea" not in labels
    assert "+ 1 sector" in labels
    tiny.page.select_option("#lang", "id")
    labels = tiny.page.evaluate("window.agreementViewer.labels()")
    assert "Republik Korea" in labels and "Republic of Korea" not in labels
    assert "+ 1 sektor" in labels
    assert tiny.page.text_content("h1") == "Graf perjanjian"


def test_focus_view(browser: Any, tmp_path: Path) -> None:
    opened = Opened(
        browser,
        render_viewer(tiny_dataset(), focus=str(ID.korea), depth=1),
        tmp_path / "focus.html",
    )
    # Korea and the MoU that names it; the MoU's concepts are two edges away, not in the
    # page, so it has no badge
    assert opened.counts() == (2, 1)
    opened.page.click("#show-all")  # the page holds the neighbourhood only: all of it
    opened.wait_for_counts(2, 1)
    opened.assert_clean()
    opened = Opened(
        browser,
        render_viewer(tiny_dataset(), focus=str(ID.korea), depth=2),
        tmp_path / "focus-2.html",
    )
    assert opened.counts()[0] > 2
    opened.assert_clean()


def select_iri(opened: Opened, iri: str) -> None:
    index = opened.page.evaluate(
        f"JSON.parse(document.getElementById('graph-data').textContent).nodes"
        f".findIndex(n => n.iri === '{iri}')"
    )
    assert index >= 0
    opened.page.evaluate(f"window.agreementViewer.select({index})")


# ---------------------------------------------------------------- the bundled data


@pytest.fixture(scope="module")
def bundled(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Opened]:
    """One page of the bundled data, shared: each test leaves it as it found it."""
    from graph_builder.dataset import load_dataset

    path = tmp_path_factory.mktemp("bundled") / "viewer.html"
    opened = Opened(browser, render_viewer(load_dataset()), path)
    yield opened
    opened.assert_clean()
    opened.page.close()


def _overview_expected(dataset: Any) -> tuple[int, int]:
    """Non-concept vertices and edges between them, plus one badge (and its edge) per
    agreement and concept scheme it refers to, all by SPARQL."""
    from tests.test_network import _sparql_edge_count, _sparql_vertices, _stated

    vertices = _sparql_vertices(dataset)
    stated = _stated(dataset)
    concepts = {
        row[0]
        for row in stated.query("SELECT ?c WHERE { ?c a skos:Concept }")
        if row[0] in vertices
    }
    concept_edges = {
        (s, p, o)
        for s, p, o in stated.query("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        if s in vertices and o in vertices and (s in concepts or o in concepts)
    }
    badges = {
        (a, p)
        for a, p in stated.query(
            """SELECT DISTINCT ?a ?p WHERE { GRAPH ?g { ?a ?p ?c } ?a a/rdfs:subClassOf* agr:Agreement
               VALUES ?p { agr:coversSector agr:includesActivity agr:pursuesObjective
                           agr:involvesInstitutionType } }"""
        )
    }
    return (
        len(vertices) - len(concepts) + len(badges),
        _sparql_edge_count(dataset) - len(concept_edges) + len(badges),
    )


@pytest.mark.slow
def test_overview_has_no_concepts_until_expanded(bundled: Opened, dataset: Any) -> None:
    overview = _overview_expected(dataset)
    assert bundled.counts() == overview
    shown = bundled.page.evaluate(
        "window.agreementViewer.shown().filter(i => i < window.agreementViewer.counts().total"
        ".nodes && window.agreementViewer.ui.data.nodes[i].c)"
    )
    assert shown == []
    badges = bundled.page.evaluate("window.agreementViewer.badges()")
    nodes = bundled.page.evaluate("window.agreementViewer.ui.data.nodes.map(n => n.iri)")
    mou = nodes.index(str(ID["agreement/mou-industrial-cooperation-indonesia-china-2023"]))
    (sectors,) = [b for b in badges if b["scheme"] == "sectors" and b["agreement"] == mou]
    assert sectors["size"] == 6
    _click_vertex(bundled, sectors["id"])  # a click on the badge unfolds its six sectors
    bundled.page.wait_for_selector(
        f'#status[data-nodes="{overview[0] + 6}"]', state="attached", timeout=5_000
    )
    # the six, each with at least its edge from this agreement
    assert bundled.counts()[1] >= overview[1] + 6
    _assert_legible(bundled, min_px=0)
    _click_vertex(bundled, sectors["id"])
    bundled.wait_for_counts(*overview)
    bundled.show_all_concepts()
    from tests.test_network import _sparql_edge_count, _sparql_vertices

    bundled.wait_for_counts(len(_sparql_vertices(dataset)), _sparql_edge_count(dataset))
    bundled.page.uncheck("#all-concepts")
    bundled.wait_for_counts(*overview)
    bundled.page.click("#fit")


def _click_vertex(opened: Opened, vertex: int) -> None:
    at = opened.page.evaluate(
        f"(() => {{ const n = window.agreementViewer.network;"
        f" return n.canvasToDOM(n.getPositions([{vertex}])[{vertex}]); }})()"
    )
    box = opened.page.locator("#network").bounding_box()
    opened.page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])


def _assert_legible(opened: Opened, *, min_px: float = 12) -> dict[str, float]:
    """Labels >= *min_px* on screen and no two vertices' boxes in view (shape and label,
    from vis-network) overlapping by more than 10% of the smaller one."""
    found = opened.page.evaluate(
        """(() => {
          // vis-network measures the boxes of the vertices it draws: those in view
          const a = window.agreementViewer, n = a.network;
          const ids = a.shown().filter(i => a.inView(i));
          const sizes = ids.map(i => n.body.nodes[i].options.font.size);
          const boxes = ids.map(i => n.getBoundingBox(i));
          let worst = 0;
          for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) {
            const p = boxes[i], q = boxes[j];
            const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
            const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
            const area = b => (b.right - b.left) * (b.bottom - b.top);
            if (w > 0 && h > 0) worst = Math.max(worst, w * h / Math.min(area(p), area(q)));
          }
          return { px: Math.min(...sizes) * n.getScale(), worst: worst, shown: ids.length };
        })()"""
    )
    assert found["px"] >= min_px
    assert found["worst"] <= 0.10
    return found


@pytest.mark.slow
def test_labels_legible_at_default_zoom(bundled: Opened, dataset: Any) -> None:
    """No two label boxes overlap; labels are at least 12 px unless the first view needs a
    smaller zoom to show every agreement, which then it does."""
    found = _assert_legible(bundled, min_px=0)
    assert 0 < found["shown"] <= _overview_expected(dataset)[0]
    rows = bundled.page.evaluate("window.agreementViewer.ui.data.rows")
    if found["px"] < 12:
        assert all(bundled.page.evaluate(f"window.agreementViewer.inView({a})") for a in rows)


def test_edge_labels_only_on_hover(bundled: Opened) -> None:
    page = bundled.page
    unlabelled = (
        "window.agreementViewer.network.body.edgeIndices.filter(i =>"
        " window.agreementViewer.network.body.edges[i].options.label).length"
    )
    assert page.evaluate(unlabelled) == 0
    # the middle of the longest edge between two shown vertices
    at = page.evaluate(
        """(() => { const a = window.agreementViewer, n = a.network, total = a.counts().total;
          let best = null;
          n.body.edgeIndices.forEach(id => {
            const e = n.body.edges[id];
            if (id >= total.edges) return;
            const p = n.getPositions([e.fromId, e.toId]);
            const f = p[e.fromId], t = p[e.toId], len = Math.hypot(t.x - f.x, t.y - f.y);
            const mid = n.canvasToDOM({ x: (f.x + t.x) / 2, y: (f.y + t.y) / 2 });
            const canvas = n.canvas.frame.canvas;
            if (mid.x < 0 || mid.y < 0 || mid.x > canvas.clientWidth || mid.y > canvas.clientHeight) return;
            // a straight edge whose middle no vertex covers (a vertex takes the pointer first)
            if (e.options.smooth && e.options.smooth.enabled) return;
            if (n.getNodeAt(mid) !== undefined) return;
            if (!best || len > best.len) best = { id: id, len: len, at: mid };
          });
          return best; })()"""
    )
    box = page.locator("#network").bounding_box()
    page.mouse.move(box["x"] + at["at"]["x"], box["y"] + at["at"]["y"])
    page.wait_for_timeout(200)
    assert len(page.evaluate("window.agreementViewer.edgeLabels()")) == 1  # the one hovered
    assert page.evaluate(unlabelled) == 1
    page.mouse.move(box["x"] + 2, box["y"] + 2)
    page.wait_for_timeout(200)
    assert page.evaluate("window.agreementViewer.edgeLabels()") == []
    assert page.evaluate(unlabelled) == 0


MATRIX_QUERIES = {
    "sectors": ("sectors", "sectorLabel"),
    "activities": ("activities", "activityLabel"),
    "objectives": ("objectives", "objectiveLabel"),
    "institutionTypes": ("institution-types", "institutionLabel"),
}
_READ_MATRIX = r"""(() => {
  const heads = [...document.querySelectorAll('#matrix thead th.col')].map(th => th.title);
  const out = [];
  document.querySelectorAll('#matrix td.cell').forEach(td => {
    if (!td.textContent) return;
    const row = td.parentElement.querySelector('.rowhead').title;
    td.click();
    const evidence = [...document.querySelectorAll('#matrix-evidence li')]
      .map(li => li.firstChild.textContent);
    out.push([row, heads[+td.dataset.c], td.title.split('\n')[0], +td.textContent, evidence]);
  });
  return out; })()"""


def _values(answer: Any) -> list[dict[str, str]]:
    """The rows of *answer* as ``{variable: the term's value}`` (unbound ones left out)."""
    return [{k: v.value for k, v in row.items()} for row in result_rows(answer)]


def _sparql_evidence(dataset: Any) -> dict[tuple[str, str, str], list[str]]:
    """Evidence lines ("S1, ¶3: “key terms”") by (agreement, property, concept) labels."""
    labels = {
        s.value: o.value
        for s, o in dataset.query(
            "SELECT ?s ?o WHERE { ?s rdfs:label|skos:prefLabel ?o FILTER(lang(?o) = 'en') }"
        )
    }
    rows = _values(run_query(dataset, get_named_query("statement-sources").text))
    grouped: dict[tuple[str, ...], list[str]] = {}
    for r in rows:
        key = (r["subject"], r["property"], r["object"], r["sourceId"], r.get("locator", ""))
        grouped.setdefault(key, [])
        if "keyTerm" in r:
            grouped[key].append(r["keyTerm"])
    found: dict[tuple[str, str, str], list[str]] = {}
    for (s, p, o, sid, locator), terms in sorted(grouped.items()):
        line = sid + (", " + locator if locator else "")
        line += ": \u201c" + "; ".join(sorted(terms)) + "\u201d" if terms else ""
        found.setdefault((labels.get(s, s), p, labels.get(o, o)), []).append(line)
    return found


@pytest.mark.parametrize("key", list(MATRIX_QUERIES))
def test_matrix_is_the_sparql_answer(bundled: Opened, dataset: Any, key: str) -> None:
    from graph_builder.viewer.payload import SCHEMES

    query, concept_var = MATRIX_QUERIES[key]
    expected = {
        (r["agreementLabel"], r[concept_var], r["sources"])
        for r in _values(run_query(dataset, get_named_query(query).text))
    }
    bundled.page.click(f'#matrix-tabs [data-scheme="{key}"]')
    cells = bundled.page.evaluate(_READ_MATRIX)
    assert {(row, col, sources) for row, col, sources, _, _ in cells} == expected
    assert all(count == len(sources.split(", ")) for _, _, sources, count, _ in cells)
    predicate = dict(SCHEMES)[key]
    evidence = _sparql_evidence(dataset)
    assert any(lines for *_, lines in cells)
    for row, col, _, _, lines in cells:
        assert lines == evidence[(row, predicate, col)], (row, col)
    bundled.page.click('#matrix-tabs [data-scheme="sectors"]')


def test_matrix_keyboard_navigation(bundled: Opened) -> None:
    page = bundled.page
    page.click('#matrix-tabs [data-scheme="activities"]')
    page.click('#matrix td.cell[data-r="0"][data-c="0"]')
    at = "(() => { const a = document.activeElement; return [+a.dataset.r, +a.dataset.c]; })()"
    assert page.evaluate(at) == [0, 0]
    last_row = page.evaluate("window.agreementViewer.ui.data.rows.length") - 1
    last_column = page.evaluate("document.querySelectorAll('#matrix thead th.col').length") - 1
    for key, expected in (
        ("ArrowRight", [0, 1]),
        ("ArrowDown", [1, 1]),
        *[("ArrowDown", [min(r, last_row), 1]) for r in range(2, last_row + 2)],  # the last stays
        ("ArrowUp", [last_row - 1, 1]),
        ("End", [last_row - 1, last_column]),
        ("Home", [last_row - 1, -1]),
        ("ArrowRight", [last_row - 1, 0]),
    ):
        page.keyboard.press(key)
        assert page.evaluate(at) == expected, key
    page.keyboard.press("Enter")  # the evidence of (that row, column 0)
    heading = page.text_content("#matrix-evidence h3")
    row = page.get_attribute(f'#matrix .rowhead[data-r="{last_row - 1}"]', "title")
    column = page.get_attribute("#matrix thead th.col >> nth=0", "title")
    assert heading.startswith(row) and heading.endswith(column)
    page.keyboard.press("Home")
    page.keyboard.press("Enter")  # a row header selects its agreement in the network
    assert page.text_content("#details-body h3") == row
    assert page.evaluate("document.activeElement.getAttribute('role')") == "rowheader"
    page.click('#matrix-tabs [data-scheme="sectors"]')


def test_default_dataset_divergences(bundled: Opened, dataset: Any) -> None:
    opened = bundled
    select_iri(opened, str(ID["person/jin-zhuanglong"]))
    section = opened.page.locator("#details-body dt.differ + dd")
    assert opened.page.text_content("#details-body dt.differ") == "Where sources differ"
    sides = section.locator(".divergence li").all_text_contents()
    assert sides == ["Jin Zhuanglong S2S3", "Jin Zhualong S4"]
    opened.page.select_option("#lang", "id")  # the open panel follows the language
    assert opened.page.text_content("#details-body dt.differ") == "Perbedaan antarsumber"
    assert "Ejaan nama menteri MIIT" in section.text_content()
    # the side panel's list selects a concerned vertex
    summary = opened.page.locator("#divergence-summary")
    assert summary.text_content() == f"Perbedaan antarsumber: {len(_divergences(opened))}"
    summary.click()
    opened.page.locator("#divergence-list button", has_text="Jin Zhuanglong").click()
    assert opened.page.text_content("#details-body h3") == "Jin Zhuanglong"
    assert "Jin Zhualong" in section.text_content() and "S4" in section.text_content()
    summary.click()
    opened.page.select_option("#lang", "en")


def _divergences(opened: Opened) -> list[Any]:
    return opened.page.evaluate(
        "JSON.parse(document.getElementById('graph-data').textContent).divergences"
    )


@pytest.mark.slow
def test_screenshots(browser: Any, dataset: Any, tmp_path: Path) -> None:
    """The overview and the matrix at 1400×900, on a fresh page; GRAPH_BUILDER_SCREENSHOTS=1
    writes them into docs/ (the README and docs/viewer.md show them)."""
    import os

    folder = REPO / "docs" if os.environ.get("GRAPH_BUILDER_SCREENSHOTS") == "1" else tmp_path
    opened = Opened(browser, render_viewer(dataset), tmp_path / "viewer.html")
    page = opened.page
    page.screenshot(path=str(folder / "viewer-overview.png"))
    page.click('#matrix-tabs [data-scheme="activities"]')
    page.click("#matrix td.cell.lvl-3 >> nth=0")
    page.screenshot(path=str(folder / "viewer-matrix.png"))
    assert (folder / "viewer-overview.png").stat().st_size > 10_000
    opened.assert_clean()
    page.close()


def test_edge_labels_follow_selection(bundled: Opened) -> None:
    page = bundled.page
    rows = page.evaluate("window.agreementViewer.ui.data.rows")
    page.evaluate(f"window.agreementViewer.select({rows[0]})")
    labelled = page.evaluate("window.agreementViewer.edgeLabels()")
    assert labelled and len(labelled) == page.evaluate(
        "window.agreementViewer.network.getSelectedEdges().filter(e => e < "
        "window.agreementViewer.counts().total.edges).length"
    )
    page.evaluate("window.agreementViewer.unselect()")
    assert page.evaluate("window.agreementViewer.edgeLabels()") == []


@pytest.mark.slow
def test_matrix_with_200_agreements(browser: Any, tmp_path: Path) -> None:
    """Only the rows in view are drawn; headers and names stay in view; Ctrl+End reaches
    the last agreement."""
    from benchmarks.bench_viewer import synthetic_dataset

    opened = Opened(browser, render_viewer(synthetic_dataset(1334)), tmp_path / "200.html")
    page = opened.page
    rows = page.evaluate("window.agreementViewer.ui.data.rows.length")
    assert rows >= 200
    drawn = "document.querySelectorAll('#matrix tbody tr:not(.spacer)').length"
    assert page.evaluate(drawn) < 40
    page.click('#matrix td.cell[data-r="0"][data-c="0"]')
    page.keyboard.press("Control+End")
    assert page.evaluate("document.activeElement.dataset.r") == str(rows - 1)
    scroller = page.locator("#matrix-scroll").bounding_box()
    head = page.locator("#matrix thead th.col >> nth=0").bounding_box()
    assert abs(head["y"] - scroller["y"]) < 2  # the column headers stuck to the top
    last = page.locator(f'#matrix .rowhead[data-r="{rows - 1}"]').bounding_box()
    assert scroller["y"] < last["y"] < scroller["y"] + scroller["height"]
    assert abs(last["x"] - scroller["x"]) < 2  # the names stuck to the left
    assert page.evaluate(drawn) < 40
    opened.assert_clean()
    page.close()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("width", "height"), [(1280, 720), (1366, 768), (900, 600)], ids=["1280", "1366", "frame"]
)
def test_the_first_view_shows_every_agreement(
    browser: Any, tmp_path: Path, width: int, height: int
) -> None:
    """At laptop sizes and in a notebook's 900×600 frame, every agreement is on the canvas."""
    from graph_builder.dataset import load_dataset

    html = render_viewer(load_dataset())
    (tmp_path / "viewer.html").write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto((tmp_path / "viewer.html").as_uri())
        page.wait_for_selector("body[data-stable=true]", state="attached", timeout=30_000)
        rows = page.evaluate("window.agreementViewer.ui.data.rows")
        assert rows
        assert [page.evaluate(f"window.agreementViewer.inView({a})") for a in rows] == [True] * len(
            rows
        )
        page.click("#fit")
        assert [page.evaluate(f"window.agreementViewer.inView({a})") for a in rows] == [True] * len(
            rows
        )
        shot = REPO / "docs" / f"viewer-{width}x{height}.png"
        page.screenshot(path=str(tmp_path / shot.name))
        if os.environ.get("GRAPH_BUILDER_SCREENSHOTS"):
            shot.write_bytes((tmp_path / shot.name).read_bytes())
    finally:
        page.close()


def test_the_timeline_shows_every_dated_agreement(bundled: Opened, dataset: Any) -> None:
    named = get_named_query("agreements-ending")
    ending = _values(run_query(dataset, named.text))
    dated = {r["agreementLabel"] for r in ending if r.get("signed")}
    ends = {(r["agreementLabel"], r["ends"]) for r in ending if r.get("ends")}
    drawn = bundled.page.evaluate(
        """[...document.querySelectorAll('#timeline li.timeline-row:not(.timeline-axis)')]
             .map(li => ({ label: li.querySelector('button').title,
                           marks: li.querySelectorAll('.timeline-bar, .timeline-dot').length,
                           bars: [...li.querySelectorAll('.timeline-bar')].map(b => b.title),
                           text: li.querySelector('.timeline-dates').textContent }))"""
    )
    assert {d["label"] for d in drawn} == {r["agreementLabel"] for r in ending}
    assert {d["label"] for d in drawn if d["marks"]} == dated
    for label, end in ends:  # each computed end is drawn, as the named query computes it
        (row,) = [d for d in drawn if d["label"] == label]
        assert any(f"term ends {end}" in bar for bar in row["bars"]), (label, end, row)
    undated = [d for d in drawn if d["label"] not in dated]
    assert all("no signing date" in d["text"] for d in undated)
    china = bundled.page.evaluate(
        "[...document.querySelectorAll('#timeline-partner option')]"
        ".filter(o => o.textContent === 'China').map(o => o.value)"
    )
    bundled.page.select_option("#timeline-partner", china[0])
    shown = bundled.page.evaluate("window.agreementViewer.timeline.rows().length")
    assert 0 < shown < len(drawn)
    if os.environ.get("GRAPH_BUILDER_SCREENSHOTS"):
        bundled.page.locator("#timeline-section").screenshot(
            path=str(REPO / "docs" / "viewer-timeline.png")
        )
    bundled.page.select_option("#timeline-partner", "")
    assert bundled.page.evaluate("window.agreementViewer.timeline.rows().length") == len(drawn)
