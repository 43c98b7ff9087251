"""Where a dataset comes from: a build's store when it is up to date with the data, else
the data built apart; and a query over it, bounded in time and memory.

The command line, the server, notebooks and benchmarks resolve their inputs the same way::

    from graph_builder.inputs import DatasetInputs
    from graph_builder.sparql.named import QueryJob
    inputs = DatasetInputs(build_dir=Path("build"))
    store = inputs.open()                  # build/store when current, else built in memory
    csv = inputs.query(QueryJob("SELECT ...", format="csv"), timeout=10)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from graph_builder.manifest import STORE_DIR, current_store, open_build, read_manifest

if TYPE_CHECKING:  # the engine loads when a store is opened: commands start fast
    from graph_builder.rdf.store import Answer, GraphStore
    from graph_builder.sparql.named import QueryJob

Stage = Callable[[str], object]
_BUILDING = "loading and building the dataset…"


@dataclass(frozen=True)
class StaleBuild:
    """Why a build's store is not used: built from another *folder* (``data`` or
    ``ontology``: *built_from*, not *wanted*), or (*folder* None) older than the inputs."""

    build_dir: Path
    folder: str | None = None
    built_from: Path | None = None
    wanted: Path | None = None


def _ignore(value: object) -> None:
    return None


@dataclass(frozen=True)
class DatasetInputs:
    """A dataset's inputs: the data and ontology folders (None: the bundled ones), and the
    build folder whose store is used when it was built from them (unless *rebuild*).

    *on_stale* is told why an existing build's store is not used; *on_stage* is told when
    the data are built instead (for progress).
    """

    data_dir: Path | None = None
    ontology_dir: Path | None = None
    build_dir: Path = Path("build")
    rebuild: bool = False
    on_stale: Callable[[StaleBuild], object] = field(default=_ignore, compare=False)
    on_stage: Stage = field(default=_ignore, compare=False)

    def open(self) -> GraphStore:
        """The up-to-date store of :attr:`build_dir` (read-only), else the data built in
        memory."""
        if not self.rebuild:
            store = open_build(
                self.build_dir, data_dir=self.data_dir, ontology_dir=self.ontology_dir
            )
            if store is not None:
                return store
            self._tell_stale()
        from graph_builder.dataset import load_dataset  # rdflib, YAML: only when building

        self.on_stage(_BUILDING)
        return load_dataset(self.data_dir, ontology_dir=self.ontology_dir)

    def current_store(self) -> Path | None:
        """The build's store folder when the build is up to date (not opened), else None."""
        if self.rebuild:
            return None
        path = current_store(self.build_dir, data_dir=self.data_dir, ontology_dir=self.ontology_dir)
        if path is None:
            self._tell_stale()
        return path

    def persisted(self) -> tuple[Path, Callable[[], None]]:
        """A store folder for many readers, and what to call when done with it.

        The build's own store when it is up to date; otherwise the data are built into a
        temporary folder that the returned callable removes.
        """
        path = self.current_store()
        if path is None:
            return self.temporary_store()
        from graph_builder.rdf.store import GraphStore

        GraphStore.open(path)  # a broken store fails here, not in each reader
        return path, lambda: None

    def temporary_store(self) -> tuple[Path, Callable[[], None]]:
        """The data built into a temporary store folder, and what removes it."""
        import shutil
        import tempfile

        from graph_builder.dataset import load_dataset
        from graph_builder.rdf.store import GraphStore

        folder = Path(tempfile.mkdtemp(prefix="graph-builder-"))
        self.on_stage(_BUILDING)
        store = load_dataset(
            self.data_dir, ontology_dir=self.ontology_dir, store=GraphStore.create(folder / "store")
        )
        store.flush()
        del store
        return folder / "store", lambda: shutil.rmtree(folder, ignore_errors=True)

    def query(self, job: QueryJob, *, timeout: float) -> Answer | str:
        """The answer to *job* (as :func:`~graph_builder.sparql.bounded.run_query_bounded`
        gives it) from a child process killed after *timeout* s (0: never).

        The child is forked before this process opens any store, which is cheap. When there
        is a build, the child queries its store at once, while this process checks that the
        build is current (the deadline counts from then); if it is not, that answer is
        dropped with the child, and a new child queries the data built into a temporary store.
        """
        from graph_builder.rdf.store import holds_store
        from graph_builder.sparql.bounded import BoundedProcess, query_answer, send_query
        from graph_builder.sparql.paging import LISTINGS_DIR

        built = None if self.rebuild else self.build_dir / STORE_DIR
        if built is not None and not holds_store(built):
            built = None
        process = BoundedProcess()
        try:
            if built is not None:
                send_query(process, built, job, listings=self.build_dir / LISTINGS_DIR)
                if self.current_store() == built:
                    return query_answer(process, timeout=timeout)
                process.close()
                process = BoundedProcess()  # forked still: no store was opened here
            path, cleanup = self.temporary_store()
            try:
                send_query(process, path, job)
                return query_answer(process, timeout=timeout)
            finally:
                cleanup()
        finally:
            process.close()

    def _tell_stale(self) -> None:
        """Tell :attr:`on_stale` why the build's store is not used (if there is one)."""
        if (self.build_dir / STORE_DIR).exists():
            self.on_stale(self.stale())

    def stale(self) -> StaleBuild:
        """Why the build's store is not used (its inputs do not hash as these): built from
        another folder than these, which still holds what it was built from (named), or
        older than these. A build of another folder that holds the same files is used, and
        one of a folder since moved or copied here and then edited is older than these
        (``build`` brings it up to date: :mod:`graph_builder.manifest_inputs`)."""
        from graph_builder import resources
        from graph_builder.errors import GraphBuilderError

        manifest = read_manifest(self.build_dir)
        if manifest is not None:
            wanted = {
                "data": (self.data_dir or resources.data_dir()).resolve(),
                "ontology": (self.ontology_dir or resources.ontology_dir()).resolve(),
            }
            built_from = {
                "data": manifest.inputs.data.path,
                "ontology": manifest.inputs.ontology.path,
            }
            other = [name for name, path in built_from.items() if Path(path) != wanted[name]]
            if other:
                try:  # the folders it names, hashed: a store for them, or for none now
                    theirs = current_store(self.build_dir)
                except GraphBuilderError:
                    theirs = None
                if theirs is not None:
                    name = other[0]
                    return StaleBuild(self.build_dir, name, Path(built_from[name]), wanted[name])
        return StaleBuild(self.build_dir)
