"""Find the separate logos inside one picture ("Loved by customers worldwide").

Some sites export a whole logo wall as a single bitmap. As a whole it
matches no reference logo, yet every brand in it is presented as a
customer. When an image matches nothing, it is cut along wide empty bands,
first into rows, then each row into pieces, and every piece is ranked on
its own.

When the library names fewer than two pieces, the reader (``ocr``) takes
the same regions and reads each one's lettering.

Gaps inside one logo (between a mark and its lettering, between words, a
mark stacked above a name) are narrow compared with the logo's height;
gaps between logos on a wall are as wide as a logo is tall or wider. The
thresholds below encode that.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from logocheck.identify.decode import TRIM_LEVEL, ink_image

#: Two runs of rows closer than this fraction of the taller run are one row.
ROW_GAP = 0.5
#: Two runs of columns closer than this fraction of the row's height are one logo.
COLUMN_GAP = 1.5
#: Pieces smaller than this (pixels, either side) are specks, not logos.
MIN_SIDE = 6
#: At most this many pieces are ranked (a wall, not a photograph).
MAX_PIECES = 48


Box = tuple[int, int, int, int]


def pieces(image: Image.Image) -> list[Image.Image]:
    """The separate logos of ``image`` (RGBA), or [] when it holds only one."""
    return [image.crop(box) for box in regions(image)]


def regions(image: Image.Image) -> list[Box]:
    """The boxes (left, top, right, bottom, in ``image``'s pixels) of its
    separate logos, in reading order, or [] when it holds only one."""
    ink, scale = ink_image(image)
    mask: np.ndarray = np.asarray(ink) >= TRIM_LEVEL
    boxes = []
    for top, bottom in _runs(_filled(mask, 1), ROW_GAP, None):
        for left, right in _runs(_filled(mask[top:bottom], 0), COLUMN_GAP, bottom - top):
            box = _tight(mask, top, bottom, left, right)
            if box is not None:
                boxes.append(box)
    if len(boxes) < 2 or len(boxes) > MAX_PIECES:
        return []
    return [_scaled(box, scale) for box in boxes]


def _filled(mask: np.ndarray, axis: int) -> list[bool]:
    """Per row (axis 1) or column (axis 0): does it hold any ink?"""
    return [bool(v) for v in np.any(mask, axis=axis)]


def _scaled(box: Box, scale: float) -> Box:
    left, top, right, bottom = box
    return (round(left * scale), round(top * scale), round(right * scale), round(bottom * scale))


def _runs(filled: list[bool], gap: float, height: int | None) -> list[tuple[int, int]]:
    """Runs of True, merging runs separated by less than ``gap`` x the size."""
    runs: list[tuple[int, int]] = []
    start = None
    for index, value in enumerate([*filled, False]):
        if value and start is None:
            start = index
        elif not value and start is not None:
            runs.append((start, index))
            start = None
    merged: list[tuple[int, int]] = []
    for run in runs:
        if merged:
            last = merged[-1]
            size = height or max(last[1] - last[0], run[1] - run[0])
            if run[0] - last[1] < gap * size:
                merged[-1] = (last[0], run[1])
                continue
        merged.append(run)
    return merged


def _tight(
    mask: np.ndarray, top: int, bottom: int, left: int, right: int
) -> tuple[int, int, int, int] | None:
    """The content box of one piece, or None for a speck."""
    piece = mask[top:bottom, left:right]
    rows = np.flatnonzero(piece.any(axis=1))
    cols = np.flatnonzero(piece.any(axis=0))
    if rows.size == 0:
        return None
    box = (
        left + int(cols[0]),
        top + int(rows[0]),
        left + int(cols[-1]) + 1,
        top + int(rows[-1]) + 1,
    )
    if box[2] - box[0] < MIN_SIDE or box[3] - box[1] < MIN_SIDE:
        return None
    return box
