"""New entity entries written into ``data/entities/*.yaml`` as text, the way people write them.

The user's entity files are never parsed and dumped again (a YAML dumper drops comments and
changes quoting): each entry is formatted like the hand-written ones and inserted as text at
the end of its section, so every other line of the file stays as it was.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_FILES = {
    "agreements": "agreements.yaml",
    "bodies": "bodies.yaml",
    "persons": "persons.yaml",
    "posts": "persons.yaml",
    "signings": "events.yaml",
    "events": "events.yaml",
    "places": "events.yaml",
}
"""The file a section goes into when no entity file has it yet."""

_PLAIN = re.compile(r"[A-Za-z\u00c0-\uffff][\w\u00c0-\uffff .,()'’/–-]*")
_SPECIAL = {"yes", "no", "y", "n", "true", "false", "on", "off", "null"}


def scalar(value: object) -> str:
    """*value* as a YAML scalar: plain when that reads back as the same text, else quoted."""
    text = str(value)
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and text.lower() not in _SPECIAL:
        return text
    return json.dumps(text, ensure_ascii=False)


def entry_text(entry: dict[str, Any]) -> str:
    """One entry of an entity section (``  - id: …``), nested mappings in block style."""
    lines: list[str] = []

    def emit(mapping: dict[str, Any], indent: int, first: str) -> None:
        for n, (key, value) in enumerate(mapping.items()):
            lead = first if n == 0 else " " * indent
            if isinstance(value, dict):
                lines.append(f"{lead}{key}:")
                emit(value, indent + 2, " " * (indent + 2))
            else:
                lines.append(f"{lead}{key}: {scalar(value)}")

    emit(entry, 4, "  - ")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Insertion:
    """Lines added to an entity file: where (1-based, the first new line) and how many."""

    path: Path
    line: int
    count: int


def section_file(entities_dir: Path, section: str) -> Path:
    """The entity file that holds *section* (the first, by name), else its default file."""
    heading = re.compile(rf"^{re.escape(section)}:\s*(#.*)?$", re.MULTILINE)
    for path in sorted(entities_dir.glob("*.yaml")):
        if heading.search(path.read_text(encoding="utf-8")):
            return path
    return entities_dir / DEFAULT_FILES[section]


def add_entries(text: str, section: str, entries: str) -> tuple[str, int]:
    """*text* with *entries* at the end of *section* (added when missing); the first new line."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = next(
        (n for n, line in enumerate(lines) if re.match(rf"{re.escape(section)}:\s*(#.*)?$", line)),
        None,
    )
    if start is None:
        gap = ["\n"] if lines and lines[-1].strip() else []
        head = [*lines, *gap, f"{section}:\n"]
        return "".join(head) + entries, len(head) + 1
    end = next(
        (n for n in range(start + 1, len(lines)) if re.match(r"[^\s#]", lines[n])), len(lines)
    )
    # Blank lines and comments at column 0 before the next section belong to that section.
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    new = [*lines[:end], entries, *lines[end:]]
    return "".join(new), end + 1
