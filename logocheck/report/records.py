"""The plain-data view of a Report that every machine-readable format shares."""

from __future__ import annotations

from typing import Any

from logocheck import __version__
from logocheck.model import LEVELS, Claim, Logo, Report, Subject

#: Bumped when a field is renamed or removed; adding fields keeps it.
SCHEMA_VERSION = 1


def report_record(report: Report) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "logocheck", "version": __version__},
        "target": report.target,
        "summary": summary_record(report),
        "findings": [f.as_record() for f in report.findings],
        "logos": [logo_record(s) for s in report.subjects if isinstance(s.item, Logo)],
        "claims": [claim_record(s) for s in report.subjects if isinstance(s.item, Claim)],
        "suppressed": [{**f.as_record(), "reason": reason} for f, reason in report.suppressed],
    }


def summary_record(report: Report) -> dict[str, Any]:
    summary = report.summary
    return {
        "pages": summary.pages,
        "logos": summary.logos,
        "claims": summary.claims,
        "findings": {level: report.count(level) for level in LEVELS},
        "suppressed": len(report.suppressed),
        "products": list(summary.products),
        **dict(summary.counts),
    }


def logo_record(subject: Subject) -> dict[str, Any]:
    assert isinstance(subject.item, Logo)
    logo, match = subject.item, subject.match
    return {
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


def claim_record(subject: Subject) -> dict[str, Any]:
    assert isinstance(subject.item, Claim)
    claim = subject.item
    return {
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
