"""Interval estimators, tests and p-value adjustments, cross-checked against statsmodels and scipy.

All data are random and fictional.
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportions_ztest,
)

import bejegening
from bejegening.stats import adjust_pvalues, fpc_effective_n, proportion_interval, z_value
from bejegening.stats._intervals import interval_expr

RNG = np.random.default_rng(20240508)
TOL = 1e-9


def _random_counts(size: int) -> tuple[np.ndarray, np.ndarray]:
    nobs = RNG.integers(1, 5000, size)
    nobs[:5] = [1, 2, 7, 70_000, 200_000]  # beyond 65,535: no UInt32 overflow of n*n
    count = RNG.integers(0, nobs + 1)
    count[5:10] = 0
    count[10:15] = nobs[10:15]
    return count, nobs


@pytest.mark.parametrize(
    ("name", "statsmodels_method", "confidence"),
    [
        *(("wilson_interval", "wilson", c) for c in (0.8, 0.9, 0.95, 0.99)),
        *(("clopper_pearson_interval", "beta", c) for c in (0.9, 0.95, 0.99)),
    ],
)
def test_interval_matches_statsmodels(name: str, statsmodels_method: str, confidence: float) -> None:
    count, nobs = _random_counts(400)
    low, high = getattr(bejegening, name)(count, nobs, confidence=confidence)
    ref_low, ref_high = proportion_confint(count, nobs, alpha=1 - confidence, method=statsmodels_method)
    np.testing.assert_allclose(low, ref_low, rtol=0, atol=TOL)
    np.testing.assert_allclose(high, ref_high, rtol=0, atol=TOL)


def test_scalar_and_vector_forms_agree() -> None:
    low, high = bejegening.wilson_interval(26, 124)
    assert isinstance(low, float)
    ref = proportion_confint(26, 124, alpha=0.05, method="wilson")
    assert low == pytest.approx(ref[0], abs=TOL)
    assert high == pytest.approx(ref[1], abs=TOL)
    vec_low, _ = bejegening.wilson_interval([26, 0], [124, 10])
    assert vec_low[0] == pytest.approx(low, abs=1e-15)
    assert vec_low[1] == 0.0


def test_zero_base_gives_nan() -> None:
    low, high = bejegening.wilson_interval(0, 0)
    assert math.isnan(low) and math.isnan(high)


def test_newcombe_matches_statsmodels() -> None:
    c1, n1 = _random_counts(300)
    c2, n2 = _random_counts(300)
    c2, n2 = c2[::-1].copy(), n2[::-1].copy()
    diff, low, high = bejegening.newcombe_difference(c1, n1, c2, n2)
    for i in range(300):
        ref_low, ref_high = confint_proportions_2indep(
            c1[i], n1[i], c2[i], n2[i], method="newcombe", compare="diff", alpha=0.05
        )
        assert diff[i] == pytest.approx(c1[i] / n1[i] - c2[i] / n2[i], abs=TOL)
        assert low[i] == pytest.approx(ref_low, abs=TOL)
        assert high[i] == pytest.approx(ref_high, abs=TOL)


def test_two_proportion_test_matches_statsmodels() -> None:
    c1, n1 = _random_counts(200)
    c2, n2 = _random_counts(200)
    c2, n2 = c2[::-1].copy(), n2[::-1].copy()
    z, p = bejegening.two_proportion_test(c1, n1, c2, n2)
    for i in range(200):
        if (c1[i] + c2[i]) in (0, n1[i] + n2[i]):
            assert z[i] == 0.0 and p[i] == 1.0
            continue
        ref_z, ref_p = proportions_ztest([c1[i], c2[i]], [n1[i], n2[i]])
        assert z[i] == pytest.approx(ref_z, abs=TOL)
        assert p[i] == pytest.approx(ref_p, abs=TOL)


@pytest.mark.parametrize("size", [1, 2, 7, 50, 333])
def test_holm_and_bh_match_multipletests(size: int) -> None:
    p = RNG.uniform(0, 0.2, size) ** RNG.uniform(0.5, 3, size)
    p[: size // 5] = p[0]  # ties
    np.testing.assert_allclose(
        bejegening.holm_adjust(p), multipletests(p, method="holm")[1], rtol=0, atol=TOL
    )
    np.testing.assert_allclose(
        bejegening.benjamini_hochberg_adjust(p), multipletests(p, method="fdr_bh")[1], rtol=0, atol=TOL
    )


def test_adjustment_leaves_missing_p_values_out() -> None:
    p = np.array([0.01, np.nan, 0.04, 0.03])
    adjusted = adjust_pvalues(p, "holm")
    assert math.isnan(adjusted[1])
    np.testing.assert_allclose(adjusted[[0, 2, 3]], multipletests(p[[0, 2, 3]], method="holm")[1])
    with pytest.raises(ValueError, match="onbekende correctie"):
        adjust_pvalues(p, "bonferroni")  # type: ignore[arg-type]


def test_chi_square_and_fisher_match_scipy() -> None:
    for _ in range(60):
        rows, cols = RNG.integers(2, 7, 2)
        table = RNG.integers(0, 40, (rows, cols))
        table[0, 0] += 1
        table[-1, -1] += 1
        result = bejegening.chi_square_test(table)
        kept = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
        ref = sps.chi2_contingency(kept, correction=False)
        assert result.statistic == pytest.approx(ref.statistic, rel=TOL, abs=TOL)
        assert result.p_value == pytest.approx(ref.pvalue, rel=TOL, abs=TOL)
        assert result.dof == ref.dof
        assert result.min_expected == pytest.approx(ref.expected_freq.min(), rel=TOL)
        v = math.sqrt(ref.statistic / (kept.sum() * (min(kept.shape) - 1)))
        assert bejegening.cramers_v(table) == pytest.approx(v, rel=TOL, abs=TOL)
    for _ in range(40):
        table = RNG.integers(0, 12, (2, 2))
        assert bejegening.fisher_exact_test(table) == pytest.approx(sps.fisher_exact(table).pvalue, abs=TOL)


def test_finite_population_correction() -> None:
    assert bejegening.finite_population_correction(100, 1000) == pytest.approx(math.sqrt(900 / 999))
    assert bejegening.finite_population_correction(1000, 1000) == 0.0
    assert fpc_effective_n(100, None) == 100
    assert fpc_effective_n(100, 1000) == pytest.approx(100 * 999 / 900)
    # A census has no sampling error at all.
    low, high = proportion_interval([30], [100], population_size=100)
    assert low[0] == high[0] == pytest.approx(0.3)
    # With a known population the Wilson interval narrows by the corrected sample size.
    plain = proportion_interval([30], [100])
    corrected = proportion_interval([30], [100], population_size=400)
    ref = proportion_confint(0.3 * 100 * 399 / 300, 100 * 399 / 300, method="wilson")
    assert corrected[0][0] == pytest.approx(ref[0], abs=TOL)
    assert corrected[1][0] - corrected[0][0] < plain[1][0] - plain[0][0]


def test_kish_effective_n() -> None:
    w = np.array([1.0, 2.0, 3.0, 4.0])
    assert bejegening.kish_effective_n(w) == pytest.approx(100 / 30)
    assert bejegening.kish_effective_n(np.ones(17)) == pytest.approx(17)
    assert bejegening.design_effect(w) == pytest.approx(4 * 30 / 100)
    vec = bejegening.kish_effective_n(sum_w=[10.0, 4.0], sum_w2=[30.0, 4.0])
    np.testing.assert_allclose(vec, [100 / 30, 4.0])


def test_bad_confidence_is_a_dutch_error() -> None:
    with pytest.raises(ValueError, match="betrouwbaarheid"):
        bejegening.wilson_interval(1, 2, confidence=95)
    assert z_value(0.95) == pytest.approx(1.959963984540054)


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(1, 10**7),
    share=st.floats(0, 1),
    confidence=st.sampled_from([0.8, 0.9, 0.95, 0.99]),
    method=st.sampled_from(["wilson", "clopper_pearson"]),
)
def test_interval_contains_estimate_and_lies_in_unit_interval(
    n: int, share: float, confidence: float, method: str
) -> None:
    x = round(share * n)
    low, high = proportion_interval([x], [n], method=method, confidence=confidence)  # type: ignore[arg-type]
    assert 0.0 <= low[0] <= x / n <= high[0] <= 1.0


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(1, 10**5),
    share=st.floats(0, 1),
    factor=st.integers(2, 50),
    method=st.sampled_from(["wilson", "clopper_pearson"]),
)
def test_intervals_narrow_as_n_grows(n: int, share: float, factor: int, method: str) -> None:
    x = round(share * n)
    small = proportion_interval([x], [n], method=method)  # type: ignore[arg-type]
    large = proportion_interval([x * factor], [n * factor], method=method)  # type: ignore[arg-type]
    assert large[1][0] - large[0][0] <= small[1][0] - small[0][0] + 1e-12


@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.floats(0, 500, allow_nan=False)),
            st.one_of(st.none(), st.floats(-1, 500, allow_nan=False)),
        ),
        min_size=1,
        max_size=40,
    ),
    st.sampled_from([0.8, 0.9, 0.95, 0.99]),
)
@settings(max_examples=200, deadline=None)
def test_wilson_in_a_query_equals_wilson_interval(
    pairs: list[tuple[float | None, float | None]], level: float
) -> None:
    """interval_expr's Wilson is polars arithmetic: the same floats as wilson_interval (numpy,
    checked against statsmodels), null where that gives NaN."""
    frame = pl.DataFrame(pairs, schema={"x": pl.Float64, "n": pl.Float64}, orient="row")
    got = frame.select(interval_expr(pl.col("x"), pl.col("n"), confidence=level).alias("ci")).unnest("ci")
    x = frame["x"].fill_null(np.nan).to_numpy()
    n = frame["n"].fill_null(np.nan).to_numpy()
    with np.errstate(over="ignore"):
        low, high = proportion_interval(x, n, confidence=level)
    for mine, theirs in ((got["ci_low"], low), (got["ci_high"], high)):
        expected = [None if np.isnan(v) else float(v) for v in theirs]
        assert mine.to_list() == expected
