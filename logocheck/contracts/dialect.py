"""Bytes to text lines: the encoding and the delimiter of an export.

Excel and CRMs write UTF-8, UTF-8 with a byte-order mark, or (Excel's
"Unicode Text") UTF-16 LE with a BOM and tabs. Those are recognised by
their BOM; anything else is UTF-8 or must be named with ``encoding``.
There is no latin-1 fallback: it would turn "Société" into "SociÃ©tÃ©"
without a word, and the name would match nothing.

The delimiter is sniffed on the header line (``,`` ``;`` or tab, the most
frequent outside quotes) unless given; Excel's ``sep=X`` first line is
honoured whatever X is (``|`` included) and skipped. A NUL byte is damage,
named by line and column, unless NULs sit beside every character (UTF-16).
"""

from __future__ import annotations

import codecs
import io
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from logocheck.errors import ContractsError
from logocheck.safeopen import NotReadable, open_regular

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
DELIMITERS = (",", ";", "\t")
_NUL = "a NUL byte in the text; the file is damaged"
_NAMED = {"comma": ",", "semicolon": ";", "tab": "\t", "\\t": "\t", "pipe": "|"}


@dataclass(frozen=True, slots=True)
class Dialect:
    """How one file is written: its encoding, delimiter and skipped lines."""

    encoding: str
    delimiter: str
    skipped: int = 0


def detect_encoding(path: Path, head: bytes, encoding: str | None) -> str:
    """The codec to read ``path`` with, from its BOM or the user's choice."""
    if encoding:
        try:
            return codecs.lookup(encoding).name
        except LookupError:
            raise ContractsError(str(path), f"unknown encoding {encoding!r}") from None
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    if _looks_utf16(head):
        raise ContractsError(
            str(path),
            "looks like UTF-16 without a byte-order mark; pass --contracts-encoding utf-16-le",
            1,
        )
    if b"\x00" in head:
        line, column = _position(head, head.index(b"\x00"))
        raise ContractsError(str(path), _NUL, line, column)
    return "utf-8"


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 text is mostly ASCII with a NUL beside every character, on one side.

    A stray NUL in a UTF-8 file is damage, not an encoding.
    """
    even, odd = head[0::2], head[1::2]
    return max(even.count(0), odd.count(0)) >= max(2, len(head) // 4)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1


def delimiter_of(path: Path, header: str, delimiter: str | None) -> str:
    """The given delimiter, or the most frequent of , ; tab in ``header``."""
    if delimiter:
        chosen = _NAMED.get(delimiter.lower(), delimiter)
        if len(chosen) != 1:
            raise ContractsError(str(path), f"delimiter must be one character, not {delimiter!r}")
        return chosen
    counts = _unquoted_counts(header)
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _unquoted_counts(line: str) -> dict[str, int]:
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return counts


@contextmanager
def open_lines(
    path: Path, encoding: str | None, delimiter: str | None
) -> Iterator[tuple[Dialect, Iterator[str]]]:
    """The file's dialect and its lines from the header on, for a ``with``."""
    try:
        handle = open_regular(path)
    except NotReadable as error:
        raise ContractsError(str(path), str(error)) from None
    with handle:
        head = handle.read(4096)
        handle.seek(0)
        if not head.strip(b"\r\n\t ,;\xef\xbb\xbf\xff\xfe\x00"):
            raise ContractsError(str(path), "the file is empty", 1)
        codec = detect_encoding(path, head, encoding)
        text = io.TextIOWrapper(handle, encoding=codec, errors="strict", newline="")
        first = _first_line(path, text, codec)
        if first.lower().startswith("sep=") and len(first.rstrip("\r\n")) == 5:
            dialect = Dialect(codec, delimiter_of(path, first, delimiter or first[4]), 1)
            yield dialect, _without_nul(path, text, 2)
        else:
            dialect = Dialect(codec, delimiter_of(path, first, delimiter))
            yield dialect, _without_nul(path, itertools.chain((first,), text), 1)


def _without_nul(path: Path, lines: Iterator[str], number: int) -> Iterator[str]:
    """The lines, stopping with a one-line error at a NUL (damage past the first 4 KiB)."""
    for number, line in enumerate(lines, number):  # noqa: B020 - the count goes on
        if "\x00" in line:
            column = line.index("\x00") + 1
            raise ContractsError(
                str(path), "a NUL byte in the text; the file is damaged", number, column
            )
        yield line


def _first_line(path: Path, text: TextIO, codec: str) -> str:
    try:
        return text.readline()
    except UnicodeDecodeError as error:
        raise decoding_error(path, codec, error) from None


def decoding_error(path: Path, codec: str, error: UnicodeDecodeError) -> ContractsError:
    """A one-line error naming the line and column of the first bad byte."""
    data = path.read_bytes()
    try:
        data.decode(codec)
        offset, bad = 0, b""
    except UnicodeDecodeError as exact:
        offset, bad = exact.start, data[exact.start : exact.start + 1]
    before = data[:offset].decode(codec, errors="replace")
    line = before.count("\n") + 1
    column = len(before) - before.rfind("\n")
    hint = "; if the file is Windows-1252 pass --contracts-encoding cp1252"
    return ContractsError(str(path), f"not valid {codec} (byte 0x{bad.hex()}){hint}", line, column)
