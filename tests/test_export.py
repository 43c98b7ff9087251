"""Exports parse back to the same graph; builds are byte-identical; outputs are atomic."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph
import pytest
from rdflib import BNode, Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from graph_builder.files import write_text
from graph_builder.rdf.export import RDF_FORMATS, serialize, write_rdf

PARSERS = {
    "ttl": "turtle",
    "nt": "nt",
    "jsonld": "json-ld",
    "xml": "xml",
    "trig": "trig",
    "nq": "nquads",
}
ENGINE_FORMATS = {
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}


@pytest.fixture(scope="module")
def union_graph(dataset) -> Graph:
    """The default dataset's union graph, read only."""
    return dataset.union_graph()


def _isomorphic(a: Graph, b: Graph) -> bool:
    """Whether *a* and *b* are the same graph up to blank-node names. Without blank nodes
    that is the same set of triples, which is much quicker to compare."""
    if any(isinstance(term, BNode) for graph in (a, b) for triple in graph for term in triple):
        return isomorphic(a, b)
    return set(a) == set(b)


@pytest.fixture(scope="module")
def named_quads(rdf_dataset) -> set[tuple[Any, ...]]:
    """The default dataset's quads, each with its graph's name, read only."""
    return set(rdf_dataset.quads())


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_export_parses_back_isomorphic(
    cli, bundled_build, rdf_dataset, union_graph, named_quads, tmp_path, fmt
):
    out = tmp_path / f"graph.{fmt}"
    # From the session's build of the bundled data: exporting from the data is tested below.
    result = cli("export", "--format", fmt, "-o", out, "--build", bundled_build)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    if fmt in ("trig", "nq", "jsonld"):
        back = Dataset()
        back.parse(data=text, format=PARSERS[fmt])
        names = {str(g.identifier) for g in rdf_dataset.graphs() if len(g)}
        assert {str(g.identifier) for g in back.graphs() if len(g)} == names
        quads = set(back.quads())
        if any(isinstance(term, BNode) for quad in quads | named_quads for term in quad):
            for graph in rdf_dataset.graphs():
                if len(graph):
                    assert _isomorphic(back.graph(graph.identifier), graph), graph.identifier
        else:  # no blank nodes: the same graphs are the same set of quads, quicker to compare
            assert quads == named_quads
    else:
        assert _isomorphic(Graph().parse(data=text, format=PARSERS[fmt]), union_graph)


def test_jsonld_gives_the_prefixes_as_its_context(dataset):
    import json

    data = json.loads(serialize(dataset, "jsonld"))
    assert data["@context"]["agr"] == "https://w3id.org/agreement-graph/ontology#"
    iri = "https://w3id.org/agreement-graph/id/agreement/mou-industrial-cooperation-indonesia-china-2023"
    nodes = [n for g in data["@graph"] for n in g.get("@graph", [g])]
    agr = data["@context"]["agr"]
    said = {key for n in nodes if n["@id"] == iri for key in n}  # one subject, maybe many nodes
    assert {f"{agr}hasParty", f"{agr}coversSector", str(RDF.type)} <= said


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_turtle_and_trig_declare_and_use_the_prefixes(dataset, fmt):
    text = serialize(dataset, fmt)
    assert "@prefix agr: <https://w3id.org/agreement-graph/ontology#> ." in text
    assert " agr:hasParty " in text


@pytest.mark.parametrize("fmt", ["nq", "trig", "jsonld"])
def test_graph_by_graph_gives_each_named_graph_whole(dataset, fmt):
    """Written one named graph at a time (as shards are), each piece holds that graph's quads."""
    found: set[pyoxigraph.Quad] = set()
    for graph in dataset.named_graphs():
        buffer = io.BytesIO()
        write_rdf(dataset, fmt, buffer, graph=graph)
        buffer.seek(0)
        piece = set(pyoxigraph.parse(buffer, format=ENGINE_FORMATS[fmt]))
        assert {q.graph_name for q in piece} == {pyoxigraph.NamedNode(graph)}
        found |= piece
    assert found == set(dataset.quads())


EVERY = "ttl,trig,jsonld"
"""Every export a build can write (by default it writes TriG alone)."""

_OUTPUTS = """
import sys
from graph_builder.cli import main
out = sys.argv[1]
commands = [["build", "--out", f"{out}/build", "--export", sys.argv[2]]]
for fmt in ("graphml", "gexf", "csv"):
    commands.append(["export", "--format", fmt, "-o", f"{out}/network/g.{fmt}"])
for args in commands:
    try:
        main(args)
    except SystemExit as exc:
        assert not exc.code, exc.code
"""
"""``graph-builder build`` with every export, then ``graph-builder export`` in each network
format, one after the other in one process (the hash seed is a process's: one process per
seed is enough)."""


