"""Fuzz test (hypothesis) over answers files and survey.yaml (issue 12): never a traceback, exit
0/1/2, and every data row of the answers file counted, rejected or reported empty.

About three hundred generated inputs run in-process through the CLI (typer's CliRunner), on a
small fictional survey (tests/fixtures/answers.py) so each costs one validate (and, when valid, one
stats) of a few milliseconds of YAML and a few rows:

- answers files as CSV (written with proper quoting, or raw with stray quotes and delimiters),
  three delimiters, four encodings, three kinds of line ends, or as xlsx; cells from labels,
  junk (formula starts, markup, NUL, huge numbers) and random text; both ``invalid_rows`` modes.
  For a properly written file the expected number of rows is computed here from what was
  written (the records up to the last one with content), not taken from the reader;
- survey.yaml edited by inserting YAML syntax, deleting or repeating a line, or replacing a value;
  when ``validate`` calls it valid, ``stats`` must work too.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from typer.testing import CliRunner

from bejegening.cli import app
from bejegening.io._readers import read_responses
from bejegening.model import ResponsesSpec, SurveyFile
from tests.fixtures.answers import SURVEY, write_survey

runner = CliRunner()
QUESTIONS = SurveyFile.model_validate(SURVEY).questions

HEADER = ["respondent", "q1", "q2", "q3", "q4", "q5"]
LABELS = [
    "Zeer tevreden",
    "Tevreden",
    "Neutraal",
    "Weet niet",
    "Ja, altijd",
    "Nee",
    "Telefoon",
    "3,5",
    "r1",
    "",
]
JUNK = [
    "=1+1",
    "[/bold]",
    "\x00",
    "é",
    '"',
    ";",
    ",",
    "999999999999999999999",
    "inf",
    "NaN",
    " NEE ",
    "\t",
    "  ",
]
ANSWERS_EXAMPLES = 200
YAML_EXAMPLES = 100

cells = st.one_of(st.sampled_from(LABELS), st.sampled_from(JUNK), st.text(max_size=6))


def _no_traceback(result: Any) -> None:
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 2), result.output
    exception = result.exception
    assert exception is None or isinstance(exception, SystemExit), repr(exception)


def _filled(cells_of_row: list[str], delimiter: str | None) -> bool:
    """Whether the reader must see content in the row: a character above a space that is not
    CSV syntax (control characters, quotes and delimiters alone make an empty row). ``delimiter``
    None: a spreadsheet, where a quote or a semicolon in a cell is content."""
    syntax = ('"', delimiter) if delimiter is not None else ()
    return any(ord(ch) > 0x20 and ch not in syntax for cell in cells_of_row for ch in cell)


def _clean(cell: str, fmt: str) -> str:
    cell = cell.replace("\r", " ").replace("\n", " ")
    if fmt == "xlsx":  # characters an xlsx cell cannot hold
        cell = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "", cell)
    return cell


def _write(folder: Path, fmt: str, rows: list[list[str]], delimiter: str, encoding: str, newline: str) -> str:
    if fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        for row in [HEADER, *rows]:
            sheet.append([cell or None for cell in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    # text, as Excel stores '=1+1 typed with a quote (openpyxl would write a
                    # formula without a computed value, which a reader sees as empty)
                    cell.data_type = "s"
        book.save(folder / "antwoorden.xlsx")
        return "antwoorden.xlsx"
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows([HEADER, *rows])
        text = buffer.getvalue()
    else:  # raw: cells joined as they are, stray quotes and delimiters included
        text = newline.join(delimiter.join(row) for row in [HEADER, *rows]) + newline
    data = text.encode(encoding, errors="replace") if encoding != "utf-16" else text.encode("utf-16")
    (folder / "antwoorden.csv").write_bytes(data)
    return "antwoorden.csv"


@settings(
    max_examples=ANSWERS_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    fmt=st.sampled_from(["csv", "csv", "csv", "raw", "xlsx"]),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    rows=st.lists(st.lists(cells, min_size=0, max_size=8), min_size=0, max_size=12),
    blank_tail=st.integers(0, 2),
    invalid_rows=st.sampled_from(["error", "reject"]),
)
# Found by this test: in a spreadsheet a cell holding only a quote is content (the row counts).
@example(
    fmt="xlsx",
    delimiter=";",
    encoding="utf-8",
    newline="\n",
    rows=[['"']],
    blank_tail=0,
    invalid_rows="error",
)
def test_answers_files_every_row_counted_rejected_or_empty(
    tmp_path: Path,
    fmt: str,
    delimiter: str,
    encoding: str,
    newline: str,
    rows: list[list[str]],
    blank_tail: int,
    invalid_rows: str,
) -> None:
    folder = tmp_path / "enquete"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    rows = [[_clean(c, fmt) for c in row] for row in rows] + [[]] * blank_tail
    name = _write(folder, fmt, rows, delimiter, encoding, newline)
    write_survey(folder, {"file": name, "invalid_rows": invalid_rows})
    result = runner.invoke(app, ["validate", str(folder), "--format", "json"])
    _no_traceback(result)
    json.loads(result.stdout)
    # The account of the rows, from the reader itself (the CLI shows it only for a valid survey).
    data = read_responses(folder, ResponsesSpec(file=name, invalid_rows=invalid_rows), QUESTIONS)
    if data.input_rows == 0 and any(p.row is None for p in data.errors):
        event("file refused as a whole")
        assert result.exit_code == 1
        return  # the file as a whole was refused (one message says why)
    assert data.counted >= 0
    assert data.counted + data.rejected.height + len(data.empty_rows) == data.input_rows
    assert set(data.rejected["row"].to_list()).isdisjoint(data.empty_rows)
    if data.errors:
        assert result.exit_code == 1
    if fmt == "raw":
        event("raw: rows bounded")
        assert data.input_rows <= len(rows)
        return
    filled = [i for i, row in enumerate(rows) if _filled(row, delimiter if fmt != "xlsx" else None)]
    expected = filled[-1] + 1 if filled else 0
    if fmt != "xlsx" and encoding == "cp1252":
        event("cp1252: rows accounted")
        return  # '?' for unencodable characters: the count is only bounded
    event(f"{fmt}: rows as written")
    assert data.input_rows == expected, (rows, data.problems)


# --- survey.yaml ------------------------------------------------------------------------------

yaml_noise = st.sampled_from(
    [
        "\t",
        ": ",
        "? ",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "!!python/object ",
        "'",
        '"',
        "- ",
        "\n",
        "yes",
        "9" * 40,
    ]
)
values = st.sampled_from(
    ["", "null", "-1", "0", "1", "1e999", ".nan", "'[/red]'", "=HYPERLINK(1)", "[]", "{}", "x" * 300]
)
edits = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 10_000), yaml_noise),
    st.tuples(st.just("delete"), st.integers(0, 10_000), st.just("")),
    st.tuples(st.just("repeat"), st.integers(0, 10_000), st.just("")),
    st.tuples(st.just("value"), st.integers(0, 10_000), values),
)


def _edit(text: str, kind: str, position: int, noise: str) -> str:
    if kind == "insert":
        at = position % (len(text) + 1)
        return text[:at] + noise + text[at:]
    lines = text.split("\n")
    index = position % len(lines)
    if kind == "delete":
        del lines[index]
    elif kind == "repeat":
        lines.insert(index, lines[index])
    elif ": " in lines[index]:
        key = lines[index].split(": ", 1)[0]
        lines[index] = f"{key}: {noise}"
    return "\n".join(lines)


@pytest.fixture(scope="module")
def small_survey() -> str:
    data = {**SURVEY, "responses": {"file": "antwoorden.csv"}}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@settings(
    max_examples=YAML_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=st.lists(edits, min_size=1, max_size=3))
def test_survey_yaml_never_a_traceback_and_valid_means_stats_works(
    small_survey: str, tmp_path: Path, changes: list[tuple[str, int, str]]
) -> None:
    folder = tmp_path / "y"
    folder.mkdir(exist_ok=True)
    lines = [
        ";".join(HEADER),
        "r1;Tevreden;Nee;Telefoon;2;Prima",
        "r2;Neutraal;Ja, altijd;;3,5;",
        "r3;Weet niet;Nee;;;",
    ]
    (folder / "antwoorden.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = small_survey
    for kind, position, noise in changes:
        text = _edit(text, kind, position, noise)
    (folder / "survey.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(folder)])
    _no_traceback(result)
    event(f"validate exit {result.exit_code}")
    if result.exit_code == 0:
        stats = runner.invoke(app, ["stats", str(folder)])
        _no_traceback(stats)
        assert stats.exit_code == 0, (text, stats.output)
