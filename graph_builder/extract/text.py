"""Reading an article: bytes → checked text, HTML → visible text, text → paragraphs.

Offsets everywhere are character offsets into the *input* as decoded from UTF-8: for
plain text that is the file itself; for HTML each visible character keeps the offset of
the character of the markup it came from, so a span points into the HTML source.
Nothing in an HTML file is executed or fetched: the standard library's tokenizer reads
tags, and ``script``, ``style``, ``template``, ``noscript`` and similar elements are
dropped with their content.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from graph_builder.errors import SourceError

MAX_ARTICLE_BYTES = 5_000_000
"""The size cap of one article (5 MB); a news release is a few kilobytes."""


class ArticleError(SourceError):
    """An article cannot be read: missing, empty, binary, not UTF-8, too large."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its number (¶N, from 1) and where it lies in :attr:`Article.text`."""

    number: int
    start: int
    end: int


@dataclass
class Article:
    """An article's visible text, its paragraphs, and the map back to the input."""

    path: Path
    text: str
    paragraphs: list[Paragraph]
    is_html: bool = False
    title: str | None = None
    # For HTML: offsets[i] is the input offset of text[i]; empty for plain text.
    offsets: list[int] = field(default_factory=list, repr=False)

    def input_span(self, start: int, end: int) -> tuple[int, int]:
        """The input offsets of ``text[start:end]``."""
        if not self.offsets:
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph that holds *offset* of :attr:`text`."""
        for paragraph in self.paragraphs:
            if paragraph.start <= offset < paragraph.end:
                return paragraph
        return None


def read_article(path: Path, *, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Read *path* (plain text or HTML) and split it into paragraphs.

    Raises :class:`ArticleError` naming the file when it is missing, larger than
    *max_bytes*, empty, binary or not UTF-8.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ArticleError(path, "not a file")
        if size > max_bytes:
            raise ArticleError(
                path, f"too large for an article ({size:,} bytes; the limit is {max_bytes:,})"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(path, f"cannot read: {exc.strerror}") from None
    return article_from_bytes(path, data)


def article_from_bytes(path: Path, data: bytes) -> Article:
    """Check and decode *data* read from *path*; see :func:`read_article`."""
    if not data.strip():
        raise ArticleError(path, "empty file: there is no text to extract from")
    if b"\x00" in data[:8192]:
        raise ArticleError(path, "binary file (it contains NUL bytes); give a text or HTML file")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ArticleError(
            path, f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", line=line
        ) from None
    bom = 1 if data.startswith(b"\xef\xbb\xbf") else 0
    if _looks_like_html(raw):
        text, offsets, title = _strip_html(raw)
        offsets = [o + bom for o in offsets]
        if not text.strip():
            raise ArticleError(path, "the HTML has no visible text")
        return Article(path, text, split_paragraphs(text), True, title, offsets)
    controls = sum(1 for c in raw[:8192] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > 8:
        raise ArticleError(path, "binary file (control characters); give a text or HTML file")
    offsets = list(range(bom, bom + len(raw))) if bom else []
    return Article(path, raw, split_paragraphs(raw), False, None, offsets)


_BLANK_LINE = re.compile(r"\n[ \t\r\f]*\n")


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of *text*: blocks between blank lines, or lines when there are none.

    Numbers count non-empty paragraphs from 1, so in a file with one paragraph per line
    ¶N is line N (when no line is empty).
    """
    pieces: list[tuple[int, int]] = []
    if _BLANK_LINE.search(text):
        start = 0
        for gap in _BLANK_LINE.finditer(text):
            pieces.append((start, gap.start()))
            start = gap.end()
        pieces.append((start, len(text)))
    else:
        start = 0
        for line in text.split("\n"):
            pieces.append((start, start + len(line)))
            start += len(line) + 1
    result: list[Paragraph] = []
    for start, end in pieces:
        chunk = text[start:end]
        if not chunk.strip():
            continue
        left = start + len(chunk) - len(chunk.lstrip())
        right = end - (len(chunk) - len(chunk.rstrip()))
        result.append(Paragraph(len(result) + 1, left, right))
    return result


_HTML_HINT = re.compile(r"<\s*(!doctype\s+html|html|body|p|div|article|head)\b", re.IGNORECASE)


def _looks_like_html(raw: str) -> bool:
    return bool(_HTML_HINT.search(raw[:4096]))


_SKIPPED = {"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math"}
_SKIPPED |= {"head", "nav", "footer", "form", "button", "select", "textarea"}
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "header"}
_BLOCKS |= {"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "figcaption"}
_BLOCKS |= {"aside", "main", "hr", "address"}


class _TextCollector(HTMLParser):
    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.skip_depth = 0
        self.in_title = False
        self.title: list[str] = []

    def _here(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _break(self) -> None:
        if self.chars and self.chars[-1] != "\n":
            pos = self.offsets[-1] + 1 if self.offsets else 0
            self.chars.extend("\n\n")
            self.offsets.extend((pos, pos))

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

    def _add(self, text: str, start: int, exact: bool) -> None:
        if self.in_title:
            self.title.append(text)
        if self.skip_depth:
            return
        for i, ch in enumerate(text):
            ch = " " if ch in "\r\n\t\f\xa0" else ch
            if ch == " " and self.chars and self.chars[-1] in " \n":
                continue
            self.chars.append(ch)
            self.offsets.append(start + (i if exact else 0))

    def handle_data(self, data: str) -> None:
        self._add(data, self._here(), True)

    def handle_entityref(self, name: str) -> None:
        self._add(html.unescape(f"&{name};"), self._here(), False)

    def handle_charref(self, name: str) -> None:
        self._add(html.unescape(f"&#{name};"), self._here(), False)


def _strip_html(raw: str) -> tuple[str, list[int], str | None]:
    collector = _TextCollector(raw)
    collector.feed(raw)
    collector.close()
    chars, offsets = collector.chars, collector.offsets
    # Trim spaces next to paragraph breaks so each paragraph starts with a word.
    keep = [
        i
        for i, ch in enumerate(chars)
        if not (
            ch == " "
            and (i == 0 or chars[i - 1] == "\n" or i + 1 == len(chars) or chars[i + 1] == "\n")
        )
    ]
    text = "".join(chars[i] for i in keep)
    title = " ".join("".join(collector.title).split()) or None
    return text, [offsets[i] for i in keep], title