def _hashes(folder: Path) -> dict[str, str]:
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> dict[str, Path]:
    """The outputs of :data:`_OUTPUTS` under hash seeds 1 and 2, each a folder (the two
    processes run at once)."""
    outputs, running = {}, {}
    for seed in ("1", "2"):
        out = tmp_path_factory.mktemp(f"seed{seed}")
        (out / "network").mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        running[seed] = subprocess.Popen(
            [sys.executable, "-c", _OUTPUTS, str(out), EVERY],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        outputs[seed] = out
    for seed, process in running.items():
        said, _ = process.communicate()
        assert process.returncode == 0, f"seed {seed}: {said.decode(errors='replace')}"
    return outputs


def test_two_builds_are_byte_identical(seeded):
    first, second = (_hashes(seeded[seed] / "build") for seed in ("1", "2"))
    assert set(first) == {"graph.ttl", "graph.trig", "graph.jsonld", "viewer.html", "manifest.json"}
    assert first == second


def test_network_exports_are_byte_identical(seeded):
    first, second = (_hashes(seeded[seed] / "network") for seed in ("1", "2"))
    assert set(first) == {"g.graphml", "g.gexf", "g.nodes.csv", "g.edges.csv"}
    assert first == second
    assert b"lastmodifieddate" not in (seeded["1"] / "network" / "g.gexf").read_bytes()


def test_turtle_parses_with_an_independent_parser(cli, tmp_path, dataset, union_graph):
    # rdflib reads the same Turtle back in test_export_parses_back_isomorphic[ttl]
    out = tmp_path / "build"
    assert cli("build", "--out", out, "--no-viewer", "--export", "ttl,trig").exit_code == 0
    with open(out / "graph.ttl", "rb") as f:
        oxi_count = sum(1 for _ in pyoxigraph.parse(f, format=pyoxigraph.RdfFormat.TURTLE))
    assert oxi_count == len(union_graph)
    with open(out / "graph.trig", "rb") as f:
        quads = list(pyoxigraph.parse(f, format=pyoxigraph.RdfFormat.TRIG))
    default = [q for q in quads if q.graph_name == pyoxigraph.DefaultGraph()]
    # The named graphs, and their union as the default graph, each triple once.
    assert len(quads) - len(default) == len(dataset)
    assert len(default) == len({q.triple for q in default}) == oxi_count


def test_write_is_atomic_and_keeps_the_old_file_on_failure(tmp_path):
    target = tmp_path / "graph.ttl"
    write_text(target, "old\n")

    def broken(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    from graph_builder.errors import OutputError
    from graph_builder.files import write_atomically

    with pytest.raises(OutputError, match="No space left"):
        write_atomically(target, broken)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)


def test_unknown_export_format(cli, tmp_path):
    result = cli("export", "--format", "yaml", "-o", tmp_path / "x")
    assert result.exit_code == 2 and "unknown format 'yaml'" in result.stderr


def test_output_under_a_file_is_refused_with_the_reason(cli, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("keep me\n", encoding="utf-8")
    result = cli("export", "--format", "ttl", "-o", blocker / "graph.ttl")
    assert result.exit_code == 2
    assert f"{blocker} is a file, not a folder" in result.stderr
    assert "Traceback" not in result.output
    assert blocker.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.parametrize("fmt", ["ttl", "nq", "graphml", "gexf"])
def test_dash_writes_to_stdout_what_a_file_would_hold(cli, tmp_path, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    to_file = cli("export", "--format", fmt, "-o", tmp_path / f"graph.{fmt}")
    to_stdout = cli("export", "--format", fmt, "-o", "-")
    assert (to_file.exit_code, to_stdout.exit_code) == (0, 0)
    assert to_stdout.stdout_bytes == (tmp_path / f"graph.{fmt}").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"graph.{fmt}"]  # no file named -


def test_csv_to_stdout_is_refused_as_two_files(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("export", "--format", "csv", "-o", "-")
    assert result.exit_code == 2
    assert "writes two files (nodes and edges): give -o a file name" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_gexf_carries_the_viewers_colours_and_positions(cli, tmp_path):
    import xml.etree.ElementTree as ET

    from graph_builder.viewer.style import group_color

    assert cli("export", "--format", "gexf", "-o", tmp_path / "g.gexf").exit_code == 0
    ns = {"g": "http://www.gexf.net/1.2draft", "viz": "http://www.gexf.net/1.2draft/viz"}
    root = ET.parse(tmp_path / "g.gexf").getroot()
    keys = {
        k.get("title"): k.get("id")
        for k in root.findall(".//g:attributes[@class='node']/g:attribute", ns)
    }
    nodes = root.findall(".//g:node", ns)
    assert nodes
    for node in nodes:
        group = node.find(f".//g:attvalue[@for='{keys['group']}']", ns).get("value")
        color = node.find("viz:color", ns)
        assert "#{:02x}{:02x}{:02x}".format(*(int(color.get(c)) for c in "rgb")) == group_color(
            group
        )
        assert node.find("viz:position", ns) is not None
    xs = {float(n.find("viz:position", ns).get("x")) for n in nodes}
    assert len(xs) > len(nodes) // 2  # spread out, not stacked


def test_graphml_edges_keep_their_ids_as_an_attribute(cli, tmp_path):
    assert cli("export", "--format", "graphml", "-o", tmp_path / "g.graphml").exit_code == 0
    back = nx.read_graphml(tmp_path / "g.graphml", edge_key_type=str, force_multigraph=True)
    assert all(data["edge_id"] == key for _, _, key, data in back.edges(keys=True, data=True))
    assert all(isinstance(data["evidence"], int) for _, _, data in back.edges(data=True))
