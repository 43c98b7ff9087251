"""``push``: the build into real stores over the Graph Store Protocol and SPARQL Update."""

from __future__ import annotations

import logging
import shutil
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph_builder.dataset import load_dataset
from graph_builder.errors import PublishError, PushFailed
from graph_builder.publish import (
    PushReport,
    PushTarget,
    built_graphs,
    count_triples,
    push_graphs,
    select_graphs,
)

from .conftest import DATA_DIR
from .fake_store import DRIP, FakeStore, drip, huge, running, silent, status

GRAPH = "https://w3id.org/agreement-graph/graph/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SHARED_GRAPHS = ("catalog", "inferred", "ontology", "reference")


def _expected_graphs() -> list[str]:
    """The shared graphs, then one graph per bundled source file, in the build's order."""
    ids = [
        line.split(":", 1)[1].strip()
        for path in (DATA_DIR / "sources").glob("*.yaml")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("  id: ")
    ]
    return sorted(GRAPH + name for name in (*SHARED_GRAPHS, *(f"source/{i}" for i in ids)))


@pytest.fixture(scope="module")
def graphs() -> dict[str, bytes]:
    return built_graphs(load_dataset())


def test_built_graphs_one_per_source_plus_the_shared_ones(graphs, dataset):
    assert list(graphs) == _expected_graphs()
    stated = {iri: dataset.count(iri) for iri in dataset.named_graphs()}
    assert {iri: count_triples(data) for iri, data in graphs.items() if iri in stated} == stated
    inferred = graphs[GRAPH + "inferred"].decode("utf-8").splitlines()
    # a ministry is a government body (agr:Ministry ⊑ agr:GovernmentBody), stated nowhere
    kemenperin = "<https://w3id.org/agreement-graph/id/body/kemenperin> "
    assert (
        kemenperin + f"<{RDF_TYPE}> <https://w3id.org/agreement-graph/ontology#GovernmentBody> ."
        in inferred
    )


def test_select_graphs_by_iri_curie_or_short_name(graphs):
    chosen = select_graphs(graphs, ["ontology", "graph:source/S1", GRAPH + "catalog"])
    assert list(chosen) == [GRAPH + "ontology", GRAPH + "source/S1", GRAPH + "catalog"]
    with pytest.raises(
        PublishError, match=r"no graph 'source/S900' in the build; graphs: catalog, "
    ):
        select_graphs(graphs, ["source/S900"])


@pytest.mark.parametrize("store_name", ["oxigraph_server", "virtuoso"])
def test_push_twice_leaves_the_store_unchanged(request, graphs, store_name):
    store = request.getfixturevalue(store_name)
    first = push_graphs(graphs, store.push_target())
    after_first = store.counts()
    started = time.monotonic()
    second = push_graphs(graphs, store.push_target())
    assert time.monotonic() - started < 30
    assert store.counts() == after_first == {iri: count_triples(d) for iri, d in graphs.items()}
    assert [g.stored for g in first.graphs] == [g.stored for g in second.graphs]
    total = sum(count_triples(d) for d in graphs.values())
    assert f"{len(graphs)} graphs, {total} triples" in second.text()
    assert "counts checked" in second.text()


def test_push_checks_by_gsp_get_without_a_query_endpoint(virtuoso, graphs):
    target = PushTarget(virtuoso.gsp, user=virtuoso.user, password=virtuoso.password, digest=True)
    report = push_graphs(select_graphs(graphs, ["source/S2"]), target)
    assert [(g.triples, g.stored) for g in report.graphs] == [(570, 570)]


def test_push_with_sparql_update(oxigraph_server, graphs):
    target = PushTarget(
        oxigraph_server.update,
        protocol="update",
        query_endpoint=oxigraph_server.query,
    )
    push_graphs(graphs, target)
    push_graphs(graphs, target)
    assert oxigraph_server.counts() == {iri: count_triples(d) for iri, d in graphs.items()}


