"""Confidence intervals for proportions and the sample-size corrections they use.

Every function takes scalars (returns floats) or array-likes (returns numpy arrays), so the
same code serves one figure on a page and a whole frequency table at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from statistics import NormalDist
from typing import Any, Literal, TypeAlias, TypeVar, overload

import numpy as np
import numpy.typing as npt
import polars as pl

__all__ = [
    "IntervalMethod",
    "clopper_pearson_interval",
    "finite_population_correction",
    "fpc_effective_n",
    "interval_expr",
    "kish_effective_n",
    "net_score_interval",
    "proportion_interval",
    "wilson_interval",
    "z_value",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]
_Arith = TypeVar("_Arith", npt.NDArray[np.float64], pl.Expr)
"""What :func:`_wilson_terms` computes on: numpy arrays or polars expressions."""
Vector: TypeAlias = npt.NDArray[Any] | Sequence[float] | Sequence[int]
IntervalMethod: TypeAlias = Literal["wilson", "clopper_pearson"]


_STANDARD_NORMAL = NormalDist()


def _check_confidence(confidence: float) -> None:
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"betrouwbaarheid moet tussen 0 en 1 liggen, gevonden: {confidence!r}")


def z_value(confidence: float = 0.95) -> float:
    """The two-sided standard-normal critical value z₁₋α/₂ (1.959964… for 95 %).

    The inverse normal CDF of Python's ``statistics.NormalDist`` (Wichura 1988, algorithm AS241,
    about 16 significant digits), taken in the lower tail so no digits are lost to ``1 − α/2``;
    equal to ``scipy.stats.norm.isf(α/2)`` to within 1e-15 relatively (no scipy import: a fast
    start for the site build).
    """
    _check_confidence(confidence)
    return -_STANDARD_NORMAL.inv_cdf((1.0 - confidence) / 2.0)


def net_score_interval(
    top: float, bottom: float, nobs: float, *, confidence: float = 0.95
) -> tuple[float, float]:
    """Wald interval of a net score ``top − bottom``: two shares (fractions) of one sample.

    The two shares are cells of one multinomial sample of ``nobs`` (an effective n for weighted
    data), so they are negatively correlated: ``Cov(p̂_t, p̂_b) = −p_t·p_b/n`` and
    ``Var(p̂_t − p̂_b) = (p_t(1 − p_t) + p_b(1 − p_b) + 2·p_t·p_b)/n = (p_t + p_b − (p_t − p_b)²)/n``
    (the covariance of two cells of a multinomial distribution; A. Agresti, *Categorical Data
    Analysis*, 3rd ed., Wiley 2013, chapter 1). The interval is
    ``net ± z₁₋α/₂·√Var``, clipped to [−1, 1]. Returns ``(nan, nan)`` when ``nobs ≤ 0``.
    """
    _check_confidence(confidence)
    if not nobs > 0:
        return (float("nan"), float("nan"))
    net = top - bottom
    half = z_value(confidence) * float(np.sqrt(max(top + bottom - net * net, 0.0) / nobs))
    return (max(-1.0, net - half), min(1.0, net + half))


def _arrays(count: Any, nobs: Any) -> tuple[FloatArray, FloatArray]:
    x = np.asarray(count, dtype=np.float64)
    n = np.asarray(nobs, dtype=np.float64)
    return np.broadcast_arrays(x, n)  # type: ignore[return-value]


def _per_figure(
    kernel: Callable[[FloatArray, FloatArray, float], tuple[FloatArray, FloatArray]],
    count: Any,
    nobs: Any,
    confidence: float,
) -> tuple[float, float] | tuple[FloatArray, FloatArray]:
    """``kernel``'s interval (on 1-d float arrays) for scalars (floats back) or array-likes
    (arrays of their broadcast shape back): the public interval functions' one entry."""
    _check_confidence(confidence)
    x, n = _arrays(count, nobs)
    low, high = kernel(np.atleast_1d(x).astype(np.float64), np.atleast_1d(n).astype(np.float64), confidence)
    if np.ndim(x) == 0:
        return float(low[0]), float(high[0])
    return low.reshape(x.shape), high.reshape(x.shape)


