"""Pages of a listing query: ``LIMIT``/``OFFSET``, made from the rows of its first keys.

A listing query orders its rows by one key first (the agreements' labels, the statements'
subjects) and marks a subquery that lists those keys, sorted as the answer is (every value
a row's key can take, and possibly more), with a comment line after that subquery's
``ORDER BY``::

    {
      SELECT ?subject WHERE { ... } ORDER BY ?subject
      # paged: LIMIT offset+limit
    }

The rows of the first offset+limit keys are the start of the whole answer (the rows of
every other key sort after them), so a page needs only those rows. Two ways to get them:

- :func:`page` turns the mark into ``LIMIT offset+limit``: the engine sorts the keys and
  makes the rows of the first ones.
- A query whose keys are IRIs may also give, in a header line ``# page-keys: SELECT …``,
  a query that lists them (again every value a row's key can take, and possibly more)
  faster than the marked subquery does. When every parameter given is a variable of that
  listing, the keys are listed by it and sorted here (:func:`sort_keys`), and the marked
  subquery is replaced by the first of them (:meth:`KeyBlock.with_keys`). The engine
  decodes an IRI on every comparison of a sort: sorting the 12,800 subjects of 1.35M
  quads took it 0.5 s, against a few milliseconds here.

A build lists those keys once, for the query without parameters, into its folder
(``listings/``, :func:`write_listings`): the commands that open the build read them from
there instead of asking the engine (which takes 0.1 s for the 12,800 subjects of 1.35M
quads, most of it reading their IRIs back from the store).

Either way, a page made from some keys is exact when it is full (it has *limit* rows);
a shorter one may have lost places to keys without rows, and is made again from more keys
or over the whole answer. Pages follow on only if the ``ORDER BY`` orders the rows
completely.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph_builder.errors import QueryError

if TYPE_CHECKING:
    from graph_builder.rdf.store import GraphStore

_MARK = re.compile(r"^([ \t]*)# paged: LIMIT offset\+limit[ \t]*$", re.MULTILINE)


def page(text: str, *, limit: int | None, offset: int | None, keys: bool = True) -> str:
    """*text* with ``LIMIT``/``OFFSET`` appended; a query with its own LIMIT is refused.

    With *keys* and a *limit*, the mark of a listing query becomes ``LIMIT offset+limit``,
    so that only the rows of the first offset+limit keys are made and sorted.
    """
    body = re.sub(r"#[^\n]*", "", text)
    if re.search(r"\b(LIMIT|OFFSET)\b", body, re.IGNORECASE):
        raise QueryError("the query has its own LIMIT or OFFSET; paging would change it")
    if keys and limit is not None:
        first = int(limit) + int(offset or 0)
        text = _MARK.sub(lambda m: f"{m.group(1)}LIMIT {first}", text)
    extra = ""
    if limit is not None:
        extra += f"\nLIMIT {int(limit)}"
    if offset:
        extra += f"\nOFFSET {int(offset)}"
    return text.rstrip() + extra + "\n"


@dataclass(frozen=True)
class KeyBlock:
    """Where the marked subquery of a listing query is, and what it lists."""

    text: str
    start: int
    """Offset of the ``{`` that opens the subquery's group."""
    end: int
    """Offset just after the ``}`` that closes it."""
    variable: str
    """The key, without ``?``."""
    listing: str
    """The query that lists the keys (``# page-keys:``), with the prefixes."""

    def lists(self, names: Iterable[str]) -> bool:
        """Whether the listing is bound by each of these variables."""
        return set(names) <= set(re.findall(r"[?$](\w+)", self.listing))

    def with_keys(self, keys: Iterable[str]) -> str:
        """The whole query with the subquery replaced by these keys (IRIs)."""
        values = " ".join(f"<{key}>" for key in keys)
        return (
            f"{self.text[: self.start]}{{ VALUES ?{self.variable} {{ {values} }} }}"
            + (self.text[self.end :])
        )


_TOKEN = re.compile(r"""#[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|[{}]""")
_ORDER = re.compile(r"\bORDER\s+BY\s+\?(\w+)\s*$", re.IGNORECASE)


_LISTING = re.compile(r"^# page-keys: *(\S.*)$", re.MULTILINE)


def key_block(text: str) -> KeyBlock | None:
    """The marked subquery of *text* and the header query that lists its keys (None when
    there is no such header, or the subquery's ``ORDER BY`` is not a single variable)."""
    mark, listing = _MARK.search(text), _LISTING.search(text)
    if mark is None or listing is None:
        return None
    opened: list[int] = []
    start = None
    for token in _TOKEN.finditer(text):
        if start is None and token.start() >= mark.start():
            if not opened:
                return None
            start = opened[-1]
        if token.group() == "{":
            opened.append(token.start())
        elif token.group() == "}":
            if not opened:
                return None
            if opened.pop() == start:
                order = _ORDER.search(text, start + 1, mark.start())
                if order is None:
                    return None
                prologue = "".join(re.findall(r"^(?:PREFIX|BASE)\b[^\n]*\n", text, re.M))
                query = prologue + listing.group(1) + "\n"
                return KeyBlock(text, start, token.end(), order.group(1), query)
    return None


def sort_keys(keys: Iterable[Any]) -> list[str] | None:
    """The distinct *keys* (the engine's terms) as IRIs in the answer's order, or None when
    one is not an IRI (blank nodes and literals are ordered by other rules: the engine
    sorts those)."""
    import pyoxigraph as ox

    terms = list(keys)
    if not all(type(term) is ox.NamedNode for term in terms):
        return None
    # SPARQL orders IRIs by their text; Python compares code points, as UTF-8 bytes do.
    return sorted({term.value for term in terms})


FIRST_KEYS = 8
"""How many keys the first attempt at a page is made from (a statement's subject has
several rows, so eight usually fill a page of 100)."""
MOST_KEYS = 2000
"""A page that needs more keys than this is made over the whole answer instead."""


def more_keys(keys: int, rows: int, wanted: int) -> int:
    """How many keys to try next, when *keys* of them gave *rows* rows of the *wanted*:
    as many as their rows per key says, and a quarter more, but at least twice as many."""
    return max(2 * keys, -(-keys * wanted * 5 // (4 * max(rows, 1))))


LISTINGS_DIR = "listings"
"""The folder of a build that holds its key listings (:func:`write_listings`)."""


def _listing_file(folder: Path, listing: str) -> Path:
    return folder / (hashlib.sha256(listing.encode("utf-8")).hexdigest()[:32] + ".txt")


def write_listings(
    store: GraphStore,
    folder: Path,
    queries: Iterable[str],
    *,
    before: Path | None = None,
    touched: Collection[str] = (),
) -> None:
    """List the keys of each of *queries* (the named queries' texts) that gives a
    ``# page-keys:`` query, without parameters, sorted, into *folder* (a file per listing,
    named by its text's hash, so that a query whose listing changed finds none):
    :func:`read_listing` reads them.

    With *before* (the listings of the store before a change to triples that mention only
    the IRIs *touched*), a listing whose every triple pattern mentions its key is brought up
    to date instead: the keys among *touched* are listed again, the others kept.
    """
    from graph_builder.files import write_text

    folder.mkdir(exist_ok=True)
    for text in queries:
        block = key_block(text)
        if block is None:
            continue
        keys = _updated(store, block.listing, before, touched) if before else None
        target = _listing_file(folder, block.listing)
        if keys is _SAME and before is not None:
            with contextlib.suppress(OSError):  # the previous build's file, never rewritten
                os.link(_listing_file(before, block.listing), target)
                continue
            keys = None
        if keys is None:
            keys = sort_keys(solution[0] for solution in store.select(block.listing))
        if keys is not None:
            write_text(target, "\n".join(keys) + "\n" if keys else "")


_SAME: list[str] = []
"""What :func:`_updated` gives for a listing whose keys are the ones listed before."""


_ONE_GROUP = re.compile(
    r"^(?P<head>\s*SELECT\s+DISTINCT\s+\?(?P<key>\w+)\s+WHERE\s*\{)(?P<body>[^{};,]*)\}\s*$",
    re.IGNORECASE,
)


def _updated(
    store: GraphStore, listing: str, before: Path, touched: Collection[str]
) -> list[str] | None:
    """The keys of *listing* after a change to triples mentioning *touched*, from the keys
    listed in *before* (:data:`_SAME`: the keys listed there); None when the listing is
    not one group of triple patterns that each mention the key (a key's membership could
    then change without it being touched), or *before* has no such listing."""
    prologue = "".join(re.findall(r"^(?:PREFIX|BASE)\b[^\n]*\n", listing, re.M))
    found = _ONE_GROUP.match(listing[len(prologue) :])
    if found is None:
        return None
    key = found.group("key")
    patterns = [p for p in found.group("body").split(" . ") if p.strip()]
    if not patterns or not all(re.search(rf"\?{key}\b", p) for p in patterns):
        return None
    file = _listing_file(before, listing)
    listed = _listed_among(file, touched)
    if listed is None:
        return None
    iris = sorted(t for t in touched if "<" not in t and ">" not in t)
    again: list[str] = []
    if iris:
        values = " ".join(f"<{iri}>" for iri in iris)
        query = (
            f"{prologue}{found.group('head')} VALUES ?{key} {{ {values} }} {found.group('body')}}}"
        )
        found_again = sort_keys(solution[0] for solution in store.select(query))
        if found_again is None:
            return None
        again = found_again
    if set(again) == listed:
        return _SAME  # the same keys: the file is linked, not read whole, sorted or written
    try:
        old = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return sorted(set(old).difference(touched).union(again))


def _listed_among(file: Path, keys: Iterable[str]) -> set[str] | None:
    """Which of *keys* are lines of the listing *file* (None: it cannot be read), each
    found by bisection over the file's bytes: a few comparisons per key, however long the
    listing, instead of a set of every line (13 ms for the 51,200 keys of 25,600 sources)."""
    try:
        data = file.read_bytes()
    except OSError:
        return None
    return {key for key in keys if _has_line(data, key.encode("utf-8", "surrogateescape"))}


def _has_line(data: bytes, line: bytes) -> bool:
    """Whether *line* is one of the lines of *data*, which are sorted (a listing's keys, in
    code point order, which is their UTF-8 bytes' order)."""
    low, high = 0, len(data)  # the lines starting in [low, high) are still to be searched
    while low < high:
        start = data.rfind(b"\n", low, (low + high) // 2) + 1 or low
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        current = data[start:end]
        if current == line:
            return True
        if current < line:
            low = end + 1
        else:
            high = start
    return False


def read_listing(store: GraphStore, listing: str) -> list[str] | None:
    """The keys *listing* finds without parameters, as the build of *store* listed them
    (None: *store* was not opened from a build, or the build has no such listing)."""
    if store.listings is None:
        return None
    try:
        text = _listing_file(store.listings, listing).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # none, or not readable: list them again
        return None
    return text.splitlines()
