"""The engine's SPARQL syntax errors said in words, with a line and a column.

Oxigraph reports the furthest point its parser reached and every token it would have taken
there (``error at 2:13: expected one of Prefix not found, ['%'], ['-' | '0' ..= '9' …``),
which names the real mistake only sometimes; rdflib's parser, which the endpoint's guard
uses, often names the start of the query. So the text is read first for the common
mistakes a parser may report elsewhere: a prefixed name whose prefix the query does not
declare and the project does not predeclare, a string or a bracket left open, a bracket
that closes nothing. Otherwise the engine's position is kept and its list is cut down to
the tokens a person would type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from graph_builder.errors import QueryRefused
from graph_builder.offline import refuse_service
from graph_builder.prefixes import PREFIX_IRIS

_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
_PNAME = re.compile(r"([A-Za-z][\w.-]*)?:")
_STRING = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?!"")(?:[^"\\\n]|\\.)*"'
    r"|'(?!'')(?:[^'\\\n]|\\.)*'",
    re.DOTALL,
)
_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_WORD = re.compile(r"^[A-Za-z]+$")
_NOT_TYPED = ("Prefix not found", "IRI parsing failed", "{|", "~", "<<", "<<(")
"""Alternatives of the engine's list that a person does not type, or that say nothing."""
MOST_EXPECTED = 8
UNPARSED = "the query does not parse"
"""How every message about a query that does not parse begins."""


def explain_syntax_error(text: str, message: str | None, *, known: Iterable[str]) -> str | None:
    """One line saying what is wrong with the query *text*, which a parser refused; the
    engine's *message* when it was the engine (None: another parser). *known* are the
    prefixes predeclared for every query. None when nothing wrong is found in *text*
    itself (the engine's error lies after its end)."""
    known = set(known)
    unknown = _first_unknown_prefix(text, known)
    if unknown is not None:
        prefix, line, column = unknown
        said = f"{UNPARSED}: unknown prefix '{prefix}:' at line {line}, column {column}; "
        declared = {m.group(1) or "" for m in _DECLARED.finditer(text)}
        import difflib  # only for a query that is wrong: not part of every command's start

        close = difflib.get_close_matches(prefix, sorted(known | declared), n=1, cutoff=0.5)
        declare = f"declare it with PREFIX {prefix}: <…>"
        if close:
            return said + f"did you mean {close[0]}:? Otherwise {declare}"
        return said + declare
    unbalanced = _unbalanced(text)
    if unbalanced is not None:
        return f"{UNPARSED}: {unbalanced}"
    match = _POSITION.match(" ".join((message or "").split()))
    if match is None:
        return None
    line, column, rest = int(match.group(1)), int(match.group(2)), match.group(3)
    if line > text.count("\n") + 1:
        return None
    where = f"at line {line}, column {column}"
    if "IRI parsing failed" in rest:
        iri = _iri_before(text, line, column)
        if iri is not None:
            return (
                f"{UNPARSED}: {iri} {where} is not an absolute IRI; write it in full "
                "(<https://…>) or as a prefixed name (agr:Agreement)"
            )
    expected = _expected(rest)
    said = f"{UNPARSED} {where}, {_near(text, line, column)}"
    return said + (f"; expected {expected}" if expected else "")


_RDFLIB_POSITION = re.compile(r"\(line:(\d+), col:(\d+)\)")


def explain_position(text: str, message: str) -> str | None:
    """rdflib's parse error *message* about *text* as a position in words, if it gives one."""
    match = _RDFLIB_POSITION.search(message)
    if match is None:
        return None
    line, column = int(match.group(1)), int(match.group(2))
    return f"{UNPARSED} at line {line}, column {column}, {_near(text, line, column)}"


def _first_unknown_prefix(text: str, known: set[str]) -> tuple[str, int, int] | None:
    declared = {m.group(1) or "" for m in _DECLARED.finditer(text)}
    for kind, offset, value in _tokens(text):
        if kind == "pname" and value not in known and value not in declared:
            return (value, *_line_column(text, offset))
    return None


def _unbalanced(text: str) -> str | None:
    """What the query leaves open at its end, in words (a string, the innermost bracket),
    or the first bracket that closes nothing."""
    opened: list[tuple[str, int]] = []
    pairs = {")": "(", "}": "{", "]": "["}
    for kind, offset, value in _tokens(text):
        if kind == "string":
            line, column = _line_column(text, offset)
            return f"the string that starts at line {line}, column {column} is not closed"
        if kind == "open":
            opened.append((value, offset))
        elif kind == "close" and opened and opened[-1][0] == pairs[value]:
            opened.pop()
        elif kind == "close" and not opened:
            line, column = _line_column(text, offset)
            return f"the '{value}' at line {line}, column {column} closes nothing"
    if not opened:
        return None
    bracket, offset = opened[-1]
    line, column = _line_column(text, offset)
    return f"the '{bracket}' at line {line}, column {column} is never closed"


