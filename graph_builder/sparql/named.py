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

Parameters are the engine's terms, and :func:`run_query` answers in the engine's terms, or
as text written by the engine's serialisers (:mod:`graph_builder.sparql.results`); nothing
here imports rdflib but :func:`prepare`, whose check reads the query with rdflib's parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias, overload

import pyoxigraph as ox

from graph_builder import resources
from graph_builder.errors import MissingParameter, QueryError, QueryRefused
from graph_builder.offline import escape_service
from graph_builder.prefixes import PREFIX_IRIS
from graph_builder.rdf.store import Answer
from graph_builder.sparql.paging import (
    FIRST_KEYS,
    MOST_KEYS,
    key_block,
    more_keys,
    page,
    read_listing,
    sort_keys,
)

if TYPE_CHECKING:
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


Term: TypeAlias = ox.NamedNode | ox.Literal
"""A parameter's value: an IRI (checked) or a plain literal, as the engine's term."""
Bindings: TypeAlias = Mapping[str, ox.NamedNode | ox.BlankNode | ox.Literal]
"""Variables bound to the engine's terms (:func:`bind_params`)."""

_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")
"""An absolute IRI, without white space or any character that could end it in a query."""


def _expand_iri(value: str) -> ox.NamedNode:
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIX_IRIS and not local.startswith("//"):
        text = PREFIX_IRIS[prefix] + local
    try:
        if _IRI.fullmatch(text):
            return ox.NamedNode(text)
    except ValueError:  # the engine's IRI check is stricter
        pass
    raise QueryError(
        f"{value!r} is not an IRI; write <https://...> or a prefixed name such as agr:hasParty"
    )


def bind_param(param: QueryParam, value: str) -> Term:
    """The engine's term for *value* of *param*."""
    if param.kind == "literal":
        return ox.Literal(value)
    if param.kind == "date":
        import datetime

        try:
            return ox.Literal(datetime.date.fromisoformat(value.strip()).isoformat())
        except ValueError:
            raise QueryError(
                f"parameter {param.name}: {value!r} is not a date; write it as YYYY-MM-DD"
            ) from None
    if param.kind == "country":
        from graph_builder.ingest.countries import lookup_country

        country = lookup_country(value.strip().upper())
        if country is not None:
            return ox.NamedNode(f"{PREFIX_IRIS['id']}country/{country.alpha_2}")
        if ":" in value:
            return _expand_iri(value)
        raise QueryError(f"parameter {param.name}: {value!r} is not an ISO 3166-1 code such as KR")
    return _expand_iri(value)


def bind_params(named: NamedQuery, raw: Mapping[str, str]) -> dict[str, Term]:
    """Check *raw* ``name=value`` pairs against *named*'s parameters and bind them."""
    known = {p.name: p for p in named.params}
    for name in raw:
        if name not in known:
            allowed = ", ".join(known) or "none"
            raise QueryError(
                f"query {named.name!r} has no parameter {name!r} (parameters: {allowed})"
            )
    bindings: dict[str, Term] = {}
    for param in named.params:
        if param.name in raw:
            bindings[param.name] = bind_param(param, raw[param.name])
        elif param.required:
            raise MissingParameter(named.name, param.name, param.description)
    return bindings


def prepare(text: str, *, graphs: Iterable[str] = ()) -> CheckedQuery:
    """Check *text* as a SPARQL query and refuse what reaches outside the dataset.

    A query that does not parse is refused with what is wrong, in words. ``SERVICE``
    is refused, and so is ``FROM`` / ``FROM NAMED`` unless it names one of *graphs*;
    SPARQL Update is refused too (the checks of the HTTP endpoint,
    :mod:`graph_builder.sparql.guard`). Returns what the check learnt of the query.
    """
    from graph_builder.rdf.query_errors import explain_unparsed
    from graph_builder.sparql.guard import parse_guarded  # rdflib's parser: load when needed

    try:
        return parse_guarded(text, served_graphs=graphs)
    except QueryRefused as exc:
        raise explain_unparsed(text, exc) from None


@dataclass(frozen=True)
class QueryJob:
    """A query to answer: its text, the values bound to its parameters, whether it is one
    of the package's (*trusted*), a page of its rows, and the *format* of the answer
    (None: the engine's answer)."""

    text: str
    bindings: Bindings = field(default_factory=dict)
    trusted: bool = False
    limit: int | None = None
    offset: int | None = None
    format: str | None = None


@overload
def run_query(
    store: GraphStore,
    text: str,
    *,
    bindings: Bindings | None = ...,
    format: None = ...,
    trusted: bool = ...,
    limit: int | None = ...,
    offset: int | None = ...,
) -> Answer: ...


@overload
def run_query(
    store: GraphStore,
    text: str,
    *,
    bindings: Bindings | None = ...,
    format: str,
    trusted: bool = ...,
    limit: int | None = ...,
    offset: int | None = ...,
) -> str: ...


