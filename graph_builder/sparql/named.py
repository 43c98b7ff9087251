"""SPARQL over the dataset: named queries, parameter binding, local safety, result formats.

Named queries are the ``.rq`` files in ``graph_builder/queries``. Each starts with a
comment header::

    # title: Parties to each agreement
    # description: Which countries are parties to each agreement, and which sources say so.
    # question: 1
    # param: country country required ISO 3166-1 code (KR) or country IRI
    # example: country=KR

Parameters are bound as RDF terms in a ``VALUES`` block: an IRI is checked before it is
written, a literal is escaped, so a value such as ``x" } ; DROP ALL #`` is only ever a
literal, never query syntax.

rdflib is imported only by what returns rdflib objects (:func:`run_query`,
:func:`bind_params`; :mod:`.formats` writes them as text); the ``query`` command uses
:func:`bind_terms` and :func:`run_query_formatted`, which write SELECT and ASK results
straight from the engine's terms (:mod:`graph_builder.sparql.solutions`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph_builder import resources
from graph_builder.errors import MissingParameter, QueryError, QueryRefused
from graph_builder.offline import escape_service
from graph_builder.prefixes import PREFIX_IRIS
from graph_builder.sparql.formats import format_result
from graph_builder.sparql.paging import (
    FIRST_KEYS,
    MOST_KEYS,
    key_block,
    more_keys,
    page,
    read_listing,
    sort_keys,
)
from graph_builder.sparql.solutions import FORMATS, write_boolean, write_solutions

if TYPE_CHECKING:
    from rdflib.query import Result
    from rdflib.term import Identifier

    from graph_builder.rdf.store import GraphStore
    from graph_builder.sparql.guard import CheckedQuery

PARAM_KINDS = ("iri", "country", "literal", "date")


@dataclass(frozen=True)
class QueryParam:
    """A parameter a named query accepts."""

    name: str
    kind: str
    required: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A ``.rq`` file with its header."""

    name: str
    title: str
    description: str
    text: str
    path: Path
    question: int | None = None
    params: tuple[QueryParam, ...] = ()
    example: dict[str, str] = field(default_factory=dict)


def _parse_header(path: Path, text: str) -> NamedQuery:
    meta: dict[str, str] = {}
    params: list[QueryParam] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = re.match(r"#\s*(\w+):\s*(.*)$", line)
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "param":
            parts = value.split(None, 3)
            if (
                len(parts) < 3
                or parts[1] not in PARAM_KINDS
                or parts[2] not in ("required", "optional")
            ):
                raise QueryError(
                    f"{path}: '# param:' must read 'NAME KIND required|optional DESCRIPTION' "
                    f"with KIND one of {', '.join(PARAM_KINDS)}"
                )
            params.append(
                QueryParam(
                    parts[0], parts[1], parts[2] == "required", parts[3] if len(parts) > 3 else ""
                )
            )
        else:
            meta[key] = value
    if "title" not in meta:
        raise QueryError(f"{path}: named query needs a '# title:' header line")
    example = dict(item.split("=", 1) for item in meta.get("example", "").split() if "=" in item)
    return NamedQuery(
        name=path.stem,
        title=meta["title"],
        description=meta.get("description", ""),
        text=text,
        path=path,
        question=int(meta["question"]) if meta.get("question", "").isdigit() else None,
        params=tuple(params),
        example=example,
    )


@cache
def _named_queries(directory: Path) -> dict[str, NamedQuery]:
    found = {}
    for path in sorted(directory.glob("*.rq")):
        found[path.stem] = _parse_header(path, path.read_text(encoding="utf-8"))
    return found


def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by name."""
    return dict(_named_queries(resources.queries_dir()))


def get_named_query(name: str) -> NamedQuery:
    """The named query *name*; :class:`QueryError` with suggestions when there is none."""
    import difflib

    queries = named_queries()
    if name not in queries:
        close = difflib.get_close_matches(name, list(queries), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise QueryError(f"no named query {name!r}{hint}; 'graph-builder queries' lists them")
    return queries[name]


@dataclass(frozen=True)
class ParamTerm:
    """A bound parameter's RDF term: an IRI (checked) or a plain literal, as text."""

    value: str
    is_iri: bool

    def sparql(self) -> str:
        """The term in SPARQL syntax: ``<iri>`` or an escaped string literal."""
        return f"<{self.value}>" if self.is_iri else sparql_string(self.value)

    def to_rdflib(self) -> Identifier:
        """The same term as an rdflib ``URIRef`` or ``Literal``."""
        from rdflib import Literal, URIRef

        return URIRef(self.value) if self.is_iri else Literal(self.value)


_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")
"""An absolute IRI, without white space or any character that could end it in a query
(those rdflib refuses to write in an IRI)."""


def _expand_iri(value: str) -> ParamTerm:
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIX_IRIS and not local.startswith("//"):
        text = PREFIX_IRIS[prefix] + local
    if not _IRI.fullmatch(text):
        raise QueryError(
            f"{value!r} is not an IRI; write <https://...> or a prefixed name such as agr:hasParty"
        )
    return ParamTerm(text, is_iri=True)


