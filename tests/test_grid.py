"""Grid (matrix) questions: one question with items sharing one option list (FICTIONAL data)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import yaml
from pydantic import ValidationError
from typer.testing import CliRunner

import bejegening
from bejegening.cli import app
from bejegening.io import dump_survey_yaml, schema_files
from bejegening.model import ColumnMap, Item, Question, QuestionType, SurveyFile, answered_questions
from tests.fixtures.answers import fictional_survey
from tests.fixtures.questions import five_point_scale

AGREE = five_point_scale(("Helemaal eens", "Eens", "Neutraal", "Oneens", "Helemaal oneens"))
GRID: dict[str, Any] = {
    "id": "q2",
    "number": "2",
    "text": "In hoeverre bent u het eens met de volgende stellingen?",
    "type": "likert",
    "options_complete": True,
    "options": AGREE,
    "items": [
        {"id": "luistert", "text": "Mijn klantmanager luistert naar mij"},
        {"id": "uitleg", "text": "Ik krijg duidelijke uitleg", "number": "2b"},
        {"id": "bereikbaar", "text": "De dienst is goed bereikbaar"},
    ],
}


def _survey(responses: dict[str, Any] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "survey": fictional_survey("fictief-matrix", "Matrixvraag (fictief voorbeeld)"),
        "questions": [GRID],
    }
    if responses is not None:
        data["responses"] = responses
    return data


def _folder(tmp_path: Path, header: list[str], rows: list[list[str]], responses: dict[str, Any]) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    lines = [";".join(header), *(";".join(r) for r in rows)]
    (tmp_path / "antwoorden.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "survey.yaml").write_text(
        yaml.safe_dump(_survey({"file": "antwoorden.csv", **responses}), allow_unicode=True), encoding="utf-8"
    )
    return tmp_path


def test_grid_question_validates_and_expands_per_item() -> None:
    question = Question.model_validate(GRID)
    assert question.is_grid
    assert [i.id for i in question.items] == ["luistert", "uitleg", "bereikbaar"]
    answered = question.item_questions()
    assert [q.id for q in answered] == ["q2.luistert", "q2.uitleg", "q2.bereikbaar"]
    assert answered[1].text == "Ik krijg duidelijke uitleg"
    assert answered[1].number == "2b"
    assert all(q.options == question.options and not q.items for q in answered)
    plain = Question(id="q1", text="Vraag", type=QuestionType.single, options_complete=True)
    assert [q.id for q in answered_questions([plain, question])] == ["q1", *(q.id for q in answered)]


@pytest.mark.parametrize("qtype", ["multiple", "open", "numeric"])
def test_grid_needs_one_answer_per_item(qtype: str) -> None:
    with pytest.raises(ValidationError, match="single of likert"):
        Question.model_validate({**GRID, "type": qtype})


def test_grid_item_ids_are_unique() -> None:
    items = [{"id": "a", "text": "Stelling een"}, {"id": "a", "text": "Stelling twee"}]
    with pytest.raises(ValidationError, match="meer dan eens"):
        Question.model_validate({**GRID, "items": items})
    with pytest.raises(ValidationError):
        Item.model_validate({"id": "Niet Geldig", "text": "x"})


def test_column_map_takes_one_kind_of_column() -> None:
    ColumnMap(question="q2", item_columns={"luistert": "Q2_1"})
    with pytest.raises(ValidationError, match="item_columns"):
        ColumnMap(question="q2", column="Q2", item_columns={"luistert": "Q2_1"})


def test_grid_round_trips_through_the_writer_and_is_in_the_schema() -> None:
    spec = SurveyFile.model_validate(_survey())
    again = SurveyFile.model_validate(yaml.safe_load(dump_survey_yaml(spec)))
    assert again == spec
    schema = json.loads(schema_files()["survey.schema.json"])
    assert "items" in schema["$defs"]["Question"]["properties"]
    assert set(schema["$defs"]["Item"]["required"]) == {"id", "text"}
    assert "item_columns" in schema["$defs"]["ColumnMap"]["properties"]


# Five fictional respondents; counts per item worked out by hand below.
ROWS = [
    ["1", "Helemaal eens", "Eens", "Neutraal"],
    ["2", "Eens", "Eens", "Weet niet"],
    ["3", "Oneens", "", "Helemaal oneens"],
    ["4", "Eens", "Neutraal", "Eens"],
    ["5", "Weet niet", "Helemaal eens", "Eens"],
]
BY_HAND = {
    "q2.luistert": {"helemaal-eens": 1, "eens": 2, "oneens": 1, "weet-niet": 1},
    "q2.uitleg": {"eens": 2, "neutraal": 1, "helemaal-eens": 1},
    "q2.bereikbaar": {"neutraal": 1, "weet-niet": 1, "helemaal-oneens": 1, "eens": 2},
}


def _counts(folder: Path) -> dict[str, dict[str, int]]:
    bundle = bejegening.load(folder)
    wide = bundle.responses()
    assert wide is not None
    assert bundle.responses_data is not None
    assert bundle.responses_data.questions == ("q2.luistert", "q2.uitleg", "q2.bereikbaar")
    questions = answered_questions(bundle.questions)
    freq = bejegening.frequencies(
        bejegening.answers_from_wide(wide, questions), questions, survey_id=bundle.id
    )
    out: dict[str, dict[str, int]] = {}
    for row in freq.filter(pl.col("n") > 0).iter_rows(named=True):
        out.setdefault(row["question"], {})[row["option"]] = row["n"]
    return out


@pytest.mark.parametrize(
    "header",
    [
        ["respondent", "q2_luistert", "q2_uitleg", "q2_bereikbaar"],
        ["respondent", "Q2_1", "Q2_2", "Q2_3"],
        ["respondent", "q2[SQ001]", "q2[SQ002]", "q2[SQ003]"],
        ["respondent", "Mijn klantmanager luistert naar mij", "2b", "De dienst is goed bereikbaar"],
        [
            "respondent",
            "In hoeverre bent u het eens met de volgende stellingen? - Mijn klantmanager luistert naar mij",
            "In hoeverre bent u het eens met de volgende stellingen? - Ik krijg duidelijke uitleg",
            "In hoeverre bent u het eens met de volgende stellingen? - De dienst is goed bereikbaar",
        ],
        [
            "respondent",
            "In hoeverre bent u het eens met de volgende stellingen? [Mijn klantmanager luistert naar mij]",
            "In hoeverre bent u het eens met de volgende stellingen? [Ik krijg duidelijke uitleg]",
            "In hoeverre bent u het eens met de volgende stellingen? [De dienst is goed bereikbaar]",
        ],
    ],
)
def test_grid_answers_map_per_item(tmp_path: Path, header: list[str]) -> None:
    assert _counts(_folder(tmp_path, header, ROWS, {})) == BY_HAND


def test_grid_item_columns_and_codes_by_hand(tmp_path: Path) -> None:
    codes = {"Helemaal eens": "5", "Eens": "4", "Neutraal": "3", "Oneens": "2", "Helemaal oneens": "1"}
    coded = [[r[0], *(codes.get(c, "9" if c else "") for c in r[1:])] for r in ROWS]
    responses = {
        "columns": [
            {
                "question": "q2",
                "item_columns": {"luistert": "A", "uitleg": "B", "bereikbaar": "C"},
                "values": {
                    5: "helemaal-eens",
                    4: "eens",
                    3: "neutraal",
                    2: "oneens",
                    1: "helemaal-oneens",
                    9: "weet-niet",
                },
            }
        ]
    }
    assert _counts(_folder(tmp_path, ["respondent", "A", "B", "C"], coded, responses)) == BY_HAND


def test_grid_item_without_column_is_named(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ["respondent", "q2_luistert", "q2_uitleg"], [r[:3] for r in ROWS], {})
    report = bejegening.validate(folder)
    messages = [p.message for p in report.problems if p.severity is bejegening.Severity.error]
    assert any("item 'bereikbaar'" in m and "item_columns" in m for m in messages), messages


def test_unknown_item_in_item_columns_is_named(tmp_path: Path) -> None:
    responses = {"columns": [{"question": "q2", "item_columns": {"luisterd": "q2_luistert"}}]}
    folder = _folder(tmp_path, ["respondent", "q2_luistert", "q2_uitleg", "q2_bereikbaar"], ROWS, responses)
    report = bejegening.validate(folder)
    problems = [p for p in report.problems if p.field and "item_columns" in p.field]
    assert problems and "onbekend item" in problems[0].message and "luistert" in problems[0].message


def test_stats_command_prints_every_grid_item(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ["respondent", "q2_luistert", "q2_uitleg", "q2_bereikbaar"], ROWS, {})
    result = CliRunner().invoke(app, ["stats", str(folder)])
    assert result.exit_code == 0, result.output
    assert "Onverwachte fout" not in result.output
    for item in ("Mijn klantmanager luistert naar mij", "De dienst is goed bereikbaar"):
        assert item in result.output
