"""Benchmark: identifying logos from pixels, alone and inside a whole scan.

Run from the repository root::

    python tests/bench/bench_identify.py                 # both parts
    python tests/bench/bench_identify.py --part raster   # logos/s only
    python tests/bench/bench_identify.py --part site --pages 10000
    python tests/bench/bench_identify.py --part calibrate  # threshold evidence

Floors, on one core (the script is single-process):

- ``raster``: at least 200 unique raster logos identified per second against
  a library of 1,000 reference logos (library building is timed apart);
- ``site``: a 10,000-page built site showing the same 24 logos (no alt
  text, opaque file names) on every page spends at most 5% of its scan time
  in image work (reading, decoding, fingerprinting, ranking, the library).

The script prints the figures and exits 1 when a floor is missed.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "fixtures"))

import logogen  # noqa: E402
from bench_extract import PAGE_BYTES, filler  # noqa: E402

from logocheck.identify import images as images_module  # noqa: E402
from logocheck.identify.images import Images, decide  # noqa: E402
from logocheck.identify.library import Library, Reference  # noqa: E402

KINDS = (
    "transparent",
    "s50",
    "s200",
    "2x",
    "grey",
    "mono",
    "white",
    "on-dark",
    "inverted",
    "jpeg30",
    "padded",
    "tile",
    "s25",
    "s400",
    "mono-brand",
)


def library_names(size: int) -> list[str]:
    names = list(logogen.BRANDS)
    return names + logogen.distractor_names(size - len(names), seed="bench-library")


def build_library(names: list[str], images: Images) -> Library:
    references = []
    for name in names:
        image = logogen.flatten(logogen.draw_logo(name, width=360, height=120), logogen.WHITE)
        data = logogen.encode(image, "PNG")
        references.append(Reference(name, f"{name}.png", images.reference_fingerprint(data)))
    return Library(references)


def bench_raster(library_size: int, queries: int) -> bool:
    names = library_names(library_size)
    files: dict[str, bytes] = {}
    truth: dict[str, str] = {}
    for i, name in enumerate(names[:queries]):
        ext, data = logogen.variant(name, KINDS[i % len(KINDS)])
        files[f"/img/{i}.{ext}"] = data
        truth[f"/img/{i}.{ext}"] = name
    images = Images(files.__getitem__, Library([]))
    start = time.perf_counter()
    images.library = build_library(names, images)
    built = time.perf_counter() - start
    start = time.perf_counter()
    matches = {url: decide(images.from_url(url)) for url in files}
    took = time.perf_counter() - start
    images.close()
    rate = len(files) / took
    right = sum(1 for url, match in matches.items() if match.brand == truth[url])
    print(f"raster: library of {len(images.library)} logos built in {built:.1f} s")
    print(
        f"raster: {len(files)} unique logos in {took:.2f} s = {rate:.0f} logos/s "
        f"(floor 200); top-1 {right / len(files):.1%}"
    )
    return rate >= 200


# --- a whole site -----------------------------------------------------------------

WALL = """<section class="logos"><h2>Trusted by industry leaders</h2><div class="row">
{items}
</div></section>"""
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Page {n}</title></head>
<body><header><nav><a href="/">Home</a> <a href="/pricing/">Pricing</a></nav></header>
<main><h1>Feature {n}</h1><p>Everything you need to ship feature {n}, faster.</p>
{filler}
{wall}
</main><footer><p>Copyright Example Inc.</p></footer></body></html>
"""


def make_site(folder: Path, pages: int, brands: list[str]) -> None:
    """Pages of about 55 KB (as in the extraction benchmark) with the wall of logos."""
    rng = random.Random(7)
    site = folder / "site"
    (site / "img").mkdir(parents=True)
    logos = folder / "logos"
    logos.mkdir()
    items = []
    for i, brand in enumerate(brands):
        ext, data = logogen.variant(brand, KINDS[i % len(KINDS)])
        (site / "img" / f"client-{i:02d}.{ext}").write_bytes(data)
        items.append(f'<img src="/img/client-{i:02d}.{ext}" alt="" loading="lazy">')
        reference = logogen.flatten(logogen.draw_logo(brand, width=360, height=120), logogen.WHITE)
        (logos / f"{logogen_slug(brand)}.png").write_bytes(logogen.encode(reference, "PNG"))
    wall = WALL.format(items="\n".join(items))
    for n in range(pages):
        page = site / ("index.html" if n == 0 else f"features/{n}/index.html")
        page.parent.mkdir(parents=True, exist_ok=True)
        text = filler(rng, PAGE_BYTES - len(wall) - 400)
        page.write_text(PAGE.format(n=n, wall=wall, filler=text), encoding="utf-8")
    rows = ["account,plan"] + [f'"{b}",Enterprise' for b in brands]
    (folder / "contracts.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def logogen_slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")


