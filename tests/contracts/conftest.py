"""The reader tests run twice: on the row reader and on the columnar reader.

The columnar reader takes over only for large files; here it is made to
read every file of the modules that test reading, so each test's rows,
warnings, errors and verdicts are proved the same on both paths. The
other modules run once, on the row reader (test_columnar compares the
two readers itself).
"""

from __future__ import annotations

import pytest

from logocheck.contracts import columnar

TWICE = {"test_classify", "test_columns", "test_dialect", "test_index", "test_merge"}
TWICE |= {"test_reader", "test_values"}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.module.__name__.rpartition(".")[2] in TWICE:
        metafunc.parametrize("reader_path", ["rows", "columns"], indirect=True)


@pytest.fixture(autouse=True)
def reader_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    path = str(getattr(request, "param", "rows"))
    monkeypatch.setattr(columnar, "MIN_BYTES", 0 if path == "columns" else 1 << 62)
    return path
