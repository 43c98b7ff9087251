"""Bounded queries: ``query --timeout`` and :mod:`graph_builder.sparql.bounded`.

A query that runs past its limit has its process killed: the command exits 1 with a
message, no child process is left behind, and a temporary store is removed.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import subprocess
import sys
import tempfile
import time
from multiprocessing import forkserver
from pathlib import Path

import pytest

from graph_builder import errors
from graph_builder.errors import GraphBuilderError, QueryError, QueryStopped, QueryTimeout
from graph_builder.sparql.bounded import (
    BoundedProcess,
    fork_is_safe,
    run_bounded,
    run_query_bounded,
)
from graph_builder.sparql.named import get_named_query, run_query
from graph_builder.sparql.results import result_rows

BOMB = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
    'FILTER(REGEX(STR(?c), "(a+)+$")) }'
)
MARGIN = 3.0
"""Seconds past the limit a stopped command may take (killing, reaping, a busy machine)."""


@pytest.fixture(scope="module")
def build_dir(bundled_build: Path) -> Path:
    """A persisted, up-to-date build of the bundled data (the session's)."""
    return bundled_build


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where temporary stores go during the test (checked empty afterwards)."""
    root = tmp_path / "temp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def _child_pids() -> set[int]:
    """Every process whose parent is this one or its fork server, zombies included (read
    from /proc).

    multiprocessing's resource tracker and fork server, each started once with the first
    child that needs it and kept for the life of this process, are left out; the fork
    server's children are the query processes it forked for this one.
    """
    from multiprocessing import forkserver, resource_tracker

    kept = {
        getattr(resource_tracker._resource_tracker, "_pid", None),
        getattr(forkserver._forkserver, "_forkserver_pid", None),
    }
    parents = {os.getpid()} | kept
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        if int(fields[1]) in parents and pid not in kept:
            found.add(pid)
    return found


@pytest.fixture
def no_child_left():
    """Fail the test if it leaves a child process behind (running or zombie)."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc")
    before = _child_pids()
    yield
    assert multiprocessing.active_children() == []
    assert _child_pids() <= before


# --------------------------------------------------------------------------- command line


@pytest.mark.usefixtures("no_child_left")
def test_a_runaway_query_is_stopped_at_the_timeout(cli, build_dir):
    started = time.monotonic()
    result = cli("query", "-e", BOMB, "--timeout", "1", "--build", build_dir)
    elapsed = time.monotonic() - started
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: the query ran longer than 1 s and was stopped; narrow it or add a LIMIT "
        "(--timeout 0 lifts the limit)\n"
    )
    assert 1 <= elapsed < 1 + MARGIN


@pytest.mark.usefixtures("no_child_left")
def test_the_temporary_store_is_removed_after_a_timeout(cli, tmp_path, temp_root):
    result = cli("query", "-e", BOMB, "--timeout", "1", "--build", tmp_path / "no-build")
    assert result.exit_code == 1
    assert "ran longer than 1 s" in result.stderr
    assert list(temp_root.iterdir()) == []


@pytest.mark.usefixtures("no_child_left")
def test_the_temporary_store_is_removed_after_a_query(cli, tmp_path, temp_root, build_dir):
    result = cli("query", "parties", "--build", tmp_path / "no-build")
    assert result.exit_code == 0
    assert result.stdout == cli("query", "parties", "--build", build_dir).stdout
    assert list(temp_root.iterdir()) == []


@pytest.mark.usefixtures("no_child_left")
@pytest.mark.parametrize(
    ("query", "fmt"),
    [
        (["agreements-by-country", "--param", "country=KR"], "table"),
        (["agreements-by-country", "--param", "country=KR"], "json"),
        (["-e", "ASK { ?s ?p ?o }"], "table"),
        (["-e", "CONSTRUCT { ?a agr:hasParty ?p } WHERE { ?a agr:hasParty ?p }"], "json"),
    ],
    ids=["named-table", "named-json", "ask", "construct-jsonld"],
)
def test_a_bounded_query_prints_what_an_unbounded_one_does(cli, build_dir, query, fmt):
    args = ["query", *query, "--format", fmt, "--build", build_dir]
    bounded = cli(*args, "--timeout", "5")
    unbounded = cli(*args, "--timeout", "0")
    assert (bounded.exit_code, unbounded.exit_code) == (0, 0)
    assert bounded.stdout == unbounded.stdout != ""


