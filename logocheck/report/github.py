"""GitHub Actions workflow commands: one annotation per finding.

``::error file=...,line=...,col=...,title=LC001::message``, with the
escaping the Actions toolkit applies (``%``, CR and LF in the message; also
``:`` and ``,`` in properties), after every control character from the site
has been made visible, so crawled text can never end a command or start a
new one. GitHub shows at most 10 annotations of each level per step and 50
per job: the annotations go to the most severe findings and a closing plain
line counts the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from logocheck.model import Finding, Report
from logocheck.report.escape import log_lines, visible
from logocheck.report.records import repository_path
from logocheck.report.text_format import summary_line

if TYPE_CHECKING:
    from logocheck.report import RenderOptions

COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}
PER_LEVEL = 10
PER_JOB = 50


def render(report: Report, options: RenderOptions) -> str:
    shown = annotated(report.findings)
    commands = [command(f) + "\n" for f in report.findings if id(f) in shown]
    tail = [summary_line(report)]
    left = len(report.findings) - len(shown)
    if left:
        tail.append(
            f"{left} more findings are not annotated (GitHub shows {PER_LEVEL} per level"
            " in a step); the full list is in the other reports"
        )
    return "".join(commands) + log_lines("\n".join(tail)) + "\n"


def annotated(findings: tuple[Finding, ...]) -> set[int]:
    """Which findings get an annotation: up to 10 per level, errors first, 50 in all."""
    chosen: set[int] = set()
    for level in COMMANDS:
        same = [f for f in findings if f.level == level][:PER_LEVEL]
        chosen.update(id(f) for f in same[: PER_JOB - len(chosen)])
    return chosen


def command(finding: Finding) -> str:
    loc = finding.location
    file = repository_path(loc.file) if loc.file else None
    props = {"file": file, "line": loc.line or None, "col": loc.column or None}
    props["title"] = f"{finding.code} {finding.brand or ''}".strip()
    given = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v)
    where = "" if loc.file else f" ({loc.url})"
    message = escape_data(visible(f"{finding.message}{where}"))
    return f"::{COMMANDS[finding.level]} {given}::{message}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(visible(text)).replace(":", "%3A").replace(",", "%2C")
