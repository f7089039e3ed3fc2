"""Ordinal tests against R (wilcox.test, kruskal.test, survey's svyranktest; stored values) and hand
computation."""

from __future__ import annotations

import math

import polars as pl
import pytest

from bejegening.stats import design_rank_test, linear_by_linear_test, ordinal_tests
from tests._reference import DESIGNS, LIKERT, QUESTIONS, long_answers, r_reference, respondents

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


SCORE = {o: float(i) for i, o in enumerate(LIKERT, start=1)}


@pytest.mark.parametrize("name", list(DESIGNS))
def test_design_rank_tests_match_svyranktest(name: str) -> None:
    weight, design = DESIGNS[name]
    ref = r_reference()["designs"][name]["rank_tests"]
    frame = respondents().with_columns(
        pl.col("tevreden").replace_strict(SCORE, default=None, return_dtype=pl.Float64).alias("score")
    )
    two = design_rank_test(frame, "score", "geslacht", weight=weight, design=design)
    assert two.test == "design_mann_whitney" and two.groups == ("man", "vrouw")
    assert two.statistic == pytest.approx(ref["wilcoxon"]["t"], rel=TOL)
    assert two.dof == ref["wilcoxon"]["df"]
    assert two.differences[0] == pytest.approx(ref["wilcoxon"]["estimate"], rel=TOL)
    assert two.p_value == pytest.approx(ref["wilcoxon"]["p"], rel=TOL)
    more = design_rank_test(frame, "score", "leeftijd", weight=weight, design=design)
    kw = ref["kruskal_wallis"]
    assert more.test == "design_kruskal_wallis"
    assert (more.dof, more.ddf) == (kw["ndf"], kw["ddf"])
    assert more.statistic * more.dof == pytest.approx(kw["chisq"], rel=TOL)
    assert more.p_value == pytest.approx(kw["p"], rel=TOL)


def test_weighted_ordinal_tests_are_design_based() -> None:
    weight, design = DESIGNS["clustered"]
    ref = r_reference()["designs"]["clustered"]["rank_tests"]
    out = ordinal_tests(long_answers(), QUESTIONS, "leeftijd", weight=weight, design=design)
    row = out.filter(pl.col("question") == "tevreden").row(0, named=True)
    assert row["test"] == "design_kruskal_wallis"
    assert (row["dof"], row["ddf"]) == (3, 13)
    assert row["p_value"] == pytest.approx(ref["kruskal_wallis"]["p"], rel=TOL)
    two = ordinal_tests(long_answers(), [QUESTIONS[1]], "geslacht", weight=weight).row(0, named=True)
    ref_w = r_reference()["designs"]["weights_only"]["rank_tests"]["wilcoxon"]
    assert two["test"] == "design_mann_whitney"
    assert two["statistic"] == pytest.approx(ref_w["t"], rel=TOL)
    assert two["p_value"] == pytest.approx(ref_w["p"], rel=TOL)


def test_weighted_trend_test_is_refused_in_dutch() -> None:
    with pytest.raises(ValueError, match=r"trendtoets .* alleen voor ongewogen"):
        ordinal_tests(long_answers(), [QUESTIONS[1]], "leeftijd", order=AGES, weight="gewicht")
