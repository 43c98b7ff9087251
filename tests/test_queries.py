"""The competency questions: each named query on the default dataset, with expected rows."""

from __future__ import annotations

import csv
import io
import json

import pytest

from graph_builder.errors import QueryError
from graph_builder.sparql.named import (
    bind_params,
    bind_values,
    get_named_query,
    named_queries,
    page,
    run_query,
)
from graph_builder.sparql.results import result_rows

COOP = "Indonesia's 2023 strategic industrial cooperation with China and Korea"
MOU = "Indonesia–China MoU on industrial cooperation (2023)"
KOREA = "Indonesia–Korea industrial cooperation agreement (2023)"
OF_2023 = (COOP, MOU, KOREA)  # the agreements of September 2023 (S1–S4)
KOREA_2017 = "Indonesia–Korea MoU on industrial cooperation (2017)"
TURKEY = "Indonesia–Türkiye memorandum of understanding on industrial cooperation (2025)"
GEIPP = "Global Eco-Industrial Parks Programme (GEIPP)"
# every country some bundled source names as a party (docs/sources.md)
COUNTRIES = {
    "ID",
    "CN",
    "KR",
    "DZ",
    "SG",
    "JP",
    "AE",
    "DE",
    "TR",
    "CH",
    "PE",
    "CO",
    "VN",
    "UA",
    "EG",
}


@pytest.fixture
def cli(cli, bundled_build):
    """``graph-builder ARGS``, where ``query`` reads the session's build of the bundled data
    (``--build``) instead of building the data into a temporary store each time; the
    temporary store has its own tests (``test_query_timeout.py``)."""

    def run(*args):
        if args[:1] == ("query",):
            args = (*args, "--build", bundled_build)
        return cli(*args)

    return run


def rows(dataset, name, **params):
    named = get_named_query(name)
    result = run_query(dataset, named.text, bindings=bind_params(named, params))
    return [{k: v.value for k, v in row.items()} for row in result_rows(result)]


def pick(table, *columns):
    return [tuple(r.get(c, "") for c in columns) for r in table]


def of_2023(table):
    """The rows about the agreements of September 2023: their facts do not change as the
    dataset grows."""
    return [row for row in table if row[0] in OF_2023]


def test_cq1_parties(dataset):
    table = pick(rows(dataset, "parties"), "agreementLabel", "code", "sources")
    # the programme of several countries, from the two sources that list them
    assert [(code, s) for label, code, s in table if label == GEIPP and code] == [
        (code, "S25, S26") for code in ("CH", "CO", "EG", "ID", "PE", "UA", "VN")
    ]
    assert {code for _, code, _ in table if code} == COUNTRIES
    # an international organisation is a party too, with no country code
    named = pick(rows(dataset, "parties"), "agreementLabel", "partyLabel", "code")
    unido = "United Nations Industrial Development Organization"
    assert ("Indonesia–UNIDO Country Programme 2021–2025", unido, "") in named
    assert of_2023(table) == [
        (COOP, "CN", "S1"),
        (COOP, "ID", "S1"),
        (COOP, "KR", "S1"),
        (MOU, "CN", "S2, S3, S4"),
        (MOU, "ID", "S2, S3, S4"),
        (KOREA, "ID", "S2, S3, S4"),
        (KOREA, "KR", "S2, S3, S4"),
    ]


