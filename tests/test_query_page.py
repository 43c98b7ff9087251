"""The query page at ``/``: YASGUI's configuration, the plain fallback, named queries'
text with parameters bound, and ``serve`` on a port in use."""

from __future__ import annotations

import html
import json
import re
import socket
from collections.abc import Iterator

import httpx
import pytest

from graph_builder.errors import PortInUse
from graph_builder.prefixes import PREFIX_IRIS
from graph_builder.server import query_page
from graph_builder.server.app import ServerConfig, running_server
from graph_builder.server.ports import check_port_free
from graph_builder.sparql.named import named_queries
from tests.conftest import missing_component

CONFIG_BLOCK = re.compile(r'<script type="application/json" id="page-config">(.*?)</script>', re.S)


pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with running_server(config=ServerConfig(timeout=20, workers=1)) as url:
        yield url


@pytest.fixture
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=30) as http:
        yield http


@pytest.fixture
def with_yasgui(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(query_page, "yasgui_available", lambda: True)


@pytest.fixture
def without_yasgui(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(query_page, "yasgui_available", lambda: False)


def _csp_sources(csp: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in csp.split(";")) if d}


@pytest.mark.usefixtures("with_yasgui")
def test_yasgui_page_is_configured_with_endpoint_prefixes_and_named_queries(
    client: httpx.Client,
) -> None:
    response = client.get("/")
    assert response.status_code == 200
    block = CONFIG_BLOCK.search(response.text)
    assert block is not None
    config = json.loads(block.group(1))
    assert config["endpoint"] == "/sparql"
    assert config["prefixes"] == PREFIX_IRIS
    listed = {q["name"]: q for q in config["queries"]}
    assert set(listed) == set(named_queries())
    by_country = listed["agreements-by-country"]
    assert by_country["example"] == {"country": "KR"}
    assert [p["name"] for p in by_country["params"]] == ["country"]
    assert by_country["params"][0]["required"] is True
    for script in re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", response.text):
        assert script.startswith("/static/"), script


@pytest.mark.usefixtures("with_yasgui")
def test_yasgui_page_csp_allows_scripts_from_self_only(client: httpx.Client) -> None:
    csp = _csp_sources(client.get("/").headers["content-security-policy"])
    assert csp["script-src"] == ["'self'"]
    assert csp["connect-src"] == ["'self'"]
    assert csp["default-src"] == ["'none'"]
    # styles: the page's own files and YASGUI's two fixed <style> elements, by hash
    assert csp["style-src"] == ["'self'"] + [f"'{h}'" for h in query_page.YASGUI_STYLE_HASHES]
    assert not any("unsafe" in s for sources in csp.values() for s in sources)


def test_a_data_block_cannot_be_ended_by_a_value(
    with_yasgui: None, monkeypatch: pytest.MonkeyPatch, client: httpx.Client
) -> None:
    hostile = "</script><script>alert(1)</script>&"
    real = query_page._page_config
    monkeypatch.setattr(query_page, "_page_config", lambda: {**real(), "endpoint": hostile})
    text = client.get("/").text
    block = CONFIG_BLOCK.search(text)
    assert block is not None
    assert json.loads(block.group(1))["endpoint"] == hostile
    # the data block and the script files, no script from the value
    assert text.count("<script") == text.count('<script src="/static/') + 1


@pytest.mark.usefixtures("without_yasgui")
def test_without_yasgui_the_page_is_the_text_area_and_says_how_to_get_it(
    client: httpx.Client,
) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert '<textarea id="query-text"' in response.text
    assert html.escape(query_page.YASGUI_MISSING) in response.text
    assert "npm ci" in query_page.YASGUI_MISSING and "\n" not in query_page.YASGUI_MISSING
    assert "style-src 'self';" in response.headers["content-security-policy"]
    assert client.get("/static/yasgui.min.js").status_code == 404


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("query.js", 200),
        ("yasgui-page.js", 200),
        ("yasgui-page.css", 200),
        ("yasgui.html", 404),
        ("page.html", 404),
        ("plain.html", 404),
        ("NOTICE", 404),
        ("..%2Fapp.py", 404),
    ],
)
def test_static_files_are_the_listed_ones_only(
    client: httpx.Client, name: str, status: int
) -> None:
    response = client.get(f"/static/{name}")
    assert response.status_code == status
    if status == 200:
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"


def test_vendored_yasgui_is_served_when_present(client: httpx.Client) -> None:
    if not query_page.yasgui_available():
        missing_component(query_page.YASGUI_MISSING)
    response = client.get("/static/yasgui.min.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert "sourceMappingURL" not in response.text
    assert client.get("/static/yasgui.min.css").headers["content-type"].startswith("text/css")


@pytest.mark.parametrize(
    ("path", "status", "says"),
    [
        ("/queries/agreements-by-country.rq?country=KR", 200, "/id/country/KR>"),
        ("/queries/parties.rq", 200, "# title: Parties"),
        ("/queries/agreements-by-country.rq", 400, "needs"),
        ("/queries/agreements-by-country.rq?country=XX", 400, "is not an ISO 3166-1 code"),
        ("/queries/agreements-by-country.rq?colour=red", 400, "has no parameter 'colour'"),
        ("/queries/no-such-query.rq", 404, "no named query 'no-such-query'"),
    ],
)
def test_named_query_text_binds_parameters(
    client: httpx.Client, path: str, status: int, says: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert says in response.text
    if status == 200:
        assert response.headers["content-type"].startswith("application/sparql-query")


def test_bound_text_gives_the_named_query_s_answer(client: httpx.Client) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    text = client.get("/queries/agreements-by-country.rq?country=KR").text
    by_text = client.post(
        "/sparql", content=text, headers={**accept, "Content-Type": "application/sparql-query"}
    ).json()
    by_name = client.get("/queries/agreements-by-country?country=KR", headers=accept).json()
    assert by_text["results"]["bindings"] == by_name["results"]["bindings"]
    assert len(by_name["results"]["bindings"]) > 0


# ---------------------------------------------------------------------- port in use


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_serve_on_a_port_in_use_says_so_in_one_line(cli, taken_port: int) -> None:
    result = cli("serve", "--port", str(taken_port))
    assert result.exit_code == 2
    assert result.output == (
        f"Error: port {taken_port} on 127.0.0.1 is in use; choose another with --port\n"
    )


def test_check_port_free(taken_port: int) -> None:
    with pytest.raises(PortInUse) as caught:
        check_port_free("127.0.0.1", taken_port)
    assert (caught.value.host, caught.value.port) == ("127.0.0.1", taken_port)
    assert str(caught.value) == f"port {taken_port} on 127.0.0.1 is in use"
    check_port_free("127.0.0.1", 0)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        free = sock.getsockname()[1]
    check_port_free("127.0.0.1", free)
