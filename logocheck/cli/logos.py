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
fingerprints, under ``DIR/fingerprints-v1``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import click

from logocheck.cli.crawl_options import crawl_options, crawl_options_from
from logocheck.cli.identify_options import identify_options, with_identify
from logocheck.collect import open_source
from logocheck.config import load_settings
from logocheck.errors import AssetError, UnreadableImage
from logocheck.identify import labels_path
from logocheck.identify.fingerprint import Fingerprint
from logocheck.identify.images import Images
from logocheck.identify.labels import Label, load_labels, save_labels
from logocheck.identify.library import Library
from logocheck.model import Logo, Report, Subject
from logocheck.pipeline import ScanOptions, scan
from logocheck.report.logos import image_hash, logo_rows, render_json, render_table, unreadable


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
    options = ScanOptions(crawl=crawl_options_from(flags), settings=settings)
    report = scan(target, contracts_path, options)
    if labels_given:
        path = labels_path(settings)
        added = add_labels(report, labels_given, by, path, options)
        click.echo(f"{path}: labelled {', '.join(added)}")
        return 0
    rows = logo_rows(report)
    if format_ == "json":
        click.echo(render_json(rows, unreadable(report)), nl=False)
    else:
        click.echo(render_table(rows, unreadable(report)), nl=False)
    return 0


# --- labelling --------------------------------------------------------------


def add_labels(
    report: Report, given: Sequence[str], by: str, path: Path, options: ScanOptions
) -> list[str]:
    """Write the ``HASH=BRAND`` labels into the labels file; return what was added.

    Every label is checked before the site is opened, once, to fingerprint
    the labelled images.
    """
    logos = {image_hash(s): s for s in report.subjects if s.kind == "logo" and image_hash(s)}
    chosen = [(_find(logos, prefix), brand) for prefix, brand in map(_split_label, given)]
    labels = load_labels(path)
    added = []
    with (
        closing(open_source(report.target, options.crawl)) as source,
        closing(Images(source.read_asset, Library([]))) as images,
    ):
        for subject, brand in chosen:
            key = image_hash(subject) or ""
            seen = f"{subject.location.url} {_src(subject)}"
            fingerprint = _fingerprint(images, subject)
            labels = labels.with_label(Label(key, brand, by, date.today(), fingerprint, seen))
            added.append(f"{key.removeprefix('sha256:')[:12]}={brand}")
    save_labels(labels, path)
    return added


def _split_label(text: str) -> tuple[str, str]:
    prefix, _, brand = text.partition("=")
    prefix = prefix.strip().lower().removeprefix("sha256:")
    if not brand.strip() or len(prefix) < 6 or any(c not in "0123456789abcdef" for c in prefix):
        raise click.BadParameter(
            f"{text!r}: expected HASH=BRAND, HASH at least 6 hex digits", param_hint="--label"
        )
    return prefix, brand.strip()


def _find(logos: Mapping[str | None, Subject], prefix: str) -> Subject:
    found = [
        s for key, s in logos.items() if key and key.removeprefix("sha256:").startswith(prefix)
    ]
    if len(found) != 1:
        what = "no logo" if not found else f"{len(found)} logos"
        raise click.BadParameter(f"{what} with image hash {prefix}…", param_hint="--label")
    return found[0]


def _src(subject: Subject) -> str:
    logo = subject.item
    return (logo.src if isinstance(logo, Logo) else None) or "(inline svg)"


def _fingerprint(images: Images, subject: Subject) -> Fingerprint | None:
    """The labelled image's fingerprint, so re-encoded copies match the label too."""
    logo = subject.item
    if not isinstance(logo, Logo):
        return None
    try:
        if logo.svg is not None:
            return images.fingerprint(logo.svg.encode("utf-8"))
        return images.fingerprint(images.read_asset(logo.src or ""))
    except (AssetError, UnreadableImage):
        return None
