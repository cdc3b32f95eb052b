"""``logocheck logos``: list every logo with the brand it was identified as.

The review loop of identification: run it, look at the logos that came out
unidentified or with low confidence, and name them once with ``--label``.
The label goes into ``logocheck-labels.toml`` (image hash -> brand, who,
when), and every later scan identifies that image, and re-encoded copies of
it, from the labels file::

    logocheck logos public/
    logocheck logos public/ --format json
    logocheck logos public/ --label 9f2c4e1a=Globex --by dana

The ``--logos`` and ``--labels`` flags are shared with ``scan`` through
``identify_options``; ``--cache DIR`` (a crawl flag) also keeps image
fingerprints, under ``DIR/fingerprints-v1``. The site is read once, by
``pipeline.observe``: no rule judges it, and a label takes the image's
fingerprint from that same pass (``identify.labels.label_logos``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from logocheck.cli.crawl_options import crawl_options, crawl_options_from
from logocheck.cli.identify_options import identify_options, with_identify
from logocheck.config import load_settings
from logocheck.identify import label_logos, labels_path, parse_label
from logocheck.pipeline import ScanOptions, observe, problem_findings
from logocheck.report.logos import logo_rows, render_json, render_table, unreadable


@click.command("logos")
@click.argument("target")
@click.option(
    "--contracts",
    "contracts_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Contracts CSV: its names and logo column help identify (optional here).",
)
@click.option(
    "--format", "format_", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--label",
    "labels_given",
    multiple=True,
    metavar="HASH=BRAND",
    help="Record that the image whose hash starts with HASH shows BRAND (repeatable).",
)
@click.option("--by", default="", metavar="NAME", help="Who decided the --label (recorded).")
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Config file (default: logocheck.toml or pyproject.toml here).",
)
@identify_options
@crawl_options
def logos_command(
    target: str,
    contracts_path: Path | None,
    format_: str,
    labels_given: tuple[str, ...],
    by: str,
    config: Path | None,
    **flags: Any,
) -> int:
    """List every logo on TARGET with its brand, method and confidence.

    \b
    Examples:
      logocheck logos public/
      logocheck logos public/ --logos brand-logos/ --format json
      logocheck logos public/ --label 9f2c4e1a=Globex --by dana
    """
    identify = {key: flags.pop(key) for key in ("logos_dir", "labels_file")}
    settings = with_identify(load_settings(config), identify)
    given = [_label(text) for text in labels_given]
    options = ScanOptions(crawl=crawl_options_from(flags), settings=settings)
    seen = observe(target, contracts_path, options)
    if given:
        path = labels_path(settings)
        try:
            added = label_logos(path, seen.subjects, given, by, date.today())
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--label") from None
        click.echo(f"{path}: labelled {', '.join(added)}")
        return 0
    rows = logo_rows(seen.subjects)
    problems = unreadable(problem_findings(seen, options))
    render = render_json if format_ == "json" else render_table
    click.echo(render(rows, problems), nl=False)
    return 0


def _label(text: str) -> tuple[str, str]:
    try:
        return parse_label(text)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--label") from None
