"""The repository is self-contained: nothing tracked points outside it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
OUTSIDE = "../" + "shared"  # split so that this file does not match itself
MARKDOWN_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _tracked_files() -> list[Path]:
    try:
        listing = subprocess.run(
            ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout (an installed copy has no tracked files to check)")
    return [REPO / name for name in listing.decode("utf-8").split("\0") if name]


def test_no_tracked_file_points_to_a_folder_outside_the_repository() -> None:
    offenders = []
    for path in _tracked_files():
        if not path.is_file():
            continue  # deleted in the work tree, not yet committed
        text = path.read_bytes().decode("utf-8", "replace")
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE in line:
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:80]}")
    assert offenders == []


def test_relative_links_in_the_docs_lead_to_files_in_the_repository() -> None:
    broken = []
    docs = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    for doc in docs:
        for target in MARKDOWN_LINK.findall(doc.read_text("utf-8")):
            if re.match(r"[a-z]+:", target):
                continue  # https:, mailto:
            resolved = (doc.parent / target).resolve()
            if not resolved.is_relative_to(REPO) or not resolved.exists():
                broken.append(f"{doc.relative_to(REPO)}: {target}")
    assert broken == []


@pytest.mark.parametrize("script", sorted((REPO / "benchmarks").glob("*.py")), ids=lambda p: p.name)
def test_what_a_benchmark_imports_from_the_package_exists(script: Path) -> None:
    """The benchmarks run for minutes and outside the suite; a name they import that moved
    (bench_server once asked graph_builder.build for open_build) is caught here."""
    import ast
    import importlib
    import importlib.util

    missing = []
    for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("graph_builder"):
            module = importlib.import_module(node.module or "")
            missing += [
                f"{node.module}.{alias.name} (line {node.lineno})"
                for alias in node.names
                if not hasattr(module, alias.name)
                and importlib.util.find_spec(f"{node.module}.{alias.name}") is None
            ]
    assert not missing
