"""Pages of listing queries made from their first keys, sorted in Python (sparql/paging.py)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph_builder.build import run_build
from graph_builder.manifest import open_build
from graph_builder.rdf.store import GraphStore
from graph_builder.sparql.named import get_named_query, named_queries, run_query
from graph_builder.sparql.paging import (
    FIRST_KEYS,
    LISTINGS_DIR,
    _listed_among,
    key_block,
    more_keys,
    sort_keys,
)
from graph_builder.sparql.results import result_rows
from tests.test_sources import VALID

# Braces in a comment, a string and an IRI's fragment must not be taken for the group's.
QUERY = """\
# title: test listing
# page-keys: SELECT DISTINCT ?k WHERE { ?k <urn:p> ?anyValue }
PREFIX ex: <urn:ex#>
SELECT ?k ?v WHERE {
  # a comment with a brace }
  {
    SELECT DISTINCT ?k WHERE { ?k <urn:p> ?anyValue FILTER (?anyValue != "a } b") } ORDER BY ?k
    # paged: LIMIT offset+limit
  }
  ?k <urn:p> ?v .
} ORDER BY ?k ?v
"""


def _store(keys: int, rows_of) -> GraphStore:
    store = GraphStore.memory()
    store.load_nquads(
        "".join(
            f'<urn:k{n:03d}> <urn:p> "{v}" <urn:g{n % 3}> .\n'
            for n in range(keys)
            for v in range(rows_of(n))
        )
    )
    return store


class _Recorder:
    """A store that notes the text of every query it evaluates."""

    def __init__(self, store: GraphStore) -> None:
        self.store, self.texts, self.listings = store, [], store.listings

    def query(self, text, **options):
        self.texts.append(text)
        return self.store.query(text, **options)

    def select(self, text):
        self.texts.append(text)
        return self.store.select(text)


def _pages(store, text, sizes):
    whole = result_rows(run_query(store, text, trusted=True))
    for limit, offset in sizes:
        page = run_query(store, text, trusted=True, limit=limit, offset=offset)
        assert result_rows(page) == whole[offset : offset + limit], (limit, offset)
    return whole


def test_the_marked_subquery_is_found_past_braces_in_comments_strings_and_iris():
    block = key_block(QUERY)
    assert block is not None and block.variable == "k"
    assert QUERY[block.start : block.end].startswith("{\n    SELECT DISTINCT ?k WHERE")
    assert QUERY[block.start : block.end].endswith("# paged: LIMIT offset+limit\n  }")
    assert block.listing.startswith("PREFIX ex: <urn:ex#>\nSELECT DISTINCT ?k WHERE")
    replaced = block.with_keys(["urn:k001"])
    assert "# paged" not in replaced and "VALUES ?k { <urn:k001> }" in replaced
    assert key_block(QUERY.replace("# page-keys:", "# other:")) is None


@pytest.mark.parametrize(
    "rows_of",
    [lambda n: 1 + n % 4, lambda n: 0 if n < 40 else 2, lambda n: 30],
    ids=["a-few-rows-per-key", "first-keys-without-rows", "many-rows-per-key"],
)
def test_a_page_from_the_first_keys_is_the_slice_of_the_whole_answer(rows_of):
    store = _store(120, rows_of)
    n = len(result_rows(run_query(store, QUERY, trusted=True)))
    sizes = [(limit, offset) for limit in (0, 1, 7, 100) for offset in (0, 5, 99, n - 3, n)]
    _pages(store, QUERY, sizes)


def test_a_first_page_is_made_from_a_few_keys_not_by_sorting_them_all():
    recorder = _Recorder(_store(500, lambda n: 3))
    page = run_query(recorder, QUERY, trusted=True, limit=10)  # type: ignore[arg-type]
    assert [row[0].value for row in page][:4] == ["urn:k000"] * 3 + ["urn:k001"]
    listing, first = recorder.texts
    assert listing.startswith("PREFIX ex: <urn:ex#>\nSELECT DISTINCT ?k WHERE")
    assert "# paged" not in first and first.count("<urn:k") == FIRST_KEYS


def test_a_parameter_the_listing_does_not_bind_leaves_the_paging_to_the_engine(dataset):
    named = get_named_query("statement-sources")
    recorder = _Recorder(dataset)
    from graph_builder.sparql.named import bind_params

    bindings = bind_params(named, {"property": "agr:coversSector"})
    run_query(recorder, named.text, bindings=bindings, trusted=True, limit=2)  # type: ignore[arg-type]
    assert all("LIMIT 2\n" in text and "VALUES ?subject {" not in text for text in recorder.texts)


def test_keys_that_are_not_iris_are_left_to_the_engine():
    assert sort_keys([ox.NamedNode("urn:b"), ox.NamedNode("urn:a"), ox.NamedNode("urn:b")]) == [
        "urn:a",
        "urn:b",
    ]
    assert sort_keys([ox.NamedNode("urn:a"), ox.Literal("a")]) is None
    assert sort_keys([ox.BlankNode("b")]) is None


def test_iri_keys_sort_as_the_engine_sorts_them():
    iris = ["urn:x/é", "urn:x/z", "urn:x/Z", "urn:x/10", "urn:x/9", "urn:x/\U0001f600", "urn:x/ｚ"]
    store = GraphStore.memory()
    store.load_nquads("".join(f"<{i}> <urn:p> <urn:o> <urn:g> .\n" for i in iris))
    engine = [s[0].value for s in store.query("SELECT ?s { ?s ?p ?o } ORDER BY ?s")]
    assert sort_keys(ox.NamedNode(i) for i in iris) == engine


_LISTED = ["urn:x/10", "urn:x/9", "urn:x/Z", "urn:x/a", "urn:x/ab", "urn:x/é", "urn:x/\U0001f600"]


@pytest.mark.parametrize(
    ("lines", "keys", "found"),
    [
        (_LISTED, _LISTED, set(_LISTED)),  # every line, the first and the last among them
        (_LISTED, ["urn:x/", "urn:x/1", "urn:x/a\n", "urn:x/b", "urn:x/ｚ", "urn:y"], set()),
        (_LISTED, ["urn:x/ab", "urn:x/abc", "urn:x/0"], {"urn:x/ab"}),  # a prefix is not it
        (_LISTED[:1], ["urn:x/10", "urn:x/9"], {"urn:x/10"}),
        ([], ["urn:x/9"], set()),
    ],
    ids=["all", "none", "prefixes", "one-line", "empty"],
)
def test_a_listing_is_searched_for_keys_by_bisection(tmp_path, lines, keys, found):
    """Which keys a sorted listing file holds, as a set of its lines says."""
    assert lines == sorted(lines)
    file = tmp_path / "listing.txt"
    file.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    assert _listed_among(file, keys) == found == set(keys) & set(lines)
    assert _listed_among(tmp_path / "none.txt", keys) is None


def test_more_keys_grow_by_the_rows_per_key_seen():
    assert more_keys(8, 50, 100) == 20  # 6.25 rows a key: 16 keys, and a quarter more
    assert more_keys(8, 120, 130) == 16  # nearly there: at least twice as many
    assert more_keys(8, 0, 100) == 1000  # no rows yet: as if one row a key


def test_every_listing_query_with_page_keys_has_a_marked_subquery_of_that_key():
    for name, named in named_queries().items():
        if "# page-keys:" in named.text:
            block = key_block(named.text)
            assert block is not None, name
            assert f"?{block.variable}" in block.listing, name


# The test source of test_sources.py, stating a term of the Korea agreement (which no
# bundled source does): a new subject of evidence records.
TERM_SOURCE = VALID.split("claims:")[0] + (
    "claims:\n"
    "  - about: agreement-industrial-cooperation-indonesia-korea-2023\n"
    "    at: p. 2\n"
    "    term: {years: 3, extendable: false}\n"
)
NEW_SUBJECT = (
    "https://w3id.org/agreement-graph/id/term/agreement-industrial-cooperation-indonesia-korea-2023"
)


def _listings(out):
    return {p.name: p.read_text(encoding="utf-8") for p in (out / LISTINGS_DIR).iterdir()}


def test_a_build_lists_the_keys_and_the_pages_of_its_store_read_them(built_copy, tmp_path):
    data_copy, out = built_copy, tmp_path / "out"
    (data_copy / "sources" / "s9-term.yaml").write_text(TERM_SOURCE, encoding="utf-8")
    assert run_build(data_copy, out, viewer=False, exports=()).how.startswith("incremental")
    run_build(data_copy, tmp_path / "full", viewer=False, exports=(), incremental=False)
    assert _listings(out) == _listings(tmp_path / "full")
    [listing] = _listings(out).values()
    assert NEW_SUBJECT in listing.splitlines(), "the incremental build listed the new subject"

    named = get_named_query("statement-sources")
    store = open_build(out)
    assert store is not None
    whole = result_rows(run_query(store, named.text, trusted=True))
    recorder = _Recorder(store)
    new = [row["subject"].value for row in whole].index(NEW_SUBJECT)
    for offset in (0, 3, new - 1, len(whole) - 2):
        recorder.texts.clear()
        page = run_query(recorder, named.text, trusted=True, limit=4, offset=offset)  # type: ignore[arg-type]
        assert result_rows(page) == whole[offset : offset + 4], offset
        assert not any(t.endswith("rdf:subject ?subject }\n") for t in recorder.texts)


@pytest.mark.parametrize(
    ("old", "new", "listed"),
    [
        ("term: {years: 3, extendable: false}", "parties: [ID, KR]", False),
        ("at: p. 2", "at: p. 3", True),
    ],
    ids=["a-subject-no-statement-names-any-more", "the-same-subjects"],
)
def test_an_incremental_build_lists_the_subjects_a_full_build_lists(
    data_copy, tmp_path, old, new, listed
):
    """Dropped when no statement names it any more; when the change leaves the subjects as
    they were, the listing kept is the same bytes a full build writes."""
    out, source = tmp_path / "out", data_copy / "sources" / "s9-term.yaml"
    source.write_text(TERM_SOURCE, encoding="utf-8")
    run_build(data_copy, out, viewer=False, exports=())
    source.write_text(TERM_SOURCE.replace(old, new), encoding="utf-8")
    assert run_build(data_copy, out, viewer=False, exports=()).how.startswith("incremental")
    run_build(data_copy, tmp_path / "full", viewer=False, exports=(), incremental=False)
    assert _listings(out) == _listings(tmp_path / "full")
    [listing] = _listings(out).values()
    assert (NEW_SUBJECT in listing.splitlines()) is listed
