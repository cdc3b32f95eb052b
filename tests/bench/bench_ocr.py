"""Benchmark: reading wordmarks, for accuracy, speed and the cost to scans that need none.

Run from the repository root::

    python tests/bench/bench_ocr.py                       # every part
    python tests/bench/bench_ocr.py --part accuracy       # the whole corpus
    python tests/bench/bench_ocr.py --part accuracy --engine tesseract
    python tests/bench/bench_ocr.py --part speed --logos 300
    python tests/bench/bench_ocr.py --part no-cost

Floors:

- ``accuracy``: on ``fixtures/wordmarks/`` (180 logos), at least 90% named
  correctly by OCR alone, at most 1% named as a wrong account; walls: at
  least 85% of their logos named;
- ``speed``: a folder site of N unique wordmarks (no alt, opaque names,
  drawn here from invented names) scanned at at least 20 unique logos per
  second on the machine (2 cores);
- ``no-cost``: the same site with every logo named by its alt never
  imports the engine and reads nothing.

The machine is shared: the script prints the load average beside each
figure. It exits 1 when a floor is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "fixtures"))
sys.path.insert(0, str(ROOT / "fixtures" / "wordmarks"))

import generate as wordmarks  # noqa: E402
import logogen  # noqa: E402

from logocheck.contracts.index import AccountIndex  # noqa: E402
from logocheck.identify.composite import regions  # noqa: E402
from logocheck.identify.decode import decode  # noqa: E402
from logocheck.identify.naming import Namer  # noqa: E402
from logocheck.identify.svg import Renderer, render_svg  # noqa: E402
from logocheck.identify.text import Cleaner  # noqa: E402
from logocheck.identify.wordmark import Reading, load_engine, text_lines  # noqa: E402
from logocheck.model import Account  # noqa: E402

CORPUS = ROOT / "fixtures" / "wordmarks"
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Customers</title></head>
<body><main><section><h2>Trusted by</h2><ul>{items}</ul></section></main></body></html>
"""

Reader = Callable[[Sequence[Image.Image]], list[Reading]]


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f}"


