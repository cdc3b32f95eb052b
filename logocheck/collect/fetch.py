"""One GET, done the careful way: hop by hop, retried, bounded.

``Fetcher.get`` follows redirects itself so every hop is checked (http or
https only, no private address, at most ``max_redirects``, no loops) and the
site's credentials are only sent to the site's own origin. Each hop is
retried with exponential backoff and jitter on connection errors, 429 and
5xx, honouring ``Retry-After`` up to a cap. A whole request, body included,
must finish within ``timeout``: a server dripping a byte a second cannot
hold a worker. Bodies are decompressed here, not by httpx, so the size
limit counts decoded bytes and a gzip bomb stops at ``max_bytes``.
"""

from __future__ import annotations

import asyncio
import base64
import random
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from logocheck.collect.cache import Cache
from logocheck.collect.content import could_be_page
from logocheck.collect.guard import AddressGuard, AddressRefused
from logocheck.collect.options import CrawlOptions
from logocheck.urls import canonical, origin

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A URL that gave no usable response; ``str()`` is the reason."""


class OffScope(FetchError):
    """A redirect leading out of what the caller accepts (not a failure)."""


@dataclass(frozen=True, slots=True)
class Response:
    url: str
    status: int
    headers: httpx.Headers
    body: bytes
    skipped: bool = False


HopCheck = Callable[[str], str | None]

LANE_WIDTH = 4  # crawl workers (and connections) per client

#: Which of the fetcher's clients the current task uses.
LANE: ContextVar[int] = ContextVar("LANE", default=0)
#: Whether the current task's requests are tallied. Images are fetched on the
#: pipeline's demand while the crawl runs; how many of them fall before the
#: crawl's tally is taken is a race, and reports must be byte-identical.
COUNTED: ContextVar[bool] = ContextVar("COUNTED", default=True)


class Fetcher:
    """GETs through a few clients sharing one cookie jar, counting retries and cache hits.

    httpcore scans every connection of its pool on each request, so one pool
    of 16 connections costs more CPU per request than four pools of four
    (measured: about a quarter of the crawl's throughput). Each crawl worker
    sets its ``LANE`` and always uses that lane's client; everything else
    (robots.txt, sitemaps, images) uses lane 0.
    """

    def __init__(
        self,
        clients: Sequence[httpx.AsyncClient],
        options: CrawlOptions,
        guard: AddressGuard,
        site: str,
        cache: Cache | None = None,
    ) -> None:
        self.clients = tuple(clients)
        self.options = options
        self.guard = guard
        self.origin = origin(site)
        self.cache = cache
        self.counts: Counter[str] = Counter()
        self.credentials = _credentials(options)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    async def get(
        self,
        url: str,
        in_scope: HopCheck | None = None,
        pages_only: bool = False,
        head: int | None = None,
    ) -> Response:
        """The final response for ``url``; raises FetchError (or OffScope).

        ``in_scope`` is asked about every redirect target and returns why
        it is refused, or None. With ``pages_only`` the body of a response
        whose Content-Type cannot be a page (an image, a PDF, a video) is
        not downloaded: the response comes back with ``skipped`` set. With
        ``head`` only the first ``head`` bytes are read, whatever the size.
        """
        chain = [url]
        while True:
            response = await self._hop(chain[-1], pages_only, head)
            if response.status not in REDIRECT_STATUSES:
                return response
            target = self._next_hop(chain, response)
            refusal = self.guard.refusal(target)
            if refusal:
                raise FetchError(f"redirect refused: {refusal}")
            reason = in_scope(target) if in_scope else None
            if reason:
                raise OffScope(reason)
            chain.append(target)

    def _next_hop(self, chain: list[str], response: Response) -> str:
        location = response.headers.get("location", "")
        target = urljoin(chain[-1], location.strip())
        scheme = urlsplit(target).scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(f"redirect to a {scheme or 'non-web'}: URL refused ({location[:80]})")
        target = canonical(target) or target
        if target in chain:
            raise FetchError(f"redirect loop: {' -> '.join(chain[chain.index(target) :])}")
        if len(chain) > self.options.max_redirects:
            raise FetchError(f"more than {self.options.max_redirects} redirects")
        return target

    async def _hop(self, url: str, pages_only: bool, head: int | None) -> Response:
        reason = self.guard.refusal(url)
        if reason:
            raise FetchError(f"refused: {reason}")
        for attempt in range(self.options.retries + 1):
            last = attempt == self.options.retries
            try:
                response = await self._once(url, pages_only, head)
            except AddressRefused as error:
                raise FetchError(f"refused: {error}") from None
            except httpx.InvalidURL as error:  # httpx reads a redirect's Location itself
                raise FetchError(f"invalid URL refused: {error}") from None
            except httpx.TransportError as error:
                if last or isinstance(error, httpx.TimeoutException):
                    raise FetchError(_transport_reason(error)) from None
                await self._pause(attempt, None)
                continue
            if response.status not in RETRY_STATUSES or last:
                return response
            await self._pause(attempt, response.headers.get("retry-after"))
        raise AssertionError("unreachable")  # pragma: no cover

    async def _pause(self, attempt: int, retry_after: str | None) -> None:
        self._count("retries")
        delay = retry_delay(retry_after, self.options.max_retry_after)
        if delay is None:
            delay = self.options.backoff * 2**attempt * random.uniform(0.5, 1.5)
        await asyncio.sleep(delay)

    async def _once(self, url: str, pages_only: bool, head: int | None) -> Response:
        headers = self._headers(url)
        entry = self.cache.lookup(url) if self.cache else None
        if entry is not None:
            headers.update(entry.validators())
        try:
            async with self._host_slot(url), asyncio.timeout(self.options.timeout):
                response = await self._send(url, headers, pages_only, head)
        except TimeoutError:
            raise FetchError(f"no complete response within {self.options.timeout:g}s") from None
        if response.status == 304 and entry is not None:
            self._count("cached")
            return Response(url, 200, entry.headers, entry.body)
        if self.cache is not None and response.status == 200 and not response.skipped:
            self.cache.store(url, response.headers, response.body)
        return response

    async def _send(
        self, url: str, headers: dict[str, str], pages_only: bool, head: int | None
    ) -> Response:
        client = self.clients[LANE.get() % len(self.clients)]
        request = client.build_request("GET", url, headers=headers)
        raw = await client.send(request, stream=True)
        skipped = pages_only and not could_be_page(raw.headers.get("content-type", ""))
        try:
            body = b""
            if raw.status_code not in REDIRECT_STATUSES and not skipped:
                body = await read_body(raw, self.options.max_bytes, head)
        finally:
            await raw.aclose()
        self._count("requests")
        return Response(url, raw.status_code, raw.headers, body, skipped=skipped)

    def _count(self, name: str) -> None:
        if COUNTED.get():
            self.counts[name] += 1

    def _host_slot(self, url: str) -> asyncio.Semaphore:
        """The semaphore that keeps at most ``per_host`` requests on one host."""
        host = urlsplit(url).netloc.lower()
        slot = self._hosts.get(host)
        if slot is None:
            slot = self._hosts[host] = asyncio.Semaphore(self.options.per_host)
        return slot

    def _headers(self, url: str) -> dict[str, str]:
        if origin(url) == self.origin:
            return dict(self.credentials)
        return {}


async def read_body(response: httpx.Response, limit: int, head: int | None = None) -> bytes:
    """The decoded body, refusing more than ``limit`` decoded bytes.

    With ``head``, the first ``head`` decoded bytes instead, however long the body.
    """
    if head is not None:
        return await _read_head(response, head)
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise FetchError(f"response of {int(length)} bytes is over the {limit}-byte limit")
    decoder = _decoder(response.headers.get("content-encoding", ""))
    parts: list[bytes] = []
    size = 0
    async for chunk in response.aiter_raw():
        for part in decoder(chunk, limit - size + 1):
            size += len(part)
            if size > limit:
                raise FetchError(f"response is over the {limit}-byte limit once decoded")
            parts.append(part)
    return b"".join(parts)


async def _read_head(response: httpx.Response, head: int) -> bytes:
    decoder = _decoder(response.headers.get("content-encoding", ""))
    parts: list[bytes] = []
    size = 0
    async for chunk in response.aiter_raw():
        for part in decoder(chunk, head - size + 1):
            parts.append(part)
            size += len(part)
        if size >= head:
            break
    return b"".join(parts)[:head]


Decoder = Callable[[bytes, int], list[bytes]]


def _decoder(encoding: str) -> Decoder:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return lambda chunk, _room: [chunk]
    if encoding in ("gzip", "x-gzip", "deflate"):
        bits = 16 + zlib.MAX_WBITS if encoding != "deflate" else zlib.MAX_WBITS
        return _zlib_decoder(zlib.decompressobj(bits))
    raise FetchError(f"unsupported Content-Encoding {encoding!r}")


def _zlib_decoder(state: zlib._Decompress) -> Decoder:
    """Decompress at most ``room`` bytes at a time, so a bomb never expands in memory."""

    def decode(chunk: bytes, room: int) -> list[bytes]:
        out = []
        try:
            part = state.decompress(chunk, room)
            out.append(part)
            while state.unconsumed_tail and len(part) < room:
                room -= len(part)
                part = state.decompress(state.unconsumed_tail, room)
                out.append(part)
        except zlib.error as error:
            raise FetchError(f"corrupt compressed body: {error}") from None
        return out  # when input is left over, ``out`` already holds more than ``room``

    return decode


def retry_delay(value: str | None, cap: float) -> float | None:
    """Seconds a ``Retry-After`` value asks for (seconds or HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, min((when - datetime.now(UTC)).total_seconds(), cap))


def _credentials(options: CrawlOptions) -> dict[str, str]:
    headers = dict(options.headers)
    if options.auth is not None:
        token = base64.b64encode(":".join(options.auth).encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    return headers


def _transport_reason(error: httpx.TransportError) -> str:
    kind = type(error).__name__
    detail = str(error).strip() or "no detail"
    return f"{kind}: {detail}"[:200]
