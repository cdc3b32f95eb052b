"""The recognition model run directly reads exactly what rapidocr reads.

``recognition.Recognizer`` spares a scan rapidocr's import; it must not
change a single reading. Every line the scan would hand the engine from the
wordmark corpus (raster logos and walls) and the demo's logos is read both
ways, in the batches a scan makes, and the texts and scores must be equal.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from logocheck.identify.decode import decode
from logocheck.identify.recognition import Recognizer, model_path
from logocheck.identify.wordmark import ENGINE_PARAMS, text_lines

ROOT = Path(__file__).resolve().parents[2]
#: Every eleventh corpus logo (the step rotates through fonts and variants), a
#: wall and every third demo image: reading a line costs about 0.1 s of CPU.
IMAGES = [
    path
    for folder, step in (("wordmarks/logos", 11), ("wordmarks/walls", 6), ("demo", 3))
    for path in sorted((ROOT / "fixtures" / folder).rglob("*"))[::step]
    if path.suffix in (".png", ".jpg")
]


def _lines() -> list[np.ndarray]:
    lines = []
    for path in IMAGES:
        for line in text_lines(decode(path.read_bytes())):
            lines.append(np.ascontiguousarray(np.asarray(line.convert("RGB"))[:, :, ::-1]))
    return lines


@pytest.mark.slow
def test_direct_recognition_equals_rapidocr_on_every_fixture_line() -> None:
    rapidocr = pytest.importorskip("rapidocr", reason="the OCR engine is not installed")
    path = model_path()
    assert path is not None, "rapidocr's wheel no longer ships the expected model"
    lines = _lines()
    assert len(lines) > 15
    ours = Recognizer(path)
    theirs = rapidocr.RapidOCR(params=dict(ENGINE_PARAMS))
    for start in range(0, len(lines), 7):  # batches of several widths, as a scan's
        batch = lines[start : start + 7]
        out = theirs.recognize_txt(batch)
        assert ours(batch) == list(zip(out.txts, out.scores, strict=True))