def test_failed_push_names_the_graphs_that_made_it(oxigraph_server, graphs):
    broken = {
        GRAPH + "reference": graphs[GRAPH + "reference"],
        GRAPH + "broken": b"<not an iri> <p> <o> .\n",
        GRAPH + "catalog": graphs[GRAPH + "catalog"],
    }
    with pytest.raises(PushFailed) as failure:
        push_graphs(broken, oxigraph_server.push_target())
    assert failure.value.pushed == [GRAPH + "reference"]
    assert str(failure.value).startswith(f"push failed: PUT {GRAPH}broken: HTTP 400")
    assert str(failure.value).endswith(f"graphs pushed before the failure: {GRAPH}reference")


def test_wrong_password_is_not_retried(virtuoso, graphs, caplog):
    target = PushTarget(virtuoso.gsp, user="dba", password="wrong", digest=True)
    with caplog.at_level(logging.WARNING), pytest.raises(PushFailed, match="HTTP 401"):
        push_graphs(select_graphs(graphs, ["reference"]), target)
    assert caplog.records == []  # no retry


def test_unreachable_store_is_retried_with_back_off(graphs, caplog):
    target = PushTarget("http://127.0.0.1:9/store", retries=2, backoff=0.05)
    started = time.monotonic()
    with (
        caplog.at_level(logging.WARNING),
        pytest.raises(PushFailed, match="cannot reach the store") as failure,
    ):
        push_graphs(select_graphs(graphs, ["reference"]), target)
    assert [r.message.rpartition(";")[2] for r in caplog.records] == [
        " retry 1 of 2 in 0.05 s",
        " retry 2 of 2 in 0.1 s",
    ]
    assert "retry" not in str(failure.value)
    assert time.monotonic() - started >= 0.15  # 0.05 + 0.1


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (PushTarget("ftp://example.org/store"), "is not an http:// or https:// URL"),
        (PushTarget("http://127.0.0.1:9/u", protocol="update"), "needs query_endpoint"),
        (PushTarget("http://127.0.0.1:9/store", user="dba"), "user 'dba' needs a password"),
        (
            PushTarget("https://127.0.0.1:9/store", ca_bundle=Path("/nonexistent/ca.pem")),
            "CA bundle not found",
        ),
        (
            PushTarget("http://127.0.0.1:9/store", graph_timeout=0),
            "graph_timeout must be a positive number of seconds, not 0",
        ),
        (PushTarget("http://127.0.0.1:9/store", total_timeout=-1.0), "total_timeout must be"),
    ],
)
def test_bad_targets_are_refused_before_sending(graphs, target, message):
    with pytest.raises(PublishError, match=message):
        push_graphs(select_graphs(graphs, ["reference"]), target)


def test_cli_dry_run_and_bad_input(cli, graphs):
    result = cli("push", "http://127.0.0.1:9/store", "--dry-run", "--graph", "ontology")
    assert result.exit_code == 0, result.stderr
    n = count_triples(graphs[GRAPH + "ontology"])
    assert result.stdout.splitlines() == [
        f"would push {GRAPH}ontology: {n} triples",
        f"would push 1 graphs, {n} triples to http://127.0.0.1:9/store",
    ]
    result = cli("push", "http://127.0.0.1:9/store", "--graph", "source/S900")
    assert result.exit_code == 2 and "no graph 'source/S900' in the build" in result.stderr
    result = cli("push", "http://127.0.0.1:9/u", "--protocol", "update")
    assert result.exit_code == 2
    assert "--protocol update needs --query-endpoint URL" in result.stderr


def test_cli_push_with_password_from_the_environment(cli, virtuoso, monkeypatch):
    monkeypatch.setenv("GRAPH_BUILDER_PASSWORD", "dba")
    args = ["push", virtuoso.gsp, "--user", "dba", "--digest", "--query-endpoint", virtuoso.query]
    result = cli(*args, "--graph", "catalog")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("counts checked\n")
    monkeypatch.setenv("GRAPH_BUILDER_PASSWORD", "wrong")
    result = cli(*args, "--graph", "catalog")
    assert result.exit_code == 1
    assert "HTTP 401" in result.stderr
    assert result.stderr.rstrip().endswith("graphs pushed before the failure: none")


