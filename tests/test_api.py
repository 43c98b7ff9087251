"""The public library: what ``graph_builder`` exports, and the errors it raises."""

from __future__ import annotations

import ast
import builtins
import re
from pathlib import Path

import pytest

import graph_builder
from graph_builder import GraphBuilderError, QueryError, SourceError

PACKAGE = Path(graph_builder.__file__).parent

# Raises of built-in exceptions that are deliberate, with the reason.
ALLOWED_BUILTIN_RAISES = {
    # The audit hook must look like an OS refusal to the socket code it interrupts.
    ("bounded.py", "PermissionError"),
    # A module __getattr__ (the package's lazy names) must raise AttributeError (PEP 562).
    ("__init__.py", "AttributeError"),
    ("namespaces.py", "AttributeError"),
    # An attribute lookup that finds nothing must raise AttributeError (copy, pickle, hasattr).
    ("prefixes.py", "AttributeError"),
    # A sequence's __getitem__ must raise IndexError past its end (the sequence protocol).
    ("markup.py", "IndexError"),
    # A mapping's __getitem__ must raise KeyError for a key it lacks (the mapping protocol).
    ("kept.py", "KeyError"),
    ("manifest_entries.py", "KeyError"),
    ("manifest_rows.py", "KeyError"),
}
BUILTIN_EXCEPTIONS = {
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
}


def test_every_name_in_all_is_importable_from_the_package():
    for name in graph_builder.__all__:
        assert hasattr(graph_builder, name), name
    namespace: dict[str, object] = {}
    exec("from graph_builder import *", namespace)
    assert set(graph_builder.__all__) <= set(namespace)


def test_the_docstring_example_runs():
    example = re.search(r"::\n\n(.*?)\n\n", graph_builder.__doc__ or "", re.S)
    assert example is not None
    code = "\n".join(line[4:] for line in example.group(1).splitlines()).replace("...", "pass")
    exec(code, {})


def test_the_readme_shows_the_public_api():
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    imported = set()
    pattern = r"^from graph_builder import (?:\(([^)]*)\)|(.+))$"
    for grouped, single in re.findall(pattern, readme, re.M):
        imported |= {name.strip() for name in (grouped or single).split(",") if name.strip()}
    assert imported and imported <= set(graph_builder.__all__)


def _library_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] != "cli")


@pytest.mark.parametrize("path", _library_modules(), ids=lambda p: p.name)
def test_library_raises_only_graph_builder_errors(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            bases = {b.id for b in node.bases if isinstance(b, ast.Name)}
            if bases & BUILTIN_EXCEPTIONS and node.name != "GraphBuilderError":
                found.append(f"class {node.name}({', '.join(sorted(bases))})")
        if isinstance(node, ast.Raise) and node.exc is not None:
            call = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if (
                isinstance(call, ast.Name)
                and call.id in BUILTIN_EXCEPTIONS
                and (path.name, call.id) not in ALLOWED_BUILTIN_RAISES
            ):
                found.append(f"line {node.lineno}: raise {call.id}")
    assert found == []


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: graph_builder.load_dataset(Path("no-such-data")), "give a folder that holds"),
        (lambda: graph_builder.load_ontology(Path(".")), "give the folder that holds"),
        (lambda: graph_builder.load_shapes(Path(".")), "SHACL shapes file not found"),
    ],
)
def test_library_errors_speak_python_not_command_line(call, expected):
    with pytest.raises(GraphBuilderError) as caught:
        call()
    message = str(caught.value)
    assert expected in message
    assert "--" not in message, "library messages name parameters, not command-line flags"


def test_error_classes_form_one_hierarchy():
    for name in ("OutputError", "QueryError", "ServerError", "SourceError", "ValidationFailed"):
        assert issubclass(getattr(graph_builder, name), GraphBuilderError)
    assert issubclass(QueryError, GraphBuilderError) and issubclass(SourceError, Exception)


def _exception_classes() -> dict[str, str]:
    """Every exception class defined in the package: name → the module file defining it
    (read from the source, so that modules with optional dependencies count too)."""
    bases: dict[tuple[str, str], set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                names = {b.id if isinstance(b, ast.Name) else ast.unparse(b) for b in node.bases}
                bases[(node.name, str(path.relative_to(PACKAGE)))] = names
    exceptions = set(BUILTIN_EXCEPTIONS)
    found: dict[str, str] = {}
    while True:
        more = {k: v for k, v in bases.items() if k[0] not in found and v & exceptions}
        if not more:
            return found
        for name, module in more:
            found[name] = module
            exceptions.add(name)


def test_every_error_class_is_in_errors_py_and_exported():
    """Errors are one tree, drawn in errors.py's docstring and importable from the package;
    private ones (``_Name``) never leave their module."""
    import graph_builder.errors as errors

    public = {name: module for name, module in _exception_classes().items() if name[0] != "_"}
    elsewhere = sorted(
        f"{module}: {name}" for name, module in public.items() if module != "errors.py"
    )
    assert elsewhere == [], "define error classes in graph_builder/errors.py"
    for name in public:
        cls = getattr(errors, name)
        assert issubclass(cls, GraphBuilderError), name
        assert name in graph_builder.__all__ and getattr(graph_builder, name) is cls, name
        assert re.search(rf"\b{name}\b", errors.__doc__ or ""), f"draw {name} in the docstring"


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    """The string constants of a module that are not docstrings, with their line."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(PACKAGE.rglob("*.py")) if "cli" not in p.relative_to(PACKAGE).parts],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_library_messages_name_no_command_line_flag(path):
    """The library speaks Python; only graph_builder/cli/ names flags such as --data."""
    flag = re.compile(r"(?<![\w-])--[a-z][a-z-]+")
    found = [
        f"line {line}: {text.strip()[:60]}"
        for line, text in _strings(ast.parse(path.read_text(encoding="utf-8")))
        if flag.search(text) and "npm ci --ignore-scripts" not in text
    ]
    assert found == []
