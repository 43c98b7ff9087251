"""``export --shard-size`` and ``push --bulk``: N-Quads shards, and Virtuoso's bulk loader."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from graph_builder.cli.data import parse_size
from graph_builder.errors import (
    BulkLoadFailed,
    OutputError,
    PublishError,
    PushFailed,
    SourceError,
)
from graph_builder.files import MARKER
from graph_builder.publish import built_graphs, push_graphs
from graph_builder.publish_bulk import STAGING_GRAPHS, BulkTarget, isql_command, push_bulk
from graph_builder.publish_isql import Isql
from graph_builder.rdf.store import GraphStore
from graph_builder.shards import MANIFEST, graph_group, read_shards, write_shards

GRAPH = "https://w3id.org/agreement-graph/graph/"
ELSEWHERE = "https://example.org/bulk-test/"
"""Graphs of these tests outside the project's graphs, which other tests count."""


def _store(graphs: dict[str, list[tuple[ox.NamedNode | ox.BlankNode, ox.Literal | ox.NamedNode]]]):
    """A store whose named graphs each hold the given (subject, object) pairs."""
    store = GraphStore.memory()
    p = ox.NamedNode("https://example.org/p")
    text = ox.serialize(
        [ox.Quad(s, p, o, ox.NamedNode(g)) for g, pairs in graphs.items() for s, o in pairs],
        format=ox.RdfFormat.N_QUADS,
    )
    store.load_nquads(text or b"")
    return store


def _plain(graph: str, n: int) -> dict[str, list]:
    return {
        graph: [(ox.NamedNode(f"https://example.org/s{i}"), ox.Literal(f"v{i}")) for i in range(n)]
    }


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# ---------------------------------------------------------------- shards


def test_a_small_bound_splits_a_graph_group_and_keeps_every_quad(dataset, tmp_path):
    shards = write_shards(dataset, tmp_path / "shards", shard_bytes=20_000)
    source = [s for s in shards.shards if s.group == "source"]
    assert len(source) > 1
    assert [s.file for s in source] == [f"source-{i:05d}.nq" for i in range(1, len(source) + 1)]
    assert {s.group for s in shards.shards} == {
        "catalog",
        "inferred",
        "ontology",
        "reference",
        "source",
    }
    assert all(0 < s.bytes <= 20_000 for s in shards.shards)
    expected = {iri: dataset.count(iri) for iri in dataset.named_graphs()}
    assert shards.graphs() == expected
    # the files say what the manifest says: each line a quad of the graphs listed
    for shard in read_shards(tmp_path / "shards").shards:
        parsed = list(ox.parse(path=tmp_path / "shards" / shard.file, format=ox.RdfFormat.N_QUADS))
        counted: dict[str, int] = {}
        for quad in parsed:
            counted[quad.graph_name.value] = counted.get(quad.graph_name.value, 0) + 1
        assert counted == shard.graphs
    split = [iri for iri in expected if len(shards.shards_of(iri)) > 1]
    assert split, "a graph larger than the bound runs on into the next shard"


def test_the_same_store_gives_the_same_files(dataset, tmp_path):
    write_shards(dataset, tmp_path / "a", shard_bytes=50_000)
    write_shards(dataset, tmp_path / "b", shard_bytes=50_000)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    manifest = json.loads((tmp_path / "a" / MANIFEST).read_text())
    assert manifest["shard_bytes"] == 50_000 and manifest["quads"] == len(dataset)


def test_a_graph_with_blank_nodes_is_never_split(tmp_path):
    blank = ox.BlankNode()
    graphs = _plain(GRAPH + "source/A", 40)
    graphs[GRAPH + "source/B"] = [(blank, ox.Literal(f"b{i}")) for i in range(40)]
    graphs |= _plain(GRAPH + "source/C", 40)
    store = _store(graphs)
    shards = write_shards(store, tmp_path / "shards", shard_bytes=6000)
    # B does not fit after A: it is rolled back and starts the next shard; C runs on
    assert [list(s.graphs) for s in shards.shards] == [
        [GRAPH + "source/A"],
        [GRAPH + "source/B", GRAPH + "source/C"],
        [GRAPH + "source/C"],
    ]
    assert shards.graphs() == {g: 40 for g in graphs}
    assert all(s.bytes <= 6000 for s in shards.shards)
    with pytest.raises(OutputError, match=r"source/B: the graph holds blank nodes.*larger shard"):
        write_shards(store, tmp_path / "small", shard_bytes=1500)
    assert not (tmp_path / "small").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["shards"]  # no half-written folder left


