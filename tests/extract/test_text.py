"""Reading articles: encodings and byte-order marks, standard input, HTML → text and back."""

from __future__ import annotations

import bisect
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_builder.cli import main
from graph_builder.extract.markup import strip_html
from graph_builder.extract.text import ArticleError, article_from_bytes, read_article

SENTENCE = "Indonesia dan Jepang menandatangani nota kesepahaman industri otomotif."


def _run(*args: object, input: bytes | None = None):
    from click.testing import CliRunner

    return CliRunner().invoke(main, [str(a) for a in args], input=input)


@pytest.mark.parametrize(
    ("data", "bom"),
    [
        (SENTENCE.encode("utf-8"), 0),
        (b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), 1),
        (b"\xff\xfe" + SENTENCE.encode("utf-16-le"), 1),
        (b"\xfe\xff" + SENTENCE.encode("utf-16-be"), 1),
        (SENTENCE.encode("utf-16-le"), 0),
        (SENTENCE.encode("utf-16-be"), 0),
        (b"\xff\xfe\x00\x00" + SENTENCE.encode("utf-32-le"), 1),
        (b"\x00\x00\xfe\xff" + SENTENCE.encode("utf-32-be"), 1),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf16le",
        "utf16be",
        "utf32le",
        "utf32be",
    ],
)
def test_encodings_are_told_by_their_marks_and_zero_bytes(data, bom):
    article = article_from_bytes(Path("a.txt"), data)
    assert article.text == SENTENCE
    start = SENTENCE.index("Jepang")
    # Offsets are characters of the input as decoded; a byte-order mark is one of them.
    assert article.input_span(start, start + 6) == (start + bom, start + 6 + bom)
    # As a list, one offset a character (none when the text is the input itself).
    assert list(article.offsets) == (list(range(bom, bom + len(SENTENCE))) if bom else [])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (bytes(range(256)) * 4, "a.txt: binary file (it contains NUL bytes)"),
        (b"\xff\xfe" + "ab".encode("utf-16-le") + b"\x00\xd8", "a.txt:1: not UTF-16 (byte 0x00"),
        (b"caf\xe9 au lait", "a.txt:1: not UTF-8 (byte 0xe9 at offset 3)"),
        (b"\xff\xfe" + " \n".encode("utf-16-le"), "a.txt: empty file"),
    ],
    ids=["nul-bytes", "bad-utf16", "latin1", "bom-only"],
)
def test_undecodable_input_is_named(data, message):
    with pytest.raises(ArticleError) as caught:
        article_from_bytes(Path("a.txt"), data)
    assert str(caught.value).startswith(message)


def test_a_utf16_file_is_read_from_disk(tmp_path):
    path = tmp_path / "release.txt"
    path.write_text(SENTENCE, encoding="utf-16")  # with the platform's mark
    assert read_article(path).text == SENTENCE


def test_dash_reads_standard_input():
    result = _run("extract", "-", input=SENTENCE.encode("utf-16"))
    assert result.exit_code == 0, result.stderr
    assert "extracted by graph-builder from <stdin>" in result.stdout
    assert "about: JP" in result.stdout and "automotive" in result.stdout


@pytest.mark.parametrize(
    ("args", "data", "message"),
    [
        (["-"], b"", "Error: <stdin>: empty file: there is no text to extract from"),
        (["-", "a.txt"], b"x", "Error: '-' (standard input) is one article: give it alone"),
        (["-", "--out-dir", "out"], b"x", "Error: '-' (standard input) is one article"),
    ],
)
def test_standard_input_errors(args, data, message):
    result = _run("extract", *args, input=data)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)


@pytest.fixture
def without(monkeypatch):
    """Hide a module as if it were not installed, and re-import the extract package."""
    before = {name for name in sys.modules if name.startswith("graph_builder.extract")}

    def hide(module: str) -> None:
        monkeypatch.setitem(sys.modules, module, None)
        for name in before:
            monkeypatch.delitem(sys.modules, name)

    yield hide
    for name in [n for n in sys.modules if n.startswith("graph_builder.extract")]:
        if name not in before:
            del sys.modules[name]


