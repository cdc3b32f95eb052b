"""SARIF 2.1.0: findings for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` come from the rule docs. A folder scan points
each result at the built file by its path relative to the working folder
(the repository in CI), so GitHub attaches it to that file; a crawl points
at the page URL. ``partialFingerprints`` carry the finding's line-free
fingerprint, so a result keeps its identity when the page above it changes.

GitHub takes at most 25,000 results per run and 10 MB per file: above that
the most severe results are kept and the number left out is recorded in
``run.properties`` and in a tool notification.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from logocheck.model import Finding, Report, RuleInfo
from logocheck.report.escape import json_text, visible
from logocheck.report.records import coverage_record, repository_path, run_record
from logocheck.version import __version__

if TYPE_CHECKING:
    from logocheck.report import RenderOptions

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
MAX_RESULTS = 25_000
MAX_BYTES = 10_000_000
LEVELS = {"error": "error", "warning": "warning", "note": "note"}
SEVERITY = {"error": 0, "warning": 1, "note": 2}
FINGERPRINT = "logocheck/v1"


def render(report: Report, options: RenderOptions) -> str:
    rules = sorted(report.run.rules, key=lambda r: r.code)
    index = {rule.code: i for i, rule in enumerate(rules)}
    kept = most_severe(report.findings, MAX_RESULTS)
    while True:
        results = [_result(f, index, key) for f, key in zip(kept, fingerprints(kept), strict=True)]
        text = _dump(_log(report, rules, results))
        if len(text.encode("utf-8")) <= MAX_BYTES or not kept:
            return text
        kept = kept[: len(kept) * 9 // 10]


def most_severe(findings: tuple[Finding, ...], limit: int) -> list[Finding]:
    """At most ``limit`` findings, the most severe first kept, in report order."""
    if len(findings) <= limit:
        return list(findings)
    ranked = sorted(range(len(findings)), key=lambda i: (SEVERITY[findings[i].level], i))
    return [findings[i] for i in sorted(ranked[:limit])]


def fingerprints(findings: list[Finding]) -> list[str]:
    """Each finding's fingerprint, with ``:2``, ``:3`` ... on repeats within the run.

    Two testimonials of one brand on one page share a fingerprint; the
    occurrence number (in report order) keeps their results apart, as
    GitHub does for its own line hashes.
    """
    seen: dict[str, int] = {}
    keys = []
    for finding in findings:
        key = finding.fingerprint()
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}:{seen[key]}")
    return keys


def _log(report: Report, rules: list[RuleInfo], results: list[dict[str, Any]]) -> dict[str, Any]:
    omitted = len(report.findings) - len(results)
    run: dict[str, Any] = {
        "tool": {"driver": _driver(rules)},
        "automationDetails": {"id": "logocheck/"},
        "invocations": [_invocation(omitted)],
        "results": results,
        "properties": {
            "target": visible(report.target),
            "run": run_record(report),
            "coverage": coverage_record(report),
            "omittedResults": omitted,
        },
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _driver(rules: list[RuleInfo]) -> dict[str, Any]:
    return {
        "name": "logocheck",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": "https://github.com/logocheck/logocheck",
        "rules": [_rule(rule) for rule in rules],
    }


def _rule(rule: RuleInfo) -> dict[str, Any]:
    help_text = f"{rule.what}\n\nWhy: {rule.why}\n\nFix: {rule.fix}".strip()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.what or rule.summary},
        "help": {
            "text": help_text,
            "markdown": f"{rule.what}\n\n**Why:** {rule.why}\n\n**Fix:** {rule.fix}",
        },
        "defaultConfiguration": {"level": LEVELS[rule.level]},
        "properties": {"tags": ["marketing", "compliance"]},
    }


def _invocation(omitted: int) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if omitted:
        text = f"{omitted} results left out: a run holds at most {MAX_RESULTS:,} and 10 MB"
        invocation["toolExecutionNotifications"] = [{"level": "warning", "message": {"text": text}}]
    return invocation


def _result(finding: Finding, index: dict[str, int], fingerprint: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.level],
        "message": {"text": visible(finding.message)},
        "locations": [_location(finding)],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": _properties(finding),
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    return result


def _location(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(loc.file, loc.url)}}
    if loc.line:
        physical["region"] = {
            "startLine": loc.line,
            **({"startColumn": loc.column} if loc.column else {}),
        }
    location: dict[str, Any] = {"physicalLocation": physical}
    if loc.selector:
        location["logicalLocations"] = [
            {"fullyQualifiedName": visible(loc.selector), "kind": "element"}
        ]
    return location


def artifact_uri(file: str | None, url: str) -> str:
    """A built file relative to the working folder (the repository), or the page URL."""
    if not file:
        return url
    path = repository_path(file)
    if path.startswith("/"):
        return Path(path).as_uri()
    return quote(path, safe="/")


def _properties(finding: Finding) -> dict[str, Any]:
    fields = {
        "url": finding.location.url,
        "brand": finding.brand,
        "account": finding.account,
        "status": finding.status,
        "pages": finding.pages,
    }
    return {name: value for name, value in fields.items() if value is not None}


def _dump(log: dict[str, Any]) -> str:
    return json_text(json.dumps(log, indent=1, ensure_ascii=False)) + "\n"