@pytest.mark.parametrize(
    ("text", "size"),
    [("65536", 65536), ("100MB", 100_000_000), ("512KiB", 524_288), ("1.5G", 1_500_000_000)],
)
def test_parse_size(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "12QB", "-5MB", "0", "MB"])
def test_parse_size_refuses(text):
    with pytest.raises(ValueError):
        parse_size(text)


@pytest.mark.parametrize(
    ("iri", "group"),
    [(GRAPH + "source/S1", "source"), (GRAPH + "ontology", "ontology"), (ELSEWHERE + "g", "other")],
)
def test_graph_group(iri, group):
    assert graph_group(iri) == group


def test_a_folder_of_user_files_is_never_replaced(dataset, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    with pytest.raises(OutputError, match="not shards written by graph-builder"):
        write_shards(dataset, mine, shard_bytes=10**9)
    assert _files(mine) == {"notes.txt": b"keep me"}
    write_shards(dataset, tmp_path / "shards", shard_bytes=100_000)
    again = write_shards(dataset, tmp_path / "shards", shard_bytes=10**9)  # ours: replaced
    assert sorted(_files(tmp_path / "shards")) == sorted(
        [MARKER, MANIFEST, *(s.file for s in again.shards)]
    )


def test_read_shards_checks_the_folder_against_the_manifest(dataset, tmp_path):
    folder = tmp_path / "shards"
    write_shards(dataset, folder, shard_bytes=10**9)
    (folder / "extra.nq").write_text("")
    with pytest.raises(SourceError, match=r"extra.nq: not listed in the shard manifest"):
        read_shards(folder)
    (folder / "extra.nq").unlink()
    with (folder / "catalog-00001.nq").open("ab") as file:
        file.write(b"\n")
    with pytest.raises(SourceError, match=r"catalog-00001.nq: \d+ bytes, the manifest says"):
        read_shards(folder)
    with pytest.raises(SourceError, match="no shard manifest here"):
        read_shards(tmp_path)


def test_cli_export_shards(cli, tmp_path):
    result = cli("export", "--format", "nq", "--shard-size", "64KiB", "-o", tmp_path / "s")
    assert result.exit_code == 0, result.stderr
    assert "graph groups" in result.stderr and "each at most 65536 bytes" in result.stderr
    assert all(s.bytes <= 65536 for s in read_shards(tmp_path / "s").shards)
    result = cli("export", "--format", "ttl", "--shard-size", "1MB", "-o", tmp_path / "t")
    assert result.exit_code == 2
    assert "--shard-size writes N-Quads: use --format nq" in result.stderr
    result = cli("export", "--format", "nq", "--shard-size", "lots", "-o", tmp_path / "t")
    assert result.exit_code == 2 and "'lots' is not a size" in result.stderr
    assert not (tmp_path / "t").exists()


def test_the_password_is_never_on_isqls_command_line():
    target = BulkTarget("127.0.0.1:1111", "loader", "Very-secret-1")
    command = isql_command("/usr/bin/isql-vt", target)
    assert "Very-secret-1" not in " ".join(command)
    assert command[-5:-2] == ["/usr/bin/isql-vt", "127.0.0.1:1111", "loader"]


# ---------------------------------------------------------------- into Virtuoso


@pytest.fixture
def bulk_virtuoso(virtuoso):
    """The test Virtuoso, with Virtuoso's isql (``isql-vt``) to reach its SQL port."""
    from .conftest import missing_component

    if shutil.which("isql-vt") is None:
        missing_component("Virtuoso's isql-vt not installed (apt-get install virtuoso-opensource)")
    return virtuoso


def _bulk(virtuoso, **options) -> BulkTarget:
    return BulkTarget(virtuoso.sql, "dba", "dba", **options)


def _update(virtuoso, text: str) -> None:
    response = httpx.post(
        virtuoso.update,
        data={"update": text},
        auth=virtuoso.auth(),
        timeout=60,
    )
    response.raise_for_status()


def test_bulk_push_gives_the_counts_of_a_gsp_push(bulk_virtuoso, dataset):
    graphs = built_graphs(dataset)
    target = bulk_virtuoso.push_target()
    push_graphs(graphs, target)
    by_gsp = bulk_virtuoso.counts()
    assert by_gsp == {iri: dataset.count(iri) for iri in dataset.named_graphs()}
    # something of the store's own that a push must replace, and something it must leave
    _update(
        bulk_virtuoso,
        f"INSERT DATA {{ GRAPH <{GRAPH}catalog> {{ <{ELSEWHERE}s> <{ELSEWHERE}p> 1 }} "
        f"GRAPH <{ELSEWHERE}kept> {{ <{ELSEWHERE}s> <{ELSEWHERE}p> 2 }} }}",
    )
    folder = bulk_virtuoso.loadable / "bundled"
    shards = write_shards(dataset, folder, shard_bytes=30_000)
    assert len(shards.shards) > 5
    try:
        report = push_bulk(read_shards(folder), _bulk(bulk_virtuoso))
        assert bulk_virtuoso.counts() == by_gsp
        assert [(g.iri, g.stored) for g in report.graphs] == list(shards.graphs().items())
        push_bulk(read_shards(folder), _bulk(bulk_virtuoso))  # twice: the same store
        assert bulk_virtuoso.counts() == by_gsp
        kept = bulk_virtuoso.select(
            f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{ELSEWHERE}kept> {{ ?s ?p ?o }} }}"
        )
        assert kept[0]["n"][1] == "1"
        assert report.text().endswith("counts checked")
        scratch = _sql(bulk_virtuoso, "SELECT KEY_TABLE FROM DB.DBA.SYS_KEYS")
        assert [line for line in scratch if "GB_BULK_" in line] == []  # dropped
        assert _ours_in(bulk_virtuoso) == {ELSEWHERE + "kept": 1}  # no staging graph left
    finally:
        _update(bulk_virtuoso, f"DROP SILENT GRAPH <{ELSEWHERE}kept>")


