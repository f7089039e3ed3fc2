"""Tests for ordinal answers (Likert scales) by group: rank tests and a trend test.

- two groups: Mann-Whitney U (Wilcoxon rank-sum) with tie and continuity correction, normal
  approximation (``scipy.stats.mannwhitneyu(method="asymptotic")``; R ``wilcox.test(exact = FALSE,
  correct = TRUE)``); H. B. Mann & D. R. Whitney (1947), Annals of Mathematical Statistics 18:50-60;
- more groups: Kruskal-Wallis H with tie correction (``scipy.stats.kruskal``; R ``kruskal.test``);
  W. H. Kruskal & W. A. Wallis (1952), JASA 47:583-621;
- ordered groups (age bands, years): the linear-by-linear association test
  ``M² = (N − 1) r²`` with r Pearson's correlation of the answer scores and the group scores
  (1, 2, …), against χ² with 1 degree of freedom; A. Agresti (2013), *Categorical Data
  Analysis*, 3rd ed., §3.4.6 (Mantel 1963). scipy has no function for it; the correlation is
  ``scipy.stats.pearsonr``'s.

Without weights these are tests for the respondents as a simple random sample. With a weight or a
sample design (:class:`bejegening.SampleDesign`) the rank tests are design-based
(:func:`bejegening.stats.design_rank_test`, R ``survey``'s ``svyranktest``); the trend test has no
design-based form here and is refused then (Dutch ``ValueError``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from bejegening.model import Question, SampleDesign, Valence
from bejegening.stats._design import design_columns
from bejegening.stats._design_ranks import design_rank_test
from bejegening.stats._frames import FrameLike

__all__ = ["ORDINAL_SCHEMA", "linear_by_linear_test", "ordinal_tests"]

ORDINAL_SCHEMA: dict[str, pl.DataType] = {
    "question": pl.String(),
    "by": pl.String(),
    "groups": pl.Int64(),
    "n": pl.Int64(),
    "test": pl.String(),
    "statistic": pl.Float64(),
    "dof": pl.Int64(),
    "ddf": pl.Int64(),
    "p_value": pl.Float64(),
    "trend_statistic": pl.Float64(),
    "trend_p": pl.Float64(),
}
"""One row per question: ``test`` is ``mann_whitney`` (statistic U of the first group in
``order``) or ``kruskal_wallis`` (statistic H, ``dof`` = groups − 1), null with fewer than two
groups; ``trend_*`` the linear-by-linear test when the groups are ordered. Weighted:
``design_mann_whitney`` (statistic t, ``dof`` its degrees of freedom) or ``design_kruskal_wallis``
(statistic F with ``dof`` = groups − 1 and ``ddf`` the denominator degrees of freedom)."""


def linear_by_linear_test(scores: npt.ArrayLike, group_scores: npt.ArrayLike) -> tuple[float, float]:
    """Linear-by-linear association: ``M² = (N − 1) r²`` and its χ²₁ p-value (Agresti 2013,
    §3.4.6). NaN when either variable is constant or N < 3."""
    x = np.asarray(scores, dtype=np.float64)
    y = np.asarray(group_scores, dtype=np.float64)
    if x.size < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return float("nan"), float("nan")
    from scipy import stats  # noqa: PLC0415  (slow import, deferred)

    r = float(stats.pearsonr(x, y).statistic)
    m2 = (x.size - 1) * r * r
    return m2, float(stats.chi2.sf(m2, 1))


def _scores(question: Question) -> dict[str, float]:
    """Option → score: the options' scores, else their position on the scale (1, 2, …)."""
    scale = [o for o in question.ordered_options() if o.valence is not Valence.non_substantive]
    if scale and all(o.score is not None for o in scale):
        return {o.id: float(o.score) for o in scale if o.score is not None}
    return {o.id: float(i) for i, o in enumerate(scale, start=1)}


