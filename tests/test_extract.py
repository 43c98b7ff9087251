"""graph-builder extract: reading articles, findings, candidates that build, evaluation, batch."""

from __future__ import annotations

import gc
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph_builder.cli import main
from graph_builder.extract import ArticleError, load_extractor, read_article
from graph_builder.extract.evaluate import evaluate_gold
from graph_builder.extract.lang import detect_language
from graph_builder.extract.text import article_from_bytes

from .conftest import DATA_DIR

GOLD = Path(__file__).parent / "extract_gold"

ARTICLE = """JAKARTA (14/3/2024) - Kementerian Perindustrian dan Kementerian Industri dan Teknologi \
Maju Uni Emirat Arab menandatangani nota kesepahaman, Kamis (14/3).

Kerja sama ini mencakup industri petrokimia, pelatihan vokasi dan peningkatan kapasitas.
Dibandingkan Vietnam, investasi UEA masih kecil.

Nota kesepahaman berlaku lima tahun dan dapat diperpanjang.
"""


@pytest.fixture(scope="module")
def extractor():
    return load_extractor()


def _run(*args):
    from click.testing import CliRunner

    return CliRunner().invoke(main, [str(a) for a in args])


def test_findings_with_offsets_into_the_input(extractor, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = extractor.extract(read_article(path))
    assert result.lang == "id"
    assert [f.ref for f in result.of("countries")] == ["ID", "AE"]  # Vietnam is a comparator
    assert {f.ref for f in result.of("sectors")} == {"chemicals"}
    assert {f.ref for f in result.of("activities")} == {"vocational-training", "capacity-building"}
    assert str(result.signing_date) == "2024-03-14"
    assert result.term == (5, True)
    assert result.kind == "MoU"
    for finding in result.of("activities"):
        start, end = finding.span
        assert ARTICLE[start:end] == finding.says
    assert result.of("activities")[0].at == "¶2"


def test_html_is_stripped_and_spans_point_into_the_markup(extractor, tmp_path):
    html = (
        "<html><head><title>T</title><script>alert('x')</script></head><body>"
        "<p>JAKARTA - Indonesia dan Jepang menandatangani MoU di bidang industri otomotif.</p>"
        "<script>document.write('Korea Selatan')</script><p>Kerja sama ini mencakup pelatihan.</p>"
        "</body></html>"
    )
    path = tmp_path / "a.html"
    path.write_text(html, encoding="utf-8")
    article = read_article(path)
    assert "alert" not in article.text and "Korea" not in article.text
    result = extractor.extract(article)
    assert [f.ref for f in result.of("countries")] == ["ID", "JP"]
    sector = result.of("sectors")[0]
    assert html[sector.span[0] : sector.span[1]] == "industri otomotif"
    assert sector.at == "¶1" and result.of("activities")[0].at == "¶2"


def test_language_detection():
    assert detect_language("Kerja sama ini akan meningkatkan daya saing industri yang ada.") == "id"
    assert detect_language("The agreement will be signed by the two ministers on Monday.") == "en"
    with pytest.raises(ArticleError, match="cannot tell the language"):
        detect_language("12345 67890")


BAD_INPUTS = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "empty file"),
    ("binary.bin", b"\x00\x01\x02PNG\x00" * 50, "binary file"),
    ("latin1.txt", "Kerja sama dengan Jérman".encode("latin-1"), "not UTF-8"),
    ("script.html", b"<html><body><script>alert(1)</script></body></html>", "no visible text"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_INPUTS)
