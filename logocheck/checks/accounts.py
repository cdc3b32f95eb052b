"""Checks on one brand presented as a customer, judged by its account."""

from __future__ import annotations

from collections.abc import Iterator

from logocheck.checks import Context, Fields, check
from logocheck.model import Subject

#: Publicity grants that allow showing the brand where a subject appears.
ALLOWED_PUBLICITY = {
    "logo": frozenset({"approved", "approved-with-review"}),
    "claim": frozenset({"approved", "approved-with-review", "case-study-only"}),
}


#: How a brand named only weakly was named, for the message.
_NAMED_BY = {
    "filename": "named from its file name only",
    "link": "named from its link only",
    "squashed": "named from its file name only",
    "initials": "named from its file name's initials only",
    "prefix": "named from its file name only",
}


def _fields(subject: Subject) -> Fields:
    account = subject.account
    named = _NAMED_BY.get(subject.match.method, "")
    mixed = _mixed(subject)
    near = next((s.value for s in subject.match.signals if s.source == "near-miss"), "")
    return {
        "named": f", {named}" if named else "",
        "near": f"; did you mean {near}?" if near and account is None else "",
        "brand": subject.brand or "unidentified brand",
        "account": account.name if account else "",
        "reason": account.reason if account else "",
        "subject": f"{subject.kind}, {mixed}" if mixed else subject.kind,
        "method": subject.match.method,
        "evidence": {"section": mixed} if mixed else {},
    }


def _mixed(subject: Subject) -> str:
    """What a logo's section says when it presents customers and partners together."""
    signals = getattr(subject.item, "signals", ())
    if any(s.source == "section" for s in signals):
        return "in a section that mixes customers and partners"
    return ""


@check("account-category")
def account_category(subject: Subject, context: Context, *, category: str) -> Iterator[Fields]:
    """The brand's account is in ``category`` (free, trial, lapsed) on the scan date."""
    if subject.account is not None and subject.account.category == category:
        yield _fields(subject)


@check("no-account")
def no_account(subject: Subject, context: Context) -> Iterator[Fields]:
    """An identified brand with no account at all."""
    if subject.brand and subject.account is None and not subject.candidates:
        yield _fields(subject)


@check("ambiguous-account")
def ambiguous_account(subject: Subject, context: Context) -> Iterator[Fields]:
    """The brand matches several accounts and none clearly wins."""
    if subject.account is None and len(subject.candidates) > 1:
        names = sorted(a.name for a in subject.candidates)
        yield {**_fields(subject), "candidates": ", ".join(names)}


@check("unidentified-logo")
def unidentified_logo(subject: Subject, context: Context) -> Iterator[Fields]:
    """A logo in a customer section whose brand could not be named."""
    if subject.kind == "logo" and subject.brand is None:
        tried = ", ".join(subject.match.tried) or "nothing to go on"
        yield {**_fields(subject), "tried": tried, "fix": _how_to_label(subject)}


def _how_to_label(subject: Subject) -> str:
    """The command that names this logo once, or the markup fix when no image was read."""
    key = next((s.value for s in subject.match.signals if s.source == "image-hash"), "")
    if key:
        short = key.removeprefix("sha256:")[:12]
        return f"name it once with: logocheck logos <site> --label {short}=<brand>"
    return "give it an alt text naming the brand, or label its image with logocheck logos --label"


@check("publicity")
def publicity(subject: Subject, context: Context) -> Iterator[Fields]:
    """A paying account whose contract does not let us show it here today."""
    account = subject.account
    if account is None or account.category != "paid" or not context.has_publicity:
        return
    grant = account.publicity or "none"
    expires = account.publicity_expires
    if expires is not None and expires < context.as_of:
        yield {**_fields(subject), "publicity": f"publicity rights expired {expires.isoformat()}"}
    elif grant not in ALLOWED_PUBLICITY[subject.kind]:
        yield {**_fields(subject), "publicity": _describe(grant, subject.kind)}


def _describe(grant: str, kind: str) -> str:
    if grant == "case-study-only":
        return f"publicity is granted for case studies only, not as a {kind}"
    if grant == "revoked":
        return "publicity rights were revoked"
    return "the contract grants no publicity rights"
