"""The shared cases (tests/fixtures/cases/*, copied from the project's fictional re-makes of real
exports): each README's values, asserted against a hand-written survey.yaml.

The expected numbers are the README's, counted by hand from the files; none is computed by the
code under test.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import polars as pl
import yaml

import bejegening
from bejegening.model import Severity, answered_questions
from tests.fixtures.answers import fictional_survey
from tests.fixtures.questions import question_yaml

CASES = Path(__file__).parent / "fixtures" / "cases"


def _options(*labels: str, non_substantive: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    out = []
    for label in labels:
        option: dict[str, Any] = {"id": _id(label), "label": label}
        if label in non_substantive:
            option["valence"] = "non_substantive"
        out.append(option)
    return out


def _id(label: str) -> str:
    return label.lower().replace(" ", "-").replace("(", "").replace(")", "")


def _write_survey(
    folder: Path, survey_id: str, questions: list[dict[str, Any]], responses: dict[str, Any]
) -> None:
    """Write a fictional survey.yaml with these questions and this responses block into ``folder``."""
    data = {
        "survey": fictional_survey(survey_id, f"{survey_id} (fictief)"),
        "questions": questions,
        "responses": responses,
    }
    (folder / "survey.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _folder(tmp_path: Path, case: str, questions: list[dict[str, Any]], responses: dict[str, Any]) -> Path:
    folder = tmp_path / case
    shutil.copytree(CASES / case, folder)
    _write_survey(folder, case, questions, responses)
    return folder


def _frequencies(folder: Path) -> pl.DataFrame:
    bundle = bejegening.load(folder)
    wide = bundle.responses()
    assert wide is not None
    questions = answered_questions(bundle.questions)
    return bejegening.frequencies(
        bejegening.answers_from_wide(wide, questions), questions, survey_id=bundle.id
    )


def _counts(freq: pl.DataFrame, question: str) -> dict[str, int]:
    rows = freq.filter((pl.col("question") == question) & (pl.col("n") > 0))
    return dict(zip(rows["option"].to_list(), rows["n"].to_list(), strict=True))


def _base(freq: pl.DataFrame, question: str) -> int:
    rows = freq.filter((pl.col("question") == question) & pl.col("option").is_not_null())
    substantive = rows.filter(pl.col("valence").fill_null("") != "non_substantive")
    return int(substantive["base"][0])


def _warnings(folder: Path) -> list[bejegening.Problem]:
    return [p for p in bejegening.validate(folder).problems if p.severity is Severity.warning]


# --- SPSS with declared user-missing codes ---------------------------------------------------

AGREE5 = ("Zeer tevreden", "Tevreden", "Neutraal", "Ontevreden", "Zeer ontevreden")


def test_spss_user_missing_codes_are_answers_counted_apart(tmp_path: Path) -> None:
    missing = ("Weet niet", "Geen antwoord")
    folder = _folder(
        tmp_path,
        "spss-user-missing",
        [
            question_yaml(
                "tevr", "Hoe tevreden bent u?", "likert", _options(*AGREE5, *missing, non_substantive=missing)
            ),
            question_yaml(
                "klant", "Serieus?", "single", _options("Ja", "Nee", *missing, non_substantive=missing)
            ),
            question_yaml("contact", "Contact via", "multiple", _options("Telefoon", "Balie", "E-mail")),
        ],
        {
            "file": "antwoorden.sav",
            "columns": [
                {
                    "question": "contact",
                    "option_columns": {"telefoon": "kan_tel", "balie": "kan_bal", "e-mail": "kan_mail"},
                }
            ],
        },
    )
    report = bejegening.validate(folder)
    assert report.valid, [p.format() for p in report.problems]
    data = report.bundles[0].responses_data
    assert data is not None
    assert (data.input_rows, data.counted, data.rejected.height) == (12, 12, 0)
    wide = report.bundles[0].responses()
    assert wide is not None
    assert wide.collect()["respondent"].to_list() == [str(n) for n in range(101, 113)]
    freq = _frequencies(folder)
    assert _counts(freq, "tevr") == {
        "zeer-tevreden": 2,
        "tevreden": 3,
        "neutraal": 1,
        "ontevreden": 1,
        "zeer-ontevreden": 1,
        "weet-niet": 3,
        "geen-antwoord": 1,
    }
    assert _base(freq, "tevr") == 8
    assert _counts(freq, "klant") == {"ja": 5, "nee": 3, "weet-niet": 3, "geen-antwoord": 1}
    assert _base(freq, "klant") == 8
    assert _counts(freq, "contact") == {"telefoon": 6, "balie": 4, "e-mail": 4}
    assert _base(freq, "contact") == 12


def test_spss_missing_code_without_label_is_no_answer_and_counted(tmp_path: Path) -> None:
    import pandas as pd  # noqa: PLC0415
    import pyreadstat  # noqa: PLC0415

    folder = tmp_path / "spss99"
    folder.mkdir()
    frame = pd.DataFrame({"resp": [1.0, 2.0, 3.0, 4.0], "tevr": [1.0, 99.0, 2.0, 99.0]})
    pyreadstat.write_sav(
        frame,
        folder / "a.sav",
        variable_value_labels={"tevr": {1: "Tevreden", 2: "Ontevreden"}},
        missing_ranges={"tevr": [99]},
    )
    _write_survey(
        folder,
        "spss99",
        [question_yaml("tevr", "Tevreden?", "single", _options("Tevreden", "Ontevreden"))],
        {"file": "a.sav"},
    )
    warnings = _warnings(folder)
    (warning,) = [w for w in warnings if w.field == "tevr"]
    assert warning.value == "99" and "2 cellen" in warning.message and "geen antwoord" in warning.message
    freq = _frequencies(folder)
    assert _counts(freq, "tevr") == {"tevreden": 1, "ontevreden": 1}
    assert int(freq.filter(pl.col("question") == "tevr")["n_missing"][0]) == 2


# --- Qualtrics: three header rows, a matrix ----------------------------------------------------

AGREE = ("Helemaal oneens", "Oneens", "Neutraal", "Eens", "Helemaal eens")

# The README's counts of the two closed questions (the matrix's first statement).
QUALTRICS_SINGLE = {"tevreden": 2, "ontevreden": 1, "neutraal": 1, "zeer-ontevreden": 1}
QUALTRICS_LUISTERT = {"eens": 1, "helemaal-oneens": 1, "neutraal": 1, "helemaal-eens": 1}


def _qualtrics_questions(single: str, matrix: str) -> list[dict[str, Any]]:
    """The export's two closed questions: a single choice and a three-statement matrix."""
    return [
        question_yaml(
            single,
            "Hoe tevreden bent u over de sociale dienst?",
            "single",
            _options("Zeer tevreden", "Tevreden", "Neutraal", "Ontevreden", "Zeer ontevreden"),
        ),
        question_yaml(
            matrix,
            "Hoe eens bent u het met deze uitspraken?",
            "likert",
            _options(*AGREE),
            items=[
                {"id": "luistert", "text": "Mijn klantmanager luistert naar mij"},
                {"id": "brieven", "text": "Brieven van de gemeente zijn duidelijk"},
                {"id": "terecht", "text": "Ik weet bij wie ik terecht kan"},
            ],
        ),
    ]


