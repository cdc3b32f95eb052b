"""The crawl flags, as one click decorator, and their conversion to CrawlOptions.

Kept apart from the commands so ``scan`` (and any later command that reads
a site) gets the same flags with the same help, and so the conversion is
testable without running a command.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import click

from logocheck.cli.options import F, option_group
from logocheck.collect.options import DEFAULT_USER_AGENT, CrawlOptions

_DEFAULTS = CrawlOptions()

OPTIONS: tuple[Callable[[F], F], ...] = (
    click.option("--base-url", metavar="URL", help="Site URL a scanned folder is deployed at."),
    click.option(
        "--include", multiple=True, metavar="REGEX", help="Crawl only URLs matching (repeatable)."
    ),
    click.option(
        "--exclude", multiple=True, metavar="REGEX", help="Skip URLs matching (repeatable)."
    ),
    click.option(
        "--allow-host",
        "allow_hosts",
        multiple=True,
        metavar="HOST",
        help="Also crawl pages on this host (repeatable).",
    ),
    click.option("--merge-www", is_flag=True, help="Treat www.<host> and <host> as one site."),
    click.option(
        "--allow-private",
        is_flag=True,
        help="Follow links and redirects to private, loopback and link-local addresses.",
    ),
    click.option(
        "--concurrency",
        type=click.IntRange(1, 256),
        default=_DEFAULTS.concurrency,
        show_default=True,
        help="Requests in flight at once.",
    ),
    click.option(
        "--per-host",
        type=click.IntRange(1, 256),
        default=_DEFAULTS.per_host,
        show_default=True,
        help="Requests in flight to one host.",
    ),
    click.option("--no-robots", is_flag=True, help="Ignore robots.txt (for your own site)."),
    click.option("--no-sitemaps", is_flag=True, help="Do not read sitemap.xml."),
    click.option("--user-agent", default=DEFAULT_USER_AGENT, show_default=True),
    click.option(
        "--header",
        "headers",
        multiple=True,
        metavar="'NAME: VALUE'",
        help="Extra request header for the site's own origin (repeatable).",
    ),
    click.option("--auth", metavar="USER:PASSWORD", help="Basic auth for the site's own origin."),
    click.option(
        "--max-pages", type=click.IntRange(1), default=_DEFAULTS.max_pages, show_default=True
    ),
    click.option("--max-depth", type=click.IntRange(0), default=None, help="Link depth limit."),
    click.option(
        "--max-bytes",
        type=click.IntRange(1024),
        default=_DEFAULTS.max_bytes,
        show_default=True,
        help="Largest decoded response accepted.",
    ),
    click.option(
        "--timeout",
        type=click.FloatRange(0.1),
        default=_DEFAULTS.timeout,
        show_default=True,
        help="Deadline for one whole request, in seconds.",
    ),
    click.option(
        "--time-budget",
        type=click.FloatRange(1),
        default=None,
        help="Stop crawling after this many seconds (reported as a warning).",
    ),
    click.option(
        "--retries", type=click.IntRange(0, 10), default=_DEFAULTS.retries, show_default=True
    ),
    click.option(
        "--cache",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Folder keeping responses to revalidate on the next scan.",
    ),
    click.option(
        "--progress/--no-progress",
        default=None,
        help="Progress line on stderr (default: only on a terminal).",
    ),
)


#: Every crawl flag.
crawl_options = option_group(*OPTIONS)


def crawl_options_from(params: Mapping[str, Any]) -> CrawlOptions:
    """The CrawlOptions the crawl flags in ``params`` ask for.

    Raises ``click.BadParameter`` for a malformed ``--header`` or ``--auth``.
    """
    return CrawlOptions(
        base_url=params.get("base_url"),
        include=tuple(params.get("include") or ()),
        exclude=tuple(params.get("exclude") or ()),
        allow_hosts=tuple(h.lower() for h in params.get("allow_hosts") or ()),
        merge_www=bool(params.get("merge_www")),
        allow_private=bool(params.get("allow_private")),
        concurrency=params.get("concurrency") or _DEFAULTS.concurrency,
        per_host=params.get("per_host") or _DEFAULTS.per_host,
        robots=not params.get("no_robots"),
        sitemaps=not params.get("no_sitemaps"),
        user_agent=params.get("user_agent") or DEFAULT_USER_AGENT,
        headers=tuple(_header(h) for h in params.get("headers") or ()),
        auth=_auth(params.get("auth")),
        max_pages=params.get("max_pages") or _DEFAULTS.max_pages,
        max_depth=params.get("max_depth"),
        max_bytes=params.get("max_bytes") or _DEFAULTS.max_bytes,
        timeout=params.get("timeout") or _DEFAULTS.timeout,
        time_budget=params.get("time_budget"),
        retries=_DEFAULTS.retries if params.get("retries") is None else params["retries"],
        cache=params.get("cache"),
        progress=params.get("progress"),
    )


def _header(text: str) -> tuple[str, str]:
    name, sep, value = text.partition(":")
    if not sep or not name.strip() or any(c.isspace() for c in name.strip()):
        raise click.BadParameter(f"{text!r} is not 'Name: value'", param_hint="--header")
    return name.strip(), value.strip()


def _auth(text: str | None) -> tuple[str, str] | None:
    if text is None:
        return None
    user, sep, password = text.partition(":")
    if not sep:
        raise click.BadParameter("expected USER:PASSWORD", param_hint="--auth")
    return user, password
