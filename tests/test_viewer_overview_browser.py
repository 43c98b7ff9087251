"""The overview of a large store in headless Chromium: counted badges, a paged matrix."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph_builder.viewer import overview
from graph_builder.viewer.render import render_viewer
from tests.test_viewer_browser import Opened, browser  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser

PAGE = 3


@pytest.fixture
def drawn(
    browser: Any,  # noqa: F811
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


def test_counted_badges_say_how_many_and_do_not_unfold(drawn: Opened) -> None:
    page = drawn.page
    badges = page.evaluate("window.agreementViewer.badges()")
    data = page.evaluate("window.agreementViewer.ui.data.badges")
    counted = [b for b, d in zip(badges, data, strict=True) if not d["m"]]
    unfolding = [b for b, d in zip(badges, data, strict=True) if d["m"]]
    assert counted and unfolding
    assert all(b["size"] == d["n"] for b, d in zip(badges, data, strict=True) if not d["m"])
    labels = page.evaluate("window.agreementViewer.labels()")
    shown = dict(zip(page.evaluate("window.agreementViewer.shown()"), labels, strict=True))
    first = counted[0]
    assert not shown[first["id"]].startswith(("+", "\u2212"))  # nothing to unfold
    assert shown[unfolding[0]["id"]].startswith("+ ")
    before = drawn.counts()
    scheme = ["sectors", "activities", "objectives", "institutionTypes"].index(first["scheme"])
    page.evaluate(f"window.agreementViewer.ui.showBadge({first['agreement']}, {scheme})")
    assert drawn.counts() == before
    assert not page.evaluate("window.agreementViewer.badges()")[0]["expanded"]
