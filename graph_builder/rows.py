"""Mappings over JSON rows, each value made from its row when it is looked up.

What a build keeps for the next one (the manifest's source entries, the entity registry)
holds thousands of rows, of which an incremental build looks up the few its change names:
these mappings read, change and write the rows as they are, without a Python object for
every one.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Collection, Iterator, Mapping
from typing import Any, TypeVar

V = TypeVar("V")


class Keyed(Mapping[str, V]):
    """A mapping over the keys ``_keys``; a subclass says how a key's value is found."""

    _keys: Collection[str]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._keys


class Rows(Keyed[V]):
    """Rows by key; :meth:`make` turns one into its value on lookup."""

    def __init__(self, rows: Mapping[str, Any]) -> None:
        self._rows = self._keys = dict(rows)

    @abstractmethod
    def make(self, row: Any) -> V:
        """The value of *row*."""

    def __getitem__(self, key: str) -> V:
        return self.make(self._rows[key])
