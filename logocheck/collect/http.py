"""The HTTP source: a live site, crawled by httpx in a background thread.

The pipeline is synchronous and reads ``pages()`` in its own thread; the
crawler is asyncio. They meet at a bounded hand-off: the crawler thread
runs its own event loop and puts each page on a queue that holds at most
``QUEUE_PAGES`` pages; a crawler coroutine with a page to deliver waits while
it is full, and the consumer wakes it (``call_soon_threadsafe``) only when
one is waiting, so a fast crawl costs the pipeline thread no wake-ups.
Memory therefore stays flat however large the site: what is held is the
frontier of URLs, the pages in flight and the queue. The loop outlives the
crawl so ``read_asset`` can fetch images through the same client (and its
connection pool) later in the scan.
"""

from __future__ import annotations

import asyncio
import queue
import ssl
import sys
import threading
import weakref
from collections import Counter, OrderedDict
from collections.abc import Coroutine, Iterator
from http.cookiejar import CookieJar
from typing import Any, TypeVar

import httpcore
import httpx

from logocheck.collect import AssetError
from logocheck.collect.cache import Cache
from logocheck.collect.content import data_url
from logocheck.collect.crawl import Crawl
from logocheck.collect.fetch import COUNTED, LANE_WIDTH, Fetcher, FetchError
from logocheck.collect.guard import (
    AddressGuard,
    GuardedBackend,
    Resolve,
    guarded_transport,
    system_resolve,
)
from logocheck.collect.options import CrawlOptions
from logocheck.collect.progress import ProgressLine, wanted
from logocheck.collect.robots import Robots
from logocheck.errors import TargetError
from logocheck.model import Page, Problem
from logocheck.urls import canonical

T = TypeVar("T")
QUEUE_PAGES = 32
ASSET_CACHE_BYTES = 64 * 1024 * 1024
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
_DONE = object()


