"""The overview of a large store in headless Chromium: counted badges, a paged matrix."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph_builder.viewer import overview
from graph_builder.viewer.render import render_viewer
from tests.test_viewer_browser import Opened

pytestmark = pytest.mark.browser

PAGE = 3


@pytest.fixture
def drawn(
    browser: Any,
    dataset: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Opened]:
    monkeypatch.setattr(overview, "MATRIX_PAGE", PAGE)
    opened = Opened(browser, render_viewer(dataset, full=False), tmp_path / "overview.html")
    yield opened
    opened.assert_clean()
    opened.page.close()


def test_the_matrix_shows_its_page_and_says_so(drawn: Opened) -> None:
    page = drawn.page
    agreements = page.evaluate("window.agreementViewer.ui.data.rows.length")
    assert page.evaluate("document.querySelectorAll('#matrix .rowhead').length") == PAGE
    note = page.text_content("#matrix-key .overview-note") or ""
    assert f"the first {PAGE} of {agreements} agreements by name" in note
    assert "graph-builder view --full" in note


def test_agreements_without_badges_say_their_counts(drawn: Opened) -> None:
    page = drawn.page
    data = page.evaluate("window.agreementViewer.ui.data")
    with_badges = {b["a"] for b in data["badges"]}
    assert with_badges == set(data["matrixRows"])
    counted = data["counts"][0]
    assert counted[0] not in with_badges
    words = {0: "sector", 1: "activit", 2: "objective", 3: "institution type"}
    said = [f"{n} {words[s]}" for s, n in enumerate(counted[1:]) if n]
    page.evaluate(f"window.agreementViewer.select({counted[0]})")
    details = page.text_content("#details-body") or ""
    assert "Topics" in details and "graph-builder view --full draws them" in details
    for text in said:
        assert text in details
