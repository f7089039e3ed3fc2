"""Rao-Scott corrected chi-square tests of independence for weighted or complex-sample crosstabs.

Pearson's X² on the weighted table (scaled to the n respondents) assumes a simple random sample.
With p̂ the r·c cell shares, V their Taylor-linearised covariance (:mod:`bejegening.stats._design`)
and C the contrasts of the interaction (the r·c × (r − 1)(c − 1) columns of the saturated model
orthogonal to the main effects), the generalised design effects δ are the eigenvalues of
``Δ = (C'D⁻¹C/n)⁻¹ (C'D⁻¹VD⁻¹C)`` (D = diag p̂). Then

- first order: ``X²/δ̄`` against χ² with (r − 1)(c − 1) degrees of freedom;
- second order (Satterthwaite): ``F = X²/tr Δ`` against F(d, d·ν) with
  ``d = (tr Δ)²/tr Δ²`` and ν the design's degrees of freedom.

These are R ``survey``'s ``svychisq(statistic = "Chisq")`` and ``svychisq(statistic = "F")``
(the default). References: J. N. K. Rao & A. J. Scott (1981), "The analysis of categorical data
from complex sample surveys", JASA 76:221-230; Rao & Scott (1984), Annals of Statistics
12:46-60; T. Lumley (2010), *Complex Surveys*, §6.2.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

from bejegening.model import SampleDesign
from bejegening.stats._design import design_columns, design_strata
from bejegening.stats._frames import FrameLike

__all__ = ["RaoScottResult", "rao_scott_test"]


@dataclass(frozen=True)
class RaoScottResult:
    """Result of :func:`rao_scott_test`."""

    n: int
    """Respondents in the table (both variables known)."""
    rows: int
    cols: int
    pearson: float
    """Pearson's X² of the weighted table scaled to n (uncorrected)."""
    dof: int
    """(rows − 1)(cols − 1)."""
    first_order: float
    """X²/δ̄, the first-order corrected statistic."""
    first_order_p: float
    mean_deff: float
    """δ̄: the mean generalised design effect."""
    f: float
    """X²/tr Δ, the second-order (Satterthwaite) F statistic."""
    ndf: float
    ddf: float
    p_value: float
    """p of the second-order test (the one to report)."""
    design_df: int


def _interaction_contrasts(rows: int, cols: int) -> npt.NDArray[np.float64]:
    """Columns of the r·c saturated design (rows vary fastest) for the interaction, with the
    main effects projected out (R: ``qr.resid(qr(X1), X12[, -(1:(r + c - 1))])``)."""
    r_idx = np.tile(np.arange(rows), cols)
    c_idx = np.repeat(np.arange(cols), rows)
    main = np.column_stack(
        [np.ones(rows * cols)]
        + [(r_idx == i).astype(float) for i in range(1, rows)]
        + [(c_idx == j).astype(float) for j in range(1, cols)]
    )
    inter = np.column_stack(
        [((r_idx == i) & (c_idx == j)).astype(float) for j in range(1, cols) for i in range(1, rows)]
    )
    coef, *_ = np.linalg.lstsq(main, inter, rcond=None)
    return np.asarray(inter - main @ coef, dtype=np.float64)


