"""Design-based rank tests of a score by group (weighted Mann-Whitney / Kruskal-Wallis).

Each respondent i in the domain (score and group known) gets the estimated population mid-rank
of its score, ``R̂ᵢ = mean over tied scores of (Σⱼ≤ᵢ wⱼ − wᵢ/2)`` (respondents sorted by score,
ties in data order), scaled to ``rᵢ = R̂ᵢ / N̂`` with ``N̂ = Σ w``. A weighted least-squares fit of
r on the group indicators (first group the reference) gives the differences β in mean rank score;
their covariance is the design variance of the total of the influence values
``xᵢ eᵢ (X'WX)⁻¹`` (Taylor linearisation, strata, clusters and finite population correction as
in :mod:`bejegening.stats._design`). Then

- two groups: ``t = β₁ / se(β₁)`` against t with (design df − 1) degrees of freedom;
- more groups: ``F = β' V⁻¹ β / (k − 1)`` against F(k − 1, design df − (k − 1)).

Design df: PSUs with a respondent in the domain minus strata with one. These are R ``survey``'s
``svyranktest(test = "wilcoxon")`` (two groups) and its Kruskal-Wallis form (more groups).
Reference: T. Lumley & A. J. Scott (2013), "Two-sample rank tests under complex sampling",
Biometrika 100:831-842; Lumley (2010), *Complex Surveys*, §4.4.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl
from scipy import stats

from bejegening.model import SampleDesign
from bejegening.stats._design import design_columns, design_strata
from bejegening.stats._frames import FrameLike

__all__ = ["DesignRankResult", "design_rank_test"]


@dataclass(frozen=True)
class DesignRankResult:
    """Result of :func:`design_rank_test`."""

    n: int
    """Respondents in the domain (score and group known)."""
    groups: tuple[str, ...]
    """Group labels in the order used (the first is the reference)."""
    test: str
    """``design_mann_whitney`` (two groups: ``statistic`` is t) or ``design_kruskal_wallis``
    (``statistic`` is F)."""
    statistic: float
    dof: int
    """t's degrees of freedom (two groups) or F's numerator degrees of freedom (k − 1)."""
    ddf: int | None
    """F's denominator degrees of freedom (design df − (k − 1)); None for two groups."""
    p_value: float
    differences: tuple[float, ...]
    """Each later group's mean rank score minus the first group's."""
    design_df: int


def design_rank_test(
    frame: FrameLike,
    score: str,
    group: str,
    *,
    weight: str | None = None,
    design: SampleDesign | None = None,
    groups: Sequence[str] | None = None,
    units: pl.DataFrame | None = None,
) -> DesignRankResult:
    """Design-based rank test of numeric ``score`` by ``group`` (R's ``svyranktest``).

    ``frame`` holds one row per sampled respondent with ``score``, ``group``, the ``weight`` and
    the design's columns. Rows with an unknown score or group (or a group outside ``groups``)
    are left out of the test but stay in the design (domain estimation). ``groups`` fixes the
    group order (default: sorted; the first is the reference); ``units`` (columns ``_h``, ``_c``
    of :func:`bejegening.stats._design.design_columns`) names every PSU of the whole sample
    when ``frame`` holds fewer respondents. Raises ``ValueError`` (Dutch) with fewer than two
    groups or too few degrees of freedom.
    """
    lazy = frame.lazy()
    data = lazy.select(
        pl.col(score).cast(pl.Float64).alias("_y"),
        pl.col(group).cast(pl.String).alias("_g"),
        *design_columns(lazy, weight=weight, design=design),
    ).collect()
    every = (
        data.select("_h", "_c")
        if units is None
        else pl.concat([units.select("_h", "_c"), data.select("_h", "_c")])
    )
    psus = every.unique().sort("_h", "_c").with_row_index("_psu")
    strata = design_strata(psus.select("_h", "_c"), design)
    inside = pl.col("_y").is_not_null() & pl.col("_y").is_not_nan() & pl.col("_g").is_not_null()
    if groups is not None:
        inside = inside & pl.col("_g").is_in(list(groups))
    table = data.with_row_index("_row").filter(inside).join(psus, on=["_h", "_c"], how="left").sort("_row")
    labels = (
        [str(g) for g in groups if str(g) in set(table["_g"].to_list())]
        if groups is not None
        else sorted(table["_g"].unique().to_list())
    )
    k = len(labels)
    if k < 2:
        raise ValueError(
            f"een rangtoets van {score} naar {group} vraagt minstens twee groepen met antwoorden"
        )
    y = table["_y"].to_numpy()
    w = table["_w"].to_numpy().astype(np.float64)
    g = table["_g"].replace_strict(labels, list(range(k)), return_dtype=pl.Int64).to_numpy()
    n = y.size
    # Estimated population mid-ranks: R's ave(cumsum(w[ii]) - w[ii]/2, factor(y[ii])).
    order = np.argsort(y, kind="stable")
    running = np.cumsum(w[order]) - w[order] / 2.0
    _, tie, counts = np.unique(y[order], return_inverse=True, return_counts=True)
    rank = np.empty(n)
    rank[order] = (np.bincount(tie, weights=running) / counts)[tie]
    r = rank / w.sum()
    x = np.zeros((n, k))
    x[:, 0] = 1.0
    x[np.arange(n), g] = 1.0
    a_inv = np.linalg.inv(x.T @ (w[:, None] * x))
    beta = a_inv @ (x.T @ (w * r))
    influence = (x * (r - x @ beta)[:, None]) @ a_inv
    z = np.zeros((psus.height, k))
    np.add.at(z, table["_psu"].to_numpy(), w[:, None] * influence)
    v = np.zeros((k, k))
    stratum_of = psus.join(strata.frame, on="_h", how="left")
    labels_h = stratum_of["_h"].to_numpy()
    for h, factor, n_psu in stratum_of.select("_h", "_g", "_n_psu").unique().iter_rows():
        block = z[labels_h == h]
        s1 = block.sum(axis=0)
        v += factor * (block.T @ block - np.outer(s1, s1) / n_psu)
    counted = table.select("_h", "_c").unique()
    design_df = counted.height - counted["_h"].n_unique()
    differences = tuple(float(b) for b in beta[1:])
    if k == 2:
        dof = design_df - 1
        if dof < 1:
            raise ValueError("te weinig vrijheidsgraden in het steekproefontwerp voor een rangtoets")
        t = float(beta[1] / np.sqrt(v[1, 1]))
        p = float(2.0 * stats.t.sf(abs(t), dof))
        return DesignRankResult(
            n, tuple(labels), "design_mann_whitney", t, dof, None, p, differences, design_df
        )
    ndf = k - 1
    ddf = design_df - ndf
    if ddf < 1:
        raise ValueError("te weinig vrijheidsgraden in het steekproefontwerp voor een rangtoets")
    b = beta[1:]
    chisq = float(b @ np.linalg.solve(v[1:, 1:], b))
    f = chisq / ndf
    p = float(stats.f.sf(f, ndf, ddf))
    return DesignRankResult(n, tuple(labels), "design_kruskal_wallis", f, ndf, ddf, p, differences, design_df)
