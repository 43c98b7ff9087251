"""The plain query page (the one without YASGUI) and the viewer in headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from graph_builder.server import query_page
from graph_builder.server.app import ServerConfig, running_server
from tests.conftest import cli_row_count, server_page

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with running_server(config=ServerConfig(timeout=20, workers=1)) as url:
        yield url


@pytest.fixture
def page(browser: Any, base: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    # the text area is the page without YASGUI; test_query_page_browser.py tests YASGUI's
    monkeypatch.setattr(query_page, "yasgui_available", lambda: False)
    with server_page(browser, base) as page:
        yield page


def test_query_page_runs_named_queries(page: Any, base: str) -> None:
    page.goto(base + "/")
    page.wait_for_selector("#query-select option[value='parties']", state="attached")
    page.select_option("#query-select", "parties")
    assert "SELECT" in page.input_value("#query-text")
    page.click("#run")
    page.wait_for_selector("#results table tbody tr")
    rows = page.locator("#results table tbody tr")
    assert rows.count() == cli_row_count("parties") > 0
    assert "agreementLabel" in page.locator("#results thead").inner_text()
    assert "Indonesia" in page.locator("#results tbody").inner_text()
    assert "rows" in page.inner_text("#status")

    page.select_option("#query-select", "agreements-by-country")
    assert page.input_value("#param-country") == "KR"
    page.click("#run")
    # (the page's CSP forbids eval, so wait with locators, not wait_for_function)
    page.locator("#results thead", has_text="otherParties").wait_for()
    assert page.locator("#results tbody tr").count() == cli_row_count(
        "agreements-by-country", "country=KR"
    )

    # A hand-written query, and an error shown as text
    page.select_option("#query-select", "")
    page.fill("#query-text", "SELECT ?x WHERE { BIND('<b>not bold</b>' AS ?x) }")
    page.click("#run")
    # wait for this query's header: the previous query's rows are still on the page until then
    page.locator("#results thead", has_text="x").wait_for()
    page.locator("#results tbody td", has_text="not bold").wait_for()
    assert page.locator("#results tbody b").count() == 0
    assert page.locator("#results tbody td").all_inner_texts() == ["<b>not bold</b>"]
    page.fill("#query-text", "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }")
    page.click("#run")
    page.wait_for_selector("#status.error")
    assert "SERVICE" in page.inner_text("#status")

    assert page.problems == [] or all("400" in p for p in page.problems), page.problems
    assert page.requests_seen
    assert all(u.startswith(base + "/") for u in page.requests_seen), page.requests_seen


def test_viewer_loads_offline(page: Any, base: str) -> None:
    response = page.goto(base + "/viewer")
    if response.status == 404:
        pytest.skip("graph_builder.viewer.render is not available")
    assert response.status == 200
    page.wait_for_load_state("load")
    assert all(u.startswith(base + "/") for u in page.requests_seen), page.requests_seen
    page.wait_for_timeout(500)  # let the viewer's scripts run
    assert page.problems == [], page.problems  # CSP violations and script errors included
