"""Company names and domains reduced to the form two spellings share.

"The Globex Corporation, Inc.", "GLOBEX corp" and "Globex" are one company
to a reader, so they must be one key to the index. Normalising drops case,
accents, punctuation, a leading "The" and trailing legal suffixes, and reads
"&" as "and". The word lists are data (``rules/vocab/names.toml``).

Domains come from a contracts column, a logo's link or a testimonial's
e-mail address; ``normalize_domain`` accepts all three shapes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from logocheck.urls import bare_host
from logocheck.vocab import load_vocab

_DELETE = ".'’`´"
#: ASCII bytes to lower case, punctuation to spaces (``&`` and ``+`` are
#: spelt out first); one C call per name, which a million names need.
_ASCII_TABLE = bytes(
    c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() and c < 128 else 32 for c in range(256)
)
_NON_WORD = re.compile(r"[\W_]+")
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}")


class Normalizer:
    """Normalises names with the built-in word lists plus the user's."""

    def __init__(self, extra: Mapping[str, Any] | None = None) -> None:
        vocab = load_vocab("names", extra)
        self.suffixes = frozenset(vocab.get("legal_suffixes", ())) | {"and"}
        self.articles = frozenset(vocab.get("leading_articles", ()))
        self.affixes = tuple(_fold(a) for a in vocab.get("legal_affixes", ()))
        self.shared_domains = frozenset(d.lower() for d in vocab.get("shared_domains", ()))

    def name(self, text: str) -> str:
        """The comparison key of a company name ('' when nothing is left)."""
        if text.isascii():
            if "&" in text or "+" in text:
                text = text.replace("&", " and ").replace("+", " plus ")
            words = text.encode().translate(_ASCII_TABLE, b".'`").decode().split()
        else:
            words = _unicode_words(text, self.affixes)
        if len(words) > 1:  # never strip a name to nothing ("The Company" -> "company")
            if words[0] in self.articles:
                del words[0]
            while len(words) > 1 and words[-1] in self.suffixes:
                words.pop()
        return " ".join(words)

    def is_shared(self, domain: str) -> bool:
        """True for mail or hosting domains that name no single company."""
        return any(d in self.shared_domains for d in parent_domains(domain))


def _fold(text: str) -> str:
    """Accents off and case folded: "Société" -> "societe"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _unicode_words(text: str, affixes: tuple[str, ...] = ()) -> list[str]:
    folded = _fold(text).strip()
    for affix in affixes:
        if folded != affix:
            folded = folded.removeprefix(affix).removesuffix(affix)
    for char in _DELETE:
        folded = folded.replace(char, "")
    folded = folded.replace("&", " and ").replace("+", " plus ")
    return _NON_WORD.sub(" ", folded).split()


@cache
def default_normalizer() -> Normalizer:
    return Normalizer()


def normalize_name(name: str) -> str:
    """The comparison key of ``name`` with the built-in word lists.

    >>> normalize_name("The Globex Corporation, Inc.")
    'globex'
    """
    return default_normalizer().name(name)


def normalize_domain(text: str) -> str | None:
    """The host named by a bare domain, a URL or an e-mail address, or None.

    ``www.`` is dropped and the result lower-cased: ``https://WWW.Globex.com/x``,
    ``jane@globex.com`` and ``globex.com.`` all give ``globex.com``.
    """
    host = text.strip().lower()
    if _DOMAIN.fullmatch(host):
        return bare_host(host)
    if "/" in host or ":" in host:
        host = _host_of_url(host)
    if "@" in host:
        host = host.rpartition("@")[2]
    host = host.strip().rstrip(".")
    if not host.isascii():
        host = _to_ascii(host)
    return bare_host(host) if host and _DOMAIN.fullmatch(host) else None


def plain_domain(text: str) -> str | None:
    """``text`` as a domain if it is nothing but one (the common, fast case)."""
    host = text.strip().lower()
    return bare_host(host) if _DOMAIN.fullmatch(host) else None


def _host_of_url(text: str) -> str:
    rest = text.split("//", 1)[1] if "//" in text else text.removeprefix("mailto:")
    host = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = host.rpartition("@")[2] if "@" in host and not text.startswith("mailto:") else host
    return host.split(":", 1)[0] if host.count(":") == 1 else host


def _to_ascii(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return ""


def parent_domains(domain: str) -> Iterator[str]:
    """``domain`` and each parent down to two labels (``a.b.c.com`` ... ``c.com``)."""
    labels = domain.split(".")
    for start in range(max(len(labels) - 1, 1)):
        yield ".".join(labels[start:])
