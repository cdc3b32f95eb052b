"""A response cache on disk, revalidated with ETag and Last-Modified.

A re-scan of an unchanged site then costs one conditional request and a
304 per URL instead of the whole body. Only successful (200) responses
that carry a validator are kept: a failure is never cached, so a page that
failed once is fetched again next time. Each entry is two files named by
the SHA-256 of the URL, written atomically so an interrupted scan never
leaves a torn entry behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx

KEPT_HEADERS = ("content-type", "etag", "last-modified")


@dataclass(frozen=True, slots=True)
class CacheEntry:
    headers: httpx.Headers
    body: bytes

    def validators(self) -> dict[str, str]:
        """The conditional-request headers that revalidate this entry."""
        found = {}
        if "etag" in self.headers:
            found["If-None-Match"] = self.headers["etag"]
        if "last-modified" in self.headers:
            found["If-Modified-Since"] = self.headers["last-modified"]
        return found


class Cache:
    """Entries under ``folder``, keyed by URL."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def lookup(self, url: str) -> CacheEntry | None:
        meta, body = self._paths(url)
        try:
            record = json.loads(meta.read_text("utf-8"))
            data = body.read_bytes()
        except (OSError, ValueError):
            return None
        if record.get("url") != url or not isinstance(record.get("headers"), list):
            return None
        return CacheEntry(httpx.Headers([tuple(pair) for pair in record["headers"]]), data)

    def store(self, url: str, headers: httpx.Headers, body: bytes) -> None:
        kept = [(name, headers[name]) for name in KEPT_HEADERS if name in headers]
        if not any(name in ("etag", "last-modified") for name, _ in kept):
            return
        meta, body_path = self._paths(url)
        _write(body_path, body)
        _write(meta, json.dumps({"url": url, "headers": kept}).encode("utf-8"))

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.folder / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
