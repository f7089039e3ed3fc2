"""Rao-Scott corrected tests against R's svychisq (stored values, FICTIONAL data) and by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest
from scipy import stats as sps

from bejegening.stats import answer_counts, crosstab, crosstab_from_counts, rao_scott_test, tabulate
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


def test_crosstab_from_weighted_counts_is_kish_rescaling_and_says_so() -> None:
    # R: chisq.test(svytable(~row + col, sub) * sum(w) / sum(w^2), correct = FALSE)
    for ref in r_reference()["kish_from_counts"]:
        counts = answer_counts(long_answers(), QUESTIONS, by=[ref["col"]], weight="gewicht").collect()
        tests = crosstab_from_counts(counts, QUESTIONS, ref["col"], survey_id="ref").tests
        row = tests.filter(pl.col("question") == ref["row"]).row(0, named=True)
        assert row["test"] == "pearson_kish" and row["weighted"] is True
        assert row["n"] == pytest.approx(ref["n"], rel=TOL)
        assert row["chi2"] == pytest.approx(ref["chi2"], rel=TOL)
        assert row["dof"] == ref["df"]
        assert row["p_value"] == pytest.approx(ref["p"], rel=TOL)
        assert row["fisher_p"] is None


def test_no_fisher_test_on_weighted_counts() -> None:
    # A 2×2 weighted table with a small expected count: Fisher would use the unweighted counts.
    answers = pl.DataFrame(
        {
            "respondent": [f"r{i}" for i in range(12)],
            "question": ["hulp"] * 12,
            "option": ["ja"] * 9 + ["nee"] * 3,
            "groep": ["a"] * 6 + ["b"] * 3 + ["b"] * 3,
            "gewicht": [1.0, 2.0] * 6,
        }
    )
    plain = crosstab_from_counts(
        answer_counts(answers, QUESTIONS[:1], by=["groep"]).collect(), QUESTIONS[:1], "groep", survey_id="x"
    ).tests.row(0, named=True)
    assert plain["test"] == "pearson" and plain["fisher_p"] is not None
    weighted = crosstab_from_counts(
        answer_counts(answers, QUESTIONS[:1], by=["groep"], weight="gewicht").collect(),
        QUESTIONS[:1],
        "groep",
        survey_id="x",
    ).tests.row(0, named=True)
    assert weighted["test"] == "pearson_kish" and weighted["fisher_p"] is None
    assert "Fisher" not in (weighted["warning"] or "")


@pytest.mark.parametrize("name", ["weights_only", "clustered"])
@pytest.mark.parametrize("form", ["long", "wide"])
def test_weighted_tabulate_reports_rao_scott(name: str, form: str) -> None:
    weight, design = DESIGNS[name]
    answers = long_answers() if form == "long" else respondents()
    tables = tabulate(
        answers, QUESTIONS, survey_id="ref", by="leeftijd", weight=weight, design=design, form=form
    )
    assert tables.crosstab is not None
    hulp = tables.crosstab.tests.filter(pl.col("question") == "hulp").row(0, named=True)
    ref = r_reference()["designs"][name]["rao_scott"][0]
    assert (ref["row"], ref["col"]) == ("hulp", "leeftijd")
    assert hulp["test"] == "rao_scott" and hulp["fisher_p"] is None
    assert hulp["chi2"] == pytest.approx(ref["pearson"], rel=TOL)
    assert hulp["p_value"] == pytest.approx(ref["f_p"], rel=TOL)
    assert hulp["p_first_order"] == pytest.approx(ref["chisq_p"], rel=TOL)
