"""Publish N-Quads shards (:mod:`graph_builder.shards`) to Virtuoso through its bulk loader.

Virtuoso's own path for large loads: the shard folder is registered with ``ld_dir``, each
graph of the shards is cleared, ``rdf_loader_run()`` loads the files and ``checkpoint``
makes the load durable. All of it goes over Virtuoso's ``isql`` (Debian: ``isql-vt``) on
its SQL port. Then the loader's record (``DB.DBA.load_list``) is read: a shard the loader
refused (``ll_error``) stops the push with the shard, its graphs and the loader's words.
Last, the store's quads per graph are counted and must equal the manifest's, as after a
Graph Store Protocol push (:mod:`graph_builder.publish`): each graph of the shards is
replaced, graphs that are not in them are left alone.

Virtuoso reads the files itself, so the folder must be on the server's file system at the
same path, and in ``DirsAllowed`` of its ``virtuoso.ini``; ``ld_dir`` refuses any other
folder, and the error says so.

The password never appears on a command line (where ``ps`` shows it): isql first tries the
user name as password (its built-in default) and, when that is refused, reads the password
from its standard input, where it is written. The refused first try counts as one failed
login on the server (Virtuoso shuts out an address for 60 s after four in a row); a user
whose password is the user name logs in at once. isql runs in a session of its own, so it
never asks on the user's terminal.

The graphs are cleared with a scratch table of their ids, ``DB.DBA.GB_BULK_CLEAR_…``, made
and dropped by the push. Clearing and loading are not one transaction: a failed load leaves
its graphs cleared or partly loaded, and the error names them; push again once the cause is
fixed.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import re
import secrets
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graph_builder.errors import BulkLoadFailed, PublishError, PushFailed
from graph_builder.namespaces import GRAPH
from graph_builder.publish import PushedGraph, PushReport
from graph_builder.shards import SUFFIX, ShardSet

log = logging.getLogger(__name__)

Stage = Callable[[str], None]
"""Called with the name of each stage as it starts."""

DEFAULT_GRAPH = str(GRAPH["bulk-default"])
"""The graph ``ld_dir`` is given for lines without one; shards have none."""
_SAFE_IRI = re.compile(r"[^\s<>\"'{}|\\^`]+")
_SAFE_PATH = re.compile(r"/[^'\\;\n\r\t%*?]*")
_ISQL_OPTIONS = ("PROMPT=OFF", "ECHO=OFF")
_ROW = "GBROW"


@dataclass(frozen=True)
class BulkTarget:
    """A Virtuoso to bulk-load into, over isql."""

    address: str
    """Virtuoso's SQL port as isql takes it: ``host:port`` (``localhost:1111``)."""
    user: str
    password: str
    isql: str = "isql-vt"
    """The isql program: a path or a name on ``PATH``."""
    timeout: float | None = None
    """Seconds the whole push may take (None: no limit)."""


def push_bulk(shards: ShardSet, target: BulkTarget, *, stage: Stage | None = None) -> PushReport:
    """Load *shards* into the Virtuoso at *target*, replacing each of their graphs.

    Raises :class:`PublishError` when the folder is not readable by the server (not in
    ``DirsAllowed``) or isql cannot log in, :class:`BulkLoadFailed` when the loader refuses
    a shard, and :class:`PushFailed` when the counts in the store differ from the shards'.
    """
    folder = _server_path(shards.folder)
    graphs = shards.graphs()
    for iri in graphs:
        if not _SAFE_IRI.fullmatch(iri):
            raise PublishError(f"{shards.folder}: graph {iri!r} in the manifest is not an IRI")
    report = PushReport(target.address)
    started = time.monotonic()
    say = stage or (lambda _: None)
    with _Isql(target) as isql:
        say("registering the shards")
        forget = isql.run(f"DELETE FROM DB.DBA.load_list WHERE {_ours(folder)};")
        _fail_on_error(forget, "forgetting an earlier load of the folder")
        _register(isql, folder, shards)
        say(f"clearing {len(graphs)} graphs")
        _clear(isql, list(graphs))
        say(f"loading {len(shards.shards)} shards")
        _fail_on_error(isql.run("DB.DBA.rdf_loader_run();"), "rdf_loader_run()")
        _fail_on_error(isql.run("checkpoint;"), "checkpoint")
        _check_load_list(isql, folder, shards)
        say("counting")
        stored = _stored_counts(isql, set(graphs))
    report.seconds = time.monotonic() - started
    pushed: list[str] = []
    for iri, quads in graphs.items():
        found = stored.get(iri, 0)
        if found != quads:
            raise PushFailed(
                f"the store holds {found} triples in {iri}, the shards "
                f"({', '.join(shards.shards_of(iri))}) hold {quads}",
                pushed=pushed,
            )
        pushed.append(iri)
        report.graphs.append(PushedGraph(iri, quads, stored=found))
    return report


