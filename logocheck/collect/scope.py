"""What the crawler may read: the site's own pages, and no private network.

Two separate questions. ``Scope`` says whether a URL is a page of the site
being scanned (same host in http or https, ``www.`` merged when asked,
``--include``/``--exclude`` patterns). ``AddressGuard`` says whether any
request may go to a host at all: a link or redirect to a private, loopback
or link-local address is refused unless it is the target's own host or
``--allow-private`` is given, so a public page cannot point the crawler at
``169.254.169.254`` or an intranet service.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from urllib.parse import urlsplit

from logocheck.collect.options import CrawlOptions
from logocheck.errors import InputError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


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
        host = host.lower().rstrip(".")
        if self.merge_www and host.startswith("www."):
            return host[4:]
        return host


class AddressGuard:
    """Refuses requests to non-public addresses, except the target's own host."""

    def __init__(self, start: str, allow_private: bool) -> None:
        self.own_host = (urlsplit(start).hostname or "").lower()
        self.allow_private = allow_private
        self._verdicts: dict[str, str | None] = {}

    async def refusal(self, url: str) -> str | None:
        """Why a request to ``url`` is refused, or None when it may go."""
        host = (urlsplit(url).hostname or "").lower()
        if self.allow_private or host == self.own_host:
            return None
        if host not in self._verdicts:
            self._verdicts[host] = await _verdict(host)
        return self._verdicts[host]


async def _verdict(host: str) -> str | None:
    for address in await _addresses(host):
        if not address.is_global or address.is_multicast:
            return f"{host} is a private address ({address}); use --allow-private to follow"
    return None


async def _addresses(host: str) -> list[IPAddress]:
    try:
        return [_unmapped(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        pass
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []  # the request itself will fail and say why
    return [_unmapped(ipaddress.ip_address(str(info[4][0]).split("%")[0])) for info in infos]


def _unmapped(address: IPAddress) -> IPAddress:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _patterns(flag: str, patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as error:
            raise InputError(flag, f"bad pattern {pattern!r}: {error}") from None
    return tuple(compiled)
