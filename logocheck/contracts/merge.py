"""Rows to accounts: one company, however many rows the CRM gave it.

A paid contract and an old free signup, or two subsidiaries sharing a
domain, are one company to the site's visitors. Rows are joined when
their normalised names are equal or they share a domain (mail and hosting
domains such as gmail.com excepted), transitively, with a union-find over
row numbers so a million single-row accounts cost one pass.

The merged account keeps every contract. Its category is the best current
one (paid > trial > free > lapsed), its name the winning row's, and the
other names become aliases. Publicity comes from the winning contract
(or, when it states none, the best other current one), except that a
revocation on any row wins; an approval past its expiry date counts as
``none`` (the expiry date is kept so a finding can say so).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from logocheck.contracts.cells import effective_publicity
from logocheck.contracts.classify import Classifier, Verdict, best, merit
from logocheck.contracts.names import Normalizer, parent_domains
from logocheck.contracts.table import AccountTable, NameMaps, Rows, count_categories
from logocheck.model import Account, Contract, Reason


def merge_rows(rows: Iterable[Account], classifier: Classifier, names: Normalizer) -> AccountTable:
    """Every account, in the order of its first row, classified."""
    kept: list[Account] = []
    keys: list[str] = []
    parent: list[int] = []
    by_name: dict[str, int] = {}
    by_domain: dict[str, int] = {}
    normalize, shared, is_shared = names.name, names.shared_domains, names.is_shared
    # Bound methods in locals: this loop runs once per row of the export.
    keep, remember, link = kept.append, keys.append, parent.append
    name_group, domain_group = by_name.setdefault, by_domain.setdefault
    for index, row in enumerate(rows):
        keep(row)
        link(index)
        key = normalize(row.name)
        remember(key)
        first = name_group(key or row.name.casefold(), index)
        if first != index:
            _union(parent, first, index)
        for domain in row.domains:
            if domain in shared or (domain.count(".") > 1 and is_shared(domain)):
                continue
            first = domain_group(domain, index)
            if first != index:
                _union(parent, first, index)
    _join_subdomains(by_domain, parent)
    return _accounts(kept, keys, parent, (by_name, by_domain), classifier, names)


def _join_subdomains(by_domain: dict[str, int], parent: list[int]) -> None:
    """``shop.duff.example`` joins the row that lists ``duff.example`` itself.

    Only parents some row lists count, so ``a.co.uk`` and ``b.co.uk`` never
    meet at ``co.uk``.
    """
    for domain, index in by_domain.items():
        if domain.count(".") > 1:
            for above in list(parent_domains(domain))[1:]:
                if above in by_domain:
                    _union(parent, by_domain[above], index)
                    break


def _find(parent: list[int], item: int) -> int:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def _union(parent: list[int], a: int, b: int) -> None:
    """Join two groups; the root stays the group's first row."""
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


def _accounts(
    rows: list[Account],
    keys: list[str],
    parent: list[int],
    maps: tuple[dict[str, int], dict[str, int]],
    classifier: Classifier,
    names: Normalizer,
) -> AccountTable:
    members: dict[int, list[int]] = {}
    for index, up in enumerate(parent):
        if up != index:
            root = parent[index] = _find(parent, index)
            members.setdefault(root, []).append(index)
    if not members:
        return _table(rows, keys, Rows(*maps, parent, None), names)
    for root, group in members.items():
        merged = _merged([rows[root], *(rows[i] for i in group)], classifier)
        rows[root], keys[root] = merged, names.name(merged.name)
    roots = [index for index, up in enumerate(parent) if up == index]
    accounts = [rows[i] for i in roots]
    return _table(accounts, [keys[i] for i in roots], Rows(*maps, parent, roots), names)


def _table(accounts: list[Account], keys: list[str], rows: Rows, names: Normalizer) -> AccountTable:
    """The accounts, with the keys and maps merging built handed on to the index."""
    known = NameMaps.of(keys, rows, accounts)
    aliased = [position for position, account in enumerate(accounts) if account.aliases]
    return AccountTable(tuple(accounts), names, count_categories(accounts), aliased, lambda: known)


def _merged(rows: Sequence[Account], classifier: Classifier) -> Account:
    verdicts: list[tuple[Verdict, Contract]] = [
        (classifier.classify(c), c) for r in rows for c in r.contracts
    ]
    (category, reason), winner = best(verdicts)
    lead = next(r for r in rows if any(c is winner for c in r.contracts))
    current = [c for v, c in sorted(verdicts, key=merit, reverse=True) if v[0] != "lapsed"]
    source = _publicity_source(winner, [c for _, c in verdicts], current)
    return Account(
        name=lead.name,
        category=category,
        reason=Reason(reason.summary, f"{reason.details}; best of {len(verdicts)} rows"),
        domains=_unique(d for r in rows for d in r.domains),
        aliases=_unique(
            [r.name for r in rows if r.name != lead.name] + [a for r in rows for a in r.aliases]
        ),
        publicity=effective_publicity(source, classifier.as_of),
        publicity_expires=source.publicity_expires,
        logo=lead.logo or next((r.logo for r in rows if r.logo), None),
        line=rows[0].line,
        contracts=tuple(sorted((c for _, c in verdicts), key=lambda c: c.line)),
    )


def _publicity_source(winner: Contract, every: list[Contract], current: list[Contract]) -> Contract:
    """The contract whose publicity counts.

    A revocation on any row, else the winner's grant, else the grant of the
    best other current row: a grant under an ended contract does not carry.
    """
    revoked = next((c for c in every if c.publicity == "revoked"), None)
    if revoked is not None:
        return revoked
    if winner.publicity is not None:
        return winner
    return next((c for c in current if c.publicity is not None), winner)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