def _two_graphs(virtuoso, name: str, n: int) -> Path:
    """A shard folder of two graphs of *n* quads each, pushed once: the store's old graphs."""
    folder = virtuoso.loadable / name
    store = _store(_plain(ELSEWHERE + "first", n) | _plain(ELSEWHERE + "second", n))
    write_shards(store, folder, shard_bytes=10**6)
    push_bulk(read_shards(folder), _bulk(virtuoso))
    return folder


def _ours_in(virtuoso) -> dict[str, int]:
    """Quads per graph of these tests' graphs and of any staging graph left behind."""
    rows = virtuoso.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {
        row["g"][1]: int(row["n"][1])
        for row in rows
        if row["g"][1].startswith((ELSEWHERE, STAGING_GRAPHS))
    }


def _rewrite_line(shard: Path, number: int, line: bytes) -> None:
    lines = shard.read_bytes().splitlines(keepends=True)
    assert len(lines[number - 1]) == len(line)  # the same size: the manifest still fits
    lines[number - 1] = line
    shard.write_bytes(b"".join(lines))


def _drop_ours(virtuoso) -> None:
    _update(
        virtuoso, f"DROP SILENT GRAPH <{ELSEWHERE}first> ; DROP SILENT GRAPH <{ELSEWHERE}second>"
    )


