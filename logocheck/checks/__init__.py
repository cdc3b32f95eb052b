"""Checks: the few Python functions that rules configure.

A rule (``rules/LCnnn.toml``) names a check and gives it ``params``; the
check's keyword-only parameters are the schema for those params, so an
unknown or missing param is a load error naming the rule file.

A check only yields the fields its rule's message template needs, and
declares them (``fields=``) so a template naming a field the check never
gives is refused when the rule loads, not after a long crawl. The engine
alone builds ``Finding`` records, so every finding has one shape.
There are three scopes, by what the check looks at:

- ``subject``: one brand presented as a customer -> ``check(subject, context, **params)``
  yields dicts of message fields;
- ``problem``: one thing a stage could not do -> ``check(problem, context, **params)``
  yields dicts of message fields;
- ``scan``: the whole scan at its end -> ``check(facts, context, **params)`` yields
  ``(Location, fields)`` pairs.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from logocheck.model import Claim, Location
from logocheck.vocab import load_vocab

Scope = Literal["subject", "problem", "scan"]
Fields = dict[str, Any]
REQUIRED = inspect.Parameter.empty


def _builtin_customer_nouns() -> tuple[str, ...]:
    return tuple(load_vocab("claims").get("customer_nouns", ()))


@dataclass(frozen=True, slots=True)
class Context:
    """What every check may know about the scan besides its subject."""

    as_of: date
    has_publicity: bool = True
    paying_accounts: int = 0
    lapse_warning_days: int = 30
    """How far ahead of a contract's end a lapsing-soon warning is given."""
    customer_nouns: tuple[str, ...] = field(default_factory=_builtin_customer_nouns)
    """Nouns that count customers ("companies"), built-in plus the user's vocabulary."""
    contract_details: bool = False
    """Messages may quote the contracts file's plans, statuses and dates
    (``--include-contract-details``); otherwise they name categories only."""


@dataclass(slots=True)
class ScanFacts:
    """What scan-scope checks see: claims worth judging as a whole."""

    count_claims: list[Claim] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CheckSpec:
    name: str
    scope: Scope
    function: Callable[..., Iterator[Any]]
    params: Mapping[str, Any]
    """Parameter name -> default value, or REQUIRED."""
    fields: frozenset[str] = frozenset()
    """The message fields the check yields: what a rule's template may use."""


_REGISTRY: dict[str, CheckSpec] = {}


def check(
    name: str, *, fields: Iterable[str], scope: Scope = "subject"
) -> Callable[[Callable[..., Any]], Any]:
    """Register a check function under ``name``, yielding message ``fields``."""

    def register(function: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        params = {
            p.name: p.default
            for p in inspect.signature(function).parameters.values()
            if p.kind is inspect.Parameter.KEYWORD_ONLY
        }
        _REGISTRY[name] = CheckSpec(name, scope, function, params, frozenset(fields))
        return function

    return register


def registry() -> Mapping[str, CheckSpec]:
    """Every registered check, after importing the modules that define them.

    Every module of this package is imported, so a new check is one new
    module (or one more function) and nothing else to wire.
    """
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return _REGISTRY


__all__ = ["REQUIRED", "CheckSpec", "Context", "Fields", "Location", "ScanFacts", "check"]
