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

The second tree is what one page, image or file can fail with. A stage
catches these and emits a ``Problem`` (or skips the one input), so they
never reach the CLI; they live here because more than one stage raises or
catches them::

    AssetError                     an image or other asset could not be read
    UnreadableImage                image bytes that cannot be decoded, or refused
    EngineMissing                  the OCR engine is not installed
    OSError
    └── NotReadable                a file refused before reading (FIFO, too big)

Exceptions that never leave the module raising them stay beside it:
``ParseError``/``ParseLimit`` (``extract/document.py``), ``FetchError``/
``OffScope`` (``collect/fetch.py``), ``AddressRefused``
(``collect/guard.py``), ``SitemapError`` (``collect/sitemap.py``), and the
signal-driven ``Terminated``/``PageTimeout`` (``cli``, ``parallel.py``),
which derive from ``BaseException`` so no ``except Exception`` swallows them.
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


class AssetError(Exception):
    """An image or other asset could not be read; ``str()`` says why."""


class UnreadableImage(Exception):
    """An image that cannot be decoded or is refused; ``str()`` says why."""


class EngineMissing(Exception):
    """The OCR engine is not installed; ``str()`` says how to install it."""


class NotReadable(OSError):
    """A file refused before reading; ``str()`` says why in a few words."""

    def __str__(self) -> str:
        return str(self.args[0])