def test_cq2_bodies_and_signatories(dataset):
    table = pick(
        rows(dataset, "bodies-and-signatories"),
        "agreementLabel",
        "countryCode",
        "signatoryName",
        "roleLabel",
        "date",
        "sources",
    )
    turkey = [(name, date) for label, code, name, _, date, _ in table if label == TURKEY]
    # S23 and S24 date the same signing a year apart: both dates stay, each with its source
    assert sorted(set(turkey)) == [
        ("Agus Gumiwang Kartasasmita", "2024-02-12"),
        ("Agus Gumiwang Kartasasmita", "2025-02-12"),
        ("Mehmet Fatih Kacir", "2024-02-12"),
        ("Mehmet Fatih Kacir", "2025-02-12"),
    ]
    assert of_2023(table) == [
        (COOP, "ID", "", "", "", "S1"),
        (
            MOU,
            "CN",
            "Jin Zhuanglong",
            "Minister of Industry and Information Technology of the People's Republic of China",
            "2023-09-08",
            "S2, S3, S4",
        ),
        (
            MOU,
            "ID",
            "Agus Gumiwang Kartasasmita",
            "Minister of Industry of the Republic of Indonesia",
            "2023-09-08",
            "S2, S3, S4",
        ),
        (
            KOREA,
            "ID",
            "Agus Gumiwang Kartasasmita",
            "Minister of Industry of the Republic of Indonesia",
            "2023-09-08",
            "S2, S3, S4",
        ),
        (
            KOREA,
            "KR",
            "Ahn Dukgeun",
            "Trade Minister of the Republic of Korea",
            "2023-09-08",
            "S2, S3, S4",
        ),
    ]


def test_cq2_a_signature_that_names_no_body_has_no_body(data_copy):
    """When no source says on whose behalf someone signed, the row has no body, rather than
    one row for every labelled entity."""
    import re

    from graph_builder.dataset import load_dataset

    for path in (data_copy / "sources").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(
            re.sub(r"(- person: ahn-dukgeun\n)\s+on_behalf_of: motie\n", r"\1", text), "utf-8"
        )
    table = pick(
        rows(load_dataset(data_copy), "bodies-and-signatories"), "signatoryName", "bodyLabel"
    )
    assert [body for name, body in table if name == "Ahn Dukgeun"] == [""]


def test_cq3_sectors_with_isic(dataset):
    table = {
        (r["agreementLabel"], r["sectorLabel"]): (
            r.get("isic", ""),
            r.get("isicMatch", ""),
            r["sources"],
        )
        for r in rows(dataset, "sectors")
    }
    assert table[(MOU, "shipbuilding")] == ("3011", "exact", "S2, S3, S4")
    assert table[(MOU, "aircraft raw materials")] == ("3030", "related", "S2, S3, S4")
    assert table[(MOU, "solar photovoltaic industry")] == ("2610", "broader", "S2, S3, S4")
    assert table[(COOP, "household appliances")] == ("2750", "exact", "S1")
    assert table[(COOP, "small and medium industries")] == ("", "", "S1")
    assert table[(TURKEY, "halal industry")] == ("", "", "S22, S23, S24")
    agreements = {a for a, _ in table}
    assert KOREA not in agreements  # no source gives the 2023 Korea agreement a sector list
    assert len([a for a, _ in table if a in OF_2023]) == 12


def test_cq4_activities_grouped_by_area(dataset):
    table = pick(
        rows(dataset, "activities"), "agreementLabel", "areaLabel", "activityLabel", "sources"
    )
    assert (COOP, "industrial human-resource development", "capacity building", "S1") in table
    assert (
        MOU,
        "industrial-estate development",
        "technical assistance for industrial symbiosis",
        "S4",
    ) in table
    assert (
        KOREA,
        "investment",
        "expanding investment in industry and industrial estates",
        "S2, S3",
    ) in table
    assert (
        KOREA,
        "other areas the participants agree on",
        "other areas the participants agree on",
        "S2",
    ) in table
    areas = {a for _, a, _, _ in table}
    assert "technology cooperation" in areas and "investment" in areas


def test_cq5_institution_types(dataset):
    assert pick(
        rows(dataset, "institution-types"), "institutionLabel", "institutionLabelId", "sources"
    ) == [
        ("consultancy", "lembaga konsultan", "S1"),
        ("education institution", "lembaga pendidikan", "S1"),
        ("industry", "industri", "S1"),
        ("research centre", "pusat penelitian", "S1"),
        ("think tank", "lembaga pemikir", "S1"),
    ]


def test_cq6_objectives(dataset):
    table = pick(rows(dataset, "objectives"), "agreementLabel", "objectiveLabel", "sources")
    assert (COOP, "inclusive economic growth", "S1") in table
    assert (COOP, "greener, sustainable industrial development", "S1") in table
    assert (MOU, "developing cooperation in manufacturing", "S2, S3, S4") in table
    assert len([r for r in table if r[0] == COOP]) == 11


