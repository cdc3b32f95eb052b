"""Baselines: adopt logocheck on a site that already has findings.

``--update-baseline`` records today's findings in a file; later scans
with ``--baseline`` count only findings that are not in it, so a team can
turn the check on now and clean up the old findings at its own pace.

Entries are keyed by ``Finding.fingerprint()`` (code, page path, brand,
image content hash), never by line, so an unrelated edit that shifts
every line keeps them. The file is JSON, sorted, one entry per finding,
so a change to it reads well in a diff::

    {
      "version": 1,
      "findings": [
        {"fingerprint": "…", "code": "LC001", "page": "/", "brand": "Hooli", "count": 1},
        …
      ]
    }

The same finding shown twice on one page (two identical cards) is one
entry with ``count`` 2; a third copy added later counts.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from logocheck.errors import ConfigError
from logocheck.model import Finding, Report

VERSION = 1
#: The reason a baselined finding carries among the report's suppressed ones.
BASELINED = "in the baseline"


@dataclass(frozen=True, slots=True)
class Entry:
    fingerprint: str
    code: str
    page: str
    brand: str | None
    count: int = 1

    def as_record(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "code": self.code,
            "page": self.page,
            "brand": self.brand,
            "count": self.count,
        }


@dataclass(frozen=True, slots=True)
class Baseline:
    entries: tuple[Entry, ...] = ()

    def counts(self) -> Counter[str]:
        return Counter({e.fingerprint: e.count for e in self.entries})


def baseline_of(findings: Iterable[Finding]) -> Baseline:
    """A baseline holding exactly ``findings``."""
    counts: Counter[str] = Counter()
    first: dict[str, Finding] = {}
    for finding in findings:
        key = finding.fingerprint()
        counts[key] += 1
        first.setdefault(key, finding)
    entries = (_entry(first[key], n) for key, n in counts.items())
    return Baseline(tuple(sorted(entries, key=_order)))


def updated(old: Baseline, findings: Iterable[Finding], prune: bool) -> tuple[Baseline, int]:
    """``old`` with today's findings added; with ``prune``, only today's.

    Returns the new baseline and how many entries pruning dropped (entries
    that no longer match a finding, or copies fewer findings now use).
    """
    now = baseline_of(findings)
    if prune:
        current = now.counts()
        dropped = sum(max(0, e.count - current[e.fingerprint]) for e in old.entries)
        return now, dropped
    merged = {e.fingerprint: e for e in now.entries}
    for entry in old.entries:
        mine = merged.get(entry.fingerprint)
        if mine is None or mine.count < entry.count:
            merged[entry.fingerprint] = (
                entry if mine is None else dataclasses.replace(mine, count=entry.count)
            )
    return Baseline(tuple(sorted(merged.values(), key=_order))), 0


def apply_baseline(report: Report, baseline: Baseline) -> Report:
    """``report`` with the findings the baseline knows moved among the suppressed."""
    left = baseline.counts()
    kept: list[Finding] = []
    known: list[tuple[Finding, str]] = []
    for finding in report.findings:
        key = finding.fingerprint()
        if left[key] > 0:
            left[key] -= 1
            known.append((finding, BASELINED))
        else:
            kept.append(finding)
    suppressed = sorted((*report.suppressed, *known), key=lambda pair: pair[0].sort_key())
    return dataclasses.replace(report, findings=tuple(kept), suppressed=tuple(suppressed))


def render_baseline(baseline: Baseline) -> str:
    document = {"version": VERSION, "findings": [e.as_record() for e in baseline.entries]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file; a missing file is an empty baseline, a bad one an error."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Baseline()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(str(path), f"cannot read baseline: {error}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ConfigError(str(path), error.msg, error.lineno, error.colno) from None
    return Baseline(tuple(_entries(document, path)))


def _entries(document: Any, path: Path) -> Iterable[Entry]:
    if not isinstance(document, Mapping) or document.get("version") != VERSION:
        raise ConfigError(str(path), f"not a logocheck baseline (version {VERSION})")
    for i, record in enumerate(document.get("findings") or ()):
        try:
            yield Entry(
                str(record["fingerprint"]),
                str(record["code"]),
                str(record.get("page", "")),
                record.get("brand"),
                int(record.get("count", 1)),
            )
        except (KeyError, TypeError, ValueError):
            raise ConfigError(str(path), f"findings[{i}]: not a baseline entry") from None


def _entry(finding: Finding, count: int) -> Entry:
    page = urlsplit(finding.location.url).path or finding.location.url
    return Entry(finding.fingerprint(), finding.code, page, finding.brand, count)


def _order(entry: Entry) -> tuple[str, str, str, str]:
    return (entry.page, entry.code, entry.brand or "", entry.fingerprint)
