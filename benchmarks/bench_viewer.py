"""Viewer benchmark: page generation, file size and time-to-stable in headless Chromium,
side by side with stock pyvis on the same graph.

Run ``python benchmarks/bench_viewer.py [--sizes 1000 5000 20000] [--no-browser]
[--no-pyvis]``. The synthetic datasets follow the project's RDF conventions (source graphs,
reference graph, SKOS concepts with broader concepts, evidence records). The table keeps
apart the projection of the store onto a network (``entity_network``, "network s") and the
viewer's own part (``render_network``: payload, layout and HTML, "page s"); "pyvis s" is
``Network.from_nx`` + ``write_html`` on the same networkx graph in the same run, and
"× faster" is pyvis s / page s. Nothing is asserted about times.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rdflib import Dataset, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from graph_builder.namespaces import (
    ACTIVITY,
    AGR,
    CATALOG_GRAPH,
    ID,
    OBJECTIVE,
    ONTOLOGY_GRAPH,
    REFERENCE_GRAPH,
    SECTOR,
    source_graph,
)
from graph_builder.rdf.store import GraphStore

PER_AGREEMENT = 6  # agreement, signing event, two signatures, two persons
SHARED = 0.1  # share of vertices that are countries, ministries and concepts


def synthetic_dataset(vertices: int, *, seed: int = 7, sources: int = 4) -> GraphStore:
    """A dataset whose entity network has exactly *vertices* vertices (for *vertices* ≥ 60)."""
    rng = random.Random(seed)
    ds = Dataset(default_union=True)
    onto, ref, catalog = (ds.graph(g) for g in (ONTOLOGY_GRAPH, REFERENCE_GRAPH, CATALOG_GRAPH))
    graphs = [ds.graph(source_graph(f"S{i + 1}")) for i in range(sources)]
    onto.add((AGR.MemorandumOfUnderstanding, RDFS.subClassOf, AGR.Agreement))
    for i in range(sources):
        catalog.add((ID[f"source/S{i + 1}"], RDF.type, AGR.Source))
        catalog.add((ID[f"source/S{i + 1}"], DCTERMS.title, Literal(f"Source {i + 1}")))
    shared = max(60, int(vertices * SHARED))
    n_countries = shared // 6
    n_concepts = shared - 3 * n_countries

    def entity(iri, cls, en, id_):
        ref.add((iri, RDF.type, cls))
        ref.add((iri, RDFS.label, Literal(en, lang="en")))
        ref.add((iri, RDFS.label, Literal(id_, lang="id")))

    countries, ministries = [], []
    for c in range(n_countries):
        entity(ID[f"country{c}"], AGR.Country, f"Country {c}", f"Negara {c}")
        countries.append(ID[f"country{c}"])
        for m in range(2):
            entity(
                ID[f"ministry{c}-{m}"], AGR.Ministry, f"Ministry {c}-{m}", f"Kementerian {c}-{m}"
            )
            ref.add((ID[f"ministry{c}-{m}"], AGR.partOf, ID[f"country{c}"]))
            ministries.append(ID[f"ministry{c}-{m}"])
    concepts: dict[str, list] = {"sector": [], "activity": [], "objective": []}
    namespaces = {"sector": SECTOR, "activity": ACTIVITY, "objective": OBJECTIVE}
    for k in range(n_concepts):
        kind = ("sector", "activity", "objective")[k % 3]
        concept = namespaces[kind][f"c{k}"]
        onto.add((concept, RDF.type, SKOS.Concept))
        onto.add((concept, SKOS.prefLabel, Literal(f"{kind} {k}", lang="en")))
        onto.add((concept, SKOS.prefLabel, Literal(f"{kind} {k} (id)", lang="id")))
        if concepts[kind] and k % 5:
            onto.add((concept, SKOS.broader, concepts[kind][rng.randrange(len(concepts[kind]))]))
        concepts[kind].append(concept)
    made = 3 * n_countries + n_concepts
    a = 0
    while made < vertices:
        agreement, event = ID[f"agreement{a}"], ID[f"signing{a}"]
        g = graphs[a % sources]
        entity(agreement, AGR.MemorandumOfUnderstanding, f"MoU {a}", f"Nota kesepahaman {a}")
        entity(event, AGR.SigningEvent, f"Signing {a}", f"Penandatanganan {a}")
        g.add((agreement, AGR.hasSigningEvent, event))
        made += 2
        for side in range(2):
            if made >= vertices:
                break
            country = rng.choice(countries)
            g.add((agreement, AGR.hasParty, country))
            signature, person = ID[f"signature{a}-{side}"], ID[f"person{a}-{side}"]
            entity(signature, AGR.Signature, f"Signature {a}-{side}", f"Tanda tangan {a}-{side}")
            made += 1
            g.add((event, AGR.hasSignature, signature))
            if made < vertices:
                entity(person, AGR.Person, f"Person {a}-{side}", f"Orang {a}-{side}")
                made += 1
                g.add((signature, AGR.signatory, person))
                g.add((person, AGR.actsFor, rng.choice(ministries)))
        for kind, prop, count in (
            ("sector", AGR.coversSector, 3),
            ("activity", AGR.includesActivity, 3),
            ("objective", AGR.pursuesObjective, 2),
        ):
            for concept in rng.sample(concepts[kind], count):
                g.add((agreement, prop, concept))
                ev = ID[f"evidence/{a}-{kind}-{concept.rsplit('/', 1)[-1]}"]
                for p, o in (
                    (RDF.type, AGR.Evidence),
                    (RDF.subject, agreement),
                    (RDF.predicate, prop),
                    (RDF.object, concept),
                    (DCTERMS.source, ID[f"source/S{a % sources + 1}"]),
                    (AGR.locator, Literal(f"¶{a % 12 + 1}")),
                ):
                    g.add((ev, p, o))
        a += 1
    return GraphStore.from_rdflib(ds)


def time_to_stable(html_path: Path, *, timeout_s: float = 120.0) -> tuple[float, dict]:
    """Seconds from navigation to the page's 'stable' mark in headless Chromium, and counts."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    args = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
    ]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=args)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        start = time.perf_counter()
        page.goto(html_path.as_uri(), wait_until="commit")
        page.wait_for_selector("body[data-stable=true]", state="attached", timeout=timeout_s * 1000)
        elapsed = time.perf_counter() - start
        counts = page.evaluate("window.agreementViewer.counts()")
        browser.close()
    if errors:
        raise RuntimeError(f"{html_path}: page errors: {errors}")
    return elapsed, counts


