"""Limits on the shape of a file of answers (issue 12): header columns and characters per cell,
for CSV, Excel and SPSS; one Dutch message naming file, row, column and the limit; a huge cell is
never echoed whole nor published. Small limits are passed in; the real ones (Excel's) are checked
through the CLI with inputs just past them; and a title line without delimiters above the header.
Fictional data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pyreadstat
from openpyxl import Workbook
from typer.testing import CliRunner

from bejegening.cli import app
from bejegening.io._readers import read_responses
from bejegening.io._readers._limits import MAX_CELL_CHARS, MAX_COLUMNS, ReadLimits
from bejegening.model import ResponsesSpec, SurveyFile
from tests.fixtures.answers import SURVEY, write_survey

runner = CliRunner()

HEADER = ["respondent", "q1", "q2", "q3", "q4", "q5"]
ROWS = [
    ["r1", "Tevreden", "Ja, altijd", "Telefoon", "2", "Prima"],
    ["r2", "Neutraal", "Nee", "Telefoon", "3", ""],
    ["r3", "Weet niet", "Meestal wel", "", "", "Sneller graag"],
]
QUESTIONS = SurveyFile.model_validate(SURVEY).questions


def _csv(tmp_path: Path, header: list[str], rows: list[list[str]], **responses: Any) -> Path:
    folder = tmp_path / "enquete"
    folder.mkdir(parents=True, exist_ok=True)
    lines = [";".join(header), *(";".join(r) for r in rows)]
    (folder / "antwoorden.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_survey(folder, {"file": "antwoorden.csv", **responses})
    return folder


def _read(folder: Path, limits: ReadLimits, name: str = "antwoorden.csv", **spec: Any) -> Any:
    return read_responses(folder, ResponsesSpec(file=name, **spec), QUESTIONS, limits=limits)


# --- columns in the header ------------------------------------------------------------------


def test_csv_header_wider_than_the_limit_is_one_message_naming_row_column_and_limit(tmp_path: Path) -> None:
    folder = _csv(tmp_path, [*HEADER, "extra", "nog een"], ROWS)
    data = _read(folder, ReadLimits(columns=7))
    (problem,) = data.problems
    assert problem.file.endswith("antwoorden.csv")
    assert problem.row == 1
    assert problem.field == "nog een"
    assert problem.message.startswith(
        "de kopregel heeft 8 kolommen; hoogstens 7 (zoveel als een Excel-werkblad kan hebben), dus "
        "kolom 8 en verder zijn te veel"
    )
    assert (data.input_rows, data.counted) == (0, 0)
    assert not data.valid


def test_csv_header_below_title_rows_is_named_by_its_own_row(tmp_path: Path) -> None:
    folder = tmp_path / "enquete"
    folder.mkdir()
    lines = [
        "Enquête 2026 (fictief);;;;;;;",
        ";;;;;;;",
        ";".join([*HEADER, "x", "y"]),
        *(";".join([*r, "", ""]) for r in ROWS),
    ]
    (folder / "antwoorden.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (problem,) = _read(folder, ReadLimits(columns=6)).problems
    assert problem.row == 3
    assert problem.field == "x"
    assert "heeft 8 kolommen; hoogstens 6" in problem.message


def test_xlsx_sheet_wider_than_the_limit(tmp_path: Path) -> None:
    folder = tmp_path / "enquete"
    folder.mkdir()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([*HEADER, "extra"])
    for row in ROWS:
        sheet.append([*row, ""])
    book.save(folder / "antwoorden.xlsx")
    (problem,) = _read(folder, ReadLimits(columns=6), "antwoorden.xlsx").problems
    assert problem.file.endswith("antwoorden.xlsx")
    assert (problem.row, problem.field) == (1, "extra")
    assert "de kopregel heeft 7 kolommen; hoogstens 6" in problem.message


def test_sav_with_more_variables_than_the_limit_is_refused_from_its_dictionary(tmp_path: Path) -> None:
    folder = tmp_path / "enquete"
    folder.mkdir()
    frame = pl.DataFrame({"respondent": ["r1"], "q1": [1.0], "q2": [1.0], "extra": [2.0]}).to_pandas()
    pyreadstat.write_sav(frame, str(folder / "antwoorden.sav"))
    (problem,) = _read(folder, ReadLimits(columns=3), "antwoorden.sav").problems
    assert problem.row is None  # SPSS variables are no row
    assert problem.field == "extra"
    assert "de kopregel heeft 4 kolommen; hoogstens 3" in problem.message


def test_header_cell_longer_than_the_limit_is_refused_and_cut_in_the_message(tmp_path: Path) -> None:
    long_name = "Wat kan er beter?" * 17 + "!" * 11
    folder = _csv(tmp_path, [*HEADER, long_name], [[*r, ""] for r in ROWS])
    (problem,) = _read(folder, ReadLimits(cell_chars=100)).problems
    assert (problem.row, problem.field) == (1, "kolom 7")
    assert problem.message.startswith("kolomnaam is 300 tekens lang; hoogstens 100 tekens per cel")
    assert "(300 tekens)" in problem.format()
    assert long_name not in problem.format()


# --- characters in one cell -----------------------------------------------------------------


def test_long_cell_is_an_error_naming_row_column_and_limit_and_is_cut(tmp_path: Path) -> None:
    secret = "Mijn verhaal " + "x" * 200
    rows = [ROWS[0], [*ROWS[1][:5], secret], ROWS[2]]
    folder = _csv(tmp_path, HEADER, rows)
    data = _read(folder, ReadLimits(cell_chars=50))
    (problem,) = data.errors
    assert problem.file.endswith("antwoorden.csv")
    assert (problem.row, problem.field) == (3, "q5")
    assert problem.message.startswith("cel is langer dan 50 tekens (zoveel als Excel in een cel toelaat)")
    shown = problem.format()
    assert secret not in shown
    assert "(213 tekens)" in shown
    assert not data.valid


def test_long_cell_rejects_its_row_and_is_not_in_the_answers(tmp_path: Path) -> None:
    secret = "y" * 80
    rows = [ROWS[0], [ROWS[1][0], secret, *ROWS[1][2:]], ROWS[2]]
    folder = _csv(tmp_path, HEADER, rows, invalid_rows="reject")
    data = _read(folder, ReadLimits(cell_chars=50), invalid_rows="reject")
    assert (data.input_rows, data.counted, data.rejected["row"].to_list()) == (3, 2, [3])
    reason = data.rejected["reason"][0]
    assert reason.startswith("kolom 'q1' = '")
    assert "cel is langer dan 50 tekens" in reason
    assert secret not in reason
    # one message for the cell, not also "onbekend antwoord" for its text
    assert [p.field for p in data.problems] == ["q1"]
    frame = data.frame().collect()
    assert frame["respondent"].to_list() == ["r1", "r3"]
    assert secret not in frame.write_csv()


def test_cells_up_to_the_limit_pass(tmp_path: Path) -> None:
    rows = [ROWS[0], [*ROWS[1][:5], "z" * 50], ROWS[2]]
    data = _read(_csv(tmp_path, HEADER, rows), ReadLimits(cell_chars=50))
    assert data.valid, data.problems
    assert data.counted == 3


def test_long_cell_in_an_unused_column_is_not_read(tmp_path: Path) -> None:
    rows = [[*r, "w" * 100] for r in ROWS]
    data = _read(
        _csv(tmp_path, [*HEADER, "notitie"], rows), ReadLimits(cell_chars=50), ignore_columns=["notitie"]
    )
    assert data.valid, data.problems


# --- the real limits, through the CLI -------------------------------------------------------


def test_cli_csv_past_excels_column_limit_gives_one_short_message(tmp_path: Path) -> None:
    extra = MAX_COLUMNS + 10 - len(HEADER)
    header = [*HEADER, *(f"x{i}" for i in range(extra))]
    folder = _csv(tmp_path, header, [[*r, *([""] * extra)] for r in ROWS])
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "de kopregel heeft 16.394 kolommen; hoogstens 16.384" in result.output
    assert len(result.output) < 1000


def test_cli_cell_past_excels_limit_is_named_and_never_echoed(tmp_path: Path) -> None:
    long_cell = "Geheim " * (MAX_CELL_CHARS // 7 + 10)
    rows = [ROWS[0], [*ROWS[1][:5], long_cell], ROWS[2]]
    folder = _csv(tmp_path, HEADER, rows)
    result = runner.invoke(app, ["validate", str(folder), "--format", "json"])
    assert result.exit_code == 1
    assert "cel is langer dan 32.767 tekens" in result.output
    assert f"({len(long_cell):,} tekens)".replace(",", ".") in result.output
    assert len(result.output) < 2000


def test_csv_title_line_without_delimiters_above_the_header(tmp_path: Path) -> None:
    """A title line with no delimiter at all ("Enquête 2026") does not decide the delimiter."""
    folder = tmp_path / "enquete"
    folder.mkdir()
    lines = ["Enquête 2026 (fictief)", "", ";".join(HEADER), *(";".join(r) for r in ROWS)]
    (folder / "antwoorden.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = _read(folder, ReadLimits())
    assert data.valid, data.problems
    assert (data.input_rows, data.counted) == (3, 3)
    assert data.frame().collect()["respondent"].to_list() == ["r1", "r2", "r3"]


def test_init_from_an_export_with_a_cell_past_the_limit_writes_nothing(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    long_cell = "Lang verhaal " * 3000
    export.write_text("respondent;Wat kan beter?\nr1;Sneller\nr2;" + long_cell + "\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path / "nieuw"), "--from", str(export)])
    assert result.exit_code == 1
    assert "rij 3" in result.output
    assert "Wat kan beter?" in result.output
    assert "cel is langer dan 32.767 tekens" in result.output
    assert len(result.output) < 1500
    assert not (tmp_path / "nieuw").exists()