def ordinal_tests(
    answers: FrameLike,
    questions: Sequence[Question],
    by: str,
    *,
    order: Sequence[Any] | None = None,
    weight: str | None = None,
    design: SampleDesign | None = None,
) -> pl.DataFrame:
    """Rank tests of ordinal answers by the groups in column ``by`` (long-form ``answers``).

    Each question's substantive options are scored (option ``score``, else position on the scale;
    "weet niet" and no answer are left out). With two groups: Mann-Whitney; with more:
    Kruskal-Wallis. With ``order`` (the groups in their natural order, e.g. age bands) the
    linear-by-linear trend test is added, groups scored 1, 2, … in that order; groups not in
    ``order`` are then left out. Returns :data:`ORDINAL_SCHEMA`.

    With ``weight`` and/or ``design`` the answers (one row per respondent × question, with the
    weight and design columns) are tested design-based (:func:`design_rank_test`, R's
    ``svyranktest``); respondents outside a question's test stay in the design. A trend test
    (``order``) is refused then: ``ValueError`` with a Dutch message.
    """
    if weight is not None or design is not None:
        if order is not None:
            raise ValueError(
                "de trendtoets (lineair-bij-lineair) bestaat hier alleen voor ongewogen antwoorden; "
                "laat order weg bij een weging of steekproefontwerp"
            )
        return _design_tests(answers, questions, by, weight=weight, design=design)
    frame = answers.lazy().select(
        pl.col("question").cast(pl.String), pl.col("option").cast(pl.String), pl.col(by).cast(pl.String)
    )
    data = frame.collect()
    rows: list[dict[str, Any]] = []
    for question in questions:
        scores = _scores(question)
        if len(scores) < 2:
            continue
        part = data.filter((pl.col("question") == question.id) & pl.col(by).is_not_null()).with_columns(
            pl.col("option").replace_strict(scores, default=None, return_dtype=pl.Float64).alias("_s")
        )
        part = part.filter(pl.col("_s").is_not_null())
        if order is not None:
            ranks = {str(g): float(i) for i, g in enumerate(order, start=1)}
            part = part.filter(pl.col(by).is_in(list(ranks)))
            labels = [str(g) for g in order if str(g) in set(part[by].to_list())]
        else:
            labels = sorted(set(part[by].to_list()))
        samples = [part.filter(pl.col(by) == g)["_s"].to_numpy() for g in labels]
        row: dict[str, Any] = {"question": question.id, "by": by, "groups": len(labels), "n": part.height}
        from scipy import stats  # noqa: PLC0415  (slow import, deferred)

        if len(labels) == 2 and all(s.size for s in samples):
            result = stats.mannwhitneyu(
                samples[0], samples[1], use_continuity=True, alternative="two-sided", method="asymptotic"
            )
            row |= {
                "test": "mann_whitney",
                "statistic": float(result.statistic),
                "p_value": float(result.pvalue),
            }
        elif len(labels) > 2 and np.ptp(part["_s"].to_numpy()) > 0:
            result = stats.kruskal(*samples)
            row |= {
                "test": "kruskal_wallis",
                "statistic": float(result.statistic),
                "dof": len(labels) - 1,
                "p_value": float(result.pvalue),
            }
        if order is not None and len(labels) >= 2:
            group_scores = part[by].replace_strict(ranks, return_dtype=pl.Float64).to_numpy()
            m2, p = linear_by_linear_test(part["_s"].to_numpy(), group_scores)
            row |= {"trend_statistic": m2, "trend_p": p}
        rows.append(row)
    return pl.DataFrame(rows, schema=ORDINAL_SCHEMA).with_columns(pl.col(pl.Float64).fill_nan(None))


def _design_tests(
    answers: FrameLike,
    questions: Sequence[Question],
    by: str,
    *,
    weight: str | None,
    design: SampleDesign | None,
) -> pl.DataFrame:
    lazy = answers.lazy()
    data = lazy.with_columns(
        pl.col("question").cast(pl.String),
        pl.col("option").cast(pl.String),
        *design_columns(lazy, weight=weight, design=design),
    ).collect()
    units = data.select("_h", "_c").unique()
    rows: list[dict[str, Any]] = []
    for question in questions:
        scores = _scores(question)
        if len(scores) < 2:
            continue
        part = data.filter(pl.col("question") == question.id).with_columns(
            pl.col("option").replace_strict(scores, default=None, return_dtype=pl.Float64).alias("_s")
        )
        known = part.filter(pl.col("_s").is_not_null() & pl.col(by).is_not_null())
        row: dict[str, Any] = {
            "question": question.id,
            "by": by,
            "groups": known[by].n_unique(),
            "n": known.height,
        }
        if row["groups"] >= 2:
            found = design_rank_test(part, "_s", by, weight=weight, design=design, units=units)
            row |= {
                "test": found.test,
                "statistic": found.statistic,
                "dof": found.dof,
                "ddf": found.ddf,
                "p_value": found.p_value,
            }
        rows.append(row)
    return pl.DataFrame(rows, schema=ORDINAL_SCHEMA)