class Stopwatch:
    """Adds up the time spent inside the wrapped functions."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.depth = 0

    def wrap(self, owner: Any, name: str) -> None:
        function: Callable[..., Any] = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            self.depth += 1
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.depth -= 1
                if self.depth == 0:
                    self.seconds += time.perf_counter() - start

        setattr(owner, name, timed)


def bench_site(pages: int) -> bool:
    from logocheck.config import Settings
    from logocheck.pipeline import ScanOptions, scan

    brands = list(logogen.BRANDS[:24])
    watch = Stopwatch()
    for name in ("from_url", "from_svg", "fingerprint"):
        watch.wrap(images_module.Images, name)
    watch.wrap(images_module, "decide")
    with tempfile.TemporaryDirectory(prefix="logocheck-bench-") as tmp:
        folder = Path(tmp)
        make_site(folder, pages, brands)
        settings = Settings({"identify": {"logos": str(folder / "logos")}})
        start = time.perf_counter()
        report = scan(
            str(folder / "site"), folder / "contracts.csv", ScanOptions(settings=settings)
        )
        took = time.perf_counter() - start
    logos = [s for s in report.subjects if s.kind == "logo"]
    by_image = sum(1 for s in logos if s.match.method == "image")
    share = watch.seconds / took
    print(
        f"site: {report.summary.pages} pages, {len(logos)} distinct logos "
        f"({by_image} named by image) in {took:.1f} s"
    )
    print(f"site: image work {watch.seconds:.2f} s = {share:.2%} of the scan (floor 5%)")
    return share <= 0.05 and by_image >= len(brands) * 0.9


def calibrate() -> bool:
    """Print the distance distributions the thresholds were chosen from."""
    import tomllib

    import numpy as np

    from logocheck.identify.library import load_folder

    logos = ROOT / "fixtures" / "logos"
    rows = tomllib.loads((logos / "manifest.toml").read_text(encoding="utf-8"))["logo"]
    images = Images(lambda path: (logos / path).read_bytes(), Library([]))
    references, _ = load_folder(logos / "library", images.reference_fingerprint)
    images.library = Library(references)
    genuine: dict[str, list[float]] = {"distance": [], "ratio": []}
    distractor: dict[str, list[float]] = {"distance": [], "ratio": []}
    wrong_brand = 0
    for row in rows:
        ranking = images.from_url(row["file"]).ranking
        assert ranking is not None
        into = genuine if row["brand"] else distractor
        into["distance"].append(ranking.distance)
        into["ratio"].append(ranking.ratio)
        wrong_brand += bool(row["brand"]) and ranking.brand != row["brand"]
    images.close()
    cuts = (0, 1, 5, 50, 95, 97, 99, 100)
    print("percentile        " + " ".join(f"{c:>6}" for c in cuts))
    for label, values in (
        ("genuine distance", genuine["distance"]),
        ("genuine ratio", genuine["ratio"]),
        ("distractor dist.", distractor["distance"]),
        ("distractor ratio", distractor["ratio"]),
    ):
        print(f"{label:<18}" + " ".join(f"{v:6.3f}" for v in np.percentile(values, cuts)))
    print(f"nearest brand wrong for {wrong_brand} of {len(genuine['distance'])} genuine logos")
    d, r = images_module.MATCH_DISTANCE, images_module.MAX_RATIO
    kept = sum(
        1 for x, y in zip(genuine["distance"], genuine["ratio"], strict=True) if x <= d and y <= r
    )
    false = sum(
        1
        for x, y in zip(distractor["distance"], distractor["ratio"], strict=True)
        if x <= d and y <= r
    )
    print(
        f"at distance <= {d} and ratio <= {r}: {kept}/{len(genuine['distance'])} genuine "
        f"accepted, {false}/{len(distractor['distance'])} distractors accepted"
    )
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part", choices=("raster", "site", "calibrate", "all"), default="all")
    parser.add_argument("--library", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=600)
    parser.add_argument("--pages", type=int, default=10_000)
    args = parser.parse_args()
    ok = True
    if args.part in ("raster", "all"):
        ok &= bench_raster(args.library, args.queries)
    if args.part in ("site", "all"):
        ok &= bench_site(args.pages)
    if args.part == "calibrate":
        ok &= calibrate()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
