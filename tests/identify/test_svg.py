"""SVG logos: hostile markup is refused before rendering; rendering cannot hurt the scan."""

from __future__ import annotations

import struct
import threading
import zlib
from collections.abc import Iterator
from types import ModuleType

import psutil
import pytest

from logocheck.errors import AssetError, UnreadableImage
from logocheck.identify.fingerprint import distance, fingerprint_image
from logocheck.identify.images import Images
from logocheck.identify.library import Library
from logocheck.identify.svg import (
    WORKER,
    Renderer,
    UnsafeSvg,
    check_svg,
    is_svg,
    render_svg,
)

NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'

HOSTILE = {
    "xxe": '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    f"<svg {NS}><text>&x;</text></svg>",
    "billion-laughs": '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lol">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    f"<svg {NS}><text>&c;</text></svg>",
    "external-image": f'<svg {NS} width="100" height="40">'
    '<image xlink:href="http://127.0.0.1:9/logo.png" width="100" height="40"/></svg>',
    "file-image": f'<svg {NS} width="100" height="40"><image href="file:///etc/hostname"/></svg>',
    "css-url": f'<svg {NS} width="10" height="10"><rect style="fill:url(https://x.test/p)"/></svg>',
    "huge-viewbox": f'<svg {NS} viewBox="0 0 100000000 100000000"><rect width="9" height="9"/></svg>',
    "huge-width": f'<svg {NS} width="5000000" height="10"><rect width="9" height="9"/></svg>',
    "script": f"<svg {NS}><script>alert(1)</script></svg>",
    "not-xml": "<svg><rect",
    "not-svg": "<html><body>hello</body></html>",
}


@pytest.fixture(scope="module")
def renderer() -> Iterator[Renderer]:
    worker = Renderer()
    yield worker
    worker.close()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_svg_is_refused_before_rendering(name: str) -> None:
    with pytest.raises(UnsafeSvg):
        check_svg(HOSTILE[name])


def test_many_use_references_are_refused() -> None:
    uses = "".join(f'<use href="#a" x="{i}"/>' for i in range(500))
    with pytest.raises(UnsafeSvg, match="<use>"):
        check_svg(f'<svg {NS}><g id="a"><rect width="1" height="1"/></g>{uses}</svg>')


def test_recursive_use_costs_one_image_at_most(renderer: Renderer) -> None:
    svg = f'<svg {NS} width="90" height="30"><g id="a"><rect width="40" height="20"/>'
    svg += '<use href="#a" x="5"/></g></svg>'
    try:
        image = render_svg(svg, renderer)
    except UnreadableImage:
        pass
    else:
        assert image.size[0] > 0
    assert (
        render_svg(
            f'<svg {NS} width="9" height="9"><rect width="5" height="5"/></svg>', renderer
        ).size[0]
        > 0
    )


def test_generated_svg_renders_like_its_png(logogen: ModuleType, renderer: Renderer) -> None:
    image = render_svg(logogen.logo_svg("Massive Dynamic"), renderer)
    png = logogen.draw_logo("Massive Dynamic")
    assert distance(fingerprint_image(image), fingerprint_image(png)) < 0.1


def test_inline_svg_without_namespace_renders(renderer: Renderer) -> None:
    image = render_svg('<svg viewBox="0 0 40 20"><rect width="30" height="10"/></svg>', renderer)
    assert image.getchannel("A").getextrema()[1] == 255


def test_a_render_over_the_time_limit_fails_alone() -> None:
    worker = Renderer(timeout=0.0)
    svg = f'<svg {NS} width="9" height="9"><rect width="5" height="5"/></svg>'
    with pytest.raises(UnreadableImage, match="took over"):
        worker.render(svg)
    worker.timeout = 10.0
    assert worker.render(svg).size[0] > 0
    worker.close()


def test_a_crashed_worker_is_replaced(renderer: Renderer) -> None:
    svg = f'<svg {NS} width="9" height="9"><rect width="5" height="5"/></svg>'
    renderer.render(svg)
    process = renderer._process
    assert process is not None
    process.kill()
    process.wait()
    with pytest.raises(UnreadableImage, match="crashed"):
        _render_on_dead_worker(renderer, process, svg)
    assert renderer.render(svg).size[0] > 0


def _render_on_dead_worker(renderer: Renderer, process: object, svg: str) -> None:
    """Render with the dead process still installed, as if it died mid-request."""
    renderer._start = lambda: process  # type: ignore[method-assign,assignment,return-value]
    try:
        renderer.render(svg)
    finally:
        del renderer._start


