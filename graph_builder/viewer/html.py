"""The viewer page's HTML: its assets (our template, script and style, and the vis-network
copy pyvis ships), inlined under a Content-Security-Policy that admits them by hash, and the
data as JSON that cannot end its ``<script>`` element."""

from __future__ import annotations

import importlib.util
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

from graph_builder.csp import hash_source
from graph_builder.errors import OutputError

_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")


def asset(path: str) -> str:
    return (resources.files("graph_builder.viewer") / "templates" / path).read_text(
        encoding="utf-8"
    )


def vis_asset(name: str) -> str:
    spec = importlib.util.find_spec("pyvis")  # found, not imported (pyvis imports networkx)
    if spec is None or not spec.submodule_search_locations:
        raise OutputError("pyvis is not installed: the viewer inlines its vis-network copy")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return (folder / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def json_for_html(payload: dict[str, Any]) -> str:
    """JSON that cannot end its ``<script>`` element or open markup, whatever the data."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def fill_template(payload: dict[str, Any], *, title: str) -> str:
    # inline scripts must not contain "</script" or "<!--"; neither occurs in these assets,
    # and the check keeps a future vis-network upgrade from silently breaking the page
    scripts = {
        "VIS_JS": vis_asset("vis-network.min.js"),
        "APP_JS": asset("viewer.js"),
        "MATRIX_JS": asset("matrix.js"),
        "TIMELINE_JS": asset("timeline.js"),
    }
    for name, script in scripts.items():
        if re.search(r"</script|<!--", script, re.IGNORECASE):
            raise OutputError(
                f"{name} cannot be inlined into the viewer: it contains '</script' or '<!--' "
                "(a broken installation; reinstall graph-builder and pyvis)"
            )
    style = vis_asset("vis-network.css") + "\n" + asset("viewer.css")
    csp = (
        f"default-src 'none'; script-src {' '.join(hash_source(s) for s in scripts.values())}; "
        f"style-src {hash_source(style)}; img-src data:; base-uri 'none'; form-action 'none'"
    )
    values = {
        **scripts,
        "STYLE": style,
        "CSP": csp,
        "DATA": json_for_html(payload),
        "UI": json_for_html(json.loads(asset("viewer-text.json"))),
        "LANG": payload["lang"],
        "TITLE": html_text(title),
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], asset("viewer.html"))


def html_text(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
