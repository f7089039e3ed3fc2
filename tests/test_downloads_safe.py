"""Downloads are safe to open: no cell starts a spreadsheet formula (OWASP CSV injection), and every
address in datapackage.json passes the pages' filter. Fictional texts."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from bejegening.io import load
from bejegening.report import build_reports
from bejegening.site import write_downloads
from bejegening.site._formulas import FORMULA_PREFIXES, neutralise_formulas

ROOT = Path(__file__).resolve().parent.parent
WPI = ROOT / "data" / "wpi-amsterdam-2017-2018"

_PLAIN_NUMBER = re.compile(r"^[+-]?[0-9]+(?:[.,][0-9]+)*%?$")


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(
        st.one_of(
            st.text(max_size=12),
            st.sampled_from(FORMULA_PREFIXES).flatmap(lambda p: st.text(max_size=8).map(lambda t: p + t)),
        ),
        min_size=1,
        max_size=8,
    ),
    numbers=st.lists(st.integers(-(10**6), 10**6), min_size=1, max_size=8),
)
def test_no_text_cell_starts_a_formula(texts: list[str], numbers: list[int]) -> None:
    frame = pl.DataFrame({"text": texts, "n": [numbers[i % len(numbers)] for i in range(len(texts))]})
    out = neutralise_formulas(frame)
    assert out.schema == frame.schema
    assert out["n"].to_list() == frame["n"].to_list()  # numbers untouched
    for before, after in zip(texts, out["text"].to_list(), strict=True):
        if _PLAIN_NUMBER.match(before):
            assert after == before  # "-5" is a number written as text, no formula
        else:
            assert not after.startswith(FORMULA_PREFIXES)
            assert after in (before, "'" + before)


def test_formula_texts_in_the_data_are_neutralised_in_the_csv(tmp_path: Path) -> None:
    folder = tmp_path / "wpi"
    shutil.copytree(WPI, folder)
    path = folder / "survey.yaml"
    text = path.read_text(encoding="utf-8")
    # A recommendation title and a source address that try to attack.
    assert text.count("      url: null\n") == 1
    text = text.replace("      url: null\n", "      url: 'javascript:alert(1)'\n", 1)
    path.write_text(text, encoding="utf-8")
    findings = folder / "findings.csv"
    rows = findings.read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    cells = next(csv.reader([rows[1]]))
    cells[header.index("figure")] = '=HYPERLINK("http://example.invalid","klik")'
    cells[header.index("quote")] = "@SUM(1+1)"
    rows[1] = ",".join('"' + cell.replace('"', '""') + '"' for cell in cells)
    findings.write_text("\n".join(rows) + "\n", encoding="utf-8")
    bundle = load(folder)
    docs = tmp_path / "docs"
    write_downloads(docs, build_reports([bundle]), licence={"name": "x"}, title="t", version="0")
    written = docs / "downloads" / bundle.id / "bevindingen.csv"
    with written.open(encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    cells_out = [cell for row in table for cell in row]
    assert '\'=HYPERLINK("http://example.invalid","klik")' in cells_out
    assert "'@SUM(1+1)" in cells_out
    assert not [c for c in cells_out if c.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.match(c)]
    package = json.loads((docs / "downloads" / "datapackage.json").read_text(encoding="utf-8"))
    assert "javascript:" not in json.dumps(package)
    assert package["sources"][0] == {"title": bundle.survey.sources[0].title}
