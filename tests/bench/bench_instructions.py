"""Benchmark: instructions a page costs to extract, against lxml's parse of it.

Run from the repository root (needs ``valgrind``)::

    python tests/bench/bench_instructions.py
    python tests/bench/bench_instructions.py --pages 40

Wall-clock ratios move with whatever else the machine runs: on a shared
2-core machine lxml's parse of the same files took half again as long from
one run to the next. Instructions do not move. ``valgrind --tool=cachegrind``
counts every instruction a process executes, so the figure here is the same
on a busy machine and a quiet one, and a change that saves work shows up
even when its effect on the clock is lost in the noise.

It writes the two sites of ``bench_extract.py`` (the footer-wall site and
the text-dense one) and, for each, counts the instructions of one process
that reads the pages and either parses them with lxml or extracts them
(``extract`` with the scan's context and memory, as a worker does), then
the same process with no pages: the difference, divided by the pages, is
what a page costs. Only extraction is counted: not the scan's start-up,
its main process or its workers' messages, which ``bench_extract.py``
times. Instructions are not time (a cache miss costs more than an add),
so this complements the wall-clock benchmark; it does not replace it.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_extract import make_dense_site, make_site

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")
#: Pages extracted before any is counted, in every process: patterns compiled
#: on first use and the memory's first entries are a scan's, not a page's.
_WARM = 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=60, help="pages counted on each site")
    parser.add_argument("--run", nargs=3, metavar=("MODE", "PAGES", "SITE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run:
        mode, pages, site = args.run
        _work(mode, int(pages), Path(site))
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    root = Path(tempfile.mkdtemp(prefix="logocheck-instructions-"))
    try:
        make_site(root / "plain", args.pages)
        make_dense_site(root / "dense", args.pages)
        for name in ("plain", "dense"):
            lxml, extract = (
                _per_page(mode, args.pages, root / name) for mode in ("lxml", "extract")
            )
            print(f"{name}: lxml parse {lxml / 1e6:.2f} M instructions a page, "
                  f"extraction {extract / 1e6:.2f} M = {extract / lxml:.2f}x lxml")  # fmt: skip
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


def _per_page(mode: str, pages: int, site: Path) -> float:
    """Instructions of ``pages`` pages of ``mode`` less those of none, per page."""
    with ThreadPoolExecutor(2) as pool:  # the two counts run side by side
        empty, full = pool.map(lambda n: _count(mode, n, site), (0, pages))
    return (full - empty) / pages


def _count(mode: str, pages: int, site: Path) -> int:
    command = ["valgrind", "--tool=cachegrind", "--cache-sim=no",
               "--cachegrind-out-file=/dev/null", sys.executable, __file__,
               "--run", mode, str(pages), str(site)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    found = _REFS.search(done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count from valgrind:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def _work(mode: str, pages: int, site: Path) -> None:
    """What one counted process does: the set-up always, then ``pages`` pages."""
    import lxml.html

    from logocheck.config import load_settings
    from logocheck.extract import ExtractContext, ExtractMemory, extract
    from logocheck.model import Page
    from logocheck.pipeline import learn_products

    files = sorted(site.rglob("*.html"))[: max(pages, 12) + _WARM]
    loaded = [Page(url="/" + f.parent.relative_to(site).as_posix() + "/", body=f.read_bytes(),
                   file=str(f)) for f in files]  # fmt: skip
    settings = load_settings(None, site)
    products = learn_products(loaded[:12], str(site), settings)
    names = [f"Account {i} Holdings" for i in range(200)]
    context = ExtractContext.build(names, settings, products, links=True)
    memory = ExtractMemory()
    for page in loaded[-_WARM:]:  # what is compiled or learned once, before the count
        extract(page, context, memory)
    for page in loaded[:pages]:
        if mode == "lxml":
            lxml.html.document_fromstring(page.body)
        else:
            extract(page, context, memory)


if __name__ == "__main__":
    sys.exit(main())