def sparql_string(value: str) -> str:
    """*value* as a SPARQL string literal: backslash, quote, line feed and carriage return
    escaped, so nothing in it can end the literal.

    rdflib's ``Literal.n3()`` writes the same for a value without a line feed; with one it
    writes a long (triple-quoted) string, which fails to parse when the value ends in a
    backslash and a quote.
    """
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "\\r") + '"'


def bind_term(param: QueryParam, value: str) -> ParamTerm:
    """The RDF term for *value* of *param*, without rdflib."""
    if param.kind == "literal":
        return ParamTerm(value, is_iri=False)
    if param.kind == "date":
        import datetime

        try:
            return ParamTerm(datetime.date.fromisoformat(value.strip()).isoformat(), is_iri=False)
        except ValueError:
            raise QueryError(
                f"parameter {param.name}: {value!r} is not a date; write it as YYYY-MM-DD"
            ) from None
    if param.kind == "country":
        from graph_builder.ingest.countries import country_alpha_2

        code = country_alpha_2(value.strip().upper())
        if code is not None:
            return ParamTerm(f"{PREFIX_IRIS['id']}country/{code}", is_iri=True)
        if ":" in value:
            return _expand_iri(value)
        raise QueryError(f"parameter {param.name}: {value!r} is not an ISO 3166-1 code such as KR")
    return _expand_iri(value)


def bind_terms(named: NamedQuery, raw: Mapping[str, str]) -> dict[str, ParamTerm]:
    """Check *raw* ``name=value`` pairs against *named*'s parameters and bind them
    (:func:`bind_params` without rdflib: for :func:`bind_values` and
    :func:`run_query_formatted`)."""
    known = {p.name: p for p in named.params}
    for name in raw:
        if name not in known:
            allowed = ", ".join(known) or "none"
            raise QueryError(
                f"query {named.name!r} has no parameter {name!r} (parameters: {allowed})"
            )
    bindings: dict[str, ParamTerm] = {}
    for param in named.params:
        if param.name in raw:
            bindings[param.name] = bind_term(param, raw[param.name])
        elif param.required:
            raise MissingParameter(named.name, param.name, param.description)
    return bindings


def bind_params(named: NamedQuery, raw: Mapping[str, str]) -> dict[str, Identifier]:
    """Check *raw* ``name=value`` pairs against *named*'s parameters and bind them."""
    return {name: term.to_rdflib() for name, term in bind_terms(named, raw).items()}


def prepare(text: str, *, graphs: Iterable[str] = ()) -> CheckedQuery:
    """Check *text* as a SPARQL query and refuse what reaches outside the dataset.

    A query that does not parse is refused with what is wrong, in words. ``SERVICE``
    is refused, and so is ``FROM`` / ``FROM NAMED`` unless it names one of *graphs*;
    SPARQL Update is refused too (the checks of the HTTP endpoint,
    :mod:`graph_builder.sparql.guard`). Returns what the check learnt of the query.
    """
    from graph_builder.rdf.store import explain_unparsed
    from graph_builder.sparql.guard import parse_guarded  # rdflib's parser: load when needed

    try:
        return parse_guarded(text, served_graphs=graphs)
    except QueryRefused as exc:
        raise explain_unparsed(text, exc) from None


Bindings = Mapping[str, "Identifier | ParamTerm"]
"""Variables bound to RDF terms: rdflib terms (:func:`bind_params`) or :class:`ParamTerm`
(:func:`bind_terms`)."""


def run_query(
    store: GraphStore,
    text: str,
    *,
    bindings: Bindings | None = None,
    trusted: bool = False,
    limit: int | None = None,
    offset: int | None = None,
) -> Result:
    """Run SPARQL *text* over *store*; *bindings* substitute variables as RDF terms.

    Text is checked by :func:`prepare` first unless *trusted* (the named queries are).
    *limit* and *offset* page a SELECT query that has no LIMIT of its own; a trusted query
    that marks a subquery of sort keys (see :mod:`.paging`) is first evaluated for its
    first keys only, and again for all of them when that gives fewer than *limit* rows.
    """
    from graph_builder.rdf.terms import solutions_result, to_result

    answer, rows = _answer(store, text, bindings, trusted, limit, offset)
    if rows is None:
        return to_result(answer)
    return solutions_result([v.value for v in answer.variables], rows)


