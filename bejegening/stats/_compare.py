"""Comparisons of proportions between two surveys or waves, with multiple-testing adjustment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeAlias, overload

import numpy as np
import numpy.typing as npt
import polars as pl

from bejegening.stats._intervals import Vector, _arrays, _wilson

__all__ = [
    "COMPARISON_SCHEMA",
    "Adjustment",
    "adjust_pvalues",
    "benjamini_hochberg_adjust",
    "compare_proportions",
    "holm_adjust",
    "newcombe_difference",
    "two_proportion_test",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]
Adjustment: TypeAlias = Literal["holm", "bh", "none"]

COMPARISON_SCHEMA: dict[str, pl.DataType] = {
    "question": pl.String(),
    "option": pl.String(),
    "label": pl.String(),
    "survey_a": pl.String(),
    "survey_b": pl.String(),
    "pct_a": pl.Float64(),
    "n_a": pl.Float64(),
    "pct_b": pl.Float64(),
    "n_b": pl.Float64(),
    "diff": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "z": pl.Float64(),
    "p_value": pl.Float64(),
    "p_adjusted": pl.Float64(),
    "adjustment": pl.String(),
    "significant": pl.Boolean(),
    "counted": pl.Boolean(),
}
"""One row per (question, option) in both tables: proportions and the bases used (Kish
effective n for weighted tables), the difference a − b with Newcombe's interval, the pooled
two-proportion z-test, and its p-value adjusted over the family of distinct tests. ``counted``
is false for a row whose test repeats another (the second option of a two-option question: its
share is 1 minus the first's, so the test is the same) — it shares that row's adjusted p."""


@overload
def newcombe_difference(
    count1: float, nobs1: float, count2: float, nobs2: float, *, confidence: float = 0.95
) -> tuple[float, float, float]: ...
@overload
def newcombe_difference(
    count1: Vector, nobs1: Vector, count2: Vector, nobs2: Vector, *, confidence: float = 0.95
) -> tuple[FloatArray, FloatArray, FloatArray]: ...
def newcombe_difference(
    count1: Any, nobs1: Any, count2: Any, nobs2: Any, *, confidence: float = 0.95
) -> tuple[float, float, float] | tuple[FloatArray, FloatArray, FloatArray]:
    """Difference of two independent proportions p₁ − p₂ with Newcombe's hybrid score interval.

    With Wilson intervals (l₁, u₁) for p₁ and (l₂, u₂) for p₂ and d = p₁ − p₂::

        low  = d − √((p₁ − l₁)² + (u₂ − p₂)²)
        high = d + √((u₁ − p₁)² + (p₂ − l₂)²)

    Returns ``(d, low, high)``. Reference: R. G. Newcombe (1998), "Interval estimation for the
    difference between independent proportions: comparison of eleven methods", Statistics in
    Medicine 17:873-890, method 10. Matches ``statsmodels.stats.proportion.
    confint_proportions_2indep(method="newcombe", compare="diff")``.
    """
    x1, n1 = _arrays(count1, nobs1)
    x2, n2 = _arrays(count2, nobs2)
    shape = np.broadcast_shapes(x1.shape, x2.shape)
    x1, n1, x2, n2 = (np.atleast_1d(np.broadcast_to(a, shape)).astype(np.float64) for a in (x1, n1, x2, n2))
    l1, u1 = _wilson(x1, n1, confidence)
    l2, u2 = _wilson(x2, n2, confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        p1 = x1 / n1
        p2 = x2 / n2
    d = p1 - p2
    low = d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    if len(shape) == 0:
        return float(d[0]), float(low[0]), float(high[0])
    return d.reshape(shape), low.reshape(shape), high.reshape(shape)


@overload
def two_proportion_test(count1: float, nobs1: float, count2: float, nobs2: float) -> tuple[float, float]: ...
@overload
def two_proportion_test(
    count1: Vector, nobs1: Vector, count2: Vector, nobs2: Vector
) -> tuple[FloatArray, FloatArray]: ...
def two_proportion_test(
    count1: Any, nobs1: Any, count2: Any, nobs2: Any
) -> tuple[float, float] | tuple[FloatArray, FloatArray]:
    """Two-sided z-test of H₀: p₁ = p₂ with the pooled proportion; returns ``(z, p_value)``.

    ``z = (p₁ − p₂) / √(p̄(1 − p̄)(1/n₁ + 1/n₂))`` with p̄ = (x₁ + x₂)/(n₁ + n₂); z² equals the
    Pearson chi-square of the 2×2 table. When p̄ is 0 or 1 there is no difference to test:
    z = 0 and p = 1.

    Reference: A. Agresti (2013), Categorical Data Analysis, 3rd ed., §3.1. Matches
    ``statsmodels.stats.proportion.proportions_ztest``.
    """
    x1, n1 = _arrays(count1, nobs1)
    x2, n2 = _arrays(count2, nobs2)
    shape = np.broadcast_shapes(x1.shape, x2.shape)
    x1, n1, x2, n2 = (np.atleast_1d(np.broadcast_to(a, shape)).astype(np.float64) for a in (x1, n1, x2, n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = (x1 + x2) / (n1 + n2)
        se = np.sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2))
        z = (x1 / n1 - x2 / n2) / se
    degenerate = (se == 0) & (n1 > 0) & (n2 > 0)
    z = np.where(degenerate, 0.0, z)
    from scipy import stats  # noqa: PLC0415  (slow import, deferred)

    p = 2.0 * stats.norm.sf(np.abs(z))
    if len(shape) == 0:
        return float(z[0]), float(p[0])
    return z.reshape(shape), p.reshape(shape)


def _pvalues(pvalues: Any) -> FloatArray:
    p = np.asarray(pvalues, dtype=np.float64)
    if np.any((p[~np.isnan(p)] < 0) | (p[~np.isnan(p)] > 1)):
        raise ValueError("p-waarden moeten tussen 0 en 1 liggen")
    return p


def _adjust_in_order(pvalues: Vector, adjust: Callable[[FloatArray], FloatArray]) -> FloatArray:
    """Apply ``adjust`` to the non-NaN p-values sorted ascending (stable) and put the adjusted
    values back in their places; NaN values are left out of m and stay NaN."""
    p = _pvalues(pvalues)
    out = np.full(p.shape, np.nan)
    valid = ~np.isnan(p)
    values = p[valid]
    if values.size:
        order = np.argsort(values, kind="stable")
        adjusted = np.empty(values.size)
        adjusted[order] = adjust(values[order])
        out[valid] = adjusted
    return out


def holm_adjust(pvalues: Vector) -> FloatArray:
    """Holm's step-down adjusted p-values (controls the family-wise error rate).

    With p₍₁₎ ≤ … ≤ p₍ₘ₎: ``p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1) p₍ⱼ₎)``. NaN values are left
    out of m and stay NaN.

    Reference: S. Holm (1979), "A simple sequentially rejective multiple test procedure",
    Scandinavian Journal of Statistics 6:65-70. Matches
    ``statsmodels.stats.multitest.multipletests(method="holm")``.
    """

    def step_down(ordered: FloatArray) -> FloatArray:
        m = ordered.size
        scaled = np.minimum(1.0, (m - np.arange(m)) * ordered)
        return np.maximum.accumulate(scaled)

    return _adjust_in_order(pvalues, step_down)


def benjamini_hochberg_adjust(pvalues: Vector) -> FloatArray:
    """Benjamini-Hochberg adjusted p-values (controls the false discovery rate).

    With p₍₁₎ ≤ … ≤ p₍ₘ₎: ``p̃₍ᵢ₎ = min_{j ≥ i} min(1, m p₍ⱼ₎ / j)``. NaN values are left out.

    Reference: Y. Benjamini & Y. Hochberg (1995), "Controlling the false discovery rate", JRSS B
    57:289-300. Matches ``statsmodels.stats.multitest.multipletests(method="fdr_bh")``.
    """

    def step_up(ordered: FloatArray) -> FloatArray:
        m = ordered.size
        scaled = ordered * m / np.arange(1, m + 1)
        return np.minimum(1.0, np.minimum.accumulate(scaled[::-1])[::-1])

    return _adjust_in_order(pvalues, step_up)


def adjust_pvalues(pvalues: Vector, method: Adjustment = "holm") -> FloatArray:
    """Adjust p-values for multiple comparisons: ``holm`` (default), ``bh`` or ``none``."""
    if method == "holm":
        return holm_adjust(pvalues)
    if method == "bh":
        return benjamini_hochberg_adjust(pvalues)
    if method == "none":
        return _pvalues(pvalues).copy()
    raise ValueError(f"onbekende correctie {method!r}; kies holm, bh of none")


def compare_proportions(
    a: pl.DataFrame,
    b: pl.DataFrame,
    *,
    confidence: float = 0.95,
    adjust: Adjustment = "holm",
    alpha: float = 0.05,
    include_non_substantive: bool = False,
) -> pl.DataFrame:
    """Compare two frequency tables (two surveys or waves) option by option.

    Rows are matched on (question, option); the proportion is ``pct`` and its n the
    ``n_effective`` column when present (weighted tables), else ``base``. Rows without a known
    proportion on both sides get null statistics and are left out of the adjustment.
    "Weet niet"-like rows (valence ``non_substantive``) are left out unless
    ``include_non_substantive``. The family of tests is adjusted together (Holm by default, or
    Benjamini-Hochberg ``"bh"``; one call per page of comparisons) and holds each distinct test
    once: when a question has exactly two compared options whose shares add up to 1 on both
    sides with one base (yes/no), the second option's test is the first's mirrored, so it is not
    counted again (``counted`` false) and takes the first's adjusted p. ``significant`` means
    ``p_adjusted < alpha``. See :data:`COMPARISON_SCHEMA`.
    """

    def side(frame: pl.DataFrame, suffix: str) -> pl.DataFrame:
        n = pl.col("n_effective") if "n_effective" in frame.columns else pl.col("base").cast(pl.Float64)
        n = pl.when(pl.col("base").is_not_null()).then(n)
        keep = ~pl.col("option").str.starts_with("_")
        if not include_non_substantive and "valence" in frame.columns:
            keep = keep & (pl.col("valence").is_null() | (pl.col("valence") != "non_substantive"))
        return frame.filter(keep).select(
            "question",
            "option",
            *(["label"] if suffix == "a" else []),
            pl.col("survey").alias(f"survey_{suffix}"),
            pl.col("pct").alias(f"pct_{suffix}"),
            n.alias(f"n_{suffix}"),
        )

    joined = side(a, "a").join(side(b, "b"), on=["question", "option"], how="inner", maintain_order="left")
    pa = joined["pct_a"].fill_null(np.nan).to_numpy()
    na = joined["n_a"].fill_null(np.nan).to_numpy()
    pb = joined["pct_b"].fill_null(np.nan).to_numpy()
    nb = joined["n_b"].fill_null(np.nan).to_numpy()
    diff, low, high = newcombe_difference(pa * na, na, pb * nb, nb, confidence=confidence)
    z, p = two_proportion_test(pa * na, na, pb * nb, nb)
    mirrored = _mirrored_rows(joined)
    adjusted = adjust_pvalues(np.where(mirrored, np.nan, p), adjust)
    # A mirrored row takes its partner's (the question's first row) adjusted p.
    first = joined.with_row_index("_i").group_by("question", maintain_order=True).agg(pl.col("_i").first())
    partner = dict(first.iter_rows())
    for i in np.flatnonzero(mirrored):
        adjusted[i] = adjusted[partner[joined["question"][int(i)]]]
    return (
        joined.with_columns(
            pl.Series("diff", diff).fill_nan(None),
            pl.Series("ci_low", low).fill_nan(None),
            pl.Series("ci_high", high).fill_nan(None),
            pl.Series("z", z).fill_nan(None),
            pl.Series("p_value", p).fill_nan(None),
            pl.Series("p_adjusted", adjusted).fill_nan(None),
            pl.lit(adjust).alias("adjustment"),
            pl.Series("counted", ~mirrored & np.isfinite(p)),
        )
        .with_columns((pl.col("p_adjusted") < alpha).alias("significant"))
        .select(pl.col(name).cast(dtype) for name, dtype in COMPARISON_SCHEMA.items())
    )


def _mirrored_rows(joined: pl.DataFrame) -> npt.NDArray[np.bool_]:
    """True for the second row of a question with exactly two complementary compared options."""
    tol = 1e-9
    flags = joined.with_columns(
        (
            (pl.len().over("question") == 2)
            & ((pl.col("pct_a").sum().over("question") - 1.0).abs() < tol)
            & ((pl.col("pct_b").sum().over("question") - 1.0).abs() < tol)
            & (pl.col("n_a").n_unique().over("question") == 1)
            & (pl.col("n_b").n_unique().over("question") == 1)
            & (pl.int_range(pl.len()).over("question") == 1)
        )
        .fill_null(False)
        .alias("_m")
    )["_m"]
    return flags.to_numpy().astype(bool)
