"""Benchmark: extraction over a built site, against lxml parsing the same files.

Run from the repository root::

    python tests/bench/bench_extract.py                 # 10,000 pages
    python tests/bench/bench_extract.py --pages 2000 --keep /tmp/site

The site has pages of about 55 KB of marketing copy (navigation, hero,
feature sections with icons, lists, a quote on some pages) and a footer
with a "Trusted by" wall of 24 logos, the same on every page, as a
site-wide footer is. Both passes read every file from disk in the same
run: the first only parses it with lxml, the second is the folder scan
(``FolderSource``) with ``extract()`` on every page.

Times are CPU times of this process (``time.process_time``), so other
work on the machine does not tilt the ratio. Floors (issue 5): the scan
takes at most twice the lxml-alone time, and
memory is flat in the number of pages (resident memory after the last page
is within 16 MiB of what it was after the first tenth). The script prints
the figures and exits 1 when a floor is missed.
"""

from __future__ import annotations

import argparse
import gc
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import lxml.html
import psutil

from logocheck.collect.folder import FolderSource
from logocheck.config import Settings
from logocheck.extract import ExtractContext, extract

PAGE_BYTES = 55_000
BRANDS = (
    "Globex", "Initech", "Hooli", "Umbrella", "Stark Industries", "Wayne Enterprises",
    "Acme Bank", "Vandelay", "Soylent", "Tyrell", "Cyberdyne", "Wonka", "Massive Dynamic",
    "Pied Piper", "Dunder Mifflin", "Oscorp", "Gringotts", "Duff", "Sirius Cybernetics",
    "Aperture", "Monarch", "Virtucon", "Prestige Worldwide", "Nakatomi",
)  # fmt: skip
WORDS = [
    "teams",
    "ship",
    "faster",
    "with",
    "audit",
    "trails",
    "single",
    "sign-on",
    "and",
    "usage",
    "analytics",
    "that",
    "scale",
    "from",
    "a",
    "side",
    "project",
    "to",
    "a",
    "rollout",
    "across",
    "regions",
    "while",
    "reviewers",
    "stay",
    "informed",
    "about",
    "every",
    "workflow",
    "dashboard",
    "export",
    "alert",
    "schedule",
    "permission",
    "report",
]
RATIO_FLOOR = 2.0
MEMORY_FLOOR = 16 * 2**20


def make_site(root: Path, pages: int, seed: int = 5) -> None:
    """Write ``pages`` pages (``index.html`` and ``docs/<n>/index.html``)."""
    rng = random.Random(seed)
    footer = _footer()
    for n in range(pages):
        folder = root if n == 0 else root / "docs" / str(n)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(_page(n, rng, footer), "utf-8")


def _page(n: int, rng: random.Random, footer: str) -> str:
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Feature {n} | Fluxboard</title><meta property='og:site_name' content='Fluxboard'>",
        "<link rel='stylesheet' href='/assets/site.css'><script>window.dataLayer=[];</script>",
        "</head><body><header class='site-header'><a href='/' class='brand'>",
        "<img src='/assets/fluxboard.svg' alt='Fluxboard'></a><nav><ul>",
        *(f"<li><a href='/docs/{i}/'>Section {i}</a></li>" for i in range(1, 9)),
        "</ul></nav></header><main>",
        f"<section class='hero'><h1>Feature {n} for every team</h1>",
        f"<p class='lead'>{_sentence(rng, 30)}</p></section>",
    ]
    body = sum(map(len, parts)) + len(footer)
    section = 0
    while body < PAGE_BYTES - 1200:
        section += 1
        block = _section(section, rng)
        parts.append(block)
        body += len(block)
    parts += ["</main>", footer, "</body></html>"]
    return "\n".join(parts)


