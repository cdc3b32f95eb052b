"""Perceptual fingerprints of logos and the distance between two of them.

A fingerprint is one pair of hashes per ink view of an image (see
``decode.ink_views``): a perceptual hash (DCT, robust to resizing and
compression) and a difference hash (gradients, sensitive to the lettering),
each 256 bits. Two images are as close as their closest pair of views, so a
transparent logo matches whichever background shows it.

Fingerprints are plain bytes so they can be stored in the cache, the labels
file and compared many at a time with numpy (``Matrix``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import imagehash
import numpy as np
from PIL import Image

from logocheck.identify.decode import decode, ink_views

#: Hash side: 16 gives 256-bit hashes, enough to tell 1,000 wordmarks apart.
HASH_SIZE = 16
VIEW_BYTES = 2 * HASH_SIZE * HASH_SIZE // 8


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The hashes of every ink view of one image (empty: nothing to identify)."""

    views: tuple[bytes, ...]

    @property
    def blank(self) -> bool:
        return not self.views

    def hex(self) -> str:
        """A text form for the cache and labels file: views joined by '.'."""
        return ".".join(view.hex() for view in self.views)

    @classmethod
    def from_hex(cls, text: str) -> Fingerprint:
        views = tuple(bytes.fromhex(part) for part in text.split(".") if part)
        if any(len(view) != VIEW_BYTES for view in views):
            raise ValueError(f"a fingerprint view is {VIEW_BYTES} bytes")
        return cls(views)


#: Long sides a reference logo is also fingerprinted at. A logo shown at
#: 60x20 has lost detail that the full-size reference still has; comparing it
#: with a reference reduced the same way is what makes small copies match.
REFERENCE_SIDES = (64, 128)


def fingerprint_image(image: Image.Image, *, reference: bool = False) -> Fingerprint:
    """The fingerprint of a decoded (RGBA) image.

    A ``reference`` (library) image is fingerprinted at its own size and at
    the ``REFERENCE_SIDES`` below it, so it matches small copies too.
    """
    images = [image]
    if reference:
        for side in REFERENCE_SIDES:
            if max(image.size) > side:
                smaller = image.copy()
                smaller.thumbnail((side, side), Image.Resampling.LANCZOS)
                images.append(smaller)
    return Fingerprint(tuple(_hash_view(view) for im in images for view in ink_views(im)))


def fingerprint_bytes(data: bytes, *, reference: bool = False) -> Fingerprint:
    """Decode ``data`` and fingerprint it; raises ``UnreadableImage``."""
    return fingerprint_image(decode(data), reference=reference)


def _hash_view(view: Image.Image) -> bytes:
    perceptual = imagehash.phash(view, hash_size=HASH_SIZE).hash
    difference = imagehash.dhash(view, hash_size=HASH_SIZE).hash
    return bytes(np.packbits(np.concatenate((perceptual.ravel(), difference.ravel()))))


class Matrix:
    """Many fingerprints' views stacked for one-shot distance computations.

    Rows are grouped by fingerprint, in order, so per-fingerprint minimums
    are one ``minimum.reduceat``; ``nearest`` returns, for each fingerprint,
    its smallest distance to a query (1.0 for a blank one).
    """

    def __init__(self, fingerprints: Sequence[Fingerprint]) -> None:
        self.size = len(fingerprints)
        counts = np.asarray([len(fp.views) for fp in fingerprints], dtype=np.intp)
        self.present = np.flatnonzero(counts)
        self.starts = (np.cumsum(counts) - counts)[self.present]
        buffer = b"".join(view for fp in fingerprints for view in fp.views)
        self.bits = np.frombuffer(buffer, dtype=np.uint8).reshape(-1, VIEW_BYTES)

    def rows(self, query: Fingerprint) -> np.ndarray:
        """Distance (0-1) from ``query``'s closest view to every stored view."""
        if query.blank or not len(self.bits):
            return np.ones(len(self.bits))
        views = np.frombuffer(b"".join(query.views), dtype=np.uint8)
        views = views.reshape(-1, 1, VIEW_BYTES)
        differing = np.bitwise_count(np.bitwise_xor(self.bits[None, :, :], views))
        per_row: np.ndarray = differing.sum(axis=2, dtype=np.int32).min(axis=0) / (VIEW_BYTES * 8)
        return per_row

    def nearest(self, query: Fingerprint) -> np.ndarray:
        """Distance (0-1) from ``query`` to each fingerprint; 1.0 where none applies."""
        best = np.ones(self.size, dtype=np.float64)
        if len(self.present):
            best[self.present] = np.minimum.reduceat(self.rows(query), self.starts)
        return best


def distance(a: Fingerprint, b: Fingerprint) -> float:
    """Distance between two fingerprints, 0 (same) to 1; 1.0 when either is blank."""
    return float(Matrix([b]).nearest(a)[0])