def test_is_svg_tells_markup_from_raster_and_html() -> None:
    assert is_svg(b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>')
    assert is_svg(b"\xef\xbb\xbf<svg></svg>")
    assert not is_svg(b"\x89PNG\r\n\x1a\n")
    assert not is_svg(b"<!doctype html><html><svg></svg></html>")


def test_inline_svg_parsed_as_html_gets_its_case_and_namespaces_back(renderer: Renderer) -> None:
    import lxml.html
    from lxml import etree

    page = lxml.html.fromstring(
        '<div><svg viewBox="0 0 120 40"><defs><linearGradient id="g">'
        '<stop offset="0" stop-color="red"/></linearGradient></defs>'
        '<rect width="100" height="30" fill="url(#g)"/><use xlink:href="#g"/></svg></div>'
    )
    markup = etree.tostring(page.find(".//svg"), encoding="unicode", with_tail=False)
    assert "viewbox" in markup and "lineargradient" in markup  # what extraction hands over
    checked = check_svg(markup)
    assert 'viewBox="0 0 120 40"' in checked and "<linearGradient" in checked
    image = render_svg(markup, renderer)
    assert image.size == (480, 160)
    assert image.getbbox() is not None  # the gradient fill resolved, so the rect shows


def white_bitmap_png(side: int) -> bytes:
    """A square one-bit white PNG, written directly: Pillow would first fill ``side``² pixels."""
    rows = (b"\0" + b"\xff" * ((side + 7) // 8)) * side  # filter byte, then the packed bits

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    parts = (chunk(b"IHDR", header), chunk(b"IDAT", zlib.compress(rows)), chunk(b"IEND", b""))
    return b"\x89PNG\r\n\x1a\n" + b"".join(parts)


def test_raster_bomb_embedded_in_svg_costs_one_image(renderer: Renderer) -> None:
    import base64

    payload = base64.b64encode(white_bitmap_png(20_000)).decode()  # 90 kB, 400 megapixels
    svg = (
        f'<svg {NS} width="100" height="40"><image width="100" height="40" '
        f'href="data:image/png;base64,{payload}"/></svg>'
    )
    with pytest.raises(UnreadableImage):
        render_svg(svg, renderer)
    assert (
        render_svg(
            f'<svg {NS} width="9" height="9"><rect width="5" height="5"/></svg>', renderer
        ).size[0]
        > 0
    )


def test_svg_rendered_ahead_gives_the_same_pixels_and_the_same_failures() -> None:
    plain = f'<svg {NS} width="60" height="20"><rect width="30" height="10"/></svg>'
    threads = threading.active_count()
    slow = Renderer(timeout=0.0)  # every render over the limit
    ahead, direct = Renderer(), Renderer()
    try:
        for markup in (plain, HOSTILE["xxe"], HOSTILE["not-xml"]):
            ahead.render_ahead(markup)
        slow.render_ahead(plain)
        assert render_svg(plain, ahead).tobytes() == render_svg(plain, direct).tobytes()
        with pytest.raises(UnsafeSvg):
            render_svg(HOSTILE["xxe"], ahead)
        with pytest.raises(UnsafeSvg):
            render_svg(HOSTILE["not-xml"], ahead)
        with pytest.raises(UnreadableImage, match="took over"):
            render_svg(plain, slow)
        assert ahead.collect(plain) is None  # collected once
        assert threading.active_count() == threads  # no thread: extraction still forks
    finally:
        for renderer in (slow, ahead, direct):
            renderer.close()


def test_closing_with_renders_in_flight_leaves_no_worker() -> None:
    def workers() -> set[int]:
        return {c.pid for c in psutil.Process().children() if str(WORKER) in c.cmdline()}

    before = workers()
    renderer = Renderer()
    for n in range(20):
        renderer.render_ahead(f'<svg {NS} width="{40 + n}" height="20"><rect width="9"/></svg>')
    renderer.close()
    assert workers() == before


def test_an_svg_file_read_ahead_is_read_once_and_rendered_in_the_background() -> None:
    svg = f'<svg {NS} width="60" height="20"><rect width="30" height="10"/></svg>'.encode()
    reads: list[str] = []

    def read(url: str) -> bytes:
        reads.append(url)
        if url == "/missing.svg":
            raise AssetError("not in the build")
        return svg

    images = Images(read, Library([]))
    try:
        images.svg_ahead("/logo.svg")
        images.svg_ahead("/missing.svg")
        images.svg_ahead("/photo.png")  # not read ahead: only SVG files are
        assert images.renderer.collect(svg.decode()) is not None
        images.renderer.render_ahead(svg.decode())
        evidence = images.from_url("/logo.svg")
        missing = images.from_url("/missing.svg")
    finally:
        images.close()
    assert reads == ["/logo.svg", "/missing.svg"]
    assert evidence.fingerprint is not None and not evidence.error
    assert missing.error == "not fetched: not in the build"
