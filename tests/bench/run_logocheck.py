"""Run logocheck on the benchmark site in its own process, for bench_crawl.py.

    python tests/bench/run_logocheck.py TARGET CONTRACTS MAX_PAGES scan|crawl

``scan`` is the whole pipeline (crawl + lint; with a folder as TARGET, lint
alone); ``crawl`` reads every page from the source a scan uses (for a URL,
the crawler in its own process) and parses it with lxml in this process as
the extract stage would, without the rest. Prints ``pages problems
crawler-process-peak-KB`` on one line.
"""

from __future__ import annotations

import gc
import resource
import sys
from contextlib import closing
from pathlib import Path

from lxml import etree

from logocheck.collect import open_source
from logocheck.collect.options import CrawlOptions


def main(url: str, contracts: str, max_pages: int, mode: str) -> None:
    options = CrawlOptions(max_pages=max_pages, progress=False)
    if mode == "scan":
        from logocheck.pipeline import ScanOptions, scan

        report = scan(url, Path(contracts), ScanOptions(crawl=options))
        gc.collect()  # closes the crawler process, so its peak memory is counted below
        crawler_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        failures = sum(1 for f in report.findings if f.code.startswith("LC90"))
        print(report.summary.pages, failures, crawler_kb)
        return
    pages = 0
    with closing(open_source(url, options)) as source:
        for page in source.pages():
            parser = etree.HTMLParser(encoding=page.encoding)
            etree.fromstring(page.body, parser)
            pages += 1
        print(pages, len(source.problems()))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])
