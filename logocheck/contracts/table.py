"""The accounts of one load, remembering the name keys they were merged by.

To everything else an ``AccountTable`` is the plain tuple of accounts that
``Contracts.accounts`` promises. ``AccountIndex`` looks for the extra
attributes: it reuses the name keys instead of normalising a million names
a second time, and it compares brands by the same name rules the rows
were merged with (legal suffixes the user added in config included).
"""

from __future__ import annotations

from collections.abc import Iterable

from logocheck.contracts.names import Normalizer
from logocheck.model import Account


class AccountTable(tuple[Account, ...]):
    """Accounts plus ``keys[i]``, the normalised name of ``self[i]``."""

    keys: tuple[str, ...]
    names: Normalizer

    def __new__(
        cls, accounts: Iterable[Account], keys: Iterable[str], names: Normalizer
    ) -> AccountTable:
        table = super().__new__(cls, accounts)
        table.keys = tuple(keys)
        table.names = names
        if len(table.keys) != len(table):
            raise ValueError("one key per account")
        return table