def test_cq7_which_sources_say_the_china_mou_covers_shipbuilding(dataset):
    table = rows(
        dataset,
        "statement-sources",
        subject="id:agreement/mou-industrial-cooperation-indonesia-china-2023",
        property="agr:coversSector",
        object="sector:shipbuilding",
    )
    assert pick(table, "sourceId", "locator", "publisher", "issued") == [
        ("S2", "p. 1", "Rakyat Merdeka", "2023-09-09T07:30:00+07:00"),
        ("S3", "", "Gpriority", ""),
        ("S4", "", "detikFinance", ""),
    ]


def test_cq7_s1_gives_paragraph_wording_and_cited_release(dataset):
    table = rows(
        dataset,
        "statement-sources",
        subject="id:agreement/industrial-cooperation-indonesia-china-korea-2023",
        object="sector:shipbuilding",
    )
    assert pick(table, "sourceId", "locator", "keyTerm", "citedReleaseDate") == [
        ("S1", "¶4", "industri perkapalan", "2023-09-08")
    ]


def test_cq8_where_sources_differ(dataset):
    table = pick(rows(dataset, "source-differences"), "topic", "statement", "sources")
    assert ("Spelling of the MIIT minister's name", "Jin Zhualong", "S4") in table
    assert ("Spelling of the MIIT minister's name", "Jin Zhuanglong", "S2, S3") in table
    sides = {t[2] for t in table if t[0].startswith("One trilateral cooperation")}
    assert sides == {"S1", "S2, S3, S4"}
    year = {t[2] for t in table if t[0].startswith("Indonesia–Türkiye memorandum")}
    assert year == {"S22, S23", "S24"}
    assert {t[0] for t in table} >= {
        "One trilateral cooperation, or two bilateral instruments?",
        "On which day was the Indonesia–Algeria MoU signed?",
        "Was the Indonesia–Korea MoU of 2017 signed in November or in September?",
        "Which seven cross-sector areas does New MIDEC cover?",
    }


def test_cq9_terms(dataset):
    table = pick(
        rows(dataset, "terms"), "agreementLabel", "duration", "extendable", "signed", "sources"
    )
    assert (KOREA_2017, "", "", "2017-11-09", "") in table
    assert [r[3] for r in table if r[0] == TURKEY] == ["2024-02-12", "2025-02-12"]
    assert of_2023(table) == [
        (COOP, "", "", "", ""),
        (MOU, "P5Y", "true", "2023-09-08", "S2, S3, S4"),
        (KOREA, "", "", "2023-09-08", ""),
    ]


ENDING = ("agreementLabel", "signed", "duration", "ends", "why", "dateSources", "termSources")


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        (
            None,
            [
                (MOU, "2023-09-08", "P5Y", "2028-09-08", "", "S2 p. 1, S3, S4", "S2 p. 1, S3, S4"),
                (COOP, "", "", "", "no term stated and no signing date", "", ""),
                (KOREA, "2023-09-08", "", "", "no term stated", "S2 p. 1, S3, S4", ""),
            ],
        ),
        ("2028-09-08", [MOU, COOP, KOREA]),  # the end day itself is "on or before"
        ("2028-09-07", [COOP, KOREA]),  # those without an end are always listed, with why
    ],
)
def test_agreements_ending_with_the_evidence_of_date_and_term(dataset, before, expected):
    params = {"before": before} if before else {}
    found = [
        r
        for r in rows(dataset, "agreements-ending", **params)
        if r["agreementLabel"] in (MOU, COOP, KOREA)
    ]
    if before is None:
        assert pick(found, *ENDING) == expected
    else:
        assert [r["agreementLabel"] for r in found] == expected


