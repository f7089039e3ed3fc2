"""``init --from`` an SPSS file (issue 13): declared multiple-response sets become one multiple
question, and the measurement level decides the type. The .sav files are FICTIONAL, written by
``pyreadstat.write_sav``; the sets are added to its dictionary by ``tests/fixtures/sav_records.py``
(pyreadstat cannot write them). Expected counts are taken from the fictional people directly."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import pyreadstat
import pytest
import yaml

import bejegening
from bejegening.io import survey_from_export
from tests.fixtures import exports
from tests.fixtures.sav_records import (
    add_multiple_response_sets,
    category_set,
    counted_value_set,
    dichotomy_set,
)

PEOPLE = exports.people()


def _survey(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((folder / "survey.yaml").read_text(encoding="utf-8"))
    return data


def _question(survey: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(q for q in survey["questions"] if q["id"] == qid)


def _contact_answers(folder: Path, qid: str, ids: dict[str, str]) -> list[str | None]:
    """The question's answers as read; asserts the counts per option against the fictional people
    (``ids``: option label → id)."""
    frame = bejegening.load(folder).responses()
    assert frame is not None
    answers: list[str | None] = frame.collect()[qid].to_list()
    found = Counter(option for cell in answers if cell for option in cell.split("|"))
    expected = Counter(c for p in PEOPLE if p.contact for c in p.contact)
    assert found == {ids[label]: n for label, n in expected.items()}
    return answers


def test_dichotomy_set_is_one_multiple_question_in_the_sets_order(tmp_path: Path) -> None:
    path = exports.spss(tmp_path, PEOPLE)
    variables = ["con_1", "con_3", "con_2"]  # the set's own order, not the file's
    add_multiple_response_sets(path, [dichotomy_set("contact", exports.Q_CONTACT, "1", variables)])
    _, meta = pyreadstat.read_sav(str(path), metadataonly=True)
    assert meta.mr_sets["contact"]["variable_list"] == variables  # the fixture is a real MRSETS record
    folder = tmp_path / "enquete"
    survey_from_export(folder, path)
    survey = _survey(folder)
    contact = _question(survey, "contact")
    assert contact["type"] == "multiple"
    assert contact["text"] == exports.Q_CONTACT
    assert [o["label"] for o in contact["options"]] == ["Telefoon", "E-mail", "Balie"]
    mapping = next(c for c in survey["responses"]["columns"] if c["question"] == "contact")
    assert mapping["option_columns"] == {"telefoon": "con_1", "e-mail": "con_3", "balie": "con_2"}
    assert [q["id"] for q in survey["questions"] if q["id"].startswith("con")] == ["contact"]
    assert "meerkeuzeset $contact" in (folder / "survey.yaml").read_text(encoding="utf-8")

    answers = _contact_answers(
        folder, "contact", {"Telefoon": "telefoon", "Balie": "balie", "E-mail": "e-mail"}
    )
    assert sum(cell is None for cell in answers) == sum(p.contact is None for p in PEOPLE)


def test_dichotomy_set_counting_another_value_is_flagged(tmp_path: Path) -> None:
    path = exports.spss(tmp_path, PEOPLE)
    add_multiple_response_sets(path, [dichotomy_set("contact", "Contact", "2", ["con_1", "con_2", "con_3"])])
    folder = tmp_path / "enquete"
    survey_from_export(folder, path)
    text = (folder / "survey.yaml").read_text(encoding="utf-8")
    assert "NOG NAKIJKEN: het SPSS-bestand telt de waarde 2 als gekozen" in text


def test_dichotomy_set_counting_a_value_labelled_ja_is_read_without_a_note(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "resp": [float(p.id) for p in PEOPLE],
            **{
                f"con_{k}": [None if p.contact is None else 2.0 if o in p.contact else 1.0 for p in PEOPLE]
                for k, o in enumerate(exports.CONTACT, 1)
            },
        }
    )
    path = tmp_path / "ja-nee.sav"
    pyreadstat.write_sav(
        frame,
        path,
        column_labels={f"con_{k}": o for k, o in enumerate(exports.CONTACT, 1)},
        variable_value_labels={f"con_{k}": {1.0: "Nee", 2.0: "Ja"} for k in range(1, 4)},
    )
    add_multiple_response_sets(path, [dichotomy_set("contact", "Contact", "2", ["con_1", "con_2", "con_3"])])
    folder = tmp_path / "enquete"
    survey_from_export(folder, path)
    assert "NOG NAKIJKEN" not in (folder / "survey.yaml").read_text(encoding="utf-8")
    _contact_answers(folder, "contact", {"Telefoon": "telefoon", "Balie": "balie", "E-mail": "e-mail"})


def test_dichotomy_set_named_by_counted_value_labels(tmp_path: Path) -> None:
    """SPSS CATEGORYLABELS=COUNTEDVALUES (set type E): each variable's label of the counted value
    names its option; the variable labels are only "Kanaal 1", "Kanaal 2", …"""
    frame = pd.DataFrame(
        {
            "resp": [float(p.id) for p in PEOPLE],
            **{
                f"k{k}": [None if p.contact is None else float(o in p.contact) for p in PEOPLE]
                for k, o in enumerate(exports.CONTACT, 1)
            },
        }
    )
    path = tmp_path / "kanalen.sav"
    pyreadstat.write_sav(
        frame,
        path,
        column_labels={f"k{k}": f"Kanaal {k}" for k in range(1, 4)},
        variable_value_labels={f"k{k}": {1.0: o} for k, o in enumerate(exports.CONTACT, 1)},
    )
    add_multiple_response_sets(
        path, [counted_value_set("kanaal", exports.Q_CONTACT, "1", ["k1", "k2", "k3"])]
    )
    _, meta = pyreadstat.read_sav(str(path), metadataonly=True)
    assert meta.mr_sets["kanaal"]["type"] == "E"
    folder = tmp_path / "enquete"
    survey_from_export(folder, path)
    question = _question(_survey(folder), "kanaal")
    assert [o["label"] for o in question["options"]] == list(exports.CONTACT)
    _contact_answers(folder, "kanaal", {o["label"]: o["id"] for o in question["options"]})


def _measures(tmp_path: Path) -> Path:
    """A fictional file with one variable per measurement level case."""
    agree = {1.0: "Helemaal eens", 2.0: "Eens", 3.0: "Neutraal", 4.0: "Oneens", 5.0: "Helemaal oneens"}
    frame = pd.DataFrame(
        {
            "resp": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            "nom_eens": [1.0, 2.0, 3.0, 4.0, 5.0, 1.0],
            "ord_eens": [1.0, 2.0, 3.0, 4.0, 5.0, 2.0],
            "ord_niveau": [1.0, 2.0, 3.0, 1.0, 2.0, 3.0],
            "kinderen": [0.0, 1.0, 2.0, 3.0, 1.0, 0.0],
            "leeftijd": [23.0, 35.0, 99.0, 61.0, 47.0, 99.0],
            "schaal_gelabeld": [1.0, 2.0, 3.0, 4.0, 5.0, 3.0],
            "gemeente": [3.0, 7.0, 3.0, 12.0, 7.0, 3.0],
        }
    )
    path = tmp_path / "meetniveau.sav"
    pyreadstat.write_sav(
        frame,
        path,
        column_labels={
            "nom_eens": "Stelling als nominaal",
            "ord_eens": "Stelling als ordinaal",
            "ord_niveau": "Opleidingsniveau",
            "kinderen": "Aantal kinderen",
            "leeftijd": "Leeftijd",
            "schaal_gelabeld": "Tevredenheid als schaal",
            "gemeente": "Gemeentecode",
        },
        variable_value_labels={
            "nom_eens": agree,
            "ord_eens": agree,
            "ord_niveau": {1.0: "Laag", 2.0: "Midden", 3.0: "Hoog"},
            "leeftijd": {99.0: "Weet niet"},
            "schaal_gelabeld": agree,
        },
        missing_ranges={"leeftijd": [99]},
        variable_measure={
            "nom_eens": "nominal",
            "ord_eens": "ordinal",
            "ord_niveau": "ordinal",
            "kinderen": "scale",
            "leeftijd": "scale",
            "schaal_gelabeld": "scale",
            "gemeente": "nominal",
        },
    )
    return path


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("meetniveau")
    folder = root / "enquete"
    survey_from_export(folder, _measures(root))
    return folder, _survey(folder)


@pytest.mark.parametrize(
    ("qid", "qtype"),
    [
        ("nom_eens", "single"),  # nominal: no order, even on an agree scale
        ("ord_eens", "likert"),  # ordinal on an agree scale
        ("ord_niveau", "single"),  # ordinal, labels no known scale
        ("kinderen", "numeric"),  # scale: a number even with few distinct values
        ("leeftijd", "numeric"),  # scale with only a missing code labelled
        ("schaal_gelabeld", "likert"),  # scale, but every value labelled: kept as options
        ("gemeente", "single"),  # nominal numbers are codes, not numbers
    ],
)
def test_measurement_level_gives_the_type(
    measured: tuple[Path, dict[str, Any]], qid: str, qtype: str
) -> None:
    _, survey = measured
    assert _question(survey, qid.replace("_", "-"))["type"] == qtype


def test_measurement_level_is_named_in_a_comment(measured: tuple[Path, dict[str, Any]]) -> None:
    folder, _ = measured
    text = (folder / "survey.yaml").read_text(encoding="utf-8")
    assert "Meetniveau in het SPSS-bestand: nominaal." in text
    assert "Meetniveau in het SPSS-bestand: ordinaal." in text
    assert "Elke waarde heeft een label, dus gelezen als keuzevraag" in text


def test_declared_missing_code_of_a_number_question_is_no_number(
    measured: tuple[Path, dict[str, Any]],
) -> None:
    folder, _ = measured
    bundle = bejegening.load(folder)
    frame = bundle.responses()
    assert frame is not None
    ages = frame.collect()["leeftijd"].to_list()
    assert ages == [23.0, 35.0, None, 61.0, 47.0, None]
    assert bundle.responses_data is not None and bundle.responses_data.counted == 6
    assert _question(_survey(folder), "gemeente")["options"][0]["label"] in {"3", "7", "12"}


def test_category_set_is_one_multiple_question_read_from_its_code_columns(tmp_path: Path) -> None:
    """Each variable of the set holds one chosen code (first, second, third mention)."""
    codes = {label: float(k) for k, label in enumerate(exports.CONTACT, 1)}
    mentions = {
        f"noem_{k}": [
            codes[p.contact[k - 1]] if p.contact is not None and len(p.contact) >= k else None for p in PEOPLE
        ]
        for k in range(1, 4)
    }
    path = tmp_path / "noemingen.sav"
    pyreadstat.write_sav(
        pd.DataFrame({"resp": [float(p.id) for p in PEOPLE], **mentions}),
        path,
        column_labels={f"noem_{k}": f"Contact, noeming {k}" for k in range(1, 4)},
        variable_value_labels={name: {v: k for k, v in codes.items()} for name in mentions},
    )
    add_multiple_response_sets(path, [category_set("kanaal", exports.Q_CONTACT, list(mentions))])
    _, meta = pyreadstat.read_sav(str(path), metadataonly=True)
    assert meta.mr_sets["kanaal"]["type"] == "C"
    folder = tmp_path / "enquete"
    survey_from_export(folder, path)
    survey = _survey(folder)
    (question,) = [q for q in survey["questions"] if q["id"] != "resp"]
    assert (question["id"], question["type"], question["text"]) == ("kanaal", "multiple", exports.Q_CONTACT)
    assert [o["label"] for o in question["options"]] == list(exports.CONTACT)
    (mapping,) = survey["responses"]["columns"]
    assert mapping == {"question": "kanaal", "category_columns": ["noem_1", "noem_2", "noem_3"]}

    ids = {o["label"]: o["id"] for o in question["options"]}
    answers = _contact_answers(folder, "kanaal", ids)
    assert sum(cell is None for cell in answers) == sum(p.contact is None for p in PEOPLE)
    # one person's answer, by hand: the options in questionnaire order, joined by |
    first = next(p for p in PEOPLE if p.contact and len(p.contact) > 1)
    position = [p.id for p in PEOPLE].index(first.id)
    assert answers[position] == "|".join(ids[c] for c in exports.CONTACT if c in first.contact)


def test_category_columns_with_an_unknown_code_name_row_and_column(tmp_path: Path) -> None:
    folder = tmp_path / "enquete"
    folder.mkdir()
    (folder / "antwoorden.csv").write_text(
        "respondent;noem_1;noem_2\nr1;Telefoon;Balie\nr2;Per duif;\nr3;;\n", encoding="utf-8"
    )
    (folder / "survey.yaml").write_text(
        yaml.safe_dump(
            {
                "survey": exports_survey(),
                "questions": [
                    {
                        "id": "kanaal",
                        "text": exports.Q_CONTACT,
                        "type": "multiple",
                        "options_complete": True,
                        "options": [
                            {"id": "telefoon", "label": "Telefoon"},
                            {"id": "balie", "label": "Balie"},
                        ],
                    }
                ],
                "responses": {
                    "file": "antwoorden.csv",
                    "invalid_rows": "reject",
                    "columns": [{"question": "kanaal", "category_columns": ["noem_1", "noem_2"]}],
                },
            },
            allow_unicode=True,
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    bundle = bejegening.load(folder)
    data = bundle.responses_data
    assert data is not None
    assert data.rejected.rows() == [(3, data.rejected["reason"][0])]
    assert "kolom 'noem_1' = 'Per duif': onbekend antwoord voor vraag kanaal" in data.rejected["reason"][0]
    frame = bundle.responses()
    assert frame is not None
    assert frame.collect()["kanaal"].to_list() == ["telefoon|balie", None]


def exports_survey() -> dict[str, Any]:
    from tests.fixtures.answers import SURVEY  # noqa: PLC0415

    return dict(SURVEY["survey"])
