"""Query evaluation cannot reach the network: the text check, and the kernel's filter.

``tests/cases/service_bypasses.json`` holds queries that got past the guard of 0.2 (which
read queries with rdflib while the engine evaluated them) and made the engine call a
local listener: found by ``fuzz/service.py``'s generator against that guard. Each must now
be refused by the text check, and must reach nothing in a query process even when the
check is skipped.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pyoxigraph as ox
import pytest

from fuzz.service import Listener, service_queries
from graph_builder.errors import QueryRefused
from graph_builder.offline import refuse_service
from graph_builder.sparql.bounded import run_bounded
from graph_builder.sparql.guard import parse_guarded

CASES = Path(__file__).parent / "cases" / "service_bypasses.json"
GENERATED = 10_000


def _bypasses(url: str) -> list[str]:
    return [case.replace("{listener}", url) for case in json.loads(CASES.read_text())]


def _store() -> ox.Store:
    """A store with one triple, so that every pattern joined with SERVICE is evaluated."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o")))
    return store


def _evaluate(texts: list[str], store: ox.Store | None = None) -> int:
    """Evaluate *texts* with the engine itself (no guard), over *store* (default: one
    triple); how many raised an error."""
    store, failed = store if store is not None else _store(), 0
    for text in texts:
        try:
            answer = store.query(text)
            if not isinstance(answer, ox.QueryBoolean):
                list(answer)
        except Exception:
            failed += 1
    return failed


def _open_sockets() -> dict[str, str]:
    """Try each kind of socket; what happened, by kind."""
    outcomes = {}
    for name, family, kind in [
        ("tcp", socket.AF_INET, socket.SOCK_STREAM),
        ("udp", socket.AF_INET, socket.SOCK_DGRAM),
        ("tcp6", socket.AF_INET6, socket.SOCK_STREAM),
        ("unix", socket.AF_UNIX, socket.SOCK_STREAM),
    ]:
        try:
            socket.socket(family, kind).close()
            outcomes[name] = "opened"
        except PermissionError:
            outcomes[name] = "refused"
    return outcomes


def test_a_query_process_may_open_local_sockets_only():
    assert run_bounded(_open_sockets, timeout=30) == {
        "tcp": "refused",
        "udp": "refused",
        "tcp6": "refused",
        "unix": "opened",
    }


def test_the_recorded_bypasses_reached_the_listener_without_the_filter():
    """The control: outside a query process, the engine does call what each names. (An ASK
    may stop at a first answer before it reaches the SERVICE branch of a UNION, in an order
    the engine chooses: such a case is tried again over an empty store.)"""
    with Listener() as listener:
        cases = _bypasses(listener.url)
        silent = [
            case
            for case in cases
            if not listener.called_by(lambda c=case: _evaluate([c]), wait=2.0)
            and not listener.called_by(lambda c=case: _evaluate([c], ox.Store()), wait=2.0)
        ]
        assert silent == []
        assert len(cases) >= 20


def test_the_recorded_bypasses_reach_nothing_from_a_query_process():
    with Listener() as listener:
        cases = _bypasses(listener.url)
        failed = run_bounded(_evaluate, cases, timeout=60)
        assert listener.calls == 0
    assert 0 < failed <= len(cases)  # SERVICE SILENT answers without an error


def test_generated_service_queries_reach_nothing_from_a_query_process():
    """The guard is skipped: only the kernel's filter stands between them and the host."""
    with Listener() as listener:
        texts = service_queries(GENERATED, listener.url, seed=7)
        run_bounded(_evaluate, texts, timeout=300)
        assert listener.calls == 0


@pytest.mark.parametrize("where", ["guard", "text check"])
def test_every_recorded_bypass_is_refused(where):
    for text in _bypasses("http://127.0.0.1:9/sparql"):
        with pytest.raises(QueryRefused, match="SERVICE is not accepted"):
            if where == "guard":
                parse_guarded(text, served_graphs=[])
            else:
                refuse_service(text)


@pytest.mark.parametrize(
    "text",
    [
        # a bare carriage return ends the comment for the engine only
        "SELECT * WHERE { # x\rSERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n}",
        # an escape written with an escaped backslash inside a comment
        "SELECT * WHERE { # x \\\\u000a SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n}",
        "SELECT * WHERE { # x \\u000d sErViCe <http://127.0.0.1:9/> { ?s ?p ?o }\n}",
        # the keyword glued to what follows, as the engine accepts it
        "ASK { service silent<http://127.0.0.1:9/>{ ?s ?p ?o } }",
        # the word in a string or an IRI is refused too: the check reads no grammar
        'SELECT * WHERE { ?s ?p "customer service" }',
    ],
    ids=["bare-cr", "escaped-escape", "u000d", "glued", "in-a-string"],
)
def test_the_word_is_refused_however_it_is_hidden(text):
    with pytest.raises(QueryRefused, match="servic\\[e\\] in a regular expression"):
        parse_guarded(text, served_graphs=[])


def test_the_store_refuses_service_in_this_process_too(dataset):
    with pytest.raises(QueryRefused, match="SERVICE is not accepted"):
        dataset.query("SELECT * WHERE { # x\rSERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n}")


def test_a_text_parameter_holding_the_word_is_bound_not_refused(cli, tmp_path):
    result = cli("query", "find-by-name", "--param", "text=service", "--build", tmp_path / "none")
    assert result.exit_code == 0, result.stderr
