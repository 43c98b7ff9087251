"""``push``: the build into real stores over the Graph Store Protocol and SPARQL Update."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from graph_builder.errors import PublishError, PushFailed
from graph_builder.publish import (
    PushTarget,
    built_graphs,
    count_triples,
    push_graphs,
    select_graphs,
)
from graph_builder.rdf.mapping import load_dataset

from .conftest import DATA_DIR

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


def _target(store, **options) -> PushTarget:
    return PushTarget(
        store.gsp,
        query_endpoint=store.query,
        user=store.user,
        password=store.password,
        digest=store.digest,
        **options,
    )


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
    first = push_graphs(graphs, _target(store))
    after_first = store.counts()
    started = time.monotonic()
    second = push_graphs(graphs, _target(store))
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
        chunk_triples=100,
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
        push_graphs(broken, _target(oxigraph_server))
    assert failure.value.pushed == [GRAPH + "reference"]
    assert str(failure.value).startswith(f"push failed: PUT {GRAPH}broken: HTTP 400")
    assert str(failure.value).endswith(f"graphs pushed before the failure: {GRAPH}reference")


def test_wrong_password_is_not_retried(virtuoso, graphs, caplog):
    target = PushTarget(virtuoso.gsp, user="dba", password="wrong", digest=True)
    with caplog.at_level(logging.WARNING), pytest.raises(PushFailed, match="HTTP 401"):
        push_graphs(select_graphs(graphs, ["reference"]), target)
    assert "retrying" not in caplog.text


def test_unreachable_store_is_retried_with_back_off(graphs, caplog):
    target = PushTarget("http://127.0.0.1:9/store", retries=2, backoff=0.05)
    started = time.monotonic()
    with (
        caplog.at_level(logging.WARNING),
        pytest.raises(PushFailed, match="cannot reach the store"),
    ):
        push_graphs(select_graphs(graphs, ["reference"]), target)
    assert caplog.text.count("retrying") == 3
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
