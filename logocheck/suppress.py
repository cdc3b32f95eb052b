"""Suppressions: reviewed exceptions, each with the reason it was accepted.

A compliance reviewer who has checked a finding (legal approved the logo
by e-mail, the contracts export is late) records it in config::

    [[tool.logocheck.suppress]]
    code = "LC004"                   # a code or a prefix
    brand = "Monarch Solutions"      # optional: only this brand
    url = "/customers/*"             # optional: glob on the page URL
    reason = "Logo use approved by legal, ticket LEGAL-42"

A suppression without a reason is refused: the point is the audit trail.
Suppressed findings leave the report's findings but stay countable, so a
report always says how much was waived.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from logocheck.errors import ConfigError
from logocheck.model import Finding

KEYS = frozenset({"code", "brand", "url", "reason"})


@dataclass(frozen=True, slots=True)
class Suppression:
    code: str
    reason: str
    brand: str | None = None
    url: str | None = None

    def covers(self, finding: Finding) -> bool:
        if not finding.code.startswith(self.code):
            return False
        if self.brand is not None and (finding.brand or "").casefold() != self.brand.casefold():
            return False
        return self.url is None or fnmatchcase(finding.location.url, self.url)


def load_suppressions(entries: Iterable[Mapping[str, Any]], source: str) -> tuple[Suppression, ...]:
    return tuple(_suppression(entry, f"{source}: suppress[{i}]") for i, entry in enumerate(entries))


def _suppression(entry: Mapping[str, Any], where: str) -> Suppression:
    unknown = sorted(set(entry) - KEYS)
    if unknown:
        raise ConfigError(where, f"unknown key {unknown[0]!r}")
    values: dict[str, str | None] = {}
    for key in KEYS:
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            raise ConfigError(where, f"{key} must be a string")
        values[key] = value
    code, reason = values["code"], values["reason"]
    if not code:
        raise ConfigError(where, "code is required")
    if reason is None or not reason.strip():
        raise ConfigError(where, "a suppression needs a reason")
    return Suppression(code, reason, values["brand"], values["url"])


def split(
    findings: Sequence[Finding], suppressions: Sequence[Suppression]
) -> tuple[list[Finding], list[tuple[Finding, Suppression]]]:
    """Findings kept, and those waived with the suppression that waived them."""
    kept: list[Finding] = []
    waived: list[tuple[Finding, Suppression]] = []
    for finding in findings:
        rule = next((s for s in suppressions if s.covers(finding)), None)
        if rule is None:
            kept.append(finding)
        else:
            waived.append((finding, rule))
    return kept, waived
