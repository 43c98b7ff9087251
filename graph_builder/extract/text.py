"""Reading an article: bytes → checked text, HTML → visible text, text → paragraphs.

The input is UTF-8, or UTF-16 or UTF-32 with a byte-order mark, or UTF-16 without one
(told by its zero bytes). Offsets everywhere are character offsets into the *input* as
decoded (a byte-order mark counts as one character): for plain text that is the file
itself; for HTML each visible character keeps the offset of the character of the markup
it came from, so a span points into the HTML source (:mod:`.markup`).
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import BinaryIO

from graph_builder.errors import ArticleError

from .markup import OffsetMap, looks_like_html, strip_html

MAX_ARTICLE_BYTES = 5_000_000
"""The size cap of one article (5 MB); a news release is a few kilobytes."""

STDIN = "-"
"""The name that reads an article from standard input."""
STDIN_NAME = "<stdin>"
"""What an article read from standard input is called in messages and candidates."""


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
    # offsets[i] is where text[i] lies in the input; empty when they are the same (plain
    # text without a byte-order mark).
    offsets: OffsetMap = field(default_factory=OffsetMap, repr=False)

    def input_span(self, start: int, end: int) -> tuple[int, int]:
        """The input offsets of ``text[start:end]``."""
        if not self.offsets:
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph that holds *offset* of :attr:`text`."""
        k = bisect_right(self._paragraph_starts, offset) - 1
        if k >= 0 and offset < self.paragraphs[k].end:
            return self.paragraphs[k]
        return None


def read_article(path: Path, *, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Read *path* (plain text or HTML) and split it into paragraphs.

    Raises :class:`ArticleError` naming the file when it is missing, larger than
    *max_bytes*, empty, binary or not decodable; ``-`` reads standard input.
    """
    path = Path(path)
    if str(path) == STDIN:
        return read_stream(sys.stdin.buffer, max_bytes=max_bytes)
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


def read_stream(stream: BinaryIO, *, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Read an article from *stream* (standard input), called ``<stdin>`` in messages."""
    path = Path(STDIN_NAME)
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise ArticleError(path, f"cannot read: {exc.strerror}") from None
    if len(data) > max_bytes:
        raise ArticleError(path, f"too large for an article (the limit is {max_bytes:,} bytes)")
    return article_from_bytes(path, data)


_BOMS = (  # UTF-32 first: its little-endian mark starts like UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _encoding(data: bytes) -> tuple[str, int]:
    """The encoding of *data* and the length of its byte-order mark (bytes)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    head = data[:8192]
    if b"\x00" not in head:
        return "utf-8", 0
    # UTF-16 without a mark: text in Latin script has a zero in every other byte.
    pairs = max(len(head) // 2, 1)
    even, odd = head[0::2].count(0) / pairs, head[1::2].count(0) / pairs
    if odd > 0.3 and even < 0.05:
        return "utf-16-le", 0
    if even > 0.3 and odd < 0.05:
        return "utf-16-be", 0
    return "binary", 0


def decode_article(path: Path, data: bytes) -> tuple[str, int]:
    """The text of *data* and the length of its byte-order mark in characters (0 or 1)."""
    encoding, bom = _encoding(data)
    if encoding == "binary":
        raise ArticleError(path, "binary file (it contains NUL bytes); give a text or HTML file")
    try:
        raw = data[bom:].decode(encoding)
    except UnicodeDecodeError as exc:
        at = bom + exc.start
        name = encoding.upper().replace("-LE", "").replace("-BE", "")
        line = data[:at].decode(encoding, errors="replace").count("\n") + 1
        raise ArticleError(
            path, f"not {name} (byte 0x{data[at]:02x} at offset {at})", line=line
        ) from None
    return raw, 1 if bom else 0


def article_from_bytes(path: Path, data: bytes) -> Article:
    """Check and decode *data* read from *path*; see :func:`read_article`."""
    raw, bom = decode_article(path, data)
    if not raw.strip():
        raise ArticleError(path, "empty file: there is no text to extract from")
    if looks_like_html(raw):
        text, offsets, title = strip_html(raw)
        if bom:
            offsets.input_starts[:] = [o + bom for o in offsets.input_starts]
        if not text.strip():
            raise ArticleError(path, "the HTML has no visible text")
        return Article(path, text, split_paragraphs(text), True, title, offsets)
    controls = sum(1 for c in raw[:8192] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > 8:
        raise ArticleError(path, "binary file (control characters); give a text or HTML file")
    plain = OffsetMap([0], [bom], [True], len(raw)) if bom else OffsetMap()
    return Article(path, raw, split_paragraphs(raw), False, None, plain)


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