class HttpSource:
    """Pages of a live site, crawled from ``target``; images fetched on demand.

    ``transport`` replaces httpx's transport, guard included (for offline
    use); ``resolve`` and ``network`` replace the guard's name lookup and
    the sockets under it (a scripted resolver, a recording backend).
    """

    def __init__(
        self,
        target: str,
        options: CrawlOptions,
        transport: httpx.AsyncBaseTransport | None = None,
        resolve: Resolve = system_resolve,
        network: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        start = canonical(target)
        if start is None:
            raise TargetError(target, "not a valid http(s) URL")
        self.start = start
        self.options = options
        self.transport = transport
        self.guard = AddressGuard(start, options.allow_private, resolve)
        self.network = GuardedBackend(self.guard, network)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._fetcher: Fetcher | None = None
        self._crawl: Crawl | None = None
        self._assets: OrderedDict[str, bytes | str] = OrderedDict()
        self._asset_bytes = 0
        self._space: asyncio.Event | None = None
        self._waiting = False

    # -- the Source interface ------------------------------------------------

    def pages(self) -> Iterator[Page]:
        out: queue.SimpleQueue[object] = queue.SimpleQueue()
        loop = self._ensure_loop()
        future = asyncio.run_coroutine_threadsafe(self._run(out), loop)
        try:
            while (item := out.get()) is not _DONE:
                if isinstance(item, BaseException):
                    raise item
                assert isinstance(item, Page)
                if self._waiting:  # wake the crawler only when it waits for room
                    self._waiting = False
                    loop.call_soon_threadsafe(self._wake)
                yield item
        finally:
            if not future.done():
                future.cancel()
                _wait_quietly(future)

    def read_asset(self, url: str) -> bytes:
        if url.startswith("data:"):
            return data_url(url)
        absolute = canonical(url, self.start)
        if absolute is None:
            raise AssetError(f"{url} is not an http(s) URL")
        cached = self._assets.get(absolute)
        if cached is None:
            cached = self._call(self._fetch_asset(absolute))
            self._remember(absolute, cached)
        if isinstance(cached, str):
            raise AssetError(cached)
        return cached

    def problems(self) -> list[Problem]:
        if self._crawl is None:
            return []
        found = self._crawl.problems + self._crawl.limit_problems()
        return sorted(found, key=lambda p: (p.kind, p.location.url, p.detail))

    def counts(self) -> dict[str, int]:
        tally: Counter[str] = Counter()
        if self._crawl is not None:
            tally.update(self._crawl.counts)
            tally["failed"] = len(self._crawl.problems)
        if self._fetcher is not None:
            tally.update(self._fetcher.counts)
        return {name: n for name, n in sorted(tally.items()) if n}

    def close(self) -> None:
        """Close the connections and stop the background loop."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        if self._fetcher is not None:
            for client in self._fetcher.clients:
                self._call(client.aclose())
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        loop.close()
        self._loop = self._thread = None

    def __enter__(self) -> HttpSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the crawler thread ----------------------------------------------------

    async def _run(self, out: queue.SimpleQueue[object]) -> None:
        space = self._space = asyncio.Event()

        async def deliver(page: Page) -> None:
            while out.qsize() >= QUEUE_PAGES:
                space.clear()
                self._waiting = True
                if out.qsize() < QUEUE_PAGES:  # the consumer took one meanwhile
                    break
                await space.wait()
            out.put(page)

        progress = ProgressLine() if wanted(self.options.progress, sys.stderr) else None
        fetcher = self._ensure_fetcher()
        robots = Robots(fetcher, self.options.user_agent, self.options.robots)
        self._crawl = Crawl(self.start, self.options, fetcher, robots, deliver, progress)
        try:
            await self._crawl.run()
        except BaseException as error:
            out.put(error)
            raise
        finally:
            out.put(_DONE)

    def _wake(self) -> None:
        if self._space is not None:
            self._space.set()

    async def _fetch_asset(self, url: str) -> bytes | str:
        COUNTED.set(False)  # this task only: see COUNTED
        try:
            response = await self._ensure_fetcher().get(url)
        except FetchError as error:
            return f"{url}: {error}"
        if response.status != 200:
            return f"{url}: HTTP {response.status}"
        return response.body

    def _ensure_fetcher(self) -> Fetcher:
        if self._fetcher is None:
            options = self.options
            jar, tls = CookieJar(), httpx.create_ssl_context()
            clients = [self._client(jar, tls) for _ in range(lanes(options.concurrency))]
            cache = Cache(options.cache) if options.cache else None
            self._fetcher = Fetcher(clients, options, self.guard, self.start, cache)
        return self._fetcher

    def _client(self, jar: CookieJar, tls: ssl.SSLContext) -> httpx.AsyncClient:
        """A client whose connections go through the guard.

        Proxies from the environment are not used (``trust_env``): through a
        proxy the guard would check the proxy's address, not the site's.
        """
        limits = httpx.Limits(
            max_connections=LANE_WIDTH + 1, max_keepalive_connections=LANE_WIDTH + 1
        )
        return httpx.AsyncClient(
            headers={
                "User-Agent": self.options.user_agent,
                "Accept": ACCEPT,
                "Accept-Encoding": "gzip, deflate",
            },
            cookies=jar,
            timeout=httpx.Timeout(self.options.timeout, connect=self.options.connect_timeout),
            follow_redirects=False,
            trust_env=False,
            transport=self.transport or guarded_transport(self.network, limits, tls),
        )

    def _ensure_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="logocheck-crawl", daemon=True)
            thread.start()
            self._loop, self._thread = loop, thread
            weakref.finalize(self, _stop, loop)  # a source dropped without close()
        return self._loop

    def _call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        loop = self._ensure_loop()
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result()

    def _remember(self, url: str, value: bytes | str) -> None:
        self._assets[url] = value
        self._asset_bytes += len(value)
        while self._asset_bytes > ASSET_CACHE_BYTES and len(self._assets) > 1:
            _, dropped = self._assets.popitem(last=False)
            self._asset_bytes -= len(dropped)


def lanes(concurrency: int) -> int:
    """How many clients the crawl workers are spread over (see ``Fetcher``)."""
    return max(1, -(-concurrency // LANE_WIDTH))


def _stop(loop: asyncio.AbstractEventLoop) -> None:
    if not loop.is_closed():
        loop.call_soon_threadsafe(loop.stop)


def _wait_quietly(future: Any) -> None:
    try:
        future.result(timeout=5)
    except BaseException:  # the crawl was cancelled or failed; the caller has moved on
        return