def pyvis_seconds(network: Any, folder: Path) -> float:
    """Stock pyvis on the same graph: ``Network.from_nx`` then ``write_html`` (one file)."""
    from pyvis.network import Network

    start = time.perf_counter()
    page = Network(directed=True, cdn_resources="in_line")
    page.from_nx(network)
    here = os.getcwd()
    os.chdir(folder)  # pyvis may write helper files next to the page
    try:
        page.write_html(str(folder / "pyvis.html"))
    finally:
        os.chdir(here)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    from graph_builder.network.project import entity_network
    from graph_builder.viewer import render as viewer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timing")
    parser.add_argument("--no-pyvis", action="store_true", help="skip stock pyvis")
    parser.add_argument("--keep", type=Path, help="write the pages into this directory")
    args = parser.parse_args(argv)
    out = args.keep or Path(tempfile.mkdtemp(prefix="bench-viewer-"))
    out.mkdir(parents=True, exist_ok=True)
    layout_seconds: list[float] = []
    overview_layout = viewer.overview_layout

    def timed_layout(*a: Any, **k: Any) -> Any:
        start = time.perf_counter()
        try:
            return overview_layout(*a, **k)
        finally:
            layout_seconds.append(time.perf_counter() - start)

    viewer.overview_layout = timed_layout  # type: ignore[assignment]
    columns = (
        ("vertices", 8),
        ("edges", 7),
        ("rdf s", 6),
        ("network s", 9),
        ("page s", 6),
        ("layout s", 8),
        ("MB", 5),
        ("stable s", 8),
        ("drawn", 13),
        ("pyvis s", 7),
        ("× faster", 8),
    )
    header = " ".join(f"{name:>{width}}" for name, width in columns)
    print(header)
    print("-" * len(header))
    for size in args.sizes:
        t0 = time.perf_counter()
        ds = synthetic_dataset(size)
        t1 = time.perf_counter()
        network = entity_network(ds)
        t2 = time.perf_counter()
        html = viewer.render_network(network)
        t3 = time.perf_counter()
        path = out / f"viewer-{size}.html"
        path.write_text(html, encoding="utf-8")
        stable, drawn = "-", "-"
        if not args.no_browser:
            seconds, counts = time_to_stable(path)
            stable, drawn = f"{seconds:.1f}", f"{counts['nodes']}/{counts['edges']}"
        pyvis, ratio = "-", "-"
        if not args.no_pyvis:
            folder = out / f"pyvis-{size}"
            folder.mkdir(exist_ok=True)
            seconds = pyvis_seconds(network, folder)
            pyvis, ratio = f"{seconds:.1f}", f"{seconds / (t3 - t2):.1f}"
        cells = (
            size,
            network.number_of_edges(),
            f"{t1 - t0:.1f}",
            f"{t2 - t1:.1f}",
            f"{t3 - t2:.2f}",
            f"{layout_seconds[-1]:.2f}",
            f"{len(html.encode()) / 1e6:.1f}",
            stable,
            drawn,
            pyvis,
            ratio,
        )
        print(" ".join(f"{c:>{w}}" for c, (_, w) in zip(cells, columns, strict=True)), flush=True)
    if not args.keep:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