def test_qualtrics_header_rows_are_no_respondents(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        "qualtrics-three-header-rows",
        [
            *_qualtrics_questions("q1", "q2"),
            {"id": "q3", "text": "Wat kan beter?", "type": "open", "options_complete": True},
        ],
        {"file": "export.csv"},
    )
    report = bejegening.validate(folder)
    assert report.valid, [p.format() for p in report.problems]
    bundle = report.bundles[0]
    data = bundle.responses_data
    assert data is not None and data.format.value == "qualtrics"
    assert (data.input_rows, data.counted) == (5, 5)
    wide = bundle.responses()
    assert wide is not None
    frame = wide.collect()
    assert frame["respondent"].to_list() == ["R_1aaa", "R_2bbb", "R_3ccc", "R_4ddd", "R_5eee"]
    assert sorted(frame["q3"].drop_nulls().to_list()) == ["Meer uitleg", "Sneller antwoord op mijn vragen"]
    freq = _frequencies(folder)
    assert _counts(freq, "q1") == QUALTRICS_SINGLE
    assert _counts(freq, "q2.luistert") == QUALTRICS_LUISTERT
    assert int(freq.filter(pl.col("question") == "q2.luistert")["n_missing"][0]) == 1
    # Metadata columns are no unused questions; R_5eee (Finished False) is named as unfinished.
    warnings = _warnings(folder)
    assert not [w for w in warnings if "hoort bij geen vraag" in w.message]
    (unfinished,) = [w for w in warnings if "niet afgerond" in w.message]
    assert "R_5eee" in unfinished.message and unfinished.row == 8


