"""Writing reports: atomically to regular files, in place to everything else.

A report that replaces a regular file goes through a temporary file in the
same folder and a rename, so CI never reads half a report and a crash never
destroys the previous one. Anything that is not a regular file (``-``,
``/dev/null``, ``/dev/stdout``, a FIFO, a terminal) is written in place:
renaming over it would replace a device or a pipe with a file for every
other process. A symbolic link is followed on purpose, as a shell's ``>``
does: the file it points to is replaced and the link stays a link.

New files get the permissions the umask gives (as ``>`` would); a replaced
file keeps its own (``logocheck.atomic``, shared with the files that
identification writes). Every failure is one ``OutputError`` naming the path.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from logocheck.atomic import write_atomically
from logocheck.errors import OutputError

#: The path that means standard output.
STDOUT = "-"
#: Folders whose entries are streams or devices even when they look like files.
STREAM_FOLDERS = ("/dev/", "/proc/")


def check_output(path: str) -> None:
    """Refuse, before any scanning, a path that a report could not be written to."""
    if path == STDOUT or _is_stream(Path(path)):
        return
    target = Path(path).resolve()
    if target.is_dir():
        raise OutputError(path, "is a folder, not a file")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(path, f"no such folder: {folder}")
    if not os.access(folder, os.W_OK):
        raise OutputError(path, f"folder is not writable: {folder}")


def write_report(path: str, text: str, *, append: bool = False) -> None:
    """Write ``text`` to ``path`` (``-`` is stdout); ``append`` adds to what is there."""
    try:
        if path == STDOUT:
            _write_stream(text)
        elif append or _is_stream(Path(path)):
            _write_in_place(Path(path), text, "a" if append else "w")
        else:
            write_atomically(Path(path), text)
    except OSError as error:
        raise OutputError(path, error.strerror or str(error)) from None


def _is_stream(path: Path) -> bool:
    """True for devices, FIFOs, sockets and ``/dev``/``/proc`` entries."""
    if str(path).startswith(STREAM_FOLDERS) or str(path.resolve()).startswith(STREAM_FOLDERS):
        return True
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_in_place(path: Path, text: str, mode: str) -> None:
    with path.open(mode, encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _write_stream(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()
