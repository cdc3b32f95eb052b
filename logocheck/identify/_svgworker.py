"""The SVG rendering worker: ``python -P logocheck/identify/_svgworker.py``.

Runs in its own process so that a renderer crash, hang or memory blow-up
ends this process, not the scan (see ``svg.Renderer``). It is run by its
path and imports only the standard library and resvg, so it starts fast.
Protocol, on stdin/stdout: request = u32 length, u32 width, SVG text
(UTF-8); response = u8 status (0 ok, 1 error), u32 length, PNG bytes or
error text.
"""

from __future__ import annotations

import resource
import signal
import struct
import sys
from typing import BinaryIO

#: Address space the renderer may use: a logo needs a few MB.
MEMORY_LIMIT = 1 << 30


def _read(stream: BinaryIO, size: int) -> bytes | None:
    data = stream.read(size)
    return data if len(data) == size else None


def _answer(out: BinaryIO, status: int, body: bytes) -> None:
    out.write(bytes([status]) + struct.pack(">I", len(body)) + body)
    out.flush()


def main() -> None:
    import resvg_py

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's; it stops us
    # started with both held (pools.interrupts_held): SIGTERM ends us from here on
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while (header := _read(stdin, 4)) is not None:
        payload = _read(stdin, struct.unpack(">I", header)[0])
        if payload is None or len(payload) < 4:
            return
        width = struct.unpack(">I", payload[:4])[0]
        try:
            svg = payload[4:].decode("utf-8")
            png = bytes(resvg_py.svg_to_bytes(svg_string=svg, width=width))
        except Exception as error:  # any renderer failure is this image's failure
            _answer(stdout, 1, (" ".join(str(error).split()) or type(error).__name__).encode())
            continue
        _answer(stdout, 0, png)


if __name__ == "__main__":
    main()
