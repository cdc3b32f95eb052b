"""Perceptual fingerprints of logos and the distance between two of them.

A fingerprint is one pair of hashes per ink view of an image (see
``decode.ink_views``): a perceptual hash (DCT, robust to resizing and
compression) and a difference hash (gradients, sensitive to the lettering),
each 256 bits. Two images are as close as their closest pair of views, so a
transparent logo matches whichever background shows it.

Fingerprints are plain bytes so they can be stored in the cache, the labels
file and compared many at a time with numpy (``Matrix``).

Both hashes are imagehash's (``phash``, ``dhash``) computed here with Pillow
and NumPy: ``imagehash.phash`` imports SciPy for its DCT, which costs more
than a small scan. The DCT of the 64x64 grey image's lowest 16x16
frequencies is two matrix products with the DCT-II basis, the exact sum
SciPy computes by FFT. The two differ by rounding (1e-12) only; a bit can
differ only where a coefficient equals the median (a symmetric image has
many coefficients that are zero), and there this hash reads "not above"
where SciPy's bit is rounding noise. tests/identify/test_fingerprint.py
compares the bits with ``imagehash.phash`` on every fixture logo.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from PIL import Image

from logocheck.identify.decode import decode, ink_views

#: Hash side: 16 gives 256-bit hashes, enough to tell 1,000 wordmarks apart.
HASH_SIZE = 16
#: The perceptual hash's DCT input side (imagehash's ``highfreq_factor`` 4).
DCT_SIDE = 4 * HASH_SIZE
#: Coefficients closer to the median than this share of the largest one are ties.
TIE = 1e-9
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
    perceptual = perceptual_bits(view)
    difference = difference_bits(view)
    return bytes(np.packbits(np.concatenate((perceptual.ravel(), difference.ravel()))))


def perceptual_bits(view: Image.Image) -> np.ndarray:
    """``imagehash.phash(view, 16).hash``: low DCT frequencies above their median."""
    grey = view.convert("L").resize((DCT_SIDE, DCT_SIDE), Image.Resampling.LANCZOS)
    basis = _dct_basis(DCT_SIDE, HASH_SIZE)
    low = basis @ np.asarray(grey, dtype=np.float64) @ basis.T
    above: np.ndarray = low - _median(low) > TIE * float(np.abs(low).max())
    return above


def _median(values: np.ndarray) -> float:
    """``np.median`` of an even count (the mean of the middle two), without importing numpy.ma."""
    ordered = np.sort(values, axis=None)
    middle = len(ordered) // 2
    return float((ordered[middle - 1] + ordered[middle]) / 2)


def difference_bits(view: Image.Image) -> np.ndarray:
    """``imagehash.dhash(view, 16).hash``: is each pixel brighter than its left neighbour."""
    grey = view.convert("L").resize((HASH_SIZE + 1, HASH_SIZE), Image.Resampling.LANCZOS)
    pixels = np.asarray(grey)
    brighter: np.ndarray = pixels[:, 1:] > pixels[:, :-1]
    return brighter


@cache
def _dct_basis(size: int, keep: int) -> np.ndarray:
    """Rows of the unnormalised DCT-II (SciPy's default) for the ``keep`` lowest frequencies."""
    samples = np.arange(size)
    frequencies = np.arange(keep)[:, None]
    basis: np.ndarray = 2.0 * np.cos(np.pi * frequencies * (2 * samples + 1) / (2 * size))
    return basis


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
