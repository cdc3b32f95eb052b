"""The accounts of one load, and what the loader learnt about them.

``AccountTable`` is the loader's answer: the accounts, the name rules the
rows were merged with, the accounts per category, which may have aliases,
and how to get the name keys and the name and domain maps merging already
computed (``NameMaps``, ``RowMap``). ``AccountIndex`` takes the table and
reuses all of it instead of computing it again for a million accounts.

``ColumnTable`` is the sequence of accounts of a columnar load: each
account is built from its row on first access.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, overload

from logocheck.contracts.bulk import paused_gc
from logocheck.contracts.names import Normalizer
from logocheck.model import Account


@dataclass(frozen=True, slots=True)
class NameMaps:
    """What merging computed that an index would otherwise compute again.

    ``keys[i]`` is the normalised name of account ``i``; the maps answer a
    name key or a domain with the account its rows were merged into.
    """

    keys: tuple[str, ...]
    rows: Rows
    by_name: RowMap
    by_domain: RowMap

    @classmethod
    def of(cls, keys: Iterable[str], rows: Rows, accounts: Sequence[Account]) -> NameMaps:
        by_name, by_domain = (
            RowMap(rows.by_name, rows, accounts),
            RowMap(rows.by_domain, rows, accounts),
        )
        return cls(tuple(keys), rows, by_name, by_domain)


@dataclass(frozen=True, slots=True, eq=False)
class AccountTable:
    """The accounts of one load, and what the loader learnt about them on the way.

    ``names`` are the name rules the rows were merged with (the index
    compares brands by the same rules); ``counts`` gives the accounts per
    category; ``aliased`` the positions of the accounts that may have
    aliases (the others have none); ``maps``, when given, builds the name
    keys and maps from what merging knew, on the first index that asks.
    """

    accounts: Sequence[Account]
    names: Normalizer
    counts: Mapping[str, int]
    aliased: Sequence[int]
    maps: Callable[[], NameMaps] | None = None

    @classmethod
    def plain(cls, accounts: Sequence[Account], names: Normalizer) -> AccountTable:
        """A table of ``accounts`` with nothing learnt: the index computes what it needs."""
        aliased = [position for position, account in enumerate(accounts) if account.aliases]
        return cls(accounts, names, count_categories(accounts), aliased)

    def __eq__(self, other: object) -> bool:
        """Equal when the accounts are: the rules and maps are how they were found."""
        if not isinstance(other, AccountTable):
            return NotImplemented
        return dict(self.counts) == dict(other.counts) and tuple(self.accounts) == tuple(
            other.accounts
        )

    def __reduce__(self) -> tuple[type[AccountTable], tuple[object, ...]]:
        """Pickled as plain data: every account built, the maps left to the index."""
        accounts = tuple(self.accounts)
        return AccountTable, (accounts, self.names, dict(self.counts), tuple(self.aliased))


def count_categories(accounts: Iterable[Account]) -> dict[str, int]:
    """Accounts per category, counted one by one."""
    counts: dict[str, int] = {}
    for account in accounts:
        counts[account.category] = counts.get(account.category, 0) + 1
    return counts


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


class ColumnTable(Sequence[Account]):
    """The accounts of a columnar load, each built on first access.

    ``frame`` holds every cell; account ``i`` is the row reader's function
    applied to its row, made once and kept, so the same account is always
    the same object (the index compares accounts by identity). Rows the
    row reader already read and merged accounts are in ``made`` from the
    start. ``counts`` gives the accounts per category without building any;
    the name keys and maps are built when the index first asks.
    """

    counts: dict[str, int]

    def __init__(
        self,
        frame: Any,
        kept: list[int],
        read: Callable[[list[str], int, int], Account | None],
        first_line: int,
        names: Normalizer,
    ) -> None:
        self.frame = frame
        self.kept = kept
        self.read = read
        self.first_line = first_line
        self.names = names
        self.made: dict[int, Account] = {}
        self.parent: list[int] = []
        self.roots: list[int] | None = None
        self._maps: Callable[[Normalizer], tuple[list[str], dict[str, int], dict[str, int]]]
        self._name_maps: NameMaps | None = None

    def finish(
        self,
        maps: Callable[[Normalizer], tuple[list[str], dict[str, int], dict[str, int]]],
        parent: list[int],
        roots: list[int] | None,
        counts: dict[str, int],
    ) -> ColumnTable:
        """Attach what merging knew, and how to build the maps when asked."""
        self._maps, self.parent, self.roots, self.counts = maps, parent, roots, counts
        return self

    def name_maps(self) -> NameMaps:
        """The name keys and maps, built from the columns on the first call."""
        if self._name_maps is None:
            keys, by_name, by_domain = self._maps(self.names)
            rows = Rows(by_name, by_domain, self.parent, self.roots)
            kept = keys if self.roots is None else [keys[r] for r in self.roots]
            self._name_maps = NameMaps.of(kept, rows, self)
        return self._name_maps

    def build(self, row: int) -> Account:
        """Account of kept row ``row``, read from its cells by the row reader's function."""
        account = self.made.get(row)
        if account is None:
            source = self.kept[row]
            line = self.first_line + source
            found = self.read(list(self.frame.row(source)), line, line)
            assert found is not None, "a kept row is an account"
            account = self.made[row] = found
        return account

    def aliased(self) -> list[int]:
        """Positions of the accounts that may have aliases: those made during the load.

        A row built lazily has no aliases: rows with an aliases cell and
        merged accounts are made during the load.
        """
        if self.roots is None:
            return sorted(self.made)
        rows = [row for row in self.made if self.parent[row] == row]
        return sorted(bisect_left(self.roots, row) for row in rows)

    def __len__(self) -> int:
        return len(self.kept) if self.roots is None else len(self.roots)

    @overload
    def __getitem__(self, index: int) -> Account: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Account]: ...
    def __getitem__(self, index: int | slice) -> Account | Sequence[Account]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("account index out of range")
        return self.build(index if self.roots is None else self.roots[index])

    def __iter__(self) -> Iterator[Account]:
        if len(self.made) < len(self.kept):
            self._build_all()
        for index in range(len(self)):
            yield self[index]

    def _build_all(self) -> None:
        """Every account not built yet, in one pass over the frame's rows.

        Walking all accounts (a scan's name patterns, the reference logos)
        needs every one; one ``iter_rows`` pass is far cheaper than a
        million single-row lookups.
        """
        wanted = range(len(self.kept)) if self.roots is None else self.roots
        targets = {self.kept[p]: p for p in wanted if p not in self.made}
        read, first, made = self.read, self.first_line, self.made
        with paused_gc(settle=True):
            for source, values in enumerate(self.frame.iter_rows()):
                position = targets.get(source)
                if position is not None:
                    found = read(list(values), first + source, first + source)
                    assert found is not None, "a kept row is an account"
                    made[position] = found

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence of the same accounts, as the tuple it stands for."""
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type[tuple[Account, ...]], tuple[object, ...]]:
        """Pickled as the plain tuple of its accounts, every one built."""
        return tuple, (tuple(self),)
