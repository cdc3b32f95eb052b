"""The crawl itself: a frontier of URLs, worked by N coroutines, bounded.

Work items are pages and sitemaps on one ``asyncio.Queue``; the crawl is
over when the queue is drained (``join``), which is also what makes the
sitemap reading part of the crawl rather than a race beside it. Every URL
enters the frontier once, canonical; one that is refused by a limit is
still counted, because the limit problems say how many URLs were left::

    max-pages       pages fetched reached --max-pages
    max-depth       links deeper than --max-depth
    time-budget     --time-budget ran out (queued and in-flight URLs)
    query-variants  more than N query strings on one path (calendars, facets)
    frontier        more than MAX_SEEN distinct URLs (a link explosion)

The start URL is special: it may redirect anywhere public (the site's
canonical host joins the scope), and if it cannot be fetched, is not HTML
or is disallowed by robots.txt the scan raises ``ScanIncomplete``.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import urljoin

from logocheck.collect.content import decode_charset, is_html
from logocheck.collect.fetch import LANE, LANE_WIDTH, Fetcher, FetchError, OffScope, Response
from logocheck.collect.links import page_links
from logocheck.collect.options import CrawlOptions
from logocheck.collect.progress import ProgressLine
from logocheck.collect.robots import Robots
from logocheck.collect.scope import Scope
from logocheck.collect.sitemap import SitemapError, parse_sitemap
from logocheck.errors import ScanIncomplete
from logocheck.model import Location, Page, Problem
from logocheck.urls import Resolver, canonical, origin, site_path

MAX_SITEMAPS = 200
#: Distinct URLs remembered (queued or done); past it, new URLs are counted
#: as left, so a page offering millions of links cannot exhaust memory.
MAX_SEEN = 200_000
#: Seconds a page's links may take to parse before they are given up.
PARSE_SECONDS = 20.0
INLINE_PARSE_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class Item:
    url: str
    depth: int
    kind: Literal["page", "sitemap"] = "page"
    referrer: str | None = None
    seq: int = 0
    """Place in the frontier: outcomes are applied in this order (``_settle``)."""


Deliver = Callable[[Page], Awaitable[None]]
#: What a finished item does to the crawl (new links, a delivered page), run in queue order.
Settle = Callable[[], Awaitable[None]]


class Crawl:
    def __init__(
        self,
        start: str,
        options: CrawlOptions,
        fetcher: Fetcher,
        robots: Robots,
        deliver: Deliver,
        progress: ProgressLine | None = None,
    ) -> None:
        self.start = start
        self.options = options
        self.fetcher = fetcher
        self.robots = robots
        self.deliver = deliver
        self.progress = progress
        self.scope = Scope(start, options)
        self.queue: asyncio.Queue[Item] = asyncio.Queue()
        self.seen: set[str] = {start}
        self.resolver = Resolver()
        self.variants: Counter[str] = Counter()
        self.trap_paths: set[str] = set()
        self.problems: list[Problem] = []
        self.counts: Counter[str] = Counter()
        self.left: Counter[str] = Counter()
        self.started = 0
        self.active = 0
        self.queued = 0
        self.next_settle = 0
        self.waiting: dict[int, tuple[Item, Settle | None]] = {}
        self.window = 4 * options.concurrency
        self.settling = asyncio.Lock()
        self.settled = asyncio.Condition()

    async def run(self) -> None:
        """Crawl to the end or to ``--time-budget``, robots.txt and the start page included."""
        deadline = asyncio.get_running_loop().time() + (self.options.time_budget or 0)
        try:
            async with asyncio.timeout_at(deadline if self.options.time_budget else None):
                await self._start()
        except TimeoutError:
            budget = f"--time-budget of {self.options.time_budget:g}s"
            raise ScanIncomplete(
                f"{self.start}: {budget} ran out before the start page was read"
            ) from None
        workers = [asyncio.create_task(self._work(n)) for n in range(self.options.concurrency)]
        try:
            async with asyncio.timeout_at(deadline if self.options.time_budget else None):
                await self.queue.join()
        except TimeoutError:
            unsettled = sum(1 for _, settle in self.waiting.values() if settle is not None)
            self.left["time-budget"] += self.queue.qsize() + self.active + unsettled
        finally:
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            if self.progress:
                self.progress.finish()

    def limit_problems(self) -> list[Problem]:
        where = Location(url=self.start)
        return [
            Problem("limit", self._limit_detail(name, n), where) for name, n in self.left.items()
        ]

    async def _start(self) -> None:
        rules = await self.robots.rules(self.start)
        if not rules.allows(self.start, self.robots.agent):
            why = rules.reason or "robots.txt disallows it; use --no-robots for your own site"
            raise ScanIncomplete(f"{self.start}: {why}")
        try:
            response = await self.fetcher.get(self.start)
        except FetchError as error:
            raise ScanIncomplete(f"{self.start}: {error}") from None
        if response.status != 200:
            raise ScanIncomplete(f"{self.start}: HTTP {response.status}")
        if not is_html(response.headers.get("content-type", ""), response.body):
            raise ScanIncomplete(f"{self.start}: not an HTML page")
        final = canonical(response.url) or self.start
        self.scope.hosts.add(self.scope.site_host(final))
        self.seen.add(final)
        self.started = 1
        await self._page(Item(final, 0), response)
        if self.options.sitemaps:
            self._queue_sitemaps(final, rules.sitemaps)

    def _queue_sitemaps(self, final: str, named: tuple[str, ...]) -> None:
        origins = {origin(self.start), origin(final)}
        for url in [*named, *(f"{site}/sitemap.xml" for site in sorted(origins))]:
            self._add(Item(url, 1, "sitemap"), check_scope=False)

    async def _work(self, number: int) -> None:
        LANE.set(number // LANE_WIDTH)
        while True:
            await self._room()
            item = await self.queue.get()
            self.active += 1
            try:
                settle = await self._handle(item)
            except Exception as error:  # a crawler bug on one page must not end the scan
                self._fail(item, f"internal error: {error!r}")
                settle = None
            finally:
                self.active -= 1
            try:
                await self._settle(item, settle)
            finally:
                self.queue.task_done()

    async def _room(self) -> None:
        """Wait while too many fetched items wait for an earlier one to finish."""
        async with self.settled:
            await self.settled.wait_for(lambda: len(self.waiting) < self.window)

    async def _settle(self, item: Item, settle: Settle | None) -> None:
        """Apply outcomes in the order their items were queued, whatever order
        they finished in: links join the frontier, and pages go out, in an
        order that does not depend on the network, so reports are
        byte-identical at any ``--concurrency``."""
        self.waiting[item.seq] = (item, settle)
        if self.settling.locked():
            return  # the worker settling now reaches this one before it lets go
        async with self.settling:
            while self.next_settle in self.waiting:
                done, action = self.waiting.pop(self.next_settle)
                self.next_settle += 1
                if action is not None:
                    try:
                        await action()
                    except Exception as error:  # as in _work: one page, not the scan
                        self._fail(done, f"internal error: {error!r}")
                async with self.settled:
                    self.settled.notify_all()

    async def _handle(self, item: Item) -> Settle | None:
        if item.kind == "sitemap":
            return await self._sitemap(item)
        refusal = self.fetcher.guard.refusal(item.url)
        if refusal:
            self._fail(item, f"refused: {refusal}")
            return None
        if not await self.robots.allows(item.url):
            self.counts["robots_disallowed"] += 1
            return None
        if self.started >= self.options.max_pages:
            self.left["max-pages"] += 1
            return None
        self.started += 1
        try:
            response = await self.fetcher.get(item.url, self._hop_scope, pages_only=True)
        except OffScope:
            self.counts["offsite_redirects"] += 1
            return None
        except FetchError as error:
            self._fail(item, str(error))
            return None
        return await self._response(item, response)

    async def _response(self, item: Item, response: Response) -> Settle | None:
        if response.status >= 400:
            self._fail(item, f"HTTP {response.status}")
            return None
        if response.status != 200:
            self.counts["no_content"] += 1
            return None
        if not is_html(response.headers.get("content-type", ""), response.body):
            self.counts["not_html"] += 1
            return None
        final = canonical(response.url) or item.url
        page = Item(final, item.depth, referrer=item.referrer)
        read = await self._read(page, response)

        async def settle() -> None:
            if final != item.url:
                if final in self.seen:
                    self.counts["duplicates"] += 1
                    return
                self.seen.add(final)
            await self._accept(page, *read)

        return settle

    async def _page(self, item: Item, response: Response) -> None:
        await self._accept(item, *await self._read(item, response))

    async def _read(self, item: Item, response: Response) -> tuple[bytes, str, list[str]]:
        """The page's text and the links it offers (the part that may run in any order)."""
        content_type = response.headers.get("content-type", "")
        body, encoding = decode_charset(content_type, response.body)
        base, hrefs = await self._links(item, body, encoding)
        base_url = urljoin(item.url, base) if base else item.url
        return body, encoding, self.resolver.resolve(hrefs, base_url)

    async def _accept(self, item: Item, body: bytes, encoding: str, links: list[str]) -> None:
        for url in links:
            if url not in self.seen:
                self._add(Item(url, item.depth + 1, referrer=item.url))
        self.counts["pages"] += 1
        await self.deliver(Page(url=item.url, body=body, encoding=encoding, depth=item.depth))
        if self.progress:
            self.progress.update(self.counts["pages"], self.queue.qsize(), len(self.problems))

    async def _links(self, item: Item, body: bytes, encoding: str) -> tuple[str | None, list[str]]:
        """The page's links, parsed off the event loop within ``PARSE_SECONDS``.

        lxml lets go of the GIL while it parses, so a pathological page
        keeps neither the other workers nor ``--time-budget`` waiting; one
        that takes too long offers no links (the extractor reports the page).
        A page of up to ``INLINE_PARSE_BYTES`` is parsed in place: a thread
        hand-off costs more than its parse, which ``crowded`` keeps short.
        """
        if len(body) <= INLINE_PARSE_BYTES:
            return page_links(body, encoding)
        try:
            async with asyncio.timeout(PARSE_SECONDS):
                return await asyncio.to_thread(page_links, body, encoding)
        except TimeoutError:
            self.counts["links_unread"] += 1
            return None, []

    def _add(self, item: Item, check_scope: bool = True) -> None:
        url = item.url
        if url in self.seen:
            return
        if len(self.seen) >= MAX_SEEN:
            self.left["frontier"] += 1
            return
        self.seen.add(url)
        if check_scope and not self.scope.allows(url):
            return
        if len(url) > self.options.max_url_length:
            self.counts["long_urls"] += 1
        elif item.kind == "page" and _too_deep(item.depth, self.options.max_depth):
            self.left["max-depth"] += 1
        elif self._trapped(url):
            self.left["query-variants"] += 1
        else:
            self.queue.put_nowait(replace(item, seq=self.queued))
            self.queued += 1

    def _trapped(self, url: str) -> bool:
        path, query_mark, _ = url.partition("?")
        if not query_mark:
            return False
        self.variants[path] += 1
        if self.variants[path] <= self.options.max_query_variants:
            return False
        self.trap_paths.add(site_path(path))
        return True

    def _hop_scope(self, url: str) -> str | None:
        return None if self.scope.allows(url) else f"redirect leaves the site: {url}"

    async def _sitemap(self, item: Item) -> Settle | None:
        if self.counts["sitemaps"] >= MAX_SITEMAPS:
            self.counts["sitemaps_skipped"] += 1
            return None
        try:
            response = await self.fetcher.get(item.url)
            if response.status == 404:
                return None  # most sites have no sitemap.xml: nothing to report
            if response.status != 200:
                raise SitemapError(f"HTTP {response.status}")
            sitemap = parse_sitemap(response.body)
        except (FetchError, SitemapError):
            self.counts["sitemaps_unread"] += 1
            return None
        self.counts["sitemaps"] += 1
        kind: Literal["page", "sitemap"] = "sitemap" if sitemap.index else "page"

        async def settle() -> None:
            for location in sitemap.locations:
                url = canonical(location)
                if url is not None:
                    self._add(Item(url, 1, kind, referrer=item.url), check_scope=kind == "page")

        return settle

    def _fail(self, item: Item, reason: str) -> None:
        detail = reason
        if item.referrer:
            detail += f" (linked from {item.referrer})"
        self.problems.append(Problem("fetch", detail, Location(url=item.url)))

    def _limit_detail(self, name: str, left: int) -> str:
        options = self.options
        if name == "max-pages":
            return f"--max-pages limit of {options.max_pages} reached; {left} URLs left unvisited"
        if name == "max-depth":
            return f"--max-depth limit of {options.max_depth} reached; {left} URLs left unvisited"
        if name == "time-budget":
            return f"--time-budget of {options.time_budget:g}s ran out; {left} URLs left unvisited"
        if name == "frontier":
            return f"more than {MAX_SEEN} distinct URLs found; {left} more were left unvisited"
        paths = ", ".join(sorted(self.trap_paths)[:5])
        return (
            f"query-variants limit of {options.max_query_variants} per path reached at {paths} "
            f"(a calendar or faceted-search trap); {left} URLs left unvisited"
        )


def _too_deep(depth: int, limit: int | None) -> bool:
    return limit is not None and depth > limit
