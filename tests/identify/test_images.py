"""The image side of a scan: once per unique image, labels first, close seconds refused."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from logocheck.errors import AssetError, ConfigError
from logocheck.identify.cache import FingerprintCache
from logocheck.identify.fingerprint import fingerprint_bytes
from logocheck.identify.images import Images, decide
from logocheck.identify.labels import Label, Labels, load_labels, save_labels
from logocheck.identify.library import Library, Reference

from .conftest import encode

BRANDS = ("Globex", "Initech", "Hooli", "Umbrella", "Wonka")


@pytest.fixture(scope="module")
def library(logogen: ModuleType) -> Library:
    return Library(
        [
            Reference(
                brand,
                f"{brand}.png",
                fingerprint_bytes(
                    encode(logogen.draw_logo(brand, width=360, height=120)), reference=True
                ),
            )
            for brand in BRANDS
        ]
    )


class Site:
    """A stand-in for a Source's read_asset that counts its reads."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.reads: Counter[str] = Counter()

    def __call__(self, url: str) -> bytes:
        self.reads[url] += 1
        if url not in self.files:
            raise AssetError(f"{url}: HTTP 404")
        return self.files[url]


@pytest.fixture
def scan_images(library: Library) -> Iterator[Callable[..., Images]]:
    made: list[Images] = []

    def make(site: Site, **options: object) -> Images:
        images = Images(site, library, **options)  # type: ignore[arg-type]
        made.append(images)
        return images

    yield make
    for images in made:
        images.close()


def test_each_url_is_read_once_and_each_image_decoded_once(
    logogen: ModuleType, scan_images: Callable[..., Images]
) -> None:
    logo = encode(logogen.draw_logo("Hooli"))
    site = Site({"/img/hooli.png": logo, "/cdn/hooli.png?v=2": logo})
    images = scan_images(site)
    for _ in range(1000):
        first = images.from_url("/img/hooli.png")
        second = images.from_url("/cdn/hooli.png?v=2")
    assert first is second
    assert site.reads == Counter({"/img/hooli.png": 1, "/cdn/hooli.png?v=2": 1})
    assert images.decoded == 1
    match = decide(first)
    assert (match.brand, match.method) == ("Hooli", "image")
    assert 0.5 <= match.confidence <= 1.0
    assert match.signals[0].source == "image"


