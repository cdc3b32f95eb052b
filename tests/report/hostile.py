"""A copy of the demo with injection payloads planted where a hostile site or CSV can put them.

Alt texts, link targets, a file name and an account name carry HTML, a
``javascript:`` URL, workflow commands, terminal escapes, NUL and a
spreadsheet formula. Every format must print them inert.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures" / "demo"
AS_OF = "2026-06-01"

#: A marker each payload carries, so a test can find where it went.
SCRIPT = "<script>document.title='PWNED'</script>"
ONERROR = "<img src=x onerror=\"document.title='PWNED'\">"
ESCAPES = "\x1bc\x1b#8\x07\x1b[31mRED\x1b[0m\x00"
WORKFLOW = "\n::set-output name=x::PWNED\n::error title=FAKE::FAKE"
FORMULA = '=HYPERLINK("http://127.0.0.1/","x")'
EVIL_FILE = "a\n::error title=x::FAKE.html"

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Customers</title></head>
<body><main>
<section class="customers"><h2>Trusted by industry leaders</h2>
<a href="javascript:document.title='PWNED'"><img src="{image}" alt="{onerror}"></a>
<img src="{image}?2" alt="Vandelay{escapes}">
<img src="{image}?3" alt="{script}{workflow}">
<img src="{image}?4" alt="{formula}">
</section>
</main></body></html>
"""


def hostile_site(folder: Path) -> tuple[Path, Path]:
    """A demo copy with a hostile page, a hostile file name and a hostile account."""
    shutil.copytree(DEMO, folder, dirs_exist_ok=True)
    site = folder / "site"
    page = PAGE.format(
        image="/_next/static/media/client-logo-3.a1b2c3.png",
        onerror=_attr(ONERROR),
        escapes=_attr(ESCAPES.replace("\x00", "")),
        script=_attr(SCRIPT),
        workflow=_attr(WORKFLOW),
        formula=_attr(FORMULA),
    )
    (site / "customers" / "hostile").mkdir()
    (site / "customers" / "hostile" / "index.html").write_text(page, encoding="utf-8")
    (site / EVIL_FILE).write_text(page.replace("hostile", "evil"), encoding="utf-8")
    contracts = folder / "contracts.csv"
    rows = (DEMO / "contracts.csv").read_text(encoding="utf-8")
    evil = '"Evil\x1b[31m\x07 Corp\n::error::FAKE",,,Enterprise,active,2020-01-01,2099-12-31\n'
    contracts.write_text(rows + _pad(rows, evil), encoding="utf-8")
    return site, contracts


def _attr(text: str) -> str:
    """A payload as an HTML attribute value: the parser gives back exactly ``text``."""
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _pad(rows: str, row: str) -> str:
    """``row`` with empty cells for the demo CSV's other columns."""
    columns = rows.splitlines()[0].count(",") + 1
    cells = row.rstrip("\n").count(",") + 1
    return row.rstrip("\n") + "," * (columns - cells) + "\n"
