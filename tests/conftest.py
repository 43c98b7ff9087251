"""Shared fixtures: the default dataset, a tiny source tree, and external components.

External components (headless Chromium) skip with a reason on a machine without them;
with GRAPH_BUILDER_REQUIRE_ALL=1 (set by .ci/run) a missing component fails instead.
"""

from __future__ import annotations

import gc
import os
import shutil
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA_DIR = REPO / "data"
REQUIRE_ALL = os.environ.get("GRAPH_BUILDER_REQUIRE_ALL") == "1"


def pytest_collection_finish(session: pytest.Session) -> None:
    """Keep what collection loaded (modules, the ontology) out of the cyclic collector's way.

    Whole-heap collections walked every object alive, the session's rdflib dataset and
    imported modules included, a few dozen times a run: 18% of a worker's CPU on five
    test files. Frozen objects are still freed by reference counting; only cycles among
    them are never collected, and they live for the whole session anyway. What later
    tests load (the extractor's gazetteers, module fixtures) is not frozen, so the
    whole-heap pass runs a tenth as often (after 100 middle-generation passes, not 10);
    cycles are still collected, a little later."""
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 100)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: pytest.FixtureDef[Any], request: Any) -> Any:
    """Freeze a session fixture's objects too, as collection's are (see above)."""
    value = yield
    if fixturedef.scope == "session":
        gc.freeze()
    return value


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Stop the query processes' fork server when the session ends, so that the run's CPU
    time counts it and its children however this process then ends (``stop_fork_server``)."""
    from graph_builder.sparql.bounded import stop_fork_server

    stop_fork_server()


LONGEST_FIRST = (
    "tests/extract/",
    "tests/test_build.py",
    "tests/test_publish.py",
    "tests/test_queries.py",
    "tests/test_export.py",
    "tests/test_review.py",
    "tests/test_server.py",
    "tests/test_files.py",
    "tests/test_validate.py",
    "tests/test_default_graph.py",
    "tests/test_sources.py",
    "tests/test_accept.py",
    "tests/test_viewer_browser.py",
    "tests/test_server_build.py",
    "tests/test_cli.py",
)
"""The test files that take a worker longest (measured with ``--durations``), handed out
first under ``-n`` so that no worker is left with a long file while the others are done."""

SAME_WORKER = {
    "tests/test_publish_bulk.py": "tests/test_publish.py",
    "tests/extract/": "tests/extract/",
    "tests/test_extract.py": "tests/extract/",
}
"""Files (or folders) whose tests go to one worker, named by a file or folder of theirs, to
share a session fixture made once a process: Virtuoso, and the extractor (2 s of CPU to
load its lexicon and build both languages' phrase finders)."""


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """With ``--dist loadfile``: each file whole to one worker, the longest files first, and
    the files of ``SAME_WORKER`` together.

    xdist's private scheduler API, not its public ``--dist loadgroup`` with an
    ``xdist_group`` mark a file: under pytest 9.2 loadgroup groups nothing (xdist 3.8
    writes the group into ``item._nodeid``, which pytest no longer reads; pytest-xdist
    issue 1386), so every file's tests would be spread over the workers, and each would
    start the file's server, browser or build again."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class Scheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = super()._split_scope(nodeid)
            shared = (scope for start, scope in SAME_WORKER.items() if path.startswith(start))
            return next(shared, path)

        def _assign_work_unit(self, node: Any) -> None:
            for path in reversed(LONGEST_FIRST):
                if path in self.workqueue:
                    self.workqueue.move_to_end(path, last=False)
            super()._assign_work_unit(node)

    return Scheduling(config, log)


def missing_component(reason: str) -> None:
    """Skip the test, or fail it when GRAPH_BUILDER_REQUIRE_ALL=1."""
    if REQUIRE_ALL:
        pytest.fail(f"{reason} (GRAPH_BUILDER_REQUIRE_ALL=1 forbids skipping)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of a headless-capable Chromium, from Debian's ``chromium`` package."""
    for candidate in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(candidate)
        if found:
            break
    else:
        missing_component("headless Chromium not installed (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing_component("Playwright for Python not installed (pip install playwright)")
    return found


CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
"""Flags that keep Chromium quiet on a machine with no network."""


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Any]:
    """Headless Chromium, launched once a test module (0.8 s of CPU a launch); each test
    opens its own context or page on it, so cookies and storage are not shared. Not once
    a session: Playwright's event loop would stay set in the thread, and a later test's
    ``asyncio.run`` would refuse to start."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:  # stopping Playwright closes the browser
        yield playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)


@contextmanager
def server_page(browser: Any, base: str, **context_options: Any) -> Iterator[Any]:
    """A page of a new context of *browser* that may reach *base* only: every request is
    recorded in ``page.requests_seen`` and any to another host aborted; console errors and
    uncaught exceptions (CSP violations included) are collected in ``page.problems``."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.requests_seen = []
    page.problems = []

    def route(r: Any) -> None:
        page.requests_seen.append(r.request.url)
        if urlsplit(r.request.url).netloc == urlsplit(base).netloc:
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    try:
        yield page
    finally:
        context.close()


def cli_row_count(name: str, *params: str) -> int:
    """Rows of the named query *name* from the ``query`` command, ``--param`` each of *params*."""
    import csv
    import io

    from click.testing import CliRunner

    from graph_builder.cli import main

    args = ["query", name, "--format", "csv"]
    for p in params:
        args += ["--param", p]
    outcome = CliRunner().invoke(main, args)
    assert outcome.exit_code == 0, outcome.output
    return len(list(csv.reader(io.StringIO(outcome.output)))) - 1


@pytest.fixture(scope="session")
def dataset():
    """The default dataset (a GraphStore in memory), built once per test session."""
    from graph_builder.dataset import load_dataset

    return load_dataset(DATA_DIR)


@pytest.fixture(scope="session")
def rdf_dataset(dataset):
    """The default dataset as an rdflib Dataset (default graph = union), for triple checks."""
    return dataset.to_rdflib()


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the bundled data as ``build --no-viewer`` makes it (its store, manifest,
    key listings, ``graph.trig`` and what it keeps for the next build), made once per test
    session. Read only: :func:`built_copy` copies it to change it."""
    from graph_builder.build import run_build

    out = tmp_path_factory.mktemp("bundled") / "build"
    run_build(DATA_DIR, out, viewer=False)
    return out


@pytest.fixture
def built_copy(bundled_build: Path, tmp_path: Path) -> Path:
    """A writable copy of the bundled data, ``tmp_path/data`` (as :func:`data_copy`), and
    of :func:`bundled_build` beside it, ``tmp_path/out``: a build copied with its data is
    current for the copy (:mod:`graph_builder.manifest_inputs`), so the next build there
    loads only what the test changes. For tests of what a later build does, not of the
    first build, which this makes once a session instead of once a test."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, copy_function=shutil.copy2)
    shutil.copytree(bundled_build, tmp_path / "out", copy_function=shutil.copy2)
    return target


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder, for tests that break or extend it."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.fixture
def cli():
    """Run ``graph-builder ARGS`` in-process; returns click's Result (stdout and stderr apart)."""
    from click.testing import CliRunner

    from graph_builder.cli import main

    runner = CliRunner()

    def run(*args: str):
        result = runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
        _forget_exit(result)
        return result

    return run


def _forget_exit(result: Any) -> None:
    """Drop the SystemExit that click's result keeps, and its frames' locals.

    Its traceback's first frame (click's ``invoke``) holds it: a cycle, which also keeps
    the frames that called ``invoke`` (the test's, by ``f_back``) and the engine answers in
    them until the collector runs, perhaps on a later test's server thread, where the engine
    refuses to free them (tests/test_query_threads.py). No test reads ``exc_info``."""
    error = result.exc_info[1] if result.exc_info is not None else None
    while error is not None:
        traceback.clear_frames(error.__traceback__)
        error = error.__context__
    result.exc_info = None


def curie(text: str):
    """``agr:hasParty`` → the full IRI; ``"5"^^xsd:int``-style literals are not handled here."""
    from rdflib import URIRef

    from graph_builder.namespaces import PREFIXES

    prefix, _, local = text.partition(":")
    return URIRef(str(PREFIXES[prefix]) + local)


# Real triple stores (Virtuoso, Oxigraph's server), started on demand: see tests/stores.py.
from .stores import oxigraph_server, virtuoso  # noqa: E402, F401