@pytest.mark.usefixtures("no_child_left")
def test_bad_query_text_is_still_exit_2(cli, build_dir):
    result = cli("query", "-e", "SELECT ?s WHERE { ?s ", "--build", build_dir)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: the query does not parse")


def test_a_negative_timeout_is_a_usage_error(cli):
    result = cli("query", "parties", "--timeout", "-1")
    assert result.exit_code == 2


# --------------------------------------------------------------------------- library


@pytest.mark.usefixtures("no_child_left")
def test_run_query_bounded_answers_as_run_query_does(build_dir, dataset):
    named = get_named_query("parties")
    bounded = run_query_bounded(build_dir / "store", named.text, trusted=True, timeout=5)
    assert result_rows(bounded) == result_rows(run_query(dataset, named.text, trusted=True))


@pytest.mark.usefixtures("no_child_left")
def test_run_query_bounded_raises_query_timeout(build_dir):
    started = time.monotonic()
    with pytest.raises(QueryTimeout) as caught:
        run_query_bounded(build_dir / "store", BOMB, timeout=1)
    assert 1 <= time.monotonic() - started < 1 + MARGIN
    assert caught.value.timeout == 1
    assert "--" not in str(caught.value), "library messages do not name command-line flags"


@pytest.mark.usefixtures("no_child_left")
def test_errors_raised_in_the_child_reach_the_caller(tmp_path):
    with pytest.raises(errors.SourceError, match="no store here"):
        run_query_bounded(tmp_path, "ASK {}", timeout=5)


@pytest.mark.usefixtures("no_child_left")
def test_a_child_that_dies_is_reported():
    with pytest.raises(QueryStopped, match="exit code 3"):
        run_bounded(os._exit, 3, timeout=5)


@pytest.mark.usefixtures("no_child_left")
def test_a_child_is_bounded_in_memory():
    with pytest.raises(QueryStopped, match="MiB"):
        run_bounded(bytearray, 8 * 1024**3, timeout=10, memory_mb=1024)


@pytest.mark.usefixtures("no_child_left")
def test_a_bounded_process_makes_one_call():
    with BoundedProcess() as process:
        assert process.run(sum, [1, 2], timeout=5) == 3
        with pytest.raises(QueryError, match="one call"):
            process.run(sum, [1, 2], timeout=5)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fork server is Linux's")
@pytest.mark.usefixtures("no_child_left")
def test_a_process_that_opened_a_store_has_its_children_forked_by_the_fork_server(dataset):
    # the session's dataset started the engine here, so forking this process is not safe;
    # spawning would cost each child a fresh interpreter and rdflib's SPARQL parser
    assert not fork_is_safe()
    for _ in range(2):
        with BoundedProcess() as process:
            assert process.start_method == "forkserver"
            assert process.run(os.getppid, timeout=30) == forkserver._forkserver._forkserver_pid


_LONG_TMPDIR = """
import os, sys
from graph_builder.rdf.store import GraphStore
from graph_builder.sparql.bounded import BoundedProcess
GraphStore.memory()  # the engine runs: this process may not fork a child
with BoundedProcess() as process:
    print(process.start_method, process.run(os.getpid, timeout=60) != os.getpid())
"""


def test_a_temporary_folder_too_deep_for_the_fork_servers_socket_gets_spawned_children(tmp_path):
    deep = tmp_path / ("d" * 100)
    deep.mkdir()
    env = {**os.environ, "TMPDIR": str(deep)}
    run = subprocess.run(
        [sys.executable, "-c", _LONG_TMPDIR], env=env, capture_output=True, text=True, timeout=120
    )
    assert (run.returncode, run.stdout, run.stderr) == (0, "spawn True\n", "")


@pytest.mark.parametrize(
    "error",
    [
        errors.SourceError("data/x.yaml", "bad", line=3, field="sector"),
        errors.QueryError("bad query"),
        errors.QueryStopped("out of memory"),
        QueryTimeout(2.5),
        errors.ValidationFailed("report", 2),
        errors.PushFailed("refused", pushed=["g1"]),
    ],
    ids=lambda e: type(e).__name__,
)
def test_errors_cross_process_boundaries(error: GraphBuilderError):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error) and vars(copy) == vars(error)
