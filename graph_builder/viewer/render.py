"""The interactive HTML viewer: one self-contained, offline, script-safe page.

``render_viewer`` returns the page as a string; the caller decides where it goes. The page
inlines vis-network (the copy pyvis ships), our own template, script and style, and the
network as one JSON blob inside ``<script type="application/json">``. The page's script
renders every piece of data text with ``textContent`` (or on the canvas), vertex and edge
ids are list positions rather than data, and a Content-Security-Policy admits only the
page's own inline script and style (by hash) and no network access at all.

Above ``LAYOUT_THRESHOLD`` vertices the positions come from ``viewer.layout`` (a
force-directed layout with grid-approximated repulsion, O(V + E) per iteration) and the
browser starts with physics off, so even large graphs are stable as soon as they are drawn.
Colours and shapes are ``viewer.style``'s, the HTML and its CSP ``viewer.html``'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph_builder.collector import collector_paused
from graph_builder.errors import QueryError
from graph_builder.prefixes import PREFIX_IRIS, compact
from graph_builder.rdf.store import GraphStore
from graph_builder.records import LANGUAGES
from graph_builder.viewer.html import fill_template
from graph_builder.viewer.layout import LAYOUT_THRESHOLD
from graph_builder.viewer.payload import viewer_payload

if TYPE_CHECKING:
    import networkx as nx


def render_viewer(
    dataset: GraphStore,
    *,
    lang: str = "en",
    focus: str | None = None,
    depth: int = 1,
    layout_threshold: int = LAYOUT_THRESHOLD,
    title: str = "Agreement graph",
    evidence: bool | None = None,
    full: bool | None = None,
) -> str:
    """Return the viewer page for *dataset* as one self-contained HTML document.

    *lang* (``en`` or ``id``) picks the labels shown first; *focus* (an IRI or a compact
    ``prefix:name``): the page draws that vertex's neighbourhood of *depth* hops, read from
    the store around it (:func:`~graph_builder.network.project.focus_network`).
    *evidence*: whether the page carries the evidence of every statement; by default it
    does up to :data:`~graph_builder.network.fetch.EVIDENCE_LIMIT` sources and with a
    *focus*, and otherwise says where to find it (reading it is most of a large store).
    *full*: whether the page draws the whole entity network; by default it does up to
    :data:`~graph_builder.viewer.overview.OVERVIEW_LIMIT` agreements and with *evidence*,
    and otherwise draws the overview read from the store with a few
    aggregate queries (:mod:`graph_builder.viewer.overview`).
    Raises ``QueryError`` for an unknown language or focus vertex.
    """
    _check_options(lang, depth)
    chosen = full is not None
    if not chosen:
        full = focus is not None or bool(evidence)
    if not full:
        if focus is not None:
            raise QueryError(
                "focus: a focused page draws a neighbourhood, not the overview; leave full unset"
            )
        if evidence:
            raise QueryError("evidence: the overview carries no evidence; leave full unset")
        from graph_builder.viewer.overview import OVERVIEW_LIMIT, overview_payload

        with collector_paused():
            payload = overview_payload(
                dataset,
                lang=lang,
                layout_threshold=layout_threshold,
                limit=0 if chosen else OVERVIEW_LIMIT,
            )
            if payload is not None:
                return fill_template(payload, title=title)
    from graph_builder.network.project import entity_network, focus_network

    if focus is None:
        return render_network(
            entity_network(dataset, evidence=evidence),
            lang=lang,
            layout_threshold=layout_threshold,
            title=title,
        )
    iri = _focus_iri(focus)
    network = focus_network(dataset, iri, depth=depth, evidence=evidence is not False)
    if network is None:
        raise _no_such_vertex(dataset, focus)
    return render_network(
        network, lang=lang, focus=iri, depth=depth, layout_threshold=layout_threshold, title=title
    )


def render_network(
    network: nx.MultiDiGraph,
    *,
    lang: str = "en",
    focus: str | None = None,
    depth: int = 1,
    layout_threshold: int = LAYOUT_THRESHOLD,
    title: str = "Agreement graph",
) -> str:
    """The viewer page for an entity network already projected (``render_viewer`` minus
    ``entity_network``): payload, layout and HTML."""
    _check_options(lang, depth)
    with collector_paused():
        payload = viewer_payload(network, lang=lang, layout_threshold=layout_threshold)
        if focus is not None:
            payload["focus"] = {"node": _focus_index(network, focus), "depth": depth}
        return fill_template(payload, title=title)


def _check_options(lang: str, depth: int) -> None:
    if lang not in LANGUAGES:
        raise QueryError(f"lang {lang!r}: choose one of {', '.join(LANGUAGES)}")
    if depth < 0:
        raise QueryError(f"depth {depth}: must be 0 or more")


def _focus_iri(focus: str) -> str:
    prefix, _, local = focus.partition(":")
    if prefix in PREFIX_IRIS and not local.startswith("//"):
        return PREFIX_IRIS[prefix] + local
    return focus


def _focus_index(network: nx.MultiDiGraph, focus: str) -> int:
    iri = _focus_iri(focus)
    for i, node in enumerate(network.nodes):
        if node == iri:
            return i
    raise _no_such_vertex(None, focus, near=[n for n in network.nodes if _like(n, focus)])


def _like(iri: str, focus: str) -> bool:
    local = focus.partition(":")[2].rsplit("/", 1)[-1]
    return bool(local) and iri.endswith(local)


def _no_such_vertex(
    dataset: GraphStore | None, focus: str, *, near: list[str] | None = None
) -> QueryError:
    if near is None and dataset is not None:
        local = focus.partition(":")[2].rsplit("/", 1)[-1]
        like = local.replace("\\", "\\\\").replace('"', '\\"')
        near = (
            [
                row[0].value
                for row in dataset.select(
                    "SELECT ?s WHERE { GRAPH ?g { ?s a ?c } "
                    f'FILTER(isIRI(?s) && STRENDS(STR(?s), "{like}")) }} LIMIT 1'
                )
            ]
            if local
            else []
        )
    hint = f" (did you mean {compact(near[0])}?)" if near else ""
    return QueryError(
        f"focus {focus}: no vertex with this IRI in the entity network{hint}; "
        "`graph-builder stats` lists the vertices"
    )
