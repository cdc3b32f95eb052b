"""``logocheck scan``: the main job."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from logocheck.baseline import apply_baseline, load_baseline
from logocheck.cli.baseline_options import (
    baseline_options,
    check_baseline_flags,
    contracts_file,
    contracts_option,
)
from logocheck.cli.baseline_options import update_baseline as update_baseline_file
from logocheck.cli.crawl_options import crawl_options, crawl_options_from
from logocheck.cli.identify_options import identify_options, with_identify
from logocheck.cli.options import as_of_option, config_option, contracts_reading_options
from logocheck.config import load_settings
from logocheck.model import Report
from logocheck.parallel import default_jobs
from logocheck.pipeline import ContractsOptions, ScanOptions, scan
from logocheck.report import FORMATS, render, write_atomically

FAIL_ON = ("error", "warning", "never")


@click.command("scan")
@click.argument("target")
@contracts_option
@click.option("--format", "format_", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report here (atomically) instead of stdout.",
)
@as_of_option
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Lowest level that makes the exit code 1.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="PREFIX",
    help="Only rules whose code starts with PREFIX (repeatable).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="PREFIX",
    help="Skip rules whose code starts with PREFIX (repeatable).",
)
@click.option(
    "--rules",
    "packs",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Extra rule pack (folder or TOML file).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=default_jobs(),
    show_default="the CPUs available",
    help="Worker processes that read pages on large sites.",
)
@config_option
@contracts_reading_options
@baseline_options
@identify_options
@crawl_options
def scan_command(
    target: str,
    contracts_given: str | None,
    format_: str,
    output: Path | None,
    as_of: Any,
    fail_on: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    packs: tuple[Path, ...],
    jobs: int,
    config: Path | None,
    encoding: str | None,
    delimiter: str | None,
    strict: bool,
    baseline: Path | None,
    update_baseline: bool,
    prune: bool,
    logos_dir: Path | None,
    labels_file: Path | None,
    **crawl: Any,
) -> int:
    """Scan TARGET (a built-site folder or an http(s) URL) against the contracts.

    \b
    Examples:
      logocheck scan public/ --contracts contracts.csv
      logocheck scan https://preview.example.com --contracts crm.csv --format json -o report.json
      logocheck scan public/ --contracts contracts.csv --as-of 2027-01-01 --fail-on warning
      logocheck scan public/ --contracts - --baseline .logocheck-baseline.json < crm.csv
    """
    flags = {"logos_dir": logos_dir, "labels_file": labels_file}
    settings = with_identify(load_settings(config), flags)
    known = check_baseline_flags(baseline, update_baseline, prune)
    with contracts_file(contracts_given) as (contracts_path, label):
        options = ScanOptions(
            as_of=as_of.date() if as_of else date.today(),
            select=select,
            ignore=ignore,
            rule_packs=packs,
            contracts=ContractsOptions(encoding, delimiter, strict, label),
            crawl=crawl_options_from(crawl),
            settings=settings,
            jobs=jobs,
            baseline=known,
        )
        report = scan(target, contracts_path, options)
    if update_baseline and baseline is not None:
        click.echo(f"logocheck: {update_baseline_file(report, baseline, prune)}", err=True)
        report = apply_baseline(report, load_baseline(baseline))
    options_for_format = {"color": _use_color()} if format_ == "text" and output is None else {}
    text = render(report, format_, **options_for_format)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomically(output, text)
    return exit_code(report, fail_on)


def exit_code(report: Report, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    levels = ("error",) if fail_on == "error" else ("error", "warning")
    return 1 if any(f.level in levels for f in report.findings) else 0


def _use_color() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()
