"""Replacing a file in one step: what every file logocheck writes goes through.

Reports, baselines, the labels file and the identification caches are
written to a temporary file in the same folder and renamed over the
target, so a reader never sees half a file and a crash never destroys the
previous one. A symbolic link is followed, as a shell's ``>`` does: the
file it points to is replaced and the link stays a link. A new file gets
the permissions the umask gives; a replaced file keeps its own.

It sits outside the stages so that identification (labels, caches) and
reporting share it without one stage importing another.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str) -> None:
    """Replace the regular file at ``path`` (or behind its link) in one step."""
    target = path.resolve()
    mode = _mode_for(target)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """The replaced file's own permissions, or what the umask gives a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
