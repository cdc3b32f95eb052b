"""join: attach to each identified brand the account it belongs to.

The index decides (exact name, alias, domain, then fuzzy); join only adds
the domains the page itself offers (a logo's link, a testimonial's e-mail)
and remembers answers, since the same brand repeats on many pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from logocheck.contracts import AccountIndex
from logocheck.model import Account, Claim, Logo, Match, Subject


class Joiner:
    def __init__(self, index: AccountIndex) -> None:
        self.index = index
        self._lookup = lru_cache(maxsize=65536)(self._lookup_uncached)

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
        account, candidates = self._lookup(match.brand, tuple(sorted({d.lower() for d in domains})))
        return Subject(kind, item.location, match, account, item, candidates)

    def _lookup_uncached(
        self, brand: str | None, domains: tuple[str, ...]
    ) -> tuple[Account | None, tuple[Account, ...]]:
        if brand is None and not domains:
            return None, ()
        found = self.index.lookup(brand, domains)
        candidates = tuple(found.candidates) if found.account is None else ()
        return found.account, candidates