def rao_scott_test(
    frame: FrameLike,
    row: str,
    column: str,
    *,
    weight: str | None = None,
    design: SampleDesign | None = None,
    keep: list[str] | None = None,
) -> RaoScottResult:
    """Rao-Scott first- and second-order corrected chi-square test of ``row`` × ``column``.

    ``frame`` holds one row per sampled respondent with the two variables, the ``weight`` and
    the design's columns. Respondents with an unknown value, or (with ``keep``) a ``row`` value
    outside ``keep`` (say the substantive answers), are left out of the table but stay in the
    design (domain estimation, as R's ``svychisq`` on ``subset(design, ...)``). Levels are those
    present. Raises ``ValueError`` (Dutch) for a table with fewer than two rows or columns.
    """
    lazy = frame.lazy()
    data = lazy.select(
        pl.col(row).cast(pl.String).alias("_r"),
        pl.col(column).cast(pl.String).alias("_k"),
        *design_columns(lazy, weight=weight, design=design),
    ).collect()
    strata = design_strata(data.select("_h", "_c").unique(), design)
    inside = pl.col("_r").is_not_null() & pl.col("_k").is_not_null()
    if keep is not None:
        inside = inside & pl.col("_r").is_in(keep)
    table = data.filter(inside)
    row_levels = sorted(table["_r"].unique().to_list())
    col_levels = sorted(table["_k"].unique().to_list())
    nr, nc = len(row_levels), len(col_levels)
    if nr < 2 or nc < 2:
        raise ValueError(f"kruistabel {row} × {column} heeft minstens twee rijen en twee kolommen nodig")
    n = table.height
    cell = pl.col("_r").replace_strict(row_levels, list(range(nr))) + nr * pl.col("_k").replace_strict(
        col_levels, list(range(nc))
    )
    table = table.with_columns(cell.alias("_cell"))
    psu_ids = data.select("_h", "_c").unique().sort("_h", "_c").with_row_index("_psu")
    sums = table.join(psu_ids, on=["_h", "_c"]).group_by("_psu", "_cell").agg(pl.col("_w").sum())
    cells = nr * nc
    a = np.zeros((psu_ids.height, cells))
    a[sums["_psu"].to_numpy(), sums["_cell"].to_numpy()] = sums["_w"].to_numpy()
    total = float(a.sum())
    p = a.sum(axis=0) / total
    # Linearised values per PSU: Z = (A − B p)/W with B the PSU's weight in the table.
    z = (a - a.sum(axis=1, keepdims=True) * p) / total
    stratum = psu_ids.join(strata.frame, on="_h", how="left")
    v = np.zeros((cells, cells))
    for (_, g, n_psu), block in zip(
        stratum.select("_h", "_g", "_n_psu").unique(maintain_order=True).iter_rows(),
        _blocks(stratum, z),
        strict=True,
    ):
        s1 = block.sum(axis=0)
        v += g * (block.T @ block - np.outer(s1, s1) / n_psu)
    inv_d = np.diag(np.where(p > 0, 1.0 / np.where(p > 0, p, 1.0), 0.0))
    contrasts = _interaction_contrasts(nr, nc)
    denominator = contrasts.T @ (inv_d / n) @ contrasts
    numerator = contrasts.T @ inv_d @ v @ inv_d @ contrasts
    delta = np.linalg.solve(denominator, numerator)
    trace = float(np.trace(delta))
    d0 = trace * trace / float(np.trace(delta @ delta))
    observed = (p * n).reshape(nc, nr).T
    expected = observed.sum(axis=1, keepdims=True) * observed.sum(axis=0, keepdims=True) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        pearson = float(np.nansum(np.where(expected > 0, (observed - expected) ** 2 / expected, 0.0)))
    dof = (nr - 1) * (nc - 1)
    counted = table.select("_h", "_c").unique()
    design_df = counted.height - counted["_h"].n_unique()
    mean_deff = trace / dof
    f = pearson / trace
    from scipy import stats  # noqa: PLC0415  (slow import, deferred)

    return RaoScottResult(
        n=n,
        rows=nr,
        cols=nc,
        pearson=pearson,
        dof=dof,
        first_order=pearson / mean_deff,
        first_order_p=float(stats.chi2.sf(pearson / mean_deff, dof)),
        mean_deff=mean_deff,
        f=f,
        ndf=d0,
        ddf=d0 * design_df,
        p_value=float(stats.f.sf(f, d0, d0 * design_df)),
        design_df=design_df,
    )


def _blocks(stratum: pl.DataFrame, z: npt.NDArray[np.float64]) -> list[npt.NDArray[np.float64]]:
    """The rows of z (one per PSU, in ``_psu`` order) per stratum, in order of first appearance."""
    order = stratum.select("_h").unique(maintain_order=True)["_h"].to_list()
    index = stratum["_psu"].to_numpy()
    labels = stratum["_h"].to_numpy()
    return [z[index[labels == h]] for h in order]
