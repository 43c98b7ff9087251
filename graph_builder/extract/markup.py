"""HTML → visible text, in one pass over the markup, with a compact map back to the input.

One regular expression finds the tags, comments and character references, and the text
between them is kept; nothing is executed or fetched. ``script``, ``style`` and the other
raw-text elements are skipped to their end tag in one search, and ``head``, ``nav``,
``footer``, ``svg`` and similar elements are dropped with their content. Block elements
become paragraph breaks (a blank line); runs of white space become one space, and spaces
next to a break are dropped.

Linear in the page: a quoted attribute value is read up to 10,000 characters (an
unclosed quote cannot make each tag scan the rest of the page), the text is built from
whole runs of characters, never one character at a time, and where each character came
from is kept as runs too (:class:`OffsetMap`): a 5 MB page is a few hundred thousand
runs, not five million list entries. (The standard library's ``HTMLParser`` took three
times as long on a page dense with tags.)
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

_SKIPPED = {"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math"}
_SKIPPED |= {"head", "nav", "footer", "form", "button", "select", "textarea"}
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "header"}
_BLOCKS |= {"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "figcaption"}
_BLOCKS |= {"aside", "main", "hr", "address"}
_CELLS = {"td", "th"}
"""A table's cells: apart by "; " within their row (a row is a paragraph)."""

_HTML_HINT = re.compile(r"<\s*(!doctype\s+html|html|body|p|div|article|head)\b", re.IGNORECASE)
_SPACES = str.maketrans("\r\n\t\f\xa0", "     ")
_UNSPACED = re.compile("[\r\n\t\f\xa0]")
"""What :data:`_SPACES` turns into a space."""
_RUN_OF_SPACES = re.compile(r" {2,}")


def looks_like_html(raw: str) -> bool:
    """Whether *raw* starts like an HTML document or fragment."""
    return bool(_HTML_HINT.search(raw[:4096]))


@dataclass(eq=False)
class OffsetMap(Sequence[int]):
    """Where each character of a text came from in the input: ``offsets[i]`` for ``text[i]``.

    A sequence of ``length`` offsets, kept as runs: run *k* starts at ``text_starts[k]``
    of the text and ``input_starts[k]`` of the input; in an exact run the characters
    follow one another in the input, in an inexact one (an entity such as ``&amp;``, a
    paragraph break) all map to the run's start. An empty map means the text is the
    input.
    """

    text_starts: list[int] = field(default_factory=list)
    input_starts: list[int] = field(default_factory=list)
    exact: list[bool] = field(default_factory=list)
    length: int = 0

    def add(self, text_start: int, input_start: int, exact: bool) -> None:
        self.text_starts.append(text_start)
        self.input_starts.append(input_start)
        self.exact.append(exact)

    def __len__(self) -> int:
        return self.length

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.length))]
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError(index)
        k = bisect_right(self.text_starts, index) - 1
        base = self.input_starts[k]
        return base + index - self.text_starts[k] if self.exact[k] else base

    def __iter__(self) -> Iterator[int]:
        ends = [*self.text_starts[1:], self.length] if self.text_starts else []
        for start, end, base, exact in zip(
            self.text_starts, ends, self.input_starts, self.exact, strict=True
        ):
            yield from range(base, base + end - start) if exact else [base] * (end - start)


