"""The review page's server: the page, its safety rules, check and save.

The server runs in a thread on a free port of 127.0.0.1; requests are made as the page
makes them (JSON, the session token in ``X-Review-Token``) and as an attacker would.
"""

from __future__ import annotations

import hashlib
import json
import re
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from .conftest import REPO
from .test_accept import NEW_MINISTRY, candidate_with_new_ministry

ARTICLE = REPO / "tests" / "extract_gold" / "en01-japan-eip.txt"
HOSTILE = ['</script><script>alert("x")</script>', '"; DROP TABLE sources; --']


class Running:
    """A review session served on 127.0.0.1, and a client for it."""

    def __init__(self, session: Any, server: Any) -> None:
        self.session, self.server = session, server
        self.url = f"http://127.0.0.1:{server.server_address[1]}"
        self.client = httpx.Client(base_url=self.url, timeout=60)

    def data(self) -> dict[str, Any]:
        page = self.client.get("/").text
        blob = re.search(
            r'<script type="application/json" id="review-data">(.*?)</script>', page, re.S
        )
        assert blob is not None
        return json.loads(blob.group(1))

    def post(self, path: str, candidate: dict[str, Any], **headers: str) -> httpx.Response:
        sent = {"Content-Type": "application/json", "X-Review-Token": self.session.token, **headers}
        return self.client.post(path, content=json.dumps({"candidate": candidate}), headers=sent)


@pytest.fixture
def running(data_copy: Path, tmp_path: Path) -> Iterator[Running]:
    from graph_builder.review.app import open_review, review_server

    candidate = candidate_with_new_ministry(tmp_path)
    session = open_review(candidate, data_copy, build_dir=tmp_path / "build", article=ARTICLE)
    server = review_server(session)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Running(session, server)
    server.shutdown()
    server.server_close()


def _fingerprint(*folders: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _reviewed(data: dict[str, Any], **body: Any) -> dict[str, Any]:
    """The page's candidate with every unresolved item created as the page does."""
    candidate = json.loads(json.dumps(data["candidate"]))
    for item in candidate.get("unresolved", {}).get("bodies", []):
        item.update(create=True, id=item["suggested_id"], acts_for=item.get("note") or "JP")
        item.update(body)
    candidate["unresolved"]["agreement"]["create"] = True
    return candidate


def test_the_page_is_self_contained_and_allows_only_its_own_script(running):
    response = running.client.get("/")
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    scripts = re.findall(r"'sha256-[^']+'", csp.split("script-src", 1)[1].split(";", 1)[0])
    assert len(scripts) == 1
    page = response.text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # nothing external
    assert "<script src" not in page and "<link" not in page
    assert response.headers["x-content-type-options"] == "nosniff"
    data = running.data()
    assert data["article"]["text"] == ARTICLE.read_text(encoding="utf-8").replace("\r\n", "\n")
    steel = next(row for row in data["schemes"]["sectors"] if row[0] == "steel")
    assert steel[1:3] == ["iron and steel industry", "industri besi dan baja"]
    assert "baja" in steel[3].split("; ")
    assert data["candidate"]["unresolved"]["bodies"][0]["suggested_id"] == NEW_MINISTRY


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"X-Review-Token": ""}, 403),
        ({"X-Review-Token": "not-the-token"}, 403),
        ({"Content-Type": "text/plain"}, 415),
        ({"Host": "evil.example:80"}, 421),
    ],
    ids=["no-token", "wrong-token", "not-json", "another-host"],
)
def test_a_write_without_the_token_or_from_elsewhere_is_refused(
    headers, status, running, data_copy, tmp_path
):
    before = _fingerprint(data_copy)
    response = running.post("/save", _reviewed(running.data()), **headers)
    assert response.status_code == status
    assert _fingerprint(data_copy) == before
    assert not (tmp_path / "build").exists()


