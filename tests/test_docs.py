"""Every code block of README.md and docs/*.md runs, so the examples cannot rot.

- ``python`` blocks are executed in a temporary folder.
- ``console`` blocks: each ``$ graph-builder ...`` line (``.venv/bin/`` prefix allowed) runs
  through the CLI in a temporary folder with the bundled data, must exit 0, and must
  print exactly the lines shown under it, if any. ``$ curl ...`` lines run against a test
  server. ``$ graph-builder serve ... &`` stands for that test server. In a chain
  ``A && B && graph-builder ...``, the steps that only create the environment the tests
  already run in (``python3 -m venv .venv``, ``.venv/bin/pip install``) are skipped.
- ``yaml`` blocks must be accepted by the strict YAML reader.
- ``text`` blocks are not code (folder trees) and are not run.
- A block preceded by ``<!-- not-run: reason -->`` is not run; such blocks are few.
Any occurrence of ``127.0.0.1:8000`` is pointed at the test server.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import REPO

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
FENCE = re.compile(
    r"(?:<!-- not-run: (?P<reason>[^>]+?) -->\n)?^```(?P<lang>[\w-]*)\n(?P<body>.*?)^```$",
    re.M | re.S,
)
LANGUAGES = {"python", "console", "yaml", "text"}
MAX_NOT_RUN = 6
SETUP_STEPS = ("python3 -m venv .venv", ".venv/bin/pip install ")


@dataclass(frozen=True)
class Block:
    doc: Path
    line: int
    lang: str
    body: str
    not_run: str | None

    @property
    def id(self) -> str:
        return f"{self.doc.name}:{self.line}"


def _blocks() -> list[Block]:
    found = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            line = text.count("\n", 0, match.start("lang")) + 1
            found.append(
                Block(doc, line, match["lang"], match["body"], match["reason"]),
            )
    return found


BLOCKS = _blocks()
RUNNABLE = [b for b in BLOCKS if b.not_run is None and b.lang != "text"]


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    from graph_builder.server import ServerConfig, running_server

    with running_server(config=ServerConfig(workers=1, timeout=30)) as url:
        yield url


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    previous = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(previous)


def test_every_block_has_a_known_language_and_few_are_not_run():
    assert BLOCKS, "no code blocks found"
    unknown = [b.id for b in BLOCKS if b.lang not in LANGUAGES]
    assert unknown == [], f"give these blocks one of {sorted(LANGUAGES)}"
    not_run = [b for b in BLOCKS if b.not_run is not None]
    assert len(not_run) <= MAX_NOT_RUN, [b.id for b in not_run]
    assert all(len(b.not_run or "") > 10 for b in not_run), "say why a block is not run"


def _commands(body: str) -> list[tuple[str, list[str]]]:
    """``$ command`` lines, each with the output lines shown under it."""
    commands: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:], []))
        else:
            assert commands, f"output before the first command: {line!r}"
            commands[-1][1].append(line)
    return commands


def _run_console(block: Block, request: pytest.FixtureRequest) -> None:
    from click.testing import CliRunner

    from graph_builder.cli import main

    for chain, expected in _commands(block.body):
        steps = [step.strip() for step in chain.split("&&")]
        while len(steps) > 1 and steps[0].startswith(SETUP_STEPS):
            steps.pop(0)
        assert len(steps) == 1, f"cannot run the chain {chain!r}: mark the block not-run"
        command = steps[0]
        words = shlex.split(command)
        program = words[0].removeprefix(".venv/bin/")
        if program == "graph-builder" and words[1:2] == ["serve"]:
            assert words[-1] == "&", "a foreground serve cannot run here: mark it not-run"
            request.getfixturevalue("server_url")
            continue
        if program == "graph-builder":
            result = CliRunner().invoke(main, words[1:], catch_exceptions=False)
            assert result.exit_code == 0, f"{command}\n{result.stderr}"
            output = result.stdout
        elif program == "curl":
            url = request.getfixturevalue("server_url")
            if shutil.which("curl") is None:
                pytest.skip("curl is not installed")
            args = [w.replace("http://127.0.0.1:8000", url) for w in words]
            done = subprocess.run(
                [*args, "--fail-with-body"], capture_output=True, text=True, timeout=60
            )
            assert done.returncode == 0, f"{command}\n{done.stdout}{done.stderr}"
            assert done.stdout, f"{command} printed nothing"
            output = done.stdout
        else:
            pytest.fail(f"{block.id}: cannot run {program!r}; mark the block not-run")
        if expected:
            assert [ln.rstrip() for ln in output.splitlines()] == expected, command


@pytest.mark.parametrize("block", RUNNABLE, ids=lambda b: b.id)
def test_block_runs(block: Block, workdir: Path, request: pytest.FixtureRequest) -> None:
    if block.lang == "python":
        code = block.body
        if "127.0.0.1:8000" in code:
            url = request.getfixturevalue("server_url")
            code = code.replace("http://127.0.0.1:8000", url)
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(code, str(block.doc), "exec"), {"__name__": "__docs__"})
    elif block.lang == "console":
        _run_console(block, request)
    elif block.lang == "yaml":
        from graph_builder.ingest.strict_yaml import read_yaml

        path = workdir / "block.yaml"
        path.write_text(block.body, encoding="utf-8")
        read_yaml(path)
