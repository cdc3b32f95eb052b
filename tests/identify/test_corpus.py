"""Identify every fixture logo variant from its pixels alone.

The accuracy floor: at least 97% top-1 accuracy over every variant of
every brand (opaque file names, no alt, no link: nothing but the image),
and at most 1% of the distractor logos (brands in no library) matched to
anything.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterator
from types import ModuleType

import pytest

from logocheck.identify.images import Images, decide
from logocheck.identify.library import Library, load_folder
from logocheck.model import Match

from .conftest import LOGOS, load_logogen

MANIFEST = tomllib.loads((LOGOS / "manifest.toml").read_text(encoding="utf-8"))["logo"]


@pytest.fixture(scope="module")
def matches() -> Iterator[list[tuple[dict[str, str], Match]]]:
    images = Images(lambda path: (LOGOS / path).read_bytes(), Library([]))
    references, problems = load_folder(LOGOS / "library", images.reference_fingerprint)
    assert not problems
    images.library = Library(references)
    yield [(row, decide(images.from_url(row["file"]))) for row in MANIFEST]
    images.close()


def test_corpus_has_what_the_issue_asks() -> None:
    brands = {row["brand"] for row in MANIFEST if row["brand"]}
    variants = {row["variant"] for row in MANIFEST if row["brand"]}
    distractors = [row for row in MANIFEST if not row["brand"]]
    assert len(brands) >= 30
    assert len({row["file"] for row in distractors}) >= 50
    assert {
        "s25",
        "s400",
        "2x",
        "grey",
        "mono",
        "on-dark",
        "inverted",
        "transparent",
        "jpeg30",
        "padded",
        "svg",
        "svg-png",
    } <= variants


@pytest.mark.slow
def test_every_variant_is_identified_from_the_image(
    matches: list[tuple[dict[str, str], Match]],
) -> None:
    genuine = [(row, match) for row, match in matches if row["brand"]]
    wrong = [
        (row["variant"], row["brand"], match.brand)
        for row, match in genuine
        if match.brand != row["brand"]
    ]
    accuracy = 1 - len(wrong) / len(genuine)
    assert accuracy >= 0.97, f"top-1 accuracy {accuracy:.3f}; misses: {wrong}"
    assert all(match.method == "image" for row, match in genuine if match.brand)
    by_variant = Counter(variant for variant, _, _ in wrong)
    assert max(by_variant.values(), default=0) <= 4, by_variant


def test_distractors_are_not_matched(matches: list[tuple[dict[str, str], Match]]) -> None:
    distractors = [match for row, match in matches if not row["brand"]]
    false = [match.brand for match in distractors if match.brand is not None]
    assert len(false) <= len(distractors) // 100, false
    assert all(match.tried for match in distractors if match.brand is None)


def test_committed_corpus_matches_the_generator(logogen: ModuleType) -> None:
    """The fixtures are what generate.py writes (run it after changing logogen)."""
    generate = _generate_module()
    files = generate.brand_files("Oscorp")
    rows = {row["variant"]: row["file"] for row in MANIFEST if row["brand"] == "Oscorp"}
    assert set(files) == set(rows)
    for variant, (_, data) in files.items():
        assert (LOGOS / rows[variant]).read_bytes() == data, variant
    assert (LOGOS / "library" / "oscorp.png").read_bytes() == generate.library_file("Oscorp")


def test_generator_is_deterministic(logogen: ModuleType) -> None:
    first = logogen.variants("Initech")
    second = logogen.variants("Initech")
    assert first == second
    assert logogen.logo_svg("Initech") == logogen.logo_svg("Initech")
    assert logogen.draw_logo("Initech").tobytes() != logogen.draw_logo("Initrode").tobytes()


def _generate_module() -> ModuleType:
    import importlib.util

    load_logogen()
    spec = importlib.util.spec_from_file_location("logos_generate", LOGOS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
