"""YASGUI on the query page, in headless Chromium: run, sort, download CSV, the named
queries with their parameters, completion from this endpoint; nothing leaves 127.0.0.1,
no console error, the Content-Security-Policy intact. GRAPH_BUILDER_SCREENSHOTS=1 writes the
screenshots into docs/, otherwise into a temporary folder."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from graph_builder.prefixes import PREFIX_IRIS
from graph_builder.server import query_page
from graph_builder.server.app import ServerConfig, running_server
from tests.conftest import REPO, cli_row_count, missing_component, server_page

pytestmark = [pytest.mark.browser, pytest.mark.server]

QUERY = """PREFIX agr: <https://w3id.org/agreement-graph/ontology#>
SELECT ?agreement (COUNT(DISTINCT ?party) AS ?parties)
WHERE { ?agreement agr:hasParty ?party }
GROUP BY ?agreement
ORDER BY DESC(?agreement)
"""
EDITOR = "window.agreementGraphYasgui.getTab().getYasqe()"
"""The active tab's editor, in the page (the page sets ``window.agreementGraphYasgui``)."""


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    if not query_page.yasgui_available():
        missing_component(query_page.YASGUI_MISSING)
    with running_server(config=ServerConfig(timeout=20, workers=1)) as url:
        yield url


@pytest.fixture
def page(browser: Any, base: str) -> Iterator[Any]:
    with server_page(
        browser, base, viewport={"width": 1280, "height": 900}, accept_downloads=True
    ) as page:
        response = page.goto(base + "/")
        page.csp = response.headers["content-security-policy"]
        page.locator(".yasqe .CodeMirror").wait_for()
        yield page


def _run(page: Any, text: str | None = None) -> None:
    """Run *text* (or the query in the editor) in the active tab; wait for its results."""
    if text is not None:
        page.evaluate(f"t => {EDITOR}.setValue(t)", text)
    summary = page.locator(".tabPanel.active .yasr_response_chip")
    before = summary.inner_text() if summary.count() else None
    page.locator(".tabPanel.active .yasqe_queryButton").click()
    page.locator(".tabPanel.active .yasr_response_chip").wait_for()
    if before is not None:  # the chip of the previous run is replaced, not removed
        page.wait_for_timeout(300)


def _column(page: Any, index: int) -> list[str]:
    cells = page.locator(f".tabPanel.active .yasr table.dataTable tbody tr td:nth-child({index})")
    return cells.all_inner_texts()


def _assert_clean(page: Any, base: str, *expected: str) -> None:
    """Nothing but *expected* in the console (script errors and CSP violations included),
    no request to another host, the CSP as served, no inline script added."""
    assert page.problems == list(expected), page.problems
    assert page.requests_seen
    assert all(u.startswith(base + "/") for u in page.requests_seen), page.requests_seen
    sources = dict(d.strip().split(" ", 1) for d in page.csp.split(";"))
    assert sources["script-src"] == "'self'"
    assert "unsafe" not in page.csp
    # no inline script but the configuration's data block, none added by YASGUI
    inline = page.locator("script:not([src])")
    assert inline.count() == 1
    assert inline.get_attribute("type") == "application/json"


