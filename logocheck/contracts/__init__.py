"""contracts: the accounts side of the join, read from a CRM export.

::

    load_contracts(path, as_of=...)  -> Contracts (accounts merged, classified)
    AccountIndex(contracts.table).lookup(name, domains) -> Lookup
    normalize_name("The Globex Corp.") -> "globex"

Modules, each with one job: ``dialect`` (encoding, delimiter), ``columns``
(header synonyms), ``values`` (dates, money, publicity), ``reader`` (rows),
``classify`` (category per row), ``merge`` (rows to accounts), ``names``
(name and domain keys), ``index`` (the lookup), ``load`` (the entry point).
The file format is documented in docs/contracts.md.
"""

from logocheck.contracts.cells import ContractsWarning
from logocheck.contracts.index import AccountIndex, Lookup
from logocheck.contracts.load import Contracts, load_contracts
from logocheck.contracts.names import Normalizer, normalize_domain, normalize_name
from logocheck.contracts.table import AccountTable

__all__ = [
    "AccountIndex",
    "AccountTable",
    "Contracts",
    "ContractsWarning",
    "Lookup",
    "Normalizer",
    "load_contracts",
    "normalize_domain",
    "normalize_name",
]