def run_query_formatted(
    store: GraphStore,
    text: str,
    fmt: str,
    *,
    bindings: Bindings | None = None,
    trusted: bool = False,
    limit: int | None = None,
    offset: int | None = None,
) -> str:
    """``format_result(run_query(store, text, …), fmt)``, the same text, made faster.

    SELECT and ASK answers are written from the engine's terms without rdflib
    (:mod:`graph_builder.sparql.solutions`); a graph (CONSTRUCT, DESCRIBE), or a row
    holding a literal rdflib would write in another form, goes through rdflib.
    """
    import pyoxigraph as ox

    answer, rows = _answer(store, text, bindings, trusted, limit, offset)
    if rows is not None:
        names = [v.value for v in answer.variables]
        if fmt in FORMATS:
            written = write_solutions(names, rows, fmt)
            if written is not None:
                return written
        from graph_builder.rdf.terms import solutions_result

        return format_result(solutions_result(names, rows), fmt)
    if isinstance(answer, ox.QueryBoolean) and fmt in FORMATS:
        written = write_boolean(bool(answer), fmt)
        if written is not None:
            return written
    from graph_builder.rdf.terms import to_result

    return format_result(to_result(answer), fmt)


def _answer(
    store: GraphStore,
    text: str,
    bindings: Bindings | None,
    trusted: bool,
    limit: int | None,
    offset: int | None,
) -> tuple[Any, list[tuple[Any, ...]] | None]:
    """The engine's answer to *text*, and for a SELECT its rows (a page made from its
    first keys first, and again over every key when it comes back short:
    :mod:`.paging`)."""
    import pyoxigraph as ox

    if trusted and limit is not None:
        keyed = _keyed_page(store, text, bindings or {}, limit, offset or 0)
        if keyed is not None:
            return keyed
    texts = _checked(store, text, bindings, trusted, limit, offset)
    answer = store.query_engine(texts[0])
    if not isinstance(answer, ox.QuerySolutions):
        return answer, None
    rows = [tuple(solution) for solution in answer]
    if _short(limit, len(rows), texts):
        answer = store.query_engine(texts[-1])
        rows = [tuple(solution) for solution in answer]  # type: ignore[union-attr]
    return answer, rows


def _keyed_page(
    store: GraphStore, text: str, bindings: Bindings, limit: int, offset: int
) -> tuple[Any, list[tuple[Any, ...]]] | None:
    """A page of a listing query whose keys are IRIs, made from its first keys as sorted
    here (:mod:`.paging`); None when the query lists no such keys, or the page needs too
    many of them (the caller then makes it over the whole answer)."""
    block = key_block(text)
    if block is None or not block.lists(bindings):
        return None
    keys = None if bindings else read_listing(store, block.listing)
    if keys is None:
        listed = store.query_engine(bind_values(block.listing, bindings))
        keys = sort_keys(solution[0] for solution in listed)  # type: ignore[union-attr]
        if keys is None:
            return None
    wanted, count = limit + offset, min(len(keys), FIRST_KEYS)
    while count < len(keys) and count <= MOST_KEYS:
        first = page(block.with_keys(keys[:count]), limit=wanted, offset=None, keys=False)
        answer = store.query_engine(bind_values(first, bindings))
        rows = [tuple(solution) for solution in answer]  # type: ignore[union-attr]
        if len(rows) == wanted:  # the rows of the other keys sort after these
            return answer, rows[offset:]
        count = more_keys(count, len(rows), wanted)
    return None


def _checked(
    store: GraphStore,
    text: str,
    bindings: Bindings | None,
    trusted: bool,
    limit: int | None,
    offset: int | None,
) -> list[str]:
    """The texts to evaluate (a quick page first, then the exact one if it comes back
    short)."""
    if not trusted:
        prepare(text, graphs=store.named_graphs())
    if limit is None and offset is None:
        return [bind_values(text, bindings or {})]
    exact = page(text, limit=limit, offset=offset, keys=False)
    quick = page(text, limit=limit, offset=offset, keys=trusted)
    texts = [exact] if quick == exact else [quick, exact]
    return [bind_values(t, bindings or {}) for t in texts]


def _short(limit: int | None, rows: int, texts: list[str]) -> bool:
    """Whether a quick page came back short: some of its keys have no rows, so the page
    is made again over every key."""
    return len(texts) > 1 and limit is not None and rows < limit


_WHERE = re.compile(r"\bWHERE\s*\{(?!\s*SELECT\b)", re.IGNORECASE)


def bind_values(text: str, bindings: Bindings) -> str:
    """*text* with each variable of *bindings* fixed by a ``VALUES`` block in every group.

    A parameter's text is only ever an IRI (checked) or an escaped literal
    (:func:`sparql_string`), never query syntax; other rdflib terms are written by rdflib
    (``n3()``). Every ``WHERE {`` gets the block so that a parameter used inside a
    subquery is bound there too.
    """
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    # a value may hold the word SERVICE; the text check must not find it in the query
    values = escape_service(" ".join(_sparql_term(term) for term in bindings.values()))
    block = f" VALUES ({names}) {{ ({values}) }} "
    if not _WHERE.search(text):
        raise QueryError("parameters can only be bound in a query with a WHERE clause")
    return _WHERE.sub(lambda m: m.group(0) + block, text)


def _sparql_term(term: Identifier | ParamTerm) -> str:
    if isinstance(term, ParamTerm):
        return term.sparql()
    from rdflib import Literal

    if isinstance(term, Literal) and term.language is None and term.datatype is None:
        return sparql_string(str(term))
    return term.n3()
