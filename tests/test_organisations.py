"""International organisations as parties: read, built, validated, queried, refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import RDF

from graph_builder import bind_params, get_named_query, result_rows, run_query
from graph_builder.dataset import build_dataset, load_dataset
from graph_builder.ingest.sources import load_sources
from graph_builder.namespaces import AGR, ID, SECTOR
from graph_builder.ontology import Vocabulary, load_ontology
from graph_builder.rdf.validate import validate_dataset
from graph_builder.records import EntityRef

from .test_sources import VALID

ORGANISATIONS = """\
organisations:
  - id: ilo
    label:
      en: International Labour Organization
      id: Organisasi Perburuhan Internasional
    abbreviation: {en: ILO, id: ILO}
"""

PROGRAMME = (
    VALID.split("claims:")[0].replace("S900", "S901")
    + """\
claims:
  - about: test-programme
    parties:
      - {ref: ID, at: ¶1, says: Indonesia}
      - {ref: ilo, at: ¶1, says: the ILO}
  - about: ilo
    called: [{value: ILO, at: ¶1, says: ILO}]
"""
)

AGREEMENT = """\
agreements:
  - id: test-programme
    type: CooperationAgreement
    label: {en: Test programme, id: Program uji}
"""


def _with_programme(data: Path, parties_line: str | None = None) -> Path:
    (data / "entities" / "test-organisations.yaml").write_text(ORGANISATIONS, encoding="utf-8")
    (data / "entities" / "test-agreements.yaml").write_text(AGREEMENT, encoding="utf-8")
    text = PROGRAMME
    if parties_line is not None:
        text = text.replace("      - {ref: ilo, at: ¶1, says: the ILO}", parties_line)
    path = data / "sources" / "s901-test.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_organisation_party_builds_conforms_and_is_typed(data_copy):
    _with_programme(data_copy)
    ontology = load_ontology()
    records = load_sources(data_copy, vocabulary=Vocabulary.from_graph(ontology))
    source = next(r for r in records.sources if r.citation.id == "S901")
    assert [c.value for c in source.claims if c.prop == "hasParty"] == [
        EntityRef("country", "ID"),
        EntityRef("organisation", "ilo"),
    ]
    store = build_dataset(records, ontology=ontology)
    report = validate_dataset(store)
    assert report.conforms, report.text()
    graph = store.to_rdflib()
    ilo = ID["organisation/ilo"]
    assert (ID["agreement/test-programme"], AGR.hasParty, ilo) in graph
    assert (ilo, AGR.hasParty, None) not in graph
    types = set(graph.objects(ilo, RDF.type))
    assert AGR.InternationalOrganisation in types and AGR.Country not in types


@pytest.mark.parametrize(
    ("party", "expected"),
    [
        (
            "kemenperin",
            "'kemenperin' is a body, not a party; a party is a country (its ISO 3166-1 code, "
            "such as ID or KR) or an international organisation (its id under organisations: "
            "in data/entities/)",
        ),
        ("iol", "'iol' is not a party (did you mean 'ilo'?); a party is a country"),
        ("ILO", "'ILO' is not a party; write the organisation's id 'ilo'"),
        ("XX", "'XX' is not an ISO 3166-1 country code"),
    ],
)
def test_a_party_that_is_neither_country_nor_organisation_is_refused(
    cli, data_copy, tmp_path, party, expected
):
    line = f"      - {{ref: {party}, at: ¶1, says: them}}"
    path = _with_programme(data_copy, line)
    number = path.read_text(encoding="utf-8").splitlines().index(line) + 1
    out = tmp_path / "out"
    result = cli("build", "--data", data_copy, "--out", out, "--no-viewer")
    assert result.exit_code == 2, result.output
    assert f"{path}:{number}: claims[0].parties[1].ref: {expected}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_the_shapes_refuse_a_party_of_another_kind(dataset):
    """A graph made elsewhere (not from data files) whose party is a ministry fails SHACL
    with the shape's message."""
    from rdflib import Dataset

    from graph_builder.namespaces import source_graph
    from graph_builder.rdf.store import GraphStore

    broken = Dataset(default_union=True)
    for quad in dataset.to_rdflib().quads((None, None, None, None)):
        broken.add(quad)
    mou = ID["agreement/mou-industrial-cooperation-indonesia-china-2023"]
    broken.graph(source_graph("S2")).add((mou, AGR.hasParty, ID["body/kemenperin"]))
    report = validate_dataset(GraphStore.from_rdflib(broken))
    # (the statement also lacks evidence, which another shape reports on the ontology node)
    assert [(v.path, v.message) for v in report.violations if v.focus == str(mou)] == [
        (
            "agr:hasParty",
            "an agreement has at least two parties, each a country or an international "
            "organisation",
        )
    ]


