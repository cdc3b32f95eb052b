"""The crawler's own process: an HttpSource whose pages go out on stdout.

Started by ``ProcessSource`` (``collect/process.py``) so that the crawl and
the lint each have a core and a GIL of their own. The conversation is a
stream of pickled tuples each way::

    parent -> child   sys.path, (target, options), then
                      ("credit",)      one more page may be sent
                      ("asset", url)   fetch an image through the crawl's client
                      ("stop",)        finish (closing stdin does the same)
    child -> parent   ("page", Page) ... then ("end", problems, counts)
                      or ("fail", str(LogocheckError))
                      ("asset", url, bytes | reason) in answer to a request

Pages are sent only against credits, so at most ``CREDITS`` pages are ever
between the two processes whatever the parent is doing.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from typing import IO, TYPE_CHECKING, Any

from logocheck.collect import AssetError
from logocheck.errors import LogocheckError

if TYPE_CHECKING:  # imported in main(): the parent needs only Channel, not httpx
    from logocheck.collect.http import HttpSource

CREDITS = 16


class Channel:
    """Pickled messages over a pair of pipes; sending is thread-safe."""

    def __init__(self, inbox: IO[bytes], outbox: IO[bytes]) -> None:
        self.inbox = inbox
        self.outbox = outbox
        self.lock = threading.Lock()

    def send(self, message: tuple[Any, ...]) -> None:
        with self.lock:
            pickle.dump(message, self.outbox, protocol=pickle.HIGHEST_PROTOCOL)
            self.outbox.flush()

    def receive(self) -> tuple[Any, ...]:
        message = pickle.load(self.inbox)
        assert isinstance(message, tuple)
        return message


class Worker:
    def __init__(self, channel: Channel, source: HttpSource) -> None:
        self.channel = channel
        self.source = source
        self.credits = threading.Semaphore(CREDITS)
        self.stopped = threading.Event()

    def serve(self) -> None:
        """Answer the parent's credits and image requests until it says stop."""
        try:
            while True:
                message = self.channel.receive()
                if message[0] == "credit":
                    self.credits.release()
                elif message[0] == "asset":
                    reply = _asset(self.source, message[1])
                    self.channel.send(("asset", message[1], reply))
                else:
                    return
        except (EOFError, OSError):
            return
        finally:
            self.stopped.set()

    def crawl(self) -> None:
        try:
            for page in self.source.pages():
                if not self._credit():
                    return  # the parent has gone: stop crawling
                self.channel.send(("page", page))
        except LogocheckError as error:  # sent as text: errors need not pickle
            self.channel.send(("fail", str(error)))
            return
        except Exception as error:  # a crawler bug: one line for the parent, not a traceback
            self.channel.send(("fail", f"{self.source.start}: internal crawler error: {error!r}"))
            return
        self.channel.send(("end", self.source.problems(), self.source.counts()))

    def _credit(self) -> bool:
        while not self.credits.acquire(timeout=0.2):
            if self.stopped.is_set():
                return False
        return True


def main() -> None:
    """Crawl for the parent, then leave with ``os._exit``.

    The thread reading the parent's messages may be blocked on stdin when
    the crawl ends; a normal interpreter exit would then abort on the
    buffer lock ("Fatal Python error"), so the process ends without one.
    SIGINT (Ctrl-C reaches the whole process group) is the parent's to
    handle; SIGTERM from the parent ends the process at once.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        _serve(Channel(sys.stdin.buffer, sys.stdout.buffer))
    finally:
        with contextlib.suppress(OSError):
            sys.stdout.flush()
        os._exit(0)


def _serve(channel: Channel) -> None:
    from logocheck.collect.http import HttpSource

    target, options = channel.receive()
    with HttpSource(target, options) as source:
        worker = Worker(channel, source)
        server = threading.Thread(target=worker.serve, daemon=True)
        server.start()
        try:
            worker.crawl()
        except OSError:
            return
        server.join()


def _asset(source: HttpSource, url: str) -> bytes | str:
    try:
        return source.read_asset(url)
    except AssetError as error:
        return str(error)


if __name__ == "__main__":
    main()
