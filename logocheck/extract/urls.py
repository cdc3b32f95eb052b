"""URL parsing that never raises: a malformed URL on a page is one bad link, not a bad page."""

from __future__ import annotations

from urllib.parse import SplitResult, urljoin, urlsplit

_EMPTY = SplitResult("", "", "", "", "")


def split(url: str) -> SplitResult:
    """``urlsplit``, or an empty result for a URL it rejects (``http://[::1``)."""
    try:
        return urlsplit(url)
    except ValueError:
        return _EMPTY


def hostname(url: str) -> str:
    """The URL's host name, or "" when it has none or cannot be parsed."""
    try:
        return split(url).hostname or ""
    except ValueError:
        return ""


def join(base: str, url: str) -> str:
    """``urljoin``, or ``url`` unchanged when either cannot be parsed."""
    try:
        return urljoin(base, url)
    except ValueError:
        return url