def _rows(store, name: str, **params: str) -> list[dict[str, str]]:
    named = get_named_query(name)
    result = run_query(store, named.text, bindings=bind_params(named, params))
    return [{k: v.value for k, v in row.items()} for row in result_rows(result)]


def test_queries_about_parties_name_the_organisation_and_keep_the_countries(data_copy, dataset):
    _with_programme(data_copy)
    store = load_dataset(data_copy)
    parties = [r for r in _rows(store, "parties") if r["agreementLabel"] == "Test programme"]
    assert [(r["partyLabel"], r.get("code")) for r in parties] == [
        ("International Labour Organization", None),
        ("Indonesia", "ID"),
    ]
    by_indonesia = _rows(store, "agreements-by-country", country="ID")
    assert {r["agreementLabel"]: r["otherParties"] for r in by_indonesia}["Test programme"] == "ILO"
    # the rows for a country are those of the data without the organisation's programme
    for code in ("KR", "CH"):
        assert _rows(store, "agreements-by-country", country=code) == _rows(
            dataset, "agreements-by-country", country=code
        )
    countries_before = [r for r in _rows(dataset, "parties") if r.get("code")]
    countries_after = [
        r
        for r in _rows(store, "parties")
        if r.get("code") and r["agreementLabel"] != "Test programme"
    ]
    assert countries_after == countries_before


def test_the_viewer_draws_an_organisation_and_its_agreements_have_matrix_rows(dataset):
    """UNIDO is a vertex of its own group and style; its programmes are matrix rows, and the
    2016 programme's sectors are cells of the sectors matrix."""
    from graph_builder.network.project import entity_network
    from graph_builder.viewer.payload import viewer_payload
    from graph_builder.viewer.style import GROUP_STYLE

    payload = viewer_payload(entity_network(dataset), layout_threshold=0)
    nodes = payload["nodes"]
    index = {n["iri"]: i for i, n in enumerate(nodes)}
    unido = nodes[index[str(ID["organisation/unido"])]]
    group = payload["groups"][unido["g"]]
    assert group["name"] == "InternationalOrganisation"
    assert (group["color"], group["shape"]) == GROUP_STYLE["InternationalOrganisation"]
    assert "x" in unido  # placed in the overview
    programme = index[str(ID["agreement/unido-country-programme-indonesia-2016-2020"])]
    assert programme in payload["rows"]
    sectors = next(s for s in payload["schemes"] if s["key"] == "sectors")
    row = payload["rows"].index(programme)
    columns = {nodes[sectors["cols"][c]]["iri"] for r, c, _ in sectors["cells"] if r == row}
    assert columns == {
        str(SECTOR[name])
        for name in ("small-and-medium-industries", "food-and-beverage", "automotive")
    }


def test_accept_moves_an_organisation_proposed_as_an_acting_body_to_the_parties(data_copy):
    """The extractor's list of bodies names UNIDO, the ILO …; accepting a candidate makes
    such an organisation a party, with its evidence, and keeps the real bodies."""
    import yaml

    from graph_builder.review.accept import plan_acceptance

    _with_programme(data_copy)
    ilo = {"ref": "ilo", "at": "¶2", "says": "the ILO"}
    candidate = {
        "source": {"id": "S902", "type": "NewsArticle", "language": "en", "label": {"en": "x"}},
        "claims": [
            {
                "about": "test-programme",
                "parties": [{"ref": "ID", "at": "¶1", "says": "Indonesia"}],
                "acting_bodies": [{"ref": "kemenperin", "at": "¶1", "says": "Kemenperin"}, ilo],
            },
            {"about": "test-programme", "acting_bodies": [ilo]},
        ],
    }
    planned = yaml.safe_load(plan_acceptance(candidate, data_copy).source_text)
    first, second = planned["claims"]
    assert [p["ref"] for p in first["parties"]] == ["ID", "ilo"]
    assert first["parties"][1] == ilo
    assert [b["ref"] for b in first["acting_bodies"]] == ["kemenperin"]
    assert second == {"about": "test-programme", "parties": [ilo]}