def test_check_answers_the_diff_and_save_writes_builds_and_shows_the_viewer(
    running, data_copy, tmp_path, cli
):
    candidate = _reviewed(running.data())
    checked = running.post("/check", candidate).json()
    assert checked["problems"] == []
    assert "+ mou-industrial-cooperation-id-jp-2024  agr:hasParty  JP" in checked["diff"]
    assert not (data_copy / "sources" / "en01-japan-eip.yaml").exists()
    saved = running.post("/save", candidate).json()
    assert saved["saved"] is True, saved
    assert "SHACL: conforms" in saved["build"]
    assert str(data_copy / "sources" / "en01-japan-eip.yaml") in saved["written"]
    viewer = running.client.get("/viewer")
    assert (
        viewer.status_code == 200
        and "script-src 'sha256-" in viewer.headers["content-security-policy"]
    )
    assert '"focus":{"node":' in viewer.text  # opened on the new agreement
    rows = cli(
        "query", "agreements-by-country", "--param", "country=JP",
        "--data", data_copy, "--build", tmp_path / "build",
    )  # fmt: skip
    assert (
        rows.exit_code == 0
        and "Indonesia–Japan MoU on industrial cooperation (2024)" in rows.stdout
    )


def test_a_problem_points_at_the_claim_that_caused_it(running, data_copy):
    candidate = _reviewed(running.data())
    candidate["claims"].append({"about": "kemenperin", "acts_for": {"ref": "XX", "at": "¶1"}})
    checked = running.post("/check", candidate).json()
    where = [p["where"] for p in checked["problems"]]
    assert [["claims", len(candidate["claims"]) - 1, "acts_for", "ref"]] == where
    assert "'XX' is not an ISO 3166-1 country code" in checked["problems"][0]["message"]
    saved = running.post("/save", candidate).json()
    assert saved["saved"] is False
    assert not (data_copy / "sources" / "en01-japan-eip.yaml").exists()


def test_hostile_labels_are_stored_as_the_text_they_are(running, data_copy):
    """Each hostile text as a label of its own language, checked by one save and build."""
    from graph_builder.ingest.sources import read_entities

    labels = dict(zip(("en", "id"), HOSTILE, strict=True))
    candidate = _reviewed(running.data(), label=labels)
    saved = running.post("/save", candidate).json()
    assert saved["saved"] is True, saved
    ministry = read_entities(data_copy).entities[NEW_MINISTRY]
    assert ministry.labels == labels


@pytest.mark.parametrize("source_id", ["../../evil", "/tmp/evil", "a/../../evil"])
def test_a_source_id_cannot_lead_outside_the_data_folder(source_id, running, data_copy, tmp_path):
    candidate = _reviewed(running.data())
    candidate["source"]["id"] = source_id
    before = _fingerprint(data_copy)
    saved = running.post("/save", candidate).json()
    assert saved["saved"] is False
    assert "source.id: needs a source id such as S5" in saved["problems"][0]["message"]
    assert _fingerprint(data_copy) == before
    assert not list(tmp_path.rglob("evil*")) and not Path("/tmp/evil.yaml").exists()


def test_an_entity_file_linked_outside_the_data_folder_is_not_written(running, data_copy, tmp_path):
    outside = tmp_path / "outside.yaml"
    bodies = data_copy / "entities" / "bodies.yaml"
    outside.write_text(bodies.read_text(encoding="utf-8"), encoding="utf-8")
    bodies.unlink()
    bodies.symlink_to(outside)
    before = _fingerprint(data_copy, outside.parent)
    response = running.post("/save", _reviewed(running.data()))
    assert response.status_code == 422
    # refused when the data folder is read (a link leaving it), before anything is written
    assert "outside" in response.json()["error"]
    assert _fingerprint(data_copy, outside.parent) == before


def test_a_candidate_is_reviewed_with_the_article_its_first_line_names(data_copy, tmp_path):
    import shutil

    from graph_builder.extract import load_extractor, read_article
    from graph_builder.extract.candidate import render_candidate
    from graph_builder.review.page import read_review_input

    shutil.copy(ARTICLE, tmp_path / ARTICLE.name)
    extractor = load_extractor()
    result = extractor.extract(read_article(tmp_path / ARTICLE.name))
    candidate = tmp_path / "candidate.yaml"
    candidate.write_text(render_candidate(result, extractor.lexicon), encoding="utf-8")
    review = read_review_input(candidate, data_copy)
    assert review.name == ARTICLE.name
    assert review.text == ARTICLE.read_text(encoding="utf-8")
    assert review.candidate["source"]["id"] == "en01-japan-eip"
    (tmp_path / ARTICLE.name).unlink()
    assert read_review_input(candidate, data_copy).text is None


