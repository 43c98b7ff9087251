"""The errors the library raises.

Hierarchy::

    GraphBuilderError            base: anything the user can fix
    ├── SourceError              a data or ontology file is unreadable or invalid
    │   │                        (carries file, line and field)
    │   ├── StoreDamaged         a built store's files cannot be read by the engine
    │   └── ArticleError         an article to extract from cannot be read
    ├── QueryError               a SPARQL query or a query parameter is invalid
    │   ├── MissingParameter     a named query was run without a value it needs
    │   ├── QueryRefused         the endpoint will not evaluate it (carries the HTTP status)
    │   └── QueryStopped         a query was stopped before it finished: out of memory
    │       └── QueryTimeout     … or past its time limit (carries ``timeout``)
    ├── InferenceError           an unknown entailment mode, or a reasoner not installed
    ├── ValidationFailed         SHACL found violations (carries the report)
    ├── OutputError              an output file cannot be written (read-only, disk full)
    │   └── FolderLocked         another build is writing the same folder (carries its pid)
    ├── PublishError             a push cannot start: bad URL, unknown graph, no password
    │   ├── PushFailed           the store refused a graph, was unreachable, or holds other
    │   │                        counts (carries the graphs pushed before the failure)
    │   └── BulkLoadFailed       Virtuoso's bulk loader refused a shard file (carries it)
    ├── ServerError              the SPARQL endpoint cannot start or serve
    │   ├── PortInUse            … because another program listens on its port (carries it)
    │   └── ServerBusy           a request was not admitted, or no worker came free in time
    ├── MissingExtra             an optional extra (``extract``) is not installed
    ├── GazetteerError           a gazetteer shipped with the package is malformed
    ├── KeptStateUnreadable      what a previous build kept is not this version's (the
    │                            build then reads its inputs again; never reaches a user)
    ├── CandidateRefused         a candidate would not load or validate (carries problems)
    └── Unresolved               a candidate's item neither links nor may be created

The CLI maps ``ValidationFailed``, ``PushFailed`` and ``QueryStopped`` to exit code 1 and
every other subclass to exit code 2. Every error pickles, so it can cross from a worker
process to its parent.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

Path_ = tuple[str | int, ...]
"""A place in a YAML document: the keys and list indexes from its top down."""


def dotted(where: Path_) -> str:
    """A place as messages name a field: ``("claims", 2, "sectors", 0)`` is
    ``claims[2].sectors[0]``."""
    out = ""
    for part in where:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@dataclass(frozen=True)
class Problem:
    """Why a candidate would not validate: where in the candidate, and what to fix."""

    where: Path_ | None
    """The candidate's field (``("claims", 2, "sectors", 0)``), when the problem has one."""
    message: str
    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        place = self.file or "candidate"
        if self.line is not None:
            place += f":{self.line}"
        what = f"{dotted(self.where)}: " if self.where else ""
        return f"{place}: {what}{self.message}"


_E = TypeVar("_E", bound="GraphBuilderError")


class GraphBuilderError(Exception):
    """Base class of every error the library raises for a problem the user can fix.

    An error pickles as the arguments it was made with, whatever its constructor takes, so
    it can cross from a worker process to its parent.
    """

    _made_with: tuple[tuple[Any, ...], dict[str, Any]]

    def __new__(cls: type[_E], *args: Any, **kwargs: Any) -> _E:
        error = super().__new__(cls, *args)
        error._made_with = (args, kwargs)
        return error

    def __reduce__(self) -> tuple[Any, ...]:
        args, kwargs = self._made_with
        return (_remake, (type(self), args, kwargs))


