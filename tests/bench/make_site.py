"""Generate the benchmark site: N pages of about 55 KB, 30 links each.

Pages look like a marketing site's: a navigation bar, long copy, a footer,
and on every tenth page a "Trusted by" wall of six logos (PNG files made
here with Pillow), so the lint stage has real work on some pages and none
on most. Links are deterministic (seeded) and every page is reachable from
the home page through ``/p/<n+1>.html``.

The ``dense`` text style writes copy as real marketing pages do: every
paragraph says "trusted", "teams", "customers", "enterprise", "platform"
and "leading" somewhere, so the words the claims and section vocabularies
look for occur thousands of times a page; ``plain`` copy has fewer.

    python tests/bench/make_site.py OUT_DIR PAGES [dense|plain]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw

BRANDS = ("Globex", "Initech", "Hooli", "Umbrella", "Stark", "Vandelay", "Soylent", "Tyrell")
COPY = (
    "platform teams ship faster with audit trails, single sign-on and usage analytics "
    "that scale from a side project to an enterprise rollout across regions while "
    "keeping compliance reviewers informed about every integration and workflow"
)
WORDS = COPY.split()
#: Sentences of dense copy: each paragraph takes several, and every one of the
#: six marketing words appears in each paragraph (see ``_dense_copy``).
DENSE = (
    "Trusted by teams at leading companies, our platform helps customers move faster.",
    "Enterprise customers choose the platform because leading teams trust its audit trail.",
    "Teams that lead their market rely on an enterprise platform trusted by customers.",
    "From startups to the enterprise, customers and teams build on a leading platform.",
    "The leading platform for enterprise teams, trusted by thousands of customers.",
    "Customers report that teams onboard in days on a platform trusted across the enterprise.",
)
MARKETING = ("trusted", "teams", "customers", "enterprise", "platform", "leading")
PAGE_BYTES = 55_000
LINKS = 30
NAV = ("/", "/p/1.html", "/p/2.html", "/p/3.html", "/p/4.html")


def make_site(root: Path, pages: int, seed: int = 7, text: str = "plain") -> Path:
    rng = random.Random(seed)
    (root / "p").mkdir(parents=True, exist_ok=True)
    (root / "logos").mkdir(exist_ok=True)
    for index, brand in enumerate(BRANDS):
        _logo(root / "logos" / f"{brand.lower()}.png", brand, index)
    copy = _dense_copy(rng) if text == "dense" else _copy(rng)
    (root / "index.html").write_text(_page(0, pages, rng, copy), "utf-8")
    for n in range(1, pages):
        (root / "p" / f"{n}.html").write_text(_page(n, pages, rng, copy), "utf-8")
    (root / "contracts.csv").write_text(_contracts(), "utf-8")
    return root


def _page(n: int, pages: int, rng: random.Random, copy: list[str]) -> str:
    targets = [f"/p/{min(n + 1, pages - 1)}.html"]
    targets += [f"/p/{rng.randrange(1, pages)}.html" for _ in range(LINKS - len(NAV) - 1)]
    nav = "".join(f'<li><a href="{href}">Section {i}</a></li>' for i, href in enumerate(NAV))
    related = "".join(f'<li><a href="{href}">Related story</a></li>' for href in targets)
    wall = _wall() if n % 10 == 0 else ""
    head = (
        f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Page {n}</title>"
        f'<link rel=stylesheet href="/site.css"></head><body><header><nav><ul>{nav}</ul></nav>'
        f"</header><main><h1>Page {n}</h1>{wall}"
    )
    tail = f"<aside><ul>{related}</ul></aside></main><footer>&copy; Globex</footer></body></html>"
    body: list[str] = []
    size = len(head) + len(tail)
    while size < PAGE_BYTES:
        paragraph = copy[rng.randrange(len(copy))]
        body.append(paragraph)
        size += len(paragraph)
    return head + "".join(body) + tail


def _wall() -> str:
    logos = "".join(
        f'<li><img src="/logos/{b.lower()}.png" alt="{b}" width=120 height=40></li>'
        for b in BRANDS[:6]
    )
    return f'<section class="customers"><h2>Trusted by</h2><ul class="logos">{logos}</ul></section>'


def _copy(rng: random.Random) -> list[str]:
    return [
        "<p>" + " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 140))) + ".</p>"
        for _ in range(200)
    ]


def _dense_copy(rng: random.Random) -> list[str]:
    """Paragraphs of three to six sentences; each has all six marketing words."""
    paragraphs = []
    for _ in range(200):
        sentences = [rng.choice(DENSE) for _ in range(rng.randint(3, 6))]
        text = " ".join(sentences)
        missing = [w for w in MARKETING if w not in text.lower()]
        if missing:
            text += " " + " ".join(missing).capitalize() + "."
        paragraphs.append(f"<p>{text}</p>")
    return paragraphs


def _logo(path: Path, brand: str, index: int) -> None:
    image = Image.new("RGB", (240, 80), "white")
    draw = ImageDraw.Draw(image)
    hue = (40 * index) % 255
    draw.ellipse((8, 8, 72, 72), fill=(hue, 90, 255 - hue))
    draw.text((86, 30), brand, fill="black")
    image.save(path)


def _contracts() -> str:
    rows = [
        "account,domain,aliases,plan,status,start_date,end_date,arr,publicity,publicity_expires"
    ]
    for index, brand in enumerate(BRANDS):
        plan = "Free" if index % 3 == 2 else "Enterprise"
        rows.append(
            f"{brand},{brand.lower()}.example,,{plan},active,2021-01-01,2099-12-31,1000,approved,"
        )
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    make_site(
        Path(sys.argv[1]), int(sys.argv[2]), text=sys.argv[3] if len(sys.argv) > 3 else "plain"
    )