@pytest.mark.parametrize("module", ["spacy", "dateparser", "rapidfuzz"])
def test_a_missing_extra_is_one_line_naming_it(without, module, tmp_path):
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    without(module)
    result = _run("extract", tmp_path / "a.txt")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: reading articles needs the 'extract' extra ({module} is not installed): "
        "pip install 'agreement-graph-builder[extract]'\n"
    )


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>  Hello&nbsp;&nbsp; world &amp;  more </p>", "Hello world & more\n\n"),
        ("<div>x <b>bold</b> <i> it </i>\n  &#8212;  y</div>", "x bold it — y\n\n"),
        ("<p>AT&T &#xyz; end</p>", "AT&T &#xyz; end\n\n"),
        ("<ul><li> one </li><li>two</li></ul>", "one\n\ntwo\n\n"),
        ("<body>  <p>a</p>  <script>var p = '<p>x</p>';</script>b</body>", "a\n\nb"),
        ("<html><head><title> A  t </title></head><body><p>c</p></body></html>", "c\n\n"),
        ("<p>before<embed src=x>after</p><p>next</p>", "beforeafter\n\nnext\n\n"),
        ("<P>a < b and 3<4</P><!-- <p>hidden</p> -->e", "a < b and 3<4\n\ne"),
        ("<SCRIPT>document.write('</p>x')</SCRIPT >y<style>p{}</style>z", "yz"),
        # An unclosed quote is text, not the start of a tag that swallows the page.
        ("<a title='unclosed>one</a><p>two</p>", "<a title='unclosed>one\n\ntwo\n\n"),
        ("<p>caf&eacute; &amp;amp &#x41;&#66; &ampx</p>", "café &amp AB &x\n\n"),
    ],
    ids=[
        "spaces",
        "inline",
        "unknown-entity",
        "list",
        "script",
        "head",
        "void-skipped-element",
        "comment-and-lt",
        "raw-text-end-tag",
        "unclosed-quote",
        "references",
    ],
)
def test_html_visible_text(markup, text):
    assert strip_html(markup)[0] == text


def _page(blocks: int) -> str:
    rows = [
        f'<div class="r{i}"><p>Kemenperin &amp; METI {i} &#8212; <a href="/{i}">automotive</a>'
        f"   industry.</p><script>var a{i} = '<p>no</p>';</script><ul><li>training {i}</li>"
        "</ul></div>\n"
        for i in range(blocks)
    ]
    return "<!doctype html><html><head><title>T</title></head><body>" + "".join(rows) + "</body>"


def test_every_word_of_an_html_page_points_back_into_it():
    raw = _page(300)
    article = article_from_bytes(Path("p.html"), raw.encode("utf-8"))
    words = list(re.finditer(r"\w+", article.text))
    assert len(words) > 2000
    for word in words:
        start, end = article.input_span(word.start(), word.end())
        assert raw[start:end] == word.group()
    dash = article.text.index("—")
    assert raw[slice(*article.input_span(dash, dash + 1))] == "&"  # an entity maps to its start


def test_paragraph_at_finds_every_paragraph_of_a_long_page():
    article = article_from_bytes(Path("p.html"), _page(500).encode("utf-8"))
    assert len(article.paragraphs) == 1000
    for paragraph in article.paragraphs:
        assert article.paragraph_at(paragraph.start) == paragraph
        assert article.paragraph_at(paragraph.end - 1) == paragraph
    gap = article.paragraphs[0].end  # the blank line between two paragraphs
    assert article.paragraph_at(gap) is None


def test_the_modules_checked_are_the_extract_extra():
    import tomllib

    from graph_builder.extract import EXTRA_MODULES

    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text("utf-8"))
    extra = pyproject["project"]["optional-dependencies"]["extract"]
    assert sorted(EXTRA_MODULES) == sorted(re.match(r"[\w-]+", r)[0].lower() for r in extra)


_PIECES = [
    "<p>", "</p>", "<div class='a>b'>", "</div>", "<br/>", "<li>", "<script>", "</script>",
    "<style>", "</style >", "<nav>", "</nav>", "<embed src=x>", "<!--", "-->", "<a title=\"",
    "\">", "&amp;", "&#x41;", "&#66;", "&T", "&nbsp;", "<", ">", "'", " ", "  ", "\n", "\t",
    "Kerja sama", "industri", "Jepang", "é",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_html_text_always_points_back_into_the_page(raw):
    text, where, _ = strip_html("<body>" + raw)
    page = "<body>" + raw
    assert "  " not in text and not text.startswith((" ", "\n"))
    assert len(where) == len(text)
    assert list(where) == [where[i] for i in range(len(text))]
    for i, ch in enumerate(text):
        at = where[i]
        assert 0 <= at < len(page)
        run = bisect.bisect_right(where.text_starts, i) - 1
        if where.exact[run] and ch != " ":
            assert page[at] == ch  # a character of an exact run is the page's own
