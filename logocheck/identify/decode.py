"""Decode logo bytes safely and reduce them to what identifies a brand.

Logos come from pages we do not control, so decoding is the attack surface
of a scan: only web raster formats are opened, pixel counts are capped far
below Pillow's default (a logo is small; a 40,000 x 40,000 "logo" is a
decompression bomb), and every failure inside Pillow becomes one
``UnreadableImage`` for that image, never a crash of the scan.

What is left after decoding is the logo's *ink*: how far each pixel is from
the background. Marketing recolours logos (greyscale walls, white on dark
footers, single-colour press versions, inverted) but keeps their shape, so
fingerprints are taken of ink, not colour. A transparent logo has no
background of its own: it is flattened onto white *and* onto black, because
a white logo disappears on one and a dark logo on the other. Each ink image
is trimmed to its content and padded to a square, so margins and padding do
not count either.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from PIL import Image, ImageChops, ImageOps, UnidentifiedImageError

from logocheck.errors import UnreadableImage

#: Formats a site serves as logos. Everything else (PSD, TIFF, EPS, ...) is
#: refused before its decoder runs.
WEB_FORMATS = ("PNG", "JPEG", "GIF", "WEBP", "ICO", "BMP")
#: Largest image decoded: 100 megapixels. Large logos exist (a 5000x1000
#: export, a 6.7 megapixel PNG); they are reduced while or right after
#: decoding, since identity needs far fewer pixels.
MAX_PIXELS = 100_000_000
#: Images up to this size are decoded as they are; larger ones are reduced
#: to ``REDUCED_SIZE`` (JPEG already while decoding, through ``draft``).
PLAIN_PIXELS = 4_000_000
REDUCED_SIZE = 2048
#: Above ``PLAIN_PIXELS``, more pixels per byte of file than this is the
#: shape of a decompression bomb (a logo upscaled to 6.7 megapixels holds
#: 5-30; a blank 36 megapixel PNG 745).
MAX_PIXELS_PER_BYTE = 400
#: Largest file read, in bytes.
MAX_BYTES = 10_000_000
#: Side of the square ink image fingerprints are taken from.
NORMAL_SIZE = 64
#: Images larger than this (either side) are scaled down before the ink is
#: computed: more pixels add cost, not identity.
WORK_SIZE = 512
#: Ink below this difference from the background is noise (JPEG ringing,
#: anti-aliasing halos); at FULL_INK and above a pixel is fully ink.
NOISE = 24
FULL_INK = 96
#: A pixel counts as content for trimming from this ink level.
TRIM_LEVEL = 64
#: Content is padded to at most this aspect ratio before it is scaled to
#: the square the hashes see.
MAX_ASPECT = 2.0


def decode(data: bytes, *, max_pixels: int = MAX_PIXELS) -> Image.Image:
    """The first frame of ``data`` as RGBA, upright (EXIF orientation applied).

    Raises ``UnreadableImage`` for anything that is not a small web image.
    """
    if not data:
        raise UnreadableImage("empty file")
    if len(data) > MAX_BYTES:
        raise UnreadableImage(f"file of {len(data)} bytes is over the {MAX_BYTES} byte limit")
    try:
        with _pixel_limit(max_pixels):
            image = Image.open(io.BytesIO(data), formats=WEB_FORMATS)
            _check_size(image.size, max_pixels, len(data))
            image.seek(0)
            upright = ImageOps.exif_transpose(_reduced(image))
            return to_rgba(upright)
    except UnreadableImage:
        raise
    except UnidentifiedImageError:
        raise UnreadableImage(_unidentified(data)) from None
    except Exception as error:  # Pillow raises many types on hostile input
        raise UnreadableImage(_reason(error)) from None


@contextmanager
def _pixel_limit(max_pixels: int) -> Iterator[None]:
    """Make Pillow's own bomb check strict, for images nested in ICO files."""
    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = saved


def _check_size(size: tuple[int, int], max_pixels: int, length: int) -> None:
    width, height = size
    if width < 1 or height < 1:
        raise UnreadableImage(f"image has no pixels ({width}x{height})")
    if width * height > max_pixels:
        raise UnreadableImage(
            f"{width}x{height} image is over the {max_pixels} pixel limit (decompression bomb?)"
        )
    if width * height > PLAIN_PIXELS and width * height > length * MAX_PIXELS_PER_BYTE:
        raise UnreadableImage(
            f"{width}x{height} image in {length} bytes: decompression bomb (compressed"
            f" over {MAX_PIXELS_PER_BYTE} pixels per byte)"
        )


def _reduced(image: Image.Image) -> Image.Image:
    """The image loaded, a large one reduced to ``REDUCED_SIZE`` on its longer side.

    JPEG decodes at a fraction of its size (``draft``); other formats are
    reduced right after decoding, before any copy in another mode is made.
    """
    width, height = image.size
    if width * height <= PLAIN_PIXELS:
        image.load()
        return image
    if image.format == "JPEG":
        image.draft(image.mode, (REDUCED_SIZE, REDUCED_SIZE))
    image.load()
    if image.mode == "P":
        image = to_rgba(image)
    image.thumbnail((REDUCED_SIZE, REDUCED_SIZE), Image.Resampling.BOX)
    return image