@pytest.mark.parametrize(
    "candidate",
    [
        {"source": [], "claims": "x"},
        {"source": {"id": "S9"}, "claims": [1, "a", None], "unresolved": []},
        {"source": {"id": "S9"}, "claims": [{"about": None}], "unresolved": {"bodies": [7]}},
        {"source": {"id": "S9", "label": None}, "claims": [], "unresolved": {"agreement": 1}},
        {"source": {"id": "S9"}, "claims": [{"about": "ID", "called: [x]\nsource": 1}]},
        {"source": {"id": "S9", "x\n  y": 1}, "claims": []},
        {"source": {"id": "S9"}, "unresolved": {"agreement": {"pending": [1]}}},
    ],
)
def test_a_malformed_candidate_gets_problems_not_a_failure(candidate, running, data_copy):
    before = _fingerprint(data_copy)
    for path in ("/check", "/save"):
        response = running.post(path, candidate)
        assert response.status_code == 200, response.text
        assert response.json()["problems"]
    assert _fingerprint(data_copy) == before


@pytest.mark.parametrize(
    "sig",
    [signal.SIGINT, pytest.param(signal.SIGTERM, marks=pytest.mark.slow)],
    ids=["SIGINT", "SIGTERM"],
)
def test_the_review_command_serves_the_page_on_127_0_0_1_until_stopped(sig, data_copy, tmp_path):
    """Ctrl-C (which the command announces) stops it even when it was started with SIGINT
    ignored, as a script's background job or a test runner's worker starts it."""
    import os
    import subprocess
    import sys

    command = [sys.executable, "-m", "graph_builder", "review", str(ARTICLE), "--no-browser"]
    command += ["--data", str(data_copy), "--out", str(tmp_path / "build")]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        found = re.search(r"review page at (http://127\.0\.0\.1:[0-9]+/)", line)
        assert found, line
        page = httpx.get(found.group(1), timeout=30)
        assert page.status_code == 200 and "review-data" in page.text
    finally:
        os.kill(process.pid, sig)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    assert process.returncode == (0 if sig == signal.SIGINT else 128 + sig)


def test_hostile_text_in_a_candidate_cannot_end_the_data_block(data_copy, tmp_path):
    from graph_builder.extract.candidate import yaml_text
    from graph_builder.review.app import open_review

    candidate = {
        "source": {"id": "hostile", "type": "NewsArticle", "label": {"en": "x", "id": "x"}},
        "claims": [{"about": "kemenperin", "called": [{"value": h, "says": h} for h in HOSTILE]}],
    }
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml_text(candidate), encoding="utf-8")
    page = open_review(path, data_copy, build_dir=tmp_path / "build").page
    assert "</script><script>" not in page and "<!--" not in page
    blob = re.search(r'id="review-data">(.*?)</script>', page, re.S)
    assert blob is not None
    called = json.loads(blob.group(1))["candidate"]["claims"][0]["called"]
    assert [c["value"] for c in called] == HOSTILE


def test_an_html_article_gives_the_page_its_offsets_for_the_spans(data_copy, tmp_path):
    """Spans are offsets into the input; the page maps them to its text as this test does."""
    import bisect
    import html

    from graph_builder.review.page import read_review_input

    paragraphs = ARTICLE.read_text(encoding="utf-8").split("\n\n")
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    page = tmp_path / "article.html"
    page.write_text(f"<html><head><title>T</title></head><body>{body}</body></html>")
    review = read_review_input(page, data_copy)
    assert review.offsets and review.text
    raw = page.read_text()
    items = [
        item
        for item in review.candidate["unresolved"]["agreement"]["pending"]["sectors"]
        if isinstance(item, dict)
    ]
    assert items
    for item in items:
        start, end = item["span"]
        text_start = bisect.bisect_left(review.offsets, start)
        text_end = bisect.bisect_left(review.offsets, end)
        assert review.text[text_start:text_end] == item["says"]
        assert html.unescape(raw[start:end]) == item["says"]


def test_a_build_that_fails_after_save_says_so_and_the_files_stay(running, data_copy, tmp_path):
    build = tmp_path / "build"
    build.mkdir()
    (build / "mine.txt").write_text("not a build's")  # a build will not replace this folder
    saved = running.post("/save", _reviewed(running.data())).json()
    assert saved["saved"] is True and saved["viewer"] is None
    assert saved["build"].startswith("the build failed: ") and "mine.txt" in saved["build"]
    assert (data_copy / "sources" / "en01-japan-eip.yaml").exists()
    assert (build / "mine.txt").read_text() == "not a build's"
