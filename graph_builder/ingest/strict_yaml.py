"""Strict YAML reading: plain data plus the line of every value, nothing executable.

Refused: anchors and aliases (no alias bombs), explicit tags (no ``!!python/...`` or custom
tags), duplicate keys, non-string keys, multiple documents, nesting deeper than
``MAX_DEPTH``, files over a size cap (:func:`~graph_builder.ingest.input_files.max_file_bytes`),
anything but a regular file, empty files and files that are not UTF-8. Every
scalar is returned as the text it was written as; callers convert it to the type a field
needs, so ``NO`` stays ``"NO"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml._yaml import CParser

from graph_builder.errors import GraphBuilderError, Path_, SourceError, dotted
from graph_builder.ingest.input_files import read_input_file

MAX_DEPTH = 32
"""How deeply lists and mappings may nest; the data format needs fewer than ten levels."""

SYNTAX_HINT = "check the indentation and quoting (quote text containing ': ' or '#')"
"""The fix suggested for every YAML syntax error."""


@dataclass
class YamlDocument:
    """A parsed file: its data and the line (1-based) where each value starts."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, where: Path_) -> int | None:
        """The line of the value at *where*, or of its nearest enclosing value."""
        while where not in self.lines and where:
            where = where[:-1]
        return self.lines.get(where)


def _line(mark: Any) -> int:
    return int(mark.line) + 1 if mark is not None else 1


class _Refused(GraphBuilderError):
    """A construct the strict reader refuses; turned into a SourceError by read_yaml."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")


def read_yaml(
    path: Path, *, folder: Path | None = None, max_bytes: int | None = None
) -> YamlDocument:
    """Read *path* strictly; raise :class:`SourceError` naming the line on any problem.

    *path* must be a regular file, or a symbolic link to one inside *folder* (default: the
    file's own folder), of at most *max_bytes* (default: the data files' size cap).
    """
    raw = read_input_file(path, folder or path.parent, max_bytes=max_bytes)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(
            path, f"byte {exc.start} is not UTF-8; save the file as UTF-8", line=line
        ) from None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise SourceError(path, "file is empty; write the mapping the format describes", line=1)
    doc = YamlDocument(path=path, data=None)
    parser = CParser(text)
    try:
        doc.data = _compose(parser, doc)
    except _Refused as exc:
        raise SourceError(path, exc.message, line=exc.line) from None
    except yaml.reader.ReaderError as exc:  # a control character
        line = text[: exc.position].count("\n") + 1
        raise SourceError(
            path,
            f"character U+{exc.character:04X} is not allowed in YAML; delete it, or write it "
            f"as an escape (\\x{exc.character:02x}) inside double quotes",
            line=line,
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        mark_line = _line(mark) if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in problem:  # libyaml's own cap, far above ours
            raise SourceError(path, _TOO_DEEP, line=mark_line) from None
        near = f" near line {mark_line}" if mark_line else ""
        raise SourceError(
            path, f"malformed YAML: {problem}; {SYNTAX_HINT}{near}", line=mark_line
        ) from None
    except yaml.YAMLError as exc:
        raise SourceError(path, f"malformed YAML: {exc}") from None
    finally:
        parser.dispose()
    if doc.data is _EMPTY:
        raise SourceError(path, "file is empty; write the mapping the format describes", line=1)
    return doc


_EMPTY = object()
_TOO_DEEP = f"lists and mappings nest more than {MAX_DEPTH} levels deep; flatten the data"


class _Frame:
    """A list or mapping being filled, with where it is and (for a mapping) the pending key."""

    __slots__ = ("key", "key_line", "value", "where")

    def __init__(self, value: Any, where: Path_) -> None:
        self.value = value
        self.where = where
        self.key: str | None = None
        self.key_line = 0


def _compose(parser: Any, doc: YamlDocument) -> Any:
    """Build plain data from libyaml's events, refusing what the format does not allow.

    Iterative (an explicit stack), so deep nesting is refused by count, never by the
    interpreter's recursion limit. Every value's line is recorded in ``doc.lines``.
    """
    stack: list[_Frame] = []
    root: Any = _EMPTY
    documents = 0
    while True:
        event = parser.get_event()
        kind = type(event)
        if kind is yaml.StreamEndEvent:
            return root
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Refused(_line(event.start_mark), "one document per file; remove the '---'")
            continue
        if kind in (yaml.StreamStartEvent, yaml.DocumentEndEvent):
            continue
        if kind is yaml.AliasEvent:
            raise _Refused(_line(event.start_mark), "aliases (*name) are not allowed")
        if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
            frame = stack.pop()
            if not stack:
                root = frame.value
            continue
        line = _line(event.start_mark)
        if event.anchor is not None:
            raise _Refused(line, "anchors (&name) are not allowed")
        if event.tag not in (None, "!"):
            raise _Refused(line, f"tags such as {event.tag!r} are not allowed")
        parent = stack[-1] if stack else None
        if parent is not None and isinstance(parent.value, dict) and parent.key is None:
            _take_key(event, parent, line, doc)
            continue
        where = _child_path(parent)
        doc.lines[where] = line
        if kind is yaml.ScalarEvent:
            plain = event.style in (None, "") and event.implicit[0]
            value = None if plain and _NULL.match(event.value) else event.value
            if parent is None:
                root = value
            else:
                _attach(parent, value, where, doc)
            continue
        if len(stack) >= MAX_DEPTH:
            raise _Refused(line, _TOO_DEEP)
        container: Any = {} if kind is yaml.MappingStartEvent else []
        if parent is not None:
            _attach(parent, container, where, doc)
        stack.append(_Frame(container, where))


def _take_key(event: Any, frame: _Frame, line: int, doc: YamlDocument) -> None:
    if type(event) is not yaml.ScalarEvent:
        raise SourceError(doc.path, "keys must be plain words", line=line)
    plain = event.style in (None, "") and event.implicit[0]
    if plain and _NULL.match(event.value):
        raise SourceError(doc.path, "keys must be plain words", line=line)
    key = event.value
    if key == "<<":
        raise SourceError(doc.path, "merge keys (<<) are not allowed", line=line)
    if key in frame.value:
        first = doc.lines[(*frame.where, key)]
        raise SourceError(
            doc.path,
            f"duplicate key (first at line {first}); keep one of them",
            line=line,
            field=dotted((*frame.where, key)),
        )
    frame.key = key
    frame.key_line = line


def _child_path(parent: _Frame | None) -> Path_:
    if parent is None:
        return ()
    if isinstance(parent.value, dict):
        assert parent.key is not None
        return (*parent.where, parent.key)
    return (*parent.where, len(parent.value))


def _attach(parent: _Frame, value: Any, where: Path_, doc: YamlDocument) -> None:
    if isinstance(parent.value, dict):
        assert parent.key is not None
        parent.value[parent.key] = value
        doc.lines[where] = parent.key_line  # a mapping value is located at its key
        parent.key = None
    else:
        parent.value.append(value)