def test_qualtrics_question_texts_from_the_second_header_row(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        "qualtrics-three-header-rows",
        _qualtrics_questions("tevreden", "stellingen"),
        {"file": "export.csv", "ignore_columns": ["Q3"]},
    )
    freq = _frequencies(folder)
    assert _counts(freq, "tevreden") == QUALTRICS_SINGLE
    assert _counts(freq, "stellingen.luistert") == QUALTRICS_LUISTERT


# --- SurveyMonkey: two header rows, a checkbox question over several columns -----------------


def test_surveymonkey_checkbox_columns_and_header_rows(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        "surveymonkey-two-header-rows",
        [
            question_yaml(
                "tevreden",
                "Hoe tevreden bent u over uw klantmanager?",
                "single",
                _options("Tevreden", "Neutraal", "Ontevreden"),
            ),
            question_yaml(
                "contact",
                "Hoe had u contact met de sociale dienst? (meer antwoorden mogelijk)",
                "multiple",
                [
                    {"id": "telefoon", "label": "Telefoon"},
                    {"id": "balie", "label": "Aan de balie"},
                    {"id": "email", "label": "E-mail"},
                    {"id": "anders", "label": "Anders (geef aan)"},
                ],
            ),
            {"id": "beter", "text": "Wat kan beter?", "type": "open", "options_complete": True},
        ],
        {"file": "export.csv"},
    )
    report = bejegening.validate(folder)
    assert report.valid, [p.format() for p in report.problems]
    data = report.bundles[0].responses_data
    assert data is not None and data.format.value == "surveymonkey"
    assert (data.input_rows, data.counted) == (4, 4)
    assert not [w for w in _warnings(folder) if "hoort bij geen vraag" in w.message]
    wide = report.bundles[0].responses()
    assert wide is not None
    assert wide.collect()["respondent"].to_list() == ["9001", "9002", "9003", "9004"]
    freq = _frequencies(folder)
    assert _counts(freq, "tevreden") == {"tevreden": 2, "ontevreden": 1, "neutraal": 1}
    assert _counts(freq, "contact") == {"telefoon": 2, "balie": 3, "email": 2, "anders": 1}
    assert _base(freq, "contact") == 4


# --- LimeSurvey with full question texts as headings -----------------------------------------


def _limesurvey_folder(tmp_path: Path, responses: dict[str, Any]) -> Path:
    return _folder(
        tmp_path,
        "limesurvey-full-text-headings",
        [
            question_yaml(
                "tevreden",
                "Hoe tevreden bent u over de sociale dienst?",
                "single",
                _options("Tevreden", "Neutraal", "Ontevreden"),
            ),
            question_yaml(
                "contact", "Hoe kwam u in contact?", "multiple", _options("Telefoon", "Balie", "Anders")
            ),
        ],
        responses,
    )


def test_limesurvey_full_text_headings(tmp_path: Path) -> None:
    folder = _limesurvey_folder(
        tmp_path,
        {"file": "export.csv", "background": {"leeftijd": "Wat is uw leeftijd?"}},
    )
    report = bejegening.validate(folder)
    assert report.valid, [p.format() for p in report.problems]
    data = report.bundles[0].responses_data
    assert data is not None and data.format.value == "limesurvey"
    wide = report.bundles[0].responses()
    assert wide is not None
    assert wide.collect()["respondent"].to_list() == ["1", "4", "5", "7"]
    warnings = _warnings(folder)
    assert not [w for w in warnings if "hoort bij geen vraag" in w.message]
    (unfinished,) = [w for w in warnings if "niet afgerond" in w.message]
    assert "respondent 5" in unfinished.message
    freq = _frequencies(folder)
    assert _counts(freq, "contact") == {"telefoon": 2, "balie": 2, "anders": 1}
    assert _base(freq, "contact") == 3  # response 5 stopped on page 1, before this question


