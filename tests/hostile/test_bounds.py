"""CPU bounds on hostile markup: linear column lookup, crowded tags, a per-page deadline."""

from __future__ import annotations

import sys
import time

import pytest

from logocheck import parallel
from logocheck.config import Settings
from logocheck.extract import ExtractContext
from logocheck.extract.document import parse
from logocheck.htmlparse import crowded
from logocheck.model import Page

pytestmark = pytest.mark.timeout(60)


def test_columns_of_10k_images_on_one_line_take_linear_time() -> None:
    images = [f'<img src="/l/{i}.png" alt="B{i}">' for i in range(10_000)]
    body = ("<html><body>" + "".join(images) + "</body></html>").encode()
    doc = parse(Page(url="/", body=body))
    began = time.process_time()
    columns = [doc.column(element) for element in doc.root.iter("img")]
    took = time.process_time() - began
    expected, at = [], len("<html><body>") + 1
    for image in images:
        expected.append(at)
        at += len(image)
    assert columns == expected
    assert took < 2.0  # the quadratic lookup took about a minute


def test_a_crowded_tag_is_found_in_one_pass() -> None:
    tag = "<div " + " ".join(f"a{i}" for i in range(100_000)) + ">"
    began = time.process_time()
    assert crowded(f"<p>\n{tag}</div>".encode()) == "line 2: a tag with more than 1000 attributes"
    assert time.process_time() - began < 1.0
    data_uri = '<img src="data:image/png;base64,' + "A" * 200_000 + '" alt="x">'
    assert crowded(data_uri.encode()) is None  # long, but few attributes


@pytest.mark.parametrize("before", [0, 1, 2047, 2048, 2049, 3000, 4095, 6143])
def test_a_crowded_tag_is_found_wherever_it_starts(before: int) -> None:
    """The quick pass reads 2 KiB blocks: a 4 KiB tag of 1,400 attributes is
    found whichever block boundary it starts near."""
    filler = ("<b>x</b>" * (before // 8 + 1))[:before]
    tag = "<i " + " ".join("ab" for _ in range(1400)) + ">"
    body = f"{filler}{tag}</i><p>after</p>".encode()
    assert crowded(body) is not None
    fewer = f"{filler}<i {' '.join('abcd' for _ in range(999))}></i>".encode()
    assert crowded(fewer) is None  # as long, but a thousand attributes parse fast


def test_an_extraction_past_its_deadline_is_an_lc906_problem(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "PAGE_SECONDS", 0.001)
    wall = "".join(f'<img src="/l/{i}.png" alt="Brand {i}">' for i in range(3000))
    body = f'<section class="customers"><h2>Trusted by</h2>{wall}</section>'.encode()
    context = ExtractContext.build(["Globex"], Settings())
    [(_, found, _)] = list(parallel.extract_all([Page(url="/slow", body=body)], context, 1))
    [problem] = found.problems
    assert problem.kind == "parse"
    assert problem.detail == "extraction took over 0.001s of CPU; the page was given up"
    assert found.logos == ()


def test_a_deadline_dropped_by_python_fires_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python drops an exception raised inside ``__del__`` (or a gc callback):
    the deadline's first signal lands there, and the page must still end."""

    class Swallower:
        def __del__(self) -> None:
            end = time.process_time() + 0.03
            while time.process_time() < end:  # the first signal is handled here
                pass

    def endless(page: Page, context: object, memory: object) -> None:
        Swallower()
        while True:
            pass

    dropped: list[type[BaseException] | None] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda raised: dropped.append(raised.exc_type))
    monkeypatch.setattr(parallel, "PAGE_SECONDS", 0.001)
    monkeypatch.setattr(parallel, "extract", endless)
    found = parallel.bounded_extract(Page(url="/endless", body=b"<p>x</p>"), None)  # type: ignore[arg-type]
    [problem] = found.problems
    assert "the page was given up" in problem.detail
    assert dropped == [parallel.PageTimeout]  # the first signal was lost, as it can be
