"""``logocheck init``: a commented starter config and a CI workflow.

Writes ``logocheck.toml`` (or, where a ``pyproject.toml`` exists, its
``[tool.logocheck]`` table, edited with tomlkit so the rest of the file
keeps its formatting and comments) and ``.github/workflows/logocheck.yml``.
Nothing is overwritten without ``--force``, and nothing is written unless
every file can be.
"""

from __future__ import annotations

from pathlib import Path

import click
import tomlkit
from tomlkit.exceptions import TOMLKitError

from logocheck.errors import ConfigError
from logocheck.report import write_atomically

TEMPLATES = Path(__file__).resolve().parent / "templates"
WORKFLOW = Path(".github/workflows/logocheck.yml")
#: How workflows refer to this action; docs/ci.md uses the same reference.
ACTION_REF = "logocheck/logocheck@v0.1.0"


@click.command("init")
@click.option(
    "--folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Project folder to write into.",
)
@click.option(
    "--site", default="public", show_default=True, help="Built-site folder the workflow scans."
)
@click.option("--force", is_flag=True, help="Overwrite existing logocheck settings and workflow.")
def init_command(folder: Path, site: str, force: bool) -> None:
    """Write a starter config and a GitHub workflow that runs logocheck.

    \b
    Examples:
      logocheck init
      logocheck init --site _site --force
    """
    files = {**config_files(folder, force), folder / WORKFLOW: workflow(site)}
    if not force:
        taken = [path for path in files if path.name != "pyproject.toml" and path.exists()]
        if taken:
            raise click.UsageError(f"{taken[0]} exists; use --force to overwrite it")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)
        click.echo(f"wrote {path}")


def config_files(folder: Path, force: bool) -> dict[Path, str]:
    """The config file to write and its text: pyproject.toml if there is one."""
    pyproject = folder / "pyproject.toml"
    if not pyproject.is_file():
        return {folder / "logocheck.toml": starter()}
    return {pyproject: with_table(pyproject, force)}


def starter() -> str:
    return (TEMPLATES / "logocheck.toml").read_text(encoding="utf-8")


def with_table(pyproject: Path, force: bool) -> str:
    """``pyproject.toml`` with the starter ``[tool.logocheck]`` table, all else untouched."""
    try:
        document = tomlkit.parse(pyproject.read_text(encoding="utf-8"))
    except (TOMLKitError, UnicodeDecodeError) as error:
        raise ConfigError(str(pyproject), str(error)) from None
    tool = document.get("tool")
    if tool is not None and "logocheck" in tool and not force:
        raise click.UsageError(f"{pyproject} has [tool.logocheck]; use --force to replace it")
    text = starter().replace("[extract]", "[tool.logocheck.extract]")
    table = tomlkit.parse(
        "[tool.logocheck]\n" + text.replace("# [[suppress]]", "# [[tool.logocheck.suppress]]")
    )
    if tool is None:
        document["tool"] = table["tool"]
    else:
        tool["logocheck"] = table["tool"]["logocheck"]
    return tomlkit.dumps(document)


def workflow(site: str) -> str:
    template = (TEMPLATES / "workflow.yml").read_text(encoding="utf-8")
    return template.format(site=site, action=ACTION_REF)