def test_bad_input_single_file_exit_2_nothing_written(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "out.yaml"
    result = _run("extract", path, "-o", out)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and str(path) in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("kind", ["short article", "file too large"])
def test_the_command_freezes_nothing_in_a_process_that_goes_on(tmp_path, kind):
    # cycles among frozen objects are never collected: a test session (or any caller that
    # runs the command in its own process) must keep its collector's whole heap
    path = tmp_path / "a.txt"
    if kind == "short article":
        path.write_text(ARTICLE, encoding="utf-8")
    else:
        with path.open("wb") as handle:
            handle.truncate(50 * 1024 * 1024)
    frozen = gc.get_freeze_count()  # (frozen objects freed meanwhile leave its count)
    _run("extract", path, "-o", tmp_path / "out.yaml")
    assert gc.get_freeze_count() <= frozen


def test_a_long_pages_command_freezes_what_it_keeps_alive(tmp_path):
    # its process ends after the page: what it leaves is frozen, not walked by a collection
    page = tmp_path / "long.txt"
    page.write_text("\n\n".join([ARTICLE] * (1_000_000 // len(ARTICLE) + 1)), encoding="utf-8")
    program = (
        "import gc, sys\n"
        "from graph_builder.cli import main\n"
        "main(['extract', sys.argv[1], '-o', sys.argv[2]], standalone_mode=False)\n"
        "print(gc.get_freeze_count() > 0, gc.isenabled())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, str(page), str(tmp_path / "out.yaml")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).parent.parent,
    )
    assert done.stdout.split() == ["True", "True"], done.stderr


def test_large_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper
    result = _run("extract", path, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 2
    assert "too large" in result.stderr and "big.txt" in result.stderr


def test_missing_file(tmp_path):
    result = _run("extract", tmp_path / "nope.txt")
    assert result.exit_code == 2 and "nope.txt" in result.stderr


def test_bytes_reader_names_the_line_of_a_bad_byte():
    with pytest.raises(ArticleError) as info:
        article_from_bytes(Path("x.txt"), b"line one\nline \xff two")
    assert info.value.line == 2


def test_candidate_builds_and_is_never_overwritten(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    article = GOLD / "en01-japan-eip.txt"
    out = data / "sources" / "candidate.yaml"
    result = _run("extract", article, "--data", data, "-o", out)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    # METI is in the bundled entities, JICA is not: one is linked, the other suggested
    assert "unresolved:" in text and "span: [" in text and "suggested_id: jica" in text
    assert "{ref: meti, at: ¶2" in text
    built = _run("build", "--data", data, "--out", tmp_path / "build", "--no-viewer")
    assert built.exit_code == 0, built.stderr
    again = _run("extract", article, "--data", data, "-o", out)
    assert again.exit_code == 2 and "already exists; --force overwrites it" in again.stderr
    assert _run("extract", article, "--data", data, "-o", out, "--force").exit_code == 0


def test_candidate_links_a_known_agreement(extractor, tmp_path):
    from graph_builder.extract.candidate import candidate_data

    path = tmp_path / "a.txt"
    path.write_text(
        "JAKARTA - Indonesia menandatangani kerja sama strategis dengan Republik Rakyat China "
        "dan Republik Korea yang meliputi industri perkapalan.",
        encoding="utf-8",
    )
    data = candidate_data(extractor.extract(read_article(path)), extractor.lexicon)
    assert data["claims"][0]["about"] == "industrial-cooperation-indonesia-china-korea-2023"
    assert [s["ref"] for s in data["claims"][0]["sectors"]] == ["shipbuilding"]


def test_evaluation_bars_on_the_development_set(extractor):
    # The seed group, which the rules were written on; the later groups' honest figures are
    # their first looks (tests/extract_gold/first_look.json), not a bar.
    evaluation = evaluate_gold(extractor, GOLD).of_group("seed")
    rows = {row["class"]: row for row in evaluation.rows()}
    assert len(evaluation.articles) >= 12
    assert rows["countries"]["f1"] >= 0.9 and rows["bodies"]["f1"] >= 0.9
    assert rows["sectors"]["f1"] >= 0.8 and rows["activities"]["f1"] >= 0.8
    assert rows["date"]["exact"] >= 0.9


def _three_gold_articles(folder: Path) -> Path:
    """Three labelled articles of the development set and no groups file: each its own
    group, so that the held-out column fits the filter three times, not once a group."""
    folder.mkdir()
    for name in ("en01-japan-eip", "en03-uae-framework", "id01-jepang-vokasi"):
        for suffix in (".txt", ".json"):
            shutil.copy(GOLD / f"{name}{suffix}", folder)
    return folder


@pytest.mark.parametrize(
    "every",
    [False, pytest.param(True, marks=pytest.mark.slow)],  # every article, every group
    ids=["three-articles", "development-set"],
)
def test_evaluate_command_prints_the_table(tmp_path, every):
    result = _run("extract", "--evaluate", GOLD if every else _three_gold_articles(tmp_path / "g"))
    assert result.exit_code == 0, result.stderr
    assert "| countries |" in result.stdout and "articles: " in result.stdout
    header = "| class | in sample P / R / F1 | rules alone P / R / F1 | held out P / R / F1 |"
    assert header in result.stdout


def test_gold_file_errors_name_the_field(tmp_path):
    (tmp_path / "a.txt").write_text("Indonesia signed an MoU with Japan.", encoding="utf-8")
    (tmp_path / "a.json").write_text('{"expected": {"country": []}}', encoding="utf-8")
    result = _run("extract", "--evaluate", tmp_path)
    assert result.exit_code == 2
    assert "a.json: expected.country: unknown key 'country'" in result.stderr


def test_batch_goes_on_after_a_bad_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOLD / "id01-jepang-vokasi.txt", folder)
    shutil.copy(GOLD / "en03-uae-framework.txt", folder)
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00\x00")
    out = tmp_path / "out"
    result = _run("extract", folder, "--out-dir", out)
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == [
        "en03-uae-framework.yaml",
        "id01-jepang-vokasi.yaml",
    ]
    assert "articles: 3   candidates written: 2   failed: 1" in result.stderr
    assert "broken.txt" in result.stderr and "countries" in result.stderr


def test_several_articles_need_an_out_dir():
    result = _run("extract", GOLD / "id01-jepang-vokasi.txt", GOLD / "en01-japan-eip.txt")
    assert result.exit_code == 2 and "--out-dir" in result.stderr


def test_missing_model_is_a_clear_error(tmp_path):
    result = _run("extract", GOLD / "en01-japan-eip.txt", "--model", "no_such_pipeline_xx")
    assert result.exit_code == 2 and "no_such_pipeline_xx" in result.stderr


def test_adding_an_altlabel_improves_extraction(tmp_path):
    from graph_builder import resources

    ontology = tmp_path / "ontology"
    shutil.copytree(resources.ontology_dir(), ontology)
    path = tmp_path / "a.txt"
    path.write_text("Indonesia and Japan signed an MoU covering kaizen circles.", encoding="utf-8")
    before = load_extractor(ontology_dir=ontology).extract(read_article(path))
    assert not before.of("activities")
    ontology = shutil.copytree(ontology, tmp_path / "ontology-with-label")  # a new matcher
    ttl = ontology / "activities.ttl"
    ttl.write_text(
        ttl.read_text(encoding="utf-8").replace(
            '"training"@en , "pelatihan"@id',
            '"training"@en , "pelatihan"@id ;\n    skos:hiddenLabel "kaizen circles"@en',
        ),
        encoding="utf-8",
    )
    after = load_extractor(ontology_dir=ontology).extract(read_article(path))
    assert [f.ref for f in after.of("activities")] == ["training"]


LOADER_CASES = [
    ("{ref: shipbuilding, span: [3, 9]}", None),
    ("{ref: shipbuilding, span: [9, 3]}", "claims[0].sectors[0].span: [9, 3] is not a span"),
    ("{ref: shipbuilding, span: [3]}", "claims[0].sectors[0].span: a span is [start, end]"),
    (
        "{ref: shipbuilding, span: [a, 3]}",
        "claims[0].sectors[0].span[0]: expected a character offset",
    ),
]


@pytest.mark.parametrize(("value", "error"), LOADER_CASES)
def test_loader_accepts_span_and_ignores_unresolved(tmp_path, value, error):
    from graph_builder.errors import SourceError
    from graph_builder.ingest.sources import load_sources
    from graph_builder.ontology import Vocabulary, load_ontology

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "sources" / "s9.yaml").write_text(
        "source: {id: S900, type: Source, label: {en: x, id: x}, language: en}\n"
        "claims:\n  - about: industrial-cooperation-indonesia-china-korea-2023\n"
        f"    sectors:\n      - {value}\n"
        "unresolved:\n  bodies:\n    - {suggested_id: meti, label: METI}\n",
        encoding="utf-8",
    )
    vocabulary = Vocabulary.from_graph(load_ontology())
    if error is None:
        sources = load_sources(data, vocabulary=vocabulary).sources
        claim = next(s for s in sources if s.citation.id == "S900").claims[0]
        assert claim.span == (3, 9)
    else:
        with pytest.raises(SourceError, match=re.escape(error)):
            load_sources(data, vocabulary=vocabulary)


def test_loader_refuses_an_unknown_unresolved_section(tmp_path):
    from graph_builder.errors import SourceError
    from graph_builder.ingest.sources import load_sources
    from graph_builder.ontology import Vocabulary, load_ontology

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "sources" / "s9.yaml").write_text(
        "source: {id: S900, type: Source, label: {en: x, id: x}, language: en}\n"
        "claims:\n  - about: CN\n    called: [China]\nunresolved:\n  bodys: []\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceError, match=re.escape("unresolved.bodys: unknown key")):
        load_sources(data, vocabulary=Vocabulary.from_graph(load_ontology()))


def test_dash_as_output_is_stdout(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "a.txt"
    article.write_text(
        "JAKARTA, 4 March 2025 - Indonesia and Japan signed a memorandum of understanding on "
        "industrial cooperation in the automotive industry.\n",
        encoding="utf-8",
    )
    result = cli("extract", article, "-o", "-")
    assert result.exit_code == 0, result.output
    assert "claims:" in result.stdout and not (tmp_path / "-").exists()
