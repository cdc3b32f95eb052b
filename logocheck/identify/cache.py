"""An optional on-disk cache of fingerprints between scans (``--cache DIR``).

Within one scan images are already fingerprinted once per content hash.
Between scans of a site that barely changes, decoding the same logos again
is the bulk of the image work, so the fingerprint (or the reason an image
is unreadable) is kept in a small file named by the image's sha256::

    DIR/fingerprints-v2/9f/9f2c4e....query      "ab12...cd.ef34...56"
    DIR/fingerprints-v2/9f/9f2c4e....reference  "!truncated image: ..."

The folder name carries ``VERSION``: changing how fingerprints are computed
means bumping it, and old entries are simply never read again. A cache that
cannot be written is not an error: the scan goes on without it.
"""

from __future__ import annotations

from pathlib import Path

from logocheck.atomic import write_atomically
from logocheck.identify.fingerprint import Fingerprint

VERSION = 2

#: What the cache holds for an image: its fingerprint, or why it is unreadable.
Entry = Fingerprint | str


class FingerprintCache:
    """Fingerprints by image sha256 and kind (``query`` or ``reference``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / f"fingerprints-v{VERSION}"
        self.hits = 0
        """Entries found: how a test or benchmark sees the cache at work."""

    def _path(self, sha256: str, kind: str) -> Path:
        return self.folder / sha256[:2] / f"{sha256}.{kind}"

    def get(self, sha256: str, kind: str) -> Entry | None:
        try:
            text = self._path(sha256, kind).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        entry = _parse(text)
        if entry is not None:
            self.hits += 1
        return entry

    def put(self, sha256: str, kind: str, entry: Entry) -> None:
        text = "!" + entry if isinstance(entry, str) else entry.hex()
        path = self._path(sha256, kind)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, text + "\n")
        except OSError:
            return


def _parse(text: str) -> Entry | None:
    if text.startswith("!"):
        return text[1:]
    try:
        return Fingerprint.from_hex(text)
    except ValueError:
        return None