# ---------------------------------------------------------------- private


def _server_path(folder: Path) -> str:
    path = str(folder.resolve())
    if not _SAFE_PATH.fullmatch(path):
        raise PublishError(
            f"{path}: the shard folder's path holds a character isql cannot be given "
            "(' \\ ; % * ? or a control character); move the shards to a plainer path"
        )
    return path


def _register(isql: _Isql, folder: str, shards: ShardSet) -> None:
    lines = isql.run(f"DB.DBA.ld_dir('{folder}', '*{SUFFIX}', '{DEFAULT_GRAPH}');")
    errors = _errors(lines)
    if any("FA003" in line for line in errors):
        raise PublishError(
            f"Virtuoso may not read {folder}: the folder is not in DirsAllowed. Add it to "
            "DirsAllowed in the [Parameters] section of virtuoso.ini and restart Virtuoso, "
            "or write the shards into a folder listed there"
        )
    _fail_on_error(lines, f"ld_dir('{folder}')")
    registered = {
        row[0] for row in _rows(isql, ["ll_file"], f"FROM DB.DBA.load_list WHERE {_ours(folder)}")
    }
    missing = sorted({f"{folder}/{s.file}" for s in shards.shards} - registered)
    if missing:
        raise PublishError(
            f"ld_dir did not find {missing[0]} on the server: is {folder} the same folder "
            "on the machine Virtuoso runs on?"
        )


def _clear(isql: _Isql, iris: list[str]) -> None:
    """Delete the quads of the graphs *iris*: in one pass over ``RDF_QUAD``, joined with a
    scratch table of their ids (a list in the statement would be compared with every
    quad, graph by graph). Not logged, like the loader's own writes: the checkpoint after
    the load makes both durable."""
    table = f"DB.DBA.GB_BULK_CLEAR_{secrets.token_hex(6)}"
    _fail_on_error(
        isql.run(f"log_enable(2,1);\nCREATE TABLE {table} (GC_G IRI_ID_8 PRIMARY KEY);"),
        "clearing the graphs",
    )
    try:
        fill = "\n".join(f"INSERT SOFT {table} (GC_G) VALUES (iri_to_id('{iri}'));" for iri in iris)
        _fail_on_error(isql.run(fill), "clearing the graphs")
        delete = f"DELETE FROM DB.DBA.RDF_QUAD WHERE G IN (SELECT GC_G FROM {table});"
        _fail_on_error(isql.run(delete), "clearing the graphs")
    finally:
        isql.run(f"DROP TABLE {table};")


def _check_load_list(isql: _Isql, folder: str, shards: ShardSet) -> None:
    rows = _rows(
        isql,
        ["ll_file", "ll_state", "coalesce(ll_error, '')"],
        f"FROM DB.DBA.load_list WHERE {_ours(folder)} ORDER BY ll_file",
    )
    by_name = {shard.file: shard for shard in shards.shards}
    for path, state, error in rows:
        shard = by_name.get(Path(path).name)
        graphs = ", ".join(_short(iri) for iri in shard.graphs) if shard else "unknown graphs"
        if error:
            raise BulkLoadFailed(
                f"{path}: Virtuoso's bulk loader refused the shard ({' '.join(error.split())}); "
                f"its graphs ({graphs}) may be cleared or partly loaded: write the shards "
                "again and push again",
                shard=path,
            )
        if state != "2":
            raise BulkLoadFailed(
                f"{path}: the bulk loader left the shard in state {state}, not loaded "
                f"({graphs}); is another rdf_loader_run() running?",
                shard=path,
            )


