"""Shared helpers for the image identification tests: the fixture logo generator."""

from __future__ import annotations

import importlib
import io
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
LOGOS = FIXTURES / "logos"


def load_logogen() -> ModuleType:
    if str(FIXTURES) not in sys.path:
        sys.path.insert(0, str(FIXTURES))
    return importlib.import_module("logogen")


@pytest.fixture(scope="session")
def logogen() -> ModuleType:
    return load_logogen()


def encode(image: Image.Image, fmt: str = "PNG", **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()
