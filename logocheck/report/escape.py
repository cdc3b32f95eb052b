"""Text from the site or the contracts file, made safe for where it is printed.

A page's alt text, a file name or an account name is data, never markup or
a command: control characters (ESC sequences that repaint a terminal, BEL,
NUL), line breaks (which would start a new log line) and bidirectional
overrides (which reorder what a reviewer reads) are shown as visible escapes
like ``\\x1b``. A line that would begin with ``::`` (a GitHub Actions
workflow command) has its first colon escaped. Each format then applies its
own escaping on top (JSON, XML, HTML, Markdown, workflow commands).
"""

from __future__ import annotations

import re

#: C0 and C1 controls, DEL, line and paragraph separators, bidi controls.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: Characters valid in JSON that some terminals still act on.
JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
COMMAND_PREFIX = re.compile(r"^(\s*):(?=:)", re.M)


def visible(text: str) -> str:
    """``text`` on one line, every control character shown as an escape."""
    return UNSAFE.sub(_escape, text)


def log_lines(text: str) -> str:
    """Escape the first colon of any line that a CI runner would take as a command."""
    return COMMAND_PREFIX.sub(r"\1\\x3a", text)


def json_text(dumped: str) -> str:
    """JSON text with the controls ``json.dumps`` leaves raw written as ``\\uXXXX``."""
    return JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
