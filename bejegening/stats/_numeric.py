"""Numeric questions: n, mean with its interval, SD, median, quartiles and range (weighted too).

Unweighted figures are the textbook ones (R's ``mean``, ``sd``, ``quantile(type = 7)`` and
``t.test``). Weighted figures are those of R's ``survey`` package for a design with weights
only (``svydesign(ids = ~1, weights = ~w)``): ``svymean`` with its linearised standard error,
``svyvar`` and ``svyquantile(qrule = "hf7")``, which reduce to the unweighted figures when every
weight is equal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from bejegening.model import Question, SampleDesign
from bejegening.stats._design import design_columns, design_strata, linearised_variance
from bejegening.stats._frames import FrameLike

__all__ = ["NUMERIC_SCHEMA", "numeric_summary", "weighted_quantile"]

NUMERIC_SCHEMA: dict[str, pl.DataType] = {
    "n": pl.Int64(),
    "n_missing": pl.Int64(),
    "n_effective": pl.Float64(),
    "mean": pl.Float64(),
    "se": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "sd": pl.Float64(),
    "min": pl.Float64(),
    "q1": pl.Float64(),
    "median": pl.Float64(),
    "q3": pl.Float64(),
    "max": pl.Float64(),
}
"""Columns of :func:`numeric_summary` after the group columns: ``n`` (answers with a number),
``n_missing`` (rows without one), ``n_effective`` (Kish's effective n; = n unweighted), ``mean``,
its standard error ``se`` and ``ci_low``/``ci_high``, ``sd``, ``min``, quartiles ``q1``,
``median``, ``q3`` and ``max``, all in the unit of the answers. Figures that need more answers
than there are (an SD of one answer) are null."""

_PROBS = (0.25, 0.5, 0.75)


def weighted_quantile(
    values: npt.ArrayLike, weights: npt.ArrayLike | None, probs: Sequence[float]
) -> npt.NDArray[np.float64]:
    """Quantiles of ``values`` by Hyndman & Fan's type 7, generalised to weights.

    With the values sorted, xᵢ (i = 1…n) with weights wᵢ and cumulative sums Sᵢ, the point
    ``pₖ = S₍ₖ₋₁₎ / S₍ₙ₋₁₎`` (S₀ = 0) is given the value xₖ and a quantile is the linear
    interpolation at p (clamped to the range). Equal weights give ``pₖ = (k − 1)/(n − 1)``: type 7
    (R's ``quantile`` default, numpy's ``"linear"``). Zero weights are left out.

    Reference: R. J. Hyndman & Y. Fan (1996), "Sample quantiles in statistical packages",
    The American Statistician 50:361-365; the weighted rule is R ``survey``'s
    ``svyquantile(qrule = "hf7")`` (T. Lumley, survey 4.x, ``qrule_hf7``).
    """
    x = np.asarray(values, dtype=np.float64)
    p = np.asarray(probs, dtype=np.float64)
    if weights is None:
        if x.size == 0:
            return np.full(p.shape, np.nan)
        return np.asarray(np.quantile(x, p, method="linear"), dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    keep = w != 0
    x, w = x[keep], w[keep]
    if x.size == 0:
        return np.full(p.shape, np.nan)
    if x.size == 1:
        return np.full(p.shape, x[0])
    order = np.argsort(x, kind="stable")
    x, w = x[order], w[order]
    cum = np.cumsum(w)
    points = np.concatenate(([0.0], cum[:-1])) / cum[-2]
    return np.asarray(np.interp(p, points, x), dtype=np.float64)


def _summary(x: npt.NDArray[np.float64], w: npt.NDArray[np.float64] | None, t_level: float) -> dict[str, Any]:
    n = int(x.size)
    row: dict[str, Any] = {"n": n, "n_effective": float(n)}
    if n == 0:
        return row
    q1, med, q3 = weighted_quantile(x, w, _PROBS)
    row |= {
        "min": float(x.min()),
        "q1": float(q1),
        "median": float(med),
        "q3": float(q3),
        "max": float(x.max()),
    }
    if w is None:
        mean = float(x.mean())
        row["mean"] = mean
        if n > 1:
            sd = float(x.std(ddof=1))
            se = sd / np.sqrt(n)
            row |= {"sd": sd, "se": se}
    else:
        total = float(w.sum())
        if total <= 0:
            return row | {"min": None, "q1": None, "median": None, "q3": None, "max": None}
        row["n_effective"] = total * total / float((w * w).sum())
        mean = float((w * x).sum() / total)
        row["mean"] = mean
        if n > 1:
            dev = x - mean
            scale = n / (n - 1.0)
            # svyvar: Σw(x − x̄)² / Σw · n/(n − 1); svymean's linearised SE (with replacement).
            row["sd"] = float(np.sqrt((w * dev * dev).sum() / total * scale))
            row["se"] = float(np.sqrt(scale * ((w * dev) ** 2).sum()) / total)
    if n > 1:
        from scipy import stats  # noqa: PLC0415  (slow import, deferred)

        t = float(stats.t.ppf(t_level, n - 1))
        row |= {"ci_low": mean - t * row["se"], "ci_high": mean + t * row["se"]}
    return row


def _with_design(
    rows: list[dict[str, Any]], data: pl.DataFrame, keys: list[str], design: SampleDesign, t_level: float
) -> list[dict[str, Any]]:
    """Replace se and the interval by the design's (linearised SE, design degrees of freedom)."""
    strata = design_strata(data.select("_h", "_c").unique(), design)
    w = pl.col("_w") if "_w" in data.columns else pl.lit(1.0)
    present = data.filter(pl.col("_x").is_not_null()).with_columns(w.alias("_wx"))
    # Centred first (x − x̄ per group), so the sums of squares do not cancel.
    centre = (pl.col("_wx") * pl.col("_x")).sum().over(keys) / pl.col("_wx").sum().over(keys)
    psu = (
        present.with_columns((pl.col("_x") - centre).alias("_d"))
        .group_by([*keys, "_h", "_c"])
        .agg(
            (pl.col("_wx") * pl.col("_d")).sum().alias("A"),
            pl.col("_wx").sum().alias("B"),
            pl.len().alias("k"),
        )
    )
    figures = linearised_variance(psu.lazy(), keys, strata).collect()
    found = {tuple(r[k] for k in keys): r for r in figures.iter_rows(named=True)}
    for row in rows:
        got = found.get(tuple(row[k] for k in keys))
        if got is None or row.get("mean") is None or row["n"] < 2:
            continue
        se = float(np.sqrt(got["variance"]))
        row["se"] = se
        if got["df"] >= 1:
            from scipy import stats  # noqa: PLC0415  (slow import, deferred)

            t = float(stats.t.ppf(t_level, got["df"]))
            row |= {"ci_low": row["mean"] - t * se, "ci_high": row["mean"] + t * se}
        else:
            row |= {"ci_low": None, "ci_high": None}
    return rows


def numeric_summary(
    answers: FrameLike,
    *,
    by: str | Sequence[str] = "question",
    value: str = "value",
    weight: str | None = None,
    questions: Iterable[Question | str] | None = None,
    confidence: float = 0.95,
    design: SampleDesign | None = None,
) -> pl.DataFrame:
    """Summary of a numeric answer per group: n, mean with interval, SD, quartiles, range.

    ``answers`` is a polars frame (eager or lazy) with one row per answer: the ``by`` columns
    (default ``question``; add a background column for a breakdown), the number in ``value``
    (null or NaN = no answer, counted in ``n_missing``) and optionally the ``weight``. With
    ``questions`` only those questions are summarised, each one even when nobody answered it.
    Returns one row per group, sorted by the ``by`` columns, with the columns of
    :data:`NUMERIC_SCHEMA`.

    Unweighted, with n answers x̄ = Σx/n, ``sd = √(Σ(x − x̄)²/(n − 1))``, ``se = sd/√n`` and the
    t interval ``x̄ ± t₁₋α/₂,ₙ₋₁ · se`` (Student 1908; R ``t.test``, ``scipy.stats.t.interval``).
    Weighted (weights wᵢ, one row is one respondent, design with weights only), as R's
    ``survey``: x̄ = Σwx/Σw, ``sd² = Σw(x − x̄)²/Σw · n/(n − 1)`` (``svyvar``), the linearised
    ``se = √(N/(N − 1) · Σ(w(x − x̄))²) / Σw`` over the N respondents in ``answers`` (those without
    a number add 0: R's ``svymean(~x, design, na.rm = TRUE)``; Wolter 2007, *Introduction to
    Variance Estimation*, §6) and ``x̄ ± t₁₋α/₂,df · se`` with df = n − 1
    (``confint(..., df = degf(design))``). Respondents are told apart by a ``respondent``
    column; without one every row is a respondent.
    Quartiles: :func:`weighted_quantile` (type 7; ``svyquantile(qrule = "hf7")`` weighted).
    Equal weights give the unweighted figures. With a ``design`` (strata, clusters, population
    sizes) ``se`` is the Taylor-linearised standard error of the design and the interval uses its
    degrees of freedom (:mod:`bejegening.stats._design`; R ``svymean`` and
    ``confint(..., df = degf(subset(design, !is.na(x))))``); ``answers`` must then hold every
    sampled respondent (rows without a number still count for the design).

    Raises ``ValueError`` (Dutch message) for an unknown column, a confidence outside (0, 1),
    or a missing or negative weight on a row with a number.
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"betrouwbaarheid moet tussen 0 en 1 liggen, gevonden: {confidence!r}")
    keys = [by] if isinstance(by, str) else list(by)
    frame = answers.lazy()
    schema = frame.collect_schema()
    missing = [c for c in (*keys, value, *([weight] if weight else [])) if c not in schema]
    if missing:
        raise ValueError(f"kolom ontbreekt in de antwoorden: {', '.join(missing)}")
    wanted: list[str] | None = None
    if questions is not None:
        wanted = [q if isinstance(q, str) else q.id for q in questions]
        frame = frame.filter(pl.col("question").cast(pl.String).is_in(wanted))
    if weight is not None and design is None:
        design = SampleDesign()  # weights only: svymean's linearised SE over all rows given
    number = pl.col(value).cast(pl.Float64)
    design_exprs = design_columns(frame, weight=weight, design=design) if design is not None else []
    frame = frame.select(
        *keys,
        pl.when(number.is_nan()).then(None).otherwise(number).alias("_x"),
        *([pl.col(weight).cast(pl.Float64).alias("_w")] if weight else []),
        *design_exprs[1:],
    )
    data = frame.collect()
    if weight:
        bad = data.filter(pl.col("_x").is_not_null() & (pl.col("_w").is_null() | (pl.col("_w") < 0)))
        if bad.height:
            raise ValueError(
                f"gewicht ontbreekt of is negatief bij {bad.height} antwoord(en) met een getal "
                f"(kolom {weight}); geef elk antwoord een gewicht ≥ 0"
            )
    t_level = 0.5 + confidence / 2.0
    rows: list[dict[str, Any]] = []
    for group_key, part in data.group_by(keys, maintain_order=True):
        present = part.filter(pl.col("_x").is_not_null())
        x = present["_x"].to_numpy()
        w = present["_w"].to_numpy() if weight else None
        row = dict(zip(keys, group_key, strict=True))
        row |= _summary(x, w, t_level)
        row["n_missing"] = part.height - present.height
        rows.append(row)
    if design is not None and rows:
        rows = _with_design(rows, data, keys, design, t_level)
    if wanted is not None and keys == ["question"]:
        seen = {str(r["question"]) for r in rows}
        rows += [{"question": q, "n": 0, "n_missing": 0, "n_effective": 0.0} for q in wanted if q not in seen]
    key_schema = {k: (schema[k] if k != "question" or wanted is None else pl.String()) for k in keys}
    result = pl.DataFrame(rows, schema={**key_schema, **NUMERIC_SCHEMA})
    if wanted is not None and keys == ["question"]:
        order = {q: i for i, q in enumerate(wanted)}
        return result.sort(pl.col("question").replace_strict(order, return_dtype=pl.Int64))
    return result.sort(keys, nulls_last=True)
