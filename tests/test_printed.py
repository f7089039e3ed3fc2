"""How a figure was printed travels with it: "20,8 %" is shown as 20,8% everywhere.

The fixture ``tests/fixtures/printed`` (fictional) prints "16 personen (20,8 %)" and
"40 personen (51,9 %)"; by hand, 16/77 = 20,78% and 40/77 = 51,95% round to those figures and no
other n up to 100 fits both, so the base is 77.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from bejegening.checks import check_survey
from bejegening.io import load
from bejegening.model import Finding, SourceRef
from bejegening.render import SiteInput, render_pages, single_choice_chart
from bejegening.render._chart_single import single_rows
from bejegening.report import build_report

FIXTURE = Path(__file__).parent / "fixtures" / "printed"


def test_finding_keeps_its_printed_decimals() -> None:
    bundle = load(FIXTURE)
    assert [f.percentage_decimals for f in bundle.findings] == [1, 1]
    # Trailing zeros of the cell count when no printed figure shows the value.
    ref = SourceRef(source="rapport")
    assert Finding.model_validate({"id": "a", "percentage": "21.0", "source": ref}).percentage_decimals == 1
    assert Finding.model_validate({"id": "a", "percentage": "21", "source": ref}).percentage_decimals == 0
    # The printed figure wins over the cell: "21,0 %" is printed with one decimal.
    printed = {"id": "a", "percentage": 21, "figure": "21,0 %", "source": ref}
    assert Finding.model_validate(printed).percentage_decimals == 1
    assert Finding.model_validate({"id": "a", "count": 3, "source": ref}).percentage_decimals is None


def test_check_table_page_table_and_chart_show_twenty_point_eight() -> None:
    bundle = load(FIXTURE)
    checks = check_survey(bundle)
    row = checks.filter(pl.col("finding") == "q7-goed", pl.col("rule") == "count_percentage").row(
        0, named=True
    )
    assert row["status"] == "consistent"
    assert row["decimals"] == 1
    assert "afgerond 20,8%" in row["explanation"]

    report = build_report(bundle)
    assert report.bases["q7"].n == 77
    freq = report.frequencies
    goed = freq.filter(pl.col("option") == "goed").row(0, named=True)
    assert goed["pct_published_decimals"] == 1

    pages, _, _ = render_pages(SiteInput(reports=(report,), fingerprint="0" * 64, version="test"))
    page = next(p for p in pages if p.path.endswith("vragen/q7.md")).markdown
    table = page[page.index("<table") :]
    table = table[: table.index("</table>")]
    goed_row = next(line for line in table.splitlines() if ">Goed<" in line)
    assert ">20,8%<" in goed_row
    assert "Vraag 7" in page and "Advies 3" in page

    chart_rows = single_rows(freq.filter(pl.col("question") == "q7"))
    text = chart_rows.frame.filter(pl.col("option") == "goed").get_column("text").item()
    assert text.startswith("20,8% ")
    assert "20,8%" in str(single_choice_chart(freq.filter(pl.col("question") == "q7")).to_dict())
