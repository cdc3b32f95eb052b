"""Where each report of a run goes, decided (and checked) before the scan.

``--format F --output P`` pairs are matched in order; ``--report F=P`` adds
more; an output without a format takes it from its extension (``.sarif``,
``.html`` ...). Without any output the one format goes to stdout. When no
report goes to stdout, stdout still gets the text report, so a terminal or
a CI log shows the findings. ``$GITHUB_STEP_SUMMARY`` gets the Markdown
summary appended, as GitHub expects of every step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from logocheck.errors import OutputError
from logocheck.report import FORMATS, SUFFIXES
from logocheck.report.output import STDOUT, check_output

#: Paths that are this process's standard output.
STDOUT_PATHS = (STDOUT, "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")


@dataclass(frozen=True, slots=True)
class Destination:
    format: str
    path: str
    append: bool = False


def plan(
    formats: Sequence[str],
    outputs: Sequence[str],
    reports: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
) -> list[Destination]:
    """Every (format, path) of a run; raises OutputError for a bad or unwritable one."""
    chosen = [*_paired(formats, outputs), *(_report(spec) for spec in reports)]
    if not chosen:
        chosen = [Destination("text", STDOUT)]
    to_stdout = [d for d in chosen if d.path in STDOUT_PATHS]
    if len(to_stdout) > 1:
        raise OutputError(STDOUT, "only one report can go to stdout; give --output for the others")
    if not to_stdout:
        chosen.append(Destination("text", STDOUT))
    summary = (env or {}).get("GITHUB_STEP_SUMMARY")
    if summary and not any(d.format == "markdown" for d in chosen):
        chosen.append(Destination("markdown", summary, append=True))
    for destination in chosen:
        check_output(destination.path)
    return chosen


def _paired(formats: Sequence[str], outputs: Sequence[str]) -> list[Destination]:
    if not outputs:
        if len(formats) > 1:
            raise OutputError(STDOUT, "several --format need as many --output")
        return [Destination(format, STDOUT) for format in formats]
    if formats and len(formats) != len(outputs):
        raise OutputError(outputs[0], "give one --format per --output, in the same order")
    named = formats or [format_of(path) for path in outputs]
    return [Destination(format, path) for format, path in zip(named, outputs, strict=True)]


def _report(spec: str) -> Destination:
    format, sep, path = spec.partition("=")
    if not sep or not path:
        raise OutputError(spec, "--report takes FORMAT=PATH")
    if format not in FORMATS:
        raise OutputError(spec, f"unknown format {format!r} (one of {', '.join(FORMATS)})")
    return Destination(format, path)


def format_of(path: str) -> str:
    """The format an output path's extension names; refused when it names none."""
    format = SUFFIXES.get(Path(path).suffix.lower())
    if format is None:
        raise OutputError(path, "cannot tell the format from the extension; give --format")
    return format
