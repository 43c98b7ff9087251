"""Checks that keep the SPARQL endpoint read-only and local.

Two layers:

* ``precheck_query`` runs in the server process on the raw text: size and bracket
  nesting, which are cheap to measure and make pyparsing recurse.
* ``parse_guarded`` runs inside a worker process (where a slow or runaway parse is
  bounded by the wall-clock timeout): it refuses any text holding the word ``SERVICE``
  (:func:`graph_builder.offline.refuse_service`, a check of the text itself, which no
  difference between this parser's reading and the engine's can get past), parses the
  query, recognises SPARQL Update (refused with 403), and refuses ``FROM`` / ``FROM
  NAMED`` naming a graph the server does not hold (400).

Neither layer is what keeps queries off the network: the processes that evaluate them
run under a kernel filter that refuses them every network socket
(:func:`graph_builder.offline.deny_network`).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from graph_builder.errors import QueryRefused
from graph_builder.offline import refuse_service

__all__ = ["CheckedQuery", "QueryRefused", "nesting_depth", "parse_guarded", "precheck_query"]

MAX_DEPTH = 32
"""Deepest bracket nesting accepted; rdflib's parser recurses once per level and more."""


def precheck_query(text: str, *, max_bytes: int, max_depth: int = MAX_DEPTH) -> None:
    """Refuse an empty, oversized or too deeply nested query before any parsing."""
    if not text.strip():
        raise QueryRefused("the query is empty; send it as the 'query' parameter")
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise QueryRefused(
            f"the query is {size} bytes; this endpoint accepts at most {max_bytes}",
            status=413,
        )
    depth = nesting_depth(text)
    if depth > max_depth:
        raise QueryRefused(
            f"the query nests brackets {depth} levels deep; the limit is {max_depth}"
        )


def nesting_depth(text: str) -> int:
    """Deepest nesting of ``{ ( [`` outside strings, IRIs and comments."""
    depth = deepest = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if c in "\"'":
            i = _skip_string(text, i)
            continue
        if c == "<":
            end = _iri_end(text, i)
            if end:
                i = end
                continue
        if c in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "})]":
            depth = max(0, depth - 1)
        i += 1
    return deepest


def _skip_string(text: str, i: int) -> int:
    quote = text[i] * 3 if text.startswith(text[i] * 3, i) else text[i]
    j = i + len(quote)
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text.startswith(quote, j):
            return j + len(quote)
        if len(quote) == 1 and text[j] == "\n":
            return j
        j += 1
    return len(text)


_NOT_IN_IRI = set('<"{}|^`\\') | {chr(c) for c in range(0x21)}


def _iri_end(text: str, i: int) -> int:
    """Index after an IRIREF starting at *i*, or 0 when ``<`` is an operator."""
    j = i + 1
    while j < len(text) and j - i < 8192:
        if text[j] == ">":
            return j + 1
        if text[j] in _NOT_IN_IRI:
            return 0
        j += 1
    return 0


@dataclass(frozen=True)
class CheckedQuery:
    """What the guard learnt of a query: its form and whether it names its own dataset."""

    form: str
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``."""
    has_dataset: bool
    """The query has ``FROM`` or ``FROM NAMED`` clauses."""


def parse_guarded(text: str, *, served_graphs: Iterable[str]) -> CheckedQuery:
    """Parse *text*, refusing updates, SERVICE and foreign dataset clauses.

    The project prefixes
    (``agr:``, ``id:`` …) are predeclared; a query may redeclare them. Only the parse tree
    is inspected: the engine evaluates the text itself. What the parse learns of a text is
    kept for the last ``PARSE_CACHE_SIZE`` texts accepted (rdflib's parser takes 30–120 ms
    for a named query, the engine often less), so a repeated query is not parsed again;
    refused texts are not kept, and ``FROM`` clauses are checked against *served_graphs*
    on every call.
    """
    form, clauses = _inspect(text)
    served = set(served_graphs)
    for keyword, iri in clauses:
        if iri not in served:
            raise QueryRefused(
                f"{keyword} <{iri}> names a graph that is not served here"
                + ("; the service description lists the graphs served" if served else "")
            )
    return CheckedQuery(form, bool(clauses))


PARSE_CACHE_SIZE = 256
"""Query texts whose parse is remembered (per process); at most 64 KiB each at the endpoint."""


@functools.lru_cache(maxsize=PARSE_CACHE_SIZE)
def _inspect(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The form of *text* and its ``FROM`` / ``FROM NAMED`` IRIs; refuses updates and SERVICE."""
    refuse_service(text)
    tree, failure = _parsed_apart(text)
    if failure is not None:
        raise QueryRefused(failure[0], status=failure[1])
    clauses: list[tuple[str, str]] = []
    for node in _walk(tree):
        if node.name == "DatasetClause":
            iri = node.default if node.default is not None else node.named
            clauses.append(("FROM" if node.default is not None else "FROM NAMED", str(iri)))
    return _FORMS.get(tree[1].name, "SELECT"), tuple(clauses)


def _parsed_apart(text: str) -> tuple[Any, tuple[str, int] | None]:
    """rdflib's parse of *text*, or why it is refused (message, status), made on a thread
    of its own.

    pyparsing leaves reference cycles of tracebacks behind; their frames link to their
    callers' frames, and a caller's frame kept that way holds its locals, such as the
    engine's answer to the query it goes on to run. The engine's answers may only be
    freed on the thread that made them, and the cyclic collector runs on any thread (the
    review server answers on several), so the parse's frames must lead to none of a
    caller's. A thread's frames end at the thread; it is joined before this returns, so
    a process stays single-threaded (:mod:`.bounded` forks only then). Nothing raised in
    the parse crosses back: the refusal is made here from its message."""
    outcome: list[tuple[Any, tuple[str, int] | None]] = []

    def parse() -> None:
        try:
            outcome.append((parseQuery(text), None))
        except RecursionError:
            outcome.append((None, ("the query is nested too deeply to parse", 400)))
        except Exception as exc:
            if _is_update(text):
                refused = ("SPARQL Update is not accepted: the graph is read-only", 403)
            else:
                refused = (f"the query does not parse: {_one_line(exc)}", 400)
            outcome.append((None, refused))

    parser = threading.Thread(target=parse, name="sparql-parse")
    parser.start()
    parser.join()
    return outcome[0]


_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


def check_protocol_dataset(
    *, default: list[str], named: list[str], served_graphs: Iterable[str]
) -> None:
    """Refuse ``default-graph-uri`` / ``named-graph-uri`` values naming graphs not served."""
    served = set(served_graphs)
    for iri in (*default, *named):
        if iri not in served:
            raise QueryRefused(
                f"graph <{iri}> is not held by this endpoint; "
                "see the service description for the graphs it serves"
            )


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def _walk(root: Any) -> Iterator[CompValue]:
    """Every CompValue in a parse tree, iteratively (trees may be deep)."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen or isinstance(node, (str, bytes)):
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, Iterable):
            try:
                stack.extend(node)
            except TypeError:
                continue


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:500]
