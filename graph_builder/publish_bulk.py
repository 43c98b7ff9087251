"""Publish N-Quads shards (:mod:`graph_builder.shards`) to Virtuoso through its bulk loader.

Virtuoso's own path for large loads: a folder of N-Quads files is registered with
``ld_dir``, ``rdf_loader_run()`` loads the files and ``checkpoint`` makes the load durable.
All of it goes over Virtuoso's ``isql`` (:mod:`graph_builder.publish_isql`) on its SQL
port. The user's graphs are never cleared before their replacement is in the store:

1. the shards are copied into a staging folder inside the shard folder, each graph IRI
   replaced by a staging graph's (``urn:x-graph-builder:bulk:TOKEN:N``), line for line;
2. the loader loads the copies into the staging graphs; its record
   (``DB.DBA.load_list``) is read, and a shard it refused (``ll_error``) stops the push
   with the shard, its graphs and the loader's words;
3. the staging graphs' quads are counted and must equal the manifest's;
4. in one transaction, each target graph is cleared and filled from its staging graph;
   a failure rolls the transaction back. A transaction too large for Virtuoso's log
   (``SR325``) is rolled back and the replacement done again unlogged;
5. the staging graphs, the scratch table that maps them to their targets
   (``DB.DBA.GB_BULK_…``) and the staging folder are removed, on failure too, and the
   targets counted again.

Until step 4 commits, the store's graphs are the ones it had: an error before it says so.
Graphs that are not in the shards are left alone, as after a Graph Store Protocol push
(:mod:`graph_builder.publish`).

Virtuoso reads the files itself, so the folder must be on the server's file system at the
same path, and in ``DirsAllowed`` of its ``virtuoso.ini``; ``ld_dir`` refuses any other
folder, and the error says so.
"""

from __future__ import annotations

import logging
import re
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from graph_builder.errors import BulkLoadFailed, PublishError, PushFailed
from graph_builder.files import MARKER, remove_folder
from graph_builder.namespaces import GRAPH
from graph_builder.publish import PushedGraph, PushReport
from graph_builder.publish_isql import BulkTarget, Isql, isql_command
from graph_builder.shards import BULK_STAGING, SUFFIX, ShardSet

__all__ = ["BulkTarget", "isql_command", "push_bulk"]

log = logging.getLogger(__name__)

Stage = Callable[[str], None]
"""Called with the name of each stage as it starts."""

DEFAULT_GRAPH = str(GRAPH["bulk-default"])
"""The graph ``ld_dir`` is given for lines without one; shards have none."""
STAGING_GRAPHS = "urn:x-graph-builder:bulk:"
"""The staging graphs' IRIs start so; a token of the push and a number follow."""
INTACT = "the store's graphs are as they were before the push"
_SAFE_IRI = re.compile(r"[^\s<>\"'{}|\\^`]+")
_SAFE_PATH = re.compile(r"/[^'\\;\n\r\t%*?]*")
_ROW = "GBROW"


def push_bulk(shards: ShardSet, target: BulkTarget, *, stage: Stage | None = None) -> PushReport:
    """Load *shards* into the Virtuoso at *target*, replacing each of their graphs.

    Raises :class:`PublishError` when the folder is not readable by the server (not in
    ``DirsAllowed``) or isql cannot log in, :class:`BulkLoadFailed` when the loader refuses
    a shard, and :class:`PushFailed` when the counts in the store differ from the shards'.
    Each error before the replacement says the store's graphs are intact.
    """
    _server_path(shards.folder)
    graphs = shards.graphs()
    for iri in graphs:
        if not _SAFE_IRI.fullmatch(iri):
            raise PublishError(f"{shards.folder}: graph {iri!r} in the manifest is not an IRI")
    report = PushReport(target.address)
    started = time.monotonic()
    say = stage or (lambda _: None)
    token = secrets.token_hex(6)
    staging = {iri: f"{STAGING_GRAPHS}{token}:{n}" for n, iri in enumerate(graphs)}
    _remove_leftovers(shards.folder)
    copies = shards.folder / f"{BULK_STAGING}{token}"
    try:
        say("staging the shards")
        _stage_copies(shards, copies, staging)
        with Isql(target) as isql:
            stored = _Push(isql, shards, copies, staging, token).run(say)
    finally:
        remove_folder(copies)
    report.seconds = time.monotonic() - started
    pushed: list[str] = []
    for iri, quads in graphs.items():
        found = stored.get(iri, 0)
        if found != quads:
            raise PushFailed(
                f"the store holds {found} triples in {iri} after the replacement, the shards "
                f"({', '.join(shards.shards_of(iri))}) hold {quads}",
                pushed=pushed,
            )
        pushed.append(iri)
        report.graphs.append(PushedGraph(iri, quads, stored=found))
    return report


