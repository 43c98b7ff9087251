"""SPARQL over the dataset: named queries, parameter binding, local safety, result formats.

Named queries are the ``.rq`` files in ``graph_builder/queries``. Each starts with a
comment header::

    # title: Parties to each agreement
    # description: Which countries are parties to each agreement, and which sources say so.
    # question: 1
    # param: country country required ISO 3166-1 code (KR) or country IRI
    # example: country=KR

Parameters are bound as RDF terms through ``initBindings``; their text never enters the
query string, so a value such as ``x" } ; DROP ALL #`` is only ever a literal.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef
from rdflib.query import Result
from rdflib.term import Identifier

from graph_builder import resources
from graph_builder.errors import QueryError
from graph_builder.ingest.countries import lookup_country
from graph_builder.namespaces import ID, PREFIXES, compact
from graph_builder.rdf.store import GraphStore

if TYPE_CHECKING:
    from graph_builder.sparql.guard import CheckedQuery

PARAM_KINDS = ("iri", "country", "literal")
FORMATS = ("table", "csv", "tsv", "json", "xml")
_RESULT_MEDIA_TYPES = {
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
}


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


def _expand_iri(value: str) -> URIRef:
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        text = str(PREFIXES[prefix]) + local
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", text):
        raise QueryError(
            f"{value!r} is not an IRI; write <https://...> or a prefixed name such as agr:hasParty"
        )
    return URIRef(text)


def bind_param(param: QueryParam, value: str) -> Identifier:
    """The RDF term for *value* of *param*."""
    if param.kind == "literal":
        return Literal(value)
    if param.kind == "country":
        country = lookup_country(value.strip().upper())
        if country is not None:
            return ID[f"country/{country.alpha_2}"]
        if ":" in value:
            return _expand_iri(value)
        raise QueryError(f"parameter {param.name}: {value!r} is not an ISO 3166-1 code such as KR")
    return _expand_iri(value)


def bind_params(named: NamedQuery, raw: Mapping[str, str]) -> dict[str, Identifier]:
    """Check *raw* ``name=value`` pairs against *named*'s parameters and bind them."""
    known = {p.name: p for p in named.params}
    for name in raw:
        if name not in known:
            allowed = ", ".join(known) or "none"
            raise QueryError(
                f"query {named.name!r} has no parameter {name!r} (parameters: {allowed})"
            )
    bindings: dict[str, Identifier] = {}
    for param in named.params:
        if param.name in raw:
            bindings[param.name] = bind_param(param, raw[param.name])
        elif param.required:
            raise QueryError(
                f"query {named.name!r} needs --param {param.name}=VALUE ({param.description})"
            )
    return bindings


def prepare(text: str, *, graphs: Iterable[str] = ()) -> CheckedQuery:
    """Check *text* as a SPARQL query and refuse what reaches outside the dataset.

    ``SERVICE`` is refused, and so is ``FROM`` / ``FROM NAMED`` unless it names one of
    *graphs*; SPARQL Update is refused too (the checks of the HTTP endpoint,
    :mod:`graph_builder.sparql.guard`). Returns what the check learnt of the query.
    """
    from graph_builder.sparql.guard import parse_guarded  # rdflib's parser: load when needed

    return parse_guarded(text, served_graphs=graphs)


def run_query(
    store: GraphStore,
    text: str,
    *,
    bindings: Mapping[str, Identifier] | None = None,
    trusted: bool = False,
    limit: int | None = None,
    offset: int | None = None,
) -> Result:
    """Run SPARQL *text* over *store*; *bindings* substitute variables as RDF terms.

    Text is checked by :func:`prepare` first unless *trusted* (the named queries are).
    *limit* and *offset* page a SELECT query that has no LIMIT of its own; a trusted query
    that marks a subquery of sort keys (see :func:`page`) is first evaluated for its first
    ``offset + limit`` keys only, and again for all of them when that gives fewer than
    *limit* rows.
    """
    own_dataset = False
    if not trusted:
        own_dataset = prepare(text, graphs=store.named_graphs()).has_dataset

    def evaluate(query: str) -> Result:
        return store.query(bind_values(query, bindings or {}), union_default=not own_dataset)

    if limit is None and offset is None:
        return evaluate(text)
    exact = page(text, limit=limit, offset=offset, keys=False)
    quick = page(text, limit=limit, offset=offset, keys=trusted)
    if quick == exact:
        return evaluate(exact)
    result = evaluate(quick)
    if limit is not None and len(result) < limit:
        # The first offset+limit keys gave too few rows (some keys have none): every key.
        result = evaluate(exact)
    return result


_WHERE = re.compile(r"\bWHERE\s*\{(?!\s*SELECT\b)", re.IGNORECASE)