def _wilson_terms(p: _Arith, n: _Arith, z2: float) -> tuple[_Arith, _Arith, _Arith]:
    """The Wilson score interval's centre, the term under its square root and its denominator,
    written once for numpy arrays and polars expressions (the same operations in the same order,
    so both give the same floats)::

        centre = (p + z²/2n) / (1 + z²/n),  half-width = z·√(p(1 − p)/n + z²/4n²) / (1 + z²/n)

    Wilson (1927), *JASA* 22, 209–212; Newcombe (1998), *Stat. Med.* 17, 857–872, method 3.
    """
    denom = 1.0 + z2 / n
    centre = (p + z2 / (2.0 * n)) / denom
    inner = p * (1.0 - p) / n + z2 / (4.0 * n * n)
    return centre, inner, denom


def _wilson(x: FloatArray, n: FloatArray, confidence: float) -> tuple[FloatArray, FloatArray]:
    z = z_value(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        center, inner, denom = _wilson_terms(p, n, z * z)
        dist = z * np.sqrt(inner) / denom
        low = np.clip(center - dist, 0.0, 1.0)
        high = np.clip(center + dist, 0.0, 1.0)
        # Rounding can put an endpoint a few ulps on the wrong side of p at p = 0 or 1.
        low = np.minimum(low, p)
        high = np.maximum(high, p)
    bad = ~(n > 0)
    low[bad] = np.nan
    high[bad] = np.nan
    return low, high


def _clopper_pearson(x: FloatArray, n: FloatArray, confidence: float) -> tuple[FloatArray, FloatArray]:
    alpha2 = (1.0 - confidence) / 2.0
    from scipy import stats  # noqa: PLC0415  (slow import, deferred)

    with np.errstate(divide="ignore", invalid="ignore"):
        low = stats.beta.ppf(alpha2, x, n - x + 1.0)
        high = stats.beta.isf(alpha2, x + 1.0, n - x)
        p = x / n
    low = np.where(x <= 0, 0.0, low)
    high = np.where(x >= n, 1.0, high)
    low = np.minimum(low, p)
    high = np.maximum(high, p)
    bad = ~(n > 0)
    low[bad] = np.nan
    high[bad] = np.nan
    return low.astype(np.float64), high.astype(np.float64)


@overload
def wilson_interval(count: float, nobs: float, *, confidence: float = 0.95) -> tuple[float, float]: ...
@overload
def wilson_interval(
    count: Vector, nobs: Vector | float, *, confidence: float = 0.95
) -> tuple[FloatArray, FloatArray]: ...
def wilson_interval(
    count: Any, nobs: Any, *, confidence: float = 0.95
) -> tuple[float, float] | tuple[FloatArray, FloatArray]:
    """Wilson score interval for a proportion ``count / nobs``.

    With p̂ = x/n and z = z₁₋α/₂::

        centre = (p̂ + z²/2n) / (1 + z²/n)
        half   = z·√(p̂(1−p̂)/n + z²/4n²) / (1 + z²/n)

    Endpoints are clipped to [0, 1]. ``count`` may be fractional (weighted data: pass
    p̂·n_eff and the effective n). ``nobs`` ≤ 0 gives NaN.

    Reference: E. B. Wilson (1927), "Probable inference, the law of succession, and statistical
    inference", JASA 22:209-212; Brown, Cai & DasGupta (2001), Statistical Science 16:101-133.
    Matches ``statsmodels.stats.proportion.proportion_confint(method="wilson")``.
    """
    return _per_figure(_wilson, count, nobs, confidence)


@overload
def clopper_pearson_interval(
    count: float, nobs: float, *, confidence: float = 0.95
) -> tuple[float, float]: ...
@overload
def clopper_pearson_interval(
    count: Vector, nobs: Vector | float, *, confidence: float = 0.95
) -> tuple[FloatArray, FloatArray]: ...
def clopper_pearson_interval(
    count: Any, nobs: Any, *, confidence: float = 0.95
) -> tuple[float, float] | tuple[FloatArray, FloatArray]:
    """Clopper-Pearson ("exact") interval for a proportion ``count / nobs``.

    ``low = B(α/2; x, n−x+1)`` and ``high = B(1−α/2; x+1, n−x)`` with ``B`` the beta quantile
    function; ``low = 0`` when x = 0 and ``high = 1`` when x = n. Conservative: coverage is at
    least the nominal level.

    Reference: C. J. Clopper & E. S. Pearson (1934), "The use of confidence or fiducial limits
    illustrated in the case of the binomial", Biometrika 26:404-413. Matches
    ``statsmodels.stats.proportion.proportion_confint(method="beta")``.
    """
    return _per_figure(_clopper_pearson, count, nobs, confidence)


@overload
def finite_population_correction(nobs: float, population_size: float) -> float: ...
@overload
def finite_population_correction(nobs: Vector, population_size: Vector | float) -> FloatArray: ...
def finite_population_correction(nobs: Any, population_size: Any) -> float | FloatArray:
    """Finite population correction factor for a standard error: ``√((N − n) / (N − 1))``.

    1 for an infinite population, 0 for a census (n ≥ N). Multiply a standard error by it.

    Reference: W. G. Cochran (1977), Sampling Techniques, 3rd ed., §2.5.
    """
    n, big_n = _arrays(nobs, population_size)
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.sqrt(np.clip((big_n - n) / (big_n - 1.0), 0.0, 1.0))
    factor = np.where(n >= big_n, 0.0, factor)
    if np.ndim(n) == 0:
        return float(factor)
    return np.asarray(factor, dtype=np.float64)


@overload
def fpc_effective_n(nobs: float, population_size: float | None) -> float: ...
@overload
def fpc_effective_n(nobs: Vector, population_size: Vector | float | None) -> FloatArray: ...
def fpc_effective_n(nobs: Any, population_size: Any) -> float | FloatArray:
    """Sample size that gives a binomial interval the finite-population width: ``n / fpc²``.

    With fpc² = (N − n)/(N − 1), an interval computed on n* = n·(N − 1)/(N − n) has the standard
    error of the without-replacement design (Cochran 1977, §3.2; the same device as the
    effective-sample-size intervals of Korn & Graubard 1998, Survey Methodology 24:193-201).
    Returns ``inf`` for a census (n ≥ N) and ``n`` unchanged when N is None.
    """
    if population_size is None:
        arr = np.asarray(nobs, dtype=np.float64)
        return float(arr) if arr.ndim == 0 else arr
    n, big_n = _arrays(nobs, population_size)
    factor = finite_population_correction(np.atleast_1d(n), np.atleast_1d(big_n))
    with np.errstate(divide="ignore"):
        eff = np.where(factor > 0, np.atleast_1d(n) / (factor * factor), np.inf)
    if np.ndim(n) == 0:
        return float(eff[0])
    return eff.reshape(n.shape).astype(np.float64)


@overload
def kish_effective_n(weights: Vector) -> float: ...
@overload
def kish_effective_n(weights: None = None, *, sum_w: Vector, sum_w2: Vector) -> FloatArray: ...
def kish_effective_n(
    weights: Vector | None = None, *, sum_w: Vector | None = None, sum_w2: Vector | None = None
) -> float | FloatArray:
    """Kish's effective sample size of weighted data: ``n_eff = (Σw)² / Σw²``.

    Pass the weights, or (vectorised, e.g. per question) the sums ``sum_w`` = Σw and
    ``sum_w2`` = Σw². Equal weights give n; unequal weights give less.

    Reference: L. Kish (1965), Survey Sampling, Wiley, §11.7.
    """
    if weights is not None:
        w = np.asarray(weights, dtype=np.float64)
        total2 = float(np.sum(w * w))
        return float(np.sum(w)) ** 2 / total2 if total2 > 0 else 0.0
    if sum_w is None or sum_w2 is None:
        raise ValueError("geef de gewichten, of sum_w en sum_w2")
    s = np.asarray(sum_w, dtype=np.float64)
    s2 = np.asarray(sum_w2, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(s2 > 0, s * s / s2, 0.0)


def proportion_interval(
    count: Vector,
    nobs: Vector,
    *,
    method: IntervalMethod = "wilson",
    confidence: float = 0.95,
    population_size: float | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Vectorised interval for ``count / nobs`` by ``method``, with the finite population
    correction (via :func:`fpc_effective_n`) when ``population_size`` is known.

    ``nobs`` may be an effective sample size (weighted data); ``count`` is then p̂·n_eff.
    """
    x, n = _arrays(count, nobs)
    x = np.atleast_1d(x).astype(np.float64)
    n = np.atleast_1d(n).astype(np.float64)
    if population_size is not None:
        n_star = fpc_effective_n(n, float(population_size))
        census = ~np.isfinite(n_star)
        with np.errstate(divide="ignore", invalid="ignore"):
            p = x / n
            x = np.where(census, p, p * np.where(census, 1.0, n_star))
        n = np.where(census, 1.0, n_star)
    else:
        census = np.zeros(x.shape, dtype=bool)
    if method == "wilson":
        low, high = _wilson(x, n, confidence)
    elif method == "clopper_pearson":
        low, high = _clopper_pearson(x, n, confidence)
    else:
        raise ValueError(f"onbekende methode {method!r}; kies wilson of clopper_pearson")
    if census.any():
        with np.errstate(divide="ignore", invalid="ignore"):
            p = x / n
        low = np.where(census, p, low)
        high = np.where(census, p, high)
    return low, high


_INTERVAL_DTYPE = pl.Struct({"ci_low": pl.Float64, "ci_high": pl.Float64})


def interval_expr(
    count: pl.Expr,
    nobs: pl.Expr,
    *,
    method: IntervalMethod = "wilson",
    confidence: float = 0.95,
    population_size: float | None = None,
) -> pl.Expr:
    """Polars expression: struct ``{ci_low, ci_high}`` of :func:`proportion_interval` (null when
    the interval is undefined), so intervals are part of a lazy query. Wilson without a
    population size is written as polars arithmetic (the operations of :func:`wilson_interval`
    in the same order, so the same floats); the other cases call :func:`proportion_interval`."""
    _check_confidence(confidence)
    if method == "wilson" and population_size is None:
        return _wilson_expr(count, nobs, confidence)

    def compute(batch: pl.Series) -> pl.Series:
        parts = batch.struct.unnest()
        x = parts["x"].cast(pl.Float64).fill_null(np.nan).to_numpy()
        n = parts["n"].cast(pl.Float64).fill_null(np.nan).to_numpy()
        low, high = proportion_interval(
            x, n, method=method, confidence=confidence, population_size=population_size
        )
        return pl.DataFrame({"ci_low": low, "ci_high": high}).fill_nan(None).to_struct("ci")

    return pl.struct(count.alias("x"), nobs.alias("n")).map_batches(
        compute, return_dtype=_INTERVAL_DTYPE, is_elementwise=True
    )


def _wilson_expr(count: pl.Expr, nobs: pl.Expr, confidence: float) -> pl.Expr:
    """:func:`_wilson` as a polars expression (no Python callback inside the query)."""
    z = z_value(confidence)
    x = count.cast(pl.Float64)
    n = nobs.cast(pl.Float64)
    p = x / n
    center, inner, denom = _wilson_terms(p, n, z * z)
    dist = z * inner.sqrt() / denom
    raw_low = (center - dist).clip(0.0, 1.0)
    raw_high = (center + dist).clip(0.0, 1.0)
    # As np.minimum/np.maximum: an endpoint a few ulps on the wrong side of p moves to p.
    low = pl.when(raw_low > p).then(p).otherwise(raw_low)
    high = pl.when(raw_high < p).then(p).otherwise(raw_high)
    # Where numpy gives NaN (n ≤ 0, overflow), null. Polars orders NaN above every number, so
    # NaN is excluded explicitly before comparing.
    defined = (
        n.is_not_nan()
        & (n > 0)
        & p.is_not_nan()
        & inner.is_not_nan()
        & (inner >= 0)
        & raw_low.is_not_nan()
        & raw_high.is_not_nan()
    )
    return pl.struct(
        pl.when(defined).then(low).alias("ci_low"),
        pl.when(defined).then(high).alias("ci_high"),
    )
