"""`bejegening validate`, `--version` and `schema` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import bejegening
from bejegening.cli import app
from bejegening.io import scaffold_survey, schema_files

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"bejegening {bejegening.__version__}"


def test_validate_bundled_data_lists_both_surveys() -> None:
    result = runner.invoke(app, ["validate", str(ROOT / "data")])
    assert result.exit_code == 0, result.output
    assert "laborijn: Onderzoek naar de bejegening van klanten van Laborijn" in result.stdout
    assert "wpi-amsterdam-2017-2018: Enquête Bejegening cliënten WPI 2017/2018 — 7 vragen" in result.stdout
    assert "Geldig: 2 enquête(s)." in result.stderr


def test_validate_json_contract() -> None:
    result = runner.invoke(app, ["validate", str(ROOT / "data"), "--format", "json"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert set(payload) == {"valid", "surveys", "errors", "warnings"}
    assert payload["valid"] is True
    assert payload["errors"] == []
    assert [(s["id"], s["questions"], s["recommendations"]) for s in payload["surveys"]] == [
        ("laborijn", 0, 10),
        ("wpi-amsterdam-2017-2018", 7, 6),
    ]
    assert set(payload["surveys"][0]) >= {"id", "title", "questions", "recommendations"}
    (warning,) = payload["warnings"]
    assert set(warning) == {"file", "line", "row", "field", "value", "message", "severity"}
    assert warning["value"] == "stakeholders"


def test_validate_invalid_exits_1_with_dutch_message_and_no_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "kapot"
    folder.mkdir()
    (folder / "survey.yaml").write_text("survey:\n  id: kapot\n  titel: x\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "survey.yaml:3, veld 'survey.titel': onbekend veld (bedoelde u 'title'?)" in result.stderr
    assert "survey.yaml:1, veld 'survey.title': verplicht veld ontbreekt" in result.stderr
    assert "Ongeldig:" in result.stderr


def test_validate_invalid_json_shape(tmp_path: Path) -> None:
    folder = tmp_path / "kapot"
    folder.mkdir()
    (folder / "survey.yaml").write_text("survey: [\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(folder), "--format", "json"])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["valid"] is False
    assert payload["surveys"] == []
    (error,) = payload["errors"]
    assert error["file"].endswith("kapot/survey.yaml")
    assert error["line"] == 2
    assert error["message"].startswith("YAML-syntaxfout")


def test_committed_json_schema_is_up_to_date(tmp_path: Path) -> None:
    for name, text in schema_files().items():
        committed = (ROOT / "data" / "schema" / name).read_text(encoding="utf-8")
        assert committed == text, f"data/schema/{name} is outdated: run `make schema`"
    result = runner.invoke(app, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["finding.schema.json", "survey.schema.json"]


def test_bundled_yaml_declares_the_schema_for_editors() -> None:
    for folder in ("wpi-amsterdam-2017-2018", "laborijn"):
        first = (ROOT / "data" / folder / "survey.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/survey.schema.json"


def test_validate_accounts_for_every_answers_row(tmp_path: Path) -> None:
    folder = tmp_path / "eigen"
    scaffold_survey(folder)
    answers = folder / "antwoorden.csv"
    lines = answers.read_text(encoding="utf-8").splitlines()
    input_rows = len([line for line in lines[1:] if line.strip()])
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"{input_rows} rijen gelezen, {input_rows} meegeteld, 0 afgewezen" in result.stdout
    payload = json.loads(runner.invoke(app, ["validate", str(folder), "--format", "json"]).stdout)
    (survey,) = payload["surveys"]
    assert survey["responses"]["input_rows"] == input_rows
    assert survey["responses"]["counted"] + survey["responses"]["rejected"] == input_rows
    assert survey["responses"]["file"].endswith("antwoorden.csv")