def _line_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _tokens(text: str) -> Iterator[tuple[str, int, str]]:
    """What the messages need of the query's tokens, outside strings, IRIs, comments and
    variables: ``("pname", offset, prefix)`` for a prefixed name (not the name a ``PREFIX``
    declares), ``("open" | "close", offset, bracket)``, and ``("string", offset, "")`` for
    a string that is not closed."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif c in "\"'":
            end = _string_end(text, i)
            if end < 0:
                yield "string", i, ""
                return
            i = end
        elif c == "<" and (iri := _IRI.match(text, i)):
            i = iri.end()
        elif c in "?$" or (c == "_" and text.startswith("_:", i)):
            i = _name_end(text, i + (2 if c == "_" else 1))
        elif c in "({[" or c in ")}]":
            yield ("open" if c in "({[" else "close"), i, c
            i += 1
        elif c.isalpha() or c == ":":
            name = _PNAME.match(text, i)
            if name and not _declares(text, i):
                yield "pname", i, name.group(1) or ""
                i = _name_end(text, name.end())
            else:
                i = max(_name_end(text, i), i + 1)
        else:
            i += 1


def _declares(text: str, i: int) -> bool:
    """Whether the prefixed name at *i* is the name a ``PREFIX`` declaration declares."""
    before = text[max(0, i - 40) : i].rstrip()
    return before[-6:].upper() == "PREFIX" and (len(before) == 6 or not before[-7].isalnum())


def _name_end(text: str, i: int) -> int:
    while i < len(text) and (text[i].isalnum() or text[i] in "_-.%\\:"):
        i += 1
    return i


def _string_end(text: str, i: int) -> int:
    """The offset after the string that starts at *i*; -1 if it is not closed."""
    string = _STRING.match(text, i)
    return string.end() if string else -1


def _line_text(text: str, line: int) -> str:
    lines = text.split("\n")
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _iri_before(text: str, line: int, column: int) -> str | None:
    """The ``<…>`` that ends just before *column* of *line*, if one does."""
    before = _line_text(text, line)[: column - 1].rstrip()
    start = before.rfind("<")
    if not before.endswith(">") or start < 0:
        return None
    return before[start:]


def _near(text: str, line: int, column: int) -> str:
    rest = text.split("\n")[line - 1 :]
    after = "\n".join(rest)[column - 1 :].strip() if rest else ""
    if not after:
        return "at the end of the query"
    return f"near '{after.split()[0][:30]}'"


def _expected(rest: str) -> str:
    """The engine's alternatives that a person types, as a short list."""
    body = rest.removeprefix("expected one of ").removeprefix("expected ")
    body = re.sub(r"\[[^\]]*\]", "", body)  # character classes
    for phrase in _NOT_TYPED:
        body = body.replace(f"{phrase},", "").removesuffix(phrase)
    tokens = []
    for raw in re.findall(r'"(?:[^"\\]|\\.)*"|[^,\s]+', body):
        token = raw[1:-1].replace('\\"', '"').replace("\\\\", "\\") if raw[0] == '"' else raw
        typed = (raw[0] == '"' and not set(token) & set("\"'\\")) or _WORD.match(token)
        if typed and token not in _NOT_TYPED and token not in tokens:
            tokens.append(token)
    if "ABS" in tokens:  # the engine lists every function: it wants an expression
        return "an expression"
    shown = [f"'{t}'" if not _WORD.match(t) else t for t in tokens[:MOST_EXPECTED]]
    more = " …" if len(tokens) > MOST_EXPECTED else ""
    if len(shown) > 1:
        return ", ".join(shown[:-1]) + f" or {shown[-1]}{more}"
    return "".join(shown)


def explain_unparsed(text: str, refusal: QueryRefused) -> QueryRefused:
    """*refusal*, or when it says that the query *text* does not parse (the endpoint's guard
    reads with rdflib's parser), the same refusal saying what is wrong in words.

    The engine is asked where the text goes wrong, with a closing bracket added on a line
    of its own: a query whose brackets and strings close (they are checked first) cannot
    parse with it, so the engine never evaluates anything here; nor is it asked a text
    that :func:`~graph_builder.offline.refuse_service` refuses.
    """
    if not str(refusal).startswith(UNPARSED):
        return refusal
    said = explain_syntax_error(text, None, known=PREFIX_IRIS)
    if said is None:
        try:
            refuse_service(text)
            ox.Store().query(text + "\n)", prefixes=PREFIX_IRIS, base_iri="http://localhost/")
        except QueryRefused as service:
            return service
        except SyntaxError as exc:
            said = explain_syntax_error(text, str(exc), known=PREFIX_IRIS)
    said = said or explain_position(text, str(refusal))
    return QueryRefused(said or str(refusal), status=refusal.status)
