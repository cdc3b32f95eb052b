"""Render SVG logos to pixels without letting a hostile SVG hurt the scan.

SVG is XML from pages we do not control. Before anything renders it, the
markup is parsed with entities, DTDs and network access off and refused if
it declares a DOCTYPE (XXE, billion laughs), points outside itself
(``http:``, ``file:`` and other external ``href``/``url()`` targets, in
attributes and ``<style>`` alike, CSS escapes and comments decoded first;
``@import``; ``<script>`` and ``<foreignObject>`` in any case), claims
an absurd size, or has more elements or ``<use>`` references than a logo
ever needs.

What passes is rendered by resvg in a separate worker process with a time
limit: a renderer that crashes, hangs or runs away with memory costs one
image (an ``UnreadableImage``) and a restarted worker, never the scan.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import struct
import subprocess
import sys
import time
import weakref
from collections import deque
from pathlib import Path
from typing import IO, Any

from lxml import etree
from PIL import Image

from logocheck.errors import UnreadableImage
from logocheck.identify.decode import decode
from logocheck.pools import interrupts_held

MAX_SVG_BYTES = 2_000_000
MAX_ELEMENTS = 20_000
MAX_USES = 200
#: Largest width, height or viewBox side accepted, in user units.
MAX_SIDE = 100_000.0
#: Long side of the rendered image.
RENDER_SIDE = 480
#: Seconds a render may take before the worker is killed.
RENDER_SECONDS = 5.0

SVG_NS = "http://www.w3.org/2000/svg"
_HREF = re.compile(r"^\s*(#|data:image/(png|jpe?g|gif|webp);base64,)", re.IGNORECASE)
_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?(\*/|$)", re.DOTALL)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\r\n\f]?|\\(.)", re.DOTALL)
_NUMBER = re.compile(r"^\s*([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)")


class UnsafeSvg(UnreadableImage):
    """An SVG refused before rendering; ``str()`` says why."""


def check_svg(markup: str) -> str:
    """Return ``markup`` ready to render or raise ``UnsafeSvg``.

    Inline SVG copied out of an HTML page has lost what the HTML parser
    dropped: namespace declarations and the case of camelCase names
    (``viewBox``, ``linearGradient``); both are restored here.
    """
    if len(markup) > MAX_SVG_BYTES:
        raise UnsafeSvg(f"SVG of {len(markup)} characters is over the {MAX_SVG_BYTES} limit")
    if re.search(r"<!DOCTYPE|<!ENTITY", markup, re.IGNORECASE):
        raise UnsafeSvg("SVG declares a DOCTYPE or entities (refused: XXE, entity expansion)")
    root = _parse(_declare_namespaces(markup))
    if etree.QName(root).localname != "svg":
        raise UnsafeSvg("root element is not <svg>")
    _check_tree(root)
    _check_size(root)
    if _restore_case(root):
        return str(etree.tostring(root, encoding="unicode"))
    return markup if root.nsmap.get(None) == SVG_NS else _with_namespace(root)


def _declare_namespaces(markup: str) -> str:
    """Add the ``xmlns`` (and ``xmlns:xlink``) an HTML-embedded SVG may lack."""
    start = re.search(r"<svg\b[^>]*>", markup, re.IGNORECASE)
    if start is None:
        return markup
    tag = start.group(0)
    extra = ""
    if not re.search(r"\sxmlns\s*=", tag):
        extra += f' xmlns="{SVG_NS}"'
    if "xlink:" in markup and "xmlns:xlink" not in markup:
        extra += ' xmlns:xlink="http://www.w3.org/1999/xlink"'
    if not extra:
        return markup
    return markup[: start.start()] + "<svg" + extra + tag[4:] + markup[start.end() :]


#: SVG names an HTML parser lowercases, by their lowercase form.
_CAMEL_NAMES = (
    "viewBox preserveAspectRatio gradientUnits gradientTransform linearGradient "
    "radialGradient clipPath clipPathUnits patternUnits patternContentUnits "
    "patternTransform textLength lengthAdjust stdDeviation maskUnits maskContentUnits "
    "markerWidth markerHeight markerUnits refX refY startOffset spreadMethod textPath "
    "pathLength filterUnits primitiveUnits feGaussianBlur feColorMatrix feOffset "
    "feBlend feFlood feComposite feMerge feMergeNode feDropShadow baseFrequency numOctaves"
)
_CAMEL = {name.lower(): name for name in _CAMEL_NAMES.split(" ")}


def _restore_case(root: Any) -> bool:
    """Put camelCase back on lowercased SVG names; True if anything changed."""
    changed = False
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element)
        if name.localname in _CAMEL:
            element.tag = (
                f"{{{name.namespace}}}{_CAMEL[name.localname]}"
                if name.namespace
                else (_CAMEL[name.localname])
            )
            changed = True
        for key in [k for k in element.attrib if k in _CAMEL]:
            element.set(_CAMEL[key], element.attrib.pop(key))
            changed = True
    return changed


def _parse(markup: str) -> Any:
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        return etree.fromstring(markup.encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        raise UnsafeSvg(f"SVG is not well-formed XML: {error}") from None


def _check_tree(root: Any) -> None:
    elements = uses = 0
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        elements += 1
        name = etree.QName(element).localname
        uses += name.lower() == "use"
        if name.lower() in ("script", "foreignobject"):
            raise UnsafeSvg(f"SVG contains <{name}>")
        if name.lower() == "style":
            _check_css(element.text or "")
        for key, value in element.attrib.items():
            _check_reference(etree.QName(key).localname.lower(), value)
    if elements > MAX_ELEMENTS:
        raise UnsafeSvg(f"SVG has {elements} elements, over the {MAX_ELEMENTS} limit")
    if uses > MAX_USES:
        raise UnsafeSvg(f"SVG has {uses} <use> elements, over the {MAX_USES} limit")


def _check_reference(attribute: str, value: str) -> None:
    if attribute in ("href", "src") and not _HREF.match(value):
        raise UnsafeSvg(f"SVG refers to an external resource: {value[:80]!r}")
    _check_css(value)


def _check_css(text: str) -> None:
    """Refuse ``@import`` and any ``url()`` leading outside the SVG.

    Read as CSS reads it: comments dropped and escapes decoded first, so
    ``u\\72l(`` or ``@im/**/port`` is caught like the plain spelling.
    """
    css = _unescape_css(_CSS_COMMENT.sub("", text))
    if "@import" in css.lower():
        raise UnsafeSvg("SVG style imports a stylesheet (@import)")
    for target in _URL.findall(css):
        if target and not target.startswith("#"):
            raise UnsafeSvg(f"SVG refers to an external resource: url({target[:80]})")


def _unescape_css(text: str) -> str:
    if "\\" not in text:
        return text
    return _CSS_ESCAPE.sub(_unescaped, text)


def _unescaped(match: re.Match[str]) -> str:
    if match.group(1) is None:
        return match.group(2)
    code = int(match.group(1), 16)
    return chr(code) if 0 < code < 0x110000 else "\ufffd"


def _check_size(root: Any) -> None:
    sides = [_number(root.get(name)) for name in ("width", "height")]
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        sides += [_number(value) for value in box]
    for side in sides:
        if side is not None and abs(side) > MAX_SIDE:
            raise UnsafeSvg(f"SVG size {side:g} is absurd (over {MAX_SIDE:g})")


def _number(value: str | None) -> float | None:
    match = _NUMBER.match(value or "")
    return float(match.group(1)) if match else None


def _with_namespace(root: Any) -> str:
    """Inline SVG copied out of HTML often lacks xmlns; resvg needs it."""
    for element in root.iter():
        if isinstance(element.tag, str) and "}" not in element.tag:
            element.tag = f"{{{SVG_NS}}}{element.tag}"
    etree.cleanup_namespaces(root)
    return str(etree.tostring(root, encoding="unicode"))


# --- rendering in a worker process -----------------------------------------
# The worker (``_svgworker``) is a plain child Python process speaking
# length-prefixed frames over its stdin/stdout, so it needs nothing from the
# parent's ``__main__`` and can be killed at any point. It runs as a script
# by its path (``-P``: its folder is not put on ``sys.path``), so it imports
# resvg and the standard library only, not logocheck and NumPy: it starts
# in a few tens of milliseconds, not half a second.

WORKER = Path(__file__).with_name("_svgworker.py")


class Renderer:
    """A resvg worker process, started on first use and restarted after a failure.

    ``render_ahead`` has the worker render an SVG while the caller goes on,
    one at a time (so neither pipe fills while the other waits), and
    ``render_svg`` collects the image, or the failure, as a direct render
    would have given it. No thread: the scan forks its extraction workers
    only from a process without one.
    """

    def __init__(self, timeout: float = RENDER_SECONDS) -> None:
        self.timeout = timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._waiting: deque[str] = deque()
        self._sent: str | None = None
        self._early: dict[str, Image.Image | UnreadableImage] = {}

    def render(self, markup: str, side: int = RENDER_SIDE) -> Image.Image:
        """``markup`` (already checked) as RGBA; raises ``UnreadableImage``."""
        if self._sent is not None:
            self._receive()  # the answer ahead of ours
        try:
            self._write(markup, side)
            return self._answer()
        finally:
            self._send_next()

    def render_ahead(self, markup: str) -> None:
        """Start rendering ``markup`` (as found, not yet checked) in the worker."""
        self._poll()
        if markup not in self._early and markup != self._sent and markup not in self._waiting:
            self._waiting.append(markup)
            self._send_next()

    def _poll(self) -> None:
        """Take the answer ahead if the worker has started giving it, and send the next."""
        process = self._process
        if self._sent is None or process is None or process.stdout is None:
            return
        if select.select([process.stdout.fileno()], [], [], 0)[0]:
            self._receive()
            self._send_next()

    def collect(self, markup: str) -> Image.Image | None:
        """The image ``render_ahead`` started for ``markup``, if it did; raises
        what its check or render raised."""
        if markup == self._sent:
            self._receive()
            self._send_next()
        else:
            self._poll()
        early = self._early.pop(markup, None)
        if isinstance(early, UnreadableImage):
            raise early
        return early

    def _send_next(self) -> None:
        while self._sent is None and self._waiting:
            markup = self._waiting.popleft()
            try:
                self._write(check_svg(markup), RENDER_SIDE)
            except UnreadableImage as error:  # refused before rendering, or no worker
                self._early[markup] = error
                continue
            self._sent = markup

    def _receive(self) -> None:
        markup, self._sent = self._sent, None
        assert markup is not None
        try:
            self._early[markup] = self._answer()
        except UnreadableImage as error:
            self._early[markup] = error

    def _write(self, markup: str, side: int) -> None:
        process = self._start()
        try:
            assert process.stdin is not None
            payload = struct.pack(">I", side) + markup.encode("utf-8")
            process.stdin.write(struct.pack(">I", len(payload)) + payload)
            process.stdin.flush()
        except OSError:
            self._stop_worker()
            raise UnreadableImage("SVG renderer crashed on this image") from None

    def _answer(self) -> Image.Image:
        process = self._process
        deadline = time.monotonic() + self.timeout
        try:
            assert process is not None and process.stdout is not None
            header = _read(process.stdout, 5, deadline)
            status, size = header[0], struct.unpack(">I", header[1:])[0]
            body = _read(process.stdout, size, deadline)
        except TimeoutError:
            self._stop_worker()
            raise UnreadableImage(f"SVG rendering took over {self.timeout:g} s") from None
        except (EOFError, OSError):
            self._stop_worker()
            raise UnreadableImage("SVG renderer crashed on this image") from None
        if status != 0:
            raise UnreadableImage(f"cannot render SVG: {body.decode('utf-8', 'replace')}")
        return decode(body)

    def _start(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            self._stop_worker()
            with interrupts_held():  # a signal in the fork's callbacks would be lost
                self._process = subprocess.Popen(
                    [sys.executable, "-P", str(WORKER)],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            weakref.finalize(self, _stop, self._process)
        return self._process

    def close(self) -> None:
        """Stop the worker (the next render starts a new one); renders started
        ahead and not collected are dropped."""
        self._waiting.clear()
        self._sent = None
        self._early.clear()
        self._stop_worker()

    def _stop_worker(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):  # a dead worker's pipe is broken
                    stream.close()
        if process.poll() is None:
            process.kill()
        process.wait(5)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill a worker whose Renderer was dropped without close()."""
    if process.poll() is None:
        process.kill()
        process.wait(5)


def _read(stream: IO[bytes], size: int, deadline: float) -> bytes:
    """Exactly ``size`` bytes from the worker, or TimeoutError / EOFError."""
    chunks: list[bytes] = []
    fd = stream.fileno()
    while size:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise TimeoutError
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def render_svg(markup: str, renderer: Renderer) -> Image.Image:
    """Check and render an SVG logo; raises ``UnreadableImage`` (or ``UnsafeSvg``)."""
    early = renderer.collect(markup)
    if early is not None:
        return early
    return renderer.render(check_svg(markup))


def is_svg(data: bytes) -> bool:
    """Whether bytes are SVG markup (no raster format starts with '<')."""
    head = data[:8192].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and b"<svg" in head and b"<html" not in head


def svg_text(data: bytes) -> str:
    """Decode SVG bytes (UTF-8, BOM tolerated); raises ``UnreadableImage``."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableImage("SVG is not UTF-8 text") from None
