"""Rule packs: TOML files that configure the registered checks.

A rule is one file, ``<pack>/LCnnn.toml``; its code is its file name, so a
code can never be defined twice in one pack. The built-in pack is
``rules/``; users add packs by path. Every mistake in a rule file (unknown
key, unknown check, unknown or missing param, bad level, a message field
the check never gives, a malformed example) is a ConfigError naming the
file, found when the pack loads rather than after a crawl.

Selection is by code prefix, case-insensitive (``--select lc00``); a
prefix that matches no rule is an error, not a scan that silently checks
nothing.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, cast

from logocheck.checks import REQUIRED, CheckSpec, registry
from logocheck.errors import ConfigError
from logocheck.model import LEVELS, Level
from logocheck.resources import rules_dir
from logocheck.vocab import read_toml

CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")
KEYS = frozenset({"code", "name", "check", "level", "message", "params", "doc", "examples"})
DOC_KEYS = ("summary", "what", "why", "fix")
EXAMPLE_KEYS = frozenset({"name", "html", "contracts", "expect", "config"})


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    check: CheckSpec
    level: Level
    message: str
    params: Mapping[str, Any]
    doc: Mapping[str, str]
    examples: tuple[Mapping[str, Any], ...]
    path: Path

    @property
    def summary(self) -> str:
        return self.doc.get("summary", self.name)


def load_rules(packs: Sequence[Path] = ()) -> tuple[Rule, ...]:
    """The built-in rules plus those of ``packs`` (folders or single files).

    A user rule with a built-in code replaces the built-in one, which is how
    a team changes a message or a level without forking the pack.
    """
    rules: dict[str, Rule] = {}
    for path in _rule_files([rules_dir(), *packs]):
        rule = load_rule(path)
        rules[rule.code] = rule
    return tuple(sorted(rules.values(), key=lambda r: r.code))


def load_rule(path: Path) -> Rule:
    data = read_toml(path)
    fail = _failer(path)
    unknown = sorted(set(data) - KEYS)
    if unknown:
        fail(f"unknown key {unknown[0]!r}")
    code = data.get("code", path.stem)
    if code != path.stem or not CODE.match(code):
        fail(f"rule code {code!r} must match the file name and look like LC001")
    spec = registry().get(str(data.get("check", "")))
    if spec is None:
        fail(f"unknown check {data.get('check')!r}")
    level = data.get("level", "error")
    if level not in LEVELS:
        fail(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    return Rule(
        code=code,
        name=str(data.get("name", code)),
        check=spec,
        level=cast(Level, level),
        message=_message(data, spec, fail),
        params=_params(spec, data.get("params", {}), fail),
        doc=_doc(data.get("doc", {}), fail),
        examples=_examples(data.get("examples", []), fail),
        path=path,
    )


def select_rules(
    rules: Sequence[Rule],
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    where: str = "--select/--ignore",
) -> tuple[Rule, ...]:
    """Rules whose code starts with a ``select`` prefix and no ``ignore`` prefix.

    As in flake8 and ruff, the longer matching prefix wins, so
    ``--select LC0 --ignore LC006`` keeps LC001-LC008 but LC006. Prefixes
    are compared without case; one that matches no rule raises a
    ConfigError naming ``where`` and the known prefixes.
    """
    select = [p.strip().upper() for p in select]
    ignore = [p.strip().upper() for p in ignore]
    check_prefixes([r.code for r in rules], [*select, *ignore], where)
    chosen = []
    for rule in rules:
        picked = max((len(p) for p in select if rule.code.startswith(p)), default=-1)
        dropped = max((len(p) for p in ignore if rule.code.startswith(p)), default=-1)
        if (picked >= 0 or not select) and picked >= dropped:
            chosen.append(rule)
    return tuple(chosen)


def check_prefixes(codes: Sequence[str], prefixes: Iterable[str], where: str) -> None:
    """Refuse a prefix that selects nothing: a typo would silently check nothing."""
    for prefix in (p.strip().upper() for p in prefixes):
        if not prefix or not any(code.startswith(prefix) for code in codes):
            known = ", ".join(sorted({code[:3] for code in codes}))
            raise ConfigError(
                where,
                f"{prefix!r} matches no rule; known prefixes: {known} (see `logocheck rules`)",
            )


def _rule_files(packs: Iterable[Path]) -> Iterable[Path]:
    for pack in packs:
        if pack.is_dir():
            yield from sorted(pack.glob("*.toml"))
        elif pack.is_file():
            yield pack
        else:
            raise ConfigError(str(pack), "no such rule pack")


def _message(data: Mapping[str, Any], spec: CheckSpec, fail: Callable[[str], NoReturn]) -> str:
    """The message template, every ``{field}`` one the check gives."""
    message = data.get("message")
    if not isinstance(message, str) or not message:
        fail("message must be a non-empty string")
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(message) if name is not None]
    except ValueError as error:
        fail(f"message template: {error}")
    for name in fields:
        root = re.split(r"[.\[]", name, maxsplit=1)[0]
        if root not in spec.fields:
            offered = ", ".join(sorted(spec.fields))
            fail(f"message field {{{name}}} is not given by check {spec.name!r} ({offered})")
    return message


def _doc(doc: Any, fail: Callable[[str], NoReturn]) -> dict[str, str]:
    if not isinstance(doc, Mapping):
        fail("doc must be a table")
    unknown = sorted(set(doc) - set(DOC_KEYS))
    if unknown:
        fail(f"doc: unknown key {unknown[0]!r}")
    if not all(isinstance(v, str) for v in doc.values()):
        fail("doc: values must be strings")
    return dict(doc)


def _examples(examples: Any, fail: Callable[[str], NoReturn]) -> tuple[Mapping[str, Any], ...]:
    """The ``[[examples]]``, each with html, contracts and the codes expected."""
    if not isinstance(examples, list):
        fail("examples must be an array of tables")
    for i, example in enumerate(examples):
        if not isinstance(example, Mapping):
            fail(f"examples[{i}] must be a table")
        unknown = sorted(set(example) - EXAMPLE_KEYS)
        if unknown:
            fail(f"examples[{i}]: unknown key {unknown[0]!r}")
        for key in ("html", "contracts"):
            if not isinstance(example.get(key), str):
                fail(f"examples[{i}]: {key} must be a string")
        expect = example.get("expect")
        if not isinstance(expect, list) or not all(isinstance(c, str) for c in expect):
            fail(f"examples[{i}]: expect must be a list of codes")
    return tuple(examples)


def _params(
    spec: CheckSpec, given: Mapping[str, Any], fail: Callable[[str], NoReturn]
) -> Mapping[str, Any]:
    unknown = sorted(set(given) - set(spec.params))
    if unknown:
        fail(f"check {spec.name!r} has no param {unknown[0]!r}")
    missing = [k for k, default in spec.params.items() if default is REQUIRED and k not in given]
    if missing:
        fail(f"check {spec.name!r} needs param {missing[0]!r}")
    return dict(given)


def _failer(path: Path) -> Callable[[str], NoReturn]:
    def fail(message: str) -> NoReturn:
        raise ConfigError(str(path), message)

    return fail
