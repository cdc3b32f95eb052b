"""Vocabularies as data: the phrases and names the stages look for.

Each vocabulary is ``rules/vocab/<name>.toml``, a table of lists of strings
("customer" section phrases, plan names that mean free ...). Users extend a
list in config (``[tool.logocheck.vocab.<name>]``) without touching Python;
their entries are added to the built-in ones, never replace them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from logocheck.errors import ConfigError, NotReadable
from logocheck.resources import rules_dir
from logocheck.safeopen import open_regular

Vocabulary = Mapping[str, tuple[str, ...]]
_AT = re.compile(r"\(at line (?P<line>\d+), column (?P<column>\d+)\)$")


def load_vocab(name: str, extra: Mapping[str, Any] | None = None) -> Vocabulary:
    """The built-in vocabulary ``name`` with the lists of ``extra`` appended."""
    merged = dict(_builtin(name))
    for key, values in (extra or {}).items():
        if key == "examples":
            continue
        merged[key] = merged.get(key, ()) + _strings(values, f"vocab.{name}.{key}", "config")
    return merged


@cache
def _builtin(name: str) -> Vocabulary:
    path = rules_dir() / "vocab" / f"{name}.toml"
    data = read_toml(path)
    return {
        key: _strings(values, key, str(path)) for key, values in data.items() if key != "examples"
    }


def builtin_keys(name: str) -> tuple[str, ...]:
    """The list names of vocabulary ``name``: the keys a user may extend."""
    return tuple(_builtin(name))


def vocab_examples(name: str) -> list[dict[str, Any]]:
    """The ``[[examples]]`` of a vocabulary file, run by the test suite."""
    examples = read_toml(rules_dir() / "vocab" / f"{name}.toml").get("examples", [])
    return list(examples)


def read_toml(path: Path) -> dict[str, Any]:
    """Read a TOML file, turning syntax errors into one-line ConfigErrors."""
    try:
        with open_regular(path) as handle:  # a FIFO must not hang the scan
            return tomllib.load(handle)
    except NotReadable as error:
        raise ConfigError(str(path), str(error)) from None
    except OSError as error:
        raise ConfigError(str(path), error.strerror or str(error)) from None
    except UnicodeDecodeError as error:
        raise ConfigError(str(path), f"not UTF-8 text: {error.reason}") from None
    except tomllib.TOMLDecodeError as error:
        message, line, column = _place(str(error), path)
        raise ConfigError(str(path), message, line, column) from None


def _place(message: str, path: Path) -> tuple[str, int, int]:
    """Split tomllib's "(at line 3, column 7)" suffix into a file:line:col place."""
    found = _AT.search(message)
    if found:
        return message[: found.start()].rstrip(), int(found["line"]), int(found["column"])
    if message.endswith("(at end of document)"):
        lines = path.read_text(encoding="utf-8", errors="replace").count("\n") or 1
        return message.removesuffix("(at end of document)").rstrip(), lines, 0
    return message, 0, 0


def _strings(values: Any, key: str, source: str) -> tuple[str, ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ConfigError(source, f"{key} must be a list of strings")
    return tuple(values)
