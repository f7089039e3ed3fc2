"""`bejegening check` through typer's CliRunner, on the bundled data."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bejegening.cli import app

ROOT = Path(__file__).resolve().parent.parent
DATA = str(ROOT / "data")
runner = CliRunner()


def test_text_report_on_both_cases() -> None:
    result = runner.invoke(app, ["check", DATA])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Cijfercontrole: Enquête Bejegening cliënten WPI 2017/2018" in out
    assert "Cijfercontrole: Onderzoek naar de bejegening van klanten van Laborijn" in out
    assert "wpi-amsterdam-2017-2018: 44 controles — 33 consistent, 2 inconsistent, 9 niet toetsbaar." in out
    assert "laborijn: 13 controles — 0 consistent, 0 inconsistent, 13 niet toetsbaar." in out
    assert "Afronding aangenomen: gewoon afronden (0,5 naar boven)." in out


def test_strict_fails_on_inconsistent_figures() -> None:
    result = runner.invoke(app, ["check", DATA, "--strict"])
    assert result.exit_code == 1
    assert "2 inconsistent(e) cijfer(s)." in result.stderr
    only_laborijn = runner.invoke(app, ["check", DATA, "--strict", "--survey", "laborijn"])
    assert only_laborijn.exit_code == 0, only_laborijn.output


def test_json_contract() -> None:
    result = runner.invoke(app, ["check", DATA, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and len(rows) == 57
    required = {"survey", "question", "figure", "status", "consistent_n", "explanation"}
    for row in rows:
        assert required <= row.keys()
        assert row["status"] in {"consistent", "inconsistent", "niet_toetsbaar"}
        assert isinstance(row["consistent_n"], list) and all(isinstance(n, int) for n in row["consistent_n"])
        assert isinstance(row["figure"], str) and isinstance(row["explanation"], str)
    q7 = [r for r in rows if r["question"] == "q7" and r["rule"] == "count_percentage"]
    assert [r["figure"] for r in q7] == ["16 personen (21 %)", "36 personen (47%)", "25 personen (32 %)"]
    assert all(r["consistent_n"] == [77] for r in q7)
    odd = next(r for r in rows if r["finding"] == "q6-intimiderend" and r["rule"] == "count_percentage")
    assert (odd["status"], odd["consistent_n"]) == ("inconsistent", [])


def test_rounding_option() -> None:
    result = runner.invoke(app, ["check", DATA, "--format", "json", "--rounding", "truncate"])
    assert result.exit_code == 0, result.output
    q7 = [r for r in json.loads(result.stdout) if r["question"] == "q7" and r["rule"] == "count_percentage"]
    assert all(r["consistent_n"] == [76] for r in q7)


def test_wrong_usage_exits_2_with_a_dutch_message(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["check", str(tmp_path / "bestaat-niet")])
    assert missing.exit_code == 2
    assert "bestaat niet" in missing.stderr
    unknown = runner.invoke(app, ["check", DATA, "--survey", "onbekend"])
    assert unknown.exit_code == 2
    assert "onbekende enquête 'onbekend'; beschikbaar: laborijn, wpi-amsterdam-2017-2018" in unknown.stderr


FICTIONAL_SURVEY = """\
survey:
  id: fictief
  title: Fictieve enquête (verzonnen cijfers)
  organisation: {name: Fictieve dienst}
  population: {description: Fictieve cliënten}
  sources:
    - {id: bron, title: Fictieve bron}
questions:
  - id: q1
    number: "1"
    text: Fictieve vraag
    type: single
    options_complete: false
    options:
      - {id: a, label: A}
      - {id: b, label: B}
"""

FICTIONAL_FINDINGS = """\
id,question,options,count,percentage,figure,source
a,q1,a,60,60,60 [sic] personen (60%),bron
b,q1,b,50,45,50 personen (45%),bron
"""


def test_report_on_a_fictional_survey_with_brackets(tmp_path: Path) -> None:
    folder = tmp_path / "fictief"
    folder.mkdir()
    (folder / "survey.yaml").write_text(FICTIONAL_SURVEY, encoding="utf-8")
    (folder / "findings.csv").write_text(FICTIONAL_FINDINGS, encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path), "--strict"])
    # 60 (60%) needs n = 100, 50 (45%) needs n = 110..112: a tie, both inconsistent; the
    # percentages add up to 105% (at least 104% before rounding); the counts (110) fit n = 110..112.
    assert result.exit_code == 1, result.output
    assert "60 [sic] personen (60%)" in result.stdout
    assert "fictief: 4 controles — 1 consistent, 3 inconsistent, 0 niet toetsbaar." in result.stdout