class SourceError(GraphBuilderError):
    """A data or ontology file is unreadable or says something invalid."""

    def __init__(
        self,
        path: Path | str,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.field = field
        self.detail = message
        where = str(path) if line is None else f"{path}:{line}"
        what = f"{field}: {message}" if field else message
        super().__init__(f"{where}: {what}")


class StoreDamaged(SourceError):
    """A built store's files are damaged: the engine cannot open them."""


class KeptStateUnreadable(GraphBuilderError):
    """What a previous build kept for the next one (the manifest's entries, the entity
    registry, the compiled checks) is not what this version writes: the build reads its
    inputs again."""


class ArticleError(SourceError):
    """An article cannot be read: missing, empty, binary, not decodable, too large."""


class QueryError(GraphBuilderError):
    """A SPARQL query, a named query or a query parameter is invalid."""


class MissingParameter(QueryError):
    """A named query was run without a value for a parameter it needs (``query``, ``name``,
    ``description`` say which)."""

    def __init__(self, query: str, name: str, description: str) -> None:
        self.query, self.name, self.description = query, name, description
        super().__init__(
            f"query {query!r} needs a value for its parameter {name!r} ({description})"
        )


class QueryRefused(QueryError):
    """A request the endpoint will not evaluate; ``status`` is the HTTP status to send."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        self.status = status
        super().__init__(message)


class QueryStopped(QueryError):
    """A query was stopped before it finished (its process ran out of memory or died)."""


class QueryTimeout(QueryStopped):
    """A query ran past its time limit of ``timeout`` seconds and its process was killed."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        super().__init__(
            f"the query ran longer than {timeout:g} s and was stopped; narrow it or add a LIMIT"
        )


class InferenceError(GraphBuilderError):
    """An unknown entailment mode, or a reasoner that is not installed."""


class ValidationFailed(GraphBuilderError):
    """SHACL validation found violations; ``report`` holds the readable report."""

    def __init__(self, report: str, violations: int) -> None:
        self.report = report
        self.violations = violations
        super().__init__(f"SHACL validation failed with {violations} violation(s)")


class OutputError(GraphBuilderError):
    """An output file cannot be written."""


class FolderLocked(OutputError):
    """Another build holds the writer's lock of ``folder``; ``holder`` is its pid if known."""

    def __init__(self, folder: Path | str, holder: int | None = None) -> None:
        self.folder = Path(folder)
        self.holder = holder
        self.who = "another build" if holder is None else f"another build (pid {holder})"
        super().__init__(
            f"{folder}: {self.who} is writing this folder; try again when it has finished"
        )


class PublishError(GraphBuilderError):
    """A push cannot start: a bad URL or option, an unknown graph, a missing password."""


class PushFailed(PublishError):
    """A push stopped: ``pushed`` lists the graph IRIs stored before the failure."""

    def __init__(self, message: str, *, pushed: list[str]) -> None:
        self.pushed = list(pushed)
        self.detail = message
        made_it = ", ".join(self.pushed) if self.pushed else "none"
        super().__init__(f"push failed: {message}; graphs pushed before the failure: {made_it}")


class BulkLoadFailed(PublishError):
    """Virtuoso's bulk loader refused the shard file ``shard`` (a bad file: exit code 2)."""

    def __init__(self, message: str, *, shard: str) -> None:
        self.shard = shard
        super().__init__(message)


class ServerError(GraphBuilderError):
    """The SPARQL endpoint cannot start, or its query workers cannot load the dataset."""


class PortInUse(ServerError):
    """Another program listens on the port the endpoint was asked to listen on."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        super().__init__(f"port {port} on {host} is in use")


class ServerBusy(ServerError):
    """The request was not admitted, or not served in time; the client should retry."""


class MissingExtra(GraphBuilderError):
    """A module of the ``extract`` extra is not installed."""

    def __init__(self, module: str) -> None:
        self.module = module
        super().__init__(
            f"reading articles needs the 'extract' extra ({module} is not installed): "
            "pip install 'agreement-graph-builder[extract]'"
        )


class GazetteerError(GraphBuilderError):
    """A gazetteer file shipped with the package is malformed (a packaging defect)."""


class CandidateRefused(GraphBuilderError):
    """A candidate that would not load or validate; ``problems`` says where and why.

    ``unresolved`` is true when an unresolved item neither links nor may be created;
    ``exists`` when the source file is there already and may not be replaced.
    """

    def __init__(
        self, problems: list[Problem], *, unresolved: bool = False, exists: bool = False
    ) -> None:
        self.problems = list(problems)
        self.unresolved, self.exists = unresolved, exists
        super().__init__("\n".join(str(p) for p in self.problems))


class Unresolved(GraphBuilderError):
    """An unresolved item of a candidate that neither links nor may be created (raised
    inside :mod:`graph_builder.review`, reported as :class:`CandidateRefused`)."""

    def __init__(
        self, where: tuple[str | int, ...], message: str, *, missing: bool = False
    ) -> None:
        self.where = where
        self.message = message
        self.missing = missing
        """True when the item could be created (it is only not in the data yet)."""
        super().__init__(message)


def _remake(cls: type[GraphBuilderError], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """Unpickle an error whose constructor takes other arguments than its message."""
    return cls(*args, **kwargs)