# ---------------------------------------------------------------- a store that misbehaves

REFERENCE = GRAPH + "reference"
SLOW = {"timeout": 5.0, "graph_timeout": 0.6}
"""Each wait may last longer than the whole graph: only the graph's deadline can stop it
(the default deadline is 600 s; a short one is cut the same way, and the lane does not wait)."""


@pytest.fixture
def fake_store() -> Iterator[FakeStore]:
    with running() as store:
        yield store


def _push_to(store: FakeStore, graphs, **options) -> PushReport:
    target = PushTarget(store.gsp, query_endpoint=store.query, backoff=0.05, **options)
    return push_graphs(select_graphs(graphs, ["reference"]), target)


def test_fake_store_takes_a_push_checked_by_query_or_by_gsp_get(fake_store, graphs):
    report = _push_to(fake_store, graphs)
    assert [(g.iri, g.stored) for g in report.graphs] == [
        (REFERENCE, g.triples) for g in report.graphs
    ]
    target = PushTarget(fake_store.gsp)
    push_graphs(select_graphs(graphs, ["ontology", "catalog"]), target)
    # Each graph is checked right after it is sent.
    assert fake_store.requests == ["PUT", "POST", "PUT", "GET", "PUT", "GET"]


def test_a_graph_the_store_holds_otherwise_stops_the_push(fake_store, graphs):
    fine = b'{"results": {"bindings": [{"n": {"value": "%d"}}]}}'
    chosen = select_graphs(graphs, ["reference", "catalog", "ontology"])
    n = count_triples(chosen[REFERENCE])
    fake_store.script["POST"] = [status(200, fine % n), status(200, fine % 7)]
    with pytest.raises(PushFailed) as failure:
        push_graphs(chosen, PushTarget(fake_store.gsp, query_endpoint=fake_store.query))
    sent = count_triples(chosen[GRAPH + "catalog"])
    assert f"the store holds 7 triples in {GRAPH}catalog, sent {sent}" in str(failure.value)
    assert failure.value.pushed == [REFERENCE]
    assert fake_store.requests == ["PUT", "POST", "PUT", "POST"]


@pytest.mark.parametrize(
    ("options", "message", "requests"),
    [
        (SLOW, "PUT .*reference: not finished by the 0.6 s deadline for one graph", 1),
        (
            {"timeout": 5.0, "total_timeout": 0.6},
            "not finished by the 0.6 s deadline for the whole push",
            1,
        ),
        (
            {"timeout": 0.3, "retries": 1},
            r"the store did not answer within 0.3 s \(ReadTimeout\); a busy store, or a large "
            "graph's count, may need a longer timeout",
            2,
        ),
    ],
)
def test_a_silent_store_is_given_up_on(fake_store, graphs, options, message, requests):
    fake_store.script["PUT"] = [silent] * 3
    started = time.monotonic()
    with pytest.raises(PushFailed, match=message) as failure:
        _push_to(fake_store, graphs, **options)
    # Unbounded, a silent store holds the request until the 5 s read timeout (or forever).
    assert time.monotonic() - started < SLOW["timeout"]
    assert fake_store.requests == ["PUT"] * requests
    assert failure.value.pushed == []


DRIPPED_HEAD = b"HTTP/1.1 204 No Content\r\n\r\n"
COUNT_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"


