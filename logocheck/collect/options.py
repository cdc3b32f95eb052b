"""Every setting of a crawl, in one frozen record.

The CLI builds it from flags (``cli/crawl_options.py``) and the pipeline
passes it to ``open_source``; nothing else reads flags, so a library user
gets the same crawler with the same defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_USER_AGENT = "logocheck/0.1 (+https://github.com/logocheck/logocheck)"


@dataclass(frozen=True, slots=True)
class CrawlOptions:
    """How far, how fast and how politely to read a site.

    Sizes are bytes, times seconds. ``None`` means "no limit" for
    ``max_depth`` and ``time_budget``; ``progress`` None means "on a TTY".
    """

    base_url: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    allow_hosts: tuple[str, ...] = ()
    merge_www: bool = False
    allow_private: bool = False
    concurrency: int = 16
    per_host: int = 16
    robots: bool = True
    sitemaps: bool = True
    user_agent: str = DEFAULT_USER_AGENT
    headers: tuple[tuple[str, str], ...] = ()
    auth: tuple[str, str] | None = None
    max_pages: int = 5000
    max_depth: int | None = None
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 10
    max_url_length: int = 2048
    max_query_variants: int = 100
    timeout: float = 30.0
    connect_timeout: float = 10.0
    time_budget: float | None = None
    retries: int = 3
    backoff: float = 0.5
    max_retry_after: float = 30.0
    cache: Path | None = None
    progress: bool | None = None
