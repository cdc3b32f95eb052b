"""Checks on one brand presented as a customer, judged by its account."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from logocheck.checks import Context, Fields, check
from logocheck.model import Account, Contract, Reason, Subject

#: Publicity grants that allow showing the brand where a subject appears.
ALLOWED_PUBLICITY = {
    "logo": frozenset({"approved", "approved-with-review"}),
    "claim": frozenset({"approved", "approved-with-review", "case-study-only"}),
}

#: The fields every check on a subject gives its message.
SUBJECT_FIELDS = ("brand", "account", "reason", "subject", "named", "near", "method")


#: How a brand named only weakly was named, for the message.
_NAMED_BY = {
    "filename": "named from its file name only",
    "link": "named from its link only",
    "squashed": "named from its file name only",
    "initials": "named from its file name's initials only",
    "prefix": "named from its file name only",
}


def _fields(subject: Subject, context: Context) -> Fields:
    account = subject.account
    named = _NAMED_BY.get(subject.match.method, "")
    mixed = mixed_section(subject)
    near = next((s.value for s in subject.match.signals if s.source == "near-miss"), "")
    return {
        "named": f", {named}" if named else "",
        "near": f"; did you mean {near}?" if near and account is None else "",
        "brand": subject.brand or "unidentified brand",
        "account": account.name if account else "",
        "reason": account.reason.text(context.contract_details) if account else "",
        "subject": f"{subject.kind}, {mixed}" if mixed else subject.kind,
        "method": subject.match.method,
    }


def mixed_section(subject: Subject) -> str:
    """What a logo's section says when it presents customers and partners together
    (a message field of every check here, and evidence of every finding on it)."""
    signals = getattr(subject.item, "signals", ())
    if any(s.source == "section" for s in signals):
        return "in a section that mixes customers and partners"
    return ""


@check("account-category", fields=SUBJECT_FIELDS)
def account_category(subject: Subject, context: Context, *, category: str) -> Iterator[Fields]:
    """The brand's account is in ``category`` (free, trial, lapsed) on the scan date."""
    if subject.account is not None and subject.account.category == category:
        yield _fields(subject, context)


@check("no-account", fields=SUBJECT_FIELDS)
def no_account(subject: Subject, context: Context) -> Iterator[Fields]:
    """An identified brand with no account at all."""
    if subject.brand and subject.account is None and not subject.candidates:
        yield _fields(subject, context)


@check("ambiguous-account", fields=(*SUBJECT_FIELDS, "candidates"))
def ambiguous_account(subject: Subject, context: Context) -> Iterator[Fields]:
    """The brand matches several accounts and none clearly wins."""
    if subject.account is None and len(subject.candidates) > 1:
        names = sorted(a.name for a in subject.candidates)
        yield {**_fields(subject, context), "candidates": ", ".join(names)}


@check("unidentified-logo", fields=(*SUBJECT_FIELDS, "tried", "fix"))
def unidentified_logo(subject: Subject, context: Context) -> Iterator[Fields]:
    """A logo in a customer section whose brand could not be named.

    A picture cut into several logos is not one: each region is a subject
    of its own (``region-*`` signals), reported by itself.
    """
    regions = any(s.source.startswith("region-") for s in subject.match.signals)
    if subject.kind == "logo" and subject.brand is None and not regions:
        tried = ", ".join(subject.match.tried) or "nothing to go on"
        yield {**_fields(subject, context), "tried": tried, "fix": _how_to_label(subject)}


def _how_to_label(subject: Subject) -> str:
    """The command that names this logo once, or the markup fix when no image was read."""
    key = subject.match.image_key
    if key:
        short = key.removeprefix("sha256:")[:12]
        return f"name it once with: logocheck logos <site> --label {short}=<brand>"
    return "give it an alt text naming the brand, or label its image with logocheck logos --label"


@check("publicity", fields=(*SUBJECT_FIELDS, "publicity"))
def publicity(subject: Subject, context: Context) -> Iterator[Fields]:
    """A paying account whose contract does not let us show it here today."""
    account = subject.account
    if account is None or account.category != "paid" or not context.has_publicity:
        return
    grant = account.publicity or "none"
    expires = account.publicity_expires
    if expires is not None and expires < context.as_of:
        expired = Reason("publicity rights expired", f"publicity rights expired {expires}")
        yield {**_fields(subject, context), "publicity": expired.text(context.contract_details)}
    elif grant not in ALLOWED_PUBLICITY[subject.kind]:
        yield {**_fields(subject, context), "publicity": _describe(grant, subject.kind)}


def _describe(grant: str, kind: str) -> str:
    if grant == "case-study-only":
        return f"publicity is granted for case studies only, not as a {kind}"
    if grant == "revoked":
        return "publicity rights were revoked"
    return "the contract grants no publicity rights"


@check("lapsing-soon", fields=(*SUBJECT_FIELDS, "ending", "date", "days"))
def lapsing_soon(
    subject: Subject, context: Context, *, days: int | None = None
) -> Iterator[Fields]:
    """A paying account whose contract or publicity grant ends within ``days``.

    ``days`` defaults to the config's ``lapse-warning-days``, so a scheduled
    scan warns before the day the logo turns into a violation.
    """
    account = subject.account
    if account is None or account.category != "paid" or not _may_show(subject, context):
        return  # already a violation today: another rule reports it
    window = context.lapse_warning_days if days is None else days
    for ending, day in _endings(account, context.as_of):
        left = (day - context.as_of).days
        if 0 <= left <= window:
            yield {
                **_fields(subject, context),
                "ending": ending,
                "date": day.isoformat(),
                "days": left,
            }
            return


def _may_show(subject: Subject, context: Context) -> bool:
    account = subject.account
    if account is None or not context.has_publicity:
        return account is not None
    expires = account.publicity_expires
    if expires is not None and expires < context.as_of:
        return False
    return (account.publicity or "none") in ALLOWED_PUBLICITY[subject.kind]


def _endings(account: Account, as_of: date) -> Iterator[tuple[str, date]]:
    """The dates on which showing the account stops being allowed, soonest first."""
    found = []
    contract_end = paid_until(account.contracts, as_of)
    if contract_end is not None:
        found.append(("the contract ends", contract_end))
    expires = account.publicity_expires
    if expires is not None and expires >= as_of:
        found.append(("publicity rights end", expires))
    yield from sorted(found, key=lambda pair: pair[1])


def paid_until(contracts: Sequence[Contract], as_of: date) -> date | None:
    """The last day the account's paying contracts cover without a gap, from ``as_of``.

    A renewal that starts by the day after the current end extends it; a
    paying contract with no end date means no end in sight (None). Rows
    with zero revenue never make an account paying, so they never extend it.
    """
    paying = sorted(
        (c for c in contracts if c.revenue is None or c.revenue > 0),
        key=lambda c: c.start or date.min,
    )
    until: date | None = None
    for contract in paying:
        begins = contract.start or date.min
        reach = as_of if until is None else until + timedelta(days=1)
        if begins > reach or (contract.end is not None and contract.end < as_of):
            continue
        if contract.end is None:
            return None
        until = max(until or contract.end, contract.end)
    return until
