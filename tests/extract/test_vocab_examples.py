"""Every ``[[examples]]`` of the extraction vocabularies is a test."""

from __future__ import annotations

import html
from typing import Any

import pytest

from logocheck.config import Settings
from logocheck.extract import ExtractContext, ExtractMemory, extract
from logocheck.extract.literals import Literals
from logocheck.model import Page
from logocheck.recent import Recent
from logocheck.vocab import vocab_examples

CONTEXT = ExtractContext.build([], Settings())
#: Claim automata per product name, shared across examples as a scan shares them.
AUTOMATA: Recent[frozenset[str], Literals] = Recent(16)


def _verdict(example: dict[str, Any]) -> str:
    sections = CONTEXT.sections
    if "heading" in example:
        products = frozenset(example.get("products", ()))
        return sections.heading(example["heading"], products) or "none"
    if "classes" in example:
        found = sections.tokens(example["classes"])
        return found[0] if found else "none"
    if "path" in example:
        return "customer" if sections.customer_page(example["path"], "") else "none"
    hint = example["hint"].lower()
    hard = CONTEXT.not_logo.search(hint) is not None
    soft = CONTEXT.soft_hints.search(hint) is not None and "logo" not in hint
    return "not" if hard or soft else "none"


@pytest.mark.parametrize("example", vocab_examples("sections"), ids=repr)
def test_sections_example(example: dict[str, Any]) -> None:
    assert _verdict(example) == example["expect"]


def _page(text: str, product: str) -> Page:
    body = (
        f"<!doctype html><html><head><title>Home | {product}</title></head>"
        f"<body><main><p>{html.escape(text)}</p></main></body></html>"
    )
    return Page(url="/", body=body.encode("utf-8"))


@pytest.mark.parametrize("example", vocab_examples("claims"), ids=repr)
def test_claims_example(example: dict[str, Any]) -> None:
    found = extract(
        _page(example["text"], example.get("product", "Acme")),
        CONTEXT,
        ExtractMemory(automata=AUTOMATA),
    )
    claims = [(c.kind, c.brands, c.count, c.noun) for c in found.claims]
    if example["kind"] == "none":
        assert claims == []
        return
    expected = (
        example["kind"],
        tuple(example.get("brands", ())),
        example.get("count"),
        example.get("noun"),
    )
    assert expected in claims, claims
