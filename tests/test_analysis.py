"""Network analytics: centrality, communities, components, the table."""

from __future__ import annotations

import json

import pytest

from graph_builder.namespaces import ID
from graph_builder.network.analysis import format_stats_table, network_stats
from tests.test_network import TINY_VERTICES, tiny_dataset


@pytest.fixture(scope="module")
def stats() -> dict:
    return network_stats(tiny_dataset())


def test_counts(stats: dict) -> None:
    assert stats["vertices"] == TINY_VERTICES
    assert stats["edges"] == 8
    assert stats["ties"] == 7  # actsFor and locatedIn between one pair are one tie
    assert [c["size"] for c in stats["components"]] == [TINY_VERTICES]


def test_the_agreement_is_most_central(stats: dict) -> None:
    top = stats["centrality"][0]
    assert top["iri"] == str(ID.mou)
    assert top["degree"] == 4
    assert top["betweenness"] == max(r["betweenness"] for r in stats["centrality"])


def test_communities_partition_the_vertices(stats: dict) -> None:
    members = [m["id"] for c in stats["communities"] for m in c["members"]]
    assert len(members) == len(set(members)) == TINY_VERTICES


def test_json_and_table(stats: dict) -> None:
    assert json.loads(json.dumps(stats)) == stats
    table = format_stats_table(stats, top=3)
    assert table.splitlines()[0].startswith("vertices 7  edges 8  ties 7")
    assert "Indonesia–Korea MoU (id:mou)" in table
    assert "communities" in table and "components" in table


def test_default_dataset() -> None:
    build = pytest.importorskip("graph_builder.dataset")
    stats = network_stats(build.load_dataset(), top=5)
    assert len(stats["centrality"]) == 5
    assert sum(c["size"] for c in stats["components"]) == stats["vertices"]