def test_limesurvey_other_code_is_the_anders_option(tmp_path: Path) -> None:
    folder = tmp_path / "lime"
    folder.mkdir()
    (folder / "results.csv").write_text(
        "id,submitdate,lastpage,startlanguage,Q1,Q1[other]\n"
        "1,2026-05-01,2,nl,A1,\n2,2026-05-01,2,nl,-oth-,via de buurvrouw\n3,2026-05-01,2,nl,A2,\n",
        encoding="utf-8",
    )
    _write_survey(
        folder,
        "lime",
        [question_yaml("q1", "Hoe?", "single", _options("Telefoon", "Balie", "Anders"))],
        {
            "file": "results.csv",
            "columns": [{"question": "q1", "values": {"A1": "telefoon", "A2": "balie"}}],
        },
    )
    report = bejegening.validate(folder)
    assert report.valid, [p.format() for p in report.problems]
    assert _counts(_frequencies(folder), "q1") == {"telefoon": 1, "balie": 1, "anders": 1}


# --- Excel as a council keeps it ---------------------------------------------------------------

SATISFACTION = _options(
    "Zeer ontevreden",
    "Ontevreden",
    "Neutraal",
    "Tevreden",
    "Zeer tevreden",
    "Weet niet",
    non_substantive=("Weet niet",),
)


# The codes of the case's README, as written by hand.
EXCEL_CODES = {
    1: "zeer-ontevreden",
    2: "ontevreden",
    3: "neutraal",
    4: "tevreden",
    5: "zeer-tevreden",
    9: "weet-niet",
}


def _excel_folder(tmp_path: Path, **responses: Any) -> Path:
    return _folder(
        tmp_path,
        "excel-title-rows-second-sheet",
        [question_yaml("tevredenheid", "Hoe tevreden bent u?", "likert", SATISFACTION)],
        {"file": "antwoorden.xlsx", "background": {"wijk": "wijk"}, **responses},
    )


def test_excel_title_rows_second_sheet_and_codes(tmp_path: Path) -> None:
    folder = _excel_folder(tmp_path, columns=[{"question": "tevredenheid", "values": EXCEL_CODES}])
    report = bejegening.validate(folder)
    assert report.valid, [p.format() for p in report.problems]
    data = report.bundles[0].responses_data
    assert data is not None
    assert data.file.endswith("antwoorden.xlsx, werkblad 'Antwoorden'")
    assert data.empty_rows == (10,)
    assert (data.input_rows, data.counted, data.rejected.height) == (11, 10, 0)
    (empty,) = [w for w in _warnings(folder) if "lege rij" in w.message]
    assert empty.row == 10 and "rij 10" in empty.message and "afgewezen" not in empty.message
    wide = report.bundles[0].responses()
    assert wide is not None
    assert wide.collect()["respondent"].to_list() == [str(n) for n in range(1, 11)]
    assert _counts(_frequencies(folder), "tevredenheid") == {
        "zeer-tevreden": 2,
        "tevreden": 3,
        "neutraal": 2,
        "ontevreden": 1,
        "zeer-ontevreden": 1,
        "weet-niet": 1,
    }


def test_excel_codes_against_labels_give_one_message_with_a_values_block(tmp_path: Path) -> None:
    folder = _excel_folder(tmp_path)
    errors = bejegening.validate(folder).errors
    (error,) = errors
    assert error.file.endswith("antwoorden.xlsx, werkblad 'Antwoorden'")
    assert error.field == "tevredenheid" and error.row == 4
    assert error.value == "1, 2, 3, 4, 5, 9"
    block = error.message.split("vragenlijst):\n", 1)[1]
    pasted = yaml.safe_load("columns:\n" + block)
    assert pasted["columns"][0]["question"] == "tevredenheid"
    assert pasted["columns"][0]["values"] == {str(code): option for code, option in EXCEL_CODES.items()}


