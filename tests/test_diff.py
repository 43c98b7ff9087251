"""graph-builder diff: statements added, removed and changed per source."""

from __future__ import annotations

import json
import shutil

import pytest

from graph_builder.cli import main

from .conftest import DATA_DIR


def _run(*args):
    from click.testing import CliRunner

    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_same_data_has_no_differences(data_copy):
    result = _run("diff", DATA_DIR, data_copy)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "no differences\n"


def test_added_removed_and_changed(data_copy):
    path = data_copy / "sources" / "s1-seed-article.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("      - {ref: shipbuilding, at: ¶4, says: industri perkapalan}\n", "")
    text = text.replace(
        "{ref: think-tank, at: ¶9, says: lembaga pemikir}",
        "{ref: think-tank, at: ¶10, says: lembaga pemikir}",
    )
    text = text.replace("    sectors:\n", "    sectors:\n      - manufacturing\n")
    path.write_text(text, encoding="utf-8")
    result = _run("diff", DATA_DIR, data_copy)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "S1: +1 -1 ~1"
    assert (
        "  + industrial-cooperation-indonesia-china-korea-2023  agr:coversSector  sector:manufacturing  [¶2]"
        in lines
    )
    assert any(
        line.startswith(
            "  - industrial-cooperation-indonesia-china-korea-2023  agr:coversSector  sector:shipbuilding"
        )
        for line in lines
    )
    assert any(
        "institution:think-tank" in line or "[¶9] lembaga pemikir → [¶10] lembaga pemikir" in line
        for line in lines
    )
    as_json = json.loads(_run("diff", DATA_DIR, data_copy, "--format", "json").stdout)
    assert as_json[0]["source"] == "S1"
    assert as_json[0]["added"][0]["value"] == "sector:manufacturing"
    assert as_json[0]["removed"][0]["value"] == "sector:shipbuilding"


def test_property_filter(data_copy):
    path = data_copy / "sources" / "s1-seed-article.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "      - {ref: shipbuilding, at: ¶4, says: industri perkapalan}\n", ""
    )
    path.write_text(text, encoding="utf-8")
    assert _run("diff", DATA_DIR, data_copy, "--property", "hasParty").stdout == "no differences\n"
    assert (
        "shipbuilding" in _run("diff", DATA_DIR, data_copy, "--property", "agr:coversSector").stdout
    )


def test_candidate_file_replaces_the_source_with_its_id(tmp_path):
    candidate = tmp_path / "c.yaml"
    text = (DATA_DIR / "sources" / "s1-seed-article.yaml").read_text(encoding="utf-8")
    candidate.write_text(
        text.replace("      - {ref: shipbuilding, at: ¶4, says: industri perkapalan}\n", ""),
        encoding="utf-8",
    )
    result = _run("diff", DATA_DIR, candidate, "--property", "coversSector")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("S1: +0 -1 ~0\n")


def test_candidate_with_a_new_id_only_adds(tmp_path):
    candidate = tmp_path / "c.yaml"
    text = (DATA_DIR / "sources" / "s1-seed-article.yaml").read_text(encoding="utf-8")
    candidate.write_text(text.replace("  id: S1\n", "  id: S900\n"), encoding="utf-8")
    result = _run("diff", DATA_DIR, candidate, "--format", "json")
    data = json.loads(result.stdout)
    assert [d["source"] for d in data] == ["S900"] and not data[0]["removed"]


def test_broken_candidate_names_the_candidate(tmp_path):
    candidate = tmp_path / "c.yaml"
    candidate.write_text("source: {id: S900}\nclaims: []\n", encoding="utf-8")
    result = _run("diff", DATA_DIR, candidate)
    assert result.exit_code == 2
    assert str(candidate) in result.stderr and "does not load" in result.stderr


def test_missing_new(tmp_path):
    result = _run("diff", DATA_DIR, tmp_path / "none.yaml")
    assert result.exit_code == 2 and "none.yaml" in result.stderr