@pytest.mark.parametrize(
    ("method", "behaviour", "what"),
    [
        ("PUT", drip(b"", DRIPPED_HEAD), "PUT"),  # the status line, a byte at a time
        ("PUT", drip(b"HTTP/1.1 500 Oops\r\nContent-Length: 99\r\n\r\n", b"x" * 99), "PUT"),
        ("POST", drip(COUNT_HEAD + b"Content-Length: 99\r\n\r\n", b" " * 99), "count of"),
    ],
    ids=["status line", "error text", "count answer"],
)
def test_a_store_that_sends_a_byte_at_a_time_is_cut_at_the_deadline(
    fake_store, graphs, method, behaviour, what
):
    fake_store.script[method] = [behaviour]
    started = time.monotonic()
    with pytest.raises(PushFailed, match=f"{what} .*: not finished by the 0.6 s deadline"):
        _push_to(fake_store, graphs, **SLOW)
    # Uncut, the drip would run to its end: 2.7 s for the shortest of the three.
    assert 0.6 <= time.monotonic() - started < len(DRIPPED_HEAD) * DRIP
    assert fake_store.requests.count(method) == 1


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_a_redirect_is_refused_not_followed_and_not_success(fake_store, graphs, code):
    elsewhere = fake_store.url + "/elsewhere"
    fake_store.script["PUT"] = [status(code, Location=elsewhere)]
    with pytest.raises(PushFailed) as failure:
        _push_to(fake_store, graphs)
    assert f"PUT {REFERENCE}: HTTP {code}: the store redirects to {elsewhere}; " in str(
        failure.value
    )
    assert "give that URL instead" in str(failure.value)
    assert fake_store.requests == ["PUT"]
    assert failure.value.pushed == [] and fake_store.graphs == {}


VIRTUOSO_500 = b"Virtuoso 37000 Error SP031: SPARQL: Internal error"


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        (status(500, VIRTUOSO_500), "HTTP 500: " + VIRTUOSO_500.decode()),
        (status(400, b"bad\n  N-Triples\n"), "HTTP 400: bad N-Triples"),
        (status(404), "HTTP 404"),
        (status(401), "HTTP 401 (check the user name and password)"),
    ],
)
def test_a_deterministic_failure_is_sent_once_and_told_once(
    fake_store, graphs, caplog, answer, shown
):
    fake_store.script["PUT"] = [answer, answer]
    with caplog.at_level(logging.WARNING), pytest.raises(PushFailed) as failure:
        _push_to(fake_store, graphs)
    assert fake_store.requests == ["PUT"]
    assert str(failure.value) == (
        f"push failed: PUT {REFERENCE}: {shown}; graphs pushed before the failure: none"
    )
    assert caplog.records == []


@pytest.mark.parametrize(
    ("answers", "options", "waits"),
    [
        ([status(502)], {}, ["0.05"]),
        ([status(504), status(503)], {}, ["0.05", "0.1"]),  # the back-off doubles
        ([status(503, Retry_After="1")], {}, ["1"]),
        ([status(429, Retry_After="3600")], {"max_retry_after": 0.2}, ["0.2"]),
    ],
)
def test_a_passing_failure_is_retried(fake_store, graphs, caplog, answers, options, waits):
    """Each retry waits what it announces (at least that long: a busy machine may add to it)."""
    fake_store.script["PUT"] = answers
    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        report = _push_to(fake_store, graphs, **options)
    assert time.monotonic() - started >= sum(float(w) for w in waits)
    assert [r.message.rpartition(" in ")[2] for r in caplog.records] == [w + " s" for w in waits]
    assert fake_store.requests.count("PUT") == len(waits) + 1
    assert report.graphs[0].stored == report.graphs[0].triples


def test_retries_end_at_their_count_or_at_the_deadline(fake_store, graphs):
    fake_store.script["PUT"] = [status(504)] * 3
    with pytest.raises(PushFailed, match=f"PUT {REFERENCE}: HTTP 504; graphs"):
        _push_to(fake_store, graphs, retries=2)
    assert fake_store.requests == ["PUT"] * 3
    fake_store.script["PUT"] = [status(429, Retry_After="3600")]
    started = time.monotonic()
    with pytest.raises(PushFailed, match="a retry in 60 s would pass the 1 s deadline for one"):
        _push_to(fake_store, graphs, graph_timeout=1.0)
    assert time.monotonic() - started < 30  # refused at once, not after half of the 60 s wait
    assert fake_store.requests == ["PUT"] * 4


