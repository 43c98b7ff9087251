"""The SPARQL 1.1 Protocol endpoint, queried over real HTTP by real clients.

One server (worker processes included) starts on a free local port for the module;
every named query's answer is compared with ``graph-builder query NAME --format json``.
"""

from __future__ import annotations

import functools
import io
import json
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result

from graph_builder.cli import main as cli
from graph_builder.namespaces import source_graph
from graph_builder.server.app import ServerConfig, running_server
from graph_builder.sparql.named import named_queries
from tests.conftest import missing_component


@functools.cache
def _served_graphs() -> list[str]:
    """The named graphs of the bundled build, as a fresh build holds them."""
    from graph_builder.dataset import load_dataset

    return sorted(load_dataset().named_graphs())


@functools.cache
def _party_pairs() -> set[tuple[str, str]]:
    from graph_builder.dataset import load_dataset

    found = load_dataset().query("SELECT DISTINCT ?a ?c WHERE { ?a agr:hasParty ?c }")
    return {(a.value, c.value) for a, c in found}


pytestmark = pytest.mark.server

QUERIES = named_queries()
SD = "http://www.w3.org/ns/sparql-service-description#"


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with running_server(config=ServerConfig(timeout=20, workers=2)) as url:
        yield url


@pytest.fixture(scope="module")
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=30) as c:
        yield c


def normalized(results: dict[str, Any]) -> tuple[Any, ...]:
    """SPARQL JSON results, comparable across processes (row order and bnode labels)."""
    if "boolean" in results:
        return ("ASK", results["boolean"])
    rows = []
    for row in results["results"]["bindings"]:
        cleaned = {k: ({**v, "value": "_"} if v["type"] == "bnode" else v) for k, v in row.items()}
        rows.append(json.dumps(cleaned, sort_keys=True))
    return tuple(results["head"]["vars"]), tuple(sorted(rows))


def as_json(result: Result) -> dict[str, Any]:
    return json.loads(result.serialize(format="json"))


@pytest.fixture(scope="module")
def cli_json(bundled_build: Path) -> Callable[[str], dict[str, Any]]:
    """What ``graph-builder query NAME --format json --build BUILD`` prints, with the
    example params; BUILD is the session's build of the bundled data, and each name is
    asked once."""

    @functools.cache
    def answer(name: str) -> dict[str, Any]:
        args = ["query", name, "--format", "json", "--build", str(bundled_build)]
        for key, value in QUERIES[name].example.items():
            args += ["--param", f"{key}={value}"]
        outcome = CliRunner().invoke(cli, args)
        assert outcome.exit_code == 0, outcome.output
        return json.loads(outcome.output)

    return answer


PARAMLESS = sorted(n for n, q in QUERIES.items() if not q.params)


