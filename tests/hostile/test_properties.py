"""Property-based tests: arbitrary input never raises anything but logocheck's own errors.

hypothesis draws the inputs: bytes for the contracts loader and the
extractor, text for URL canonicalisation, strings with every control
character for the reporters. Each example is bounded (no deadline
flakiness on a loaded machine, a cap on examples to keep the suite fast).
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from logocheck.config import Settings
from logocheck.contracts.load import load_contracts
from logocheck.errors import LogocheckError
from logocheck.extract import ExtractContext, Extraction, ExtractMemory, extract
from logocheck.extract.literals import Literals
from logocheck.model import Finding, Location, Page, Report, Summary
from logocheck.recent import Recent
from logocheck.report import render
from logocheck.urls import canonical

pytestmark = pytest.mark.timeout(120)

BOUNDED = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CSV_HEADER = b"account,plan,status,arr,start_date,end_date,publicity\n"

#: Bytes that look like a contracts export often enough to reach the row
#: reader, and raw bytes that mostly do not.
csv_bytes = st.one_of(
    st.binary(max_size=600),
    st.builds(lambda rows: CSV_HEADER + rows, st.binary(max_size=400)),
    st.lists(
        st.lists(st.text(max_size=12), min_size=1, max_size=7).map(lambda cells: ",".join(cells)),
        max_size=8,
    ).map(lambda rows: (CSV_HEADER.decode() + "\n".join(rows)).encode("utf-8", "surrogatepass")),
)


@settings(BOUNDED, max_examples=30)  # each example writes and loads a file
@given(csv_bytes)
def test_the_contracts_loader_raises_only_its_own_errors(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contracts.csv"
        path.write_bytes(data)
        try:
            contracts = load_contracts(path, as_of=date(2026, 1, 1))
        except LogocheckError as error:
            assert "\n" not in str(error).strip()  # one line
            return
    assert contracts.rows >= len(contracts.accounts) or not contracts.accounts


urls = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda scheme, host, path: f"{scheme}://{host}/{path}",
        st.sampled_from(["http", "https", "HTTP", "ftp", "javascript", ""]),
        st.text(max_size=20),
        st.text(max_size=30),
    ),
)


@BOUNDED
@given(urls, st.one_of(st.none(), st.just("https://globex.example/a/b?x=1")))
def test_canonical_urls_are_web_urls_and_stable(url: str, base: str | None) -> None:
    result = canonical(url, base)
    if result is None:
        return
    assert result.split(":", 1)[0] in ("http", "https")
    assert canonical(result) == result


_CONTEXT: list[ExtractContext] = []
#: Claim automata per product name, shared across examples as a scan shares them.
AUTOMATA: Recent[frozenset[str], Literals] = Recent(16)


def context() -> ExtractContext:
    if not _CONTEXT:
        _CONTEXT.append(ExtractContext.build(["Globex", "Hooli", "Initech"], Settings()))
    return _CONTEXT[0]


markup = st.one_of(
    st.binary(max_size=800),
    st.lists(
        st.sampled_from(
            [
                "<section class=customers>",
                "<h2>Trusted by</h2>",
                '<img src="/l.png" alt="Globex">',
                "<svg><g>",
                "</g></svg>",
                "<div>",
                "</div>",
                "<template>",
                "<!--",
                "-->",
                "<script>",
                "\x00",
                "&#0;",
                "\ud800",
                "Hooli uses it",
                "<table><tr><td>",
                "<meta charset=utf-16>",
            ]
        ),
        max_size=40,
    ).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
)


@BOUNDED
@given(markup, st.sampled_from([None, "utf-8", "utf-16", "latin-1", "x-unknown"]))
def test_the_extractor_never_raises(body: bytes, encoding: str | None) -> None:
    found = extract(
        Page(url="/p", body=body, encoding=encoding), context(), ExtractMemory(automata=AUTOMATA)
    )
    assert isinstance(found, Extraction)


hostile_text = st.text(
    alphabet=st.characters(codec="utf-8", categories=None, exclude_characters="\ud800"),
    max_size=40,
)


@BOUNDED
@given(hostile_text, hostile_text, hostile_text)
def test_json_output_always_parses(message: str, file: str, brand: str) -> None:
    where = Location(url=f"/{file}", file=file, line=1, column=1, selector=brand)
    finding = Finding("LC005", "error", message, where, "logo", brand, None, None)
    report = Report((finding,), (), Summary(pages=1, logos=1, claims=0), target=file)
    data = json.loads(render(report, "json"))
    assert data["findings"][0]["message"] == message
    assert data["findings"][0]["file"] == file


@BOUNDED
@given(hostile_text, hostile_text)
def test_text_output_renders_every_string(message: str, file: str) -> None:
    where = Location(url="/", file=file, line=1, column=1)
    report = Report((Finding("LC005", "error", message, where),), (), Summary(pages=1), target=file)
    assert isinstance(render(report, "text"), str)
