"""The accounts of one load, remembering how they were merged.

To everything else an ``AccountTable`` is the plain tuple of accounts that
``Contracts.accounts`` promises. ``AccountIndex`` looks for the extra
attributes and reuses what merging already computed instead of doing it
again for a million accounts: the name keys, and the name and domain maps
(``RowMap``). It also compares brands by the same name rules the rows were
merged with, legal suffixes the user added in config included.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from logocheck.contracts.names import Normalizer
from logocheck.model import Account


class AccountTable(tuple[Account, ...]):
    """Accounts plus ``keys[i]``, the normalised name of ``self[i]``."""

    keys: tuple[str, ...]
    names: Normalizer
    rows: Rows | None
    by_name: RowMap | None
    by_domain: RowMap | None

    def __new__(
        cls,
        accounts: Iterable[Account],
        keys: Iterable[str],
        names: Normalizer,
        rows: Rows | None = None,
    ) -> AccountTable:
        table = super().__new__(cls, accounts)
        table.keys = tuple(keys)
        table.names = names
        if len(table.keys) != len(table):
            raise ValueError("one key per account")
        table.rows = rows
        table.by_name = table.by_domain = None
        if rows is not None:
            table.by_name = RowMap(rows.by_name, rows, table)
            table.by_domain = RowMap(rows.by_domain, rows, table)
        return table

    def __reduce__(self) -> tuple[type[AccountTable], tuple[object, ...]]:
        return AccountTable, (tuple(self), self.keys, self.names, self.rows)


@dataclass(frozen=True, slots=True)
class Rows:
    """What merging knew: names and domains by row, and each row's group.

    ``root[row]`` is the first row of the row's group; ``roots`` lists the
    groups' first rows in order (None when no rows merged, so row and
    account positions are the same).
    """

    by_name: dict[str, int]
    by_domain: dict[str, int]
    root: Sequence[int]
    roots: Sequence[int] | None


class RowMap:
    """A name or domain map from merging, answering with accounts."""

    __slots__ = ("_rows", "_table", "_to_row")

    def __init__(self, to_row: dict[str, int], rows: Rows, table: Sequence[Account]) -> None:
        self._to_row = to_row
        self._rows = rows
        self._table = table

    def get(self, key: str) -> Account | None:
        row = self._to_row.get(key)
        if row is None:
            return None
        root = self._rows.root[row]
        roots = self._rows.roots
        return self._table[root if roots is None else bisect_left(roots, root)]
