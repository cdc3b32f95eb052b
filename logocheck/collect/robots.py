"""robots.txt, read the way RFC 9309 says a crawler must.

One file per origin, fetched once (redirects followed); only its first
500 KiB are read, so a huge file is parsed in part, not refused. Its status code
decides before its content does: a 2xx is parsed with Protego; a 4xx means
there are no rules (crawl everything); a 5xx, a 429 still refused after the
retries, or an unreachable server means "disallow everything", since the
site may be down or protecting itself. Matching uses the product token of
the User-Agent (``logocheck``), not the whole string.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from protego import Protego

from logocheck.collect.fetch import Fetcher, FetchError
from logocheck.urls import origin

ROBOTS_LIMIT = 500 * 1024  # RFC 9309 2.5: parse at least 500 KiB


@dataclass(frozen=True, slots=True)
class Rules:
    """The robots verdict for one origin; ``parser`` None with ``allow_all``."""

    allow_all: bool
    parser: Protego | None = None
    reason: str = ""
    sitemaps: tuple[str, ...] = field(default=())

    def allows(self, url: str, agent: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return bool(self.parser.can_fetch(url, agent))


ALLOW_ALL = Rules(allow_all=True)


class Robots:
    """robots.txt rules per origin, fetched on first use."""

    def __init__(self, fetcher: Fetcher, user_agent: str, enabled: bool) -> None:
        self.fetcher = fetcher
        self.agent = product_token(user_agent)
        self.enabled = enabled
        self._rules: dict[str, asyncio.Task[Rules]] = {}

    async def rules(self, url: str) -> Rules:
        if not self.enabled:
            return ALLOW_ALL
        site = origin(url)
        if site not in self._rules:
            self._rules[site] = asyncio.ensure_future(self._read(site))
        return await self._rules[site]

    async def allows(self, url: str) -> bool:
        return (await self.rules(url)).allows(url, self.agent)

    async def _read(self, site: str) -> Rules:
        url = f"{site}/robots.txt"
        try:
            response = await self.fetcher.get(url, head=ROBOTS_LIMIT)
        except FetchError as error:
            return Rules(allow_all=False, reason=f"{url} could not be read ({error})")
        if 200 <= response.status < 300:
            text = response.body[:ROBOTS_LIMIT].decode("utf-8", errors="replace")
            parser = Protego.parse(text)
            return Rules(allow_all=False, parser=parser, sitemaps=tuple(parser.sitemaps))
        if 400 <= response.status < 500 and response.status != 429:
            return ALLOW_ALL
        reason = f"{url} answered HTTP {response.status}, which RFC 9309 reads as disallow all"
        return Rules(allow_all=False, reason=reason)


def product_token(user_agent: str) -> str:
    """``logocheck`` from ``logocheck/0.1 (+https://...)``."""
    token = user_agent.strip().split("/", 1)[0].split(" ", 1)[0]
    return token or user_agent
