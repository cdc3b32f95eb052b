"""Read the lettering of a logo: normalise its pixels into lines, run the engine.

The image is normalised the way the fingerprints see it: its *ink* (the
distance of each pixel from the background, so white on dark, inverted
and coloured lettering all become dark letters on white), flattened on
white and on black when transparent, trimmed, cut into text lines and
each line scaled to the height the recogniser reads best. Only the
recognition model runs: the lines are found here, from the ink's row
profile, which is about forty times cheaper than the engine's own
text detector on a logo.

The engine is ``rapidocr``'s recognition model (ONNX, shipped inside its
wheel, CPU only, nothing downloaded), installed by the ``ocr`` extra, run
directly by ``recognition`` and loaded only when a logo needs reading.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from PIL import Image

from logocheck.identify.decode import TRIM_LEVEL, ink_image
from logocheck.pools import interrupts_held

#: Height of a text line as the recognition model takes it.
LINE_HEIGHT = 48
#: Blank border around each line, as a fraction of its height.
LINE_PAD = 0.2
#: Widest line handed to the engine (pixels after scaling).
MAX_WIDTH = 1600
#: A logo has at most this many lines of lettering worth reading.
MAX_LINES = 3
INSTALL_HINT = "pip install 'logocheck[ocr]'"


@dataclass(frozen=True, slots=True)
class Reading:
    """One line of text as the engine read it, and how sure it was (0-1)."""

    text: str
    score: float


class Engine(Protocol):
    def read(self, lines: Sequence[Image.Image]) -> list[Reading]: ...


#: rapidocr settings: quiet, and one thread (a scan shares the machine).
ENGINE_PARAMS: Mapping[str, Any] = {
    "Global.log_level": "error",
    "EngineConfig.onnxruntime.intra_op_num_threads": 1,
    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
}


class RapidEngine:
    """rapidocr's recognition model alone: the lines are found here.

    The model runs directly (``recognition``), which spares the second
    that importing rapidocr costs; through rapidocr itself only when its
    wheel ships another model than the one expected.
    """

    def __init__(self) -> None:
        from logocheck.identify.recognition import Recognizer, model_path

        path = model_path()
        self._recognize = Recognizer(path) if path is not None else _full_rapidocr()

    def read(self, lines: Sequence[Image.Image]) -> list[Reading]:
        if not lines:
            return []
        arrays = [
            np.ascontiguousarray(np.asarray(line.convert("RGB"))[:, :, ::-1]) for line in lines
        ]
        pairs = self._recognize(arrays)
        return [Reading(" ".join(str(text).split()), float(score)) for text, score in pairs]


def _full_rapidocr() -> Callable[[Sequence[np.ndarray]], list[tuple[str, float]]]:
    """Recognition through rapidocr's own pipeline (slow to import)."""
    from rapidocr import RapidOCR

    ocr = RapidOCR(params=dict(ENGINE_PARAMS))

    def recognize(arrays: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        out = ocr.recognize_txt(list(arrays))
        return list(zip(out.txts or (), out.scores or (), strict=False))

    return recognize


@functools.cache
def load_engine() -> Engine | None:
    """The OCR engine, loaded once per process; None when it is not installed."""
    if not engine_installed():
        return None
    try:
        # native module start-up can swallow what a signal handler raises in it,
        # leaving the scan deaf to the signal: it arrives once the engine is loaded
        with interrupts_held():
            return RapidEngine()
    except ImportError:
        return None


def engine_installed() -> bool:
    """Whether the engine can be imported, without importing it (cheap)."""
    return importlib.util.find_spec("rapidocr") is not None


# --- normalising ------------------------------------------------------------------


def text_lines(image: Image.Image) -> list[Image.Image]:
    """The lines of lettering in ``image`` (RGBA), dark on white, ``LINE_HEIGHT`` tall."""
    ink = _ink(image)
    mask = np.asarray(ink) >= TRIM_LEVEL
    runs = _line_runs(mask)
    lines = [_line(ink, mask, top, bottom) for top, bottom in runs[:MAX_LINES]]
    return [line for line in lines if line is not None]


def _ink(image: Image.Image) -> Image.Image:
    """The ink view with the most ink: a white logo vanishes on white, a dark one on black."""
    alpha_low, _ = image.getchannel("A").getextrema()
    if alpha_low == 255:
        return ink_image(image)[0]
    views = [ink_image(_flatten(image, colour))[0] for colour in ((255, 255, 255), (0, 0, 0))]
    return max(views, key=lambda view: int(np.asarray(view, dtype=np.int64).sum()))


def _flatten(image: Image.Image, colour: tuple[int, int, int]) -> Image.Image:
    base = Image.new("RGBA", image.size, (*colour, 255))
    return Image.alpha_composite(base, image)


def _line_runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """Runs of rows holding ink; a small run (an accent, the dot of an i) joins its neighbour."""
    filled = [*np.any(mask, axis=1).tolist(), False]
    runs: list[tuple[int, int]] = []
    start = None
    for row, value in enumerate(filled):
        if value and start is None:
            start = row
        elif not value and start is not None:
            runs.append((start, row))
            start = None
    tallest = max((b - t for t, b in runs), default=0)
    while len(runs) > 1:
        small = [i for i, (t, b) in enumerate(runs) if b - t < 0.4 * tallest]
        if not small:
            break
        runs = _join_nearest(runs, small[0])
    return runs


def _join_nearest(runs: list[tuple[int, int]], i: int) -> list[tuple[int, int]]:
    above = runs[i][0] - runs[i - 1][1] if i > 0 else None
    below = runs[i + 1][0] - runs[i][1] if i + 1 < len(runs) else None
    other = i - 1 if below is None or (above is not None and above <= below) else i + 1
    first, second = sorted((i, other))
    joined = (runs[first][0], runs[second][1])
    return [*runs[:first], joined, *runs[second + 1 :]]


def _line(ink: Image.Image, mask: np.ndarray, top: int, bottom: int) -> Image.Image | None:
    columns = np.flatnonzero(mask[top:bottom].any(axis=0))
    if columns.size == 0:
        return None
    left, right = int(columns[0]), int(columns[-1]) + 1
    height = bottom - top
    pad = max(2, round(height * LINE_PAD))
    crop = ink.crop((left, top, right, bottom))
    canvas = Image.new("L", (right - left + 2 * pad, height + 2 * pad), 0)
    canvas.paste(crop, (pad, pad))
    scale = LINE_HEIGHT / canvas.height
    width = max(LINE_HEIGHT, min(MAX_WIDTH, round(canvas.width * scale)))
    resized = canvas.resize((width, LINE_HEIGHT), Image.Resampling.LANCZOS)
    return resized.point(lambda v: 255 - v)


def read_image(image: Image.Image, engine: Engine) -> tuple[Reading, ...]:
    """What the engine reads in ``image``, line by line."""
    return tuple(engine.read(text_lines(image)))
