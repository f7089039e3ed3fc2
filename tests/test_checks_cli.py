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


def test_invalid_input_exits_2_with_a_dutch_message(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["check", str(tmp_path / "bestaat-niet")])
    assert missing.exit_code == 2
    assert "bestaat niet" in missing.stderr
    unknown = runner.invoke(app, ["check", DATA, "--survey", "onbekend"])
    assert unknown.exit_code == 2
    assert "onbekende enquête 'onbekend'; beschikbaar: laborijn, wpi-amsterdam-2017-2018" in unknown.stderr
