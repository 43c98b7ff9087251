"""The endpoint against the W3C SPARQL 1.1 Protocol tests, and the dataset rules they test.

Each test here is one case of the ``protocol`` manifest of the W3C rdf-tests repository
(``sparql/sparql11/protocol/manifest.ttl``), named after it, rewritten as a request to our
endpoint over real HTTP. The cases' graphs are served as named graphs of the endpoint's
store, under the IRIs the manifest gives them (``…/data1.rdf`` to ``…/data3.rdf``, one
``foaf:Document`` triple each). The manifest names a fourth graph, ``…/data0.rdf``, without
data (the endpoint is expected to fetch it); an endpoint that serves only its own graphs
refuses a graph it does not hold, so the store holds that one too, with a triple of the
same shape.

Cases that do not apply to a read-only endpoint, which runs no SPARQL Update:

- ``update_dataset_default_graph``, ``update_dataset_default_graphs``,
  ``update_dataset_named_graphs``, ``update_dataset_full``, ``update_post_form``,
  ``update_post_direct``, ``update_base_uri``: each expects an update to succeed (2xx)
  and a later query to see its effect. Here an update is refused; the test
  ``test_update_is_refused_not_run`` checks the refusal (403 for an update sent as a query,
  4xx otherwise) and that the data are unchanged.

The ``bad_update_*`` cases expect a 4xx status, which a read-only endpoint gives too;
they are run as they are.

SPARQL 1.1 Protocol §2.1.4 is also tested on the store itself (``GraphStore.query``), the
layer the endpoint and the ``query`` command share, beside the W3C cases.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph_builder.rdf.store import GraphStore, open_store
from graph_builder.server.app import ServerConfig, running_server

pytestmark = pytest.mark.server

DATA = "http://kasei.us/2009/09/sparql/data/"
GRAPHS = [f"{DATA}data{i}.rdf" for i in range(4)]
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
DOCUMENT = "<http://xmlns.com/foaf/0.1/Document>"
FORM = {"content-type": "application/x-www-form-urlencoded"}
DIRECT = {"content-type": "application/sparql-query"}


def _w3c_store(path: Path) -> Path:
    """A store on disk whose named graph ``…/dataN.rdf`` says ``<…/dataN.rdf> a foaf:Document``."""
    store = GraphStore.create(path)
    for iri in GRAPHS:
        store.load(f"<{iri}> {TYPE} {DOCUMENT} .\n", "nt", graph=iri)
    store.flush()
    return path


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    folder = _w3c_store(tmp_path_factory.mktemp("w3c") / "store")
    factory = functools.partial(open_store, folder)
    config = ServerConfig(timeout=20, workers=1, cache_mb=0)
    with running_server(factory, config=config) as url, httpx.Client(base_url=url, timeout=30) as c:
        yield c


def _boolean(response: httpx.Response) -> bool:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    value = response.json()["boolean"]
    assert isinstance(value, bool)
    return value


def _graph_params(*, default: tuple[int, ...] = (), named: tuple[int, ...] = ()) -> list:
    return [("default-graph-uri", GRAPHS[i]) for i in default] + [
        ("named-graph-uri", GRAPHS[i]) for i in named
    ]


ASK_DEFAULT_1_2 = f"ASK {{ <{GRAPHS[1]}> a ?type . <{GRAPHS[2]}> a ?type . }}"
ASK_NAMED_1_2 = (
    f"ASK {{ GRAPH ?g1 {{ <{GRAPHS[1]}> a ?type }} GRAPH ?g2 {{ <{GRAPHS[2]}> a ?type }} }}"
)
JSON = {"accept": "application/sparql-results+json"}

# ----------------------------------------------------------------- the W3C cases


def _post(client: httpx.Client, body: str, params: list, media: dict[str, str]) -> bool:
    """The boolean answer to *body* POSTed with the protocol *params*."""
    return _boolean(client.post("/sparql", params=params, content=body, headers={**media, **JSON}))


def test_query_post_form(client: httpx.Client) -> None:
    """query via URL-encoded POST."""
    assert _post(client, "query=ASK%20%7B%7D", _graph_params(default=(0,)), FORM) is True


def test_query_dataset_default_graphs_get(client: httpx.Client) -> None:
    """GET query with protocol-specified default graph."""
    params = [("query", ASK_DEFAULT_1_2), *_graph_params(default=(1, 2))]
    assert _boolean(client.get("/sparql", params=params, headers=JSON)) is True


def test_query_dataset_default_graphs_post(client: httpx.Client) -> None:
    """POST query with protocol-specified default graphs."""
    assert _post(client, ASK_DEFAULT_1_2, _graph_params(default=(1, 2)), DIRECT) is True


def test_query_dataset_named_graphs_post(client: httpx.Client) -> None:
    """POST query with protocol-specified named graphs."""
    assert _post(client, ASK_NAMED_1_2, _graph_params(named=(1, 2)), DIRECT) is True


def test_query_dataset_named_graphs_get(client: httpx.Client) -> None:
    """GET query with protocol-specified named graphs."""
    params = [("query", ASK_NAMED_1_2), *_graph_params(named=(1, 2))]
    assert _boolean(client.get("/sparql", params=params, headers=JSON)) is True


def test_query_dataset_full(client: httpx.Client) -> None:
    """query with protocol-specified dataset (both named and default graphs)."""
    query = (
        f"ASK {{\n  <{GRAPHS[3]}> a ?type\n  GRAPH ?g1 {{ <{GRAPHS[1]}> a ?type }}\n"
        f"  GRAPH ?g2 {{ <{GRAPHS[2]}> a ?type }}\n}}"
    )
    assert _post(client, query, _graph_params(default=(3,), named=(1, 2)), DIRECT) is True


def test_query_multiple_dataset(client: httpx.Client) -> None:
    """query specifying dataset in both query string and protocol; test for use of
    protocol-specified dataset."""
    query = f"ASK FROM <{GRAPHS[3]}> {ASK_NAMED_1_2.removeprefix('ASK ')}"
    assert _post(client, query, _graph_params(named=(1, 2)), DIRECT) is True


def test_query_get(client: httpx.Client) -> None:
    """query via GET."""
    params = [("query", "ASK {}"), *_graph_params(default=(0,))]
    assert _boolean(client.get("/sparql", params=params, headers=JSON)) is True


def test_query_post_direct(client: httpx.Client) -> None:
    """query via POST directly."""
    assert _post(client, "ASK {}", [], DIRECT) is True


@pytest.mark.parametrize(
    ("case", "query", "media_types"),
    [
        (
            "query_content_type_select",
            "SELECT (1 AS ?value) {}",
            {
                "application/sparql-results+xml",
                "application/sparql-results+json",
                "text/csv",
                "text/tab-separated-values",
            },
        ),
        (
            "query_content_type_ask",
            "ASK {}",
            {"application/sparql-results+xml", "application/sparql-results+json"},
        ),
        (
            "query_content_type_describe",
            "DESCRIBE <http://example.org/>",
            {"application/rdf+xml", "text/turtle", "application/n-triples"},
        ),
        (
            "query_content_type_construct",
            "CONSTRUCT { <s> <p> 1 } WHERE {}",
            {"application/rdf+xml", "text/turtle", "application/n-triples"},
        ),
    ],
)
def test_query_content_type(client: httpx.Client, case: str, query: str, media_types) -> None:
    """query appropriate content type (the four ``query_content_type_*`` cases): no Accept
    header, a default graph given, and the answer in one of the formats the case lists."""
    response = client.post(
        "/sparql", params=_graph_params(default=(0,)), content=query, headers=DIRECT
    )
    assert response.status_code == 200, f"{case}: {response.text}"
    assert response.headers["content-type"].split(";")[0] in media_types, case


@pytest.mark.parametrize(
    ("case", "method", "url", "body", "headers"),
    [
        (
            "bad_query_method",
            "PUT",
            f"/sparql?query=ASK%20%7B%7D&default-graph-uri={GRAPHS[0]}",
            None,
            FORM,
        ),
        (
            "bad_multiple_queries",
            "GET",
            "/sparql?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D",
            None,
            {},
        ),
        ("bad_query_wrong_media_type", "POST", "/sparql", "ASK {}", {"content-type": "text/plain"}),
        ("bad_query_missing_form_type", "POST", "/sparql", "query=ASK%20%7B%7D", {}),
        ("bad_query_missing_direct_type", "POST", "/sparql", "ASK {}", {}),
        (
            "bad_query_non_utf8",
            "POST",
            "/sparql",
            "ASK {}".encode("utf-16"),
            {"content-type": "application/sparql-query; charset=UTF-16"},
        ),
        ("bad_query_syntax", "GET", "/sparql?query=ASK%20%7B", None, {}),
        ("bad_update_get", "GET", "/sparql?update=CLEAR%20ALL", None, {}),
        (
            "bad_multiple_updates",
            "POST",
            "/sparql",
            "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT",
            FORM,
        ),
        (
            "bad_update_wrong_media_type",
            "POST",
            "/sparql",
            "CLEAR NAMED",
            {"content-type": "text/plain"},
        ),
        ("bad_update_missing_form_type", "POST", "/sparql", "update=CLEAR%20NAMED", {}),
        (
            "bad_update_non_utf8",
            "POST",
            "/sparql",
            "CLEAR NAMED".encode("utf-16"),
            {"content-type": "application/sparql-update; charset=UTF-16"},
        ),
        ("bad_update_syntax", "POST", "/sparql", "update=CLEAR%20XYZ", FORM),
        (
            "bad_update_dataset_conflict",
            "POST",
            "/sparql?using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople",
            "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\n"
            "DELETE { ?person foaf:givenName 'Bill' }\nINSERT { ?person foaf:givenName 'William' }\n"
            "WHERE {\n    ?person foaf:givenName 'Bill'\n}",
            {"content-type": "application/sparql-update"},
        ),
    ],
)
def test_bad_request(client: httpx.Client, case: str, method: str, url: str, body, headers) -> None:
    """The ``bad_*`` cases: each answered with a 4xx status."""
    response = client.request(method, url, content=body, headers=headers)
    assert 400 <= response.status_code < 500, f"{case}: {response.status_code} {response.text}"


@pytest.mark.parametrize(
    ("case", "body", "headers"),
    [
        ("update_post_form", "update=CLEAR+ALL", FORM),
        ("update_post_direct", "CLEAR ALL", {"content-type": "application/sparql-update"}),
        ("update_post_direct (as a query)", "CLEAR ALL", DIRECT),
    ],
)
def test_update_is_refused_not_run(client: httpx.Client, case: str, body: str, headers) -> None:
    """The ``update_*`` cases do not apply (the endpoint is read-only): an update is
    refused with a 4xx status, 403 when sent as a query, and the graphs stay as they were."""
    response = client.post("/sparql", content=body, headers=headers)
    assert 400 <= response.status_code < 500, f"{case}: {response.status_code}"
    if headers is DIRECT:
        assert response.status_code == 403
    count = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
    rows = client.get("/sparql", params={"query": count}, headers=JSON).json()
    assert rows["results"]["bindings"][0]["n"]["value"] == str(len(GRAPHS))


# ----------------------------------------------------------------- §2.1.4 on the store


@pytest.fixture(scope="module")
def store() -> GraphStore:
    """The W3C graphs, and a triple data1 and data2 both state."""
    memory = GraphStore.memory()
    for iri in GRAPHS:
        memory.load(f"<{iri}> {TYPE} {DOCUMENT} .\n", "nt", graph=iri)
    for iri in GRAPHS[1:3]:
        memory.load(f"<urn:shared> {TYPE} {DOCUMENT} .\n", "nt", graph=iri)
    return memory


def _subjects(store: GraphStore, text: str, **dataset) -> list[str]:
    return sorted(row[0].value for row in store.query(text, **dataset))


IN_DEFAULT = "SELECT ?s { ?s a ?type }"
IN_NAMED = "SELECT ?s { GRAPH ?g { ?s a ?type } }"


@pytest.mark.parametrize(
    ("dataset", "default", "named"),
    [
        # No dataset: the default graph is the union, each triple once; all named graphs.
        ({}, [*GRAPHS, "urn:shared"], [*GRAPHS, "urn:shared", "urn:shared"]),
        # named-graph-uri alone: an empty default graph.
        ({"named_graphs": [GRAPHS[1]]}, [], [GRAPHS[1], "urn:shared"]),
        # default-graph-uri alone: no named graphs.
        ({"default_graphs": [GRAPHS[1]]}, [GRAPHS[1], "urn:shared"], []),
        ({"default_graphs": [GRAPHS[3]], "named_graphs": [GRAPHS[0]]}, [GRAPHS[3]], [GRAPHS[0]]),
    ],
)
def test_protocol_dataset_on_the_store(store, dataset, default, named) -> None:
    assert _subjects(store, IN_DEFAULT, **dataset) == sorted(default)
    assert _subjects(store, IN_NAMED, **dataset) == sorted(named)


@pytest.mark.parametrize(
    ("text", "subjects"),
    [
        # FROM alone: that graph is the default graph, and there are no named graphs.
        (f"SELECT ?s FROM <{GRAPHS[1]}> {{ ?s a ?type }}", [GRAPHS[1], "urn:shared"]),
        (f"SELECT ?s FROM <{GRAPHS[1]}> {{ GRAPH ?g {{ ?s a ?type }} }}", []),
        # FROM NAMED alone: an empty default graph.
        (f"SELECT ?s FROM NAMED <{GRAPHS[0]}> {{ ?s a ?type }}", []),
        (f"SELECT ?s FROM NAMED <{GRAPHS[0]}> {{ GRAPH ?g {{ ?s a ?type }} }}", [GRAPHS[0]]),
    ],
)
def test_a_query_dataset_follows_from_and_from_named(store, text, subjects) -> None:
    assert _subjects(store, text) == sorted(subjects)


@pytest.mark.xfail(
    strict=True,
    reason="Oxigraph 0.5 evaluates a default graph made of several graphs as their union "
    "bag, not their RDF merge: a triple two of them hold matches twice",
)
def test_a_default_graph_of_several_graphs_is_their_merge(store) -> None:
    both = {"default_graphs": [GRAPHS[1], GRAPHS[2]]}
    assert _subjects(store, IN_DEFAULT, **both) == sorted([*GRAPHS[1:3], "urn:shared"])


def test_protocol_parameters_replace_the_query_dataset(store) -> None:
    """query_multiple_dataset on the store: the query's FROM gives way to named-graph-uri,
    so the default graph is empty, not the FROM graph."""
    text = f"SELECT ?s FROM <{GRAPHS[3]}> {{ ?s a ?type }}"
    assert _subjects(store, text) == [GRAPHS[3]]
    assert _subjects(store, text, named_graphs=[GRAPHS[1]]) == []
    assert _subjects(store, text, default_graphs=[GRAPHS[2]]) == sorted([GRAPHS[2], "urn:shared"])
