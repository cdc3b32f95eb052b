"""The plain-data view of a Report that every machine-readable format shares.

Contract data stays out unless ``details`` is asked for: a record names the
account and its status category, and with ``details`` also the plan, the
status and the dates of its contracts (never revenue).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from logocheck.model import LEVELS, Account, Claim, Finding, Logo, Report, Subject
from logocheck.version import __version__

#: Bumped when a field is renamed or removed; adding fields keeps it.
SCHEMA_VERSION = 1
#: Crawl tallies that depend on timing (how many requests a race made, what
#: a cache held), left out so the same site gives the same report.
VOLATILE = frozenset({"requests", "retries", "cached"})


def report_record(report: Report, *, details: bool = False) -> dict[str, Any]:
    accounts = accounts_by_name(report) if details else {}
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "logocheck", "version": __version__},
        "target": report.target,
        "run": run_record(report),
        "summary": summary_record(report),
        "findings": [finding_record(f, accounts) for f in report.findings],
        "logos": sorted_records(logo_record(s, details) for s in subjects(report, "logo")),
        "claims": sorted_records(claim_record(s, details) for s in subjects(report, "claim")),
        "suppressed": [
            {**finding_record(f, accounts), "reason": reason} for f, reason in report.suppressed
        ],
    }


def run_record(report: Report) -> dict[str, Any]:
    """What was judged: the as-of date, the contracts file by hash, the options."""
    run = report.run
    record: dict[str, Any] = {
        "as_of": run.as_of,
        "contracts": {
            "path": run.contracts.path,
            "sha256": run.contracts.sha256,
            "rows": run.contracts.rows,
        },
        "options": dict(run.options),
    }
    if run.timestamp:
        record["timestamp"] = run.timestamp
    return record


def summary_record(report: Report) -> dict[str, Any]:
    summary = report.summary
    return {
        "pages": summary.pages,
        "logos": summary.logos,
        "claims": summary.claims,
        "findings": {level: report.count(level) for level in LEVELS},
        "suppressed": len(report.suppressed),
        "coverage": coverage_record(report),
        "products": list(summary.products),
        **{name: n for name, n in summary.counts if name not in VOLATILE},
    }


def coverage_record(report: Report) -> dict[str, Any]:
    """How much of the site was really read: failures and limits are never hidden."""
    counts = dict(report.summary.counts)
    return {
        "pages_failed": report.summary.failed,
        "robots_disallowed": counts.get("robots_disallowed", 0),
        "limits": list(report.summary.limits),
        "complete": not (report.summary.failed or report.summary.limits),
    }


def finding_record(finding: Finding, accounts: dict[str, Account]) -> dict[str, Any]:
    record = finding.as_record()
    account = accounts.get(finding.account or "")
    if account is not None:
        record["contract"] = contract_details(account)
    return record


def logo_record(subject: Subject, details: bool = False) -> dict[str, Any]:
    assert isinstance(subject.item, Logo)
    logo, match = subject.item, subject.match
    record = {
        **subject.location.as_record(),
        "src": logo.src,
        "element": logo.element,
        "link": logo.link,
        "brand": match.brand,
        "account": subject.account.name if subject.account else None,
        "status": subject.category,
        "method": match.method,
        "confidence": match.confidence,
        "signals": [
            {"source": s.source, "value": s.value, "score": s.score} for s in match.signals
        ],
        "pages": subject.pages,
    }
    return _with_details(record, subject, details)


def claim_record(subject: Subject, details: bool = False) -> dict[str, Any]:
    assert isinstance(subject.item, Claim)
    claim = subject.item
    record = {
        **subject.location.as_record(),
        "kind": claim.kind,
        "text": claim.text,
        "brand": subject.brand,
        "account": subject.account.name if subject.account else None,
        "status": subject.category if subject.brand else None,
        "count": claim.count,
        "noun": claim.noun,
        "method": claim.method or None,
        "pages": subject.pages,
    }
    return _with_details(record, subject, details)


def contract_details(account: Account) -> dict[str, Any]:
    """What ``--include-contract-details`` adds: plans, statuses and dates, never money."""
    expires = account.publicity_expires
    return {
        "publicity": account.publicity,
        "publicity_expires": expires.isoformat() if expires else None,
        "contracts": [
            {
                "line": c.line,
                "plan": c.plan,
                "status": c.status,
                "start": c.start.isoformat() if c.start else None,
                "end": c.end.isoformat() if c.end else None,
            }
            for c in account.contracts
        ],
    }


def accounts_by_name(report: Report) -> dict[str, Account]:
    return {s.account.name: s.account for s in report.subjects if s.account is not None}


def subjects(report: Report, kind: str) -> list[Subject]:
    return [s for s in report.subjects if s.kind == kind]


def sorted_records(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records in a stable order: by page, place, then brand."""
    return sorted(records, key=_place)


def _place(record: dict[str, Any]) -> tuple[Any, ...]:
    what = record.get("src") or record.get("text") or ""
    return (
        record["url"],
        record["line"],
        record["column"],
        record["selector"],
        what,
        record["brand"] or "",
    )


def _with_details(record: dict[str, Any], subject: Subject, details: bool) -> dict[str, Any]:
    if details and subject.account is not None:
        record["contract"] = contract_details(subject.account)
    return record


def repository_path(file: str) -> str:
    """A built file's path relative to the working folder (the repository in CI), if inside it."""
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_posix()
    return path.as_posix()
