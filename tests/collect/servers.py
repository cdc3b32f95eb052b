"""Real HTTP servers on 127.0.0.1 for the crawler tests.

``SiteServer`` serves a folder the way a static host does (pretty URLs,
content types, ETag and Last-Modified with 304s). ``HostileServer`` answers
each path with a scripted misbehaviour: redirect loops, drips, bombs, 429s.
Both keep a log of the paths requested and the status sent, so a test can
assert on what the crawler actually did over the wire.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # small header and body writes must not wait for ACKs
    server: Server

    def handle(self) -> None:
        try:
            super().handle()
        except ConnectionError:
            return  # the crawler hung up (a deadline or size limit): expected

    def do_GET(self) -> None:
        self.server.log.append((self.path, dict(self.headers.items())))
        self.server.respond(self)

    def log_message(self, format: str, *args: object) -> None:
        return

    def send(
        self, status: int, body: bytes = b"", content_type: str = "text/html", **headers: str
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        if "Content-Length" not in {n.replace("_", "-") for n in headers}:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.server.statuses.append((self.path, status))


class Server(ThreadingHTTPServer):
    daemon_threads = True
    respond: Callable[[Handler], None]

    def __init__(self, respond: Callable[[Handler], None], host: str = "127.0.0.1") -> None:
        super().__init__((host, 0), Handler)
        self.respond = respond  # type: ignore[assignment]
        self.log: list[tuple[str, dict[str, str]]] = []
        self.statuses: list[tuple[str, int]] = []

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def paths(self) -> list[str]:
        return [path for path, _ in self.log]


# How often the serving thread looks for a shutdown request. The standard
# library's half second made every server's shutdown cost up to that much.
POLL_SECONDS = 0.01


@contextmanager
def serving(respond: Callable[[Handler], None], host: str = "127.0.0.1") -> Iterator[Server]:
    """Serve on ``host`` (any loopback address), on a free port."""
    server = Server(respond, host)
    thread = threading.Thread(target=server.serve_forever, args=(POLL_SECONDS,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def site(root: Path) -> Callable[[Handler], None]:
    """A static host for ``root``: pretty URLs, validators, 304s, 404s."""

    def respond(handler: Handler) -> None:
        path = _file(root, unquote(urlsplit(handler.path).path))
        if path is None:
            handler.send(404, b"<h1>Not found</h1>")
            return
        body = path.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        modified = formatdate(path.stat().st_mtime, usegmt=True)
        if handler.headers.get("If-None-Match") == etag:
            handler.send(304, b"", "", ETag=etag, Content_Length="0")
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind.startswith("text/"):
            kind += "; charset=utf-8"
        handler.send(200, body, kind, ETag=etag, Last_Modified=modified)

    return respond


def _file(root: Path, path: str) -> Path | None:
    relative = path.lstrip("/")
    tries = [relative + "index.html"] if relative.endswith("/") or not relative else []
    tries += [relative, relative + ".html", relative + "/index.html"]
    for candidate in tries:
        if not candidate:
            continue
        file = (root / candidate).resolve()
        if file.is_relative_to(root.resolve()) and file.is_file():
            return file
    return None


Route = Callable[[Handler], None]


def routes(table: dict[str, Route]) -> Callable[[Handler], None]:
    """Answer each path (without its query) with its route; 404 otherwise."""

    def respond(handler: Handler) -> None:
        route = table.get(urlsplit(handler.path).path)
        if route is None:
            handler.send(404, b"<h1>Not found</h1>")
        else:
            route(handler)

    return respond


def page(body: str, status: int = 200, **headers: str) -> Route:
    return lambda h: h.send(status, body.encode("utf-8"), "text/html; charset=utf-8", **headers)


def raw(body: bytes, content_type: str, status: int = 200, **headers: str) -> Route:
    return lambda h: h.send(status, body, content_type, **headers)


def redirect(location: str, status: int = 302) -> Route:
    return lambda h: h.send(status, b"", "", Location=location)


def flaky(failures: int, status: int, then: Route, **headers: str) -> Route:
    """Answer ``status`` ``failures`` times, then as ``then``."""
    count = [0]

    def respond(handler: Handler) -> None:
        count[0] += 1
        if count[0] <= failures:
            handler.send(status, b"busy", "text/plain", **headers)
        else:
            then(handler)

    return respond


def drip(seconds: float) -> Route:
    """A page whose body arrives one byte per ``seconds``."""

    def respond(handler: Handler) -> None:
        body = b"<html><body>" + b"x" * 100 + b"</body></html>"
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        try:
            for byte in body:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(seconds)
        except OSError:
            return

    return respond


def gzip_bomb(decoded: int) -> Route:
    """A gzip body that inflates to ``decoded`` bytes (about 1000:1)."""
    packed = gzip.compress(b"<html>" + b"\0" * decoded, compresslevel=9)
    return raw(packed, "text/html", Content_Encoding="gzip")


def endless(prefix: str = "/calendar") -> Route:
    """A calendar: every month links to the next one, forever."""

    def respond(handler: Handler) -> None:
        query = urlsplit(handler.path).query
        month = int(query.split("=")[-1]) if query.startswith("month=") else 0
        body = f'<a href="{prefix}?month={month + 1}">next</a>'
        handler.send(200, body.encode(), "text/html")

    return respond
