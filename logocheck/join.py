"""join: attach to each identified brand the account it belongs to.

The index decides (exact name, alias, domain, then fuzzy); join only adds
the domains the page itself offers (a logo's link, a testimonial's e-mail)
and remembers answers, since the same brand repeats on many pages.

A scan has one ``Joiner`` over one ``AccountIndex``, and every question
about accounts goes through it: identification asks it whether a name is
an account's (``lookup``) while it decides a brand, and the answer it got
is the one the join gives, from the same memo. ``logocheck contracts
--match`` asks it too (``named``), so it shows exactly what a scan joins.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Literal

from logocheck.contracts import AccountIndex, Lookup, Normalizer, normalize_domain
from logocheck.model import Account, Claim, Logo, Match, Subject

#: Distinct (name, domains) questions remembered; a site names far fewer brands.
MEMO = 65536


class Joiner:
    def __init__(self, index: AccountIndex) -> None:
        self.index = index
        self._lookup = lru_cache(maxsize=MEMO)(index.lookup)

    # --- what identification asks -------------------------------------------

    def lookup(self, name: str | None, domains: Sequence[str] = ()) -> Lookup:
        """The account ``name`` (and/or ``domains``) belongs to, asked once per scan."""
        return self._lookup(name, tuple(domains))

    def patterns(self) -> Iterator[tuple[str, Account]]:
        """Every (display name or alias, account), for multi-pattern matchers."""
        return self.index.patterns()

    @property
    def accounts(self) -> Sequence[Account]:
        return self.index.accounts

    @property
    def names(self) -> Normalizer:
        return self.index.names

    def named(self, text: str) -> Lookup:
        """How a brand name, a domain or an e-mail address joins."""
        domain = ("." in text or "@" in text) and normalize_domain(text)
        return self.lookup(None, (text,)) if domain else self.lookup(text)

    # --- subjects -------------------------------------------------------------

    def logo(self, logo: Logo, match: Match) -> Subject:
        """A logo joins by its brand, and by the domain its link leads to.

        Extraction records a ``link-domain`` signal only for links off the
        site, so the site's own host never joins an account.
        """
        domains = [s.value for s in logo.signals if s.source == "link-domain"]
        return self._subject("logo", logo, match, domains)

    def claim(self, claim: Claim, match: Match) -> Subject:
        return self._subject("claim", claim, match, claim.domains)

    def _subject(
        self,
        kind: Literal["logo", "claim"],
        item: Logo | Claim,
        match: Match,
        domains: Sequence[str],
    ) -> Subject:
        keys = tuple(sorted({d.lower() for d in domains}))
        if match.brand is None and not keys:
            return Subject(kind, item.location, match, None, item, ())
        found = self.lookup(match.brand, keys)
        candidates = found.candidates if found.account is None else ()
        return Subject(kind, item.location, match, found.account, item, candidates)
