"""``load_contracts``: a contracts export in, classified accounts out.

This is the one entry point the pipeline calls. It reads the settings
table ``[tool.logocheck.contracts]``::

    columns = { account = "Org", domain = ["Website", "Email Domain"] }
    date_format = "%d/%m/%Y"      # or a list; ISO 8601 is always accepted
    decimal_comma = true          # "1.234,56 €"
    encoding = "cp1252"           # only needed without a BOM and not UTF-8
    delimiter = ";"               # sniffed from the header line otherwise
    strict = true                 # doubtful rows are errors, not warnings

and, through ``vocab``, the ``[tool.logocheck.vocab]`` table whose
``plans`` and ``names`` entries extend ``rules/vocab/plans.toml`` and
``rules/vocab/names.toml``. Keyword arguments win over settings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from logocheck.contracts.bulk import paused_gc
from logocheck.contracts.classify import Classifier
from logocheck.contracts.columnar import read_columns
from logocheck.contracts.merge import merge_rows
from logocheck.contracts.names import Normalizer, default_normalizer
from logocheck.contracts.reader import ContractsWarning, Options, RowReader
from logocheck.contracts.table import AccountTable
from logocheck.contracts.values import PUBLICITY, DateParser, MoneyParser, PublicityParser
from logocheck.errors import ConfigError
from logocheck.model import Account, Publicity
from logocheck.vocab import load_vocab

_SETTINGS = frozenset(
    {"columns", "date_format", "decimal_comma", "encoding", "delimiter", "strict"}
)


@dataclass(frozen=True, slots=True)
class Contracts:
    """The accounts of one export, merged and classified on ``as_of``.

    ``has_publicity`` says whether the file has a publicity column at all:
    without one, no account can be blamed for lacking publicity rights.
    ``table`` holds the accounts with what the load learnt about them, for
    ``AccountIndex``; ``accounts`` is the sequence itself.
    """

    table: AccountTable
    rows: int
    warnings: tuple[ContractsWarning, ...]
    has_publicity: bool
    as_of: date | None = None
    encoding: str = ""
    delimiter: str = ""

    @classmethod
    def empty(cls) -> Contracts:
        """No contracts file: no accounts, so every brand is judged as having none."""
        return cls(AccountTable.plain((), default_normalizer()), 0, (), False)

    @property
    def accounts(self) -> Sequence[Account]:
        return self.table.accounts

    @property
    def counts(self) -> Mapping[str, int]:
        """Accounts per category, known without building any account."""
        return self.table.counts


def load_contracts(
    path: Path,
    *,
    as_of: date,
    settings: Mapping[str, Any] | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    strict: bool = False,
    vocab: Mapping[str, Any] | None = None,
) -> Contracts:
    """Read, check, merge and classify the export at ``path``.

    Raises ``ContractsError`` (one line, ``file:line:column``) on input
    that cannot be trusted, ``ConfigError`` on bad settings.
    """
    table = dict(settings or {})
    unknown = sorted(set(table) - _SETTINGS)
    if unknown:
        raise ConfigError("[tool.logocheck.contracts]", f"unknown setting {unknown[0]!r}")
    options = build_options(table, as_of, vocab or {}, strict or bool(table.get("strict")))
    reader = RowReader(
        path, options, encoding or table.get("encoding"), delimiter or table.get("delimiter")
    )
    with paused_gc(settle=True):
        accounts = read_columns(reader)
        if accounts is None:
            accounts = merge_rows(reader.rows(), options.classifier, options.names)
    columns = reader.columns
    return Contracts(
        table=accounts,
        rows=reader.rows_read,
        warnings=tuple(reader.warnings),
        has_publicity=columns is not None and "publicity" in columns.index,
        as_of=as_of,
        encoding=reader.dialect.encoding if reader.dialect else "",
        delimiter=reader.dialect.delimiter if reader.dialect else "",
    )


def build_options(
    table: Mapping[str, Any], as_of: date, vocab: Mapping[str, Any], strict: bool
) -> Options:
    """Parsers and vocabularies for one load, from settings and vocab config."""
    plans = load_vocab("plans", _section(vocab, "plans"))
    formats = table.get("date_format", ())
    if isinstance(formats, str):
        formats = (formats,)
    if not isinstance(formats, (list, tuple)) or not all(isinstance(f, str) for f in formats):
        raise ConfigError("[tool.logocheck.contracts]", "date_format must be a string or a list")
    columns = table.get("columns", {})
    if not isinstance(columns, Mapping):
        raise ConfigError("[tool.logocheck.contracts]", "columns must be a table")
    return Options(
        dates=DateParser(formats),
        money=MoneyParser(bool(table.get("decimal_comma", False))),
        publicity=PublicityParser(_publicity_synonyms(plans)),
        classifier=Classifier(plans, as_of),
        names=Normalizer(_section(vocab, "names")),
        strict=strict,
        columns=columns,
    )


def _section(vocab: Mapping[str, Any], name: str) -> Mapping[str, Any] | None:
    value = vocab.get(name)
    if value is not None and not isinstance(value, Mapping):
        raise ConfigError("[tool.logocheck.vocab]", f"{name} must be a table")
    return value


def _publicity_synonyms(plans: Mapping[str, tuple[str, ...]]) -> dict[Publicity, tuple[str, ...]]:
    return {p: plans.get("publicity_" + p.replace("-", "_"), ()) for p in PUBLICITY}
