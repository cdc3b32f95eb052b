"""Text: ruff-like ``file:line:col: CODE message`` lines, grouped by page."""

from __future__ import annotations

from itertools import groupby

from logocheck.model import Finding, Report

STYLES = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "note": "\x1b[1;36m", "path": "\x1b[1m"}
RESET = "\x1b[0m"


def render(report: Report, *, color: bool = False) -> str:
    paint = _painter(color)
    lines: list[str] = []
    for _, group in groupby(report.findings, key=lambda f: f.location.url):
        lines.extend(_line(finding, paint) for finding in group)
        lines.append("")
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def _line(finding: Finding, paint: dict[str, str]) -> str:
    loc = finding.location
    place = loc.file or loc.url
    if loc.line:
        place += f":{loc.line}:{loc.column}" if loc.column else f":{loc.line}"
    more = f" (and {finding.pages - 1} more pages)" if finding.pages > 1 else ""
    code = f"{paint[finding.level]}{finding.code}{paint['reset']}"
    return f"{paint['path']}{place}{paint['reset']}: {code} {finding.message}{more}"


def _summary(report: Report) -> str:
    s = report.summary
    errors, warnings = report.count("error"), report.count("warning")
    seen = f"{_n(s.pages, 'page')}, {_n(s.logos, 'logo')}, {_n(s.claims, 'claim')}"
    waived = f"; {len(report.suppressed)} suppressed" if report.suppressed else ""
    if not report.findings:
        return f"No problems found ({seen} checked{waived})."
    return f"Found {_n(errors, 'error')} and {_n(warnings, 'warning')} ({seen} checked{waived})."


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _painter(color: bool) -> dict[str, str]:
    if not color:
        return dict.fromkeys([*STYLES, "reset"], "")
    return {**STYLES, "reset": RESET}
