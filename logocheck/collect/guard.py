"""No private network: the address check is made on the address connected to.

A link, redirect or image leading to a private, loopback, link-local or
multicast address is refused unless it is the target's own host or
``--allow-private`` is given, so a public page cannot point the crawler at
``169.254.169.254`` or an intranet service.

The check cannot be a lookup made beside the request: a name can answer a
public address (or fail) to that lookup and a private one to the
connection's own (DNS rebinding). So the check lives in the connection
itself: ``GuardedBackend`` is the httpcore network backend of every
client; it resolves the host once, refuses when the lookup fails or any
answer is not public, and connects to exactly the addresses it checked.
Nothing is cached between connections, so there is no verdict to rebind.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Awaitable, Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Looks a host name up: every address it answers, or OSError.
Resolve = Callable[[str], Awaitable[list[str]]]


class AddressRefused(Exception):
    """A connection the guard would not open; ``str()`` is the reason."""


async def system_resolve(host: str) -> list[str]:
    """The host's addresses from the system resolver (getaddrinfo)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


class AddressGuard:
    """Which hosts may be connected to, and at which addresses."""

    def __init__(self, start: str, allow_private: bool, resolve: Resolve = system_resolve) -> None:
        self.own_host = (urlsplit(start).hostname or "").lower()
        self.allow_private = allow_private
        self.resolve = resolve

    def exempt(self, host: str) -> bool:
        return self.allow_private or host.lower().strip("[]") == self.own_host.strip("[]")

    def refusal(self, url: str) -> str | None:
        """Why ``url`` is refused before any lookup: an address literal that is not public."""
        host = (urlsplit(url).hostname or "").lower()
        if self.exempt(host):
            return None
        address = _literal(host)
        return None if address is None else _private(host, [address])

    async def addresses(self, host: str) -> list[str]:
        """The addresses a connection to ``host`` may use; raises AddressRefused."""
        if self.exempt(host):
            return [host]
        literal = _literal(host)
        found = [literal] if literal is not None else await self._lookup(host)
        reason = _private(host, found)
        if reason:
            raise AddressRefused(reason)
        return [str(address) for address in found]

    async def _lookup(self, host: str) -> list[IPAddress]:
        try:
            answers = await self.resolve(host)
            found = [_unmapped(ipaddress.ip_address(a.split("%")[0])) for a in answers]
        except (OSError, UnicodeError, ValueError) as error:
            raise AddressRefused(f"{host} could not be resolved ({error})") from None
        if not found:
            raise AddressRefused(f"{host} could not be resolved (no address)")
        return found


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """A network backend that connects only to addresses the guard checked."""

    def __init__(self, guard: AddressGuard, inner: httpcore.AsyncNetworkBackend | None = None):
        self.guard = guard
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        failure: Exception | None = None
        for address in await self.guard.addresses(host):
            try:
                return await self.inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error
        assert failure is not None
        raise failure

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise AddressRefused(f"unix socket {path} refused")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def guarded_transport(
    backend: GuardedBackend, limits: httpx.Limits, tls: ssl.SSLContext
) -> httpx.AsyncHTTPTransport:
    """httpx's own transport, its connection pool built on ``backend``.

    httpx takes no network backend, so the pool it built is swapped for an
    identical one that has it; TLS still verifies the URL's host name.
    ``tls`` is shared by every client of a crawl: building a context reads
    the whole CA bundle (about 30 ms of CPU each).
    """
    transport = httpx.AsyncHTTPTransport(verify=tls, limits=limits)
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=tls,
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=backend,
    )
    return transport


def _literal(host: str) -> IPAddress | None:
    try:
        return _unmapped(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


def _private(host: str, addresses: list[IPAddress]) -> str | None:
    for address in addresses:
        if not address.is_global or address.is_multicast:
            return f"{host} is a private address ({address}); use --allow-private to follow"
    return None


def _unmapped(address: IPAddress) -> IPAddress:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address