class _Push:
    """The steps of one bulk push in one isql session (see the module docstring)."""

    def __init__(
        self, isql: Isql, shards: ShardSet, copies: Path, staging: dict[str, str], token: str
    ) -> None:
        self.isql, self.shards, self.staging = isql, shards, staging
        self.folder = _server_path(copies)
        self.table = f"DB.DBA.GB_BULK_{token}"
        self.token, self.keep = token, False
        """keep: a failed unlogged replacement keeps the staging graphs and their table."""

    def run(self, say: Stage) -> dict[str, int]:
        """Stage, check, replace; the targets' counts after the replacement."""
        isql, graphs = self.isql, self.shards.graphs()
        _fail_on_error(
            isql.run(
                f"CREATE TABLE {self.table} (GB_STAGING IRI_ID_8 PRIMARY KEY, GB_TARGET IRI_ID_8);"
            ),
            "making the scratch table",
        )
        committed = False
        try:
            values = "\n".join(
                f"INSERT INTO {self.table} (GB_STAGING, GB_TARGET) "
                f"VALUES (iri_to_id('{staged}'), iri_to_id('{iri}'));"
                for iri, staged in self.staging.items()
            )
            _fail_on_error(isql.run(values), "making the scratch table")
            say("registering the shards")
            self._register()
            say(f"loading {len(self.shards.shards)} shards into staging graphs")
            _fail_on_error(isql.run("DB.DBA.rdf_loader_run();"), "rdf_loader_run()")
            self._check_load_list()
            say("counting the staging graphs")
            self._check_staged(graphs)
            say(f"replacing {len(graphs)} graphs")
            self._replace()
            committed = True
        except PublishError as exc:
            if type(exc) is PublishError and INTACT not in str(exc):
                raise PublishError(f"{exc}; nothing was replaced: {INTACT}") from None
            raise
        finally:
            self._clean_up(committed)
        _fail_on_error(isql.run("checkpoint;"), "checkpoint")
        say("counting")
        return _stored_counts(isql, set(graphs))

    def _register(self) -> None:
        isql, folder = self.isql, self.folder
        lines = isql.run(f"DB.DBA.ld_dir('{folder}', '*{SUFFIX}', '{DEFAULT_GRAPH}');")
        if any("FA003" in line for line in _errors(lines)):
            shown = Path(folder).parent
            raise PublishError(
                f"Virtuoso may not read {shown}: the folder is not in DirsAllowed. Add it to "
                "DirsAllowed in the [Parameters] section of virtuoso.ini and restart "
                "Virtuoso, or write the shards into a folder listed there"
            )
        _fail_on_error(lines, f"ld_dir('{folder}')")
        registered = {row[0] for row in _rows(isql, ["ll_file"], f"FROM {_load_list(folder)}")}
        missing = sorted({f"{folder}/{s.file}" for s in self.shards.shards} - registered)
        if missing:
            raise PublishError(
                f"ld_dir did not find {missing[0]} on the server: is {Path(folder).parent} "
                "the same folder on the machine Virtuoso runs on?"
            )

    def _check_load_list(self) -> None:
        rows = _rows(
            self.isql,
            ["ll_file", "ll_state", "coalesce(ll_error, '')"],
            f"FROM {_load_list(self.folder)} ORDER BY ll_file",
        )
        by_name = {shard.file: shard for shard in self.shards.shards}
        for path, state, error in rows:
            name = Path(path).name
            shard = by_name.get(name)
            graphs = ", ".join(_short(iri) for iri in shard.graphs) if shard else "unknown graphs"
            theirs = str(self.shards.folder / name)
            if error:
                raise BulkLoadFailed(
                    f"{theirs}: Virtuoso's bulk loader refused the shard "
                    f"({' '.join(_unstaged(error, self.staging).split())}); "
                    f"its graphs ({graphs}) were not replaced: {INTACT}. Write the shards "
                    "again and push again",
                    shard=theirs,
                )
            if state != "2":
                raise BulkLoadFailed(
                    f"{theirs}: the bulk loader left the shard in state {state}, not loaded "
                    f"({graphs}); is another rdf_loader_run() running? {INTACT}",
                    shard=theirs,
                )

    def _check_staged(self, graphs: dict[str, int]) -> None:
        rows = _rows(
            self.isql,
            ["id_to_iri(GB_TARGET)", "count(*)"],
            f"FROM DB.DBA.RDF_QUAD, {self.table} WHERE G = GB_STAGING GROUP BY GB_TARGET",
        )
        staged = {iri: int(n) for iri, n in rows}
        for iri, quads in graphs.items():
            if staged.get(iri, 0) != quads:
                raise PushFailed(
                    f"the loader put {staged.get(iri, 0)} triples into the staging graph of "
                    f"{iri}, the shards ({', '.join(self.shards.shards_of(iri))}) hold "
                    f"{quads}; nothing was replaced: {INTACT}",
                    pushed=[],
                )

    def _replace(self) -> None:
        """Clear each target and fill it from its staging graph: in one transaction where
        Virtuoso takes it; one too large for its log (``SR325``) is rolled back and the
        replacement done again unlogged, every staging graph being loaded and counted."""
        isql, table = self.isql, self.table
        steps = (
            f"DELETE FROM DB.DBA.RDF_QUAD WHERE G IN (SELECT GB_TARGET FROM {table});",
            f"INSERT SOFT DB.DBA.RDF_QUAD (G, S, P, O) SELECT GB_TARGET, S, P, O "
            f"FROM DB.DBA.RDF_QUAD, {table} WHERE G = GB_STAGING;",
        )
        _fail_on_error(isql.run("log_enable(1, 1);\nSET AUTOCOMMIT MANUAL;"), "replacing")
        too_large = False
        try:
            for step in steps:
                lines = isql.run(step)
                too_large = any("SR325" in line for line in _errors(lines))
                if too_large:
                    break
                _fail_on_error(lines, "replacing the graphs")
            if not too_large:
                _fail_on_error(isql.run("COMMIT WORK;"), "replacing the graphs")
        except PublishError as exc:
            isql.run("ROLLBACK WORK;")
            raise PublishError(f"{exc}; the transaction was rolled back: {INTACT}") from None
        finally:
            if too_large:
                isql.run("ROLLBACK WORK;")
            isql.run("SET AUTOCOMMIT ON;")
        if too_large:
            log.info("the replacement is too large for one transaction: done unlogged")
            for step in steps:
                lines = isql.run(f"log_enable(2, 1);\n{step}\nlog_enable(1, 1);")
                if _errors(lines):
                    self.keep = True
                    raise PushFailed(
                        f"replacing the graphs without a transaction (too large for one): "
                        f"Virtuoso answered: {_errors(lines)[0].removeprefix('*** ')}; the "
                        f"new graphs are kept in the staging graphs {STAGING_GRAPHS}{self.token}:N "
                        f"(the table {table} maps them to their targets): push again",
                        pushed=[],
                    )

    def _clean_up(self, committed: bool) -> None:
        """Remove the staging graphs, the scratch table and the loader's rows of the copies;
        not logged (the checkpoint makes it durable)."""
        isql, table = self.isql, self.table
        staging = (
            ""
            if self.keep
            else f"DELETE FROM DB.DBA.RDF_QUAD WHERE G IN (SELECT GB_STAGING FROM {table});\n"
            f"DROP TABLE {table};\n"
        )
        try:
            lines = isql.run(
                f"log_enable(2, 1);\n{staging}DELETE FROM {_load_list(self.folder)};\n"
                "log_enable(1, 1);"
            )
        except PublishError as exc:  # isql stopped: the error that stopped the push comes first
            lines = [f"*** Error: {exc}"]
        if _errors(lines) and committed:
            raise PublishError(
                f"the graphs were replaced, but removing the staging graphs failed: "
                f"{_errors(lines)[0].removeprefix('*** ')}; delete the graphs under "
                f"{STAGING_GRAPHS} and the table {table} by hand"
            )
        if _errors(lines):
            log.warning("removing the staging graphs failed: %s", _errors(lines)[0])


