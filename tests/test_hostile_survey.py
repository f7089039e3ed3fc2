"""Hostile and faulty survey.yaml and findings.csv (issue 12, issue 13's YAML typos): bounded, Dutch
messages naming file, line and limit; "geldig" means check and build will work. Fictional data."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bejegening.cli import app
from bejegening.io import scaffold_survey, validate
from bejegening.model import Severity

ROOT = Path(__file__).resolve().parent.parent
TYPOS = Path(__file__).parent / "fixtures" / "cases" / "yaml-typos"
WPI = ROOT / "data" / "wpi-amsterdam-2017-2018"
runner = CliRunner()


def _errors(folder: Path) -> list[str]:
    return [p.format() for p in validate(folder).errors]


def _example(tmp_path: Path, edit: Callable[[str], str] | None = None) -> Path:
    """The ``init`` example in ``tmp_path/voorbeeld``, its survey.yaml text passed through ``edit``."""
    folder = tmp_path / "voorbeeld"
    scaffold_survey(folder)
    if edit is not None:
        _edit(folder, edit)
    return folder


def _edit(folder: Path, edit: Callable[[str], str]) -> None:
    path = folder / "survey.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")


def _typo(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name.removesuffix(".yaml")
    folder.mkdir()
    shutil.copy(TYPOS / name, folder / "survey.yaml")
    return folder


# --- issue 13: the YAML mistakes a secretary makes ---------------------------------------------


def test_tab_is_explained_in_dutch(tmp_path: Path) -> None:
    (problem,) = validate(_typo(tmp_path, "tab.yaml")).errors
    assert problem.file.endswith("survey.yaml")
    assert problem.line == 6
    assert problem.message == (
        "YAML-syntaxfout: er staat een tab waar YAML spaties verwacht; spring in met spaties (geen "
        "tabs), even ver als de regels erboven"
    )


def test_unquoted_colon_gets_the_quoted_line_as_fix(tmp_path: Path) -> None:
    (problem,) = validate(_typo(tmp_path, "colon.yaml")).errors
    assert problem.line == 6
    assert "dubbele punt (:) midden in een tekst zonder aanhalingstekens" in problem.message
    assert problem.message.endswith('Bijvoorbeeld: text: "Let op: bent u tevreden?"')


def test_question_mark_in_a_flow_list_gets_the_quoted_list_as_fix(tmp_path: Path) -> None:
    (problem,) = validate(_typo(tmp_path, "question-mark.yaml")).errors
    assert problem.line == 7
    assert "een lijst tussen [ ] of een blok tussen { } klopt niet" in problem.message
    assert problem.message.endswith('bijvoorbeeld ["wat vindt u?", "x"]')


def test_yes_and_no_labels_are_text_with_a_warning(tmp_path: Path) -> None:
    report = validate(_typo(tmp_path, "yes-no.yaml"))
    # The file lacks other required fields; the labels themselves are no error.
    assert not [p for p in report.errors if "label" in (p.field or "")]
    warnings = [p for p in report.warnings if p.field and p.field.endswith("label")]
    assert [(p.line, p.value) for p in warnings] == [(9, "YES"), (10, "NO")]
    assert warnings[0].message.endswith('Zet het tussen aanhalingstekens: "YES"')


def test_yes_is_still_a_boolean_setting(tmp_path: Path) -> None:
    folder = _example(
        tmp_path, lambda text: text.replace("publish_open_answers: false", "publish_open_answers: yes")
    )
    report = validate(folder)
    assert report.valid, report.problems
    assert report.bundles[0].survey.publish_open_answers is True
    assert not [p for p in report.warnings if p.field == "survey.publish_open_answers"]


def test_true_as_a_label_says_to_quote_it(tmp_path: Path) -> None:
    folder = _example(tmp_path, lambda text: text.replace("{id: ja, label: Ja,", "{id: ja, label: true,", 1))
    (problem,) = validate(folder).errors
    assert problem.field == "questions[1].options[0].label"
    assert (
        problem.message
        == 'verwacht tekst; YAML leest dit als ja/nee-waarde. Zet het tussen aanhalingstekens: "true"'
    )


# --- issue 12: unbounded resources -----------------------------------------------------------


def _survey_yaml(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "s"
    folder.mkdir(exist_ok=True)
    (folder / "survey.yaml").write_text(text, encoding="utf-8")
    return folder


def test_alias_bomb_stops_at_the_limit_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    lines.append("survey: *a9")
    folder = _survey_yaml(tmp_path, "\n".join(lines) + "\n")
    assert (folder / "survey.yaml").stat().st_size < 2000
    start = time.perf_counter()
    (problem,) = validate(folder).errors
    assert time.perf_counter() - start < 20  # without the bound it never finishes
    assert problem.message.startswith(
        "te veel waarden (meer dan 200.000 na het uitschrijven van verwijzingen"
    )
    assert problem.line is not None


def test_deep_nesting_is_a_message(tmp_path: Path) -> None:
    folder = _survey_yaml(tmp_path, "survey: " + "[" * 20_000 + "]" * 20_000 + "\n")
    (problem,) = validate(folder).errors
    assert problem.line == 1
    assert "te diep genest (meer dan 50 niveaus" in problem.message


def test_recursive_alias_is_a_message(tmp_path: Path) -> None:
    folder = _survey_yaml(tmp_path, "survey: &a\n  x: *a\n")
    (problem,) = validate(folder).errors
    assert "te diep genest" in problem.message or "te veel waarden" in problem.message


def test_a_5001_digit_number_is_a_message(tmp_path: Path) -> None:
    folder = _survey_yaml(tmp_path, "survey:\n  id: x\n  respondents: " + "9" * 5001 + "\n")
    (problem,) = validate(folder).errors
    assert problem.line == 3
    assert problem.message.startswith("getal van 5001 tekens is te lang (hoogstens 30)")


def test_a_huge_survey_yaml_is_refused_before_reading(tmp_path: Path) -> None:
    folder = _survey_yaml(tmp_path, "# " + "x" * (6 * 1024 * 1024) + "\n")
    (problem,) = validate(folder).errors
    assert problem.message == "bestand is te groot (6,3 MB; hoogstens 5 MB)"


# --- issue 12: values that passed validate and crashed check and build -------------------------


def _wpi(tmp_path: Path) -> Path:
    folder = tmp_path / "wpi"
    shutil.copytree(WPI, folder)
    return folder


def _set_cell(folder: Path, column: str, value: str) -> None:
    path = folder / "findings.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index(column)] = value
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("count", "99999999999999999999", "moet hoogstens 1.000.000.000 zijn"),
        ("percentage", "inf", "verwacht een gewoon getal (niet oneindig of NaN)"),
        ("percentage", "nan", "verwacht een gewoon getal (niet oneindig of NaN)"),
        ("count", "9" * 5001, "getal is te groot"),
    ],
)
def test_impossible_numbers_are_refused_by_validate(
    tmp_path: Path, column: str, value: str, message: str
) -> None:
    folder = _wpi(tmp_path)
    _set_cell(folder, column, value)
    (problem,) = validate(folder).errors
    assert (problem.row, problem.field, problem.message) == (1, column, message)
    result = runner.invoke(app, ["check", str(folder)])
    assert result.exit_code == 1  # data error: refused before any check runs
    assert "Traceback" not in result.output


def test_small_cell_threshold_one_is_refused_and_four_warned(tmp_path: Path) -> None:
    folder = _example(
        tmp_path, lambda text: text.replace("small_cell_threshold: 5", "small_cell_threshold: 1")
    )
    (problem,) = validate(folder).errors
    assert (problem.field, problem.message) == ("survey.small_cell_threshold", "moet minstens 3 zijn")
    _edit(folder, lambda text: text.replace("small_cell_threshold: 1", "small_cell_threshold: 4"))
    report = validate(folder)
    assert report.valid
    (warning,) = [p for p in report.warnings if p.field == "survey.small_cell_threshold"]
    assert warning.line is not None
    assert "gebruikelijk is 5 (het minimum is 3)" in warning.message


# --- issue 12: silently wrong ----------------------------------------------------------------


def test_explicit_findings_file_that_is_missing_or_a_folder(tmp_path: Path) -> None:
    folder = _example(tmp_path, lambda text: text + "findings_file: findings.csv\n")
    (problem,) = validate(folder).errors
    assert problem.field == "findings_file"
    assert problem.message.startswith("bestand met bevindingen bestaat niet")
    (folder / "findings.csv").mkdir()
    (problem,) = validate(folder).errors
    assert problem.message.startswith("is een map, geen bestand met bevindingen")


def test_default_findings_csv_that_is_a_folder(tmp_path: Path) -> None:
    folder = _example(tmp_path)
    (folder / "findings.csv").mkdir()
    (problem,) = validate(folder).errors
    assert problem.message.startswith("is een map, geen bestand met bevindingen")


def test_theme_id_index_is_reserved(tmp_path: Path) -> None:
    folder = _example(
        tmp_path,
        lambda text: text.replace("id: contact\n", "id: index\n", 1).replace(
            "themes: [contact]", "themes: [index]"
        ),
    )
    (problem,) = validate(folder).errors
    assert problem.field == "themes[1].id"
    assert "gereserveerd voor de overzichtspagina" in problem.message


def test_labels_equal_but_for_case_and_spaces_are_ambiguous(tmp_path: Path) -> None:
    folder = _example(
        tmp_path, lambda text: text.replace("{id: soms, label: Soms,", "{id: soms, label: ' NEE ',", 1)
    )
    # ' NEE ' (option 2) and 'Nee' (option 3): the later one is reported, naming the earlier.
    (problem,) = validate(folder).errors
    assert (problem.field, problem.value) == ("questions[1].options[2].label", "Nee")
    assert problem.line is not None
    assert problem.message.startswith("label is gelijk aan 'NEE' van optie 2 als hoofdletters en spaties")


# --- issue 12: confinement -------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["absolute", "parent", "symlink"])
def test_answers_file_outside_the_survey_folder_is_refused(tmp_path: Path, kind: str) -> None:
    folder = _example(tmp_path)
    secret = tmp_path / "geheim.csv"
    secret.write_text((folder / "antwoorden.csv").read_text(encoding="utf-8"), encoding="utf-8")
    name = {"absolute": str(secret), "parent": "../geheim.csv", "symlink": "link.csv"}[kind]
    if kind == "symlink":
        os.symlink(secret, folder / "link.csv")
    path = folder / "survey.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("file: antwoorden.csv", f"file: '{name}'", 1),
        encoding="utf-8",
    )
    (problem,) = validate(folder).errors
    assert problem.field == "responses.file"
    assert problem.line is not None
    assert problem.message.startswith("bestand ligt buiten de map van de enquête")


def test_password_file_never_reaches_a_page(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "voorbeeld"
    scaffold_survey(folder)
    path = folder / "survey.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("file: antwoorden.csv", "file: /etc/passwd", 1),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["build", str(tmp_path / "data"), "--out", str(tmp_path / "site"), "-q"])
    assert result.exit_code == 1
    assert "bestand ligt buiten de map van de enquête" in result.stderr
    assert not (tmp_path / "site").exists()


def test_findings_and_source_files_outside_are_refused(tmp_path: Path) -> None:
    folder = _wpi(tmp_path)
    path = folder / "survey.yaml"
    text = path.read_text(encoding="utf-8").replace("file: 000_cb20db191704edc0.txt", "file: ../../x.txt", 1)
    path.write_text(text + "findings_file: ../findings.csv\n", encoding="utf-8")
    outside = [p for p in validate(folder).errors if p.message.startswith("bestand ligt buiten de map")]
    assert sorted(p.field or "" for p in outside) == ["findings_file", "survey.sources[0].file"]


# --- issue 12: message volume ----------------------------------------------------------------


def test_a_huge_cell_is_cut_in_the_message(tmp_path: Path) -> None:
    folder = _example(tmp_path)
    csv = folder / "antwoorden.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(";")
    cells[1] = "x" * 5_000_000
    lines[1] = ";".join(cells)
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert len(result.output) < 5_000
    assert "x" * 1000 not in result.output
    assert "…" in result.stderr


def test_many_unused_columns_give_a_summary_line(tmp_path: Path) -> None:
    folder = _example(tmp_path)
    csv = folder / "antwoorden.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    extra = 3000
    lines = [lines[0] + "".join(f";extra{i}" for i in range(extra))] + [
        line + ";" * extra for line in lines[1:]
    ]
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = validate(folder)
    assert report.valid
    warnings = [p for p in report.warnings if p.file.endswith("antwoorden.csv")]
    assert len(warnings) == 201
    assert warnings[-1].message == "en nog 2.800 andere waarschuwingen in dit bestand (niet getoond)"
    assert warnings[-1].severity is Severity.warning


def test_any_long_value_is_cut_in_a_problem() -> None:
    from bejegening.model import Problem  # noqa: PLC0415

    problem = Problem(file="a.csv", row=2, field="q1", value="x" * 50_000_000, message="onbekend antwoord")
    text = problem.format()
    assert len(text) < 400
    assert text.endswith("… (50.000.000 tekens)')")
    assert problem.as_dict()["value"].endswith("… (50.000.000 tekens)")


def test_csv_with_carriage_returns_only_is_read_row_by_row(tmp_path: Path) -> None:
    # Excel for Mac ("CSV (Macintosh)") ends lines with CR alone.
    folder = _example(tmp_path)
    csv = folder / "antwoorden.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    csv.write_bytes("\r".join(lines).encode("utf-8") + b"\r")
    report = validate(folder)
    assert report.valid, [p.format() for p in report.errors]
    data = report.bundles[0].responses_data
    assert data is not None
    assert (data.input_rows, data.counted) == (len(lines) - 1, len(lines) - 1)
    assert len(lines) - 1 >= 60


def test_an_xlsx_that_inflates_to_gigabytes_is_refused_before_reading(tmp_path: Path) -> None:
    import zipfile  # noqa: PLC0415

    folder = _example(tmp_path)
    bomb = folder / "antwoorden.xlsx"
    block = b"<c>0</c>" * (1 << 17)  # 1 MiB
    with (
        zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet,
    ):
        for _ in range(400):
            sheet.write(block)
    assert bomb.stat().st_size < 5 * 1024 * 1024
    path = folder / "survey.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("file: antwoorden.csv", "file: antwoorden.xlsx", 1),
        encoding="utf-8",
    )
    (problem,) = validate(folder).errors
    assert problem.file.endswith("antwoorden.xlsx")
    assert problem.message.startswith("bestand wordt uitgepakt 419 MB groot; hoogstens 315 MB")


@pytest.mark.parametrize("encoding", ["rot13", "base64", "zip", "geen-codering"])
def test_encoding_that_is_not_a_text_encoding_names_the_field(tmp_path: Path, encoding: str) -> None:
    folder = _example(
        tmp_path, lambda text: text.replace("  format: auto", f"  format: auto\n  encoding: {encoding}", 1)
    )
    (problem,) = validate(folder).errors
    assert problem.field == "responses.encoding"
    assert problem.line is not None
    assert "utf-8 of cp1252" in problem.message
    result = runner.invoke(app, ["build", str(folder), "--out", str(tmp_path / "site")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "Onverwachte fout" not in result.output