def bind_values(text: str, bindings: Mapping[str, Identifier]) -> str:
    """*text* with each variable of *bindings* fixed by a ``VALUES`` block in every group.

    The terms are written by rdflib (``n3()``), so a parameter's text is only ever an IRI
    or an escaped literal, never query syntax. Every ``WHERE {`` gets the block so that a
    parameter used inside a subquery is bound there too.
    """
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(term.n3() for term in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }} "
    if not _WHERE.search(text):
        raise QueryError("parameters can only be bound in a query with a WHERE clause")
    return _WHERE.sub(lambda m: m.group(0) + block, text)


_PAGE_KEYS = re.compile(r"^([ \t]*)# paged: LIMIT offset\+limit[ \t]*$", re.MULTILINE)


def page(text: str, *, limit: int | None, offset: int | None, keys: bool = True) -> str:
    """*text* with ``LIMIT``/``OFFSET`` appended; a query with its own LIMIT is refused.

    A listing query may mark a subquery that lists, sorted as the answer is, the values of
    the answer's first ``ORDER BY`` key (the agreements' labels, say: every value a row can
    take, and possibly more) with a comment line ``# paged: LIMIT offset+limit`` after that
    subquery's ``ORDER BY``. With *keys* and a *limit*, the line becomes
    ``LIMIT offset+limit``, so that only the rows of the first offset+limit keys are made
    and sorted. Those rows are the start of the whole answer (the rows of every other key
    sort after them), so when there are at least offset+limit of them, the page is exactly
    rows offset+1 … offset+limit of the whole answer. A page shorter than *limit* may have
    lost places to keys without rows: :func:`run_query` then pages again with
    ``keys=False``. Pages follow on only if the ``ORDER BY`` orders the rows completely.
    """
    body = re.sub(r"#[^\n]*", "", text)
    if re.search(r"\b(LIMIT|OFFSET)\b", body, re.IGNORECASE):
        raise QueryError("the query has its own LIMIT or OFFSET; paging would change it")
    if keys and limit is not None:
        first = int(limit) + int(offset or 0)
        text = _PAGE_KEYS.sub(lambda m: f"{m.group(1)}LIMIT {first}", text)
    extra = ""
    if limit is not None:
        extra += f"\nLIMIT {int(limit)}"
    if offset:
        extra += f"\nOFFSET {int(offset)}"
    return text.rstrip() + extra + "\n"


# ---------------------------------------------------------------- formats


def _cell(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return compact(str(term))
    return str(term)


def format_result(result: Result, fmt: str) -> str:
    """*result* as ``table`` (for people) or as a standard SPARQL 1.1 results format.

    ``csv``, ``tsv``, ``json`` and ``xml`` are the W3C SPARQL result formats (full IRIs;
    TSV terms in N-Triples syntax with a ``?var`` header), readable by any SPARQL client
    library. A graph (CONSTRUCT/DESCRIBE) is written as JSON-LD for ``json``, RDF/XML for
    ``xml`` and Turtle otherwise.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        from graph_builder.namespaces import bind_namespaces

        assert result.graph is not None
        if fmt == "json":
            from graph_builder.rdf.export import graph_to_jsonld

            return graph_to_jsonld(result.graph)
        graph_format = "xml" if fmt == "xml" else "turtle"
        return bind_namespaces(result.graph).serialize(format=graph_format)
    if fmt in _RESULT_MEDIA_TYPES:
        from graph_builder.sparql.results import serialize_result

        unbounded = sys.maxsize
        out = serialize_result(
            result, _RESULT_MEDIA_TYPES[fmt], max_rows=unbounded, max_bytes=unbounded
        )
        return out.body.decode("utf-8")
    if result.type == "ASK":
        return "true\n" if result.askAnswer else "false\n"
    names = [str(v) for v in result.vars or []]
    rows = [[_cell(row[i]) for i in range(len(names))] for row in result]  # type: ignore[index]
    return _table(names, rows)


def _table(names: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    widths = [min(w, 60) for w in widths]

    def line(cells: list[str]) -> str:
        shown = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(cells, widths, strict=True)]
        return "  ".join(s.ljust(w) for s, w in zip(shown, widths, strict=True)).rstrip()

    out = [line(names), "  ".join("-" * w for w in widths)]
    out.extend(line(r) for r in rows)
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def result_rows(result: Result) -> list[dict[str, Any]]:
    """SELECT results as a list of ``{variable: term}`` dicts (unbound variables left out)."""
    names = [str(v) for v in result.vars or []]
    return [
        {n: row[i] for i, n in enumerate(names) if row[i] is not None}  # type: ignore[index]
        for row in result
    ]


def result_json(result: Result) -> dict[str, Any]:
    """SPARQL 1.1 JSON results as a Python object."""
    return json.loads(_json_text(result))


def _json_text(result: Result) -> str:
    data = result.serialize(format="json")
    return data.decode("utf-8") if isinstance(data, bytes) else str(data)
