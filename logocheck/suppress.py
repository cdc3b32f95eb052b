"""Suppressions: reviewed exceptions, each with the reason it was accepted.

A compliance reviewer who has checked a finding records it in config::

    [[tool.logocheck.suppress]]
    code = "LC004"                   # a code or a prefix
    brand = "Monarch Solutions"      # optional: only this brand
    url = "/customers/*"             # optional: glob on the page URL
    reason = "Logo use approved by legal, ticket LEGAL-42"
    expires = 2027-03-31             # optional: publicity approvals are granted for a time

or in the page itself, next to what it excuses::

    <div data-logocheck-ignore="LC004 -- approved by legal, LEG-412"> ...
    <!-- logocheck-ignore LC004 -- approved by legal, LEG-412 -->

A config suppression without a reason is refused when config loads; one in
a page does not apply and is reported (LC910), since the page author may
not run logocheck. One that waived nothing is reported (LC911) so stale
ones get removed, and an expired one stops applying and says so (LC912).
Suppressed findings leave the report's findings but stay countable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fnmatch import fnmatchcase
from typing import Any, TypeVar

from logocheck.config import Settings
from logocheck.model import Finding, InlineSuppression, Location, Problem

R = TypeVar("R", bound="Suppression | InlineSuppression")

#: Problem kinds, each judged by its rule (LC910, LC911, LC912).
NO_REASON = "suppression-reason"
UNUSED = "suppression-unused"
EXPIRED = "suppression-expired"


@dataclass(frozen=True, slots=True)
class Suppression:
    code: str
    reason: str
    brand: str | None = None
    url: str | None = None
    expires: date | None = None
    location: Location = field(default_factory=lambda: Location("config"))

    def covers(self, finding: Finding) -> bool:
        if not finding.code.startswith(self.code):
            return False
        if self.brand is not None and (finding.brand or "").casefold() != self.brand.casefold():
            return False
        return self.url is None or fnmatchcase(finding.location.url, self.url)

    def describe(self) -> str:
        scope = "".join(f" {k}={v!r}" for k, v in (("brand", self.brand), ("url", self.url)) if v)
        return f"{self.code}{scope} -- {self.reason}"


@dataclass(frozen=True, slots=True)
class Waivers:
    """What suppressions did to a scan's findings."""

    kept: list[Finding]
    waived: list[tuple[Finding, str]]
    problems: list[Problem]


def config_suppressions(settings: Settings) -> tuple[Suppression, ...]:
    """The ``suppress`` entries of checked settings, each with its place in the file."""
    return tuple(
        _suppression(entry, settings, f"suppress[{i}]")
        for i, entry in enumerate(settings.data.get("suppress", ()))
    )


def _suppression(entry: Mapping[str, Any], settings: Settings, key: str) -> Suppression:
    code, reason = str(entry.get("code") or ""), str(entry.get("reason") or "")
    if not code.strip():
        settings.fail(key, "code is required")
    if not reason.strip():
        settings.fail(key, "a suppression needs a reason")
    source, line = settings.where(key)
    expires = entry.get("expires")
    return Suppression(
        code=code.strip().upper(),
        reason=reason.strip(),
        brand=entry.get("brand"),
        url=entry.get("url"),
        expires=date.fromisoformat(expires) if isinstance(expires, str) else expires,
        location=Location(url=source, file=source, line=line),
    )


def apply(
    findings: Sequence[Finding],
    suppressions: Sequence[Suppression],
    inline: Sequence[InlineSuppression],
    as_of: date,
    codes: Iterable[str] = (),
) -> Waivers:
    """Waive what the suppressions cover; report the ones that are wrong or idle.

    ``codes`` are the selected rules': a suppression for a rule that did
    not run is not called unused.
    """
    active = [s for s in suppressions if s.expires is None or s.expires >= as_of]
    reasoned = [s for s in inline if s.reason and s.codes]
    keys = _keys(suppressions, inline)
    used: set[Hashable] = set()
    kept: list[Finding] = []
    waived: list[tuple[Finding, str]] = []
    for finding in findings:
        rule = _waiver(finding, active, reasoned)
        if rule is None:
            kept.append(finding)
        else:
            used.add(keys[id(rule)])
            waived.append((finding, rule.reason))
    problems = [
        *_expired(suppressions, as_of),
        *_unreasoned(_distinct(inline, keys)),
        *_unused(_distinct([*active, *reasoned], keys), keys, used, tuple(codes)),
    ]
    return Waivers(kept, waived, problems)


def _waiver(
    finding: Finding, suppressions: Sequence[Suppression], inline: Sequence[InlineSuppression]
) -> Suppression | InlineSuppression | None:
    """The suppression that waives ``finding``, if any; one in the page first."""
    for rule in inline:
        if covers(rule, finding):
            return rule
    return next((s for s in suppressions if s.covers(finding)), None)


def _keys(
    suppressions: Sequence[Suppression], inline: Sequence[InlineSuppression]
) -> dict[int, Hashable]:
    """What makes suppressions the same one, by ``id``.

    The n-th directive of a text on elements of one CSS path is the same
    directive on every page: a site-wide footer's is one suppression,
    however many pages show it, while two cards of one page stay two.
    """
    keys: dict[int, Hashable] = {id(rule): ("config", i) for i, rule in enumerate(suppressions)}
    seen: Counter[tuple[str, str, str]] = Counter()
    for rule in inline:
        place = (rule.location.url, rule.text, rule.location.selector)
        keys[id(rule)] = (rule.text, rule.location.selector, seen[place])
        seen[place] += 1
    return keys


def covers(rule: InlineSuppression, finding: Finding) -> bool:
    """Whether a suppression in a page covers ``finding`` (same page, an element under it)."""
    place = finding.location
    if place.url != rule.location.url or (place.line, place.column) not in rule.covers:
        return False
    return any(finding.code.startswith(code) for code in rule.codes)


def _distinct(rules: Iterable[R], keys: Mapping[int, Hashable]) -> list[R]:
    """Each suppression once, at the first place it was seen."""
    seen: set[Hashable] = set()
    distinct = []
    for rule in rules:
        if keys[id(rule)] not in seen:
            seen.add(keys[id(rule)])
            distinct.append(rule)
    return distinct


def _expired(suppressions: Sequence[Suppression], as_of: date) -> Iterator[Problem]:
    for rule in suppressions:
        if rule.expires is not None and rule.expires < as_of:
            detail = f"{rule.describe()} (expired {rule.expires.isoformat()})"
            yield Problem(EXPIRED, detail, rule.location)


def _unreasoned(inline: Sequence[InlineSuppression]) -> Iterator[Problem]:
    for rule in inline:
        if not rule.codes:
            yield Problem(NO_REASON, f"{rule.text!r} names no rule code", rule.location)
        elif not rule.reason:
            yield Problem(NO_REASON, f"{rule.text!r} gives no reason after ' -- '", rule.location)


def _unused(
    rules: Sequence[Suppression | InlineSuppression],
    keys: Mapping[int, Hashable],
    used: set[Hashable],
    codes: tuple[str, ...],
) -> Iterator[Problem]:
    for rule in rules:
        if keys[id(rule)] in used:
            continue
        prefixes = rule.codes if isinstance(rule, InlineSuppression) else (rule.code,)
        if codes and not any(c.startswith(p) for p in prefixes for c in codes):
            continue
        text = rule.text if isinstance(rule, InlineSuppression) else rule.describe()
        yield Problem(UNUSED, f"{text!r} matched no finding", rule.location)