def _unidentified(data: bytes) -> str:
    if data.lstrip()[:1] == b"<":
        return "HTML or text, not an image (an error page served as an image?)"
    return "not a PNG, JPEG, GIF, WebP, ICO or BMP image"


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    if isinstance(error, Image.DecompressionBombError | Image.DecompressionBombWarning):
        return f"decompression bomb: {text}"
    if "truncated" in text.lower() or isinstance(error, EOFError):
        return f"truncated image: {text}"
    return f"cannot decode image: {text}"


def to_rgba(image: Image.Image) -> Image.Image:
    """Any Pillow mode as 8-bit RGBA: palettes, 16-bit, float and CMYK included."""
    if image.mode == "RGBA":
        return image
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        return _scaled_grey(image).convert("RGBA")
    if image.mode in ("CMYK", "LAB", "HSV", "YCbCr"):
        return image.convert("RGB").convert("RGBA")
    if image.mode == "P" and "transparency" not in image.info:
        return image.convert("RGB").convert("RGBA")
    return image.convert("RGBA")


def _scaled_grey(image: Image.Image) -> Image.Image:
    """16-bit and float greyscale scaled (not clipped) into 0-255."""
    pixels = np.asarray(image, dtype=np.float64)
    top = float(pixels.max()) if pixels.size else 0.0
    scale = 255.0 if image.mode == "F" and top <= 1.0 else 255.0 / 65535.0
    if image.mode != "F" and top <= 255:
        scale = 1.0
    return Image.fromarray(np.clip(pixels * scale, 0, 255).astype(np.uint8))


def ink_views(image: Image.Image) -> tuple[Image.Image, ...]:
    """Square ``NORMAL_SIZE`` greyscale images of the logo's ink, one per background.

    An opaque image gives one view (its own background); a transparent one
    gives up to two (flattened on white and on black). A view with no ink at
    all (a blank or single-colour image) is left out, so an empty result
    means there is nothing to identify.
    """
    image = _work_copy(image)
    alpha_low, _ = image.getchannel("A").getextrema()
    if alpha_low == 255:
        flats = [image.convert("RGB")]
    else:
        flats = [_flatten(image, colour) for colour in ((255, 255, 255), (0, 0, 0))]
    views = (_square(_ink(flat)) for flat in flats)
    return tuple(view for view in views if view is not None)


def ink_image(image: Image.Image) -> tuple[Image.Image, float]:
    """The ink of a whole image, untrimmed (on white when transparent), and the
    factor from its pixels back to the original's."""
    work = _work_copy(image)
    alpha_low, _ = work.getchannel("A").getextrema()
    flat = work.convert("RGB") if alpha_low == 255 else _flatten(work, (255, 255, 255))
    return _ink(flat), image.size[0] / work.size[0]


def _work_copy(image: Image.Image) -> Image.Image:
    image = image.convert("RGBA") if image.mode != "RGBA" else image
    if max(image.size) > WORK_SIZE:
        image = image.copy()
        image.thumbnail((WORK_SIZE, WORK_SIZE), Image.Resampling.BOX)
    return image


def _flatten(image: Image.Image, background: tuple[int, int, int]) -> Image.Image:
    base = Image.new("RGBA", image.size, (*background, 255))
    return Image.alpha_composite(base, image).convert("RGB")


#: Lookup table from colour distance (0-255) to ink (0-255).
_INK_TABLE = [max(0, min(255, round((d - NOISE) * 255 / (FULL_INK - NOISE)))) for d in range(256)]
_TRIM_TABLE = [255 if ink >= TRIM_LEVEL else 0 for ink in range(256)]


def _ink(rgb: Image.Image) -> Image.Image:
    """Per pixel, how far it is from the background colour (L image, 0-255)."""
    difference = ImageChops.difference(rgb, Image.new("RGB", rgb.size, _background(rgb)))
    red, green, blue = difference.split()
    distance = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    return distance.point(_INK_TABLE)


def _background(rgb: Image.Image) -> tuple[int, int, int]:
    """The median colour of the image's outermost pixels."""
    pixels = np.asarray(rgb)
    border = np.concatenate((pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]))
    r, g, b = np.median(border, axis=0)
    return (int(r), int(g), int(b))


def _square(ink: Image.Image) -> Image.Image | None:
    """Trim ``ink`` to its content, pad it to at most 2:1, scale to a square.

    Padding all the way to a square would leave a 6:1 wordmark a thin strip
    a few pixels tall in the hash; stretching it would let every long name
    look alike. Padding to ``MAX_ASPECT`` keeps both the shape of the
    lettering and the logo's proportions in the hash (calibrated in
    docs/identification.md).
    """
    box = ink.point(_TRIM_TABLE).getbbox()
    if box is None:
        return None
    content = ink.crop(box)
    width, height = content.size
    side_w = max(width, int(height / MAX_ASPECT))
    side_h = max(height, int(width / MAX_ASPECT))
    canvas = Image.new("L", (side_w, side_h), 0)
    canvas.paste(content, ((side_w - width) // 2, (side_h - height) // 2))
    return canvas.resize((NORMAL_SIZE, NORMAL_SIZE), Image.Resampling.LANCZOS)
