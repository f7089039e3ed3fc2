"""Crosstabs, comparisons, Likert summaries and weights on fictional data."""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

import bejegening
from bejegening import Question
from bejegening.stats import CROSSTAB_SCHEMA, LIKERT_SCHEMA, TESTS_SCHEMA
from tests.fixtures.questions import fictional_question, five_point_scale

RNG = np.random.default_rng(99)

LIKERT = fictional_question(
    "oordeel",
    "Hoe beoordeelt u de dienstverlening? (fictief)",
    "likert",
    five_point_scale(("Zeer goed", "Goed", "Neutraal", "Slecht", "Zeer slecht")),
)
YESNO_DK = fictional_question(
    "terug",
    "Zou u terugkomen? (fictief)",
    "single",
    [("ja", "Ja"), ("nee", "Nee"), ("weet-niet", "Weet niet", "non_substantive")],
)
CHANNEL = fictional_question(
    "kanaal", "Hoe nam u contact op? (fictief)", "single", [(o, o) for o in ("web", "tel", "balie", "post")]
)
YESNO = YESNO_DK.model_copy(update={"options": YESNO_DK.options[:2]})
"""The same question without "Weet niet"."""


def _answers(table: np.ndarray, question: Question, groups: list[str]) -> pl.DataFrame:
    """Long-form answers whose crosstab (options × groups) is exactly ``table``."""
    rows = []
    respondent = 0
    for i, option in enumerate(question.ordered_options()):
        for j, group in enumerate(groups):
            for _ in range(int(table[i, j])):
                rows.append((respondent, question.id, option.id, group))
                respondent += 1
    return pl.DataFrame(rows, schema=["respondent", "question", "option", "wijk"], orient="row")


def test_crosstab_tests_match_scipy_on_random_tables() -> None:
    groups = ["noord", "oost", "zuid", "west"]
    for _ in range(25):
        table = RNG.integers(0, 30, (6, 4))
        table[0, :] += 1  # at least two used rows and all columns
        table[1, :] += 1
        answers = _answers(table, LIKERT, groups)
        result = bejegening.crosstab(answers, [LIKERT], "wijk", survey_id="fictief")
        assert dict(result.table.schema) == CROSSTAB_SCHEMA
        assert dict(result.tests.schema) == TESTS_SCHEMA
        substantive = table[:5]
        kept = substantive[substantive.sum(axis=1) > 0]
        ref = sps.chi2_contingency(kept, correction=False)
        test = result.tests.row(0, named=True)
        assert test["chi2"] == pytest.approx(ref.statistic, rel=1e-9)
        assert test["p_value"] == pytest.approx(ref.pvalue, rel=1e-9, abs=1e-12)
        assert test["dof"] == ref.dof
        assert test["min_expected"] == pytest.approx(ref.expected_freq.min(), rel=1e-9)
        assert test["cells_expected_below_5"] == int((ref.expected_freq < 5).sum())
        assert test["cramers_v"] == pytest.approx(bejegening.cramers_v(kept), rel=1e-9)
        assert (test["warning"] is not None) == bool((ref.expected_freq < 5).any())
        # Column percentages over the substantive answers of each group.
        cell = result.table.filter((pl.col("option") == "goed") & (pl.col("group") == "oost")).row(
            0, named=True
        )
        assert cell["n"] == table[1, 1]
        assert cell["base"] == substantive[:, 1].sum()
        assert cell["pct"] == pytest.approx(table[1, 1] / substantive[:, 1].sum())
        low, high = proportion_confint(table[1, 1], substantive[:, 1].sum(), method="wilson")
        assert cell["ci_low"] == pytest.approx(low) and cell["ci_high"] == pytest.approx(high)


def test_fisher_for_small_2x2_tables() -> None:
    table = np.array([[1, 6], [7, 2]])
    answers = _answers(table, YESNO, ["jong", "oud"])
    test = bejegening.crosstab(answers, [YESNO], "wijk", survey_id="f").tests.row(0, named=True)
    assert test["fisher_p"] == pytest.approx(sps.fisher_exact(table).pvalue, abs=1e-12)
    assert test["warning"] is not None and "onder 5" in test["warning"]
    big = _answers(np.array([[40, 60], [70, 30]]), YESNO, ["jong", "oud"])
    test = bejegening.crosstab(big, [YESNO], "wijk", survey_id="f").tests.row(0, named=True)
    assert test["fisher_p"] is None and test["warning"] is None


