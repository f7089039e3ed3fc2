"""Malformed input: every problem located (file, row, column, value) and explained in Dutch.

Each test writes a small FICTIONAL survey folder and asserts the exact problems reported. The
CLI tests check the exit code and that no traceback reaches the user.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import bejegening
from bejegening.checks import check_survey
from bejegening.cli import app
from bejegening.io._readers import read_responses
from bejegening.model import ResponsesSpec, Severity
from tests.fixtures.answers import SURVEY, write_survey
from tests.fixtures.questions import question_yaml

runner = CliRunner()

HEADER = "respondent;q1;q2;q3;q4;q5"
GOOD = [
    "r1;Tevreden;Ja, altijd;Telefoon;2;Prima",
    'r2;Neutraal;Nee;"Telefoon; Per brief";3,5;',
    "r3;Weet niet;Meestal wel;;;Sneller graag",
]


def _folder(
    tmp_path: Path,
    lines: list[str] | None = None,
    *,
    content: bytes | None = None,
    name: str = "antwoorden.csv",
    responses: dict[str, Any] | None = None,
    **survey: Any,
) -> Path:
    folder = tmp_path / "enquete"
    folder.mkdir(parents=True, exist_ok=True)
    if content is None and lines is not None:
        content = ("\n".join(lines) + "\n").encode("utf-8")
    if content is not None:
        (folder / name).write_bytes(content)
    block = {"file": name, **(responses or {})}
    write_survey(folder, block, **survey)
    return folder


def _problems(folder: Path, severity: Severity | None = None) -> list[dict[str, Any]]:
    report = bejegening.validate(folder)
    return [
        {k: v for k, v in p.as_dict().items() if v is not None and k != "severity"}
        for p in report.problems
        if severity is None or p.severity is severity
    ]


def _rel(folder: Path, name: str) -> str:
    path = folder / name
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# --- answers files ---------------------------------------------------------------------------


def test_unknown_option_names_row_column_value_and_the_options(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [HEADER, *GOOD, "r4;Blij;Nee;;;"])
    assert _problems(folder) == [
        {
            "file": _rel(folder, "antwoorden.csv"),
            "row": 5,
            "field": "q1",
            "value": "Blij",
            "message": (
                "1 onbekende waarde in deze kolom (rij 5); gevonden: 'Blij' (1×). "
                "onbekend antwoord voor vraag q1; verwacht een van: 'Zeer tevreden', 'Tevreden', "
                "'Neutraal', 'Ontevreden', 'Zeer ontevreden', 'Weet niet' of de codes uit survey.yaml "
                "(responses.columns[].values)"
            ),
        }
    ]


def test_unknown_option_suggests_the_closest_label(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [HEADER, "r1;Tevreeden;Nee;;;"])
    (problem,) = _problems(folder)
    assert "onbekend antwoord voor vraag q1 (bedoelde u 'Tevreden'?);" in problem["message"]
    assert (problem["row"], problem["field"], problem["value"]) == (2, "q1", "Tevreeden")


def test_values_match_ignoring_case_and_spaces(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [HEADER, "r1;  zeer   TEVREDEN ;NEE;telefoon|PER BRIEF;;"])
    assert _problems(folder) == []
    wide = bejegening.load(folder).responses()
    assert wide is not None
    assert wide.collect().row(0) == ("r1", "zeer-tevreden", "nee", "telefoon|brief", None, None)


def test_duplicate_respondent_number_is_reported_on_every_row(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [HEADER, *GOOD, "r2;Tevreden;Nee;;;", " r2 ;Tevreden;Nee;;;"])
    file = _rel(folder, "antwoorden.csv")
    assert _problems(folder) == [
        {
            "file": file,
            "row": 3,
            "field": "respondent",
            "value": "r2",
            "message": "respondentnummer komt vaker voor (ook in rij 5, 6)",
        },
        {
            "file": file,
            "row": 5,
            "field": "respondent",
            "value": "r2",
            "message": "respondentnummer komt vaker voor (ook in rij 3, 6)",
        },
        {
            "file": file,
            "row": 6,
            "field": "respondent",
            "value": "r2",
            "message": "respondentnummer komt vaker voor (ook in rij 3, 5)",
        },
    ]


def test_empty_respondent_number(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [HEADER, *GOOD, " ;Tevreden;Nee;;;"])
    assert _problems(folder) == [
        {
            "file": _rel(folder, "antwoorden.csv"),
            "row": 5,
            "field": "respondent",
            "value": " ",
            "message": "respondentnummer ontbreekt",
        }
    ]


def test_missing_question_column(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ["respondent;q1;q2;q3;q5", "r1;Tevreden;Nee;;"])
    assert _problems(folder) == [
        {
            "file": _rel(folder, "antwoorden.csv"),
            "row": 1,
            "field": "q4",
            "message": (
                "geen kolom gevonden voor vraag q4; verwacht een kolom 'q4', '4' of de vraagtekst "
                "'Hoeveel uur wachtte u gemiddeld op een antwoord?'. Zet de kolom in survey.yaml onder "
                "responses.columns, of zet daar skip: true als de vraag niet in het bestand staat"
            ),
        }
    ]


@pytest.mark.parametrize(
    ("lines", "responses", "column", "message"),
    [
        pytest.param(
            [HEADER + ";Leeftijd", "r1;Tevreden;Nee;;;;18-30"],
            {"background": {"leeftijd": "Leeftijdsgroep"}},
            "Leeftijdsgroep",
            "kolom ontbreekt (bedoelde u 'Leeftijd'?); survey.yaml noemt deze kolom als "
            "achtergrondkenmerk 'leeftijd'",
            id="background-column-missing-suggests-a-header",
        ),
        pytest.param(
            ["respondent;q1;q2;tel;balie;q4;q5", "r1;;;1;0;;"],
            {"columns": [{"question": "q3", "option_columns": {"telefoon": "tel", "balie": "loket"}}]},
            "loket",
            "kolom ontbreekt; survey.yaml koppelt deze kolom aan optie 'balie' van vraag q3",
            id="option-column-missing",
        ),
        pytest.param(
            ["respondent;q1;q1;q2;q3;q4;q5", "r1;;;;;;"],
            None,
            "q1",
            "2 kolommen passen bij vraag q1; kies er één in survey.yaml onder responses.columns",
            id="repeated-header-that-is-used",
        ),
    ],
)
def test_header_errors_name_the_column_in_row_1(
    tmp_path: Path, lines: list[str], responses: dict[str, Any] | None, column: str, message: str
) -> None:
    folder = _folder(tmp_path, lines, responses=responses)
    assert _problems(folder, Severity.error) == [
        {
            "file": _rel(folder, "antwoorden.csv"),
            "row": 1,
            "field": column,
            "value": column,
            "message": message,
        }
    ]


def test_skip_marks_a_question_that_is_not_in_the_file(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        ["respondent;q1;q2;q3;q5", "r1;Tevreden;Nee;;"],
        responses={"columns": [{"question": "q4", "skip": True}]},
    )
    assert _problems(folder) == []
    data = bejegening.load(folder).responses_data
    assert data is not None and data.questions == ("q1", "q2", "q3", "q5")


def test_extra_column_is_a_warning_naming_it(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [HEADER + ";opmerking intern", "r1;Tevreden;Nee;;;;x"])
    assert bejegening.validate(folder).valid
    assert _problems(folder, Severity.warning) == [
        {
            "file": _rel(folder, "antwoorden.csv"),
            "row": 1,
            "field": "opmerking intern",
            "value": "opmerking intern",
            "message": (
                "kolom hoort bij geen vraag en wordt niet gebruikt; koppel hem in survey.yaml aan een vraag "
                "(responses.columns), zet 'opmerking intern' onder responses.ignore_columns, of zet "
                "responses.ignore_unmapped_columns: true om alle kolommen zonder vraag over te slaan"
            ),
        }
    ]


def test_ignored_column_gives_no_warning(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        [HEADER + ";opmerking intern", "r1;Tevreden;Nee;;;;x"],
        responses={"ignore_columns": ["Opmerking Intern"]},
    )
    assert _problems(folder) == []


@pytest.mark.parametrize("content", [b"", b"   \n\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    folder = _folder(tmp_path, content=content)
    assert _problems(folder) == [
        {
            "file": _rel(folder, "antwoorden.csv"),
            "message": (
                "bestand is leeg; verwacht een kopregel met kolomnamen en daarna één rij per respondent"
            ),
        }
    ]


def test_header_only(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [HEADER, "", ""])
    assert _problems(folder) == [
        {
            "file": _rel(folder, "antwoorden.csv"),
            "message": (
                "bestand bevat alleen een kopregel en geen antwoorden; verwacht één rij per respondent"
            ),
        }
    ]


def test_windows_1252_is_read_with_a_warning(tmp_path: Path) -> None:
    text = "\n".join([HEADER, "r1;Tevreden;Nee;;;Café was dicht", "r2;Neutraal;Nee;;;Geen idee"]) + "\n"
    folder = _folder(tmp_path, content=text.encode("cp1252"))
    assert _problems(folder) == [
        {
            "file": _rel(folder, "antwoorden.csv"),
            "message": (
                f"bestand is geen UTF-8 (ongeldige byte bij positie {text.index('é')}); gelezen als "
                "Windows-1252. Controleer letters als é en ë, en sla het bestand voortaan op als 'CSV UTF-8'"
            ),
        }
    ]
    wide = bejegening.load(folder).responses()
    assert wide is not None
    assert wide.collect()["q5"].to_list() == ["Café was dicht", "Geen idee"]


def test_utf8_bom_is_not_part_of_the_first_column(tmp_path: Path) -> None:
    text = "\n".join([HEADER, "r1;Tevreden;Nee;;;Één keer"]) + "\n"
    folder = _folder(tmp_path, content=text.encode("utf-8-sig"))
    assert _problems(folder) == []
    wide = bejegening.load(folder).responses()
    assert wide is not None
    assert wide.collect().select("respondent", "q5").row(0) == ("r1", "Één keer")


def test_utf16_from_excel_unicode_text(tmp_path: Path) -> None:
    text = "\n".join([HEADER.replace(";", "\t"), "r1\tTevreden\tNee\t\t4\t"]) + "\n"
    folder = _folder(tmp_path, content=text.encode("utf-16"))
    assert _problems(folder) == []
    wide = bejegening.load(folder).responses()
    assert wide is not None and wide.collect()["q4"].to_list() == [4.0]


def test_row_with_another_delimiter(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [HEADER, *GOOD, "r4,Tevreden,Nee,,,"])
    assert _problems(folder) == [
        {
            "file": _rel(folder, "antwoorden.csv"),
            "row": 5,
            "message": (
                "rij heeft 1 waarde, de kopregel 6 kolommen (scheidingsteken puntkomma); "
                "deze rij lijkt de komma als scheidingsteken te gebruiken, de kopregel de puntkomma"
            ),
        }
    ]


def test_comma_delimited_file_is_detected(tmp_path: Path) -> None:
    lines = ["respondent,q1,q2,q3,q4,q5", 'r1,Tevreden,"Ja, altijd","Telefoon, Huisbezoek, thuis","2,5",']
    folder = _folder(tmp_path, lines)
    assert _problems(folder) == []
    wide = bejegening.load(folder).responses()
    assert wide is not None
    assert wide.collect().row(0) == ("r1", "tevreden", "ja-altijd", "telefoon|huisbezoek", 2.5, None)


@pytest.mark.parametrize(("line", "count"), [("r4;Tevreden;Nee;;;;te veel", 7), ("r4;Tevreden;Nee", 3)])
def test_row_with_too_many_or_too_few_values(tmp_path: Path, line: str, count: int) -> None:
    folder = _folder(tmp_path, [HEADER, *GOOD, line])
    assert _problems(folder) == [
        {
            "file": _rel(folder, "antwoorden.csv"),
            "row": 5,
            "message": f"rij heeft {count} waarden, de kopregel 6 kolommen (scheidingsteken puntkomma)",
        }
    ]


def test_quoted_cells_with_line_breaks_count_as_one_row(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path, [HEADER, 'r1;Tevreden;Nee;;;"Twee regels;', 'met puntkomma"', "r2;Tevreden;Nee;;;", "r2b;x"]
    )
    assert _problems(folder) == [
        {
            "file": _rel(folder, "antwoorden.csv"),
            "row": 4,
            "message": "rij heeft 2 waarden, de kopregel 6 kolommen (scheidingsteken puntkomma)",
        }
    ]


def test_unclosed_quote(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [HEADER, *GOOD, 'r4;Tevreden;Nee;;;"niet gesloten'])
    assert _problems(folder) == [
        {
            "file": _rel(folder, "antwoorden.csv"),
            "message": (
                "aanhalingsteken in de rij vanaf regel 5 wordt nergens gesloten; een cel met een "
                'aanhalingsteken moet tussen aanhalingstekens staan, met "" voor een aanhalingsteken erin'
            ),
        }
    ]


def test_decimal_comma_and_thousands(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path, [HEADER, "r1;;;;3,5;", "r2;;;;1.234,5;", "r3;;;;0.75;", "r4;;;; 12 ;", "r5;;;;-2;"]
    )
    assert _problems(folder) == []
    wide = bejegening.load(folder).responses()
    assert wide is not None
    assert wide.collect()["q4"].to_list() == [3.5, 1234.5, 0.75, 12.0, -2.0]


@pytest.mark.parametrize("value", ["drie", "12 uur", "inf", "1,2,3"])
def test_number_expected(tmp_path: Path, value: str) -> None:
    folder = _folder(tmp_path, [HEADER, f"r1;;;;{value};"])
    assert _problems(folder) == [
        {
            "file": _rel(folder, "antwoorden.csv"),
            "row": 2,
            "field": "q4",
            "value": value,
            "message": "geen getal voor vraag q4; verwacht een getal zoals 12 of 3,5",
        }
    ]


def test_multiple_response_cell_with_an_unknown_part(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [HEADER, 'r1;;;"Telefoon; Fax; Per brief";;'])
    assert _problems(folder) == [
        {
            "file": _rel(folder, "antwoorden.csv"),
            "row": 2,
            "field": "q3",
            "value": "Telefoon; Fax; Per brief",
            "message": (
                "1 onbekende waarde in deze kolom (rij 2); gevonden: 'Telefoon; Fax; Per brief' (1×). "
                "onbekend deel 'Fax' in meerkeuzeantwoord voor vraag q3; verwacht antwoorden uit: "
                "'Telefoon', 'Aan de balie', 'E-mail', 'Per brief', 'Huisbezoek, thuis', "
                "gescheiden door '|' of ';' of ','"
            ),
        }
    ]


def test_blank_rows_are_not_silently_dropped(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [HEADER, GOOD[0], "", ";;;;;", GOOD[1], "", ""])
    assert _problems(folder) == [
        {
            "file": _rel(folder, "antwoorden.csv"),
            "row": 3,
            "message": "2 lege rijen niet meegeteld (rij 3, 4)",
        }
    ]
    data = bejegening.load(folder).responses_data
    assert data is not None
    assert (data.input_rows, data.counted) == (4, 2)
    assert data.empty_rows == (3, 4)  # reported as empty, not as rejected answers
    assert data.rejected.is_empty()


@pytest.mark.parametrize("weight", ["-1", "0", "zwaar", ""])
def test_weight_must_be_a_positive_number(tmp_path: Path, weight: str) -> None:
    folder = _folder(
        tmp_path,
        [HEADER + ";gewicht", f"r1;Tevreden;Nee;;;;{weight}"],
        responses={"weight_column": "gewicht"},
    )
    assert _problems(folder) == [
        {
            "file": _rel(folder, "antwoorden.csv"),
            "row": 2,
            "field": "gewicht",
            "value": weight,
            "message": "gewicht ontbreekt of is geen positief getal",
        }
    ]


def test_code_mapped_to_an_unknown_option_points_at_survey_yaml(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        [HEADER, "r1;1;Nee;;;"],
        responses={"columns": [{"question": "q1", "values": {1: "tevreden", 9: "bestaat-niet"}}]},
    )
    (problem,) = _problems(folder)
    lines = (folder / "survey.yaml").read_text(encoding="utf-8").splitlines()
    assert problem["file"] == _rel(folder, "survey.yaml")
    assert problem["field"] == "responses.columns[0].values.9"
    assert lines[problem["line"] - 1].strip() == "9: bestaat-niet"
    assert problem["value"] == "bestaat-niet"
    assert problem["message"] == (
        "onbekende optie (bedoelde u 'weet-niet'?) voor vraag q1; verwacht een van: "
        "neutraal, ontevreden, tevreden, weet-niet, zeer-ontevreden, zeer-tevreden"
    )


def test_mapping_for_an_unknown_question_suggests_one(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [HEADER, *GOOD], responses={"columns": [{"question": "q11", "column": "q1"}]})
    (problem,) = _problems(folder)
    assert problem["file"] == _rel(folder, "survey.yaml")
    assert problem["field"] == "responses.columns[0].question"
    assert problem["value"] == "q11"
    assert problem["message"] == "onbekende vraag (bedoelde u 'q1'?); verwacht een id uit questions"


def test_unknown_file_type(tmp_path: Path) -> None:
    folder = _folder(tmp_path, content=b"%PDF-1.4", name="antwoorden.pdf")
    assert _problems(folder) == [
        {
            "file": _rel(folder, "antwoorden.pdf"),
            "field": "responses.format",
            "value": ".pdf",
            "message": (
                "onbekend bestandstype; gebruik .csv, .xlsx of .sav, of zet responses.format "
                "(csv, xlsx, sav, limesurvey, google_forms, microsoft_forms)"
            ),
        }
    ]


def test_answers_file_does_not_exist(tmp_path: Path) -> None:
    folder = _folder(tmp_path, None, name="weg.csv")
    (problem,) = _problems(folder)
    assert problem["file"] == _rel(folder, "survey.yaml")
    assert (problem["field"], problem["value"]) == ("responses.file", "weg.csv")
    assert problem["message"] == "bestand met antwoorden bestaat niet"


def test_option_column_with_an_unexpected_value(tmp_path: Path) -> None:
    header = "respondent;q1;q2;Q3[SQ001];Q3[SQ002];Q3[SQ003];Q3[SQ004];Q3[SQ005];q4;q5"
    folder = _folder(tmp_path, [header, "r1;;;Y;;;;;;", "r2;;;Misschien;N;N;N;N;;"])
    assert _problems(folder) == [
        {
            "file": _rel(folder, "antwoorden.csv"),
            "row": 3,
            "field": "Q3[SQ001]",
            "value": "Misschien",
            "message": (
                "1 onbekende waarde in deze kolom (rij 3); gevonden: 'Misschien' (1×). "
                "onverwachte waarde in de kolom van optie 'Telefoon' (vraag q3); verwacht Y, Ja, 1 of x "
                "(aangevinkt), N, Nee, 0 of leeg (niet aangevinkt)"
            ),
        }
    ]


@pytest.mark.parametrize(
    ("key", "columns"), [("option_columns", {"tevreden": "q1"}), ("category_columns", ["q1"])]
)
def test_columns_per_option_only_for_a_multiple_question(tmp_path: Path, key: str, columns: object) -> None:
    folder = _folder(
        tmp_path,
        ["respondent;q1;q2;q3;q4;q5", "r1;;;;;"],
        responses={"columns": [{"question": "q1", key: columns}]},
    )
    problems = _problems(folder, Severity.error)
    assert [(p["file"], p["field"], p["message"]) for p in problems] == [
        (
            _rel(folder, "survey.yaml"),
            f"responses.columns[0].{key}",
            f"{key} hoort alleen bij een meerkeuzevraag (multiple)",
        )
    ]


def test_option_columns_name_only_options_of_the_question(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        ["respondent;q1;q2;tel;balie;q4;q5", "r1;;;1;0;;"],
        responses={"columns": [{"question": "q3", "option_columns": {"telefon": "tel", "balie": "balie"}}]},
    )
    (problem,) = _problems(folder, Severity.error)
    assert problem["field"] == "responses.columns[0].option_columns.telefon"
    assert problem["value"] == "telefon"
    assert problem["message"] == "onbekende optie (bedoelde u 'telefoon'?) voor vraag q3"


def test_option_columns_tick_marks_become_a_list(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        ["respondent;q1;q2;tel;balie;q4;q5", "r1;;;1;0;;", "r2;;;0;0;;", "r3;;;;;;", "r4;;;x;Ja;;"],
        responses={"columns": [{"question": "q3", "option_columns": {"telefoon": "tel", "balie": "balie"}}]},
    )
    assert _problems(folder) == []
    wide = bejegening.load(folder).responses()
    assert wide is not None
    assert wide.collect()["q3"].to_list() == ["telefoon", "_geen", None, "telefoon|balie"]


def test_excel_sheet_that_does_not_exist(tmp_path: Path) -> None:
    import openpyxl  # noqa: PLC0415

    folder = tmp_path / "enquete"
    folder.mkdir()
    book = openpyxl.Workbook()
    book.active.title = "Blad1"
    book.active.append(HEADER.split(";"))
    book.save(folder / "antwoorden.xlsx")
    _folder(tmp_path, name="antwoorden.xlsx", responses={"sheet": "Blad2"})
    assert _problems(folder) == [
        {
            "file": _rel(folder, "antwoorden.xlsx"),
            "field": "responses.sheet",
            "value": "Blad2",
            "message": (
                "werkblad bestaat niet; het bestand heeft de werkbladen: Blad1. Zet de naam van het "
                "werkblad met de antwoorden onder responses.sheet"
            ),
        }
    ]


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("antwoorden.xlsx", "geen leesbaar Excel-bestand: "),
        ("antwoorden.sav", "geen leesbaar SPSS-bestand: "),
    ],
)
def test_unreadable_binary_file(tmp_path: Path, name: str, start: str) -> None:
    folder = _folder(tmp_path, content=b"dit is geen echt bestand\n", name=name)
    (problem,) = _problems(folder)
    assert problem["file"] == _rel(folder, name)
    assert problem["message"].startswith(start)


def test_reject_mode_leaves_bad_rows_out_and_lists_them(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        [HEADER, *GOOD, "r4;Blij;Nee;;;", "r5;Tevreden;Nee", "r1;Tevreden;Nee;;;"],
        responses={"invalid_rows": "reject"},
    )
    report = bejegening.validate(folder)
    assert report.valid
    assert [(p.row, p.field, p.severity.value) for p in report.problems] == [
        (2, "respondent", "warning"),
        (5, "q1", "warning"),
        (6, None, "warning"),
        (7, "respondent", "warning"),
    ]
    assert all(p.message.endswith("(rij niet meegeteld)") for p in report.problems)
    data = report.bundles[0].responses_data
    assert data is not None
    assert (data.input_rows, data.counted) == (6, 2)
    assert data.rejected["row"].to_list() == [2, 5, 6, 7]
    assert data.rejected["reason"][1].startswith("kolom 'q1' = 'Blij': onbekend antwoord voor vraag q1")
    wide = report.bundles[0].responses()
    assert wide is not None and wide.collect()["respondent"].to_list() == ["r2", "r3"]


def test_problems_are_limited_with_a_count_of_the_rest(tmp_path: Path) -> None:
    lines = [HEADER] + [f"r{i};Tevreden;Nee;;drie;" for i in range(1, 131)]
    folder = _folder(tmp_path, lines)
    problems = _problems(folder)
    assert len(problems) == 101
    assert [p["row"] for p in problems[:100]] == list(range(2, 102))
    assert problems[100] == {
        "file": _rel(folder, "antwoorden.csv"),
        "message": "en nog 30 andere problemen in 30 rijen (niet getoond)",
    }


def test_frame_of_an_invalid_file_raises_data_error(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [HEADER, "r1;Blij;;;;"])
    spec = ResponsesSpec(file="antwoorden.csv")
    questions = bejegening.load(_folder(tmp_path / "ok", [HEADER, *GOOD])).questions
    data = read_responses(folder, spec, questions)
    assert not data.valid
    with pytest.raises(bejegening.DataError, match="onbekend antwoord voor vraag q1"):
        data.frame()


# --- survey.yaml and findings.csv ------------------------------------------------------------


def _survey_yaml(folder: Path, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "survey.yaml").write_text(text, encoding="utf-8")


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    text = yaml.safe_dump(SURVEY, allow_unicode=True, sort_keys=False).replace(
        "  title: ", "  title: [open\n", 1
    )
    _survey_yaml(tmp_path, text)
    (problem,) = _problems(tmp_path)
    assert problem["file"] == _rel(tmp_path, "survey.yaml")
    assert problem["message"].startswith("YAML-syntaxfout: ")
    assert problem["line"] in (4, 5)


def test_duplicate_question_ids(tmp_path: Path) -> None:
    questions = [*SURVEY["questions"], {**SURVEY["questions"][0]}]
    write_survey(tmp_path, None, questions=questions)
    (problem,) = _problems(tmp_path)
    assert (problem["field"], problem["value"], problem["message"]) == (
        "questions[5].id",
        "q1",
        "vraag-id komt meer dan eens voor",
    )


def test_dangling_reference(tmp_path: Path) -> None:
    recommendation = {
        "id": "advies-1",
        "title": "Sneller terugbellen (fictief)",
        "summary": "Bel binnen twee dagen terug.",
        "questions": ["q9"],
        "source": {"source": "eigen-enquete"},
        "history": [{"date": "2024-04-01", "status": "uitgebracht"}],
    }
    write_survey(tmp_path, None, recommendations=[recommendation])
    (problem,) = _problems(tmp_path)
    assert problem["field"] == "recommendations[0].questions[0]"
    assert problem["value"] == "q9"
    assert problem["message"].startswith("onbekende vraag")


def test_end_date_before_start_date(tmp_path: Path) -> None:
    survey = {**SURVEY["survey"], "fieldwork_start": "2024-03-31", "fieldwork_end": "2024-03-01"}
    write_survey(tmp_path, None, survey=survey)
    (problem,) = _problems(tmp_path)
    assert problem["field"] == "survey.fieldwork_end"
    assert problem["message"] == "fieldwork_end (2024-03-01) ligt vóór fieldwork_start (2024-03-31)"


def _findings(folder: Path, rows: list[str]) -> None:
    write_survey(folder, None)
    header = "id,question,options,count,percentage,base,source"
    (folder / "findings.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def test_percentage_over_100_loads_as_printed_and_the_check_flags_it(tmp_path: Path) -> None:
    # Figures are transcribed exactly as printed; the cijfercontrole says what cannot be right.
    _findings(tmp_path, ["f1,q2,nee,10,120,50,eigen-enquete"])
    report = bejegening.validate(tmp_path)
    assert report.valid and report.problems == ()
    checks = check_survey(report.bundles[0]).filter(pl.col("finding") == "f1")
    assert checks.select("rule", "status", "explanation").rows() == [
        (
            "count_percentage",
            "inconsistent",
            "Klopt niet: bij geen enkele n tot 10.000 is 10 van n afgerond 120%.",
        ),
        (
            "base_stated",
            "inconsistent",
            "De bron noemt n = 50, maar 10 van 50 is afgerond 20%, niet 120%. "
            "Uit de cijfers volgt geen enkele n.",
        ),
    ]


@pytest.mark.parametrize("count", ["-3", "2,5"])
def test_negative_or_fractional_count(tmp_path: Path, count: str) -> None:
    _findings(tmp_path, [f'f1,q2,nee,"{count}",20,50,eigen-enquete'])
    (problem,) = _problems(tmp_path)
    assert (problem["file"], problem["row"], problem["field"]) == (_rel(tmp_path, "findings.csv"), 1, "count")
    assert problem["message"] in ("moet minstens 0 zijn", "verwacht een geheel getal")


# --- CLI: exit code, no traceback --------------------------------------------------------------


def test_cli_reports_all_problems_in_dutch_without_traceback(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [HEADER, "r1;Blij;Nee;;drie;", "r1;Tevreden;Misschien;;;", "r3,a,b"])
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "rij 2, veld 'q1': 1 onbekende waarde in deze kolom (rij 2)" in result.stderr
    assert "onbekend antwoord voor vraag q1" in result.stderr
    assert "rij 2, veld 'q4': geen getal voor vraag q4" in result.stderr
    assert "rij 3, veld 'q2': 1 onbekende waarde in deze kolom (rij 3)" in result.stderr
    assert "rij 4: rij heeft 1 waarde, de kopregel 6 kolommen" in result.stderr
    assert "rij 2, veld 'respondent': respondentnummer komt vaker voor (ook in rij 3)" in result.stderr
    assert "Ongeldig: 6 fout(en)." in result.stderr


def test_cli_json_carries_row_field_and_value(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [HEADER, "r1;Blij;Nee;;;"])
    result = runner.invoke(app, ["validate", str(folder), "--format", "json"])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["valid"] is False
    (error,) = payload["errors"]
    assert (error["row"], error["field"], error["value"], error["line"]) == (2, "q1", "Blij", None)


# --- nothing is lost: counted + rejected = input rows ----------------------------------------

CELL = st.sampled_from(["Tevreden", "tevreden ", "Blij", "", "NA", "Weet niet", "1"])
NUMBER = st.sampled_from(["", "2", "3,5", "drie", "-1"])
ROW = st.one_of(
    st.tuples(st.sampled_from(["r1", "r2", "r3", "r4", " ", ""]), CELL, NUMBER).map(
        lambda t: f"{t[0]};{t[1]};;;{t[2]};"
    ),
    st.just(""),
    st.just("r9,Tevreden,Nee,,,"),
    st.just("r8;Tevreden;Nee;;;;extra"),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(ROW, min_size=1, max_size=25), reject=st.booleans())
def test_every_row_is_counted_or_rejected(tmp_path: Path, rows: list[str], reject: bool) -> None:
    folder = tmp_path / "p"
    folder.mkdir(exist_ok=True)
    (folder / "antwoorden.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    spec = ResponsesSpec(file="antwoorden.csv", invalid_rows="reject" if reject else "error")
    questions = bejegening.load(_folder(tmp_path / "ok", [HEADER, *GOOD])).questions
    data = read_responses(folder, spec, questions)
    # Trailing empty rows (nothing but spaces and delimiters) are not rows; every other data row
    # is counted or rejected.
    expected_rows = len(rows)
    while expected_rows and not rows[expected_rows - 1].replace(";", "").strip():
        expected_rows -= 1
    assert data.input_rows == expected_rows
    assert data.counted + data.rejected.height + len(data.empty_rows) == data.input_rows
    assert data.rejected["row"].is_unique().all()
    if data.valid:
        frame = data.frame().collect()
        assert frame.height == data.counted
        kept = set(range(2, expected_rows + 2)) - set(data.rejected["row"].to_list()) - set(data.empty_rows)
        assert len(kept) == frame.height
    row_errors = {p.row for p in data.problems if p.severity is Severity.error and p.row}
    assert row_errors <= set(data.rejected["row"].to_list())
    assert isinstance(data.rejected, pl.DataFrame)


# --- "Anders, namelijk": free text counted as one option ---------------------------------------

OTHER_SURVEY = {
    "questions": [
        question_yaml(
            "q1",
            "Hoe had u contact?",
            "multiple",
            [("telefoon", "Telefoon"), ("balie", "Aan de balie"), ("anders", "Anders")],
        ),
        question_yaml("q2", "Waar woont u?", "single", [("stad", "In de stad"), ("anders", "Ergens anders")]),
    ]
}


def test_free_text_of_other_counts_as_the_other_option(tmp_path: Path) -> None:
    lines = [
        "Tijdstempel,Hoe had u contact?,Waar woont u?",
        '2024/03/05,"Telefoon, via mijn zus, of een buurman",In de stad',
        "2024/03/06,Aan de balie,Op een boot",
        "2024/03/07,,",
    ]
    columns = [{"question": "q1", "other": "anders"}, {"question": "q2", "other": "anders"}]
    folder = _folder(tmp_path, lines, name="formulier.csv", responses={"columns": columns}, **OTHER_SURVEY)
    assert _problems(folder) == []
    data = bejegening.load(folder).responses_data
    assert data is not None and data.format.value == "google_forms"
    assert data.frame().collect().select("q1", "q2").rows() == [
        ("telefoon|anders", "stad"),
        ("balie", "anders"),
        (None, None),
    ]


def test_limesurvey_other_column_with_free_text(tmp_path: Path) -> None:
    lines = [
        "id,submitdate,lastpage,startlanguage,Q1[SQ001],Q1[SQ002],Q1[other],Q2",
        "1,2024-03-05,2,nl,Y,,via mijn zus,In de stad",
        "2,2024-03-05,2,nl,,Y,,In de stad",
    ]
    options = {"telefoon": "Q1[SQ001]", "balie": "Q1[SQ002]", "anders": "Q1[other]"}
    columns = [{"question": "q1", "option_columns": options, "other": "anders"}]
    folder = _folder(tmp_path, lines, name="results.csv", responses={"columns": columns}, **OTHER_SURVEY)
    assert _problems(folder) == []
    wide = bejegening.load(folder).responses()
    assert wide is not None
    assert wide.collect()["q1"].to_list() == ["telefoon|anders", "balie"]


def test_other_must_be_an_option(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        ["respondent;q1;q2", "r1;Telefoon;In de stad"],
        responses={"columns": [{"question": "q2", "other": "elders"}]},
        **OTHER_SURVEY,
    )
    (problem,) = _problems(folder)
    assert problem["field"] == "responses.columns[0].other"
    assert problem["value"] == "elders"
    assert problem["message"] == "onbekende optie (bedoelde u 'anders'?) voor vraag q2"


def test_superscript_digits_are_unknown_answers_not_a_crash(tmp_path: Path) -> None:
    """``'³'.isdigit()`` is true but ``int('³')`` fails (found by the fuzz test)."""
    folder = _folder(tmp_path, [HEADER, "r1;³;Nee;;2;", "r2;2;Nee;;2;", "r3;Tevreden;Nee;;2;"])
    result = runner.invoke(app, ["validate", str(folder), "--format", "json"])
    assert result.exit_code == 1, result.output
    (problem,) = [p for p in json.loads(result.stdout)["errors"] if p["field"] == "q1"]
    assert problem["message"].startswith(
        "2 onbekende waarden in deze kolom (rijen 2, 3); gevonden: '2' (1×), '³' (1×)"
    )