class _TextCollector:
    """Builds the visible text from data, entities and breaks, in input order."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.map = OffsetMap()
        self.length = 0  # characters of text so far
        self.last = ""  # the text's last character, "" at the start
        self.last_input = -1  # the input offset of that character

    def _emit(self, chunk: str, input_start: int, exact: bool) -> None:
        self.map.add(self.length, input_start, exact)
        self.parts.append(chunk)
        self.length += len(chunk)
        self.last = chunk[-1]
        self.last_input = input_start + len(chunk) - 1 if exact else input_start

    def paragraph_break(self) -> None:
        if self.last in ("", "\n"):
            return
        at = self.last_input + 1
        if self.last == " ":  # no space before a break
            self.drop_last_space()
        self._emit("\n\n", at, False)

    def cell_break(self) -> None:
        """A table's next cell: "; " after the row's text so far, so cells stay apart."""
        if self.last in ("", "\n"):
            return
        if self.last == " ":
            self.drop_last_space()
        self._emit("; ", self.last_input + 1, False)

    def drop_last_space(self) -> None:
        self.parts[-1] = self.parts[-1][:-1]
        self.length -= 1
        if not self.parts[-1]:
            self.parts.pop()
            for column in (self.map.text_starts, self.map.input_starts, self.map.exact):
                column.pop()

    def add(self, text: str, start: int, exact: bool) -> None:
        """Add *text* found at input offset *start* (each character in turn if *exact*)."""
        if not text:
            return
        if _UNSPACED.search(text):  # a search is cheaper than translating each run
            text = text.translate(_SPACES)
        pos = 0
        if text[0] == " " and self.last in ("", " ", "\n"):
            pos = len(text) - len(text.lstrip(" "))
        if "  " not in text:  # no run of spaces (most runs of a page): one chunk
            if pos < len(text):
                self._emit(text[pos:] if pos else text, start + (pos if exact else 0), exact)
            return
        for run in _RUN_OF_SPACES.finditer(text, pos):  # keep the run's first space
            self._emit(text[pos : run.start() + 1], start + (pos if exact else 0), exact)
            pos = run.end()
        if pos < len(text):
            self._emit(text[pos:], start + (pos if exact else 0), exact)


_TOKEN = re.compile(
    r"""
      <!--.*?(?:-->|\Z)                                       # a comment
    | <(?P<end>/)?(?P<tag>[a-zA-Z][^\s/>]*)                  # a tag and its attributes,
      (?:[^>"']|"[^"]{0,10000}"|'[^']{0,10000}')*>            # quoted values kept whole
    | <[!?][^>]*>                                            # doctype, processing instruction
    | &(?:\#(?P<num>[0-9]{1,8}|[xX][0-9a-fA-F]{1,8});?      # a character reference
         |(?P<name>[a-zA-Z][a-zA-Z0-9]{0,31});?)              # a named one
    """,
    re.DOTALL | re.VERBOSE,
)
_RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
_VOID |= {"track", "wbr", "param"}


def _raw_text_end(raw: str, tag: str, pos: int) -> tuple[int, int]:
    """Where the content of a raw-text element (``script`` …) that starts at *pos* ends."""
    close = re.compile(rf"</{tag}[\s/>]", re.IGNORECASE).search(raw, pos)
    if close is None:
        return len(raw), len(raw)
    after = raw.find(">", close.start())
    return close.start(), len(raw) if after < 0 else after + 1


def _tokens(raw: str, collector: _TextCollector, title: list[str]) -> None:
    skip_depth = 0
    pos = 0
    while pos < len(raw):
        match = _TOKEN.search(raw, pos)
        at = match.start() if match else len(raw)
        if at > pos and not skip_depth:
            collector.add(raw[pos:at], pos, True)
        if match is None:
            return
        pos = match.end()
        end, tag, num, name = match.group("end", "tag", "num", "name")  # one call for four
        tag = tag.lower() if tag else ""
        if num or name:
            if not skip_depth:
                written = match.group()
                value = html.unescape(written)  # an unknown name ("AT&T") stays as written
                collector.add(value, at, value == written)
        elif not tag:
            continue  # a comment, a doctype
        elif end:
            if tag in _SKIPPED:
                skip_depth = max(0, skip_depth - 1)
            elif tag in _BLOCKS and not skip_depth:
                collector.paragraph_break()
        else:
            self_closing = match.group().endswith("/>")
            if tag in _RAW_TEXT:
                content_end, pos = _raw_text_end(raw, tag, pos)
                if tag == "title":
                    title.append(html.unescape(raw[match.end() : content_end]))
                continue
            if tag in _SKIPPED and tag not in _VOID and not self_closing:
                skip_depth += 1
            elif tag in _BLOCKS and not skip_depth:
                collector.paragraph_break()
            elif tag in _CELLS and not skip_depth:
                collector.cell_break()


def strip_html(raw: str) -> tuple[str, OffsetMap, str | None]:
    """The visible text of *raw*, the map of its characters into *raw*, and the title."""
    collector = _TextCollector()
    title: list[str] = []
    _tokens(raw, collector, title)
    if collector.last == " ":
        collector.drop_last_space()
    collector.map.length = collector.length
    return "".join(collector.parts), collector.map, " ".join(" ".join(title).split()) or None
