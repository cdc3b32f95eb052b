"""The join: which account, if any, a brand on the site belongs to.

Lookups go from sure to unsure and stop at the first that answers:

1. the normalised name equals an account's name        -> ``name``
2. ... or one of its aliases                            -> ``alias``
3. a domain (link, e-mail) or a parent of it is the
   account's (``blog.globex.com`` -> ``globex.com``)    -> ``domain``
4. fuzzy similarity (rapidfuzz WRatio) above a cutoff,
   higher for names of six letters or fewer             -> ``fuzzy``

Several accounts answering one step, or a runner-up within ``margin`` of
the best fuzzy score, give ``ambiguous`` with the candidates: the brand is
reported, never silently joined to one of them.

Fuzzy matching never compares a brand with every account. A blocking index
maps the first and the last three letters of each name (spaces ignored) to
the names that have them; a brand is compared only with the names sharing
a block, smallest block first, up to ``max_candidates``. One typo leaves
either end intact, so "Initech" still meets "Initek" and "Inittech", and
"PiedPiper" meets "Pied Piper".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from rapidfuzz import fuzz, process

from logocheck.contracts.bulk import paused_gc
from logocheck.contracts.names import Normalizer, default_normalizer, normalize_domain
from logocheck.contracts.names import parent_domains as _parents
from logocheck.contracts.table import AccountTable
from logocheck.model import Account

_Entry = Account | tuple[Account, ...]
_MIN_FUZZY = 4
#: Names this short differ from another company's by one letter ("Globe",
#: "Globex"), so they need a higher score to match fuzzily, unless they are
#: whole words of the account's name ("Stark" of "Stark Industries").
_SHORT = 6


@dataclass(frozen=True, slots=True)
class Lookup:
    """The answer of a lookup: one account, several candidates, or none."""

    account: Account | None
    candidates: tuple[Account, ...]
    method: str
    score: float


NO_MATCH = Lookup(None, (), "none", 0.0)


class AccountIndex:
    """Accounts by normalised name, alias and domain, plus a fuzzy block index."""

    def __init__(
        self,
        accounts: AccountTable | Iterable[Account],
        *,
        names: Normalizer | None = None,
        cutoff: float = 0.88,
        short_cutoff: float = 0.92,
        margin: float = 0.03,
        max_candidates: int = 3000,
    ) -> None:
        table = (
            accounts
            if isinstance(accounts, AccountTable)
            else AccountTable.plain(tuple(accounts), names or default_normalizer())
        )
        self.names = names or table.names
        self.cutoff = cutoff * 100
        self.short_cutoff = short_cutoff * 100
        self.margin = margin * 100
        self.max_candidates = max_candidates
        self.accounts: Sequence[Account] = table.accounts
        self._by_alias: dict[str, _Entry] = {}
        self._blocks: tuple[dict[str, list[int]], dict[str, list[int]]] | None = None
        self._by_name: _Map
        self._by_domain: _Map
        with paused_gc():
            if table.maps is not None and self.names is table.names:
                maps = table.maps()
                self._keys = list(maps.keys)  # the fuzzy pool: names, then aliases
                self._by_name, self._by_domain = maps.by_name, maps.by_domain
            else:
                self._keys = [self.names.name(a.name) for a in self.accounts]
                self._by_name = _name_map(self._keys, self.accounts)
                self._by_domain = _domain_map(self.accounts, self.names)
            self._alias_owners: list[Account] = []
            for position in table.aliased:
                account = self.accounts[position]
                if account.aliases:  # appended to the pool after every name
                    self._add_aliases(self._keys[position], account)

    def _add_aliases(self, key: str, account: Account) -> None:
        for alias in account.aliases:
            alias_key = self.names.name(alias)
            if alias_key and alias_key != key:
                _add(self._by_alias, alias_key, account)
                self._keys.append(alias_key)
                self._alias_owners.append(account)

    def _owner(self, position: int) -> Account:
        """The account of a fuzzy pool entry: names first, then aliases."""
        count = len(self.accounts)
        return self.accounts[position] if position < count else self._alias_owners[position - count]

    def _block_index(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """Names by their first and by their last three letters.

        Built on the first fuzzy lookup (most scans never need it), in one
        pass written for a million names.
        """
        if self._blocks is None:
            heads: defaultdict[str, list[int]] = defaultdict(list)
            tails: defaultdict[str, list[int]] = defaultdict(list)
            with paused_gc():
                compacts = [key.replace(" ", "") for key in self._keys]
                for position, compact in enumerate(compacts):
                    if compact:
                        heads[compact[:3]].append(position)
                        tails[compact[-3:]].append(position)
            self._blocks = dict(heads), dict(tails)
        return self._blocks

    def __len__(self) -> int:
        return len(self.accounts)

    def lookup(self, name: str | None, domains: Sequence[str] = ()) -> Lookup:
        """The account ``name`` (and/or ``domains``) belongs to, and how sure."""
        key = self.names.name(name) if name else ""
        if key:
            entry = self._by_name.get(key)
            if entry is not None:
                # a merged account also answers to the names of its other rows
                own = not isinstance(entry, Account) or self.names.name(entry.name) == key
                return _answer(entry, "name" if own else "alias", 1.0)
            entry = self._by_alias.get(key)
            if entry is not None:
                return _answer(entry, "alias", 1.0)
        found = self._domain_lookup(domains)
        if found is not None:
            return found
        if len(key.replace(" ", "")) >= _MIN_FUZZY:
            return self._fuzzy(key)
        return NO_MATCH

    def _domain_lookup(self, domains: Sequence[str]) -> Lookup | None:
        hits: dict[int, Account] = {}
        for text in domains:
            domain = normalize_domain(text)
            if domain is None or self.names.is_shared(domain):
                continue
            for parent in _parents(domain):
                entry = self._by_domain.get(parent)
                if entry is not None:
                    hits.update((id(a), a) for a in _accounts(entry))
                    break
        if not hits:
            return None
        return _answer(tuple(hits.values()), "domain", 1.0)

    def _fuzzy(self, key: str) -> Lookup:
        pool = self._candidates(key)
        if not pool:
            return NO_MATCH
        choices = {i: self._keys[i] for i in pool}
        scored = process.extract(
            key, choices, scorer=fuzz.WRatio, limit=8, score_cutoff=self.cutoff
        )
        if len(key.replace(" ", "")) <= _SHORT:
            scored = [s for s in scored if s[1] >= self.short_cutoff or _words_of(key, s[0])]
        ranked: dict[int, tuple[float, Account]] = {}
        for _, score, position in scored:
            owner = self._owner(position)
            if id(owner) not in ranked:
                ranked[id(owner)] = (score, owner)
        if not ranked:
            return NO_MATCH
        best_score = max(score for score, _ in ranked.values())
        close = [a for s, a in ranked.values() if best_score - s <= self.margin]
        if len(close) > 1:
            return Lookup(None, tuple(close), "ambiguous", best_score / 100)
        return Lookup(close[0], (close[0],), "fuzzy", best_score / 100)

    def _candidates(self, key: str) -> set[int]:
        """Names sharing a block with ``key``, rarest blocks first, capped."""
        heads, tails = self._block_index()
        compact = key.replace(" ", "")
        found = (heads.get(compact[:3]), tails.get(compact[-3:]))
        blocks = sorted((block for block in found if block is not None), key=len)
        pool: set[int] = set()
        for block in blocks:
            if len(pool) + len(block) > self.max_candidates:
                break
            pool.update(block)
        return pool

    def patterns(self) -> Iterator[tuple[str, Account]]:
        """Every (display name or alias, account), for multi-pattern matchers."""
        for account in self.accounts:
            yield account.name, account
            for alias in account.aliases:
                yield alias, account


def _words_of(key: str, other: str) -> bool:
    """Every word of ``key`` is a word of ``other`` ("stark" in "stark industries")."""
    return set(key.split()) <= set(other.split())


class _Map(Protocol):
    def get(self, key: str, /) -> _Entry | None: ...


def _name_map(keys: Sequence[str], accounts: Sequence[Account]) -> dict[str, _Entry]:
    by_name: dict[str, _Entry] = dict(zip(keys, accounts, strict=True))
    by_name.pop("", None)
    if len(by_name) != len(keys) - keys.count(""):  # names that were not merged
        by_name = {}
        for key, account in zip(keys, accounts, strict=True):
            if key:
                _add(by_name, key, account)
    return by_name


def _domain_map(accounts: Sequence[Account], names: Normalizer) -> dict[str, _Entry]:
    by_domain: dict[str, _Entry] = {}
    for account in accounts:
        for domain in account.domains:
            if not names.is_shared(domain):
                _add(by_domain, domain, account)
    return by_domain


def _add(table: dict[str, _Entry], key: str, account: Account) -> None:
    entry = table.get(key)
    if entry is None:
        table[key] = account
    elif isinstance(entry, Account):
        if entry is not account:
            table[key] = (entry, account)
    elif not any(a is account for a in entry):
        table[key] = (*entry, account)


def _accounts(entry: _Entry) -> tuple[Account, ...]:
    return entry if isinstance(entry, tuple) else (entry,)


def _answer(entry: _Entry | tuple[Account, ...], method: str, score: float) -> Lookup:
    found = _accounts(entry)
    if len(found) == 1:
        return Lookup(found[0], found, method, score)
    return Lookup(None, found, "ambiguous", score)