def test_unknown_group_is_left_out_of_the_crosstab() -> None:
    answers = pl.DataFrame(
        {
            "respondent": range(6),
            "question": ["terug"] * 6,
            "option": ["ja", "nee", "ja", "ja", "nee", "ja"],
            "wijk": ["a", "a", "b", None, "b", None],
        }
    )
    result = bejegening.crosstab(answers, [YESNO], "wijk", survey_id="f")
    assert sorted(set(result.table["group"].to_list())) == ["a", "b"]
    assert int(result.table["n"].sum()) == 4


def test_compare_proportions_with_holm() -> None:
    a = pl.DataFrame(
        {"respondent": range(200), "question": ["terug"] * 200, "option": ["ja"] * 120 + ["nee"] * 80}
    )
    b = pl.DataFrame(
        {"respondent": range(150), "question": ["terug"] * 150, "option": ["ja"] * 60 + ["nee"] * 90}
    )
    fa = bejegening.frequencies(a, [YESNO], survey_id="golf-1")
    fb = bejegening.frequencies(b, [YESNO], survey_id="golf-2")
    comparison = bejegening.compare_proportions(fa, fb)
    ja = comparison.row(0, named=True)
    assert ja["diff"] == pytest.approx(0.6 - 0.4)
    low, high = confint_proportions_2indep(120, 200, 60, 150, method="newcombe", compare="diff")
    assert ja["ci_low"] == pytest.approx(low) and ja["ci_high"] == pytest.approx(high)
    # "nee" mirrors "ja": one distinct test, so nothing to adjust for
    assert comparison["counted"].to_list() == [True, False]
    assert comparison["p_value"][0] == pytest.approx(comparison["p_value"][1])
    assert comparison["p_adjusted"].to_list() == pytest.approx([comparison["p_value"][0]] * 2)
    assert ja["significant"] is True
    bh = bejegening.compare_proportions(fa, fb, adjust="bh")
    assert bh["p_adjusted"].to_list() == pytest.approx([comparison["p_value"][0]] * 2)


def test_comparison_family_counts_each_distinct_test_once() -> None:
    # Two waves: a yes/no question with "weet niet" and a four-option question: 3 + 4 = 7 rows,
    # 1 + 4 = 5 distinct tests ("nee" mirrors "ja"; "weet niet" is not compared).
    rng = np.random.default_rng(3)
    frames = []
    for wave, n in (("golf-1", 300), ("golf-2", 260)):
        answers = pl.DataFrame(
            {
                "respondent": list(range(n)) * 2,
                "question": ["terug"] * n + ["kanaal"] * n,
                "option": rng.choice(["ja", "nee", "weet-niet"], n, p=[0.5, 0.4, 0.1]).tolist()
                + rng.choice(["web", "tel", "balie", "post"], n).tolist(),
            }
        )
        frames.append(bejegening.frequencies(answers, [YESNO_DK, CHANNEL], survey_id=wave))
    comparison = bejegening.compare_proportions(*frames)
    assert comparison.height == 6
    assert "weet-niet" not in comparison["option"].to_list()
    counted = comparison.filter(pl.col("counted"))
    assert counted.height == 5
    expected = multipletests(counted["p_value"].to_numpy(), method="holm")[1]
    assert counted["p_adjusted"].to_list() == pytest.approx(list(expected))
    nee = comparison.filter(pl.col("option") == "nee").row(0, named=True)
    ja = comparison.filter(pl.col("option") == "ja").row(0, named=True)
    assert nee["p_adjusted"] == pytest.approx(ja["p_adjusted"])
    with_dk = bejegening.compare_proportions(*frames, include_non_substantive=True)
    assert with_dk.height == 7


def test_diverging_order() -> None:
    assert bejegening.diverging_order(LIKERT) == [
        "zeer-slecht",
        "slecht",
        "neutraal",
        "goed",
        "zeer-goed",
        "weet-niet",
    ]
    reversed_scale = LIKERT.model_copy(update={"options": list(reversed(LIKERT.options))})
    assert bejegening.diverging_order(reversed_scale)[:5] == [
        "zeer-slecht",
        "slecht",
        "neutraal",
        "goed",
        "zeer-goed",
    ]