def test_agreements_ending_counts_years_as_the_calendar_does(data_copy):
    """A 29 February signing ends on 28 February of a year that has none, on 29 February of
    a year that has one."""
    from graph_builder.dataset import load_dataset

    for path in (data_copy / "sources").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("value: 2023-09-08, says: kemarin", "value: 2024-02-29"), "utf-8"
        )
    (row,) = [
        r
        for r in rows(load_dataset(data_copy), "agreements-ending")
        if r["agreementLabel"] == MOU and r["dateSources"].startswith("S2")
    ]
    assert (row["signed"], row["ends"]) == ("2024-02-29", "2029-02-28")
    for path in (data_copy / "sources").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("term: {years: 5,", "term: {years: 4,"), "utf-8")
    (row,) = [
        r
        for r in rows(load_dataset(data_copy), "agreements-ending")
        if r["agreementLabel"] == MOU and r["dateSources"].startswith("S2")
    ]
    assert (row["signed"], row["ends"]) == ("2024-02-29", "2028-02-29")


def test_agreements_ending_refuses_a_date_it_cannot_read(cli):
    result = cli("query", "agreements-ending", "--param", "before=2027-02-30")
    assert result.exit_code == 2
    assert "parameter before: '2027-02-30' is not a date; write it as YYYY-MM-DD" in result.stderr


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        (
            "KR",
            [
                (COOP, "CN, ID", "S1"),
                (KOREA_2017, "ID", "S9, S10, S11"),
                (KOREA, "ID", "S2, S3, S4"),
            ],
        ),
        ("CN", [(COOP, "ID, KR", "S1"), (MOU, "ID", "S2, S3, S4")]),
        (
            "JP",
            [
                ("Indonesia–Japan Economic Partnership Agreement (IJEPA)", "ID", "S14"),
                (
                    "Indonesia–Japan New Manufacturing Industry Development Center programme"
                    " (New MIDEC)",
                    "ID",
                    "S14, S16, S17, S29",
                ),
                (
                    "Indonesia–Japan framework document on the New Manufacturing Industry"
                    " Development Center (New MIDEC, 2019)",
                    "ID",
                    "S14, S15, S29",
                ),
            ],
        ),
        ("FR", []),
    ],
)
def test_cq10_agreements_by_country(dataset, country, expected):
    table = rows(dataset, "agreements-by-country", country=country)
    assert pick(table, "agreementLabel", "otherParties", "sources") == expected


def test_cq10_indonesia_is_party_to_every_agreement(dataset):
    table = pick(
        rows(dataset, "agreements-by-country", country="ID"),
        "agreementLabel",
        "otherParties",
        "sources",
    )
    assert of_2023(table) == [
        (COOP, "CN, KR", "S1"),
        (MOU, "CN", "S2, S3, S4"),
        (KOREA, "KR", "S2, S3, S4"),
    ]
    assert {label for label, _ in pick(rows(dataset, "parties"), "agreementLabel", "code")} == {
        label for label, _, _ in table
    }


def test_cq10_lists_sectors(dataset):
    (row,) = [
        r
        for r in rows(dataset, "agreements-by-country", country="CN")
        if r["agreementLabel"] == MOU
    ]
    assert set(row["sectors"].split("; ")) == {
        "aircraft raw materials",
        "electronic components",
        "household appliances",
        "shipbuilding",
        "small and medium industries",
        "solar photovoltaic industry",
    }


def test_every_question_has_a_named_query():
    questions = {q.question for q in named_queries().values() if q.question}
    assert questions == set(range(1, 11))


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_returns_rows(dataset, name):
    named = get_named_query(name)
    assert named.title and named.description
    assert rows(dataset, name, **named.example)


@pytest.fixture(scope="module")
def persisted(bundled_build):
    """The bundled data built to disk and opened as the commands open it."""
    from graph_builder.manifest import open_build

    return open_build(bundled_build)


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_answers_the_same_on_the_persisted_store(dataset, persisted, name):
    """Its example, and its first page and a later one: the store on disk (with the build's
    key listings) and a fresh build in memory give the same rows."""
    named = get_named_query(name)
    for params in (named.example, LISTING_PARAMS.get(name, named.example)):
        bindings = bind_params(named, params)
        fresh = result_rows(run_query(dataset, named.text, bindings=bindings, trusted=True))
        assert (
            result_rows(run_query(persisted, named.text, bindings=bindings, trusted=True)) == fresh
        )
        for limit, offset in ((3, 0), (2, 5)):
            page = run_query(
                persisted, named.text, bindings=bindings, trusted=True, limit=limit, offset=offset
            )
            assert result_rows(page) == fresh[offset : offset + limit], (params, limit, offset)