def test_every_named_query_has_rows_and_examples_for_required_params() -> None:
    assert len(QUERIES) >= 10
    for named in QUERIES.values():
        assert {p.name for p in named.params if p.required} <= set(named.example), named.name


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_named_query_over_http_equals_cli(
    client: httpx.Client, cli_json: Callable[[str], dict[str, Any]], name: str
) -> None:
    response = client.get(
        f"/queries/{name}",
        params=QUERIES[name].example,
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/sparql-results+json"
    expected = cli_json(name)
    assert normalized(response.json()) == normalized(expected)
    assert expected.get("boolean") is not None or expected["results"]["bindings"]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_named_query_with_curl_equals_cli(
    base: str, cli_json: Callable[[str], dict[str, Any]], name: str
) -> None:
    if shutil.which("curl") is None:
        missing_component("curl not installed (apt-get install curl)")
    args = [
        "curl",
        "-sS",
        "--fail-with-body",
        "-G",
        "-H",
        "Accept: application/sparql-results+json",
    ]
    for key, value in QUERIES[name].example.items():
        args += ["--data-urlencode", f"{key}={value}"]
    out = subprocess.run([*args, f"{base}/queries/{name}"], capture_output=True, check=True)
    assert normalized(json.loads(out.stdout)) == normalized(cli_json(name))


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("name", PARAMLESS)
def test_sparqlwrapper_results_equal_cli(
    base: str, cli_json: Callable[[str], dict[str, Any]], name: str, fmt: str
) -> None:
    from SPARQLWrapper import JSON, POST, XML, SPARQLWrapper

    sparql = SPARQLWrapper(f"{base}/sparql")
    sparql.setQuery(QUERIES[name].text)
    sparql.setReturnFormat(JSON if fmt == "json" else XML)
    if name == PARAMLESS[0]:
        sparql.setMethod(POST)
    body = sparql.query().response.read()
    parsed = Result.parse(io.BytesIO(body), format=fmt)
    assert normalized(as_json(parsed)) == normalized(cli_json(name))


@pytest.mark.parametrize("name", PARAMLESS)
def test_rdflib_sparqlstore_results_equal_cli(
    base: str, cli_json: Callable[[str], dict[str, Any]], name: str
) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    remote = Dataset(store=SPARQLStore(f"{base}/sparql"), default_union=True)
    result = remote.query(QUERIES[name].text)
    assert normalized(as_json(result)) == normalized(cli_json(name))


def test_sparqlstore_named_graph_uses_default_graph_uri(base: str) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    s1 = Graph(store=SPARQLStore(f"{base}/sparql"), identifier=source_graph("S1"))
    remote = int(next(iter(s1.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))[0])
    local = CliRunner().invoke(
        cli,
        [
            "query",
            "-e",
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{source_graph('S1')}> {{ ?s ?p ?o }} }}",
            "--format",
            "csv",
        ],
    )
    assert remote == int(local.output.split()[1]) > 0


