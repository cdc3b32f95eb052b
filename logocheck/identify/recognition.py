"""rapidocr's text recognition model, run directly with onnxruntime.

A scan reads lines it has already cut (``wordmark``), so of rapidocr it
needs the recognition model alone. Importing ``rapidocr`` itself costs
about a second before any model loads: its model catalogue, a YAML file,
is parsed into OmegaConf objects at import time, and requests, OmegaConf
and the detector come along. A scan with one unnamed logo paid that second
for a few milliseconds of reading.

This module loads the same ONNX model from rapidocr's wheel and runs it as
rapidocr's ``TextRecognizer`` does: the same session settings, the same
batches (lines sorted by aspect ratio, six at a time, padded to the widest
of the batch), the same OpenCV resize (skipped, with OpenCV's import, when
a line already has the model's height) and scaling, and the same greedy CTC
decoding and score rounding, so the text and scores are rapidocr's to the
last digit (``tests/identify/test_recognition.py`` compares them).
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

#: The recognition model rapidocr's default configuration uses.
MODEL_NAME = "PP-OCRv6_rec_small.onnx"
#: Lines per run of the model, and the input shape, as rapidocr's configuration.
BATCH = 6
CHANNELS, HEIGHT, WIDTH = 3, 48, 320


def model_path() -> Path | None:
    """The model file inside the installed rapidocr wheel, without importing rapidocr."""
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "models" / MODEL_NAME
    return path if path.is_file() else None


class Recognizer:
    """Read text lines (BGR ``uint8`` arrays) into ``(text, score)`` pairs."""

    def __init__(self, path: Path) -> None:
        import onnxruntime  # heavy: only when a logo needs reading

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 4
        options.enable_cpu_mem_arena = False
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = 1  # a scan shares the machine
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(
            str(path),
            sess_options=options,
            providers=[("CPUExecutionProvider", {"arena_extend_strategy": "kSameAsRequested"})],
        )
        meta = self._session.get_modelmeta().custom_metadata_map
        self._characters = ["blank", *meta["character"].splitlines(), " "]
        self._input = self._session.get_inputs()[0].name

    def __call__(self, images: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        ratios = [image.shape[1] / float(image.shape[0]) for image in images]
        order = np.argsort(np.array(ratios))
        results: list[tuple[str, float]] = [("", 0.0)] * len(images)
        for begin in range(0, len(images), BATCH):
            batch = [int(i) for i in order[begin : begin + BATCH]]
            widest = max([WIDTH / HEIGHT, *(ratios[i] for i in batch)])
            inputs = np.concatenate([_normalised(images[i], widest)[np.newaxis] for i in batch])
            preds = self._session.run(None, {self._input: inputs.astype(np.float32)})[0]
            for i, pred in zip(batch, preds, strict=True):
                results[i] = self._decode(pred)
        return results

    def _decode(self, pred: np.ndarray) -> tuple[str, float]:
        """Greedy CTC: best class per step, repeats and blanks dropped."""
        indices = pred.argmax(axis=1)
        keep = np.ones(len(indices), dtype=bool)
        keep[1:] = indices[1:] != indices[:-1]
        keep &= indices != 0
        confidences = [round(value, 5) for value in pred.max(axis=1)[keep].tolist()] or [0]
        text = "".join(self._characters[index] for index in indices[keep])
        return text, float(np.mean(confidences).round(5))


def _normalised(image: np.ndarray, widest: float) -> Any:
    """One line scaled to the model's height, in [-1, 1], padded to the batch width."""
    width = int(HEIGHT * widest)
    h, w = image.shape[:2]
    resized_width = min(width, math.ceil(HEIGHT * (w / float(h))))
    if (h, w) == (HEIGHT, resized_width):  # a resize to its own size copies the pixels
        resized = image.astype("float32")
    else:
        import cv2  # rapidocr's own dependency, so the resize is the same

        resized = cv2.resize(image, (resized_width, HEIGHT)).astype("float32")
    scaled = (resized.transpose((2, 0, 1)) / 255 - 0.5) / 0.5
    padded = np.zeros((CHANNELS, HEIGHT, width), dtype=np.float32)
    padded[:, :, :resized_width] = scaled
    return padded