def _stored_counts(isql: _Isql, wanted: set[str]) -> dict[str, int]:
    """Quads per graph in the store, for the graphs in *wanted* (one scan of RDF_QUAD)."""
    rows = _rows(isql, ["id_to_iri(G)", "count(*)"], "FROM DB.DBA.RDF_QUAD GROUP BY G")
    return {iri: int(n) for iri, n in rows if iri in wanted}


def _rows(isql: _Isql, columns: list[str], rest: str) -> list[list[str]]:
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


def _ours(folder: str) -> str:
    """The SQL condition for the rows of ``load_list`` about files in *folder*."""
    return f"\"LEFT\"(ll_file, {len(folder) + 1}) = '{folder}/'"


def _short(iri: str) -> str:
    return iri.removeprefix(str(GRAPH))


class _Isql:
    """One isql session: statements in, their output lines back, each run ended by a marker."""

    def __init__(self, target: BulkTarget) -> None:
        self.target = target
        self.deadline = None if target.timeout is None else time.monotonic() + target.timeout
        self.marker = f"GB-END-{secrets.token_hex(8)}"
        self.lines: queue.Queue[str | None] = queue.Queue()
        program = shutil.which(target.isql)
        if program is None:
            raise PublishError(
                f"{target.isql!r} not found: install Virtuoso's isql (Debian: "
                "virtuoso-opensource, which names it isql-vt) or give its path"
            )
        self.process = subprocess.Popen(
            isql_command(program, target),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # no terminal: isql reads the password from stdin
        )
        threading.Thread(target=self._read, daemon=True).start()

    def __enter__(self) -> _Isql:
        try:
            self._log_in()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, statements: str) -> list[str]:
        """Send *statements*; the lines isql printed for them."""
        self._send(f"{statements}\nSELECT '{self.marker}';\n")
        return list(self._until(lambda line: line.strip() == self.marker))

    def close(self) -> None:
        if self.process.stdin is not None and not self.process.stdin.closed:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _log_in(self) -> None:
        target = self.target
        tries = 1
        if target.password != target.user:
            self._send(target.password + "\n")
            tries = 2
        refused = 0
        for line in self._until(lambda line: "Connected to" in line):
            if "Bad login" in line or "CL034" in line:
                refused += 1
                if refused == tries:
                    raise PublishError(
                        f"isql cannot log in to {target.address} as {target.user!r}: "
                        "check the user name and password"
                    )
            elif line.startswith("*** Error"):
                raise PublishError(
                    f"isql cannot connect to {target.address}: {line.removeprefix('*** ')}"
                    " (is it Virtuoso's SQL port, as host:port?)"
                )
        self.run("")  # whatever isql printed before now is not an answer to us

    def _send(self, text: str) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(text.encode("utf-8"))
            self.process.stdin.flush()
        except OSError:
            raise PublishError(f"isql stopped: {self._said()}") from None

    def _until(self, done: Callable[[str], bool]) -> Iterator[str]:
        while True:
            wait = None if self.deadline is None else self.deadline - time.monotonic()
            if wait is not None and wait <= 0:
                self.process.kill()
                raise PushFailed(
                    f"the bulk push ran past its {self.target.timeout:g} s limit", pushed=[]
                )
            try:
                line = self.lines.get(timeout=wait)
            except queue.Empty:
                continue
            if line is None:
                raise PublishError(f"isql stopped: {self._said()}")
            if done(line):
                return
            yield line

    def _said(self) -> str:
        return (
            "its last words were not an answer"
            if self.process.poll() is None
            else (f"it exited with status {self.process.returncode}")
        )

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            self.lines.put(raw.decode("utf-8", "replace").rstrip("\n"))
        self.lines.put(None)


def isql_command(program: str, target: BulkTarget) -> list[str]:
    """The isql command line for *target*: address, user and display options, never the
    password. isql writes through a line buffer (``stdbuf``), so that each answer arrives
    when it is printed, not when a block of output is full."""
    stdbuf = shutil.which("stdbuf")
    if stdbuf is None:
        raise PublishError("stdbuf not found: install coreutils, which isql is run through")
    return [stdbuf, "-oL", program, target.address, target.user, *_ISQL_OPTIONS]
