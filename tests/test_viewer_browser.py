"""The viewer in headless Chromium, opened from file:// with no network.

Each page must draw the expected vertices and edges, log no console errors, request
nothing but itself, react to search, filters and the language switch, and show script
payloads from the data as text without running them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph_builder.namespaces import ID
from graph_builder.viewer.render import render_viewer
from tests.conftest import CHROMIUM_ARGS
from tests.test_network import (
    TINY_EDGES,
    TINY_VERTICES,
    XSS_LABEL,
    XSS_LABEL_ID,
    tiny_dataset,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Opened:
    """A viewer page open in Chromium, with what it logged and requested."""

    def __init__(self, browser: Any, html: str, path: Path) -> None:
        path.write_text(html, encoding="utf-8")
        self.url = path.as_uri()
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
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


def test_draws_every_vertex_and_edge(tiny: Opened) -> None:
    assert tiny.counts() == (TINY_VERTICES, TINY_EDGES)
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


def test_search_filters_vertices(tiny: Opened) -> None:
    tiny.page.fill("#search", "korea")  # "Republic of Korea" and "Indonesia–Korea MoU"
    tiny.wait_for_counts(2, 1)
    tiny.page.click("#show-all")
    tiny.wait_for_counts(TINY_VERTICES, TINY_EDGES)


def test_class_source_and_agreement_filters(tiny: Opened) -> None:
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
    tiny.page.select_option("#lang", "id")
    labels = tiny.page.evaluate("window.agreementViewer.labels()")
    assert "Republik Korea" in labels and "Republic of Korea" not in labels
    assert tiny.page.text_content("h1") == "Graf perjanjian"


def test_focus_view(browser: Any, tmp_path: Path) -> None:
    opened = Opened(
        browser,
        render_viewer(tiny_dataset(), focus=str(ID.korea), depth=1),
        tmp_path / "focus.html",
    )
    assert opened.counts() == (2, 1)  # Korea and the MoU that names it
    opened.page.click("#show-all")
    opened.wait_for_counts(TINY_VERTICES, TINY_EDGES)
    opened.assert_clean()


def select_iri(opened: Opened, iri: str) -> None:
    index = opened.page.evaluate(
        f"JSON.parse(document.getElementById('graph-data').textContent).nodes"
        f".findIndex(n => n.iri === '{iri}')"
    )
    assert index >= 0
    opened.page.evaluate(f"window.agreementViewer.select({index})")


def test_default_dataset_divergences(browser: Any, tmp_path: Path, dataset: Any) -> None:
    opened = Opened(browser, render_viewer(dataset), tmp_path / "default.html")
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
    opened.page.screenshot(path=str(tmp_path / "divergence.png"))
    opened.assert_clean()


def _divergences(opened: Opened) -> list[Any]:
    return opened.page.evaluate(
        "JSON.parse(document.getElementById('graph-data').textContent).divergences"
    )


def test_default_dataset(browser: Any, tmp_path: Path) -> None:
    build = pytest.importorskip("graph_builder.rdf.mapping")
    from tests.test_network import _sparql_edge_count, _sparql_vertices

    ds = build.load_dataset()
    opened = Opened(browser, render_viewer(ds), tmp_path / "default.html")
    assert opened.counts() == (len(_sparql_vertices(ds)), _sparql_edge_count(ds))
    opened.page.screenshot(path=str(tmp_path / "default.png"))
    opened.assert_clean()
