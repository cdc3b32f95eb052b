"""Rows to accounts: one company, however many rows the CRM gave it.

A paid contract and an old free signup, or two subsidiaries sharing a
domain, are one company to the site's visitors. Rows are joined when
their normalised names are equal or they share a domain (mail and hosting
domains such as gmail.com excepted), transitively, with a union-find over
row numbers so a million single-row accounts cost one pass.

The merged account keeps every contract. Its category is the best current
one (paid > trial > free > lapsed), its name the winning row's, and the
other names become aliases. Publicity comes from the winning contract,
except that a revocation on any row wins, and an approval past its expiry
date counts as ``none`` (the expiry date is kept so a finding can say so).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from logocheck.contracts.classify import Classifier, Verdict, best, merit
from logocheck.contracts.names import Normalizer
from logocheck.contracts.reader import Row
from logocheck.model import Account, Contract, Publicity

_APPROVALS = frozenset({"approved", "approved-with-review", "case-study-only"})


class _Groups:
    """Union-find over row numbers; the root is always the group's first row."""

    def __init__(self) -> None:
        self.parent: list[int] = []

    def add(self) -> int:
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, item: int) -> int:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def merge_rows(rows: Iterable[Row], classifier: Classifier, names: Normalizer) -> list[Account]:
    """Every account, in the order of its first row, classified."""
    kept: list[Row] = []
    groups = _Groups()
    by_name: dict[str, int] = {}
    by_domain: dict[str, int] = {}
    for row in rows:
        index = groups.add()
        kept.append(row)
        first = by_name.setdefault(names.name(row.name) or row.name.casefold(), index)
        if first != index:
            groups.union(first, index)
        for domain in row.domains:
            if not names.is_shared(domain):
                first = by_domain.setdefault(domain, index)
                if first != index:
                    groups.union(first, index)
    del by_name, by_domain
    return list(_accounts(kept, groups, classifier))


def _accounts(rows: list[Row], groups: _Groups, classifier: Classifier) -> Iterable[Account]:
    members: dict[int, list[int]] = {}
    for index in range(len(rows)):
        root = groups.find(index)
        if root != index:
            members.setdefault(root, [root]).append(index)
    for index, row in enumerate(rows):
        if groups.parent[index] != index:
            continue
        group = members.get(index)
        if group is None:
            yield _single(row, classifier)
        else:
            yield _merged([rows[i] for i in group], classifier)


def _single(row: Row, classifier: Classifier) -> Account:
    contract = row.contract
    category, reason = classifier.classify(contract)
    publicity = _effective(contract.publicity, contract.publicity_expires, classifier.as_of)
    return Account(
        name=row.name,
        category=category,
        reason=reason,
        domains=row.domains,
        aliases=row.aliases,
        publicity=publicity,
        publicity_expires=contract.publicity_expires,
        logo=row.logo,
        line=row.line,
        contracts=(contract,),
    )


def _merged(rows: Sequence[Row], classifier: Classifier) -> Account:
    verdicts: list[tuple[Verdict, Contract]] = [
        (classifier.classify(r.contract), r.contract) for r in rows
    ]
    (category, reason), winner = best(verdicts)
    lead = next(r for r in rows if r.contract is winner)
    source = _publicity_source(winner, [c for _, c in sorted(verdicts, key=merit, reverse=True)])
    return Account(
        name=lead.name,
        category=category,
        reason=f"{reason} (best of {len(rows)} rows)",
        domains=_unique(d for r in rows for d in r.domains),
        aliases=_unique(
            [r.name for r in rows if r.name != lead.name] + [a for r in rows for a in r.aliases]
        ),
        publicity=_effective(source.publicity, source.publicity_expires, classifier.as_of),
        publicity_expires=source.publicity_expires,
        logo=lead.logo or next((r.logo for r in rows if r.logo), None),
        line=rows[0].line,
        contracts=tuple(r.contract for r in rows),
    )


def _publicity_source(winner: Contract, ranked: list[Contract]) -> Contract:
    """The contract whose publicity counts: a revocation, the winner's, or the next stated."""
    revoked = next((c for c in ranked if c.publicity == "revoked"), None)
    if revoked is not None:
        return revoked
    if winner.publicity is not None:
        return winner
    return next((c for c in ranked if c.publicity is not None), winner)


def _effective(value: Publicity | None, expires: date | None, as_of: date) -> Publicity | None:
    if value in _APPROVALS and expires is not None and expires < as_of:
        return "none"
    return value


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
