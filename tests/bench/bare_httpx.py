"""The peer "bare httpx + lxml" crawler: 16 workers, same host, no politeness.

    python tests/bench/bare_httpx.py URL [WORKERS]

Prints the number of pages fetched. It is what a crawler costs with httpx
before anything a trusted crawler must do, so it is the bound logocheck's
own crawler is compared with.
"""

from __future__ import annotations

import asyncio
import sys
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx
from lxml import html


async def crawl(start: str, workers: int) -> int:
    host = urlsplit(start).netloc
    seen = {start}
    queue: asyncio.Queue[str] = asyncio.Queue()
    queue.put_nowait(start)
    pages = 0
    limits = httpx.Limits(max_connections=workers, max_keepalive_connections=workers)
    async with httpx.AsyncClient(limits=limits) as client:

        async def work() -> None:
            nonlocal pages
            while True:
                url = await queue.get()
                try:
                    response = await client.get(url)
                    pages += 1
                    for href in html.fromstring(response.content).xpath("//a/@href"):
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
