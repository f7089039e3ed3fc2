"""Weights: raking and post-stratification to known population margins, trimming, design effect.

Written as polars expressions (``w · target / Σw over level``): the well-kept survey libraries
either pull in a large dependency tree or work on pandas, and iterative proportional fitting is a
few lines over a respondent-level frame.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

__all__ = ["RakeResult", "design_effect", "poststratify", "rake", "trim_weights"]

MarginKey = str | tuple[str, ...]
FloatArray = np.ndarray[Any, np.dtype[np.float64]]
_SEP = "\x1f"


def design_effect(weights: Sequence[float] | pl.Series | np.ndarray[Any, Any]) -> float:
    """Kish's design effect due to unequal weighting: ``deff = n Σw² / (Σw)² = 1 + CV²(w)``.

    1 for equal weights. n / deff is Kish's effective sample size.

    Reference: L. Kish (1965), Survey Sampling, §11.7; Kish (1992), "Weighting for unequal Pᵢ",
    Journal of Official Statistics 8:183-200.
    """
    w = np.asarray(weights, dtype=np.float64)
    total = float(w.sum())
    return float(w.size * float((w * w).sum()) / (total * total)) if total > 0 else float("nan")


def _relative_bounds(lower: float | None, upper: float | None) -> None:
    if lower is not None and upper is not None and lower > upper:
        raise ValueError(
            f"ondergrens ({lower:g} × gemiddelde) ligt boven de bovengrens ({upper:g} × gemiddelde)"
        )
    if lower is not None and lower > 1.0:
        raise ValueError(
            f"ondergrens {lower:g} × het gemiddelde gewicht is niet haalbaar: als elk gewicht minstens "
            "dat is, stijgt het totaal; kies een ondergrens van hoogstens 1"
        )
    if upper is not None and upper < 1.0:
        raise ValueError(
            f"bovengrens {upper:g} × het gemiddelde gewicht is niet haalbaar: als elk gewicht hoogstens "
            "dat is, daalt het totaal; kies een bovengrens van minstens 1"
        )


def _shift_into_bounds(w: FloatArray, total: float, lo: float, hi: float) -> FloatArray:
    """``clip(w + c, lo, hi)`` with the constant c that makes the sum ``total``.

    The sum is piecewise linear and non-decreasing in c with kinks at ``lo − wᵢ`` and ``hi − wᵢ``,
    so c is found exactly by linear interpolation between the two kinks around the total."""
    if not (np.isfinite(lo) or np.isfinite(hi)):
        return w
    kinks = np.unique(np.concatenate([b - w for b in (lo, hi) if np.isfinite(b)]))

    def excess(c: float) -> float:
        return float(np.clip(w + c, lo, hi).sum()) - total

    def slope(c: float) -> int:
        return int(np.sum((w + c > lo) & (w + c < hi)))

    values = np.array([excess(float(c)) for c in kinks])
    i = int(np.searchsorted(values, 0.0))
    if i < kinks.size and values[i] == 0.0:
        c = float(kinks[i])
    elif 0 < i < kinks.size:
        a, b = float(kinks[i - 1]), float(kinks[i])
        c = a + (b - a) * float(-values[i - 1]) / float(values[i] - values[i - 1])
    else:
        anchor = float(kinks[0]) if i == 0 else float(kinks[-1])
        step = slope(anchor - 1.0 if i == 0 else anchor + 1.0)
        # No slope beyond the outer kink: every weight sits on a bound (lower = upper = 1, say)
        # and the excess there is rounding only.
        c = anchor - excess(anchor) / step if step else anchor
    return np.clip(w + c, lo, hi)


def trim_weights(
    weights: pl.Series,
    *,
    lower: float | None = None,
    upper: float | None = None,
    max_iter: int = 1000,
) -> pl.Series:
    """Trim weights to ``[lower · mean, upper · mean]``, keeping their total exactly.

    R's ``survey::trimWeights(strict = TRUE)``, with bounds relative to the mean weight (``upper=5``
    caps every weight at five times the mean): weights outside the bounds are set to the bound and
    the amount trimmed is spread equally (added or subtracted) over the weights that were within
    the bounds; repeated until every weight is within the bounds. Should the repetition not settle
    in ``max_iter`` passes, or every weight lie outside at once, the weights become
    ``clip(w + c, lower · mean, upper · mean)`` with the constant c that keeps the total.

    The bounds can be met exactly when ``lower ≤ 1 ≤ upper`` (the mean lies within them);
    otherwise ``ValueError`` with a Dutch message, as for ``lower > upper`` or a missing or
    negative weight. Returns a Float64 series of the same name and length.

    Reference: T. Lumley, ``survey`` 4.x, ``trimWeights``; D. C. Potter (1990), "A study of
    procedures to identify and trim extreme sampling weights", Proc. Survey Research Methods
    Section, ASA, 225-230.
    """
    _relative_bounds(lower, upper)
    if weights.null_count() or (weights.cast(pl.Float64) < 0).any():
        raise ValueError("gewichten moeten bekend en niet negatief zijn")
    w = weights.cast(pl.Float64).to_numpy().copy()
    if w.size == 0:
        return pl.Series(weights.name, w)
    total = float(w.sum())
    mean = total / w.size
    lo = lower * mean if lower is not None else -np.inf
    hi = upper * mean if upper is not None else np.inf
    tolerance = 1e-12 * max(abs(total), 1.0)
    settled = False
    for _ in range(max_iter):
        outside = (w < lo) | (w > hi)
        if not outside.any():
            settled = True
            break
        trimmed = np.clip(w, lo, hi)
        inside = ~outside
        if not inside.any():
            w = trimmed
            break
        trimmed[inside] -= float((trimmed - w).sum()) / int(inside.sum())
        w = trimmed
    if not settled or abs(float(w.sum()) - total) > tolerance:
        w = _shift_into_bounds(w, total, lo, hi)
    return pl.Series(weights.name, w)


@dataclass(frozen=True)
class RakeResult:
    """Result of :func:`rake`: the new weights and a convergence report."""

    weights: pl.Series
    """One weight per input row, in input order; they sum to ``total``."""
    converged: bool
    iterations: int
    max_deviation: float
    """Largest absolute difference between an achieved and a target share."""
    design_effect: float
    n_effective: float
    margins: pl.DataFrame
    """``variable, level, target, achieved`` (shares) after the last iteration."""


def _key(columns: tuple[str, ...]) -> pl.Expr:
    if len(columns) == 1:
        return pl.col(columns[0]).cast(pl.String)
    return pl.concat_str([pl.col(c).cast(pl.String) for c in columns], separator=_SEP)


def _level(level: Any) -> str:
    if isinstance(level, tuple):
        return _SEP.join(str(part) for part in level)
    return str(level)


def rake(
    frame: pl.DataFrame,
    margins: Mapping[MarginKey, Mapping[Any, float]],
    *,
    weight: str | None = None,
    total: float | None = None,
    max_iter: int = 100,
    tolerance: float = 1e-8,
    lower: float | None = None,
    upper: float | None = None,
) -> RakeResult:
    """Rake (iterative proportional fitting) respondent weights to known population margins.

    ``frame`` has one row per respondent. ``margins`` maps a column (or a tuple of columns, for
    a joint margin such as age × gender, whose levels are then tuples) to ``{level: target}``;
    targets may be counts or shares (each margin is normalised to shares). Starting from
    ``weight`` (or 1), each pass multiplies the weights of every level by target / achieved for
    each margin in turn, until every achieved share is within ``tolerance`` of its target or
    ``max_iter`` passes. With ``lower``/``upper`` the weights are trimmed after every pass
    (:func:`trim_weights`, R's strict trimming: the total is kept; bounds relative to the mean
    weight, ``lower ≤ 1 ≤ upper`` or ``ValueError``), which may stop convergence — the report
    says so. Weights are scaled to sum to ``total`` (default: the number of rows, so
    the mean weight is 1).

    Reference: W. E. Deming & F. F. Stephan (1940), "On a least squares adjustment of a sampled
    frequency table when the expected marginal totals are known", Annals of Mathematical
    Statistics 11:427-444; Kolenikov (2014), "Calibrating survey data using iterative
    proportional fitting (raking)", Stata Journal 14:22-59.
    """
    if frame.is_empty():
        raise ValueError("geen respondenten om te wegen")
    _relative_bounds(lower, upper)
    size = float(total) if total is not None else float(frame.height)
    work = frame.select(
        (pl.col(weight).cast(pl.Float64) if weight else pl.lit(1.0, dtype=pl.Float64)).alias("_w"),
        *(_key(k if isinstance(k, tuple) else (k,)).alias(f"_k{i}") for i, k in enumerate(margins)),
    )
    if work["_w"].is_null().any() or (work["_w"] < 0).any():
        raise ValueError("gewichten moeten bekend en niet negatief zijn")
    targets: list[dict[str, float]] = []
    for i, (key, levels) in enumerate(margins.items()):
        name = " × ".join(key) if isinstance(key, tuple) else key
        shares = {_level(level): float(value) for level, value in levels.items()}
        whole = sum(shares.values())
        if whole <= 0 or any(v < 0 for v in shares.values()):
            raise ValueError(f"marge {name}: doelen moeten ≥ 0 zijn en samen > 0")
        shares = {level: value / whole for level, value in shares.items()}
        column = work[f"_k{i}"]
        if column.is_null().any():
            raise ValueError(f"marge {name}: {column.null_count()} respondent(en) zonder waarde")
        present = set(column.unique().to_list())
        unknown = sorted(present - set(shares))
        if unknown:
            raise ValueError(f"marge {name}: geen doel voor {', '.join(unknown)}")
        empty = sorted(level for level, share in shares.items() if share > 0 and level not in present)
        if empty:
            raise ValueError(f"marge {name}: geen respondenten in {', '.join(empty)}")
        targets.append(shares)

    w = pl.col("_w")
    work = work.with_columns(w * size / w.sum())

    def deviation(data: pl.DataFrame) -> float:
        worst = 0.0
        for i, shares in enumerate(targets):
            achieved = data.group_by(f"_k{i}").agg(w.sum() / size)
            for level, share in achieved.iter_rows():
                worst = max(worst, abs(share - shares[level]))
        return worst

    converged = False
    iterations = 0
    max_deviation = deviation(work)
    while iterations < max_iter and not (max_deviation <= tolerance and iterations > 0):
        iterations += 1
        for i, shares in enumerate(targets):
            level = pl.col(f"_k{i}")
            work = work.with_columns(
                w * level.replace_strict(shares, return_dtype=pl.Float64) * size / w.sum().over(level)
            )
        if lower is not None or upper is not None:
            work = work.with_columns(trim_weights(work["_w"], lower=lower, upper=upper).alias("_w"))
        max_deviation = deviation(work)
        converged = max_deviation <= tolerance
    report = []
    for i, (key, shares) in enumerate(zip(margins, targets, strict=True)):
        name = " × ".join(key) if isinstance(key, tuple) else key
        achieved = dict(work.group_by(f"_k{i}").agg(w.sum() / size).iter_rows())
        report += [
            {"variable": name, "level": level, "target": share, "achieved": achieved.get(level, 0.0)}
            for level, share in shares.items()
        ]
    weights = work["_w"].alias(weight or "weight")
    deff = design_effect(weights)
    return RakeResult(
        weights=weights,
        converged=converged,
        iterations=iterations,
        max_deviation=max_deviation,
        design_effect=deff,
        n_effective=frame.height / deff if deff > 0 else 0.0,
        margins=pl.DataFrame(
            report,
            schema={"variable": pl.String, "level": pl.String, "target": pl.Float64, "achieved": pl.Float64},
        ),
    )


def poststratify(
    frame: pl.DataFrame,
    cells: MarginKey,
    targets: Mapping[Any, float],
    *,
    weight: str | None = None,
    total: float | None = None,
) -> RakeResult:
    """Post-stratify to known population cells (e.g. ``("age", "gender")``): one raking margin.

    Every respondent in a cell gets weight × target share / achieved share, so the weighted cell
    shares equal the targets exactly. Reference: D. Holt & T. M. F. Smith (1979),
    "Post stratification", JRSS A 142:33-46.
    """
    return rake(frame, {cells: targets}, weight=weight, total=total, max_iter=1, tolerance=1e-9)
