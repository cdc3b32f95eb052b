"""URLs: parsing that never raises, and one spelling per page.

A malformed URL on a page is one bad link, not a bad page, so ``split``,
``hostname`` and ``join`` never raise. ``bare_host`` is the one place a
host name loses its ``www.``; ``data_url`` reads the bytes a ``data:`` URL
carries.

``canonical`` gives one spelling per page, so a crawl visits it once. Two
links that a server answers with the same page should become the same
string: the fragment goes, the scheme and host are lower-cased, the default
port is dropped, dot segments are resolved, the query is sorted, and the
parameters that only track visitors or carry a session are removed. Session
IDs in the path (``;jsessionid=...``) go too. That is what makes a site
that appends a fresh session ID to every link finite.
"""

from __future__ import annotations

import base64
import posixpath
import re
from urllib.parse import (
    SplitResult,
    parse_qsl,
    quote,
    unquote_to_bytes,
    urlencode,
    urljoin,
    urlsplit,
    urlunsplit,
)

from logocheck.errors import AssetError

TRACKING_PARAMS = frozenset(
    {
        "gclid", "gclsrc", "dclid", "fbclid", "msclkid", "yclid", "twclid", "igshid",
        "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "vero_id", "ref_src",
    }
)  # fmt: skip
SESSION_PARAMS = frozenset(
    {
        "sid", "sessionid", "session_id", "session", "jsessionid", "phpsessid",
        "aspsessionid", "cfid", "cftoken", "zenid", "oscsid", "s_id",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "hsa_")
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid|sessionid)=[^/?#]*", re.IGNORECASE)
_ESCAPE = re.compile(r"%[0-9a-f]{2}", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SAFE_PATH = "/:@!$&'()*+,;=-._~%"
_SAFE_QUERY = "/?:@!$'()*+,;-._~%"
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


def bare_host(host: str) -> str:
    """A host as a company is known by it: lower-case, no trailing dot, no ``www.``.

    ``WWW.Globex.com.`` -> ``globex.com``; ``www.io`` keeps its ``www``, since
    dropping it would leave a bare top-level domain.
    """
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") and host.count(".") > 1 else host


def join(base: str, url: str) -> str:
    """``urljoin``, or ``url`` unchanged when either cannot be parsed."""
    try:
        return urljoin(base, url)
    except ValueError:
        return url


def canonical(url: str, base: str | None = None) -> str | None:
    """The canonical form of ``url`` (resolved against ``base``), or None.

    None means the link is not a web page address: another scheme, no
    host, or a string no server could answer.
    """
    try:
        joined = urljoin(base, url.strip()) if base else url.strip()
        parts = urlsplit(joined)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS or not parts.hostname:
            return None
        host = _host(parts.hostname)
        port = parts.port
    except ValueError:
        return None
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, _path(parts.path), _query(parts.query), ""))


class Resolver:
    """``canonical`` for the links of many pages, remembering what it resolved.

    A site's pages share most of their links (navigation, footers, related
    posts), and root-relative or absolute hrefs do not depend on the page
    they are on, only on its origin; so those are resolved once per scan.
    The memo is cleared when it reaches ``size`` entries, so it stays bounded.
    """

    def __init__(self, size: int = 200_000) -> None:
        self.size = size
        self._memo: dict[str, str | None] = {}

    def resolve(self, hrefs: list[str], base: str) -> list[str]:
        root = origin(base)
        found = []
        for href in hrefs:
            if href.startswith(("http://", "https://")):
                key = href
            elif href.startswith("/") and not href.startswith("//"):
                key = root + href
            else:
                url = canonical(href, base)
                if url is not None:
                    found.append(url)
                continue
            url = self._memo.get(key, "")
            if url == "":
                if len(self._memo) >= self.size:
                    self._memo.clear()
                url = self._memo[key] = canonical(key)
            if url is not None:
                found.append(url)
        return found


def origin(url: str) -> str:
    """``scheme://host[:port]``, lower-cased: what robots.txt, credentials and
    root-relative links belong to."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def site_path(url: str) -> str:
    """The path and query of a URL, for messages and comparisons."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _host(hostname: str) -> str:
    host = hostname.lower().rstrip(".")
    if ":" in host:
        return f"[{host}]"
    if not host.isascii():
        host = host.encode("idna").decode("ascii")
    return host


def _path(path: str) -> str:
    path = _PATH_SESSION.sub("", path) or "/"
    if not path.startswith("/"):
        path = "/" + path
    normal = posixpath.normpath(path)
    if path.endswith("/") and normal != "/":
        normal += "/"
    normal = normal.replace("//", "/") if normal.startswith("//") else normal
    return _ESCAPE.sub(lambda m: m.group(0).upper(), quote(normal, safe=_SAFE_PATH))


def _query(query: str) -> str:
    if not query:
        return ""
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if _kept(k)]
    return urlencode(sorted(pairs), quote_via=quote, safe=_SAFE_QUERY)


def _kept(name: str) -> bool:
    lower = name.lower()
    if lower in TRACKING_PARAMS or lower in SESSION_PARAMS:
        return False
    return not lower.startswith(TRACKING_PREFIXES)


def data_url(url: str) -> bytes:
    """The bytes a ``data:`` URL carries (an inline logo or a blur-up placeholder)."""
    header, comma, data = url.partition(",")
    if not comma:
        raise AssetError("malformed data: URL")
    if header.lower().endswith(";base64"):
        try:
            return base64.b64decode(data, validate=False)
        except ValueError as error:
            raise AssetError(f"malformed base64 data: URL ({error})") from None
    return unquote_to_bytes(data)