def test_a_refused_shard_is_named_and_leaves_the_old_graphs(bulk_virtuoso, cli, monkeypatch):
    folder = _two_graphs(bulk_virtuoso, "broken", 30)
    old = {ELSEWHERE + "first": 30, ELSEWHERE + "second": 30}
    assert _ours_in(bulk_virtuoso) == old
    write_shards(
        _store(_plain(ELSEWHERE + "first", 31) | _plain(ELSEWHERE + "second", 31)),
        folder,
        shard_bytes=10**6,
    )
    shard = folder / "other-00001.nq"
    line = shard.read_bytes().splitlines(keepends=True)[40]
    _rewrite_line(shard, 41, b"!" + line[1:])
    try:
        with pytest.raises(BulkLoadFailed) as failure:
            push_bulk(read_shards(folder), _bulk(bulk_virtuoso))
        assert failure.value.shard == str(shard)
        message = str(failure.value)
        assert message.startswith(f"{shard}: Virtuoso's bulk loader refused the shard (")
        assert "line 41" in message and STAGING_GRAPHS not in message
        assert f"its graphs ({ELSEWHERE}first, {ELSEWHERE}second) were not replaced" in message
        assert "the store's graphs are as they were before the push" in message
        assert _ours_in(bulk_virtuoso) == old  # no staging graph left, the old ones whole
        assert [p.name for p in folder.iterdir() if p.name.startswith(".bulk")] == []
        monkeypatch.setenv("GRAPH_BUILDER_PASSWORD", "dba")
        result = cli("push", "--bulk", folder, bulk_virtuoso.sql, "--user", "dba")
        assert result.exit_code == 2
        assert f"Error: {shard}: Virtuoso's bulk loader refused the shard" in result.stderr
        assert _ours_in(bulk_virtuoso) == old
    finally:
        _drop_ours(bulk_virtuoso)


def test_a_staging_count_that_differs_replaces_nothing(bulk_virtuoso):
    folder = _two_graphs(bulk_virtuoso, "short", 30)
    write_shards(
        _store(_plain(ELSEWHERE + "first", 40) | _plain(ELSEWHERE + "second", 40)),
        folder,
        shard_bytes=10**6,
    )
    shard = folder / "other-00001.nq"
    lines = shard.read_bytes().splitlines(keepends=True)
    twin = next(
        i for i, line in enumerate(lines) if line != lines[10] and len(line) == len(lines[10])
    )
    _rewrite_line(shard, 11, lines[twin])  # a quad twice: the loader stores it once
    try:
        with pytest.raises(PushFailed) as failure:
            push_bulk(read_shards(folder), _bulk(bulk_virtuoso))
        assert "into the staging graph of" in str(failure.value)
        assert "hold 40; nothing was replaced" in str(failure.value)
        assert failure.value.pushed == []
        assert _ours_in(bulk_virtuoso) == {ELSEWHERE + "first": 30, ELSEWHERE + "second": 30}
    finally:
        _drop_ours(bulk_virtuoso)


def _refuse_the_fill(monkeypatch, error: str, *, run_it: bool) -> list[str]:
    """Make the first copy of the staging graphs into the targets (inside the replacement's
    transaction, after the targets' delete) answer *error*, run or not; the list of the
    refused statements."""
    real_run = Isql.run
    refused: list[str] = []

    def refusing(self: Isql, statements: str) -> list[str]:
        if statements.startswith("INSERT SOFT DB.DBA.RDF_QUAD") and not refused:
            if run_it:
                real_run(self, statements)
            refused.append(statements)
            return [f"*** {error}"]
        return real_run(self, statements)

    monkeypatch.setattr(Isql, "run", refusing)
    return refused


def test_a_failed_replacement_is_rolled_back(bulk_virtuoso, monkeypatch):
    folder = _two_graphs(bulk_virtuoso, "rolled-back", 30)
    write_shards(_store(_plain(ELSEWHERE + "first", 5)), folder, shard_bytes=10**6)
    _refuse_the_fill(monkeypatch, "Error 42000: VD001: injected by the test", run_it=False)
    try:
        with pytest.raises(PublishError) as failure:
            push_bulk(read_shards(folder), _bulk(bulk_virtuoso))
        assert str(failure.value) == (
            "replacing the graphs: Virtuoso answered: Error 42000: VD001: injected by the "
            "test; the transaction was rolled back: the store's graphs are as they were "
            "before the push"
        )
        assert _ours_in(bulk_virtuoso) == {ELSEWHERE + "first": 30, ELSEWHERE + "second": 30}
        push_bulk(read_shards(folder), _bulk(bulk_virtuoso))  # the fake refuses once only
        assert _ours_in(bulk_virtuoso) == {ELSEWHERE + "first": 5, ELSEWHERE + "second": 30}
    finally:
        _drop_ours(bulk_virtuoso)


