"""The NumPy hashes are imagehash's hashes, bit for bit, on every fixture logo.

``imagehash.phash`` computes its DCT with SciPy, which logocheck does not
import at run time. Here both run on every ink view of every fixture image
(at the reference sides too) and must agree on every bit that is not a
numerical tie: a coefficient equal to the median, where SciPy's bit is
rounding noise (symmetric images have many zero coefficients).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import imagehash
import numpy as np
import pytest
from PIL import Image

from logocheck.errors import UnreadableImage
from logocheck.identify.decode import decode, ink_views
from logocheck.identify.fingerprint import (
    DCT_SIDE,
    HASH_SIZE,
    REFERENCE_SIDES,
    TIE,
    difference_bits,
    perceptual_bits,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".ico"}


def views() -> Iterator[tuple[str, Image.Image]]:
    """Every ink view of every distinct fixture image; reference logos at the reference sides too."""
    seen: set[bytes] = set()
    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix.lower() not in SUFFIXES or path.read_bytes() in seen:
            continue
        seen.add(path.read_bytes())
        try:
            image = decode(path.read_bytes())
        except UnreadableImage:
            continue
        sizes = [image]
        reference = "library" in path.parts or "approved-logos" in path.parts
        for side in REFERENCE_SIDES if reference else ():  # as the scan hashes them
            if max(image.size) > side:
                smaller = image.copy()
                smaller.thumbnail((side, side), Image.Resampling.LANCZOS)
                sizes.append(smaller)
        for number, view in enumerate(v for im in sizes for v in ink_views(im)):
            yield f"{path.relative_to(FIXTURES)}#{number}", view


def scipy_ties(view: Image.Image) -> np.ndarray:
    """Where SciPy's coefficient is a numerical tie with the median."""
    import scipy.fftpack  # a quarter second: paid by the worker that runs these tests only

    grey = np.asarray(view.convert("L").resize((DCT_SIDE, DCT_SIDE), Image.Resampling.LANCZOS))
    low = scipy.fftpack.dct(scipy.fftpack.dct(grey, axis=0), axis=1)[:HASH_SIZE, :HASH_SIZE]
    tie: np.ndarray = np.abs(low - np.median(low)) <= TIE * np.abs(low).max()
    return tie


@pytest.mark.slow
def test_both_hashes_equal_imagehash_on_every_fixture_view_but_phash_ties() -> None:
    views_with_ties = checked = 0
    for name, view in views():
        theirs = imagehash.phash(view, hash_size=HASH_SIZE).hash
        ours = perceptual_bits(view)
        ties = scipy_ties(view)
        assert (ours == theirs)[~ties].all(), name
        assert not ours[ties].any(), name  # a tie is read as "not above the median"
        dhash = imagehash.dhash(view, hash_size=HASH_SIZE).hash
        assert (difference_bits(view) == dhash).all(), name
        views_with_ties += bool(ties.any())
        checked += 1
    assert checked > 1000
    assert views_with_ties < checked / 20


@pytest.mark.parametrize("size", [(64, 64), (31, 17)])
def test_a_random_image_hashes_the_same_on_every_bit(size: tuple[int, int]) -> None:
    pixels = np.random.default_rng(7).integers(0, 256, (*size[::-1], 3), dtype=np.uint8)
    image = Image.fromarray(pixels, "RGB")
    assert (perceptual_bits(image) == imagehash.phash(image, hash_size=HASH_SIZE).hash).all()
