"""Reading files that may be hostile: whole, bounded, and in as few reads as the size allows."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from logocheck import safeopen
from logocheck.errors import NotReadable


class Reads:
    """``os.read`` as it is, recording each call; ``most`` caps what one call
    returns, as a network or FUSE file system may."""

    def __init__(self, most: int | None = None) -> None:
        self.most = most
        self.calls = 0
        self.read = os.read

    def __call__(self, fd: int, size: int) -> bytes:
        self.calls += 1
        return self.read(fd, size if self.most is None else min(size, self.most))


def test_a_page_is_read_whole_in_one_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "index.html"
    page.write_bytes(b"<p>" + b"x" * 55_000)
    reads = Reads()
    monkeypatch.setattr(safeopen.os, "read", reads)
    assert safeopen.read_regular(page, 1 << 20) == page.read_bytes()
    assert reads.calls == 1  # the short read at the size fstat gave is the end


def test_short_reads_before_the_end_are_read_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "index.html"
    body = bytes(range(256)) * 400
    page.write_bytes(body)
    monkeypatch.setattr(safeopen.os, "read", Reads(most=1000))
    assert safeopen.read_regular(page, 1 << 20) == body


def test_files_larger_than_a_chunk_and_empty_files_are_read_whole(tmp_path: Path) -> None:
    large, empty = tmp_path / "large.html", tmp_path / "empty.html"
    large.write_bytes(b"y" * 300_000)
    empty.write_bytes(b"")
    assert safeopen.read_regular(large, 1 << 20) == large.read_bytes()
    assert safeopen.read_regular(empty, 10) == b""


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_bytes(b"z" * 101)
    with pytest.raises(NotReadable, match="over the 100-byte limit"):
        safeopen.read_regular(page, 100)
    assert safeopen.read_regular(page, 101) == b"z" * 101


def test_a_file_whose_size_reads_as_zero_is_read_to_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As ``/proc/self/maps`` is: ``fstat`` says 0 bytes, and reads give a page at a time."""
    page = tmp_path / "maps"
    body = b"7f00-7f01 r-xp /lib/x.so\n" * 2000
    page.write_bytes(body)
    real = os.fstat

    def sizeless(fd: int) -> os.stat_result:
        status = list(real(fd))
        status[6] = 0  # st_size
        return os.stat_result(status)

    monkeypatch.setattr(safeopen.os, "fstat", sizeless)
    monkeypatch.setattr(safeopen.os, "read", Reads(most=4096))
    assert safeopen.read_regular(page, 1 << 20) == body
