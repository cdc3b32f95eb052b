"""Decoding hostile and unusual raster images: each fails alone, or decodes right."""

from __future__ import annotations

import io
import struct
import zlib
from types import ModuleType

import numpy as np
import pytest
from PIL import Image

from logocheck.errors import UnreadableImage
from logocheck.identify.decode import decode, ink_views
from logocheck.identify.fingerprint import distance, fingerprint_bytes, fingerprint_image

from .conftest import encode


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` with almost no data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\0" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def globex(logogen: ModuleType) -> Image.Image:
    image: Image.Image = logogen.draw_logo("Globex")
    return image


def test_pixel_bomb_is_refused_before_decoding() -> None:
    with pytest.raises(UnreadableImage, match=r"decompression bomb|pixel limit"):
        decode(_png_header_only(40_000, 40_000))


def test_real_compressed_bomb_under_the_limit_is_refused() -> None:
    data = encode(Image.new("L", (6000, 6000), 255), optimize=True)
    assert len(data) < 100_000  # tiny file, huge image: the shape of a bomb
    with pytest.raises(UnreadableImage, match=r"decompression bomb"):
        decode(data)


@pytest.mark.parametrize(
    ("size", "fmt"), [((5000, 1000), "PNG"), ((3000, 2240), "PNG"), ((5000, 1400), "JPEG")]
)
def test_large_real_logos_are_reduced_not_refused(
    globex: Image.Image, size: tuple[int, int], fmt: str
) -> None:
    big = globex.resize(size, Image.Resampling.LANCZOS)
    data = encode(big if fmt == "PNG" else big.convert("RGB"), fmt)
    image = decode(data)
    assert max(image.size) <= 2048
    assert image.size[0] / image.size[1] == pytest.approx(size[0] / size[1], rel=0.02)
    small = fingerprint_image(decode(encode(big.resize((size[0] // 10, size[1] // 10)))))
    assert distance(fingerprint_image(image), small) < 0.16


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_truncated_files_are_unreadable(globex: Image.Image, fmt: str) -> None:
    data = encode(globex.convert("RGB"), fmt)
    with pytest.raises(UnreadableImage, match=r"truncated|cannot decode"):
        decode(data[: len(data) // 2])


def test_html_served_as_png_is_named_as_such() -> None:
    page = b"<!doctype html><html><body>404 Not Found</body></html>"
    with pytest.raises(UnreadableImage, match="HTML"):
        decode(page)


def test_empty_and_unknown_formats_are_refused(globex: Image.Image) -> None:
    with pytest.raises(UnreadableImage, match="empty"):
        decode(b"")
    with pytest.raises(UnreadableImage, match="not a PNG"):
        decode(encode(globex, "TIFF"))


def test_animated_gif_uses_its_first_frame(logogen: ModuleType) -> None:
    first = logogen.flatten(logogen.draw_logo("Globex"), (255, 255, 255))
    second = logogen.flatten(logogen.draw_logo("Initech"), (255, 255, 255))
    out = io.BytesIO()
    first.save(out, "GIF", save_all=True, append_images=[second], duration=500, loop=0)
    decoded = fingerprint_bytes(out.getvalue())
    assert distance(decoded, fingerprint_image(first.convert("RGBA"))) < 0.05
    assert distance(decoded, fingerprint_image(second.convert("RGBA"))) > 0.2


@pytest.mark.parametrize(
    "image",
    [
        Image.new("RGB", (1, 1), "red"),
        Image.new("RGB", (300, 100), (20, 90, 200)),
        Image.new("RGBA", (120, 40), (0, 0, 0, 0)),
    ],
    ids=["1x1", "solid", "transparent"],
)
def test_images_without_a_shape_have_a_blank_fingerprint(image: Image.Image) -> None:
    assert fingerprint_bytes(encode(image)).blank


def test_16_bit_png_is_scaled_not_clipped(globex: Image.Image) -> None:
    grey = np.asarray(globex.convert("LA").convert("L"), dtype=np.uint16)
    alpha = np.asarray(globex.getchannel("A"), dtype=np.uint16)
    on_white = 255 - ((255 - grey) * alpha // 255)
    wide = Image.fromarray((on_white * 257).astype(np.uint16))
    data = encode(wide)
    assert Image.open(io.BytesIO(data)).mode.startswith("I")
    decoded = decode(data)
    assert decoded.getpixel((0, 0)) == (255, 255, 255, 255)
    assert distance(fingerprint_bytes(data), fingerprint_image(globex)) < 0.12


def test_cmyk_jpeg_decodes_to_the_same_logo(globex: Image.Image, logogen: ModuleType) -> None:
    rgb = logogen.flatten(globex, (255, 255, 255))
    data = encode(rgb.convert("CMYK"), "JPEG", quality=90)
    assert Image.open(io.BytesIO(data)).mode == "CMYK"
    assert distance(fingerprint_bytes(data), fingerprint_image(globex)) < 0.12


def test_palette_with_transparency_keeps_its_alpha(globex: Image.Image) -> None:
    palette = globex.convert("RGBA").quantize(colors=32, method=Image.Quantize.FASTOCTREE)
    data = encode(palette)
    decoded = decode(data)
    assert decoded.mode == "RGBA"
    assert decoded.getchannel("A").getpixel((0, 0)) == 0
    assert distance(fingerprint_bytes(data), fingerprint_image(globex)) < 0.12


def test_multi_size_ico_decodes(logogen: ModuleType) -> None:
    mark = logogen.draw_logo("Globex", width=64, height=64)
    data = encode(mark, "ICO", sizes=[(16, 16), (32, 32), (64, 64)])
    decoded = decode(data)
    assert decoded.size == (64, 64)
    assert not fingerprint_bytes(data).blank


def test_exif_orientation_is_applied(logogen: ModuleType, globex: Image.Image) -> None:
    rgb = logogen.flatten(globex, (255, 255, 255))
    turned = rgb.rotate(90, expand=True)  # stored sideways, EXIF says rotate back
    exif = Image.Exif()
    exif[0x0112] = 6
    data = encode(turned, "JPEG", quality=95, exif=exif.tobytes())
    decoded = decode(data)
    assert decoded.size == rgb.size
    assert distance(fingerprint_image(decoded), fingerprint_image(globex)) < 0.1


def test_white_logo_on_transparency_shows_on_the_dark_view(logogen: ModuleType) -> None:
    white = logogen.draw_logo("Globex", ink=(255, 255, 255))
    views = ink_views(white)
    assert len(views) == 1  # invisible on white, visible on black
