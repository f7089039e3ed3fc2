"""Ordinal tests against R (wilcox.test, kruskal.test; stored values) and hand computation."""

from __future__ import annotations

import math

import polars as pl
import pytest

from bejegening.stats import linear_by_linear_test, ordinal_tests
from tests._reference import QUESTIONS, long_answers, r_reference

TOL = 1e-9
AGES = ["18-34", "35-49", "50-64", "65+"]


def test_mann_whitney_matches_r() -> None:
    out = ordinal_tests(long_answers(), [QUESTIONS[1]], "geslacht").row(0, named=True)
    ref = r_reference()["ordinal"]["mann_whitney"]
    assert out["test"] == "mann_whitney" and out["groups"] == 2
    assert out["statistic"] == pytest.approx(ref["statistic"], rel=TOL)
    assert out["p_value"] == pytest.approx(ref["p"], rel=TOL)
    assert out["trend_p"] is None


def test_kruskal_wallis_and_trend_match_r() -> None:
    out = ordinal_tests(long_answers(), [QUESTIONS[1]], "leeftijd", order=AGES).row(0, named=True)
    ref = r_reference()["ordinal"]
    assert out["test"] == "kruskal_wallis" and out["dof"] == 3
    assert out["statistic"] == pytest.approx(ref["kruskal_wallis"]["statistic"], rel=TOL)
    assert out["p_value"] == pytest.approx(ref["kruskal_wallis"]["p"], rel=TOL)
    assert out["trend_statistic"] == pytest.approx(ref["linear_by_linear"]["statistic"], rel=TOL)
    assert out["trend_p"] == pytest.approx(ref["linear_by_linear"]["p"], rel=TOL)
    # "weet niet" is not on the scale
    assert (
        out["n"]
        == long_answers()
        .filter((pl.col("question") == "tevreden") & (pl.col("option") != "weet_niet"))
        .height
    )


def test_linear_by_linear_by_hand() -> None:
    # x = 1,2,3,4 and y = 1,1,2,2: r = 0.8944271909999159 (= 2/√5), M² = 3 · 0.8 = 2.4
    m2, p = linear_by_linear_test([1, 2, 3, 4], [1, 1, 2, 2])
    assert m2 == pytest.approx(2.4, rel=1e-12)
    assert p == pytest.approx(math.erfc(math.sqrt(2.4 / 2)), rel=1e-12)
    assert math.isnan(linear_by_linear_test([1, 1, 1], [1, 2, 3])[0])
