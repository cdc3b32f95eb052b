"""Checks on claims about how many customers the site has."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from logocheck.checks import Context, Fields, ScanFacts, check
from logocheck.model import Location


@check("count-exceeds-accounts", fields=("count", "noun", "accounts", "text"), scope="scan")
def count_exceeds_accounts(
    facts: ScanFacts,
    context: Context,
    *,
    tolerance: float = 0.0,
    nouns: Sequence[str] = (),
) -> Iterator[tuple[Location, Fields]]:
    """A count of customers larger than the paying accounts, beyond ``tolerance``.

    ``tolerance`` is a fraction (0.1 lets the site round up by 10%). Only
    customer-like nouns are counted (``nouns``, by default the claims
    vocabulary's ``customer_nouns`` with what the user added to it): "2M
    developers" says nothing about paying accounts.
    """
    counted = {n.lower() for n in (nouns or context.customer_nouns)}
    allowed = context.paying_accounts * (1 + tolerance)
    for claim in facts.count_claims:
        if claim.count is None or (claim.noun or "").lower() not in counted:
            continue
        if claim.count > allowed:
            yield (
                claim.location,
                {
                    "count": f"{claim.count:,}",
                    "noun": claim.noun,
                    "accounts": f"{context.paying_accounts:,}",
                    "text": claim.text,
                },
            )