def run_query(
    store: GraphStore,
    text: str,
    *,
    bindings: Bindings | None = None,
    format: str | None = None,
    trusted: bool = False,
    limit: int | None = None,
    offset: int | None = None,
) -> Answer | str:
    """Run SPARQL *text* over *store*; *bindings* fix variables to the engine's terms.

    Returns the engine's answer (solutions, a boolean or triples: :data:`Answer`), or with
    *format* (one of :data:`~graph_builder.sparql.results.FORMATS`) that answer as text,
    written by the engine's serialisers. Text is checked by :func:`prepare` first unless
    *trusted* (the named queries are). *limit* and *offset* page a SELECT query that has no
    LIMIT of its own; a trusted query that marks a subquery of sort keys (see
    :mod:`.paging`) is first evaluated for its first keys only, and again for all of them
    when that gives fewer than *limit* rows.
    """
    job = QueryJob(text, dict(bindings or {}), trusted, limit, offset, format)
    return answer_job(store, job)


def answer_job(store: GraphStore, job: QueryJob) -> Answer | str:
    """:func:`run_query` of *job* over *store*."""
    # The result writers imported here, where a query is answered: a build reads the
    # named queries' texts only.
    from graph_builder.sparql.results import FORMATS, write_answer

    if job.format is not None and job.format not in FORMATS:  # before the query runs
        raise QueryError(f"unknown format {job.format!r}; use one of {', '.join(FORMATS)}")
    answer = _answer(store, job)
    if job.format is None:
        return answer
    return write_answer(answer, job.format).body.decode("utf-8")


def _answer(store: GraphStore, job: QueryJob) -> Answer:
    """The engine's answer to *job*; a page of a listing query is made from its first keys
    first, and again over every key when it comes back short (:mod:`.paging`)."""
    from graph_builder.sparql.results import from_tsv, to_tsv, tsv_rows

    limit = job.limit
    if job.trusted and limit is not None:
        keyed = _keyed_page(store, job.text, job.bindings, limit, job.offset or 0)
        if keyed is not None:
            return from_tsv(keyed)
    texts = _checked(store, job)
    answer = store.query(texts[0])
    if len(texts) == 1 or not isinstance(answer, ox.QuerySolutions):
        return answer
    quick = to_tsv(answer)  # a page made from the first keys: exact when it is full
    if limit is not None and tsv_rows(quick) < limit:
        return store.query(texts[-1])
    return from_tsv(quick)


def _keyed_page(
    store: GraphStore, text: str, bindings: Bindings, limit: int, offset: int
) -> bytes | None:
    """A page of a listing query whose keys are IRIs, made from its first keys as sorted
    here (:mod:`.paging`), as the engine's TSV; None when the query lists no such keys, or
    the page needs too many of them (the caller then makes it over the whole answer)."""
    from graph_builder.sparql.results import drop_rows, to_tsv, tsv_rows

    block = key_block(text)
    if block is None or not block.lists(bindings):
        return None
    keys = None if bindings else read_listing(store, block.listing)
    if keys is None:
        listed = store.select(bind_values(block.listing, bindings))
        keys = sort_keys(solution[0] for solution in listed)
        if keys is None:
            return None
    wanted, count = limit + offset, min(len(keys), FIRST_KEYS)
    while count < len(keys) and count <= MOST_KEYS:
        first = page(block.with_keys(keys[:count]), limit=wanted, offset=None, keys=False)
        data = to_tsv(store.select(bind_values(first, bindings)))
        rows = tsv_rows(data)
        if rows == wanted:  # the rows of the other keys sort after these
            return drop_rows(data, offset)
        count = more_keys(count, rows, wanted)
    return None


def _checked(store: GraphStore, job: QueryJob) -> list[str]:
    """The texts to evaluate (a quick page first, then the exact one if it comes back
    short)."""
    if not job.trusted:
        prepare(job.text, graphs=store.named_graphs())
    if job.limit is None and job.offset is None:
        return [bind_values(job.text, job.bindings)]
    exact = page(job.text, limit=job.limit, offset=job.offset, keys=False)
    quick = page(job.text, limit=job.limit, offset=job.offset, keys=job.trusted)
    texts = [exact] if quick == exact else [quick, exact]
    return [bind_values(t, job.bindings) for t in texts]


_WHERE = re.compile(r"\bWHERE\s*\{(?!\s*SELECT\b)", re.IGNORECASE)


def bind_values(text: str, bindings: Bindings) -> str:
    """*text* with each variable of *bindings* fixed by a ``VALUES`` block in every group.

    Each value is written by the engine in N-Triples syntax (an IRI it checked, a literal
    it escaped), so it is only ever a term, never query syntax. Every ``WHERE {`` gets the
    block so that a parameter used inside a subquery is bound there too.
    """
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    # a value may hold the word SERVICE; the text check must not find it in the query
    values = escape_service(" ".join(str(term) for term in bindings.values()))
    block = f" VALUES ({names}) {{ ({values}) }} "
    if not _WHERE.search(text):
        raise QueryError("parameters can only be bound in a query with a WHERE clause")
    return _WHERE.sub(lambda m: m.group(0) + block, text)
