"""The query page at ``/``: YASGUI when it is vendored into the package, else a text area.

YASGUI (``@zazuko/yasgui``, pinned in ``package.json``) is copied into ``static/vendor/`` by
``scripts/vendor_yasgui.py``; it is not part of the repository. Its page gets the
endpoint, the project's prefixes and the named queries from a JSON data block in the HTML
(a data block is not a script, so the Content-Security-Policy still allows scripts from
``'self'`` only). Without the vendored files the page is the plain editor (``plain.html``)
with one line saying how to get YASGUI.

``/queries/NAME.rq?param=value`` gives a named query's text with its parameters bound
(the same ``VALUES`` binding :func:`graph_builder.sparql.named.bind_values` writes for
stores), which YASGUI opens in a tab of its own.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from graph_builder.errors import QueryError
from graph_builder.prefixes import PREFIX_IRIS
from graph_builder.server.http import PAGE_CSP, SECURITY_HEADERS

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable  # Python 3.11+; annotations only

__all__ = [
    "YASGUI_MISSING",
    "page",
    "query_text",
    "static_file",
    "yasgui_available",
]

_JS = "text/javascript; charset=utf-8"
_CSS = "text/css; charset=utf-8"
OWN_FILES = {
    "query.js": _JS,
    "query.css": _CSS,
    "named-queries.js": _JS,
    "yasgui-page.js": _JS,
    "yasgui-chart.js": _JS,
    "yasgui-page.css": _CSS,
}
"""Files of ``static/``, written here, served at ``/static/NAME``."""
VENDOR_FILES = {"yasgui.min.js": _JS, "yasgui.min.css": _CSS}
"""YASGUI's files in ``static/vendor/``, served at ``/static/NAME`` when present."""

YASGUI_STYLE_HASHES = (
    "sha256-zCK2EVMoPc04mRF/g5CotUvxbJPWS+8V0b+s9ptqQIk=",
    "sha256-c0O6TmFAkgpNbHxKAa1BrveWHHopjEtC47i0PzMudxg=",
)
"""The two ``<style>`` elements YASGUI 4.6's results table adds (its column resizer: the
grips' rules when a table is drawn, ``*{cursor:col-resize!important}`` while a column is
dragged), allowed by their hashes: no other inline style, and no ``'unsafe-inline'``."""

YASGUI_MISSING = (
    "YASGUI is not installed, so this is the plain editor: in a source checkout run "
    "'npm ci --ignore-scripts && python3 scripts/vendor_yasgui.py', then install again."
)


def _static() -> Traversable:
    return resources.files("graph_builder.server").joinpath("static")


def yasgui_available() -> bool:
    """Whether YASGUI's files were vendored into this installation."""
    vendor = _static().joinpath("vendor")
    return all(vendor.joinpath(name).is_file() for name in VENDOR_FILES)


def static_file(name: str) -> tuple[str, str] | None:
    """The text and media type of the static file *name*, or ``None`` for no such file."""
    if name in OWN_FILES:
        return _static().joinpath(name).read_text("utf-8"), OWN_FILES[name]
    if name in VENDOR_FILES and yasgui_available():
        return _static().joinpath("vendor", name).read_text("utf-8"), VENDOR_FILES[name]
    return None


def page() -> tuple[str, str, str]:
    """The query page's HTML, media type and Content-Security-Policy: YASGUI configured
    for this endpoint, or the plain editor."""
    media = "text/html; charset=utf-8"
    if not yasgui_available():
        note = f'<p class="note" id="yasgui-missing">{html.escape(YASGUI_MISSING)}</p>'
        return _assemble("plain.html").replace("<!-- note -->", note), media, PAGE_CSP
    config = json.dumps(_page_config(), ensure_ascii=False, sort_keys=True)
    # In a data block only "</script" could end it early; \u003c reads back as "<".
    block = config.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = _assemble("yasgui.html").replace("{{config}}", block)
    styles = " ".join(f"'{digest}'" for digest in YASGUI_STYLE_HASHES)
    return text, media, PAGE_CSP.replace("style-src 'self'", f"style-src 'self' {styles}")


def _assemble(fragment: str) -> str:
    """``page.html`` with *fragment*'s head part (before ``<!-- body -->``) and body part."""
    head, body = _static().joinpath(fragment).read_text("utf-8").split("<!-- body -->\n")
    shell = _static().joinpath("page.html").read_text("utf-8")
    return shell.replace("<!-- head -->\n", head).replace("<!-- body -->\n", body)


def _page_config() -> dict[str, Any]:
    from graph_builder.sparql.named import named_queries

    return {
        "endpoint": "/sparql",
        "prefixes": PREFIX_IRIS,
        "queries": [
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "params": [
                    {"name": p.name, "required": p.required, "description": p.description}
                    for p in q.params
                ],
                "example": q.example,
            }
            for q in named_queries().values()
        ],
    }


async def query_text(request: Request) -> Response:
    """``GET /queries/NAME.rq``: the named query with the request's parameters bound."""
    from graph_builder.sparql.named import bind_params, bind_values, named_queries

    name = request.path_params["name"]
    named = named_queries().get(name)
    headers = SECURITY_HEADERS
    if named is None:
        return Response(f"no named query {name!r}; see /queries", 404, headers, "text/plain")
    try:
        text = bind_values(named.text, bind_params(named, dict(request.query_params)))
    except QueryError as exc:
        return Response(str(exc), 400, headers, "text/plain")
    return Response(text, 200, headers, "application/sparql-query; charset=utf-8")
