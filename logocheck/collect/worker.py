"""The crawler's own process: an HttpSource whose pages go to the scan over a Connection.

Started by ``ProcessSource`` (``collect/process.py``) with multiprocessing's
spawn context, so that the crawl and the lint each have a core and a GIL of
their own. The conversation is a stream of tuples each way over one
``multiprocessing.connection.Connection``::

    scan -> crawler   ("credit", n)    n more pages may be sent
                      ("asset", url)   fetch an image through the crawl's client
                      ("stop",)        finish (closing the connection does the same)
    crawler -> scan   ("page", Page) ... then ("end", problems, counts)
                      or ("fail", str(LogocheckError))
                      ("asset", url, bytes | reason) in answer to a request

Pages are sent only against credits, so at most ``CREDITS`` pages are ever
between the two processes whatever the scan is doing. The scan hands
credits back ``CREDIT_BATCH`` at a time: a message per page woke the
thread reading them, and took the GIL from the crawl, once per page.
"""

from __future__ import annotations

import contextlib
import threading
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from logocheck.collect import AssetError
from logocheck.collect.options import CrawlOptions
from logocheck.errors import LogocheckError
from logocheck.pools import quiet_worker

if TYPE_CHECKING:  # imported in main(): the scan process needs none of httpx
    from logocheck.collect.http import HttpSource

CREDITS = 16
CREDIT_BATCH = CREDITS // 2


class Worker:
    """The crawl on one thread, the scan's requests on another, one connection."""

    def __init__(self, connection: Connection, source: HttpSource) -> None:
        self.connection = connection
        self.source = source
        self.credits = threading.Semaphore(CREDITS)
        self.stopped = threading.Event()
        self.sending = threading.Lock()

    def send(self, message: tuple[Any, ...]) -> None:
        """Send from either thread: a Connection is not safe for two writers."""
        with self.sending:
            self.connection.send(message)

    def serve(self) -> None:
        """Answer the scan's credits and image requests until it says stop."""
        try:
            while True:
                message = self.connection.recv()
                if message[0] == "credit":
                    self.credits.release(message[1])
                elif message[0] == "asset":
                    self.send(("asset", message[1], _asset(self.source, message[1])))
                else:
                    return
        except (EOFError, OSError):
            return
        finally:
            self.stopped.set()

    def crawl(self) -> None:
        """Send every page against credits, then how the crawl ended."""
        try:
            for page in self.source.pages():
                if not self._credit():
                    return  # the scan has gone: stop crawling
                self.send(("page", page))
            ending: tuple[Any, ...] = ("end", self.source.problems(), self.source.counts())
        except LogocheckError as error:  # sent as text: errors need not pickle
            ending = ("fail", str(error))
        except Exception as error:  # a crawler bug: one line for the scan, not a traceback
            ending = ("fail", f"{self.source.start}: internal crawler error: {error!r}")
        self.send(ending)

    def _credit(self) -> bool:
        while not self.credits.acquire(timeout=0.2):
            if self.stopped.is_set():
                return False
        return True


def main(connection: Connection, target: str, options: CrawlOptions) -> None:
    """Crawl ``target`` for the scan at the other end of ``connection``.

    SIGINT (Ctrl-C reaches the whole process group) is the scan's to
    handle: the scan starts this process with SIGINT and SIGTERM held
    (``pools.interrupts_held``), and ``quiet_worker`` ignores the one and
    restores the other before letting them through, so SIGTERM from the
    scan ends the process at once.
    """
    quiet_worker()
    from logocheck.collect.http import HttpSource

    with connection, HttpSource(target, options) as source:
        worker = Worker(connection, source)
        server = threading.Thread(target=worker.serve, name="logocheck-requests", daemon=True)
        server.start()
        with contextlib.suppress(OSError):  # the scan has gone: nobody is left to tell
            worker.crawl()
        server.join()


def _asset(source: HttpSource, url: str) -> bytes | str:
    try:
        return source.read_asset(url)
    except AssetError as error:
        return str(error)
