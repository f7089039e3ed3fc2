"""Every error path of loading: each malformed file names the file, the line or row, the field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

import bejegening
from bejegening.model import Severity

VALID_YAML = """\
survey:
  id: proef
  title: Proefenquête (fictief)
  organisation: {name: Sociale dienst Voorbeeld}
  population: {description: Cliënten (fictief)}
  mode: online
  fieldwork_start: 2024-01-01
  fieldwork_end: 2024-02-01
  sources:
    - {id: rapport, title: Rapport (fictief)}
themes:
  - {id: bejegening, label: Bejegening}
questions:
  - id: q1
    number: "1"
    text: Hoe ervaart u de bejegening?
    type: single
    options_complete: true
    themes: [bejegening]
    options:
      - {id: goed, label: Goed, valence: positive}
      - {id: slecht, label: Slecht, valence: negative}
recommendations:
  - id: advies-1
    title: Vraag door
    summary: Vraag door bij cliënten.
    questions: [q1]
    findings: [q1-goed]
    source: {source: rapport}
    history:
      - {date: 2024-03-01, status: uitgebracht}
"""

VALID_CSV = """\
id,question,options,count,percentage,source,section,quote
q1-goed,q1,goed,12,60,rapport,Uitkomsten,12 personen (60%)
q1-slecht,q1,slecht,8,40,rapport,Uitkomsten,8 personen (40%)
"""


def make_survey(tmp_path: Path, yaml_text: str = VALID_YAML, csv_text: str | None = VALID_CSV) -> Path:
    folder = tmp_path / "proef"
    folder.mkdir()
    (folder / "survey.yaml").write_text(yaml_text, encoding="utf-8")
    if csv_text is not None:
        (folder / "findings.csv").write_text(csv_text, encoding="utf-8")
    return folder


def test_the_valid_fixture_loads(tmp_path: Path) -> None:
    bundle = bejegening.load(make_survey(tmp_path))
    assert bundle.id == "proef"
    assert [f.count for f in bundle.findings] == [12, 8]
    assert bundle.warnings == ()


@dataclass(frozen=True)
class Case:
    name: str
    old: str
    new: str
    in_csv: bool
    file: str
    message: str
    field: str | None = None
    line: int | None = None
    row: int | None = None


CASES = [
    Case(
        "yaml syntax error",
        "  title: Proefenquête (fictief)\n",
        "  title: [niet gesloten\n",
        False,
        "survey.yaml",
        "YAML-syntaxfout",
        line=4,
    ),
    Case(
        "unknown key with suggestion",
        "  title: Proef",
        "  titel: Proef",
        False,
        "survey.yaml",
        "onbekend veld (bedoelde u 'title'?)",
        field="survey.titel",
        line=3,
    ),
    Case(
        "missing required field",
        "    text: Hoe ervaart u de bejegening?\n",
        "",
        False,
        "survey.yaml",
        "verplicht veld ontbreekt",
        field="questions[0].text",
        line=14,
    ),
    Case(
        "unknown question type",
        "    type: single",
        "    type: singel",
        False,
        "survey.yaml",
        "verwacht een van: single, multiple, likert, open, numeric (bedoelde u 'single'?)",
        field="questions[0].type",
        line=17,
    ),
    Case(
        "fieldwork end before start",
        "fieldwork_end: 2024-02-01",
        "fieldwork_end: 2023-12-01",
        False,
        "survey.yaml",
        "fieldwork_end (2023-12-01) ligt vóór fieldwork_start (2024-01-01)",
        field="survey.fieldwork_end",
        line=8,
    ),
    Case(
        "impossible date",
        "fieldwork_start: 2024-01-01",
        "fieldwork_start: 2024-13-45",
        False,
        "survey.yaml",
        "verwacht een datum als JJJJ-MM-DD",
        field="survey.fieldwork_start",
        line=7,
    ),
    Case(
        "id with capitals and space",
        "  - id: q1\n",
        "  - id: Vraag 1\n",
        False,
        "survey.yaml",
        "ongeldige id",
        field="questions[0].id",
        line=14,
    ),
    Case(
        "duplicate option id",
        "      - {id: slecht, label: Slecht",
        "      - {id: goed, label: Slecht",
        False,
        "survey.yaml",
        "antwoordoptie-id komt meer dan eens voor",
        field="questions[0].options[1].id",
        line=22,
    ),
    Case(
        "duplicate yaml key",
        "  mode: online\n",
        "  mode: online\n  mode: paper\n",
        False,
        "survey.yaml",
        "sleutel staat dubbel (eerder op regel 6)",
        field="survey.mode",
        line=7,
    ),
    Case(
        "dangling theme",
        "    themes: [bejegening]",
        "    themes: [bejegenning]",
        False,
        "survey.yaml",
        "onbekende thema (bedoelde u 'bejegening'?)",
        field="questions[0].themes[0]",
        line=19,
    ),
    Case(
        "dangling finding in recommendation",
        "    findings: [q1-goed]",
        "    findings: [q1-goe]",
        False,
        "survey.yaml",
        "onbekende bevinding (bedoelde u 'q1-goed'?)",
        field="recommendations[0].findings[0]",
        line=28,
    ),
    Case(
        "status outside the vocabulary",
        "status: uitgebracht",
        "status: afgerond",
        False,
        "survey.yaml",
        "verwacht een van: uitgebracht, reactie_ontvangen",
        field="recommendations[0].history[0].status",
        line=31,
    ),
    Case(
        "unknown key in an option",
        "{id: goed, label: Goed, valence: positive}",
        "{id: goed, lable: Goed, valence: positive}",
        False,
        "survey.yaml",
        "onbekend veld (bedoelde u 'label'?)",
        field="questions[0].options[0].lable",
        line=21,
    ),
    Case(
        "dangling source",
        "    source: {source: rapport}",
        "    source: {source: raport}",
        False,
        "survey.yaml",
        "onbekende bron (bedoelde u 'rapport'?)",
        field="recommendations[0].source.source",
        line=29,
    ),
    Case(
        "negative population size",
        "  population: {description: Cliënten (fictief)}",
        "  population: {description: Cliënten (fictief), size: -3}",
        False,
        "survey.yaml",
        "moet minstens 1 zijn",
        field="survey.population.size",
        line=5,
    ),
    Case(
        "no sources",
        "  sources:\n    - {id: rapport, title: Rapport (fictief)}\n",
        "  sources: []\n",
        False,
        "survey.yaml",
        "verwacht minstens 1 item(s)",
        field="survey.sources",
        line=9,
    ),
    Case(
        "unknown option in findings",
        "q1-goed,q1,goed,",
        "q1-goed,q1,goe,",
        True,
        "findings.csv",
        "onbekende antwoordoptie van vraag q1 (bedoelde u 'goed'?)",
        field="options",
        row=1,
    ),
    Case(
        "negative count",
        ",slecht,8,40,",
        ",slecht,-8,40,",
        True,
        "findings.csv",
        "moet minstens 0 zijn",
        field="count",
        row=2,
    ),
    Case(
        "fractional count",
        ",slecht,8,40,",
        ",slecht,8.5,40,",
        True,
        "findings.csv",
        "verwacht een geheel getal",
        field="count",
        row=2,
    ),
    Case(
        "text as percentage",
        ",goed,12,60,",
        ",goed,12,zestig,",
        True,
        "findings.csv",
        "verwacht een getal",
        field="percentage",
        row=1,
    ),
    Case(
        "unknown column",
        "id,question,options,count",
        "id,question,options,aantal",
        True,
        "findings.csv",
        "onbekende kolom",
        field="aantal",
        row=0,
    ),
    Case(
        "missing id column",
        "id,question,",
        "ident,question,",
        True,
        "findings.csv",
        "verplichte kolom ontbreekt",
        field="id",
        row=0,
    ),
    Case(
        "row with too many values",
        "8 personen (40%)\n",
        "8 personen (40%),extra\n",
        True,
        "findings.csv",
        "rij heeft 9 waarden, de kopregel 8 kolommen",
        row=2,
    ),
    Case(
        "duplicate finding id",
        "q1-slecht,q1,slecht",
        "q1-goed,q1,slecht",
        True,
        "findings.csv",
        "bevinding-id komt meer dan eens voor",
        field="id",
        row=2,
    ),
    Case(
        "dangling question in findings",
        "q1-slecht,q1,slecht",
        "q1-slecht,q2,slecht",
        True,
        "findings.csv",
        "onbekende vraag",
        field="question",
        row=2,
    ),
    Case(
        "finding without any figure",
        "q1-slecht,q1,slecht,8,40,",
        "q1-slecht,q1,slecht,,,",
        True,
        "findings.csv",
        "een bevinding heeft een aantal, percentage, gemiddelde, kwantor of uitspraak nodig",
        row=2,
    ),
    Case(
        "options without a question",
        "q1-slecht,q1,slecht",
        "q1-slecht,,slecht",
        True,
        "findings.csv",
        "options vraagt ook een question",
        field="question",
        row=2,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_malformed_input_is_reported_with_its_location(tmp_path: Path, case: Case) -> None:
    yaml_text, csv_text = VALID_YAML, VALID_CSV
    if case.in_csv:
        assert case.old in csv_text
        csv_text = csv_text.replace(case.old, case.new, 1)
    else:
        assert case.old in yaml_text
        yaml_text = yaml_text.replace(case.old, case.new, 1)
    folder = make_survey(tmp_path, yaml_text, csv_text)
    report = bejegening.validate(folder)
    assert not report.valid
    matching = [p for p in report.errors if case.message in p.message]
    assert matching, [p.format() for p in report.problems]
    problem = matching[0]
    assert problem.file.endswith(f"proef/{case.file}")
    if case.field is not None:
        assert problem.field == case.field
    if case.line is not None:
        assert problem.line == case.line
    if case.row is not None:
        assert problem.row == case.row
    with pytest.raises(bejegening.DataError) as raised:
        bejegening.load(folder)
    assert case.message in str(raised.value)


def test_all_errors_are_reported_at_once(tmp_path: Path) -> None:
    yaml_text = VALID_YAML.replace("type: single", "type: singel").replace("title: Proef", "titel: Proef")
    folder = make_survey(tmp_path, yaml_text)
    report = bejegening.validate(folder)
    assert {p.field for p in report.errors} == {"questions[0].type", "survey.titel", "survey.title"}


def test_csv_errors_in_several_rows_are_all_reported(tmp_path: Path) -> None:
    csv_text = VALID_CSV.replace(",12,60,", ",-1,60,").replace(",8,40,", ",8,veertig,")
    report = bejegening.validate(make_survey(tmp_path, csv_text=csv_text))
    assert [(p.row, p.field) for p in report.errors] == [(1, "count"), (2, "percentage")]


def test_empty_yaml(tmp_path: Path) -> None:
    report = bejegening.validate(make_survey(tmp_path, ""))
    assert [p.message for p in report.errors] == ["bestand is leeg"]


def test_yaml_that_is_a_list(tmp_path: Path) -> None:
    report = bejegening.validate(make_survey(tmp_path, "- a\n- b\n"))
    assert report.errors[0].message == "verwacht een blok met velden bovenaan het bestand"


def test_yaml_that_is_not_utf8(tmp_path: Path) -> None:
    folder = make_survey(tmp_path)
    (folder / "survey.yaml").write_bytes(VALID_YAML.encode("cp1252"))
    report = bejegening.validate(folder)
    assert report.errors[0].message.startswith("bestand is geen UTF-8-tekst")


def test_empty_findings_file(tmp_path: Path) -> None:
    report = bejegening.validate(make_survey(tmp_path, csv_text=""))
    assert report.errors[0].message.startswith("bestand is leeg")
    assert report.errors[0].file.endswith("findings.csv")


def test_findings_in_windows_1252_load_with_a_warning(tmp_path: Path) -> None:
    folder = make_survey(tmp_path)
    (folder / "findings.csv").write_bytes(VALID_CSV.replace("Uitkomsten", "Uitkomsten één").encode("cp1252"))
    report = bejegening.validate(folder)
    assert report.valid
    assert report.bundles[0].findings[0].source.section == "Uitkomsten één"
    assert "Windows-1252" in report.warnings[0].message


def test_semicolon_delimited_findings_with_decimal_comma(tmp_path: Path) -> None:
    csv_text = "id;question;options;count;percentage;source\nq1-goed;q1;goed;12;60,5;rapport\n"
    bundle = bejegening.load(make_survey(tmp_path, csv_text=csv_text))
    assert bundle.findings[0].percentage == 60.5


def test_blank_row_is_reported_not_silently_dropped(tmp_path: Path) -> None:
    report = bejegening.validate(make_survey(tmp_path, csv_text=VALID_CSV + ",,,,,,,\n"))
    assert report.valid
    assert [(p.row, p.message, p.severity) for p in report.warnings] == [
        (3, "lege rij overgeslagen", Severity.warning)
    ]


def test_recommendation_without_evidence_is_a_warning(tmp_path: Path) -> None:
    yaml_text = VALID_YAML.replace("    questions: [q1]\n    findings: [q1-goed]\n", "")
    report = bejegening.validate(make_survey(tmp_path, yaml_text))
    assert report.valid
    (warning,) = report.warnings
    assert warning.field == "recommendations[0]"
    assert warning.line == 24
    assert "geen onderbouwing" in warning.message


def test_folder_without_survey_yaml(tmp_path: Path) -> None:
    report = bejegening.validate(tmp_path)
    assert report.errors[0].message == "geen enkele map met een survey.yaml gevonden"
    report = bejegening.validate(tmp_path / "bestaat-niet")
    assert report.errors[0].message == "map of bestand bestaat niet"


def test_two_surveys_with_the_same_id(tmp_path: Path) -> None:
    make_survey(tmp_path)
    second = tmp_path / "kopie"
    second.mkdir()
    (second / "survey.yaml").write_text(VALID_YAML, encoding="utf-8")
    (second / "findings.csv").write_text(VALID_CSV, encoding="utf-8")
    report = bejegening.validate(tmp_path)
    assert [p.message for p in report.errors] == ["twee enquêtes hebben dezelfde id"] * 2


def test_missing_findings_file_named_explicitly(tmp_path: Path) -> None:
    yaml_text = VALID_YAML + "findings_file: cijfers.csv\n"
    report = bejegening.validate(make_survey(tmp_path, yaml_text))
    assert report.errors[0].field == "findings_file"
    assert report.errors[0].line == 32