def test_run_sort_and_download_csv(page: Any, base: str, tmp_path: Path) -> None:
    answer = httpx.post(
        base + "/sparql",
        data={"query": QUERY},
        headers={"Accept": "application/sparql-results+json"},
    ).json()["results"]["bindings"]
    iris = [row["agreement"]["value"] for row in answer]
    assert len(iris) >= 3 and iris == sorted(iris, reverse=True)

    _run(page, QUERY)
    assert (
        page.locator(".tabPanel.active .yasr_response_chip")
        .inner_text()
        .startswith(f"{len(iris)} results")
    )
    shown = [t.replace("id:", "https://w3id.org/agreement-graph/id/", 1) for t in _column(page, 2)]
    assert shown == iris  # the project's prefixes shorten IRIs in the table

    header = page.locator(".tabPanel.active .yasr table.dataTable thead th", has_text="agreement")
    header.click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    assert [t.split(":", 1)[1] for t in _column(page, 2)] == [
        i.rsplit("/id/", 1)[1] for i in sorted(iris)
    ]
    header.click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert [t.split(":", 1)[1] for t in _column(page, 2)] == [i.rsplit("/id/", 1)[1] for i in iris]

    # a column grip dragged: YASGUI's second <style> element, allowed by its hash
    grip = page.locator(".tabPanel.active .grip-handle").first.bounding_box()
    page.mouse.move(grip["x"] + 2, grip["y"] + 5)
    page.mouse.down()
    page.mouse.move(grip["x"] + 40, grip["y"] + 5)
    styles = "() => [...document.head.querySelectorAll('style')].map(s => s.textContent)"
    assert "*{cursor:col-resize!important}" in page.evaluate(styles)
    page.mouse.up()

    with page.expect_download() as download:
        page.locator(".tabPanel.active .yasr_downloadIcon").click()
    saved = tmp_path / "results.csv"
    download.value.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_text("utf-8"))))
    assert rows[0] == ["agreement", "parties"]
    assert rows[1:] == [[r["agreement"]["value"], r["parties"]["value"]] for r in answer]
    _assert_clean(page, base)


def test_chart_of_a_numeric_column(page: Any, base: str, tmp_path: Path) -> None:
    _run(page, QUERY)
    page.locator(".tabPanel.active .yasr .select_chart").click()
    chart = page.locator(".tabPanel.active .yasr svg.agr-chart")
    chart.wait_for()
    answer = httpx.post(
        base + "/sparql",
        data={"query": QUERY},
        headers={"Accept": "application/sparql-results+json"},
    ).json()["results"]["bindings"]
    assert chart.locator("rect.agr-chart-bar").count() == len(answer)
    assert chart.locator("text.agr-chart-value").all_text_contents() == [
        r["parties"]["value"] for r in answer
    ]
    labels = chart.locator("text.agr-chart-label > title").all_text_contents()
    assert labels == [r["agreement"]["value"].replace(PREFIX_IRIS["id"], "id:") for r in answer]
    widths = [
        float(w)
        for w in chart.locator("rect.agr-chart-bar").evaluate_all(
            "bars => bars.map(b => b.getAttribute('width'))"
        )
    ]
    counts = [int(r["parties"]["value"]) for r in answer]
    assert [w / max(widths) for w in widths] == pytest.approx([c / max(counts) for c in counts])
    with page.expect_download() as download:
        page.locator(".tabPanel.active .yasr_downloadIcon").click()
    saved = tmp_path / "chart.svg"
    download.value.save_as(saved)
    assert saved.read_text("utf-8").startswith("<svg")
    # a result without a numeric column offers no chart
    _run(page, "SELECT ?x WHERE { VALUES ?x { 'a' 'b' } }")
    expect(page.locator(".tabPanel.active .yasr .select_chart")).to_have_class(
        re.compile(r"\bdisabled\b")
    )
    assert page.locator(".tabPanel.active .yasr svg.agr-chart").count() == 0
    _assert_clean(page, base)


def test_named_query_opens_in_a_tab_with_its_parameters(page: Any, base: str) -> None:
    page.select_option("#example-select", "agreements-by-country")
    assert page.input_value("#param-country") == "KR"  # the query's example
    page.fill("#param-country", "ID")
    page.click("#example-open")
    tab = page.locator(".tabsList .tab.active")
    tab.filter(has_text="Agreements involving a country (country=ID)").wait_for()
    _run(page)
    expected = cli_row_count("agreements-by-country", "country=ID")
    assert expected > 0
    assert len(_column(page, 2)) == expected

    page.fill("#param-country", "XX")  # not a country: the server's message, as text
    page.click("#example-open")
    page.locator("#example-status.error", has_text="is not an ISO 3166-1 code").wait_for()
    _assert_clean(
        page,
        base,
        "Failed to load resource: the server responded with a status of 400 (Bad Request)",
    )


