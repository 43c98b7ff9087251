"""The query page in headless Chromium: run a named query, see its rows, stay on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from graph_builder.cli import main as cli
from graph_builder.server.app import ServerConfig, running_server
from tests.conftest import CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with running_server(config=ServerConfig(timeout=20, workers=1)) as url:
        yield url


@pytest.fixture
def page(chromium_path: str, base: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        context = browser.new_context()
        page = context.new_page()
        page.requests_seen = []  # type: ignore[attr-defined]
        page.problems = []  # type: ignore[attr-defined]

        # Every request is recorded; any that would leave the server is aborted.
        def route(r: Any) -> None:
            page.requests_seen.append(r.request.url)
            if urlsplit(r.request.url).netloc == urlsplit(base).netloc:
                r.continue_()
            else:
                r.abort()

        context.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        yield page
        browser.close()


def _cli_rows(name: str, *params: str) -> int:
    args = ["query", name, "--format", "csv"]
    for p in params:
        args += ["--param", p]
    outcome = CliRunner().invoke(cli, args)
    assert outcome.exit_code == 0, outcome.output
    import csv
    import io

    return len(list(csv.reader(io.StringIO(outcome.output)))) - 1


def test_query_page_runs_named_queries(page: Any, base: str) -> None:
    page.goto(base + "/")
    page.wait_for_selector("#query-select option[value='parties']", state="attached")
    page.select_option("#query-select", "parties")
    assert "SELECT" in page.input_value("#query-text")
    page.click("#run")
    page.wait_for_selector("#results table tbody tr")
    rows = page.locator("#results table tbody tr")
    assert rows.count() == _cli_rows("parties") > 0
    assert "agreementLabel" in page.locator("#results thead").inner_text()
    assert "Indonesia" in page.locator("#results tbody").inner_text()
    assert "rows" in page.inner_text("#status")

    page.select_option("#query-select", "agreements-by-country")
    assert page.input_value("#param-country") == "KR"
    page.click("#run")
    # (the page's CSP forbids eval, so wait with locators, not wait_for_function)
    page.locator("#results thead", has_text="otherParties").wait_for()
    assert page.locator("#results tbody tr").count() == _cli_rows(
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
