"""Extraction in worker processes gives the same report as in-process."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import logocheck.collect.folder
import logocheck.parallel
from logocheck.errors import ScanIncomplete
from logocheck.extract import Extraction
from logocheck.extract.products import LEARN_PAGES
from logocheck.model import Location, Page, Problem
from logocheck.pipeline import ScanOptions, observe, scan
from logocheck.report import render
from tests.harness import AS_OF

PAGES = logocheck.parallel.SERIAL_PAGES + 3 * logocheck.parallel.CHUNK + 5
FOOTER = """<footer><section class="customers"><h2>Trusted by</h2>
<img src="/l/hooli.png" alt="Hooli"><img src="/l/globex.png" alt="Globex"></section></footer>"""
CONTRACTS = (
    "account,plan,status\nHooli,Free,active\nGlobex,Enterprise,active\nInitech,Trial,active\n"
)


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for n in range(PAGES):
        page = site / f"p{n:03d}" / "index.html"
        page.parent.mkdir(parents=True)
        quote = (
            f'<blockquote>"Saved {n} hours a week." <cite>Jo, CTO at Initech</cite></blockquote>'
        )
        extra = quote if n % 7 == 0 else ""
        if n == PAGES - 1:  # read by a worker: its links must reach the folder's check
            extra += '<a href="/p000/">first</a> <a href="/gone/">a page not built</a>'
        page.write_text(f"<html><body><main><h1>Page {n}</h1>{extra}</main>{FOOTER}</body></html>")
    (tmp_path / "contracts.csv").write_text(CONTRACTS)
    return site


def _wait_until_forking_is_safe() -> None:
    # with another thread alive, jobs=2 would quietly run in-process and prove nothing;
    # a server thread of an earlier test may still be winding down
    deadline = time.monotonic() + 10
    while not logocheck.parallel._can_fork() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert logocheck.parallel._can_fork(), f"threads alive: {threading.enumerate()}"


def test_workers_give_a_byte_identical_report(tmp_path: Path) -> None:
    _wait_until_forking_is_safe()
    site = _site(tmp_path)
    reports = [
        render(
            scan(str(site), tmp_path / "contracts.csv", ScanOptions(as_of=AS_OF, jobs=jobs)), "json"
        )
        for jobs in (1, 2)
    ]
    assert reports[0] == reports[1]
    assert f'"pages": {PAGES}' in reports[0]
    assert f"not in the build (linked from /p{PAGES - 1:03d}/)" in reports[0]


def test_a_footer_wall_is_one_finding_counting_every_page(tmp_path: Path) -> None:
    report = scan(
        str(_site(tmp_path)), tmp_path / "contracts.csv", ScanOptions(as_of=AS_OF, jobs=2)
    )
    [hooli] = [f for f in report.findings if f.brand == "Hooli"]
    assert (hooli.code, hooli.pages) == ("LC001", PAGES)
    trials = [f for f in report.findings if f.code == "LC002"]
    assert len(trials) == len(range(0, PAGES, 7))


def _die_on_page_60(page: Page, context: object, memory: object = None) -> object:
    if page.url == "/p060/":
        os._exit(3)
    return real_extract(page, context, memory)  # type: ignore[arg-type]


real_extract = logocheck.parallel.extract


def test_a_dead_worker_ends_the_scan_instead_of_losing_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(tmp_path)
    monkeypatch.setattr(logocheck.parallel, "extract", _die_on_page_60)
    with pytest.raises(ScanIncomplete, match="worker died"):
        scan(str(site), tmp_path / "contracts.csv", ScanOptions(as_of=AS_OF, jobs=2))


def test_a_worker_sends_each_element_in_full_before_its_key() -> None:
    # the extractor may hand on as repeated a logo whose first page never
    # reached the scan (that page failed after its wall was read), and one
    # page may show the same claim twice
    from logocheck.extract import Extraction
    from logocheck.model import Claim, Location, Logo
    from logocheck.occurrences import Occurrences
    from logocheck.recent import Recent

    sent: Recent[str, bool] = Recent(100)
    wall = Logo(Location(url="/a/", selector="footer img"), "/l/hooli.png")
    claim = Claim(
        Location(url="/a/", selector="main p"), "testimonial", "Hooli runs on it", ("Hooli",)
    )
    page = Extraction((), (claim, claim), repeated=(wall,))
    first, keys = logocheck.parallel._without_repeats(page, sent)
    again, repeats = logocheck.parallel._without_repeats(page, sent)
    assert (first.logos, first.claims, keys) == ((wall,), (claim,), ())
    [(claim_key, _)] = claim.keys
    assert (again.logos, again.claims) == ((), ())
    assert sorted(repeats) == sorted([wall.key, claim_key, claim_key])
    seen = Occurrences()  # the scan's side, in its order: repeats, then new elements
    for url, found, given in (("/a/", first, keys), ("/b/", again, repeats)):
        for key in given:
            seen.repeat(key, url)  # a key the scan was never sent would be a KeyError
        for key in [logo.key for logo in found.logos] + [
            k for c in found.claims for k, _ in c.keys
        ]:
            seen.add(key, url, lambda: None)  # type: ignore[arg-type,return-value]


#: Where ``_logged_extract`` writes which process extracted which page.
_LOG: Path | None = None


def _logged_extract(page: Page, context: object, memory: object = None) -> object:
    assert _LOG is not None
    with _LOG.open("a") as log:  # one short append per page: lines never interleave
        log.write(f"{os.getpid()} {page.url}\n")
    return real_extract(page, context, memory)  # type: ignore[arg-type]


def _extracted_by(log: Path) -> dict[str, list[str]]:
    """URLs in the order each process extracted them, by process id."""
    by: dict[str, list[str]] = {}
    for line in log.read_text().splitlines():
        pid, url = line.split()
        by.setdefault(pid, []).append(url)
    return by


def test_a_folder_known_to_be_large_is_extracted_by_workers_from_its_first_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _wait_until_forking_is_safe()
    site = _site(tmp_path)
    for n in (1, 30):  # empty pages: problems of extraction, reported in page order
        (site / f"p{n:03d}" / "index.html").write_bytes(b"")
    refused = site / "p020" / "index.html"  # a page the folder cannot read
    refused.unlink()
    refused.symlink_to(site / "gone.html")
    monkeypatch.setattr(logocheck.parallel, "extract", _logged_extract)
    reports = []
    for jobs in (1, 2):
        log = tmp_path / f"jobs{jobs}.log"
        monkeypatch.setattr(sys.modules[__name__], "_LOG", log)
        options = ScanOptions(as_of=AS_OF, jobs=jobs)
        reports.append(render(scan(str(site), tmp_path / "contracts.csv", options), "json"))
    assert reports[0] == reports[1]
    text = reports[0]
    empty = [text.index(f"/p{n:03d}/") for n in (1, 30)]
    assert empty[0] < empty[1] and "empty document" in text
    assert "/p020/" in text and "No such file or directory" in text
    [in_process] = _extracted_by(tmp_path / "jobs1.log").values()
    expected = [f"/p{n:03d}/" for n in range(PAGES) if n != 20]
    assert in_process == expected
    by_worker = _extracted_by(tmp_path / "jobs2.log")
    assert str(os.getpid()) not in by_worker  # no page waited for the workers
    assert sorted(url for urls in by_worker.values() for url in urls) == expected


def test_a_source_of_unknown_size_reads_its_first_pages_in_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _wait_until_forking_is_safe()
    from logocheck.config import Settings
    from logocheck.extract import ExtractContext

    monkeypatch.setattr(logocheck.parallel, "extract", _logged_extract)
    context = ExtractContext.build([], Settings())
    pages = [Page(f"/p{n:03d}/", b"<p>Hello</p>") for n in range(PAGES)]
    urls = [page.url for page in pages]
    for known in (None, logocheck.parallel.SERIAL_PAGES):  # unknown, or too few for workers
        log = tmp_path / f"{known}.log"
        monkeypatch.setattr(sys.modules[__name__], "_LOG", log)
        given = pages[:known] if known else pages
        done = [url for url, _, _ in logocheck.parallel.extract_all(given, context, 2, known)]
        assert done == urls[: len(given)]
        by = _extracted_by(log)
        serial = logocheck.parallel.SERIAL_PAGES
        assert by.pop(str(os.getpid())) == urls[:serial]
        in_workers = sorted(url for done in by.values() for url in done)
        assert in_workers == (urls[serial:] if known is None else [])


def _logged_read(path: str, limit: int) -> bytes:
    assert _LOG is not None
    with _LOG.open("a") as log:
        log.write(f"{os.getpid()} {path}\n")
    return real_read(path, limit)


real_read = logocheck.collect.folder.read_regular


def test_workers_read_a_large_folders_pages_and_its_refusals_keep_page_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _wait_until_forking_is_safe()
    site = _site(tmp_path)
    for n in (3, 40, 70, 71):  # one read to learn the products, three by the workers
        page = site / f"p{n:03d}" / "index.html"
        page.unlink()
        page.symlink_to(site / f"gone{n}.html")
    fifo = site / "p050" / "index.html"
    fifo.unlink()
    os.mkfifo(fifo)  # would block a plain open() for ever
    log = tmp_path / "reads.log"
    monkeypatch.setattr(sys.modules[__name__], "_LOG", log)
    monkeypatch.setattr(logocheck.collect.folder, "read_regular", _logged_read)
    options = ScanOptions(as_of=AS_OF, jobs=2)
    seen = observe(str(site), tmp_path / "contracts.csv", options)
    pages = [p for p in seen.problems if p.kind == "fetch" and "linked" not in p.detail]
    refused = [(p.location.url, p.detail) for p in pages]
    missing = "No such file or directory"
    assert refused == [
        ("/p003/", missing),
        ("/p040/", missing),
        ("/p050/", "not a regular file"),
        ("/p070/", missing),
        ("/p071/", missing),
    ]
    assert seen.pages == PAGES - 5
    reads = _extracted_by(log)
    in_scan = reads.pop(str(os.getpid()))
    assert len(in_scan) == LEARN_PAGES + 1  # the pages the products are learned from
    in_workers = sorted(path for paths in reads.values() for path in paths)
    root = site.resolve()
    assert in_workers == [str(root / f"p{n:03d}" / "index.html") for n in range(13, PAGES)]


class _Installs:
    """``signal.signal`` as it is, counting the SIGVTALRM handlers this process installs."""

    def __init__(self) -> None:
        self.count = 0
        self.install = signal.signal

    def __call__(self, signum: int, handler: Any) -> Any:
        self.count += signum == signal.SIGVTALRM
        return self.install(signum, handler)


_INSTALLS = _Installs()


def _installs_so_far(page: Page, context: object, memory: object) -> Extraction:
    """An extraction that says which process ran it and how many handlers it had installed."""
    problem = Problem("parse", f"{os.getpid()} {_INSTALLS.count}", Location(url=page.url))
    return Extraction((), (), (problem,))


def test_workers_install_the_deadline_handler_once_and_the_scan_process_puts_its_own_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _wait_until_forking_is_safe()
    monkeypatch.setattr(logocheck.parallel, "extract", _installs_so_far)
    monkeypatch.setattr(signal, "signal", _INSTALLS)
    before = signal.getsignal(signal.SIGVTALRM)
    pages = [Page(url=f"/p{n}/", body=b"<p>x</p>") for n in range(PAGES)]
    done = logocheck.parallel.extract_all(pages, None, 2)  # type: ignore[arg-type]
    by: dict[str, list[int]] = {}
    for _, found, _ in done:
        pid, count = found.problems[0].detail.split()
        by.setdefault(pid, []).append(int(count))
    serial = by.pop(str(os.getpid()))
    assert len(serial) == logocheck.parallel.SERIAL_PAGES
    assert serial == sorted(set(serial))  # a handler installed (and put back) for each page
    assert by and all(len(set(counts)) == 1 for counts in by.values())  # once, at start-up
    assert signal.getsignal(signal.SIGVTALRM) is before


def test_a_folders_workers_have_pages_queued_while_the_scan_process_pauses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After its first result the scan's process builds its identifier; the
    workers of a folder's unread pages go on with a deep queue meanwhile."""
    _wait_until_forking_is_safe()
    from logocheck.collect.folder import FolderSource
    from logocheck.config import Settings
    from logocheck.extract import ExtractContext

    parallel = logocheck.parallel
    queued = 2 * parallel.IN_FLIGHT_UNREAD * parallel.CHUNK
    site = tmp_path / "site"
    for n in range(queued + 3 * parallel.CHUNK):
        (site / f"p{n:04d}").mkdir(parents=True)
        (site / f"p{n:04d}" / "index.html").write_bytes(b"<p>Hello</p>")
    log = tmp_path / "extracted.log"
    log.touch()
    monkeypatch.setattr(sys.modules[__name__], "_LOG", log)
    monkeypatch.setattr(parallel, "extract", _logged_extract)
    source = FolderSource(site)
    listed = list(source.page_files())
    context = ExtractContext.build([], Settings())
    pages = parallel.extract_all(listed, context, 2, len(listed), source)
    next(pages)  # and no other, for now
    done, deadline = -1, time.monotonic() + 30
    while time.monotonic() < deadline:  # until the workers have done all they were given
        time.sleep(0.5)
        now = len(log.read_text().splitlines())
        if now == done:
            break
        done = now
    pages.close()
    assert done == queued > 2 * parallel.IN_FLIGHT * parallel.CHUNK  # deeper than a crawl's
