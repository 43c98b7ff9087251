"""Strict YAML reading: plain data plus the line of every value, nothing executable.

Refused: anchors and aliases (no alias bombs), explicit tags (no ``!!python/...`` or custom
tags), duplicate keys, non-string keys, multiple documents, nesting deeper than
``MAX_DEPTH``, files over a size cap, empty files and files that are not UTF-8. Every
scalar is returned as the text it was written as; callers convert it to the type a field
needs, so ``NO`` stays ``"NO"``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from .errors import GraphBuilderError, SourceError

MAX_FILE_BYTES = 1_048_576
"""The size cap of one data file (1 MiB)."""

MAX_DEPTH = 32
"""How deeply lists and mappings may nest; the data format needs fewer than ten levels."""

SYNTAX_HINT = "check the indentation and quoting (quote text containing ': ' or '#')"
"""The fix suggested for every YAML syntax error."""

Path_ = tuple[str | int, ...]


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


class _StrictComposer(Composer):
    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, AliasEvent):
            raise _Refused(_line(event.start_mark), "aliases (*name) are not allowed")
        if isinstance(event, (ScalarEvent, MappingStartEvent, SequenceStartEvent)):
            if event.anchor is not None:
                raise _Refused(_line(event.start_mark), "anchors (&name) are not allowed")
            if event.tag not in (None, "!"):
                raise _Refused(
                    _line(event.start_mark), f"tags such as {event.tag!r} are not allowed"
                )
        if not isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            return super().compose_node(parent, index)
        if self._depth >= MAX_DEPTH:
            raise _Refused(
                _line(event.start_mark),
                f"lists and mappings nest more than {MAX_DEPTH} levels deep; flatten the data",
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _line(mark: Any) -> int:
    return int(mark.line) + 1 if mark is not None else 1


class _Loader(Reader, Scanner, Parser, _StrictComposer, SafeConstructor, Resolver):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _StrictComposer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


class _Refused(GraphBuilderError):
    """A construct the strict reader refuses; turned into a SourceError by read_yaml."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message


def read_yaml(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> YamlDocument:
    """Read *path* strictly; raise :class:`SourceError` naming the line on any problem."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(
                path,
                f"file is {size} bytes, over the {max_bytes}-byte cap; split it into smaller files",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, f"cannot read file: {exc.strerror}") from None
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
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # a control character, checked before parsing
        line = text[: exc.position].count("\n") + 1
        raise SourceError(
            path,
            f"character U+{exc.character:04X} is not allowed in YAML; delete it, or write it "
            f"as an escape (\\x{exc.character:02x}) inside double quotes",
            line=line,
        ) from None
    try:
        node = loader.get_single_node()
    except _Refused as exc:
        raise SourceError(path, exc.message, line=exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        mark_line = _line(mark) if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        near = f" near line {mark_line}" if mark_line else ""
        raise SourceError(
            path, f"malformed YAML: {problem}; {SYNTAX_HINT}{near}", line=mark_line
        ) from None
    except yaml.YAMLError as exc:
        raise SourceError(path, f"malformed YAML: {exc}; {SYNTAX_HINT}") from None
    finally:
        loader.dispose()
    if node is None:
        raise SourceError(path, "file is empty; write the mapping the format describes", line=1)
    doc = YamlDocument(path=path, data=None)
    doc.data = _convert(node, (), doc)
    return doc


def _convert(node: yaml.Node, where: Path_, doc: YamlDocument) -> Any:
    doc.lines[where] = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:null" and node.style is None:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*where, i), doc) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:null":
            raise SourceError(doc.path, "keys must be plain words", line=line)
        key = key_node.value
        if key == "<<":
            raise SourceError(doc.path, "merge keys (<<) are not allowed", line=line)
        if key in result:
            first = doc.lines[(*where, key)]
            raise SourceError(
                doc.path,
                f"duplicate key (first at line {first}); keep one of them",
                line=line,
                field=_dotted((*where, key)),
            )
        doc.lines[(*where, key)] = line
        result[key] = _convert(value_node, (*where, key), doc)
        doc.lines[(*where, key)] = line
    return result


def _dotted(where: Path_) -> str:
    out = ""
    for part in where:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


dotted = _dotted
