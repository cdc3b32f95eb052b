"""Text: ruff-like ``file:line:col: CODE message`` lines, grouped by page.

Everything from the site or the contracts file is shown with its control
characters escaped (``escape.visible``), so a file name or an alt text can
neither repaint a terminal nor start a CI workflow command.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from logocheck.model import Finding, Report
from logocheck.report.escape import log_lines, visible

if TYPE_CHECKING:
    from logocheck.report import RenderOptions

STYLES = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "note": "\x1b[1;36m", "path": "\x1b[1m"}
RESET = "\x1b[0m"


def render(report: Report, options: RenderOptions) -> str:
    paint = _painter(options.color)
    lines: list[str] = []
    for _, group in groupby(report.findings, key=lambda f: f.location.url):
        for finding in group:
            lines.append(_line(finding, paint))
            if options.evidence:
                lines.extend(_evidence(finding))
        lines.append("")
    lines.append(summary_line(report))
    return log_lines("\n".join(lines) + "\n")


def place(finding: Finding) -> str:
    """``file:line:col`` (or the URL) of a finding, escaped for a terminal."""
    loc = finding.location
    where = visible(loc.file or loc.url)
    if loc.line:
        where += f":{loc.line}:{loc.column}" if loc.column else f":{loc.line}"
    return where


def _line(finding: Finding, paint: dict[str, str]) -> str:
    more = f" (and {finding.pages - 1} more pages)" if finding.pages > 1 else ""
    code = f"{paint[finding.level]}{finding.code}{paint['reset']}"
    message = visible(finding.message)
    return f"{paint['path']}{place(finding)}{paint['reset']}: {code} {message}{more}"


def _evidence(finding: Finding) -> list[str]:
    """The signals, the account's status category and the rest of the evidence."""
    shown = [("status", finding.status or "")] if finding.status else []
    shown += list(finding.evidence)
    return [f"    {name}: {visible(value)}" for name, value in shown]


def summary_line(report: Report) -> str:
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
