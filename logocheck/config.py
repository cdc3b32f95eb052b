"""User configuration: ``[tool.logocheck]`` in pyproject.toml or a logocheck.toml.

Settings are plain nested tables; each stage reads its own section
(``contracts``, ``vocab``, ``crawl`` ...) so this module knows no stage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from logocheck.errors import ConfigError
from logocheck.vocab import read_toml

CONFIG_NAMES = ("logocheck.toml", "pyproject.toml")


@dataclass(frozen=True, slots=True)
class Settings:
    data: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def section(self, name: str) -> Mapping[str, Any]:
        value = self.data.get(name, {})
        if not isinstance(value, Mapping):
            raise ConfigError(str(self.path or "config"), f"[{name}] must be a table")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        """A top-level list of strings (``select``, ``ignore``), checked.

        A bare string would otherwise be read letter by letter: ``select =
        "LC0"`` selecting every rule that starts with "L".
        """
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(str(self.path or "config"), f"{key} must be a list of strings")
        return tuple(value)

    def base(self) -> Path:
        """Folder that relative paths in the config are resolved against."""
        return self.path.parent if self.path else Path.cwd()


def load_settings(path: Path | None = None, start: Path | None = None) -> Settings:
    """Settings from ``path``, or from the first config file found in ``start``.

    A ``pyproject.toml`` without a ``[tool.logocheck]`` table is ignored, the
    way ruff and pytest treat it.
    """
    if path is not None:
        return Settings(_table(path), path)
    folder = (start or Path.cwd()).resolve()
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file():
            table = _table(candidate)
            if table or name == "logocheck.toml":
                return Settings(table, candidate)
    return Settings()


def _table(path: Path) -> Mapping[str, Any]:
    data = read_toml(path)
    if path.name == "pyproject.toml" or "tool" in data:
        data = data.get("tool", {}).get("logocheck", {})
    if not isinstance(data, Mapping):
        raise ConfigError(str(path), "[tool.logocheck] must be a table")
    return data