SELECT = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/*;q=0.8, application/sparql-results+json;q=0.1", "text/csv"),
        ("application/json", "application/json"),
        ("text/html, */*;q=0.1", "application/sparql-results+json"),
    ],
)
def test_select_content_negotiation(
    client: httpx.Client, accept: str | None, expected: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": SELECT}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == expected
    assert "Accept" in response.headers["vary"]
    if expected == "text/tab-separated-values":
        assert response.text.splitlines()[0] == "?g\t?n"
    if expected == "text/csv":
        assert response.text.splitlines()[0] == "g,n"
        # a row per named graph: the sources, ontology, reference, catalog and inferred
        assert len(response.text.splitlines()) == 1 + len(_served_graphs())


def test_ask_results(client: httpx.Client) -> None:
    ask = "ASK { ?a agr:hasParty ?c }"
    assert client.get("/sparql", params={"query": ask}).json() == {"head": {}, "boolean": True}
    xml = client.get(
        "/sparql", params={"query": ask}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert Result.parse(io.BytesIO(xml.content), format="xml").askAnswer is True


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_and_describe_negotiation(
    client: httpx.Client, accept: str, rdflib_format: str
) -> None:
    construct = "CONSTRUCT { ?a agr:hasParty ?c } WHERE { ?a agr:hasParty ?c }"
    response = client.post(
        "/sparql",
        content=construct,
        headers={"Content-Type": "application/sparql-query", "Accept": accept},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == accept
    graph = Graph().parse(data=response.text, format=rdflib_format)
    assert len(graph) >= 5
    describe = client.get(
        "/sparql",
        params={"query": "DESCRIBE <https://w3id.org/agreement-graph/id/country/KR>"},
        headers={"Accept": accept},
    )
    assert describe.status_code == 200
    assert len(Graph().parse(data=describe.text, format=rdflib_format)) > 0


def test_unacceptable_media_type_is_406(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text
    construct = client.get(
        "/sparql",
        params={"query": "CONSTRUCT WHERE { ?s a agr:Agreement }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert construct.status_code == 406


def test_post_form_and_direct_bodies(client: httpx.Client) -> None:
    form = client.post("/sparql", data={"query": SELECT})
    direct = client.post(
        "/sparql", content=SELECT, headers={"Content-Type": "application/sparql-query"}
    )
    get = client.get("/sparql", params={"query": SELECT})
    assert form.status_code == direct.status_code == get.status_code == 200
    assert normalized(form.json()) == normalized(direct.json()) == normalized(get.json())


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"content": SELECT, "headers": {"Content-Type": "text/plain"}}, 415),
        ({"content": SELECT}, 415),
        ({"data": {"nothing": "here"}}, 400),
        (
            {
                "content": "query=a&query=b",
                "headers": {"Content-Type": "application/x-www-form-urlencoded"},
            },
            400,
        ),
        ({"content": b"\xff\xfe", "headers": {"Content-Type": "application/sparql-query"}}, 400),
    ],
)
def test_bad_posts(client: httpx.Client, kwargs: dict[str, Any], status: int) -> None:
    assert client.post("/sparql", **kwargs).status_code == status


def test_service_description(client: httpx.Client, base: str) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    assert (None, URIRef(SD + "endpoint"), URIRef(f"{base}/sparql")) in graph
    names = {str(o) for o in graph.objects(None, URIRef(SD + "name"))}
    assert str(source_graph("S1")) in names
    assert names == set(_served_graphs())  # the sources, ontology, reference, catalog, inferred
    html = client.get("/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    assert html.status_code == 303
    assert html.headers["location"] == "/"


def test_service_description_is_stable_and_ignores_the_host_header(
    client: httpx.Client, base: str
) -> None:
    first = client.get("/sparql", headers={"Accept": "text/turtle"}).text
    forged = client.get("/sparql", headers={"Accept": "text/turtle", "Host": "evil.example"})
    assert forged.text == first
    assert "evil.example" not in first
    graph = Graph().parse(data=first, format="turtle")
    positions = [first.index(str(source_graph(s))) for s in ("S1", "S2", "S3", "S4")]
    assert positions == sorted(positions)
    assert len(set(graph.objects(None, URIRef(SD + "name")))) == len(_served_graphs())


def test_service_description_uses_the_public_url() -> None:
    config = ServerConfig(workers=1, public_url="https://graph.example.org/sparql")
    with running_server(config=config) as url:
        text = httpx.get(f"{url}/sparql", headers={"Accept": "text/turtle"}).text
    graph = Graph().parse(data=text, format="turtle")
    assert list(graph.objects(None, URIRef(SD + "endpoint"))) == [
        URIRef("https://graph.example.org/sparql")
    ]


@pytest.mark.parametrize(
    ("accept", "rdflib_format"), [("application/n-quads", "nquads"), ("application/trig", "trig")]
)
def test_construct_in_n_quads_and_trig(
    client: httpx.Client, accept: str, rdflib_format: str
) -> None:
    from rdflib import Dataset

    construct = "CONSTRUCT { ?a agr:hasParty ?c } WHERE { ?a agr:hasParty ?c }"
    response = client.get("/sparql", params={"query": construct}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == accept
    dataset = Dataset().parse(data=response.text, format=rdflib_format)
    # each (agreement, party) pair once, in the default graph
    assert len(dataset) == len(_party_pairs())


def test_from_served_graph_is_allowed(client: httpx.Client) -> None:
    s1 = source_graph("S1")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    with_from = client.get(
        "/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) FROM <{s1}> WHERE {{ ?s ?p ?o }}"}
    )
    with_param = client.get("/sparql", params={"query": count, "default-graph-uri": str(s1)})
    in_graph = client.get(
        "/sparql",
        params={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{s1}> {{ ?s ?p ?o }} }}"},
    )
    values = {
        r.json()["results"]["bindings"][0]["n"]["value"] for r in (with_from, with_param, in_graph)
    }
    assert len(values) == 1
    assert int(values.pop()) > 0


def test_named_query_listing_and_errors(client: httpx.Client) -> None:
    listing = client.get("/queries").json()["queries"]
    assert {q["name"] for q in listing} == set(QUERIES)
    by_country = next(q for q in listing if q["name"] == "agreements-by-country")
    assert by_country["params"][0]["name"] == "country"
    assert by_country["params"][0]["required"] is True
    assert client.get("/queries/no-such-query").status_code == 404
    missing = client.get("/queries/agreements-by-country")
    assert missing.status_code == 400
    assert "country" in missing.text
    assert client.get("/queries/agreements-by-country", params={"country": "ZZ"}).status_code == 400
    assert client.get("/queries/parties", params={"bogus": "1"}).status_code == 400
    csv = client.get(
        "/queries/agreements-by-country", params={"country": "KR"}, headers={"Accept": "text/csv"}
    )
    assert csv.status_code == 200
    assert csv.headers["content-type"].startswith("text/csv")


def test_query_page_and_static_files_have_strict_csp(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self';" in csp
    assert "unsafe-inline" not in csp
    # every script, stylesheet and link is the endpoint's own (the page's data holds IRIs)
    assert re.findall(r'(?:src|href)="([^"]*)"', page.text)
    assert all(u.startswith("/") for u in re.findall(r'(?:src|href)="([^"]*)"', page.text))
    js = client.get("/static/query.js")
    assert js.status_code == 200
    assert js.headers["content-type"].startswith("text/javascript")
    assert "innerHTML" not in js.text
    assert client.get("/static/../server.py").status_code == 404
    assert client.get("/static/nope.js").status_code == 404


def test_viewer_is_served_with_hashed_inline_scripts(client: httpx.Client) -> None:
    response = client.get("/viewer")
    if response.status_code == 404:
        pytest.skip("graph_builder.viewer.render is not available")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "connect-src 'none'" in csp
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert client.get("/viewer", params={"lang": "xx"}).status_code == 400


def test_repeated_queries_are_answered_from_the_cache(client: httpx.Client) -> None:
    query = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?t } # cache test"}
    first = client.get("/sparql", params=query)
    second = client.get("/sparql", params=query)
    as_csv = client.get("/sparql", params=query, headers={"Accept": "text/csv"})
    assert "x-cache" not in first.headers
    assert second.headers["x-cache"] == "hit"
    assert second.content == first.content
    assert "x-cache" not in as_csv.headers
    assert as_csv.headers["content-type"].startswith("text/csv")
    refused = {"query": "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"}
    for _ in range(2):
        response = client.get("/sparql", params=refused)
        assert response.status_code == 400
        assert "x-cache" not in response.headers


def test_cors_is_off_by_default(client: httpx.Client) -> None:
    response = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://elsewhere.example"}
    )
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


# SIGTERM here and SIGINT in test_server_build's temporary-store test are the slow lane's: the
# fast lane sees each signal once, SIGINT here and SIGTERM (issue 21's case) there; each case
# starts a server.
@pytest.mark.parametrize(
    "sig", [pytest.param(signal.SIGTERM, marks=pytest.mark.slow), signal.SIGINT]
)
def test_graceful_shutdown_on_signal(sig: signal.Signals, tmp_path: Any) -> None:
    """``serve`` stops cleanly on SIGTERM/SIGINT, logs access on stderr, leaves no workers."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = (
        "from graph_builder.server.app import ServerConfig, serve\n"
        f"serve(port={port}, config=ServerConfig(workers=1, timeout=5))\n"
    )
    stderr = (tmp_path / "stderr").open("w+")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=stderr)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                ok = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK {}"})
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
                time.sleep(0.05)
        assert ok.status_code == 200
        children = _children(proc.pid)
        assert children, "no worker process"
        proc.send_signal(sig)
        # uvicorn re-raises the signal once shut down, as a well-behaved daemon does
        assert proc.wait(timeout=20) in (0, -sig)
    finally:
        if proc.poll() is None:
            proc.kill()
    stderr.seek(0)
    log = stderr.read()
    assert '"GET /sparql?query=ASK' in log
    assert "Application shutdown complete" in log
    assert "Finished server process" in log
    assert "Traceback" not in log
    assert proc.stdout is not None and proc.stdout.read() == b""
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    for pid in children:
        assert not _alive(pid), f"worker {pid} outlived the server"


def _children(pid: int) -> list[int]:
    """The processes *pid* started and theirs (the workers are the fork server's children)."""
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    found = [int(p) for p in out.stdout.split()]
    return found + [grandchild for child in found for grandchild in _children(child)]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False
