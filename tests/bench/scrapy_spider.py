"""The peer "minimal Scrapy spider": follows every link, 16 concurrent requests.

    scrapy runspider tests/bench/scrapy_spider.py -a start=URL -s LOG_LEVEL=ERROR

Run by bench_crawl.py from a throwaway virtualenv (Scrapy is not a project
dependency).

These settings are Scrapy at its reasonable best on this benchmark, checked
on the dense 5,000-page site with Scrapy 2.19 (first 1,500 pages, user CPU
per page): as here, 8.3 ms; with the "broad crawls" settings of its
documentation (cookies, retries and redirects off, 64 concurrent requests),
8.2 ms; on Twisted's epoll reactor instead of asyncio, 11.0 ms. The cost is
Scrapy's per-request machinery (every page's 30 links become Requests that
pass the spider middlewares and the duplicate filter), so its pages/s is
CPU-bound and falls with the machine's load. Logging is at ERROR from the
start of the crawl (a dozen start-up lines only).
"""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy


class Follow(scrapy.Spider):
    name = "follow"
    custom_settings: ClassVar[dict[str, Any]] = {
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "ROBOTSTXT_OBEY": False,
        "LOG_LEVEL": "ERROR",
        "TELNETCONSOLE_ENABLED": False,
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
    }

    def __init__(self, start: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [start]
        self.allowed_domains = [urlsplit(start).hostname]

    def parse(self, response: Any) -> Any:
        yield from response.follow_all(css="a")

    def closed(self, reason: str) -> None:
        assert self.crawler.stats is not None
        print(self.crawler.stats.get_value("response_received_count", 0))