def test_parameter_is_bound_as_a_literal_not_spliced(dataset, cli):
    before = len(dataset)
    payload = 'x" } ; DROP ALL #'
    result = cli("query", "find-by-name", "--param", f"text={payload}", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["results"]["bindings"] == []
    named = get_named_query("find-by-name")
    assert bind_params(named, {"text": payload})["text"].value == payload
    assert rows(dataset, "find-by-name", text="zhua")  # the same query does find real names
    assert len(dataset) == before


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
            "SERVICE is not accepted",
        ),
        (
            "SELECT * FROM <http://127.0.0.1:9/x> WHERE { ?s ?p ?o }",
            "FROM <http://127.0.0.1:9/x> names a graph that is not served here",
        ),
        (
            "SELECT * FROM NAMED <http://127.0.0.1:9/x> WHERE { ?s ?p ?o }",
            "FROM NAMED <http://127.0.0.1:9/x> names a graph",
        ),
        ("DROP ALL", "SPARQL Update is not accepted"),
        ("SELECT ?s WHERE { ?s ", "the query does not parse"),
        ("SELECT * WHERE " + "{ " * 60 + "?s ?p ?o" + " }" * 60, "nested too deeply"),
    ],
)
def test_unsafe_or_broken_queries_are_refused(dataset, cli, query, message):
    with pytest.raises(QueryError, match=message):
        run_query(dataset, query)
    result = cli("query", "-e", query)
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_formats(cli, dataset, fmt):
    result = cli("query", "parties", "--format", fmt)
    assert result.exit_code == 0
    n = len(rows(dataset, "parties"))
    if fmt == "json":
        assert len(json.loads(result.stdout)["results"]["bindings"]) == n
    elif fmt in ("csv", "tsv"):
        table = list(
            csv.reader(io.StringIO(result.stdout), delimiter="," if fmt == "csv" else "\t")
        )
        header = (
            ["agreement", "agreementLabel"] if fmt == "csv" else ["?agreement", "?agreementLabel"]
        )
        assert table[0][:2] == header and len(table) == n + 1
    else:
        assert result.stdout.rstrip().endswith(f"({n} rows)")


def test_query_file_and_missing_param(cli, tmp_path):
    path = tmp_path / "count.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a agr:Country }", encoding="utf-8")
    result = cli("query", path, "--format", "csv")
    assert result.exit_code == 0 and result.stdout.splitlines() == ["n", str(len(COUNTRIES))]
    result = cli("query", "agreements-by-country")
    assert result.exit_code == 2
    assert "needs --param country=VALUE" in result.stderr
    result = cli("query", "partys")
    assert result.exit_code == 2 and "did you mean 'parties'?" in result.stderr


def test_an_ask_answer_as_a_table(dataset):
    assert run_query(dataset, "ASK { ?s a agr:Ministry }", format="table") == "true\n"


def test_construct_gives_turtle_or_json_ld(cli):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    query = (
        "CONSTRUCT { ?c a agr:Country ; rdfs:label ?l } WHERE { ?c a agr:Country ; rdfs:label ?l }"
    )
    turtle = cli("query", "-e", query)
    jsonld = cli("query", "-e", query, "--format", "json")
    assert turtle.exit_code == 0 and jsonld.exit_code == 0
    from_turtle = Graph().parse(data=turtle.stdout, format="turtle")
    from_jsonld = Graph().parse(data=jsonld.stdout, format="json-ld")
    # each country typed and labelled in English and Indonesian
    assert len(from_turtle) == 3 * len(COUNTRIES)
    assert isomorphic(from_turtle, from_jsonld)


