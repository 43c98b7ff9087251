"""A long text's sentence work in a forked child: the same candidate as in one process."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from graph_builder.errors import ArticleError
from graph_builder.extract import Extractor, overlap
from graph_builder.extract.batch import extract_file
from graph_builder.extract.candidate import render_candidate
from graph_builder.extract.text import article_from_bytes, read_article

GOLD = Path(__file__).resolve().parent.parent / "extract_gold"
ARTICLES = sorted(p for p in GOLD.iterdir() if p.suffix in (".txt", ".html"))


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every text forks a child; the list counts the children forked."""
    forked: list[int] = []
    real_fork = os.fork

    def counted() -> int:
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(overlap, "FORK_FROM", 0)
    monkeypatch.setattr(os, "fork", counted)
    # a test worker may still hold an earlier test's idle thread, which makes the product
    # refuse to fork (test_a_process_with_another_thread_forks_nothing): allow it here
    monkeypatch.setattr(overlap, "_can_fork", lambda: True)
    return forked


# The fast lane puts a spread of the gold articles through a child (both languages, text and
# HTML; the long pages below hold every text article); every one is the slow lane's sweep.
SPREAD = ARTICLES[::16]


@pytest.mark.parametrize(
    "articles",
    [
        pytest.param(SPREAD, id="spread"),
        pytest.param(ARTICLES, id="every", marks=pytest.mark.slow),
    ],
)
def test_gold_articles_are_the_same_through_a_child(
    extractor: Extractor,
    forks: list[int],
    monkeypatch: pytest.MonkeyPatch,
    articles: list[Path],
) -> None:
    through_child = [_candidate_or_refusal(extractor, path) for path in articles]
    assert len(forks) == len(articles)
    monkeypatch.setattr(overlap, "FORK_FROM", overlap.FORK_FROM + 10**12)
    alone = [_candidate_or_refusal(extractor, path) for path in articles]
    assert len(forks) == len(articles)
    assert through_child == alone


def _candidate_or_refusal(extractor: Extractor, path: Path) -> str:
    """The candidate's text, or the refusal of an article that names nothing to link."""
    try:
        return extract_file(extractor, path)[1]
    except ArticleError as refusal:
        return f"refused: {refusal}"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_long_page_of_articles_is_the_same_through_a_child(
    extractor: Extractor, forks: list[int], monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    # every article of one language as one page: dates, lists and sentences of every kind
    texts = [read_article(p).text for p in ARTICLES if p.suffix == ".txt"]
    marker = " dan " if lang == "id" else " and "
    page = "\n\n".join(t for t in texts if t.count(marker) > 3).encode("utf-8")
    article = article_from_bytes(Path("page.txt"), page)
    through_child = render_candidate(extractor.extract(article, lang=lang), extractor.lexicon)
    assert forks
    monkeypatch.setattr(overlap, "FORK_FROM", overlap.FORK_FROM + 10**12)
    alone = render_candidate(extractor.extract(article, lang=lang), extractor.lexicon)
    assert through_child == alone


def test_the_work_runs_in_the_child(forks: list[int]) -> None:
    with overlap.Pending(os.getpid, size=1) as pending:
        assert pending.result() == forks[0] != os.getpid()


def test_a_failed_child_leaves_the_work_to_this_process(forks: list[int]) -> None:
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            os._exit(3)  # the child dies without sending anything
        return 7

    with overlap.Pending(work, size=1) as pending:
        assert pending.result() == 7
    assert forks


def test_leaving_early_stops_the_child(forks: list[int]) -> None:
    with pytest.raises(RuntimeError), overlap.Pending(signal.pause, size=1):
        raise RuntimeError("the caller's own work failed")
    with pytest.raises(ChildProcessError):
        os.waitpid(forks[0], os.WNOHANG)  # reaped already


def test_a_short_text_forks_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked for a short text"))
    with overlap.Pending(os.getpid, size=overlap.FORK_FROM - 1) as pending:
        assert pending.result() == os.getpid()


def test_a_process_with_another_thread_forks_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A thread holding a lock at the fork would leave the child's copy locked for ever."""
    monkeypatch.setattr(overlap, "FORK_FROM", 0)
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked beside another thread"))
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        with overlap.Pending(os.getpid, size=1) as pending:
            assert pending.result() == os.getpid()
    finally:
        release.set()
        other.join()
