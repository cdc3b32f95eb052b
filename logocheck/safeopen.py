"""Opening files that may be hostile: regular files only, sizes checked first.

A FIFO named ``contracts.csv`` or ``x.html`` would block ``open()`` until
some writer appears, so files are opened non-blocking and checked with
``fstat`` on the open descriptor (no race with a swap between a check and
the open) before a byte is read; a 3 GB sparse file is refused by its size,
not found out by reading it.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

from logocheck.errors import NotReadable as NotReadable  # raised by both openers


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """A binary handle on a regular file; raises NotReadable otherwise."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise NotReadable(_reason(error)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotReadable("not a regular file")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; raises NotReadable.

    At most ``limit + 1`` bytes are read, so a file that grows is caught too.
    """
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise NotReadable(f"{size} bytes is over the {limit}-byte limit; not read")
        try:
            body = handle.read(limit + 1)
        except OSError as error:
            raise NotReadable(_reason(error)) from None
    if len(body) > limit:
        raise NotReadable(f"over the {limit}-byte limit; not read")
    return body


def _reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symlink loop"
    return error.strerror or str(error)
