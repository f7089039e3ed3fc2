"""`bejegening stats` through typer's CliRunner on the bundled real cases."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from bejegening.cli import app
from bejegening.stats import FREQUENCY_SCHEMA

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
WPI = "wpi-amsterdam-2017-2018"


def test_stats_json_contract() -> None:
    result = runner.invoke(app, ["stats", str(ROOT / "data"), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and rows
    required = {"survey", "question", "option", "n", "base", "pct", "ci_low", "ci_high", "published"}
    for row in rows:
        assert required <= set(row)
        assert list(row) == list(FREQUENCY_SCHEMA)
        for key in ("pct", "ci_low", "ci_high", "pct_published"):
            assert row[key] is None or 0.0 <= row[key] <= 1.0
    assert {r["survey"] for r in rows} == {WPI}  # Laborijn has no questions with per-option figures
    q7 = {r["option"]: r for r in rows if r["question"] == "q7"}
    assert q7["overdreven"]["n"] == 36
    assert q7["overdreven"]["pct_published"] == 0.47
    assert q7["overdreven"]["published"] is True
    assert q7["_niet_gepubliceerd"]["published"] is False


def test_stats_one_survey_as_csv() -> None:
    result = runner.invoke(app, ["stats", str(ROOT / "data"), "--survey", WPI, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == list(FREQUENCY_SCHEMA)
    assert {r["question"] for r in rows} == {"q3", "q4", "q6", "q7", "q8", "q9", "q12"}
    assert rows[0]["n"] == "26" and rows[0]["pct_published"] == "0.21"


def test_stats_table_is_dutch() -> None:
    result = runner.invoke(app, ["stats", str(ROOT / "data")])
    assert result.exit_code == 0, result.output
    assert "Vraag 7: Bij sommige loketten" in result.stdout
    assert "47%" in result.stdout
    assert "basis onbekend" in result.stdout
    assert "Geen vragen met cijfers per antwoordoptie." in result.stdout  # Laborijn


def test_stats_unknown_survey_is_a_dutch_error() -> None:
    result = runner.invoke(app, ["stats", str(ROOT / "data"), "--survey", "bestaat-niet"])
    assert result.exit_code == 1
    assert "onbekende enquête 'bestaat-niet'" in result.stderr
    assert "laborijn" in result.stderr


def test_stats_invalid_data_dir() -> None:
    result = runner.invoke(app, ["stats", str(ROOT / "bestaat-niet")])
    assert result.exit_code == 1
    assert "bestaat niet" in result.stderr
