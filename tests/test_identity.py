"""Element identity: one digest per logo and claim, the same in every process."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys

from logocheck.extract import ExtractContext
from logocheck.model import Claim, Location, Logo, Signal

LOGO = Logo(
    Location(url="/a/", selector="footer > ul > li > img", section="Trusted by"),
    "/logos/globex.svg",
    (Signal("alt", "Globex"),),
)
CLAIM = Claim(
    Location(url="/a/", selector="main > p", section=""),
    "named-user",
    "Globex and Initech run on Fluxboard.",
    ("Globex", "Initech"),
)


def test_the_same_logo_on_another_page_has_the_same_key() -> None:
    elsewhere = dataclasses.replace(LOGO, location=dataclasses.replace(LOGO.location, url="/b/"))
    assert elsewhere.key == LOGO.key
    moved = dataclasses.replace(LOGO, location=dataclasses.replace(LOGO.location, selector="main"))
    assert moved.key != LOGO.key
    assert dataclasses.replace(LOGO, src="/logos/hooli.svg").key != LOGO.key


def test_a_claim_has_one_key_per_brand_and_a_count_has_one_without() -> None:
    assert [brand for _, brand in CLAIM.keys] == ["Globex", "Initech"]
    assert len({key for key, _ in CLAIM.keys}) == 2
    count = Claim(CLAIM.location, "count", "10,000+ customers", count=10_000, noun="customers")
    assert [brand for _, brand in count.keys] == [None]


def test_keys_are_the_same_in_another_process_with_another_hash_seed() -> None:
    code = (
        "from tests.test_identity import LOGO, CLAIM; print(LOGO.key, *[k for k, _ in CLAIM.keys])"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.stdout.split() == [LOGO.key, *[key for key, _ in CLAIM.keys]], out.stderr


def test_the_extraction_context_holds_nothing_that_changes() -> None:
    """What pages teach a process lives in ExtractMemory, never in the context."""
    for field in dataclasses.fields(ExtractContext):
        assert not re.match(r"(dict|list|set|bytearray)\b", str(field.type)), field.name
    assert ExtractContext.__dataclass_params__.frozen  # type: ignore[attr-defined]
