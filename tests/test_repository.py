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


PACKAGE = REPO / "graph_builder"
KNOWN_CYCLES: list[set[str]] = []


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str], *, types: bool = False) -> dict[str, int]:
    """The package's modules that *path* imports, anywhere in it (inside functions too, and
    under ``if TYPE_CHECKING:`` only with *types*: it never runs), each with the line of the
    first."""
    import ast

    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: dict[str, int] = {}

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if (
                not types
                and isinstance(child, ast.If)
                and ast.unparse(child.test).endswith("TYPE_CHECKING")
            ):
                for statement in child.orelse:
                    visit(statement)
                continue
            targets: list[str] = []
            if isinstance(child, ast.Import):
                targets = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    up = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join([*up, *([child.module] if child.module else [])])
                # "from pkg import mod" imports the module pkg.mod; "from mod import x", mod
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    for alias in child.names
                ]
            for target in targets:
                if target in modules and target != name:
                    found.setdefault(target, child.lineno)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def _import_cycles() -> list[list[str]]:
    """Each set of modules that import one another, directly or round a loop (Tarjan), by
    any import, one made only for the type checker too."""
    paths = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    graph = {name: _imports(path, set(paths), types=True) for name, path in paths.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def strong(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in graph[module]:
            if imported not in index:
                strong(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            members = stack[stack.index(module) :]
            del stack[stack.index(module) :]
            if len(members) > 1:
                cycles.append(
                    [
                        f"{a} imports {b} (line {graph[a][b]})"
                        for a in sorted(members)
                        for b in sorted(graph[a])
                        if b in members
                    ]
                )

    for module in sorted(graph):
        if module not in index:
            strong(module)
    return cycles


def test_no_two_modules_import_each_other_even_lazily() -> None:
    """An import inside a function, or for types alone, is still a dependency: a cycle of
    them means neither module can be read, tested or moved without the other."""
    cycles = _import_cycles()
    known = [c for c in cycles if {line.split()[0] for line in c} in KNOWN_CYCLES]
    assert [c for c in cycles if c not in known] == []
    assert len(known) == len(KNOWN_CYCLES), "a known cycle is gone: take it out of KNOWN_CYCLES"


BUILD_WING = [
    "graph_builder.build",
    "graph_builder.building.write",
    "graph_builder.building.check",
    "graph_builder.building.load",
    "graph_builder.building.incremental",
    "graph_builder.building.kept",
    "graph_builder.building.summary",
    "graph_builder.building.plan",
    "graph_builder.building.folder",
    "graph_builder.building",
]
"""The build's modules from the command down: each may import only those after it."""


def test_the_build_imports_only_downward_from_the_command_to_the_store() -> None:
    """run_build hands a typed value from stage to stage down this list, and no module it
    reaches below the wing comes back into it: a call never climbs back up."""
    paths = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    assert set(BUILD_WING) <= set(paths), "a module of the build moved: update BUILD_WING"
    graph = {name: _imports(path, set(paths)) for name, path in paths.items()}
    upward = [
        f"{module} imports {imported} (line {graph[module][imported]})"
        for at, module in enumerate(BUILD_WING)
        for imported in graph[module]
        if imported in BUILD_WING[:at]
    ]
    below = {imported for module in BUILD_WING for imported in graph[module]} - set(BUILD_WING)
    reached: set[str] = set()
    while below:
        module = below.pop()
        reached.add(module)
        below |= set(graph[module]) - reached
    back = [
        f"{module} imports {imported}"
        for module in sorted(reached)
        for imported in graph[module]
        if imported in BUILD_WING
    ]
    assert upward + back == []


LAYERS = [
    ("graph_builder.rdf", "graph_builder.ingest"),
    ("graph_builder.ingest", "graph_builder.rdf"),
    ("graph_builder.records", "graph_builder.ingest"),
]
"""(lower, higher): the engine's room (rdf/) reads no data files and the readers (ingest/)
write no RDF; what needs both (``graph_builder.dataset``, ``graph_builder.locate``) sits
above them."""


@pytest.mark.parametrize(("lower", "higher"), LAYERS, ids=lambda v: v.rpartition(".")[2])
def test_a_lower_room_imports_nothing_from_a_higher_one(lower: str, higher: str) -> None:
    paths = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    found = [
        f"{module} imports {imported} (line {line})"
        for module, path in paths.items()
        if module == lower or module.startswith(lower + ".")
        for imported, line in _imports(path, set(paths)).items()
        if imported == higher or imported.startswith(higher + ".")
    ]
    assert found == []