@pytest.mark.parametrize("fmt", ["tsv", "json", "xml"])
def test_query_formats_are_standard_sparql_results(cli, fmt):
    """What `query --format` writes parses as SPARQL results in an independent library
    (pyoxigraph reads every result format but CSV, which SPARQL defines as lossy)."""
    import pyoxigraph

    formats = {
        "tsv": pyoxigraph.QueryResultsFormat.TSV,
        "json": pyoxigraph.QueryResultsFormat.JSON,
        "xml": pyoxigraph.QueryResultsFormat.XML,
    }
    result = cli("query", "agreements-by-country", "--param", "country=KR", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    parsed = pyoxigraph.parse_query_results(result.stdout.encode("utf-8"), formats[fmt])
    rows = list(parsed)
    labels = sorted(str(row["agreementLabel"].value) for row in rows)
    assert labels == sorted([COOP, KOREA_2017, KOREA])


def test_query_limit_and_offset_page_the_rows(cli):
    whole = cli("query", "activities", "--format", "csv").stdout.splitlines()
    page = cli("query", "activities", "--format", "csv", "--limit", "5", "--offset", "3")
    assert page.exit_code == 0, page.stderr
    assert page.stdout.splitlines() == [whole[0], *whole[4:9]]


# ------------------------------------------------------------------ paging

PAGED = sorted(name for name, q in named_queries().items() if "# paged:" in q.text)
LISTING_PARAMS = {"statement-sources": {}}  # every statement; the example names one


def _all_and_pages(store, name, params, sizes):
    named = get_named_query(name)
    bindings = bind_params(named, params)
    whole = result_rows(run_query(store, named.text, bindings=bindings, trusted=True))
    for limit, offset in sizes(len(whole)):
        page = run_query(
            store, named.text, bindings=bindings, trusted=True, limit=limit, offset=offset
        )
        assert result_rows(page) == whole[offset : offset + limit], (limit, offset)
    return whole


def _sizes(n):
    return [(limit, offset) for limit in (0, 1, 2, 5, n) for offset in (0, 1, 3, n - 1, n)]


def test_listing_queries_mark_their_keys():
    assert {"activities", "objectives", "parties", "sectors", "statement-sources", "terms"} <= set(
        PAGED
    )


@pytest.mark.parametrize("name", PAGED)
def test_a_page_is_a_slice_of_the_whole_answer(dataset, name):
    params = LISTING_PARAMS.get(name, get_named_query(name).example)
    whole = _all_and_pages(dataset, name, params, _sizes)
    assert len(whole) >= 3, "at least a row for each of the three agreements"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """40 synthetic sources; two agreements share a label, four state no activities."""
    from benchmarks.bench_build import write_dataset
    from graph_builder.dataset import load_dataset
    from graph_builder.ontology import Vocabulary, load_ontology

    root = tmp_path_factory.mktemp("synthetic")
    write_dataset(root, 40, Vocabulary.from_graph(load_ontology()))
    entities = root / "entities" / "agreements.yaml"
    text = entities.read_text(encoding="utf-8")
    entities.write_text(text.replace("en: Agreement 12,", "en: Agreement 11,"), "utf-8")
    for i in (0, 3, 11, 20):
        path = root / "sources" / f"b{i}.yaml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(x for x in lines if "activities:" not in x), "utf-8")
    return load_dataset(root)


@pytest.mark.parametrize("name", PAGED)
def test_pages_of_many_agreements_follow_on(synthetic, name):
    def sizes(n):
        return [(limit, offset) for limit in (1, 7, 30) for offset in range(0, n + 1, 13)]

    named = get_named_query(name)
    params = LISTING_PARAMS.get(name, named.example)
    whole = _all_and_pages(synthetic, name, params, sizes)
    assert len(whole) >= 39, "at least a row for each of the 39 agreement labels"
    bindings = bind_params(named, params)
    quick = synthetic.query(bind_values(page(named.text, limit=7, offset=13), bindings))
    assert result_rows(quick) == whole[13:20], "the first 20 keys give the page"


def test_a_page_needs_the_keys_of_its_rows_only():
    text = get_named_query("activities").text
    assert "LIMIT 15\n" in page(text, limit=5, offset=10)
    assert "LIMIT 15\n" not in page(text, limit=5, offset=10, keys=False)
    assert page(text, limit=None, offset=10) == page(text, limit=None, offset=10, keys=False)
