"""``graph-builder serve`` answers from one build until restarted, and cleans up after itself.

Issue 21: after a rebuild, a worker restarted after a 504 opened the new build while the
others kept the old one; and SIGTERM left the temporary store in /tmp. Each test runs
the real command in a child process, with TMPDIR pointing into the test's folder so
that what it leaves behind can be seen.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph_builder.server.app import BUILD_HEADER
from graph_builder.server.snapshot import build_id
from tests.conftest import DATA_DIR

pytestmark = pytest.mark.server

S4 = "https://w3id.org/agreement-graph/graph/source/S4"
ASK_S4 = f"ASK {{ GRAPH <{S4}> {{ ?s ?p ?o }} }}"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _graph_builder(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "graph_builder", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def _build(data: Path, out: Path) -> None:
    proc = _graph_builder("build", "--data", str(data), "--out", str(out), "--export", "none")
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _serving(tmp: Path, *args: str) -> Iterator[tuple[subprocess.Popen[bytes], httpx.Client]]:
    port = _free_port()
    env = {**os.environ, "TMPDIR": str(tmp)}
    proc = _graph_builder("serve", "--port", str(port), "--workers", "1", *args, env=env)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            deadline = time.monotonic() + 120
            while True:
                try:
                    client.get("/queries")
                    break
                except httpx.TransportError:
                    assert proc.poll() is None, proc.stderr.read().decode()  # type: ignore[union-attr]
                    assert time.monotonic() < deadline, "serve did not start"
                    time.sleep(0.05)
            yield proc, client
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def _ask_s4(client: httpx.Client) -> httpx.Response:
    headers = {"Accept": "application/sparql-results+json"}
    return client.get("/sparql", params={"query": ASK_S4}, headers=headers)


def test_a_rebuild_while_serving_does_not_reach_a_restarted_worker(tmp_path: Path) -> None:
    data, build, tmp = tmp_path / "data", tmp_path / "build", tmp_path / "tmp"
    shutil.copytree(DATA_DIR, data)
    tmp.mkdir()
    _build(data, build)
    served_id = build_id((build / "manifest.json").read_bytes())
    with _serving(tmp, "--build", str(build), "--data", str(data), "--timeout", "1") as (
        proc,
        client,
    ):
        before = _ask_s4(client)
        assert before.json()["boolean"] is True
        assert before.headers[BUILD_HEADER] == served_id
        description = client.get("/sparql", headers={"Accept": "text/turtle"}).text
        assert f'dcterms:identifier "{served_id}"' in description

        (data / "sources" / "s4-detikfinance.yaml").unlink()  # a new build without S4
        (data / "divergences.yaml").unlink()  # (which names S4)
        _build(data, build)
        assert build_id((build / "manifest.json").read_bytes()) != served_id

        killed = client.get("/sparql", params={"query": CROSS_JOIN})
        assert killed.status_code == 504  # the worker was killed; a new one starts
        deadline = time.monotonic() + 60
        after = _ask_s4(client)
        while after.status_code == 503 and time.monotonic() < deadline:
            time.sleep(0.05)
            after = _ask_s4(client)
        assert after.status_code == 200, after.text
        assert after.json()["boolean"] is True, "the restarted worker opened the new build"
        assert after.headers[BUILD_HEADER] == served_id
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    assert list(tmp.iterdir()) == [], "the private copy of the store was left behind"


@pytest.mark.parametrize(
    "sig",
    [signal.SIGTERM, pytest.param(signal.SIGINT, marks=pytest.mark.slow)],
    ids=["SIGTERM", "SIGINT"],
)  # the fast lane's SIGINT is test_server.py's graceful shutdown (each case starts a server)
def test_the_temporary_store_is_removed_on_sigterm_as_on_sigint(
    tmp_path: Path, sig: signal.Signals
) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    with _serving(tmp, "--rebuild") as (proc, client):
        response = client.get("/sparql", headers={"Accept": "text/turtle"})
        assert response.headers[BUILD_HEADER].startswith("inputs:")
        # beside multiprocessing's own folder (pymp-…, the fork server's socket)
        temporary = [p.name[:14] for p in tmp.iterdir() if not p.name.startswith("pymp-")]
        assert temporary == ["graph-builder-"]
        proc.send_signal(sig)
        proc.wait(30)
        err = proc.stderr.read().decode()  # type: ignore[union-attr]
    assert "Traceback" not in err
    assert list(tmp.iterdir()) == [], "the temporary store was left behind"


def test_the_load_options_reach_the_server_config(
    monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    import graph_builder.server.app as server

    seen: dict[str, object] = {}
    monkeypatch.setattr(server, "serve", lambda factory, **kwargs: seen.update(kwargs))
    result = cli(
        "serve",
        "--rebuild",
        "--forwarded-allow-ips",
        "127.0.0.1, 10.0.0.0/8",
        "--write-timeout",
        "3",
        "--max-queued-per-client",
        "2",
        "--reserved-workers",
        "0",
    )
    assert result.exit_code == 0, result.output
    config = seen["config"]
    assert isinstance(config, server.ServerConfig)
    assert config.forwarded_allow_ips == ("127.0.0.1", "10.0.0.0/8")
    assert (config.write_timeout, config.max_queued_per_client) == (3.0, 2)
    assert config.reserved_workers == 0
    assert config.build_id is not None and config.build_id.startswith("inputs:")


def test_a_forwarded_allow_ips_entry_that_is_no_address_is_bad_input(cli: Any) -> None:
    result = cli("serve", "--forwarded-allow-ips", "127.0.0.1,proxy.local")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "Error: trusted proxy 'proxy.local' is not an IP address, a network (127.0.0.0/8) or '*'"
    )
