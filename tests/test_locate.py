"""SHACL violations name the data file, the line and the field, with the fix."""

from __future__ import annotations

from pathlib import Path

import pytest


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def _body_without_country(data: Path) -> tuple[Path, int, str]:
    # A ministry the bundled data does not hold (Viet Nam's), acting in an agreement.
    bodies = data / "entities" / "bodies.yaml"
    with bodies.open("a", encoding="utf-8") as out:
        out.write(
            "  - id: mpi-viet-nam\n    type: Ministry\n    label:\n"
            "      en: Ministry of Planning and Investment of Viet Nam\n"
            "      id: Kementerian Perencanaan dan Investasi Vietnam\n"
        )
    source = data / "sources" / "s2-rakyat-merdeka.yaml"
    text = source.read_text(encoding="utf-8")
    text = text.replace("parties: [ID, CN]", "parties: [ID, CN, VN]", 1)
    text = text.replace(
        "acting_bodies: [kemenperin, miit]", "acting_bodies: [kemenperin, miit, mpi-viet-nam]"
    )
    source.write_text(text, encoding="utf-8")
    return (
        bodies,
        _line_of(bodies, "id: mpi-viet-nam"),
        "acts_for: a government body must act for a country that a source names "
        f"(add acts_for: VN to a claim block 'about: mpi-viet-nam' in {source})",
    )


def _one_party(data: Path) -> tuple[Path, int, str]:
    source = data / "sources" / "s4-detikfinance.yaml"
    for other in ("s2-rakyat-merdeka.yaml", "s3-gpriority.yaml"):
        (data / "sources" / other).unlink()
    (data / "divergences.yaml").unlink()
    text = source.read_text(encoding="utf-8").replace("parties: [ID, KR]", "parties: [ID]")
    source.write_text(text, encoding="utf-8")
    return source, _line_of(source, "parties: [ID]"), "parties: an agreement has at least two"


def _signing_without_signature(data: Path) -> tuple[Path, int, str]:
    events = data / "entities" / "events.yaml"
    text = events.read_text(encoding="utf-8").replace(
        "signings:\n",
        "signings:\n  - id: signing-extra\n    label: {en: Extra signing, id: Penandatanganan lain}\n",
    )
    events.write_text(text, encoding="utf-8")
    source = data / "sources" / "s2-rakyat-merdeka.yaml"
    with source.open("a", encoding="utf-8") as out:
        out.write("  - about: signing-extra\n    date: 2023-09-08\n")
    return (
        events,
        _line_of(events, "id: signing-extra"),
        "signatures: Less than 1 values (add signatures: [{person: ...}] to a claim block",
    )


@pytest.mark.parametrize(
    "damage",
    [_body_without_country, _one_party, _signing_without_signature],
    ids=lambda f: f.__name__,
)
@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_violation_names_file_line_and_field(damage, command, data_copy, cli):
    path, line, expected = damage(data_copy)
    args = ["--out", data_copy.parent / "out", "--no-viewer"] if command == "build" else []
    result = cli(command, "--data", data_copy, *args)
    assert result.exit_code == 1
    assert f"{path}:{line}: {expected}" in result.output


def test_a_country_is_suggested_from_the_labels_among_the_parties(data_copy):
    from graph_builder.ingest.countries import countries_named

    assert countries_named("Ministry of Trade of the Republic of Korea", ["ID", "KR"]) == ["KR"]
    assert countries_named("Kementerian Ekonomi Jepang", ["ID", "JP", "CN"]) == ["JP"]
    assert countries_named("United Nations Industrial Development Organization", ["CH"]) == []
    assert countries_named("Republic of Korea", ["KOR", "kr", "KR"]) == ["KR"]  # alpha-2 only


def test_a_term_two_sources_state_differently_is_named_at_a_term_claim(data_copy, cli):
    source = data_copy / "sources" / "s3-gpriority.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("term: {years: 5,", "term: {years: 3,"), encoding="utf-8")
    result = cli("validate", "--data", data_copy)
    assert result.exit_code == 1
    lines = [line.strip() for line in result.output.splitlines()[1:]]
    assert lines and all(": term.years: " in line for line in lines), result.output
    assert all(line.split(":")[0].endswith(".yaml") for line in lines)
    assert f"(stated otherwise at {source}:24; keep one value)" in result.output


def test_an_incremental_build_names_the_file_line_and_field_too(built_copy, cli):
    data_copy, out = built_copy, built_copy.parent / "out"
    source = data_copy / "sources" / "s3-gpriority.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("term: {years: 5,", "term: {years: 3,"), encoding="utf-8")
    result = cli("build", "--data", data_copy, "--out", out, "--no-viewer")
    assert result.exit_code == 1
    assert f": term.years: More than 1 values (stated otherwise at {source}:24;" in result.output