# ---------------------------------------------------------------- private


def _stage_copies(shards: ShardSet, copies: Path, staging: dict[str, str]) -> None:
    """Copy each shard into *copies* with its graph IRIs replaced by their staging graphs'
    (line for line, so the loader's line numbers are the shard's)."""
    names = {f"<{iri}>".encode(): f"<{staged}>".encode() for iri, staged in staging.items()}
    copies.mkdir()
    (copies / MARKER).write_text("graph-builder: a bulk push's staging copies\n")
    for shard in shards.shards:
        source = shards.folder / shard.file
        with source.open("rb") as lines, (copies / shard.file).open("wb") as out:
            for number, line in enumerate(lines, 1):
                head, _, tail = line.rpartition(b" <")
                end = tail.find(b">")
                graph = b"<" + tail[: end + 1]
                if end < 0 or graph not in names:
                    raise PublishError(
                        f"{source}:{number}: the line names no graph of the shard manifest; "
                        "write the shards again"
                    )
                out.write(head + b" " + names[graph] + tail[end + 1 :])


def _remove_leftovers(folder: Path) -> None:
    """Staging copies of an earlier push that was killed (they hold :data:`MARKER`)."""
    for entry in folder.glob(f"{BULK_STAGING}*"):
        if (entry / MARKER).is_file():
            remove_folder(entry)


