"""Logo thumbnails for the HTML report: small PNGs as ``data:`` URIs.

One thumbnail per distinct image (keyed by content hash, as identification
keys it), each at most about 8 KB, shared by every place the image appears.
Images are decoded by identification's own guarded decoder, and SVG (read
from the site or inline) is rasterised by its sandboxed renderer: crawled
SVG markup is never put into the report.
"""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Callable, Iterable, Iterator

from PIL import Image

from logocheck.errors import AssetError, UnreadableImage
from logocheck.identify.decode import decode
from logocheck.identify.labels import image_key
from logocheck.identify.svg import Renderer, is_svg, render_svg, svg_text
from logocheck.model import Logo, Subject
from logocheck.urls import data_url

#: Largest thumbnail, in bytes of PNG.
MAX_BYTES = 8_192
#: Boxes tried, largest first, until the PNG fits in MAX_BYTES.
SIZES = ((200, 80), (150, 60), (100, 40), (60, 24))


def thumbnails(subjects: Iterable[Subject], read_asset: Callable[[str], bytes]) -> dict[str, str]:
    """``image key -> data: URI`` for every logo image that can be read."""
    made: dict[str, str] = {}
    renderer = Renderer()
    try:
        for data in _images(subjects, read_asset):
            key = image_key(hashlib.sha256(data).hexdigest())
            if key not in made:
                uri = _thumbnail(data, renderer)
                if uri:
                    made[key] = uri
    finally:
        renderer.close()
    return made


def _images(subjects: Iterable[Subject], read_asset: Callable[[str], bytes]) -> Iterator[bytes]:
    seen: set[str] = set()
    for subject in subjects:
        logo = subject.item
        if not isinstance(logo, Logo):
            continue
        where = logo.src or logo.svg or ""
        if where in seen:
            continue
        seen.add(where)
        data = _read(logo, read_asset)
        if data:
            yield data


def _read(logo: Logo, read_asset: Callable[[str], bytes]) -> bytes | None:
    try:
        if logo.svg is not None:
            return logo.svg.encode("utf-8")
        if logo.src and logo.src.startswith("data:"):
            return data_url(logo.src)
        return read_asset(logo.src) if logo.src else None
    except AssetError:
        return None


def _thumbnail(data: bytes, renderer: Renderer) -> str | None:
    try:
        image = render_svg(svg_text(data), renderer) if is_svg(data) else decode(data)
    except UnreadableImage:
        return None
    png = small_png(image)
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii") if png else None


def small_png(image: Image.Image) -> bytes | None:
    """The largest of SIZES whose palette PNG fits in MAX_BYTES."""
    for box in SIZES:
        copy = image.convert("RGBA")
        copy.thumbnail(box)
        buffer = io.BytesIO()
        copy.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(
            buffer, "PNG", optimize=True
        )
        if buffer.tell() <= MAX_BYTES:
            return buffer.getvalue()
    return None