def test_a_huge_count_answer_is_not_read(fake_store, graphs):
    fake_store.script["POST"] = [huge(300 * 2**20)]
    with pytest.raises(PushFailed, match=r"count of .*: the answer runs past 65536 bytes"):
        _push_to(fake_store, graphs)
    fake_store.stop.set()  # the writer may still be blocked on a full socket
    # What the kernel buffered on both ends is all the store got out: a few MB, not 300.
    assert fake_store.sent < 16 * 2**20


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (status(200, b"<html>a login page</html>"), "is not a SPARQL JSON result with a count"),
        (status(200, b'{"results": {"bindings": []}}'), "is not a SPARQL JSON result"),
    ],
)
def test_a_count_answer_that_is_not_a_count(fake_store, graphs, answer, message):
    fake_store.script["POST"] = [answer]
    with pytest.raises(PushFailed, match=message):
        _push_to(fake_store, graphs)


def test_failed_update_leaves_the_old_graph(oxigraph_server, graphs):
    """One request per graph: a store that applies it atomically keeps the old copy."""
    iri = "http://example.org/atomic-push"  # outside the project's graphs that others count
    target = PushTarget(
        oxigraph_server.update, protocol="update", query_endpoint=oxigraph_server.query
    )
    old = {iri: graphs[REFERENCE]}
    push_graphs(old, target)
    with pytest.raises(PushFailed, match=rf"update of {iri}: HTTP 400: .*one update request"):
        push_graphs({iri: graphs[REFERENCE] + b"<not an iri> <p> <o> .\n"}, target)
    rows = oxigraph_server.select(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
    )
    assert int(rows[0]["n"][1]) == count_triples(old[iri])


def test_cli_without_password_or_terminal_names_the_variable(cli, monkeypatch, recwarn):
    monkeypatch.delenv("GRAPH_BUILDER_PASSWORD", raising=False)
    result = cli("push", "http://127.0.0.1:9/store", "--user", "dba")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --user dba needs a password: set GRAPH_BUILDER_PASSWORD "
        "(there is no terminal to ask on)\n"
    )
    assert result.stdout == "" and len(recwarn) == 0


@pytest.mark.parametrize(
    ("answers", "options", "shown"),
    [
        ([status(500, VIRTUOSO_500)], [], "HTTP 500: " + VIRTUOSO_500.decode()),
        ([silent], ["--timeout", "5", "--graph-timeout", "0.6"], "the 0.6 s deadline for one"),
        ([silent], ["--graph-timeout", "5", "--total-timeout", "0.6"], "the whole push"),
        ([silent, status(500, VIRTUOSO_500)], ["--timeout", "0.2"], "HTTP 500: Virtuoso"),
    ],
)
def test_cli_push_failures_are_told_once(cli, fake_store, caplog, answers, options, shown):
    fake_store.script["PUT"] = answers
    with caplog.at_level(logging.WARNING):
        result = cli("push", fake_store.gsp, "--graph", "catalog", *options)
    assert result.exit_code == 1
    assert result.stderr.count(shown) == 1, result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert len(caplog.records) == len(fake_store.requests) - 1  # one line per retry


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, ssl.SSLContext]:
    """A self-signed certificate for 127.0.0.1 (made by openssl), and a server context."""
    from .conftest import missing_component

    if shutil.which("openssl") is None:
        missing_component("openssl not installed (apt-get install openssl)")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return cert, context


def test_tls_is_verified_a_refused_certificate_is_not_retried(certificate, graphs):
    cert, context = certificate
    with running(tls=context) as store:
        with pytest.raises(PushFailed, match="CERTIFICATE_VERIFY_FAILED"):
            _push_to(store, graphs)
        assert store.connections == 1  # a certificate does not get better by asking again
        report = _push_to(store, graphs, ca_bundle=cert)
        assert report.graphs[0].stored == report.graphs[0].triples


def test_a_dripping_store_behind_tls_is_cut_at_the_deadline(certificate, graphs):
    """TLS takes the socket over from the connection; the deadline must still reach it."""
    cert, context = certificate
    with running(tls=context) as store:
        store.script["PUT"] = [drip(b"", DRIPPED_HEAD)]
        started = time.monotonic()
        with pytest.raises(PushFailed, match=r"not finished by the 0.6 s deadline for one"):
            _push_to(store, graphs, ca_bundle=cert, **SLOW)
        assert time.monotonic() - started < len(DRIPPED_HEAD) * DRIP  # uncut, the drip's end
