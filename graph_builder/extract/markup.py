"""HTML → visible text, in one pass over the markup, with a compact map back to the input.

The standard library's tokenizer reads the tags; nothing is executed or fetched, and
``script``, ``style``, ``template``, ``noscript`` and similar elements are dropped with
their content. Block elements become paragraph breaks (a blank line); runs of white
space become one space, and spaces next to a break are dropped.

The text is built from whole runs of characters, never one character at a time, and
where each character came from is kept as runs too (:class:`OffsetMap`): a 5 MB page
is a few hundred thousand runs, not five million list entries.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from html.parser import HTMLParser

_SKIPPED = {"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math"}
_SKIPPED |= {"head", "nav", "footer", "form", "button", "select", "textarea"}
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "header"}
_BLOCKS |= {"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "figcaption"}
_BLOCKS |= {"aside", "main", "hr", "address"}

_HTML_HINT = re.compile(r"<\s*(!doctype\s+html|html|body|p|div|article|head)\b", re.IGNORECASE)
_SPACES = str.maketrans("\r\n\t\f\xa0", "     ")
_RUN_OF_SPACES = re.compile(r" {2,}")


def looks_like_html(raw: str) -> bool:
    """Whether *raw* starts like an HTML document or fragment."""
    return bool(_HTML_HINT.search(raw[:4096]))


@dataclass
class OffsetMap:
    """Where each character of a text came from in the input, as runs.

    Run *k* starts at ``text_starts[k]`` of the text and ``input_starts[k]`` of the
    input; in an exact run the characters follow one another in the input, in an inexact
    one (an entity such as ``&amp;``, a paragraph break) all map to the run's start.
    """

    text_starts: list[int] = field(default_factory=list)
    input_starts: list[int] = field(default_factory=list)
    exact: list[bool] = field(default_factory=list)

    def add(self, text_start: int, input_start: int, exact: bool) -> None:
        self.text_starts.append(text_start)
        self.input_starts.append(input_start)
        self.exact.append(exact)

    def __call__(self, index: int) -> int:
        """The input offset of character *index* of the text."""
        k = max(bisect_right(self.text_starts, index) - 1, 0)
        base = self.input_starts[k]
        return base + index - self.text_starts[k] if self.exact[k] else base


class _TextCollector(HTMLParser):
    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.parts: list[str] = []
        self.map = OffsetMap()
        self.length = 0  # characters of text so far
        self.last = ""  # the text's last character, "" at the start
        self.last_input = -1  # the input offset of that character
        self.skip_depth = 0
        self.in_title = False
        self.title: list[str] = []

    def _here(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _emit(self, chunk: str, input_start: int, exact: bool) -> None:
        self.map.add(self.length, input_start, exact)
        self.parts.append(chunk)
        self.length += len(chunk)
        self.last = chunk[-1]
        self.last_input = input_start + len(chunk) - 1 if exact else input_start

    def _break(self) -> None:
        if self.last in ("", "\n"):
            return
        at = self.last_input + 1
        if self.last == " ":  # no space before a break
            self._drop_last_space()
        self._emit("\n\n", at, False)

    def _drop_last_space(self) -> None:
        self.parts[-1] = self.parts[-1][:-1]
        self.length -= 1
        if not self.parts[-1]:
            self.parts.pop()
            for column in (self.map.text_starts, self.map.input_starts, self.map.exact):
                column.pop()

    def _add(self, text: str, start: int, exact: bool) -> None:
        if self.in_title:
            self.title.append(text)
        if self.skip_depth or not text:
            return
        text = text.translate(_SPACES)
        pos = 0
        if text[0] == " " and self.last in ("", " ", "\n"):
            pos = len(text) - len(text.lstrip(" "))
        for run in _RUN_OF_SPACES.finditer(text, pos):  # keep the run's first space
            self._emit(text[pos : run.start() + 1], start + (pos if exact else 0), exact)
            pos = run.end()
        if pos < len(text):
            self._emit(text[pos:], start + (pos if exact else 0), exact)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _SKIPPED:
            self.skip_depth += 1
        elif tag in _BLOCKS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        self._add(data, self._here(), True)

    def handle_entityref(self, name: str) -> None:
        value = html.unescape(f"&{name};")
        # An unknown name ("AT&T") is text as written, not "&T;".
        exact = value == f"&{name};"
        self._add(f"&{name}" if exact else value, self._here(), exact)

    def handle_charref(self, name: str) -> None:
        self._add(html.unescape(f"&#{name};"), self._here(), False)


def strip_html(raw: str) -> tuple[str, OffsetMap, str | None]:
    """The visible text of *raw*, the map of its characters into *raw*, and the title."""
    collector = _TextCollector(raw)
    collector.feed(raw)
    collector.close()
    if collector.last == " ":
        collector._drop_last_space()
    title = " ".join("".join(collector.title).split()) or None
    return "".join(collector.parts), collector.map, title
