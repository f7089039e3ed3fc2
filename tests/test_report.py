"""The report layer: one value per survey, each derived fact computed by one function.

WPI question 7 prints 16 (21 %), 36 (47 %) and 25 (32 %) and no base. By hand (the loop below,
independent of the checks): only n = 77 rounds all three counts to the printed percentages, so 77
is the base, and ``bejegening stats``, ``bejegening check`` and the site must all say so.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

import bejegening
import bejegening.report._report as report_module
from bejegening.cli import app
from bejegening.render import SiteInput, render_pages
from bejegening.report import BaseSource, QuestionBase, SurveyReport, build_report
from bejegening.site._charts import chart_jobs

ROOT = Path(__file__).resolve().parents[1]
WPI = "wpi-amsterdam-2017-2018"
Q7 = ((16, 21), (36, 47), (25, 32))
runner = CliRunner()


def _fitting_bases(pairs: tuple[tuple[int, int], ...], max_n: int = 500) -> list[int]:
    """Every n where each count/n, rounded half-up to a whole percent, is the printed percentage."""

    def rounds_to(count: int, n: int, printed: int) -> bool:
        exact = Decimal(100 * count) / Decimal(n)
        return exact.quantize(Decimal(1), rounding=ROUND_HALF_UP) == printed

    return [n for n in range(1, max_n + 1) if all(rounds_to(c, n, p) for c, p in pairs)]


@pytest.fixture(scope="module")
def wpi() -> SurveyReport:
    return build_report(bejegening.load(ROOT / "data" / WPI))


def _site_page(report: SurveyReport, question: str) -> str:
    site = SiteInput(reports=(report,), fingerprint="0" * 64, version="test")
    pages, _, _ = render_pages(site)
    return next(p.markdown for p in pages if p.path.endswith(f"vragen/{question}.md"))


def test_q7_base_is_77_by_hand_and_in_the_report(wpi: SurveyReport) -> None:
    assert _fitting_bases(Q7) == [77]
    assert wpi.bases["q7"] == QuestionBase("q7", 77, BaseSource.inferred, (77,))


def test_stats_check_and_site_agree_on_the_base_of_q7(wpi: SurveyReport) -> None:
    stats = runner.invoke(app, ["stats", str(ROOT / "data"), "--survey", WPI, "--format", "json"])
    assert stats.exit_code == 0, stats.output
    q7 = [r for r in json.loads(stats.stdout) if r["question"] == "q7"]
    assert {r["base"] for r in q7} == {77}
    assert all(r["base_inferred"] for r in q7)

    check = runner.invoke(app, ["check", str(ROOT / "data"), "--survey", WPI, "--format", "json"])
    assert check.exit_code == 0, check.output
    pairs = [r for r in json.loads(check.stdout) if r["question"] == "q7" and r["rule"] == "count_percentage"]
    assert len(pairs) == 3
    assert all(r["consistent_n"] == [77] for r in pairs)

    page = _site_page(wpi, "q7")
    assert '<td class="bj-num">77</td>' in page
    assert "uit de aantallen en percentages: 77 personen" in page


def test_the_base_comes_from_one_function(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replace the one reader of inferred bases: the report, stats and the site all follow."""
    monkeypatch.setattr(report_module, "base_candidates", lambda checks, survey=None: {"q7": (80, 81)})
    report = build_report(bejegening.load(ROOT / "data" / WPI))
    assert report.bases["q7"] == QuestionBase("q7", 80, BaseSource.inferred, (80, 81))
    assert set(report.question_frequencies("q7").get_column("base")) == {80}
    stats = runner.invoke(app, ["stats", str(ROOT / "data"), "--survey", WPI, "--format", "json"])
    assert {r["base"] for r in json.loads(stats.stdout) if r["question"] == "q7"} == {80}
    page = _site_page(report, "q7")
    assert "een totaal van 80 tot en met 81 personen" in page


def test_report_is_frozen_and_computes_each_part_once(wpi: SurveyReport) -> None:
    with pytest.raises(AttributeError):
        wpi.checks = pl.DataFrame()  # type: ignore[misc]
    assert wpi.frequencies is wpi.frequencies
    assert wpi.bases is wpi.bases
    # Laborijn prints only words: their meanings, and no bases or frequency tables.
    laborijn = build_report(bejegening.load(ROOT / "data" / "laborijn"))
    assert laborijn.frequencies.is_empty() and dict(laborijn.bases) == {}
    assert laborijn.verbal["ontevreden"].interval == (0.4, 0.5)  # "bijna de helft": [40%, 50%)
    assert laborijn.verbal["ontevreden-meerderheid"].interval is None  # a comparison of two groups
    assert laborijn.open_answers.is_empty()


def test_chart_jobs_are_planned_once_per_question_with_counts(wpi: SurveyReport) -> None:
    jobs = chart_jobs([wpi])
    keys = [job.key for job in jobs]
    assert len(keys) == len(set(keys))
    assert f"{WPI}/q7" in keys
