"""Bad input: exit code 2, a message naming file, line and field, no traceback, no output."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from graph_builder.errors import GraphBuilderError, SourceError
from graph_builder.ingest.sources import load_sources, read_sources
from graph_builder.ontology import Vocabulary, load_ontology
from graph_builder.records import EntityRef

VALID = """\
source:
  id: S900
  type: NewsArticle
  label: {en: Test source, id: Sumber uji}
  language: id
  title: Uji
claims:
  - about: mou-industrial-cooperation-indonesia-china-2023
    at: p. 1
    parties: [ID, CN]
    sectors: [shipbuilding]
    term: {years: 5, extendable: true}
  - about: signing-mou-indonesia-china-2023
    date: 2023-09-08
"""

BOMB = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: &d [*c, *c]\ne: [*d, *d]\n"

# (case id, file content (str or bytes), line, text the message must contain)
CASES = [
    (
        "malformed-yaml",
        VALID.replace("parties: [ID, CN]", "parties: [ID, CN"),
        11,
        "malformed YAML: did not find expected ',' or ']'; check the indentation "
        "and quoting (quote text containing ': ' or '#') near line 11",
    ),
    ("alias-bomb", BOMB, 1, "anchors (&name) are not allowed"),
    # found by fuzz/run.py: PyYAML's ReaderError escaped read_yaml
    (
        "control-character",
        VALID.replace("title: Uji", "title: Uji\x1a"),
        6,
        "character U+001A is not allowed in YAML; delete it, or write it as an escape "
        "(\\x1a) inside double quotes",
    ),
    (
        "custom-tag",
        VALID.replace("title: Uji", "title: !!python/object/apply:os.system [id]"),
        6,
        "tags such as",
    ),
    ("local-tag", VALID.replace("title: Uji", "title: !secret Uji"), 6, "tags such as '!secret'"),
    (
        "duplicate-key",
        VALID.replace("  title: Uji\n", "  title: Uji\n  title: Lagi\n"),
        7,
        "title: duplicate key (first at line 6)",
    ),
    (
        "unknown-key",
        VALID.replace("title: Uji", "titel: Uji"),
        6,
        "source.titel: unknown key (did you mean 'title'?)",
    ),
    (
        "unknown-sector",
        VALID.replace("[shipbuilding]", "[ship-building]"),
        11,
        "claims[0].sectors[0]: sector 'ship-building' is not in ontology/sectors.ttl "
        "(did you mean 'shipbuilding'?)",
    ),
    (
        "unknown-activity",
        VALID.replace("sectors: [shipbuilding]", "activities: [trainings]"),
        11,
        "claims[0].activities[0]: activity 'trainings' is not in ontology/activities.ttl "
        "(did you mean 'training'?)",
    ),
    (
        "unknown-country",
        VALID.replace("[ID, CN]", "[ID, XZ]"),
        10,
        "claims[0].parties[1]: 'XZ' is not an ISO 3166-1 country code",
    ),
    (
        "unknown-entity",
        VALID.replace(
            "about: signing-mou-indonesia-china-2023", "about: signing-mou-indonesia-china-2024"
        ),
        13,
        "unknown entity 'signing-mou-indonesia-china-2024' (did you mean 'signing-mou-indonesia-china-2023'?)",
    ),
    (
        "missing-field",
        VALID.replace("  language: id\n", ""),
        1,
        "missing required field 'language'",
    ),
    (
        "wrong-type",
        VALID.replace("years: 5", "years: five"),
        12,
        "claims[0].term.years: expected a whole number, got 'five'",
    ),
    (
        "wrong-shape",
        VALID.replace("parties: [ID, CN]", "parties: {ID: CN}"),
        10,
        "claims[0].parties: expected a list",
    ),
    (
        "impossible-date",
        VALID.replace("2023-09-08", "2023-02-30"),
        14,
        "claims[1].date: impossible date '2023-02-30'",
    ),
    (
        "non-utf8",
        VALID.replace("Uji", "Uji \udcff").encode("utf-8", "surrogateescape"),
        6,
        "is not UTF-8",
    ),
    (
        "deep-nesting",
        VALID.replace("title: Uji", "title: " + "[" * 50_000 + "]" * 50_000),
        6,
        "nest more than 32 levels deep",
    ),
    # found while checking what the build may load unchecked: a URL the http(s) pattern
    # let through but the IRI grammar does not (it stopped the build with a traceback)
    (
        "url-bad-host",
        VALID.replace("  title: Uji\n", '  title: Uji\n  urls: ["https://[rm.id/berita"]\n'),
        7,
        "source.urls[0]: 'https://[rm.id/berita' is not a valid IRI (Invalid character '[' in host)",
    ),
    (
        "url-bad-escape",
        VALID.replace("  title: Uji\n", "  title: Uji\n  urls:\n    - https://rm.id/a%zz\n"),
        8,
        "source.urls[0]: 'https://rm.id/a%zz' is not a valid IRI",
    ),
    ("empty", "", 1, "file is empty"),
    ("comments-only", "# nothing here\n", 1, "file is empty"),
    (
        "over-size-cap",
        "# " + "x" * (1024 * 1024) + "\n" + VALID,
        None,
        "over the 1 MiB cap per data file; split it into smaller files, or raise the cap with GRAPH_BUILDER_MAX_FILE_MB=2",
    ),
]


def _write(path: Path, content: str | bytes) -> None:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "line", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_source_file_is_refused_cleanly(cli, data_copy, tmp_path, content, line, expected):
    bad = data_copy / "sources" / "s9-test.yaml"
    _write(bad, content)
    out = tmp_path / "out"
    result = cli("build", "--data", data_copy, "--out", out, "--no-viewer")
    assert result.exit_code == 2, result.output
    where = f"{bad}:{line}:" if line else f"{bad}:"
    assert where in result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_valid_test_source_builds_and_is_attributed(data_copy):
    (data_copy / "sources" / "s9-test.yaml").write_text(VALID, encoding="utf-8")
    ontology = load_ontology()
    records = load_sources(data_copy, vocabulary=Vocabulary.from_graph(ontology))
    s9 = next(r for r in records.sources if r.citation.id == "S900")
    assert [(c.prop, c.value) for c in s9.claims][:2] == [
        ("hasParty", EntityRef("country", "ID")),
        ("hasParty", EntityRef("country", "CN")),
    ]
    assert s9.claims[0].locator == "p. 1"


def test_source_error_carries_file_line_and_field(data_copy):
    (data_copy / "sources" / "s9-test.yaml").write_text(
        VALID.replace("[shipbuilding]", "[shipbuildin]"), encoding="utf-8"
    )
    with pytest.raises(SourceError) as caught:
        load_sources(data_copy, vocabulary=Vocabulary.from_graph(load_ontology()))
    assert (caught.value.line, caught.value.field) == (11, "claims[0].sectors[0]")
    assert caught.value.path.name == "s9-test.yaml"


def test_duplicate_source_id_is_refused(cli, data_copy, tmp_path):
    (data_copy / "sources" / "s9-test.yaml").write_text(
        VALID.replace("id: S900", "id: S2"), encoding="utf-8"
    )
    result = cli("validate", "--data", data_copy)
    assert result.exit_code == 2
    assert "source.id: source id 'S2' is also used by" in result.stderr


def test_duplicate_source_id_is_refused_by_a_build(cli, data_copy, tmp_path):
    # The build maps each source as it is read: the first S2 is mapped before the second
    # is found; the build still fails whole.
    (data_copy / "sources" / "s9-test.yaml").write_text(
        VALID.replace("id: S900", "id: S2"), encoding="utf-8"
    )
    out = tmp_path / "out"
    result = cli("build", "--data", data_copy, "--out", out, "--no-viewer")
    assert result.exit_code == 2
    assert "s9-test.yaml:2: source.id: source id 'S2' is also used by" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_sources_read_one_at_a_time_are_the_same_records(data_copy):
    vocabulary = Vocabulary.from_graph(load_ontology())
    whole = load_sources(data_copy, vocabulary=vocabulary)
    (data_copy / "sources" / "s9-test.yaml").write_text("source: [", encoding="utf-8")
    found, records = read_sources(data_copy, vocabulary=vocabulary)
    assert found.sources == [] and found.divergences == []
    taken = [next(records) for _ in whole.sources]  # the broken file is not read yet
    assert taken == whole.sources
    with pytest.raises(SourceError) as caught:
        next(records)
    assert caught.value.path.name == "s9-test.yaml"
    (data_copy / "sources" / "s9-test.yaml").unlink()
    found, records = read_sources(data_copy, vocabulary=vocabulary)
    assert list(records) == whole.sources
    assert (found.divergences, found.countries, found.entities) == (
        whole.divergences,
        whole.countries,
        whole.entities,
    )
    assert whole.divergences  # the bundled data has some: they are read after the sources


def test_entity_with_unknown_type_is_refused(cli, data_copy):
    path = data_copy / "entities" / "agreements.yaml"
    path.write_text(path.read_text().replace("type: MemorandumOfUnderstanding", "type: Memorandum"))
    result = cli("validate", "--data", data_copy)
    assert result.exit_code == 2
    assert "agreements.yaml:" in result.stderr
    assert "agreements[1].type: unknown agreement type 'Memorandum'; use one of" in result.stderr


def test_failed_build_keeps_previous_outputs(cli, built_copy, tmp_path):
    data_copy, out = built_copy, tmp_path / "out"
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    (data_copy / "sources" / "s9-test.yaml").write_text("source: [", encoding="utf-8")
    assert cli("build", "--data", data_copy, "--out", out, "--no-viewer").exit_code == 2
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_broken_ontology_file_names_file_and_line(cli, tmp_path):
    import shutil

    from .conftest import REPO

    ontology = tmp_path / "ontology"
    shutil.copytree(REPO / "ontology", ontology)
    path = ontology / "sectors.ttl"
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith("sector:shipbuilding a "))
    lines[n] = lines[n].replace(
        "skos:Concept , agr:IndustrySector", "skos:Concept agr:IndustrySector"
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("validate", "--ontology", ontology)
    assert result.exit_code == 2
    assert f"{path}:{n + 1}: not valid Turtle: expected '.'" in result.stderr
    assert "Traceback" not in result.stderr


# ------------------------------------------------- what a data folder may hold (issue 21)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _link(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def _device(path: Path) -> None:
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # as /dev/zero
    except PermissionError:
        pytest.skip("making a device node needs root (CAP_MKNOD)")


_NOT_A_FILE = (
    "not a regular file; a data folder holds regular files only: replace it with the file, "
    "or move it out of the folder"
)
# (case id, where in the data folder, how it is made, the message after "FILE: ")
FOLDER_CASES = [
    ("fifo-in-sources", "sources/s900.yaml", _fifo, f"is a FIFO (named pipe), {_NOT_A_FILE}"),
    ("fifo-in-entities", "entities/more.yaml", _fifo, f"is a FIFO (named pipe), {_NOT_A_FILE}"),
    ("fifo-as-divergences", "divergences.yaml", _fifo, f"is a FIFO (named pipe), {_NOT_A_FILE}"),
    (
        "link-to-dev-zero",
        "sources/s900.yaml",
        _link("/dev/zero"),
        "symbolic link leads outside {data} (to /dev/zero); copy the file into the folder instead",
    ),
    ("device", "sources/s900.yaml", _device, f"is a character device, {_NOT_A_FILE}"),
    (
        "dangling-link",
        "sources/s900.yaml",
        _link("gone.yaml"),
        "symbolic link to gone.yaml, which does not exist; fix the link or remove it from the "
        "folder",
    ),
    (
        "link-loop",
        "sources/s900.yaml",
        _link("s900.yaml"),
        "symbolic link to s900.yaml loops back on itself; replace it with the file it should "
        "point to",
    ),
    (
        "link-outside-the-folder",
        "entities/more.yaml",
        _link("/etc/hostname"),
        "symbolic link leads outside {data} (to /etc/hostname); copy the file into the folder "
        "instead",
    ),
]
COMMANDS = {
    "build": ("build", "--out", "{out}", "--no-viewer"),
    "validate": ("validate", "--build", "{out}"),
    "query": ("query", "--build", "{out}", "-e", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"),
    "query-rebuild": ("query", "--rebuild", "-e", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"),
}


def _folder_matrix() -> list[Any]:
    """Every case with every command. The fast lane runs the diagonal, each case with one
    command and each command with two cases; the rest (the same refusal, read by the same
    function, in another command) is marked slow."""
    commands = sorted(COMMANDS)
    return [
        pytest.param(
            *case[1:],
            command,
            id=f"{case[0]}-{command}",
            marks=() if n % len(commands) == commands.index(command) else pytest.mark.slow,
        )
        for n, case in enumerate(FOLDER_CASES)
        for command in commands
    ]


@pytest.mark.parametrize(("where", "make", "expected", "command"), _folder_matrix())
def test_a_data_folder_holds_regular_files_only(
    bundled_build, data_copy, tmp_path, where, make, expected, command
):
    """Each case of issue 21 (a FIFO that hung build, validate and query; a link to /dev/zero
    read until MemoryError; dangling links and loops that ended in tracebacks) is one line
    naming the file, exit 2, in a fresh process with a deadline: a hang fails the test. The
    previous build stays as it was."""
    out = tmp_path / "out"
    shutil.copytree(bundled_build, out)
    before = (out / "manifest.json").read_bytes()
    (data_copy / where).unlink(missing_ok=True)
    make(data_copy / where)
    args = [a.replace("{out}", str(out)) for a in COMMANDS[command]]
    result = subprocess.run(
        [sys.executable, "-m", "graph_builder", args[0], "--data", str(data_copy), *args[1:]],
        capture_output=True,
        timeout=60,
    )
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    message = expected.format(data=data_copy)
    assert stderr.splitlines()[-1] == f"Error: {data_copy / where}: {message}"
    assert "Traceback" not in stderr
    assert (out / "manifest.json").read_bytes() == before


def test_the_size_cap_is_a_setting_the_message_names(data_copy, monkeypatch):
    big = data_copy / "sources" / "s9-test.yaml"
    big.write_text("# " + "x" * (1024 * 1024) + "\n" + VALID, encoding="utf-8")
    vocabulary = Vocabulary.from_graph(load_ontology())
    with pytest.raises(SourceError, match=r"raise the cap with GRAPH_BUILDER_MAX_FILE_MB=2$"):
        load_sources(data_copy, vocabulary=vocabulary)
    monkeypatch.setenv("GRAPH_BUILDER_MAX_FILE_MB", "2")
    records = load_sources(data_copy, vocabulary=vocabulary)
    assert "S900" in {r.citation.id for r in records.sources}
    monkeypatch.setenv("GRAPH_BUILDER_MAX_FILE_MB", "lots")
    with pytest.raises(GraphBuilderError, match="GRAPH_BUILDER_MAX_FILE_MB='lots': give a size"):
        load_sources(data_copy, vocabulary=vocabulary)


def test_an_ontology_folder_holds_regular_files_only(cli, tmp_path):
    from graph_builder import resources

    ontology = tmp_path / "ontology"
    shutil.copytree(resources.ontology_dir(), ontology)
    os.mkfifo(ontology / "extra.ttl")
    result = cli("validate", "--ontology", ontology, "--rebuild")
    assert result.exit_code == 2
    assert (
        result.stderr == f"Error: {ontology / 'extra.ttl'}: is a FIFO (named pipe), {_NOT_A_FILE}\n"
    )
