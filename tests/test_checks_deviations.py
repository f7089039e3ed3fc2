"""DEBIT and GRIMMER in the checker: a printed mean with its SD in findings.csv.

Verdicts come from outside this code:
- DEBIT: the R package scrutiny's DEBIT example data ``pigs3`` (n = 1683) and its expected
  verdicts in ``tests/testthat/test-debit.R`` (TRUE, TRUE, TRUE, FALSE, TRUE, TRUE, TRUE), and
  scrutiny's DEBIT vignette (``debit("0.35", "0.18", 20)`` is FALSE);
- GRIMMER: the INSPECT-SR guide's worked example (check 4.8: Apgar scores 0–10 of 30 infants;
  mean 9.93 with SD 0.18 is impossible, means 8.96 and 9.96 fail GRIM already), scrutiny's
  GRIMMER vignette (``grimmer("7.3", "2.51", 12)`` is FALSE), and the sample 1, 2, 3, 4, 5
  (mean 3, SD √2.5 = 1.5811) by hand.
The fixture ``tests/fixtures/spreiding`` is a fictional survey with those pairs as its figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bejegening
from bejegening.checks import RULES, Rounding, check_survey, debit_consistent, grimmer_consistent
from bejegening.cli import app
from bejegening.model import text_decimals
from tests.test_load_errors import VALID_YAML

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "spreiding"
runner = CliRunner()

PIGS3 = [
    ("0.53", "0.50", True),
    ("0.44", "0.50", True),
    ("0.77", "0.42", True),
    ("0.19", "0.35", False),
    ("0.34", "0.47", True),
    ("0.93", "0.25", True),
    ("0.12", "0.33", True),
]


@pytest.mark.parametrize(("mean", "sd", "expected"), PIGS3)
def test_debit_on_scrutinys_example_data(mean: str, sd: str, expected: bool) -> None:
    # scrutiny rounds "up_or_down" by default: consistent under half up or half down.
    found = debit_consistent(mean, sd, 1683) or debit_consistent(mean, sd, 1683, rounding=Rounding.half_down)
    assert found is expected


def test_published_grimmer_and_debit_verdicts() -> None:
    assert not debit_consistent("0.35", "0.18", 20)
    assert not grimmer_consistent("9.93", "0.18", 30)
    assert not grimmer_consistent("7.3", "2.51", 12)
    assert grimmer_consistent("3.00", "1.58", 5)


def _rows(rule: str) -> dict[str, dict[str, object]]:
    checks = check_survey(bejegening.load(FIXTURE))
    return {r["finding"]: r for r in checks.filter(rule=rule).iter_rows(named=True)}


VERDICTS = {
    "debit": {"ja-a": "consistent", "ja-b": "inconsistent", "ja-c": "inconsistent"},
    "grimmer": {
        "cijfer-a": "inconsistent",
        "cijfer-b": "consistent",
        "cijfer-c": "inconsistent",
        "cijfer-d": "inconsistent",
        "cijfer-e": "niet_toetsbaar",
    },
}
"""The verdict per finding of the fixture, by rule (the sources in the module docstring)."""


@pytest.mark.parametrize(("rule", "verdicts"), VERDICTS.items())
def test_the_checker_gives_the_published_verdicts(rule: str, verdicts: dict[str, str]) -> None:
    assert {f: r["status"] for f, r in _rows(rule).items()} == verdicts


def test_the_checker_runs_debit_on_yes_no_means_with_an_sd() -> None:
    rows = _rows("debit")
    # 884…900 ones of 1683 give 0.53; 884 ones: SD √(884·799/(1683·1682)) = 0.49954
    assert "884 tot en met 900 keer ja" in str(rows["ja-a"]["explanation"])
    assert "SD 0,4995" in str(rows["ja-a"]["explanation"])
    assert rows["ja-a"]["consistent_n"] == [1683]
    # 7 ones in 20: SD √(7·13/(20·19)) = 0.48936
    assert "SD 0,4894, niet 0,18" in str(rows["ja-c"]["explanation"])
    assert rows["ja-c"]["decimals"] == 2


def test_the_checker_runs_grimmer_on_whole_number_scales() -> None:
    rows = _rows("grimmer")
    # 298/30 = 9.933; the nearest even Σx² above 298²/30 = 2960.13 is 2962: SD √(1.8667/29) = 0.2537
    assert "2.962 (SD 0,2537)" in str(rows["cijfer-a"]["explanation"])
    assert "kwadratensom van 55" in str(rows["cijfer-b"]["explanation"])
    assert "al onmogelijk" in str(rows["cijfer-d"]["explanation"])
    # the GRIM row of the same finding comes right before its SD row
    checks = check_survey(bejegening.load(FIXTURE))
    order = [(r["finding"], r["rule"]) for r in checks.iter_rows(named=True)]
    assert order.index(("cijfer-a", "grimmer")) == order.index(("cijfer-a", "mean")) + 1
    # a finding with a mean is not a "no figure" finding
    assert "no_figure" not in checks.get_column("rule").to_list()


def test_rules_are_named_once_in_dutch() -> None:
    assert RULES["debit"].name == "Standaardafwijking bij ja/nee"
    assert "DEBIT" in RULES["debit"].explanation
    assert "GRIMMER" in RULES["grimmer"].explanation


def test_bejegening_check_reports_the_sd_rows() -> None:
    result = runner.invoke(app, ["check", str(FIXTURE), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [r for r in json.loads(result.stdout) if r["rule"] in {"debit", "grimmer"}]
    assert len(rows) == 8
    assert sum(r["status"] == "inconsistent" for r in rows) == 5
    text = runner.invoke(app, ["check", str(FIXTURE)])
    # 8 GRIM rows (6 consistent, 1 inconsistent, 1 without n) and the 8 SD rows above
    assert "spreiding: 16 controles — 8 consistent, 6 inconsistent, 2 niet toetsbaar." in text.stdout
    strict = runner.invoke(app, ["check", str(FIXTURE), "--strict"])
    assert strict.exit_code == 1


def test_sd_keeps_its_printed_decimals() -> None:
    bundle = bejegening.load(FIXTURE)
    assert bundle.finding("ja-c").sd == "0,18"
    assert bundle.finding("ja-a").sd_decimals == 2
    assert bundle.finding("cijfer-e").sd_decimals == 1
    assert text_decimals("0,50") == 2 and text_decimals("3") == 0
    frame = bundle.findings_frame()
    assert frame.filter(finding="ja-a").get_column("sd").to_list() == ["0.50"]


def test_an_sd_without_a_mean_is_reported_with_its_row(tmp_path: Path) -> None:
    folder = tmp_path / "kapot"
    folder.mkdir()
    (folder / "survey.yaml").write_text(VALID_YAML.replace("findings: [q1-goed]", "findings: [m1]"))
    (folder / "findings.csv").write_text(
        "id,question,count,sd,base,source\nm1,q1,12,0.5,20,rapport\nm2,q1,,-1,20,rapport\n",
        encoding="utf-8",
    )
    problems = bejegening.validate(folder).errors
    assert [(p.row, p.field) for p in problems] == [(1, "sd"), (2, "sd")]
    assert "hoort bij een gemiddelde" in problems[0].message
