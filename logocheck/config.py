"""User configuration: ``[tool.logocheck]`` in pyproject.toml or a logocheck.toml.

The file is read once and checked against ``SCHEMA`` before anything runs:
an unknown key (``selct``, ``[extarct]``) or a value of the wrong type is a
one-line ``file:line: key: reason`` error, never a setting silently
ignored. Each stage then reads its own section (``contracts``, ``vocab``,
``extract``, ``identify``); the settings that steer the scan itself
(selection, reviewed exceptions, the lapse warning window) are typed
properties here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from logocheck.errors import ConfigError
from logocheck.vocab import builtin_keys, read_toml

CONFIG_NAMES = ("logocheck.toml", "pyproject.toml")
#: The reviewed-logo labels file, read beside the config unless ``[identify] labels`` names one.
LABELS_NAME = "logocheck-labels.toml"
DEFAULT_LAPSE_WARNING_DAYS = 30

#: A value check: None when ``value`` is right, else what is wrong with it.
Check = Callable[[Any], str | None]


def _strings(value: Any) -> str | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return None
    return "must be a list of strings"


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) else "must be a string"


def _text_or_strings(value: Any) -> str | None:
    if isinstance(value, str) or _strings(value) is None:
        return None
    return "must be a string or a list of strings"


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _days(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 3660:
        return None
    return "must be a whole number of days between 0 and 3660"


def _day(value: Any) -> str | None:
    if isinstance(value, date):
        return None
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            date.fromisoformat(value)
            return None
        except ValueError:
            pass
    return "must be a date, written 2027-03-31"


@dataclass(frozen=True, slots=True)
class TableOf:
    """A table whose keys are free (CRM column names) and values all ``check``."""

    check: Check


@dataclass(frozen=True, slots=True)
class ArrayOf:
    """An array of tables, each checked against ``schema``."""

    schema: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Vocab:
    """A vocabulary table: only the list names the built-in vocabulary has."""

    name: str


SUPPRESS_SCHEMA: Mapping[str, Any] = {
    "code": _text,
    "reason": _text,
    "brand": _text,
    "url": _text,
    "expires": _day,
}

#: Every setting logocheck knows; anything else in the file is an error.
SCHEMA: Mapping[str, Any] = {
    "select": _strings,
    "ignore": _strings,
    "lapse-warning-days": _days,
    "suppress": ArrayOf(SUPPRESS_SCHEMA),
    "contracts": {
        "encoding": _text,
        "delimiter": _text,
        "date_format": _text_or_strings,
        "decimal_comma": _boolean,
        "strict": _boolean,
        "columns": TableOf(_text_or_strings),
    },
    "vocab": {
        name: Vocab(name) for name in ("claims", "names", "placeholders", "plans", "sections")
    },
    "extract": {
        "products": _text_or_strings,
        "customer_sections": _text_or_strings,
        "not_customer_sections": _text_or_strings,
    },
    "identify": {"logos": _text, "labels": _text, "images": _boolean, "cache": _text},
}


@dataclass(frozen=True, slots=True)
class Settings:
    """The checked configuration. Building one validates it, so a library
    caller's settings are held to the same rules as a file's."""

    data: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None
    lines: Mapping[str, int] = field(default_factory=dict)
    """Line of each key in the file (``suppress[1].reason`` -> 12), for messages."""

    def __post_init__(self) -> None:
        validate(self.data, SCHEMA, "", self.fail)

    def section(self, name: str) -> Mapping[str, Any]:
        value: Mapping[str, Any] = self.data.get(name, {})
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        """A top-level list of strings (``select``, ``ignore``)."""
        return tuple(self.data.get(key, ()))

    @property
    def lapse_warning_days(self) -> int:
        return int(self.data.get("lapse-warning-days", DEFAULT_LAPSE_WARNING_DAYS))

    def with_section(self, name: str, table: Mapping[str, Any]) -> Settings:
        """These settings with section ``name`` replaced (command-line flags on top)."""
        return Settings({**self.data, name: table}, self.path, self.lines)

    def base(self) -> Path:
        """Folder that relative paths in the config are resolved against."""
        return self.path.parent if self.path else Path.cwd()

    def where(self, key: str = "") -> tuple[str, int]:
        """The file and line of ``key`` (or of its nearest enclosing table)."""
        source = str(self.path) if self.path else "config"
        while key and key not in self.lines:
            key = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", key) if re.search(r"[.\[]", key) else ""
        return source, self.lines.get(key, 0)

    def fail(self, key: str, reason: str) -> NoReturn:
        source, line = self.where(key)
        raise ConfigError(source, f"{key}: {reason}", line)


def validate(data: Any, schema: Any, key: str, fail: Callable[[str, str], NoReturn]) -> None:
    """Check ``data`` against ``schema``, calling ``fail(key, reason)`` at the first fault."""
    if isinstance(schema, Mapping):
        if not isinstance(data, Mapping):
            fail(key, "must be a table")
        for name, value in data.items():
            inner = f"{key}.{name}" if key else name
            if name not in schema:
                fail(inner, _unknown(schema))
            validate(value, schema[name], inner, fail)
    elif isinstance(schema, ArrayOf):
        if not isinstance(data, list):
            fail(key, "must be an array of tables ([[...]])")
        for i, entry in enumerate(data):
            validate(entry, schema.schema, f"{key}[{i}]", fail)
    elif isinstance(schema, TableOf):
        free = dict.fromkeys(data, schema.check) if isinstance(data, Mapping) else {}
        validate(data, free, key, fail)
    elif isinstance(schema, Vocab):
        validate(data, dict.fromkeys(builtin_keys(schema.name), _strings), key, fail)
    elif (reason := schema(data)) is not None:
        fail(key, reason)


def _unknown(schema: Mapping[str, Any]) -> str:
    return f"unknown key; expected one of {', '.join(sorted(schema))}"


def load_settings(path: Path | None = None, start: Path | None = None) -> Settings:
    """Settings from ``path``, or from the first config file found in ``start``.

    A ``pyproject.toml`` without a ``[tool.logocheck]`` table is ignored, the
    way ruff and pytest treat it.
    """
    if path is not None:
        return _settings(path)
    folder = (start or Path.cwd()).resolve()
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file():
            table, _ = _table(candidate)
            if table or name == "logocheck.toml":
                return _settings(candidate)
    return Settings()


def _settings(path: Path) -> Settings:
    table, prefix = _table(path)
    text = path.read_text(encoding="utf-8")
    return Settings(table, path, key_lines(text, prefix))


def _table(path: Path) -> tuple[Mapping[str, Any], str]:
    data = read_toml(path)
    if path.name != "pyproject.toml" and "tool" not in data:
        return data, ""
    table = data.get("tool", {}).get("logocheck", {})
    if not isinstance(table, Mapping):
        raise ConfigError(str(path), "[tool.logocheck] must be a table")
    return table, "tool.logocheck"


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")


def key_lines(text: str, prefix: str = "") -> dict[str, int]:
    """The line of every table and key of ``text`` under ``prefix``.

    tomllib keeps no positions, so the lines are found again from the
    text: enough to point a message at the right line of a config file.
    """
    lines: dict[str, int] = {}
    counts: dict[str, int] = {}
    table: str | None = "" if not prefix else None
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            table = _within(_dotted(header[2]), prefix)
            if table is not None and header[1] == "[[":
                counts[table] = counts.get(table, -1) + 1
                table = f"{table}[{counts[table]}]"
            if table:
                lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key and table is not None:
            lines.setdefault(f"{table}.{_dotted(key[1])}".lstrip("."), number)
    return lines


def _dotted(name: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in name.split("."))


def _within(table: str, prefix: str) -> str | None:
    if not prefix:
        return table
    if table == prefix:
        return ""
    return table[len(prefix) + 1 :] if table.startswith(prefix + ".") else None
