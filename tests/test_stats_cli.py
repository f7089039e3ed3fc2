"""`bejegening stats` through typer's CliRunner on the bundled real cases."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

import bejegening
from bejegening.checks import inferred_bases
from bejegening.cli import app
from bejegening.stats import FREQUENCY_SCHEMA
from tests.fixtures import answers

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
        assert list(row) == [*FREQUENCY_SCHEMA, "suppression"]
        for key in ("pct", "ci_low", "ci_high", "pct_published"):
            assert row[key] is None or 0.0 <= row[key] <= 1.0
    assert {r["survey"] for r in rows} == {WPI}  # Laborijn has no questions with per-option figures
    q7 = {r["option"]: r for r in rows if r["question"] == "q7"}
    assert q7["overdreven"]["n"] == 36
    assert q7["overdreven"]["pct_published"] == 0.47
    assert q7["overdreven"]["published"] is True
    assert q7["_niet_gepubliceerd"]["published"] is False
    # The source states no base: the CLI uses the bases the checks infer (as the site does).
    bases = inferred_bases(bejegening.load(ROOT / "data" / WPI))
    assert q7["overdreven"]["base"] == bases["q7"]
    assert q7["overdreven"]["base_inferred"] is True


def test_stats_one_survey_as_csv() -> None:
    result = runner.invoke(app, ["stats", str(ROOT / "data"), "--survey", WPI, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [*FREQUENCY_SCHEMA, "suppression"]
    assert {r["question"] for r in rows} == {"q3", "q4", "q6", "q7", "q8", "q9", "q12"}
    assert rows[0]["n"] == "26" and rows[0]["pct_published"] == "0.21"


def test_stats_table_is_dutch() -> None:
    result = runner.invoke(app, ["stats", str(ROOT / "data")])
    assert result.exit_code == 0, result.output
    assert "Vraag 7: Bij sommige loketten" in result.stdout
    assert "47%" in result.stdout
    assert "(afgeleid)" in result.stdout  # bases inferred by the checks: the source states none
    assert "Geen vragen met cijfers per antwoordoptie." in result.stdout  # Laborijn


def test_stats_unknown_survey_is_a_dutch_error() -> None:
    result = runner.invoke(app, ["stats", str(ROOT / "data"), "--survey", "bestaat-niet"])
    assert result.exit_code == 2  # usage error, as in every command
    assert "onbekende enquête 'bestaat-niet'" in result.stderr
    assert "laborijn" in result.stderr


def test_stats_invalid_data_dir() -> None:
    result = runner.invoke(app, ["stats", str(ROOT / "bestaat-niet")])
    assert result.exit_code == 2  # a folder that does not exist is a usage error
    assert "bestaat niet" in result.stderr


def test_stats_from_fictional_answers_file(tmp_path: Path) -> None:
    people = answers.canonical(60)
    folder = tmp_path / "data" / "fictief"
    folder.mkdir(parents=True)
    answers.write_survey(folder, answers.csv_dutch(folder, people))
    result = runner.invoke(app, ["stats", str(tmp_path / "data"), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(r["published"] is False for r in rows)
    q2 = [r for r in rows if r["question"] == "q2"]
    answered = [p.q2 for p in people if p.q2 is not None]
    for row in q2:
        expected = answered.count(row["option"])
        if row["suppressed"]:
            assert row["n"] is None  # small cells are not shown
        else:
            assert row["n"] == expected
    # Nothing below the survey's threshold is shown.
    assert all(r["n"] is None or r["n"] == 0 or r["n"] >= 5 for r in rows)