def tesseract(lines: Sequence[Image.Image]) -> list[Reading]:
    """Tesseract 5 (Debian's tesseract-ocr) on the same normalised lines, one line each."""
    found = []
    with tempfile.TemporaryDirectory() as folder:
        for number, line in enumerate(lines):
            path = Path(folder) / f"{number}.png"
            line.save(path)
            tsv = subprocess.run(
                ["tesseract", str(path), "stdout", "--psm", "7", "tsv"],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            words = [row.split("\t") for row in tsv.splitlines()[1:]]
            words = [w for w in words if len(w) == 12 and w[11].strip() and float(w[10]) >= 0]
            text = " ".join(w[11] for w in words)
            score = min((float(w[10]) / 100 for w in words), default=0.0)
            found.append(Reading(text, score))
    return found


def engine_named(name: str) -> tuple[Reader, float]:
    started = time.perf_counter()
    if name == "tesseract":
        return tesseract, 0.0
    engine = load_engine()
    if engine is None:
        sys.exit("the OCR engine is not installed: pip install -e '.[ocr]'")
    engine.read([Image.new("L", (96, 48), 255)])  # the models load on first use
    return engine.read, time.perf_counter() - started


def corpus_namer() -> Namer:
    accounts = [
        row.split(",")[0] for row in (CORPUS / "contracts.csv").read_text().splitlines()[1:]
    ]
    index = AccountIndex([Account(name, "paid", "") for name in accounts])
    return Namer(index, Cleaner.from_vocab())


def accuracy(engine: str) -> bool:
    read, startup = engine_named(engine)
    namer = corpus_namer()
    manifest = tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))
    renderer = Renderer()
    right = wrong = 0
    per_variant: dict[str, list[int]] = {}
    spent = 0.0
    for row in manifest["logo"]:
        data = (CORPUS / row["file"]).read_bytes()
        image = (
            render_svg(data.decode(), renderer) if row["file"].endswith(".svg") else decode(data)
        )
        started = time.perf_counter()
        brand = namer.name(read(text_lines(image))).brand
        spent += time.perf_counter() - started
        good = brand is not None and brand.casefold() == row["brand"].casefold()
        right += good
        account = namer.index.lookup(brand).account if brand else None
        wrong += account is not None and account.name != row["brand"]
        per_variant.setdefault(row["variant"], [0, 0])[0] += good
        per_variant[row["variant"]][1] += 1
    renderer.close()
    total = len(manifest["logo"])
    on_walls, in_walls = walls(read, namer, manifest["wall"])
    print(f"{engine}: start-up {startup:.2f} s; {load()}")
    print(
        f"  named {right}/{total} ({right / total:.1%}), wrong account {wrong} ({wrong / total:.1%})"
    )
    print(f"  {1000 * spent / total:.1f} ms a logo (normalising, reading, naming)")
    print("  by variant: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in per_variant.items()))
    print(f"  walls: {on_walls}/{in_walls} logos named ({on_walls / in_walls:.1%})")
    return right >= 0.9 * total and wrong <= 0.01 * total and on_walls >= 0.85 * in_walls


def walls(read: Reader, namer: Namer, rows: list[dict[str, object]]) -> tuple[int, int]:
    named = expected = 0
    for row in rows:
        image = decode((CORPUS / str(row["file"])).read_bytes())
        brands = [str(b).casefold() for b in row["brands"]]  # type: ignore[attr-defined]
        expected += len(brands)
        for box in regions(image):
            brand = namer.name(read(text_lines(image.crop(box)))).brand
            if brand is not None and brand.casefold() in brands:
                brands.remove(brand.casefold())
                named += 1
    return named, expected


def write_site(folder: Path, count: int, alt: bool) -> Path:
    """``count`` unique wordmarks, 30 to a page, named only by their letters (or alts)."""
    names = logogen.distractor_names(count, seed="bench-ocr")
    site = folder / "site"
    (site / "media").mkdir(parents=True)
    items: list[str] = []
    for number, name in enumerate(names):
        colour = wordmarks.brand_colour(name)
        image = wordmarks.flat(wordmarks.wordmark(name, number, colour, size=32), (255, 255, 255))
        file = f"media/client-{number:04d}.png"
        image.save(site / file)
        items.append(f'<li><img src="/{file}" alt="{name if alt else ""}"></li>')
    for page in range(0, count, 30):
        folder_page = site / (f"p{page // 30}" if page else "")
        folder_page.mkdir(exist_ok=True)
        html = PAGE.format(items="".join(items[page : page + 30]))
        (folder_page / "index.html").write_text(html, encoding="utf-8")
    accounts = "".join(f"{n},Enterprise\n" for n in names[::2])
    (folder / "contracts.csv").write_text("account,plan\n" + accounts, encoding="utf-8")
    return site


SCAN = """
import resource, sys, time
from pathlib import Path
import logocheck.identify.ocr
from logocheck.pipeline import ScanOptions, scan
if sys.argv[3] == "in-process":
    logocheck.identify.ocr.POOL_FROM = 10**9
started = time.perf_counter()
report = scan(sys.argv[1], Path(sys.argv[2]), ScanOptions())
spent = time.perf_counter() - started
usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
cpu = sum(u.ru_utime + u.ru_stime for u in usage)
methods = [s.match.method for s in report.subjects]
print(spent, methods.count("ocr"), len(methods), "rapidocr" in sys.modules, cpu)
"""


def run_scan(
    folder: Path, site: Path, mode: str = "workers"
) -> tuple[float, int, int, bool, float]:
    out = subprocess.run(
        [sys.executable, "-c", SCAN, str(site), str(folder / "contracts.csv"), mode],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ).stdout.split()
    return float(out[0]), int(out[1]), int(out[2]), out[3] == "True", float(out[4])


def speed(count: int) -> bool:
    folder = Path(tempfile.mkdtemp(prefix="bench-ocr-"))
    try:
        site = write_site(folder, count, alt=False)
        ok = True
        for mode in ("in-process", "workers"):
            spent, read, logos, _, cpu = run_scan(folder, site, mode)
            rate = logos / spent
            print(f"speed ({mode}): {logos} unique logos, {read} named by OCR")
            print(f"  scan {spent:.2f} s, {rate:.1f} unique logos/s, engine start-up included;")
            print(
                f"  {cpu:.2f} s CPU in all processes ({logos / cpu:.1f} logos per CPU-second); {load()}"
            )
            ok &= read >= 0.9 * logos
        return ok and rate >= 20
    finally:
        shutil.rmtree(folder)


def no_cost(count: int) -> bool:
    folder = Path(tempfile.mkdtemp(prefix="bench-ocr-"))
    try:
        site = write_site(folder, count, alt=True)
        spent, read, logos, imported, _ = run_scan(folder, site)
    finally:
        shutil.rmtree(folder)
    print(f"no-cost: {logos} logos named by alt, scan {spent:.2f} s, OCR used {read}")
    print(f"  engine imported: {imported}; {load()}")
    return read == 0 and not imported


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("accuracy", "speed", "no-cost", "all"), default="all")
    parser.add_argument("--engine", choices=("rapidocr", "tesseract"), default="rapidocr")
    parser.add_argument("--logos", type=int, default=300)
    args = parser.parse_args()
    ok = True
    if args.part in ("accuracy", "all"):
        ok &= accuracy(args.engine)
    if args.part in ("speed", "all"):
        ok &= speed(args.logos)
    if args.part in ("no-cost", "all"):
        ok &= no_cost(args.logos)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
