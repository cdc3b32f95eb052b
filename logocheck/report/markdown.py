"""Markdown: a job summary or pull-request comment.

Counts, coverage, a table of findings grouped by brand and the evidence in
a collapsible block. Text from the site is HTML-escaped and its Markdown
punctuation backslash-escaped, so an alt text can neither add a link nor
break the table. GitHub keeps at most 1 MiB of a step summary, so long
reports list the first findings and say how many were left out.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from typing import TYPE_CHECKING

from logocheck.model import LEVELS, Finding, Report
from logocheck.report.escape import visible
from logocheck.report.records import coverage_record

if TYPE_CHECKING:
    from logocheck.report import RenderOptions

MAX_BRANDS = 200
MAX_EVIDENCE = 500
#: Characters with a meaning inside a Markdown line (links, emphasis, tables, code).
PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#!|~])")


def render(report: Report, options: RenderOptions) -> str:
    parts = [_heading(report), _facts(report)]
    if report.findings:
        parts += [_brand_table(report.findings), _evidence(report.findings)]
    return "\n\n".join(parts) + "\n"


def md(text: str) -> str:
    """Site text as inert Markdown: one line, HTML-escaped, punctuation escaped."""
    return html.escape(PUNCTUATION.sub(r"\\\1", visible(text)), quote=False)


def _heading(report: Report) -> str:
    counts = ", ".join(_n(report.count(level), level) for level in LEVELS)
    mark = "❌" if report.count("error") else ("⚠️" if report.findings else "✅")
    return f"## {mark} logocheck: {counts}"


def _facts(report: Report) -> str:
    s, run = report.summary, report.run
    coverage = coverage_record(report)
    rows = [
        ("Target", md(report.target)),
        ("As of", run.as_of),
        ("Contracts", f"{run.contracts.rows} rows, sha256 `{run.contracts.sha256[:12]}`"),
        ("Scanned", f"{s.pages} pages, {s.logos} logos, {s.claims} claims"),
        ("Pages failed", str(coverage["pages_failed"])),
        ("Cut by limits", md("; ".join(coverage["limits"])) or "none"),
        ("Suppressed", str(len(report.suppressed))),
    ]
    lines = ["| | |", "| --- | --- |", *(f"| {name} | {value} |" for name, value in rows)]
    return "\n".join(lines)


def _brand_table(findings: tuple[Finding, ...]) -> str:
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[finding.brand or "(no brand)"].append(finding)
    lines = ["| Brand | Account | Status | Rules | Where |", "| --- | --- | --- | --- | --- |"]
    for brand in sorted(groups)[:MAX_BRANDS]:
        lines.append(_brand_row(brand, groups[brand]))
    if len(groups) > MAX_BRANDS:
        lines.append(f"\n{len(groups) - MAX_BRANDS} more brands are in the full report.")
    return "\n".join(lines)


def _brand_row(brand: str, findings: list[Finding]) -> str:
    first = findings[0]
    codes = ", ".join(sorted({f.code for f in findings}))
    pages = sorted({f.location.url for f in findings})
    where = ", ".join(md(p) for p in pages[:5]) + (
        f" (+{len(pages) - 5})" if len(pages) > 5 else ""
    )
    account = md(first.account) if first.account else "—"
    return f"| {md(brand)} | {account} | {first.status or '—'} | {codes} | {where} |"


def _evidence(findings: tuple[Finding, ...]) -> str:
    lines = ["<details><summary>Findings and evidence</summary>", ""]
    for finding in findings[:MAX_EVIDENCE]:
        lines.append(_item(finding))
    if len(findings) > MAX_EVIDENCE:
        lines.append(f"\n{len(findings) - MAX_EVIDENCE} more findings are in the full report.")
    lines += ["", "</details>"]
    return "\n".join(lines)


def _item(finding: Finding) -> str:
    loc = finding.location
    where = md(loc.file or loc.url) + (f":{loc.line}" if loc.line else "")
    evidence = "; ".join(f"{name}: {md(value)}" for name, value in finding.evidence)
    line = f"- **{finding.code}** {finding.level} at {where}: {md(finding.message)}"
    return line + (f"<br>{evidence}" if evidence else "")


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
