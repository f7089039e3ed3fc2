"""GRIM from the data files: a printed mean in findings.csv is checked by check_survey."""

from __future__ import annotations

from pathlib import Path

import bejegening
from bejegening.checks import check_survey
from tests.test_load_errors import VALID_YAML


def test_printed_means_in_findings_csv_are_grim_checked(tmp_path: Path) -> None:
    folder = tmp_path / "gemiddelden"
    folder.mkdir()
    (folder / "survey.yaml").write_text(VALID_YAML.replace("findings: [q1-goed]", "findings: [m1]"))
    (folder / "findings.csv").write_text(
        "id,question,mean,base,scale_min,scale_max,source,figure\n"
        'm1,q1,"3,45",20,1,5,rapport,gemiddelde 3.45 (fictief)\n'
        'm2,q1,"3,42",20,1,5,rapport,gemiddelde 3.42 (fictief)\n'
        "m3,q1,4.1,,1,5,rapport,gemiddelde 4.1 (fictief)\n",
        encoding="utf-8",
    )
    bundle = bejegening.load(folder)
    assert bundle.finding("m1").mean == "3,45"
    means = check_survey(bundle).filter(rule="mean")
    assert means.get_column("finding").to_list() == ["m1", "m2", "m3"]
    assert means.get_column("status").to_list() == ["consistent", "inconsistent", "niet_toetsbaar"]
    # 3,42 with n = 20: totals 68 and 69 give 3,40 and 3,45 — nothing rounds to 3,42.
    assert "68 geeft 3,400 en 69 geeft 3,450" in means.get_column("explanation")[1]


def test_a_malformed_mean_is_reported_with_its_row(tmp_path: Path) -> None:
    folder = tmp_path / "kapot"
    folder.mkdir()
    (folder / "survey.yaml").write_text(VALID_YAML.replace("findings: [q1-goed]", "findings: [m1]"))
    (folder / "findings.csv").write_text(
        "id,question,mean,base,source\nm1,q1,ongeveer 3,20,rapport\n", encoding="utf-8"
    )
    (problem,) = bejegening.validate(folder).errors
    assert (problem.row, problem.field, problem.value) == (1, "mean", "ongeveer 3")