def _write(page: Any, text: str) -> None:
    """Put *text* in the active editor with the cursor at its end (typing "?" or a space
    would race YASGUI's variable hints, which open and close as keys arrive)."""
    page.evaluate(
        f"t => {{ const y = {EDITOR}; y.setValue(t); y.focus();"
        " y.setCursor(y.lastLine(), y.getLine(y.lastLine()).length); }",
        text,
    )


def _complete(page: Any, wanted: str) -> None:
    """Ask for completion (Ctrl+Space) and choose *wanted* among the hints."""
    page.keyboard.press("Control+Space")
    hint = page.locator(".CodeMirror-hints li", has_text=wanted)
    hint.wait_for()
    hint.click()


def test_completion_from_the_project_and_this_endpoint(page: Any, base: str) -> None:
    page.locator(".tabsList .addTab").click()
    _write(page, "SELECT * WHERE { ?a ")
    page.keyboard.type("agr:")
    # a known prefix typed is declared (from the project's prefixes, not prefix.cc)
    page.locator(".tabPanel.active .CodeMirror-line", has_text="PREFIX agr:").wait_for()
    value = f"() => {EDITOR}.getValue()"
    assert "PREFIX agr: <https://w3id.org/agreement-graph/ontology#>" in page.evaluate(value)
    page.keyboard.type("hasP")
    _complete(page, "agr:hasParty")  # a property of the dataset
    assert "?a agr:hasParty" in page.evaluate(value)
    _write(page, page.evaluate(value) + " ?b . ?b a agr:Cooperation")
    _complete(page, "agr:CooperationAgreement")  # a class, after "a"
    assert "?b a agr:CooperationAgreement" in page.evaluate(value)
    _assert_clean(page, base)


def test_html_in_results_is_text(page: Any, base: str) -> None:
    _run(page, "SELECT ?x WHERE { BIND('<img src=x id=injected><b>not bold</b>' AS ?x) }")
    cell = page.locator(".tabPanel.active .yasr table.dataTable tbody td").nth(1)
    assert "<b>not bold</b>" in cell.inner_text()
    assert page.locator("#injected").count() == 0
    assert page.locator(".yasr tbody b").count() == 0
    _assert_clean(page, base)


def test_screenshot(page: Any, base: str, tmp_path: Path) -> None:
    """A named query opened from the examples and run; GRAPH_BUILDER_SCREENSHOTS=1 writes
    docs/query-page.png."""
    page.select_option("#example-select", "agreements-by-country")
    page.click("#example-open")
    page.locator(".tabsList .tab.active", has_text="country=KR").wait_for()
    _run(page)
    folder = REPO / "docs" if os.environ.get("GRAPH_BUILDER_SCREENSHOTS") == "1" else tmp_path
    page.screenshot(path=str(folder / "query-page.png"))
    _assert_clean(page, base)


def test_screenshot_of_a_named_query_on_the_bundled_data(
    page: Any, base: str, tmp_path: Path
) -> None:
    """agreements-by-country for Indonesia lists every agreement of the bundled data, UNIDO
    among the other parties; GRAPH_BUILDER_SCREENSHOTS=1 writes docs/query-agreements-by-country.png."""
    page.select_option("#example-select", "agreements-by-country")
    page.fill("#param-country", "ID")
    page.click("#example-open")
    page.locator(".tabsList .tab.active", has_text="country=ID").wait_for()
    _run(page)
    expect(page.locator(".tabPanel.active .yasr table.dataTable")).to_contain_text("UNIDO")
    folder = REPO / "docs" if os.environ.get("GRAPH_BUILDER_SCREENSHOTS") == "1" else tmp_path
    page.screenshot(path=str(folder / "query-agreements-by-country.png"))
    _assert_clean(page, base)
