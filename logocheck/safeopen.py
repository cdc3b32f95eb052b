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

#: Read size once a file has grown past what ``fstat`` said.
_CHUNK = 65536


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """A binary handle on a regular file; raises NotReadable otherwise."""
    fd, _ = _open_regular(path)
    return os.fdopen(fd, "rb")


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; raises NotReadable.

    At most ``limit + 1`` bytes are read, so a file that grows is caught
    too. The descriptor is read directly, in reads sized by ``fstat``: a
    buffered reader asked for ``limit + 1`` bytes would allocate all of
    them for every small page. A read that comes back short with the size
    ``fstat`` gave is the end of the file, so a page costs one read, not
    a second one to find its end; and the descriptor stays non-blocking,
    which a regular file ignores (a scan opens one per page). A file whose
    size reads as 0 (``/proc``'s, written as it is read) is read to the end.
    """
    fd, size = _open_regular(path, blocking=False)
    try:
        if size > limit:
            raise NotReadable(f"{size} bytes is over the {limit}-byte limit; not read")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            wanted = max(size + 1 - total, _CHUNK)
            try:
                chunk = os.read(fd, wanted)
            except OSError as error:
                raise NotReadable(_reason(error)) from None
            chunks.append(chunk)
            total += len(chunk)
            if not chunk or (len(chunk) < wanted and 0 < size <= total):
                break
    finally:
        os.close(fd)
    if total > limit:
        raise NotReadable(f"over the {limit}-byte limit; not read")
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _open_regular(path: str | os.PathLike[str], blocking: bool = True) -> tuple[int, int]:
    """A descriptor on a regular file (made blocking unless told not to), and its size."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise NotReadable(_reason(error)) from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise NotReadable("not a regular file")
        if blocking:
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, status.st_size


def _reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symlink loop"
    return error.strerror or str(error)
