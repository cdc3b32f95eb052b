"""Suite-wide checks and settings: every JSON report a test renders follows the
shipped JSON Schema; the collector skips what lives for the whole run; the
files with slow tests run first."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from typing import Any

import pytest

from logocheck.report import json_format


@pytest.fixture(autouse=True)
def json_reports_follow_the_schema(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Wrap the JSON renderer so that any report it produces in a test is validated."""
    from tests.report.schema_check import validate_report

    original = json_format.render

    def render(*args: Any, **kwargs: Any) -> str:
        text = original(*args, **kwargs)
        validate_report(json.loads(text))
        return text

    monkeypatch.setattr(json_format, "render", render)
    yield


def pytest_collection_finish(session: pytest.Session) -> None:
    """Keep the collected tests and imported modules out of every later full collection.

    The contracts loader ends with ``gc.collect()`` (``contracts/bulk.py``):
    cheap in a command's small heap, but in a test process that holds every
    test module it walked hundreds of thousands of objects per load, more
    than half the CPU of the contracts tests. Frozen objects stay alive,
    which the process would keep alive anyway.
    """
    gc.freeze()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After each file, collect its garbage and freeze what stays: caches, engines, workers.

    What a file leaves alive for later files (the OCR engine, shared scans,
    lru caches) grew to some 80,000 objects in a worker, and every
    contracts load late in the run walked them all again: about 40 ms a
    load instead of well under one.
    """
    yield
    if nextitem is None or nextitem.path != item.path:
        gc.collect()
        gc.freeze()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the files that hold a slow or browser test first, the rest after, each in file order.

    The workers take one file at a time (``--dist loadfile``). A file of
    seconds-long tests taken last keeps one worker busy while the other
    has nothing left; small files at the end even the two out. The sort is
    stable, so every worker collects the same order, as xdist requires.
    """
    slow = {item.path for item in items if any(item.iter_markers("slow"))}
    slow |= {item.path for item in items if any(item.iter_markers("browser"))}
    items.sort(key=lambda item: item.path not in slow)
