"""Every contracts test runs twice: on the row reader and on the columnar reader.

The columnar reader takes over only for large files; here it is made to
read every file, so each test's rows, warnings, errors and verdicts are
proved the same on both paths.
"""

from __future__ import annotations

import pytest

from logocheck.contracts import columnar


@pytest.fixture(autouse=True, params=["rows", "columns"])
def reader_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.module.__name__.endswith("test_columnar") and request.param == "columns":
        pytest.skip("compares both readers itself")
    if request.param == "columns":
        monkeypatch.setattr(columnar, "MIN_BYTES", 0)
    else:
        monkeypatch.setattr(columnar, "MIN_BYTES", 1 << 62)
    return str(request.param)
