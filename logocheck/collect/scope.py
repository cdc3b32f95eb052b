"""Which URLs are pages of the site being scanned.

Same host in http or https, ``www.`` merged when asked, ``--include`` and
``--exclude`` patterns. Whether a request may go to a host at all is
another question, answered where the connection is made (``guard.py``).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from logocheck.collect.options import CrawlOptions
from logocheck.errors import InputError
from logocheck.urls import bare_host


class Scope:
    """Which URLs are pages of the site that starts at ``start``."""

    def __init__(self, start: str, options: CrawlOptions) -> None:
        self.merge_www = options.merge_www
        self.hosts = {self.site_host(start)} | {self._name(h) for h in options.allow_hosts}
        self.include = _patterns("--include", options.include)
        self.exclude = _patterns("--exclude", options.exclude)

    def site_host(self, url: str) -> str:
        """Host and non-default port: http and https of one host are one site."""
        parts = urlsplit(url)
        host = self._name(parts.hostname or "")
        port = parts.port
        return host if port in (None, 80, 443) else f"{host}:{port}"

    def allows(self, url: str) -> bool:
        if self.site_host(url) not in self.hosts:
            return False
        if self.include and not any(p.search(url) for p in self.include):
            return False
        return not any(p.search(url) for p in self.exclude)

    def _name(self, host: str) -> str:
        return bare_host(host) if self.merge_www else host.lower().rstrip(".")


def _patterns(flag: str, patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as error:
            raise InputError(flag, f"bad pattern {pattern!r}: {error}") from None
    return tuple(compiled)
