"""gazetteer.py: the shipped gazetteers are well-formed and consistent with the ontology."""

from __future__ import annotations

from importlib.resources import files

import pycountry
import pytest

from graph_builder import resources
from graph_builder.extract import gazetteer
from graph_builder.ontology import Vocabulary, load_ontology


def test_the_gazetteers_are_package_data():
    folder = files("graph_builder.extract").joinpath("gazetteers")
    assert {"bodies.tsv", "isic.tsv"} <= {p.name for p in folder.iterdir()}


def test_body_ids_are_unique_and_countries_are_iso_codes():
    bodies = gazetteer.bodies()
    ids = [b.id for b in bodies]
    assert len(ids) == len(set(ids))
    for body in bodies:
        assert body.country is None or pycountry.countries.get(alpha_2=body.country), body.id
        assert body.en and body.id_label, body.id


@pytest.mark.parametrize(
    ("ref", "name"),
    [
        ("kementerian-investasi", "BKPM"),  # the former agency's name links the ministry
        ("brin", "BRIN"),
        ("bppt", "BPPT"),
        ("bskji", "BSKJI"),
        ("ditjen-ilmate", "Ditjen ILMATE"),
        ("meti", "Ministry of Economy, Trade and Industry"),
        ("unido", "UNIDO"),
        ("koica", "KOICA"),
    ],
)
def test_bodies_carry_their_short_and_former_names(ref, name):
    body = {b.id: b for b in gazetteer.bodies()}[ref]
    assert name in {body.en, body.id_label, *body.names}


def test_isic_rows_map_onto_concepts_of_the_sector_scheme():
    vocabulary = Vocabulary.from_graph(load_ontology(resources.ontology_dir()))
    sectors = vocabulary.concepts["sector"]
    rows = gazetteer.isic_sectors()
    assert len({r.code for r in rows}) == len(rows)
    for row in rows:
        assert row.concept is None or row.concept in sectors, row.code
        assert row.en and row.id, row.code
