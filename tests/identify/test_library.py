"""The reference library: folders, the logos.toml index, the contracts' logo column."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from logocheck.errors import AssetError, ConfigError
from logocheck.identify.images import Images
from logocheck.identify.library import Library, brand_from_name, from_accounts, load_folder
from logocheck.model import Account

from .conftest import encode


@pytest.fixture(scope="module")
def images() -> Iterator[Images]:
    worker = Images(lambda url: b"", Library([]))
    yield worker
    worker.close()


def _write(folder: Path, logogen: ModuleType, brand: str, name: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if name.endswith(".svg"):
        path.write_text(logogen.logo_svg(brand), encoding="utf-8")
    else:
        path.write_bytes(encode(logogen.draw_logo(brand)))


def test_file_and_folder_names_are_brands(
    tmp_path: Path, logogen: ModuleType, images: Images
) -> None:
    _write(tmp_path, logogen, "Dunder Mifflin", "dunder-mifflin.png")
    _write(tmp_path, logogen, "Globex", "Globex/horizontal.png")
    _write(tmp_path, logogen, "Globex", "Globex/vector.svg")
    _write(tmp_path, logogen, "Gekko & Co", "gekko-co.png")
    (tmp_path / "notes.txt").write_text("not a logo")
    (tmp_path / "logos.toml").write_text(
        '[gekko-co]\nbrand = "Gekko & Co"\naliases = ["Gekko"]\n', encoding="utf-8"
    )
    references, problems = load_folder(tmp_path, images.reference_fingerprint)
    assert not problems
    assert sorted((r.brand, Path(r.origin).name) for r in references) == [
        ("Dunder Mifflin", "dunder-mifflin.png"),
        ("Gekko & Co", "gekko-co.png"),
        ("Globex", "horizontal.png"),
        ("Globex", "vector.svg"),
    ]
    assert next(r for r in references if r.brand == "Gekko & Co").aliases == ("Gekko",)
    library = Library(references)
    ranking = library.rank(
        images.fingerprint(encode(logogen.draw_logo("Globex", width=120, height=40)))
    )
    assert ranking.brand == "Globex"
    assert ranking.runner_up in {"Dunder Mifflin", "Gekko & Co"}


def test_unreadable_reference_is_a_problem_not_a_crash(
    tmp_path: Path, logogen: ModuleType, images: Images
) -> None:
    _write(tmp_path, logogen, "Acme", "acme.png")
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    references, problems = load_folder(tmp_path, images.reference_fingerprint)
    assert [r.brand for r in references] == ["Acme"]
    assert len(problems) == 1
    assert problems[0].kind == "image"
    assert problems[0].location.file is not None and problems[0].location.file.endswith(
        "broken.png"
    )


def test_bad_index_names_file_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "logos.toml").write_text('[acme]\nbrand = "Acme\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_folder(tmp_path, lambda data: pytest.fail("no file to read"))
    assert str(error.value).startswith(f"{tmp_path / 'logos.toml'}:2:")


def test_index_entries_are_checked(tmp_path: Path) -> None:
    (tmp_path / "logos.toml").write_text('[acme]\nbrand = "Acme"\nalias = "A"\n')
    with pytest.raises(ConfigError, match="unknown key 'alias'"):
        load_folder(tmp_path, lambda data: pytest.fail("no file to read"))


def test_missing_folder_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_folder(tmp_path / "nope", lambda data: pytest.fail("no file to read"))


def test_contracts_logo_column_becomes_references(logogen: ModuleType, images: Images) -> None:
    files = {"logos/initech.png": encode(logogen.draw_logo("Initech"))}

    def read(path: str) -> bytes:
        if path not in files:
            raise AssetError(f"{path}: not found")
        return files[path]

    accounts = [
        Account("Initech", "paid", "plan 'Team'", logo="logos/initech.png", line=3),
        Account("Hooli", "paid", "plan 'Team'", logo="logos/hooli.png", line=4),
        Account("Acme", "paid", "plan 'Team'"),
    ]
    references, problems = from_accounts(
        accounts, images.reference_fingerprint, read, "contracts.csv"
    )
    assert [(r.brand, r.origin) for r in references] == [("Initech", "contracts.csv:3")]
    assert [(p.kind, p.location.line) for p in problems] == [("image", 4)]
    assert "Hooli" in problems[0].detail


@pytest.mark.parametrize(
    ("name", "brand"),
    [
        ("dunder-mifflin", "Dunder Mifflin"),
        ("pied_piper-logo", "Pied Piper"),
        ("Wonka", "Wonka"),
        ("globex@2x", "Globex"),
        ("IniTech", "IniTech"),
    ],
)
def test_brand_from_file_name(name: str, brand: str) -> None:
    assert brand_from_name(name) == brand
