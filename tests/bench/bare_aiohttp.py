"""The peer "bare aiohttp + lxml" crawler: the bare_httpx.py loop on aiohttp.

    python tests/bench/bare_aiohttp.py URL [WORKERS]

Run from the benchmark's throwaway virtualenv (aiohttp is not a project
dependency). It measures what the same loop costs on a client with a C
HTTP parser, to tell httpx's overhead from the crawler's.
"""

from __future__ import annotations

import asyncio
import sys
from urllib.parse import urldefrag, urljoin, urlsplit

import aiohttp
from lxml import html


async def crawl(start: str, workers: int) -> int:
    host = urlsplit(start).netloc
    seen = {start}
    queue: asyncio.Queue[str] = asyncio.Queue()
    queue.put_nowait(start)
    pages = 0
    connector = aiohttp.TCPConnector(limit=workers)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def work() -> None:
            nonlocal pages
            while True:
                url = await queue.get()
                try:
                    async with session.get(url) as response:
                        body = await response.read()
                    pages += 1
                    for href in html.fromstring(body).xpath("//a/@href"):
                        link = urldefrag(urljoin(url, href))[0]
                        if urlsplit(link).netloc == host and link not in seen:
                            seen.add(link)
                            queue.put_nowait(link)
                finally:
                    queue.task_done()

        tasks = [asyncio.create_task(work()) for _ in range(workers)]
        await queue.join()
        for task in tasks:
            task.cancel()
    return pages


if __name__ == "__main__":
    print(asyncio.run(crawl(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 16)))