def _section(k: int, rng: random.Random) -> str:
    cards = "".join(
        f"<div class='card'><img class='icon' src='/assets/icons/i{j}.svg' alt=''>"
        f"<h3>{_sentence(rng, 3)}</h3><p>{_sentence(rng, 24)}</p></div>"
        for j in range(3)
    )
    items = "".join(f"<li>{_sentence(rng, 8)}</li>" for _ in range(4))
    quote = ""
    if k % 7 == 0:
        quote = f"<blockquote><p>{_sentence(rng, 18)}</p></blockquote>"
    return (
        f"<section class='features s{k}'><div class='container'><h2>{_sentence(rng, 5)}</h2>"
        f"<p>{_sentence(rng, 40)} <a href='/docs/{k}/'>Read more</a>.</p>"
        f"<div class='grid'>{cards}</div><ul>{items}</ul>{quote}</div></section>"
    )


def _footer() -> str:
    logos = []
    for i, brand in enumerate(BRANDS):
        slug = brand.lower().replace(" ", "-")
        image = (
            f"<img src='/assets/spinner.gif' data-src='/assets/logos/{slug}.png' alt='{brand}'>"
            if i % 3 == 0
            else f"<img src='/assets/logos/{slug}.svg' alt='{brand} logo' loading='lazy'>"
        )
        logos.append(
            f"<li><a href='/customers/{slug}/'>{image}</a></li>" if i % 2 else f"<li>{image}</li>"
        )
    return (
        "<footer class='site-footer'><div class='footer-logos'><h2>Trusted by leading teams</h2>"
        f"<ul class='logo-wall'>{''.join(logos)}</ul></div>"
        "<div class='footer-links'><ul><li><a href='/about/'>About</a></li>"
        "<li><a href='/pricing/'>Pricing</a></li></ul></div>"
        "<a href='https://twitter.com/fluxboard'><img src='/assets/twitter.svg' alt='Twitter'></a>"
        "<p>&copy; 2024 Fluxboard</p></footer>"
    )


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def parse_only(root: Path) -> float:
    """CPU seconds for lxml alone to read and parse every page of the site."""
    start = time.process_time()
    for path in sorted(root.rglob("*.html")):
        lxml.html.document_fromstring(path.read_bytes())
    return time.process_time() - start


def scan(root: Path, context: ExtractContext) -> tuple[float, int, int, int]:
    """CPU seconds for the folder scan with extraction, logos found, and RSS at 10% and 100%."""
    process = psutil.Process()
    source = FolderSource(root)
    pages = sum(1 for _ in root.rglob("*.html"))
    logos = 0
    early = 0
    start = time.process_time()
    for count, page in enumerate(source.pages(), 1):
        logos += len(extract(page, context).logos)
        if count == max(1, pages // 10):
            early = process.memory_info().rss
    elapsed = time.process_time() - start
    return elapsed, logos, early, process.memory_info().rss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="generate the site here and keep it")
    parser.add_argument("--names", type=int, default=1_000_000, help="account names to match")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="logocheck-extract-"))
    try:
        if not (root / "index.html").is_file():
            make_site(root, args.pages)
        size = sum(p.stat().st_size for p in root.rglob("*.html"))
        names = [f"Account {i} {BRANDS[i % 24]}" for i in range(args.names)] + list(BRANDS)
        built = time.perf_counter()
        context = ExtractContext.build(names, Settings())
        built = time.perf_counter() - built
        parse_only(root)  # warm the page cache so both passes read from memory
        gc.collect()
        lxml_time = parse_only(root)
        gc.collect()
        scan_time, logos, early, late = scan(root, context)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    pages = args.pages
    ratio = scan_time / lxml_time
    growth = late - early
    print(f"pages: {pages:,} ({size / pages / 1024:.1f} KiB each), logos found: {logos:,}")
    print(f"context for {len(names):,} account names built in {built:.2f} s")
    print(f"lxml parse alone: {lxml_time:.2f} s ({lxml_time / pages * 1e3:.3f} ms a page)")
    print(f"folder scan + extract: {scan_time:.2f} s ({scan_time / pages * 1e3:.3f} ms a page)")
    print(f"ratio: {ratio:.2f} (floor {RATIO_FLOOR})")
    print(f"resident memory: {early / 2**20:.1f} MiB at 10%, {late / 2**20:.1f} MiB at 100%")
    ok = ratio <= RATIO_FLOOR and growth <= MEMORY_FLOOR and logos == pages * len(BRANDS)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
