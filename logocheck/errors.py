"""Errors that stop a scan before it can give a trustworthy answer.

One bad page or image never raises: stages turn those into ``Problem``
records. These exceptions are for input the whole scan depends on::

    LogocheckError                 anything logocheck refuses; the CLI exits 2
    ├── InputError                 a file that cannot be used, with its place
    │   ├── ContractsError         the contracts CSV
    │   ├── ConfigError            a config file or rule pack
    │   └── TargetError            the folder or URL to scan
    ├── ScanIncomplete             the scan could not finish (start URL failed)
    └── OutputError                a report cannot be written where asked

``str(error)`` is always one line that names the file, line and column (or
the URL), so the CLI prints it as is.
"""

from __future__ import annotations


class LogocheckError(Exception):
    """Base of every error logocheck raises on purpose."""


class InputError(LogocheckError):
    """An input file or URL that cannot be used, and where the fault is."""

    def __init__(self, source: str, message: str, line: int = 0, column: int | str = 0) -> None:
        self.source = source
        self.line = line
        self.column = column
        self.reason = message
        super().__init__(self._render())

    def _render(self) -> str:
        place = self.source
        if self.line:
            place += f":{self.line}"
            if self.column:
                place += f":{self.column}"
        return f"{place}: {self.reason}"


class ContractsError(InputError):
    """The contracts CSV cannot be read or trusted."""


class ConfigError(InputError):
    """A config file or a rule pack is invalid."""


class TargetError(InputError):
    """The scan target does not exist or cannot be read."""


class ScanIncomplete(LogocheckError):
    """The scan could not complete, so no verdict can be given."""


class OutputError(LogocheckError):
    """A report cannot be written where it was asked to go."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")
