"""Columns that identify people (names, e-mail, IP address, recipient and location data of survey
tools) are refused as the source of an open question or a background variable. Fictional data."""

from __future__ import annotations

from pathlib import Path

import pytest

from bejegening.io import scaffold_survey, validate
from bejegening.io._identifying import identifying_kind


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Naam", "naam"),
        ("Name", "naam"),
        ("E-mail", "e-mailadres"),
        ("Email Address", "e-mailadres"),
        ("RecipientEmail", "e-mailadres"),
        ("RecipientFirstName", "naam"),
        ("IPAddress", "IP-adres"),
        ("IP Address", "IP-adres"),
        ("ipaddr", "IP-adres"),
        ("LocationLatitude", "locatie"),
        ("LocationLongitude", "locatie"),
        ("ExternalReference", "ontvangersgegevens"),
        ("token", "ontvangersgegevens"),
        ("Custom Data 1", "ontvangersgegevens"),
        (" e_mailadres ", "e-mailadres"),
        ("Wat kan de sociale dienst beter doen?", None),
        ("Leeftijdsgroep", None),
    ],
)
def test_identifying_headers(header: str, kind: str | None) -> None:
    assert identifying_kind(header) == kind


def _replace(path: Path, *changes: tuple[str, str]) -> None:
    """Replace the first occurrence of each ``(old, new)`` in a text file."""
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def _survey_with_column(tmp_path: Path, header: str, value: str, mapping: str) -> Path:
    folder = tmp_path / "voorbeeld"
    scaffold_survey(folder)
    csv = folder / "antwoorden.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + f";{header}"] + [line + f";{value}" for line in lines[1:]]
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _replace(folder / "survey.yaml", ("  columns: []", mapping))
    return folder


def test_name_column_mapped_to_an_open_question_is_refused(tmp_path: Path) -> None:
    folder = _survey_with_column(
        tmp_path, "Naam", "Jan Fictief", "  columns:\n    - {question: q6, column: Naam}"
    )
    report = validate(folder)
    assert not report.valid
    (problem,) = [p for p in report.errors if p.field == "Naam"]
    assert problem.file.endswith("antwoorden.csv")
    assert "persoonsgegevens (naam)" in problem.message
    assert "open vraag q6" in problem.message


def test_email_column_as_background_is_refused(tmp_path: Path) -> None:
    folder = _survey_with_column(tmp_path, "E-mail", "jan@example.nl", "  columns: []")
    _replace(folder / "survey.yaml", ("    leeftijd: Leeftijdsgroep", "    mail: E-mail"))
    report = validate(folder)
    (problem,) = [p for p in report.errors if p.field == "E-mail"]
    assert "persoonsgegevens (e-mailadres)" in problem.message
    assert "achtergrondkenmerk 'mail'" in problem.message


def test_forms_name_column_found_by_question_text_is_refused(tmp_path: Path) -> None:
    # An open question whose text is "Naam" matches the Forms name column by its heading.
    folder = _survey_with_column(tmp_path, "Naam", "Jan Fictief", "  columns: []")
    _replace(
        folder / "survey.yaml",
        ("text: Wat kan de sociale dienst beter doen?", "text: Naam"),
        ("respondent;q1;q2;q3;q4;q6", "respondent;q1;q2;q3;q4;x6"),
    )
    _replace(folder / "antwoorden.csv", (";q6;", ";x6;"))
    report = validate(folder)
    assert any("persoonsgegevens (naam)" in p.message for p in report.errors), report.problems


def test_ordinary_open_question_is_accepted(tmp_path: Path) -> None:
    folder = tmp_path / "voorbeeld"
    scaffold_survey(folder)
    assert validate(folder).valid
