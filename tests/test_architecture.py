"""The import rules of docs/architecture.md, checked by parsing every module.

Stages talk through the records: a stage imports the shared modules and
no other stage, except the few edges the page names; the shared modules
import no stage; the CLI reaches the library through the pipeline and the
public APIs the page lists; nothing but the CLI prints.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

import logocheck

PACKAGE = Path(logocheck.__file__).parent

#: Modules every stage may import: the records and small utilities.
SHARED = frozenset(
    {
        "model", "errors", "config", "vocab", "resources", "urls", "safeopen", "atomic",
        "htmlparse", "pools", "version", "recent",
    }
)  # fmt: skip
STAGES = frozenset(
    {
        "collect", "extract", "identify", "contracts", "join", "checks", "ruleset", "evaluate",
        "suppress", "baseline", "report",
    }
)  # fmt: skip
#: The stage-to-stage imports the architecture allows, and why (see the page).
EDGES = {
    "join": {"contracts"},  # the index it consults
    "ruleset": {"checks"},  # the checks a rule configures
    "evaluate": {"checks", "ruleset"},  # runs the rules' checks
    "report": {"contracts"},  # the contracts command's summary reads its records
}
#: The pipeline's own helpers, and what they may import besides the shared modules.
HELPERS = {"occurrences": set(), "parallel": {"extract"}}
WIRING = frozenset({"pipeline", "cli", "__init__", "__main__"})
#: What the CLI may import of the library, besides the shared modules and itself.
CLI_MAY_IMPORT = (
    "logocheck.pipeline",
    "logocheck.report",
    "logocheck.ruleset",
    "logocheck.baseline",
    "logocheck.identify",  # only the package: its public API
    "logocheck.contracts",  # only the package: its public API
    "logocheck.join",
    "logocheck.collect.options",  # CrawlOptions, the record of the crawl flags
    "logocheck.parallel",  # default_jobs for the --jobs default
)
CLI_PACKAGES = frozenset({"logocheck.pipeline", "logocheck.report"})
"""Modules under which the CLI may import anything (not only the package itself)."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def unit(module: str) -> str:
    """The package or top-level module a ``logocheck.*`` module belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(source: str, module: str, is_package: bool = False) -> Iterator[str]:
    """Every ``logocheck`` module ``source`` imports, lazily or not, resolved."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.split(".")[0] == "logocheck")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base == "logocheck":
                yield from (f"logocheck.{a.name}" for a in node.names)
            elif base.startswith("logocheck."):
                yield base


@cache
def modules() -> tuple[tuple[str, str, list[str]], ...]:
    """(module, its unit, the logocheck modules it imports) for every module.

    Parsed once for the tests that read it: the package does not change
    during a run, and parsing it took about 0.4 s each time.
    """
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        imported = imports(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
        found.append(
            (name, unit(name) if name != "logocheck" else "__init__", sorted(set(imported)))
        )
    return tuple(found)


def stage_violations(owner: str, imported: list[str]) -> list[str]:
    allowed = SHARED | {owner} | EDGES.get(owner, set()) | HELPERS.get(owner, set())
    return [m for m in imported if unit(m) not in allowed]


def test_every_module_has_a_place_in_the_rules() -> None:
    """A new package or top-level module must be placed (and documented) first."""
    placed = SHARED | STAGES | WIRING | set(HELPERS)
    assert sorted({owner for _, owner, _ in modules()} - placed) == []


def test_stages_import_no_other_stage_except_the_named_edges() -> None:
    found = [
        f"{name} imports {', '.join(bad)}"
        for name, owner, imported in modules()
        if owner in STAGES | set(HELPERS)
        for bad in [stage_violations(owner, imported)]
        if bad
    ]
    assert found == []


def test_shared_modules_import_no_stage() -> None:
    found = [
        f"{name} imports {module}"
        for name, owner, imported in modules()
        if owner in SHARED
        for module in imported
        if unit(module) not in SHARED
    ]
    assert found == []


def cli_violations(imported: list[str]) -> list[str]:
    def allowed(module: str) -> bool:
        return (
            unit(module) in SHARED | {"cli", "__init__"}
            or module in CLI_MAY_IMPORT
            or any(module.startswith(f"{p}.") for p in CLI_PACKAGES)
        )

    return [m for m in imported if not allowed(m)]


def test_the_cli_reaches_the_library_through_the_pipeline_and_public_apis() -> None:
    found = [
        f"{name} imports {', '.join(bad)}"
        for name, owner, imported in modules()
        if owner == "cli"
        for bad in [cli_violations(imported)]
        if bad
    ]
    assert found == []


def test_only_the_cli_prints() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        if unit(name) == "cli":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                found.append(f"{name}:{node.lineno} calls print")
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                if "click" in names or getattr(node, "module", None) == "click":
                    found.append(f"{name}:{node.lineno} imports click")
    assert found == []


@pytest.mark.parametrize(
    ("module", "source", "owner", "expected"),
    [
        ("logocheck.extract.logos", "from logocheck.identify import Identifier", "extract",
         ["logocheck.identify"]),
        ("logocheck.extract.logos", "from ..identify.text import x", "extract",
         ["logocheck.identify.text"]),
        ("logocheck.report.html", "import logocheck.collect.fetch", "report",
         ["logocheck.collect.fetch"]),
        ("logocheck.join", "from logocheck.contracts import AccountIndex", "join", []),
        ("logocheck.identify.ocr", "from logocheck.urls import data_url", "identify", []),
    ],
)  # fmt: skip
def test_the_checker_finds_an_import_across_stages(
    module: str, source: str, owner: str, expected: list[str]
) -> None:
    """The rules can fail: a planted import between stages is caught, an allowed one is not."""
    assert stage_violations(owner, list(imports(source, module))) == expected


def test_the_checker_finds_the_cli_reaching_into_a_stage() -> None:
    planted = "from logocheck.identify.images import Images\nfrom logocheck.identify import x"
    found = cli_violations(list(imports(planted, "logocheck.cli.logos")))
    assert found == ["logocheck.identify.images"]