def _unstaged(text: str, staging: dict[str, str]) -> str:
    for iri, staged in staging.items():
        text = text.replace(staged, iri)
    return text


def _server_path(folder: Path) -> str:
    path = str(folder.resolve())
    if not _SAFE_PATH.fullmatch(path):
        raise PublishError(
            f"{path}: the shard folder's path holds a character isql cannot be given "
            "(' \\ ; % * ? or a control character); move the shards to a plainer path"
        )
    return path


def _stored_counts(isql: Isql, wanted: set[str]) -> dict[str, int]:
    """Quads per graph in the store, for the graphs in *wanted* (one scan of RDF_QUAD)."""
    rows = _rows(isql, ["id_to_iri(G)", "count(*)"], "FROM DB.DBA.RDF_QUAD GROUP BY G")
    return {iri: int(n) for iri, n in rows if iri in wanted}


def _rows(isql: Isql, columns: list[str], rest: str) -> list[list[str]]:
    """The rows of ``SELECT columns rest``, each a list of its columns as text.

    Each row is printed as one line, its columns joined by tabs behind a tag, so that isql's
    padding and other output never pass for a row.
    """
    joined = ", chr(9), ".join(
        f"replace(replace(cast({c} AS varchar), chr(9), ' '), chr(10), ' ')" for c in columns
    )
    lines = isql.run(f"SELECT concat('{_ROW}', chr(9), {joined}) {rest};")
    _fail_on_error(lines, "reading the loader's state")
    return [line.rstrip(" \r").split("\t")[1:] for line in lines if line.startswith(_ROW + "\t")]


def _errors(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if line.startswith("*** Error")]


def _fail_on_error(lines: list[str], what: str) -> None:
    errors = _errors(lines)
    if errors:
        raise PublishError(f"{what}: Virtuoso answered: {errors[0].removeprefix('*** ')}")


def _load_list(folder: str) -> str:
    """``load_list`` restricted to the rows about files in *folder*."""
    return f"DB.DBA.load_list WHERE \"LEFT\"(ll_file, {len(folder) + 1}) = '{folder}/'"


def _short(iri: str) -> str:
    return iri.removeprefix(str(GRAPH))