def test_excel_header_not_found_names_the_sheets(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        "excel-title-rows-second-sheet",
        [question_yaml("oordeel", "Welk rapportcijfer geeft u?", "likert", SATISFACTION)],
        {"file": "antwoorden.xlsx"},
    )
    messages = [p.message for p in bejegening.validate(folder).errors]
    assert any("'Toelichting', 'Antwoorden'" in m and "header_row" in m and "sheet" in m for m in messages), (
        messages
    )


# --- Microsoft Forms with description lines in the header -------------------------------------


def test_ms_forms_header_matched_by_its_first_line(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        "ms-forms-multiline-header",
        [
            question_yaml("tevreden", "Hoe tevreden bent u?", "single", _options("Tevreden", "Ontevreden")),
            question_yaml(
                "contact", "Hoe had u contact?", "multiple", _options("Telefoon", "E-mail", "Balie")
            ),
        ],
        {"file": "antwoorden.xlsx"},
    )
    report = bejegening.validate(folder)
    assert report.valid, [p.format() for p in report.problems]
    freq = _frequencies(folder)
    assert _counts(freq, "tevreden") == {"tevreden": 2, "ontevreden": 1}
    assert _counts(freq, "contact") == {"telefoon": 2, "e-mail": 1, "balie": 1}


# --- quiet column handling ----------------------------------------------------------------------


def test_ignore_unmapped_columns_gives_one_summary_warning(tmp_path: Path) -> None:
    folder = tmp_path / "stil"
    folder.mkdir()
    (folder / "a.csv").write_text("nr;q1;x1;x2;;x4\n1;Ja;a;b;c;d\n", encoding="utf-8")
    questions = [question_yaml("q1", "Ja?", "single", _options("Ja", "Nee"))]
    _write_survey(folder, "stil", questions, {"file": "a.csv"})
    loud = _warnings(folder)
    assert [w.field for w in loud] == ["x1", "x2", "kolom 5", "x4"]
    # The empty header is addressable by the name the message gives it.
    _write_survey(
        folder, "stil", questions, {"file": "a.csv", "ignore_columns": ["x1", "x2", "kolom 5", "x4"]}
    )
    assert _warnings(folder) == []
    _write_survey(folder, "stil", questions, {"file": "a.csv", "ignore_unmapped_columns": True})
    (quiet,) = _warnings(folder)
    assert "4 kolommen" in quiet.message and "'kolom 5'" in quiet.message


def test_unknown_labels_in_many_rows_give_one_message(tmp_path: Path) -> None:
    folder = tmp_path / "veel"
    folder.mkdir()
    rows = "\n".join(f"{i};Blij" for i in range(1, 131))
    (folder / "a.csv").write_text(f"nr;q1\n{rows}\n", encoding="utf-8")
    _write_survey(
        folder, "veel", [question_yaml("q1", "Ja?", "single", _options("Ja", "Nee"))], {"file": "a.csv"}
    )
    (error,) = bejegening.validate(folder).errors
    assert error.row == 2 and "130 onbekende waarden" in error.message and "'Blij' (130×)" in error.message


def test_limesurvey_unfinished_response_left_out_when_the_survey_says_so(tmp_path: Path) -> None:
    folder = _limesurvey_folder(
        tmp_path,
        {"file": "export.csv", "ignore_columns": ["Wat is uw leeftijd?"], "leave_out_unfinished": True},
    )
    report = bejegening.validate(folder)
    assert report.valid, [p.format() for p in report.problems]
    data = report.bundles[0].responses_data
    assert data is not None
    assert (data.input_rows, data.counted) == (4, 3)
    assert data.rejected.rows() == [(4, "niet afgerond volgens de export (responses.leave_out_unfinished)")]
    freq = _frequencies(folder)
    assert _counts(freq, "tevreden") == {"tevreden": 2, "ontevreden": 1}  # response 5 (Neutraal) left out
    assert _counts(freq, "contact") == {"telefoon": 2, "balie": 2, "anders": 1}
