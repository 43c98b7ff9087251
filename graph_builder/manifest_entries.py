"""A manifest's source entries: per source file, its source's id and the countries it names.

Held as the JSON rows a manifest of layout 2 read (:class:`SourceEntries`, also a full
build's), or read by key from the rows kept in SQLite (:class:`KeptEntries`); either way an
entry is made when it is looked up, so an incremental build's work follows the few that
changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graph_builder.errors import KeptStateUnreadable
from graph_builder.manifest_rows import KeptRows
from graph_builder.rows import Rows


@dataclass(frozen=True)
class SourceEntry:
    """A source file's entry in a manifest: its source's id and the countries it names."""

    id: str
    countries: tuple[str, ...]


class SourceEntries(Rows[SourceEntry]):
    """The sources' entries of a manifest by file, held as the JSON rows it reads and writes
    (``{"id": …, "countries": […]}``); an entry is made when it is looked up. So an
    incremental build reads, changes and writes the entries of thousands of sources without
    a Python object for each, and the work follows the few that changed."""

    @classmethod
    def of(cls, entries: Mapping[str, SourceEntry]) -> SourceEntries:
        """The entries *entries* (by file)."""
        return cls({key: _row(entry) for key, entry in entries.items()})

    def make(self, row: Any) -> SourceEntry:
        return SourceEntry(row["id"], tuple(row["countries"]))

    def replaced(self, drop: Iterable[str], add: Mapping[str, SourceEntry]) -> SourceEntries:
        """These entries without those of the files *drop*, with those of *add*."""
        rows = dict(self._rows)
        for key in drop:
            rows.pop(key, None)
        rows.update((key, _row(entry)) for key, entry in add.items())
        return SourceEntries(rows)

    def files_by_id(self) -> dict[str, str]:
        """Each source's id, with its file."""
        return {row["id"]: key for key, row in self._rows.items()}

    def countries(self) -> set[str]:
        """The codes of the countries any of the sources names."""
        return set().union(*(row["countries"] for row in self._rows.values()))


def _row(entry: SourceEntry) -> dict[str, Any]:
    return {"id": entry.id, "countries": list(entry.countries)}


def entry_rows(data: Any) -> SourceEntries:
    """The ``sources`` of a manifest's JSON; KeptStateUnreadable when one is not an entry."""
    if not all(
        type(row) is dict
        and type(row.get("id")) is str
        and type(row.get("countries")) is list
        and all(type(code) is str for code in row["countries"])
        for row in data.values()
    ):
        raise KeptStateUnreadable("a source entry is not an id and a list of countries")
    return SourceEntries(data)


class KeptEntries(Mapping[str, SourceEntry]):
    """The sources' entries of a manifest whose rows are kept in SQLite, read by key: the
    kept rows, those of the files *drop* aside, with *add*."""

    def __init__(
        self,
        kept: KeptRows,
        drop: frozenset[str] = frozenset(),
        add: Mapping[str, SourceEntry] | None = None,
    ) -> None:
        self.kept, self.drop, self.add = kept, drop, dict(add or {})

    def __getitem__(self, key: str) -> SourceEntry:
        if key in self.add:
            return self.add[key]
        found = None if key in self.drop else self.kept.entry_of(key)
        if found is None:
            raise KeyError(key)
        return SourceEntry(*found)

    def __iter__(self) -> Iterator[str]:
        keys = set(self.kept.source_keys()) - self.drop - self.add.keys()
        return iter([*keys, *self.add])

    def __len__(self) -> int:
        # Counted in SQLite: the summary asks for it, and listing 25,600 keys took 9 ms.
        return self.kept.source_count(leaving=self.drop | self.add.keys()) + len(self.add)

    def replaced(self, drop: Iterable[str], add: Mapping[str, SourceEntry]) -> KeptEntries:
        """These entries without those of the files *drop*, with those of *add*."""
        dropped = frozenset(drop)
        kept = {key: entry for key, entry in self.add.items() if key not in dropped}
        return KeptEntries(self.kept, self.drop | dropped, {**kept, **add})

    def files_by_id(self) -> Mapping[str, str]:
        """Each source's id, with its file (looked up by id)."""
        return _FilesById(self)

    def countries(self) -> set[str]:
        """The codes of the countries any of the sources names."""
        codes = self.kept.countries(leaving=self.drop | self.add.keys())
        return codes.union(*(entry.countries for entry in self.add.values()))

    def touched(self) -> set[str]:
        """The files whose entries differ from the kept rows'."""
        return set(self.drop | self.add.keys())


class _FilesById(Mapping[str, str]):
    def __init__(self, entries: KeptEntries) -> None:
        self._entries = entries

    def __getitem__(self, source_id: str) -> str:
        entries = self._entries
        for key, entry in entries.add.items():
            if entry.id == source_id:
                return key
        found = entries.kept.file_of_id(source_id)
        if found is None or found in entries.drop or found in entries.add:
            raise KeyError(source_id)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter([self._entries[key].id for key in self._entries])

    def __len__(self) -> int:
        return len(self._entries)
