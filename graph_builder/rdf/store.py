"""The one module that owns the dataset: named graphs of quads in Oxigraph (pyoxigraph).

Everything else (build, validate, query, serve, view, stats, export) talks to a
:class:`GraphStore`, never to the engine directly, so changing the engine is a change to
this file and to its base class's, :mod:`.store_output` (the store written out). A store
lives in memory (:meth:`GraphStore.memory`) or in a folder on disk
(:meth:`GraphStore.create`, :meth:`GraphStore.open`); many processes may open one folder
read-only at once, which is how the server's workers share a single build.

The store's default graph is the union of its named graphs as a set: every triple any
named graph holds, once, however many graphs state it. Every write keeps it so (the
mapping's N-Quads text carries each triple in the default graph too:
:func:`~.store_output.with_union`),
so SPARQL without a dataset of its own reads the union as the SPARQL 1.1 dataset of a
plain store, and a TriG dump read by any store gives the same answers. A query's ``FROM``
/ ``FROM NAMED``, or the caller's ``default_graphs`` / ``named_graphs`` (the protocol's
``default-graph-uri`` / ``named-graph-uri``, which replace the query's), name another
dataset as SPARQL 1.1 Protocol §2.1.4 says. Answers come back in the engine's terms
(:data:`Answer`), which the engine's own serialisers write
(:mod:`graph_builder.sparql.results`); rdflib objects are made only at the edges where a
library needs them (:meth:`GraphStore.to_rdflib`, :meth:`GraphStore.union_graph` for
pySHACL), and rdflib is imported only then.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeAlias

import pyoxigraph as ox

from graph_builder.errors import OutputError, QueryError, QueryRefused, SourceError, StoreDamaged
from graph_builder.offline import refuse_service
from graph_builder.rdf.store_output import DEFAULT_GRAPH, FORMATS, PREFIXES, StoreOutput
from graph_builder.rdf.terms import Triple, predicate_term, subject_term, term

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

Answer: TypeAlias = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
"""A query's answer, in the engine's own types: solutions, a boolean, or triples."""

_FILL_UNION = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
SMALL_LOAD = 4 << 20
"""Below this many bytes, :meth:`GraphStore.load_nquads` loads in one transaction: a bulk
load into a store on disk writes new index files and took 0.2-0.6 s for one source's
quads at 200k quads, the transaction a few milliseconds."""


def holds_store(path: Path) -> bool:
    """Whether the folder *path* holds a store on disk (the engine's RocksDB files)."""
    return (Path(path) / "CURRENT").is_file()


class GraphStore(StoreOutput):
    """A dataset of named graphs; its default graph is their union (a set of triples)."""

    _engine_started: ClassVar[bool] = False

    def __init__(self, inner: ox.Store, *, path: Path | None = None, read_only: bool = False):
        GraphStore._engine_started = True
        self._store = inner
        self.path = path
        self.read_only = read_only
        self.listings: Path | None = None
        """The key listings of the build this store was opened from, if any
        (:mod:`graph_builder.sparql.paging`)."""

    # ------------------------------------------------------------------ opening

    @classmethod
    def memory(cls) -> GraphStore:
        """An empty store in memory."""
        return cls(ox.Store())

    @classmethod
    def create(cls, path: Path) -> GraphStore:
        """A new, empty store in the folder *path* (which must not hold a store yet)."""
        path = Path(path)
        if path.exists() and any(path.iterdir()):
            raise OutputError(f"{path}: folder is not empty; choose a new folder for the store")
        try:
            return cls(ox.Store(str(path)), path=path)
        except OSError as exc:
            raise OutputError(f"{path}: cannot create the store: {exc}") from None

    @classmethod
    def open(
        cls, path: Path, *, read_only: bool = True, listings: Path | None = None
    ) -> GraphStore:
        """The store in the folder *path*; read-only by default (many readers may share it).
        *listings*: the key listings of the build it belongs to (:attr:`listings`)."""
        path = Path(path)
        if not holds_store(path):
            raise SourceError(path, "no store here; build one first (graph-builder build)")
        try:
            inner = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as exc:
            raise SourceError(path, f"cannot open the store: {exc}") from None
        except RuntimeError as exc:  # the engine's word for a damaged store (RocksDB)
            raise StoreDamaged(
                path,
                f"the store is damaged ({' '.join(str(exc).split())}); build it again "
                "(graph-builder build)",
            ) from None
        store = cls(inner, path=path, read_only=read_only)
        store.listings = listings
        return store

    @classmethod
    def from_rdflib(cls, dataset: Dataset | Graph, *, graph: str | None = None) -> GraphStore:
        """A store in memory holding the quads of an rdflib Dataset (or a Graph, into *graph*)."""
        from rdflib import Dataset

        store = cls.memory()
        if isinstance(dataset, Dataset):
            store.load_nquads(dataset.serialize(format="nquads", encoding="utf-8"))
        else:
            target = graph or str(dataset.identifier)
            store.load(dataset.serialize(format="nt", encoding="utf-8"), "nt", graph=target)
        return store

    # ------------------------------------------------------------------ writing

    def load_nquads(self, data: bytes | str, *, checked: bool = False, union: bool = False) -> None:
        """Bulk-load N-Quads text (the build's fast path); below :data:`SMALL_LOAD` bytes (an
        incremental build's few sources), in one transaction instead.

        *union*: the text states each of its triples in the default graph too (the
        mapping's text: :func:`~.store_output.with_union`; an engine dump). Otherwise the
        default graph is made again from the named graphs after the load, a pass over the
        whole store.

        *checked*: the text was written by this package's mapping from checked input (every
        IRI from an id, a URL checked against the IRI grammar, or the ontology; every
        language tag from a fixed list), or dumped by the engine. The engine then skips its
        own IRI and language-tag checks, which take a tenth of a load on disk and a quarter
        of one in memory.
        """
        payload = data.encode("utf-8") if isinstance(data, str) else data
        if len(payload) < SMALL_LOAD:
            self._store.load(payload, ox.RdfFormat.N_QUADS, lenient=checked)
        else:
            self._store.bulk_load(payload, ox.RdfFormat.N_QUADS, lenient=checked)
        if not union:
            self._store.update(_FILL_UNION)

    def load(self, data: bytes | str, fmt: str, *, graph: str | None = None) -> None:
        """Load *data* in *fmt* (``ttl``, ``nt``, ``trig`` …), into *graph* for triple formats;
        its triples join the default graph."""
        target = ox.NamedNode(graph) if graph else None
        self._store.bulk_load(
            data.encode("utf-8") if isinstance(data, str) else data, FORMATS[fmt], to_graph=target
        )
        if target is None:
            self._store.update(_FILL_UNION)
        else:  # in the engine: a blank node is only the same node within one load
            self._store.update(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {target} {{ ?s ?p ?o }} }}")

    def add_graph(self, graph: Graph, iri: str) -> None:
        """Copy a (small) rdflib graph into the named graph *iri*."""
        self.load(graph.serialize(format="nt", encoding="utf-8"), "nt", graph=iri)

    def add_constructed(self, text: str, graph: str) -> None:
        """Evaluate the CONSTRUCT query *text* and add its triples to the named graph *graph*.

        A bulk write, much faster than ``INSERT`` on a store on disk; for the library's own
        rules (entailment) on a store that nothing else writes to.
        """
        if self.read_only:
            raise OutputError(f"{self.path}: the store is open read-only")
        target = ox.NamedNode(graph)
        triples = self._store.query(text, prefixes=PREFIXES)  # the default graph: the union
        if not isinstance(triples, ox.QueryTriples):
            raise QueryError("add_constructed needs a CONSTRUCT query")
        quads = [
            ox.Quad(t.subject, t.predicate, t.object, g)
            for t in triples
            for g in (target, DEFAULT_GRAPH)
        ]
        if quads:
            self._store.bulk_extend(quads)

    def states(self, s: str | None, p: str, o: str | None, *, besides: str) -> bool:
        """Whether a graph other than *besides* holds a quad matching (s, p, o): N-Triples
        terms, None for any term."""
        skip = ox.NamedNode(besides)
        subject = None if s is None else subject_term(s)
        value = None if o is None else term(o)
        predicate = predicate_term(p)
        if subject is not None and value is not None:
            return self._stated_besides(ox.Triple(subject, predicate, value), skip)
        # A pattern with a free term: the engine lists the default graph's matches first,
        # all of them before any named graph's (thousands for a country as object). So go
        # through the matching triples of the union, each looked up on its own; the first
        # usually settles it.
        union = self._store.quads_for_pattern(subject, predicate, value, DEFAULT_GRAPH)
        return any(self._stated_besides(q.triple, skip) for q in union)

    def _stated_besides(self, triple: ox.Triple, skip: ox.NamedNode) -> bool:
        """Whether a named graph other than *skip* holds *triple*."""
        found = self._store.quads_for_pattern(triple.subject, triple.predicate, triple.object)
        return any(q.graph_name not in (skip, DEFAULT_GRAPH) for q in found)

    def set_membership(
        self, graph: str, wanted: Iterable[Triple], unwanted: Iterable[Triple]
    ) -> tuple[int, int]:
        """Make the named *graph* hold the triples *wanted* and not those *unwanted*
        (N-Triples terms); return how many quads that added and removed. The default graph
        follows: a triple leaves it when no named graph holds it any more."""
        if self.read_only:
            raise OutputError(f"{self.path}: the store is open read-only")
        target, changed = ox.NamedNode(graph), [0, 0]
        for triples, present in ((wanted, False), (unwanted, True)):
            for s, p, o in triples:
                triple = ox.Triple(subject_term(s), predicate_term(p), term(o))
                quad = ox.Quad(triple.subject, triple.predicate, triple.object, target)
                if (quad in self._store) == present:
                    (self._store.remove if present else self._store.add)(quad)
                    changed[present] += 1
                    if not present:
                        self._store.add(ox.Quad(triple.subject, triple.predicate, triple.object))
                    elif not self._stated(triple):
                        self._store.remove(ox.Quad(triple.subject, triple.predicate, triple.object))
        return changed[0], changed[1]

    def in_union(self, triples: Iterable[Triple]) -> int:
        """How many of the distinct *triples* (N-Triples terms) the default graph holds."""
        return sum(
            ox.Quad(subject_term(s), predicate_term(p), term(o)) in self._store
            for s, p, o in triples
        )

    def _stated(self, triple: ox.Triple) -> bool:
        """Whether a named graph holds *triple*."""
        found = self._store.quads_for_pattern(triple.subject, triple.predicate, triple.object)
        return any(q.graph_name != DEFAULT_GRAPH for q in found)

    def remove_graph(self, iri: str) -> None:
        """Drop the named graph *iri* and everything in it; its triples leave the default
        graph unless another named graph holds them."""
        if self.read_only:
            raise OutputError(f"{self.path}: the store is open read-only")
        node = ox.NamedNode(iri)
        if self._store.contains_named_graph(node):
            self._store.update(
                f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {node} {{ ?s ?p ?o }} "
                f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {node}) }} }}"
            )
            self._store.remove_graph(node)

    def flush(self) -> None:
        """Make every write durable (a no-op in memory)."""
        if self.path is not None:
            self._store.flush()

    def save(self, target: Path) -> GraphStore:
        """Write this store to the new folder *target* (a bulk load of its quads); return it."""
        saved = GraphStore.create(target)
        saved.load_nquads(self.dump("nq"), checked=True, union=True)
        saved.flush()
        return saved

    def backup(self, target: Path) -> None:
        """Copy the on-disk store to the new folder *target*; on the same file system the
        engine hard-links its immutable files, so this is cheap whatever the size."""
        if self.path is None:
            raise OutputError("an in-memory store has no files to back up; save it with dump()")
        try:
            self._store.backup(str(target))
        except OSError as exc:
            raise OutputError(f"{target}: cannot copy the store: {exc}") from None

    @classmethod
    def copy_closed(cls, source: Path, target: Path) -> None:
        """Copy the on-disk store in *source*, which no process writes any more (readers
        may have it open), to the new folder *target* without opening it, as the engine's
        checkpoint does: its table files (``*.sst``, never changed once written) hard-linked,
        the others copied, the engine's info logs and lock file left out. :meth:`backup`
        opens the store to make the same copy: 7 ms more of CPU. Where a file cannot be
        linked or is not a plain file, the engine's backup is made instead."""
        source, target = Path(source), Path(target)
        try:
            target.mkdir()
        except OSError as exc:
            raise OutputError(f"{target}: cannot copy the store: {exc.strerror}") from None
        try:
            copied = _link_or_copy(source, target)
        except OSError:
            copied = False
        if not copied:
            shutil.rmtree(target, ignore_errors=True)  # the folder made above, no other
            cls.open(source, read_only=True).backup(target)

    def optimize(self) -> None:
        """Compact the on-disk files after a large load."""
        if self.path is not None:
            self._store.optimize()

    # ------------------------------------------------------------------ reading

    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        """Quads in the named graphs."""
        return len(self._store) - self.triple_count()

    def triple_count(self) -> int:
        """Triples in the default graph: the distinct triples of the named graphs."""
        answer = self._store.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
        return int(next(iter(answer))[0].value)  # type: ignore[arg-type]

    def count(self, graph: str | None = None) -> int:
        """Quads in the named *graph* (or in all named graphs)."""
        if graph is None:
            return len(self)
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def triples(self, graph: str, *, subject: str | None = None) -> list[Triple]:
        """The triples of the named *graph* (about *subject*, an IRI), as N-Triples terms."""
        found = self._store.quads_for_pattern(
            None if subject is None else ox.NamedNode(subject), None, None, ox.NamedNode(graph)
        )
        return [(str(q.subject), str(q.predicate), str(q.object)) for q in found]

    def query(
        self,
        text: str,
        *,
        default_graphs: Iterable[str] | None = None,
        named_graphs: Iterable[str] | None = None,
        base_iri: str | None = None,
    ) -> Answer:
        """Evaluate SPARQL *text*: the engine's solutions (rows of engine terms, evaluated
        as they are read), boolean, or triples.

        The project's prefixes are predeclared. The dataset is the query's own (``FROM``,
        ``FROM NAMED``), or else the store's: the union of the named graphs as the default
        graph, every named graph for ``GRAPH``. *default_graphs* / *named_graphs* replace
        both (SPARQL 1.1 Protocol §2.1.4): given one, the other is empty. *base_iri*
        resolves relative IRIs in a query without ``BASE`` (the endpoint's own URL).
        """
        refuse_service(text)
        options: dict[str, Any] = {"prefixes": PREFIXES, "base_iri": base_iri}
        if default_graphs is not None or named_graphs is not None:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs or ()]
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs or ()]
        try:
            return self._store.query(text, **options)
        except SyntaxError as exc:
            # Here: its regular expressions are compiled on import, and a build's own
            # queries parse.
            from graph_builder.rdf.query_errors import UNPARSED, explain_syntax_error

            said = explain_syntax_error(text, str(exc), known=PREFIXES)
            raise QueryRefused(said or f"{UNPARSED}: {' '.join(str(exc).split())}") from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"the query failed: {' '.join(str(exc).split())}") from None

    def select(self, text: str) -> ox.QuerySolutions:
        """:meth:`query` for a SELECT *text*: its solutions."""
        answer = self.query(text)
        if not isinstance(answer, ox.QuerySolutions):
            raise QueryError("select() needs a SELECT query")
        return answer


def engine_started() -> bool:
    """Whether this process has made a store: the engine's threads must not cross a fork."""
    return GraphStore._engine_started


def open_store(path: Path) -> GraphStore:
    """Open the store in *path* read-only (a picklable factory for worker processes)."""
    return GraphStore.open(path, read_only=True)


def _link_or_copy(source: Path, target: Path) -> bool:
    """The engine's files of *source* put in *target* as :meth:`GraphStore.copy_closed`
    says; False (the copy left half made) when *source* holds anything but plain files,
    which is not the engine's layout."""
    with os.scandir(source) as entries:
        for entry in entries:
            name = entry.name
            if not entry.is_file(follow_symlinks=False):
                return False
            if name.endswith(".sst"):
                os.link(entry.path, target / name)
            elif name != "LOCK" and not name.startswith("LOG"):
                shutil.copyfile(entry.path, target / name)
    return True
