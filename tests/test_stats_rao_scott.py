"""Rao-Scott corrected tests against R's svychisq (stored values, FICTIONAL data) and by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest
from scipy import stats as sps

from bejegening.stats import crosstab, rao_scott_test
from tests._reference import DESIGNS, LIKERT, QUESTIONS, long_answers, r_reference, respondents

TOL = 1e-9
KEEP = {"hulp": ["ja", "nee"], "tevreden": LIKERT}


@pytest.mark.parametrize("name", list(DESIGNS))
def test_matches_svychisq(name: str) -> None:
    weight, design = DESIGNS[name]
    for ref in r_reference()["designs"][name]["rao_scott"]:
        result = rao_scott_test(
            respondents(), ref["row"], ref["col"], weight=weight, design=design, keep=KEEP[ref["row"]]
        )
        assert result.pearson == pytest.approx(ref["pearson"], rel=TOL)
        assert result.first_order_p == pytest.approx(ref["chisq_p"], rel=TOL)
        assert result.dof == ref["chisq_df"]
        assert result.f == pytest.approx(ref["f"], rel=TOL)
        assert result.ndf == pytest.approx(ref["ndf"], rel=TOL)
        assert result.ddf == pytest.approx(ref["ddf"], rel=TOL)
        assert result.p_value == pytest.approx(ref["f_p"], rel=TOL)


def test_unweighted_srs_first_order_is_close_to_pearson() -> None:
    # Equal weights, no design: X² is Pearson's on the counts (scipy), δ̄ = n/(n − 1)-ish
    frame = respondents().filter(pl.col("hulp") != "weet_niet")
    result = rao_scott_test(frame, "hulp", "leeftijd")
    table = frame.select(pl.col("hulp"), pl.col("leeftijd")).to_pandas()
    counts = pd.crosstab(table["hulp"], table["leeftijd"]).to_numpy()
    chi2, _, dof, _ = sps.chi2_contingency(counts, correction=False)
    assert result.pearson == pytest.approx(chi2, rel=TOL)
    assert result.dof == dof
    assert result.mean_deff == pytest.approx(1.0, abs=0.01)
    assert result.n == int(counts.sum())
    assert np.isfinite(result.p_value)


def test_needs_two_rows_and_columns() -> None:
    frame = pl.DataFrame({"a": ["x", "x", "x"], "b": ["p", "q", "p"]})
    with pytest.raises(ValueError, match="minstens twee rijen"):
        rao_scott_test(frame, "a", "b")


def test_weighted_crosstab_reports_rao_scott_without_fisher() -> None:
    weight, design = DESIGNS["clustered"]
    answers = long_answers()
    tests = crosstab(answers, QUESTIONS, "leeftijd", survey_id="ref", weight=weight, design=design).tests
    hulp = tests.filter(pl.col("question") == "hulp").row(0, named=True)
    ref = r_reference()["designs"]["clustered"]["rao_scott"][0]
    assert hulp["test"] == "rao_scott" and hulp["fisher_p"] is None
    assert hulp["p_value"] == pytest.approx(ref["f_p"], rel=TOL)
    assert hulp["chi2"] == pytest.approx(ref["pearson"], rel=TOL)
    plain = crosstab(long_answers(), QUESTIONS, "leeftijd", survey_id="ref").tests
    assert plain["test"].to_list() == ["pearson", "pearson"]