def test_likert_summary_matches_respondent_level_statistics() -> None:
    counts = [12, 30, 25, 20, 8, 5]
    table = np.array(counts).reshape(6, 1)
    answers = _answers(table, LIKERT, ["x"])
    freq = bejegening.frequencies(answers, [LIKERT], survey_id="f")
    summary = bejegening.likert_summary(freq, [LIKERT])
    assert dict(summary.schema) == LIKERT_SCHEMA
    row = summary.row(0, named=True)
    base = sum(counts[:5])
    assert row["base"] == base
    assert row["top_options"] == ["goed", "zeer-goed"]
    assert row["top_n"] == 42 and row["bottom_n"] == 28
    assert row["top_pct"] == pytest.approx(42 / base)
    low, high = proportion_confint(42, base, method="wilson")
    assert row["top_ci_low"] == pytest.approx(low) and row["top_ci_high"] == pytest.approx(high)
    assert row["net"] == pytest.approx((42 - 28) / base)
    scores = np.repeat([5, 4, 3, 2, 1], counts[:5]).astype(float)
    assert row["mean"] == pytest.approx(scores.mean())
    assert row["sd"] == pytest.approx(scores.std(ddof=1))
    ci = sps.t.interval(0.95, base - 1, loc=scores.mean(), scale=sps.sem(scores))
    assert row["mean_ci_low"] == pytest.approx(ci[0]) and row["mean_ci_high"] == pytest.approx(ci[1])
    assert row["n_non_substantive"] == 5


def test_rake_reaches_margins_and_reports_convergence() -> None:
    n = 2000
    frame = pl.DataFrame(
        {
            "leeftijd": RNG.choice(["18-34", "35-54", "55+"], n, p=[0.5, 0.3, 0.2]).tolist(),
            "geslacht": RNG.choice(["v", "m"], n, p=[0.65, 0.35]).tolist(),
            "wijk": RNG.choice(["noord", "zuid"], n).tolist(),
        }
    )
    margins = {
        "leeftijd": {"18-34": 300, "35-54": 400, "55+": 300},
        "geslacht": {"v": 0.5, "m": 0.5},
        "wijk": {"noord": 0.4, "zuid": 0.6},
    }
    result = bejegening.rake(frame, margins)
    assert result.converged and result.max_deviation <= 1e-8
    weighted = frame.with_columns(result.weights.alias("w"))
    shares = weighted.group_by("leeftijd").agg(pl.col("w").sum() / n)
    assert dict(shares.iter_rows()) == pytest.approx({"18-34": 0.3, "35-54": 0.4, "55+": 0.3})
    assert float(result.weights.sum()) == pytest.approx(n)
    assert result.design_effect == pytest.approx(bejegening.design_effect(result.weights.to_numpy()))
    assert result.n_effective == pytest.approx(bejegening.kish_effective_n(result.weights.to_numpy()))
    assert result.margins.height == 7


def test_poststratify_joint_cells_and_trimming() -> None:
    frame = pl.DataFrame({"leeftijd": ["j", "j", "j", "o"], "geslacht": ["v", "m", "v", "m"]})
    targets = {("j", "v"): 0.25, ("j", "m"): 0.25, ("o", "m"): 0.5}
    result = bejegening.poststratify(frame, ("leeftijd", "geslacht"), targets)
    assert result.weights.to_list() == pytest.approx([0.5, 1.0, 0.5, 2.0])
    trimmed = bejegening.trim_weights(result.weights, upper=1.5)
    assert float(trimmed.max()) == pytest.approx(1.5)
    assert float(trimmed.sum()) == pytest.approx(4.0)
    capped = bejegening.rake(frame, {("leeftijd", "geslacht"): targets}, upper=1.5)
    assert not capped.converged and capped.max_deviation > 0.1


def test_rake_errors_are_dutch() -> None:
    frame = pl.DataFrame({"wijk": ["noord", "zuid", "west"]})
    with pytest.raises(ValueError, match="geen doel voor west"):
        bejegening.rake(frame, {"wijk": {"noord": 1, "zuid": 1}})
    with pytest.raises(ValueError, match="geen respondenten in oost"):
        bejegening.rake(frame, {"wijk": {"noord": 1, "zuid": 1, "west": 1, "oost": 1}})


def test_weighted_crosstab_uses_effective_n() -> None:
    table = np.array([[30, 10], [10, 30]])
    answers = _answers(table, YESNO, ["a", "b"]).with_columns(pl.lit(2.0).alias("w"))
    plain = bejegening.crosstab(answers, [YESNO], "wijk", survey_id="f").tests.row(0, named=True)
    weighted = bejegening.crosstab(answers, [YESNO], "wijk", survey_id="f", weight="w").tests.row(
        0, named=True
    )
    # Constant weights: the effective n is n, so the test is unchanged.
    assert weighted["chi2"] == pytest.approx(plain["chi2"])
    assert weighted["weighted"] is True and math.isclose(weighted["n"], 80)