def test_a_replacement_too_large_for_one_transaction_is_done_unlogged(bulk_virtuoso, monkeypatch):
    folder = _two_graphs(bulk_virtuoso, "too-large", 30)
    write_shards(_store(_plain(ELSEWHERE + "first", 7)), folder, shard_bytes=10**6)
    error = (
        "Error 40005: [Virtuoso Server]SR325: Transaction aborted because it's log after "
        "image size went above the limit"
    )
    refused = _refuse_the_fill(monkeypatch, error, run_it=True)
    try:
        report = push_bulk(read_shards(folder), _bulk(bulk_virtuoso))
        assert len(refused) == 1  # then replaced again, unlogged
        assert [(g.iri, g.stored) for g in report.graphs] == [(ELSEWHERE + "first", 7)]
        assert _ours_in(bulk_virtuoso) == {ELSEWHERE + "first": 7, ELSEWHERE + "second": 30}
    finally:
        _drop_ours(bulk_virtuoso)


def test_a_folder_outside_dirs_allowed_is_explained(bulk_virtuoso, cli, monkeypatch):
    store = _store(_plain(ELSEWHERE + "refused", 3))
    outside = Path(tempfile.mkdtemp(prefix="graph-builder-test-", dir="/var/tmp"))
    try:
        write_shards(store, outside / "shards", shard_bytes=10**6)
        with pytest.raises(PublishError) as failure:
            push_bulk(read_shards(outside / "shards"), _bulk(bulk_virtuoso))
        assert str(failure.value) == (
            f"Virtuoso may not read {outside}/shards: the folder is not in DirsAllowed. Add it "
            "to DirsAllowed in the [Parameters] section of virtuoso.ini and restart Virtuoso, "
            "or write the shards into a folder listed there; nothing was replaced: the store's "
            "graphs are as they were before the push"
        )
        monkeypatch.setenv("GRAPH_BUILDER_PASSWORD", "dba")
        result = cli("push", "--bulk", outside / "shards", bulk_virtuoso.sql, "--user", "dba")
        assert result.exit_code == 2 and "is not in DirsAllowed" in result.stderr
        found = bulk_virtuoso.select(f"SELECT * {{ GRAPH <{ELSEWHERE}refused> {{ ?s ?p ?o }} }}")
        assert found == []  # nothing loaded
    finally:
        shutil.rmtree(outside)


def test_a_password_that_is_not_the_user_name_goes_to_isql_on_stdin(bulk_virtuoso, dataset):
    _sql(bulk_virtuoso, "USER_CREATE('gb_loader', 'Not-the-name-7')")
    folder = bulk_virtuoso.loadable / "by-user"
    write_shards(_store(_plain(ELSEWHERE + "by-user", 2)), folder, shard_bytes=10**6)
    # logged in (the first try, the user name, was refused; then the password from stdin):
    # an ordinary user may not run the loader, and Virtuoso says so
    with pytest.raises(PublishError, match=r"SECURITY: Permission denied"):
        push_bulk(read_shards(folder), BulkTarget(bulk_virtuoso.sql, "gb_loader", "Not-the-name-7"))


def test_cli_bulk_dry_run_and_bad_options(cli, dataset, tmp_path):
    write_shards(dataset, tmp_path / "s", shard_bytes=10**9)
    result = cli("push", "--bulk", tmp_path / "s", "127.0.0.1:1111", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"would load 5 shards: {len(dataset.named_graphs())} graphs, {len(dataset)} quads "
        "into 127.0.0.1:1111\n"
    )
    result = cli("push", "--bulk", tmp_path / "s", "127.0.0.1:1111")
    assert result.exit_code == 2 and "--bulk needs --user" in result.stderr
    result = cli("push", "--bulk", tmp_path / "s", "http://h:1111/", "--user", "dba")
    assert result.exit_code == 2 and "give Virtuoso's SQL port as host:port" in result.stderr
    result = cli("push", "--bulk", tmp_path / "s", "h:1111", "--graph", "ontology")
    assert result.exit_code == 2 and "leave out --graph" in result.stderr


def _sql(virtuoso, statement: str) -> list[str]:
    """What isql prints for *statement*, run as dba."""
    with Isql(_bulk(virtuoso)) as isql:
        return isql.run(statement + ";")
