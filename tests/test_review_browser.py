"""The review page in headless Chromium: a whole review, and hostile data shown as text.

The server runs in a thread on 127.0.0.1 (tests/test_review.py tests it without a
browser); the page is driven by the keyboard and the mouse as a reviewer would.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.test_accept import candidate_with_new_ministry

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a whole review in Chromium: minutes

ARTICLE = REPO / "tests" / "extract_gold" / "en01-japan-eip.txt"


class Reviewing:
    """A review server in a thread and the page open on it."""

    def __init__(
        self, browser: Any, target: Path, data: Path, build: Path, article: Path | None = None
    ) -> None:
        from graph_builder.review.app import open_review, review_server

        self.session = open_review(target, data, build_dir=build, article=article)
        self.server = review_server(self.session)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(self.url)
        self.checked()

    def checked(self, state: str = "ok") -> None:
        """Wait for the live check of the latest change."""
        self.page.wait_for_selector(f"body[data-check={state}]", state="attached", timeout=60_000)

    def claim(self, field: str, value: str) -> Any:
        return self.page.locator(f'.claim[data-field="{field}"]', has_text=value).first

    def choose(self, field: str, value: str) -> None:
        """Click a claim's value (not its buttons), which selects the claim."""
        self.claim(field, value).locator(".value").click()

    def select_words(self, words: str) -> None:
        self.page.evaluate(
            """(words) => {
                const article = document.getElementById("article");
                const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const at = node.data.indexOf(words);
                    if (at < 0) continue;
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + words.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
                throw new Error("not in the article: " + words);
            }""",
            words,
        )

    def close(self) -> None:
        self.page.close()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def reviewing(browser, data_copy: Path, tmp_path: Path) -> Iterator[Reviewing]:
    candidate = candidate_with_new_ministry(tmp_path)
    opened = Reviewing(browser, candidate, data_copy, tmp_path / "build", article=ARTICLE)
    yield opened
    opened.close()


def test_a_whole_review_by_keyboard_and_selection_builds(reviewing, data_copy, tmp_path, cli):
    page = reviewing.page
    # Every proposed claim is highlighted in the article, by class.
    assert page.locator("#article mark.cls-sectors").count() == 4
    # Accept the first claim with the keyboard; move down and reject one.
    page.locator("#article").focus()
    page.keyboard.press("a")
    assert page.locator('.claim[data-row="0"]').get_attribute("data-state") == "accepted"
    reviewing.choose("sectors", "manufacturing")
    page.keyboard.press("r")
    assert reviewing.claim("sectors", "manufacturing").get_attribute("data-state") == "rejected"
    reviewing.checked()
    # Correct a concept: vocational training → training.
    reviewing.choose("activities", "vocational-training")
    page.keyboard.press("e")
    page.locator(".edit .edit-concept").fill("training")
    page.keyboard.press("Enter")
    reviewing.checked()
    # Add a missed sector from the words of the article.
    reviewing.select_words("SMEs")
    page.keyboard.press("n")
    page.select_option("#add-class", "sectors")
    page.locator("#add-concept").fill("small-and-medium-industries")
    page.locator("#add-concept").press("Enter")
    reviewing.checked()
    # The new ministry: its Indonesian label, acting for Japan.
    ministry = page.locator('.entity[data-section="bodies"][data-index="0"]')
    ministry.locator("input.label-id").fill("Kementerian Ekonomi, Perdagangan, dan Industri Jepang")
    ministry.locator("input.label-id").press("Tab")
    assert ministry.locator("select.type").input_value() == "Ministry"
    assert ministry.locator("select.acts-for").input_value() == "JP"
    reviewing.checked()
    assert (
        "+ mou-industrial-cooperation-id-jp-2024  agr:coversSector  sector:small-and-medium-industries"
        in page.inner_text("#diff")
    )
    page.locator("#article").focus()
    page.keyboard.press("s")
    page.wait_for_selector("body[data-saved=true]", state="attached", timeout=120_000)
    assert "SHACL: conforms" in page.inner_text("#result-text")

    source = (data_copy / "sources" / "en01-japan-eip.yaml").read_text(encoding="utf-8")
    assert "{ref: manufacturing," not in source
    assert '{ref: training, at: ¶2, says: "vocational training"' in source
    assert "{ref: small-and-medium-industries, at: ¶4, says: SMEs, span: [" in source
    bodies = (data_copy / "entities" / "bodies.yaml").read_text(encoding="utf-8")
    assert "      id: Kementerian Ekonomi, Perdagangan, dan Industri Jepang\n" in bodies
    rows = cli(
        "query", "agreements-by-country", "--param", "country=JP",
        "--data", data_copy, "--build", tmp_path / "build",
    )  # fmt: skip
    assert rows.exit_code == 0
    assert "Indonesia–Japan MoU on industrial cooperation (2024)" in rows.stdout
    # The viewer opens on the new agreement.
    page.click("#viewer-link")
    page.wait_for_selector("body[data-stable=true]", state="attached", timeout=30_000)
    assert "mou-industrial-cooperation-id-jp-2024" in page.content()
    assert reviewing.errors == [] and reviewing.dialogs == []
    assert all(url.startswith(reviewing.url) for url in reviewing.requests)


HOSTILE = [
    "<img src=x onerror=alert(1)>",
    '"; DROP TABLE sources; --',
    "</script><script>alert(2)</script>",
]


def test_hostile_text_is_shown_as_text_and_nothing_runs(browser, data_copy, tmp_path):
    from graph_builder.extract.candidate import yaml_text

    candidate = {
        "source": {
            "id": "hostile",
            "type": "NewsArticle",
            "label": {"en": HOSTILE[0], "id": HOSTILE[1]},
            "language": "en",
        },
        "claims": [{"about": "kemenperin", "called": [{"value": h, "says": h} for h in HOSTILE]}],
        "unresolved": {
            "bodies": [
                {"suggested_id": "evil", "label": h, "note": "JP", "says": h} for h in HOSTILE[:1]
            ]
        },
    }
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml_text(candidate), encoding="utf-8")
    opened = Reviewing(browser, path, data_copy, tmp_path / "build")
    try:
        page = opened.page
        claims = page.inner_text("#claims")
        for text in HOSTILE:
            assert text in claims
        assert page.locator("#claims img, #entities img, script:not([id]):not([type])").count() <= 1
        assert page.locator(".entity input.label-en").input_value() == HOSTILE[0]
        page.keyboard.press("s")
        page.wait_for_selector("body[data-saved=true]", state="attached", timeout=120_000)
        assert opened.dialogs == [] and opened.errors == []
        assert all(url.startswith(opened.url) for url in opened.requests)
        written = json.dumps((data_copy / "sources" / "hostile.yaml").read_text(encoding="utf-8"))
        assert "DROP TABLE" in written
    finally:
        opened.close()


def test_screenshot(reviewing, tmp_path):
    """The page mid-review at 1400×900; GRAPH_BUILDER_SCREENSHOTS=1 writes it into docs/
    (docs/review.md shows it)."""
    import os

    folder = REPO / "docs" if os.environ.get("GRAPH_BUILDER_SCREENSHOTS") == "1" else tmp_path
    page = reviewing.page
    reviewing.choose("sectors", "manufacturing")
    page.keyboard.press("r")
    reviewing.checked()
    reviewing.select_words("SMEs")
    page.keyboard.press("n")
    page.locator("#add-concept").type("small medium")
    page.screenshot(path=str(folder / "review-page.png"))
    assert (folder / "review-page.png").stat().st_size > 10_000
    assert reviewing.errors == [] and reviewing.dialogs == []