def test_unreadable_and_missing_images_say_why(scan_images: Callable[..., Images]) -> None:
    site = Site({"/img/half.png": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"})
    images = scan_images(site)
    missing = images.from_url("/img/gone.png")
    images.from_url("/img/gone.png")
    assert site.reads["/img/gone.png"] == 1
    assert "404" in (missing.error or "")
    broken = decide(images.from_url("/img/half.png"))
    assert broken.brand is None
    assert broken.tried and broken.tried[0].startswith("image: ")


def test_close_second_is_ambiguous_not_a_match(logogen: ModuleType) -> None:
    data = encode(logogen.draw_logo("Globex", width=360, height=120))
    twins = Library(
        [
            Reference("Globex", "a.png", fingerprint_bytes(data, reference=True)),
            Reference("Globex Holdings", "b.png", fingerprint_bytes(data, reference=True)),
        ]
    )
    images = Images(Site({"/g.png": encode(logogen.draw_logo("Globex"))}), twins)
    match = decide(images.from_url("/g.png"))
    images.close()
    assert match.brand is None
    assert "ambiguous" in match.tried[0]


def test_unknown_logo_is_not_forced_onto_a_brand(
    logogen: ModuleType, scan_images: Callable[..., Images]
) -> None:
    images = scan_images(Site({"/x.png": encode(logogen.draw_logo("Brightwater Logistics"))}))
    match = decide(images.from_url("/x.png"))
    assert match.brand is None
    assert "over the" in match.tried[0] or "ambiguous" in match.tried[0]


def test_labels_win_and_cover_recompressed_copies(
    tmp_path: Path, logogen: ModuleType, scan_images: Callable[..., Images]
) -> None:
    unknown = logogen.draw_logo("Brightwater Logistics")
    png = encode(unknown)
    jpeg = encode(logogen.flatten(unknown, (255, 255, 255)), "JPEG", quality=80)
    site = Site({"/a.png": png, "/b.jpg": jpeg})
    first = scan_images(site).from_url("/a.png")
    assert decide(first).brand is None
    label = Label(
        first.key, "Brightwater", "dana", date(2026, 5, 4), fingerprint_bytes(png), "/ img/a.png"
    )
    path = tmp_path / "logocheck-labels.toml"
    save_labels(Labels().with_label(label), path)
    labels = load_labels(path)
    assert labels.get(first.key) == label
    images = scan_images(Site(site.files), labels=labels)
    exact, copy = decide(images.from_url("/a.png")), decide(images.from_url("/b.jpg"))
    assert (exact.brand, exact.method, exact.confidence) == ("Brightwater", "label", 1.0)
    assert "dana" in exact.signals[0].value
    assert (copy.brand, copy.method) == ("Brightwater", "label")


def test_saving_labels_keeps_a_linked_file_linked_and_its_permissions(tmp_path: Path) -> None:
    """The labels file is written as reports are: through a link, keeping its mode."""
    shared = tmp_path / "shared" / "labels.toml"
    shared.parent.mkdir()
    shared.write_text("", encoding="utf-8")
    shared.chmod(0o644)
    link = tmp_path / "logocheck-labels.toml"
    link.symlink_to(shared)
    label = Label("sha256:" + "ab" * 32, "Brightwater", "dana", date(2026, 5, 4))
    save_labels(Labels().with_label(label), link)
    assert link.is_symlink()
    assert load_labels(shared).get(label.key) == label
    assert shared.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in shared.parent.iterdir()) == ["labels.toml"]


def test_a_new_labels_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    path = tmp_path / "logocheck-labels.toml"
    old = os.umask(0o022)
    try:
        save_labels(Labels(), path)
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def test_bad_labels_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "logocheck-labels.toml"
    path.write_text('["sha256:abc"]\nbrand = "Globex"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="sha256:<64 hex digits>"):
        load_labels(path)
    path.write_text(f'["sha256:{"0" * 64}"]\nby = "dana"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="needs a brand"):
        load_labels(path)
    path.write_text(f'["sha256:{"0" * 64}"]\nbrand = "Globex\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_labels(path)
    assert str(error.value).startswith(f"{path}:2:")
    path.write_bytes(f'["sha256:{"0" * 64}"]\nbrand = "Gl\xf6bex"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_labels(path)
    assert len(load_labels(tmp_path / "missing.toml")) == 0


def test_cache_keeps_fingerprints_between_scans(
    tmp_path: Path, logogen: ModuleType, scan_images: Callable[..., Images]
) -> None:
    files = {"/w.png": encode(logogen.draw_logo("Wonka")), "/bad.png": b"GIF89a broken"}
    first = scan_images(Site(files), cache=FingerprintCache(tmp_path))
    before = [first.from_url(url) for url in sorted(files)]
    second = scan_images(Site(files), cache=FingerprintCache(tmp_path))
    after = [second.from_url(url) for url in sorted(files)]
    assert after == before
    assert (first.decoded, second.decoded) == (2, 0)
    assert second.cache is not None and second.cache.hits == 2


def test_data_uri_logos_are_decoded_in_place(
    logogen: ModuleType, scan_images: Callable[..., Images]
) -> None:
    import base64

    site = Site({})
    images = scan_images(site)
    payload = base64.b64encode(encode(logogen.draw_logo("Umbrella"))).decode()
    match = decide(images.from_data_uri(f"data:image/png;base64,{payload}"))
    assert (match.brand, match.method) == ("Umbrella", "image")
    assert not site.reads
    svg = logogen.logo_svg("Wonka").replace("#", "%23")
    assert decide(images.from_data_uri(f"data:image/svg+xml,{svg}")).brand == "Wonka"


def test_one_picture_of_several_logos_names_each_part(
    logogen: ModuleType, scan_images: Callable[..., Images]
) -> None:
    from PIL import Image

    wall = Image.new("RGBA", (940, 260), (255, 255, 255, 255))
    for i, brand in enumerate((*BRANDS[:4], "Brightwater Logistics")):
        logo = logogen.draw_logo(brand, width=220, height=70, ink=(90, 90, 90))
        wall.alpha_composite(logo, (40 + (i % 3) * 310, 25 + (i // 3) * 120))
    images = scan_images(Site({"/wall.png": encode(wall)}))
    match = decide(images.from_url("/wall.png"))
    assert match.brand is None
    parts = sorted(s.value.split(" d=")[0] for s in match.signals if s.source == "image-part")
    assert parts == sorted(BRANDS[:4])
    assert match.tried[0].startswith("image: several logos in one picture: ")


def test_single_logos_are_never_cut_into_parts(logogen: ModuleType) -> None:
    from logocheck.identify.composite import pieces

    names = list(logogen.BRANDS) + logogen.distractor_names(60)
    split = [name for name in names if pieces(logogen.draw_logo(name))]
    assert split == []
