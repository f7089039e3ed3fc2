"""GRIM: can a reported mean of whole-number answers come from n respondents?

The mean of ``n`` answers on an integer scale (1–5, 0–10), averaged over ``items`` questions,
is a whole-number total divided by ``N = n · items``.  A reported mean is *GRIM-consistent*
when some whole total ``T`` gives ``T / N`` that rounds to the reported mean.

Reference: N. J. L. Brown & J. A. J. Heathers (2017), "The GRIM test: a simple technique
detects numerous anomalies in the reporting of results in psychology", *Social Psychological
and Personality Science* 8(4), 363–369.  Test cases are ported from the R package scrutiny
(L. Jung), ``tests/testthat/test-grim.R`` and ``test-grim-map.R``.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TypedDict, Unpack

from bejegening._options import keyword_options
from bejegening.checks._rounding import Rounding, RoundingInterval, rounding_interval, scaled_value

__all__ = ["grim_can_fail", "grim_consistent", "grim_totals", "mean_decimals", "printed_interval"]


class GrimOptions(TypedDict, total=False):
    """Keyword parameters of :func:`grim_totals` and :func:`grim_consistent`.

    ``items``: questions averaged per person (default 1); ``decimals``: the mean's printed
    decimals (default: as printed); ``rounding``: the rule the publisher rounded by (default
    half-up); ``scale``: ``(lowest, highest)`` answer, e.g. ``(1, 5)``, which also requires the
    total to be possible on that scale (between ``1 · N`` and ``5 · N``; default: any total).
    """

    items: int
    decimals: int | None
    rounding: Rounding
    scale: tuple[int, int] | None


grim_options = keyword_options(GrimOptions, items=1, rounding=Rounding.half_up)


def mean_decimals(mean: str | float) -> int:
    """Decimals of a reported mean; pass it as text to keep trailing zeros (``"5.20"`` → 2)."""
    if isinstance(mean, str):
        exponent = Decimal(mean.strip().replace(",", ".")).as_tuple().exponent
    else:
        exponent = Decimal(repr(float(mean))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def printed_interval(value: str | float, decimals: int | None, rounding: Rounding) -> RoundingInterval:
    """True values that print as ``value`` (decimals as printed unless given): the interval
    GRIM, DEBIT and GRIMMER compare with."""
    d = decimals if decimals is not None else mean_decimals(value)
    text = value.strip().replace(",", ".") if isinstance(value, str) else value
    return rounding_interval(scaled_value(text, d), d, rounding)


@grim_options
def grim_totals(mean: str | float, n: int, **options: Unpack[GrimOptions]) -> list[int]:
    """Whole totals ``T`` (sum of all answers) for which ``T / (n · items)`` rounds to ``mean``.

    Options: :class:`GrimOptions`. Raises ``ValueError`` (Dutch) for n or items below 1.
    """
    items = options["items"]
    if n < 1 or items < 1:
        raise ValueError("n en items moeten minstens 1 zijn")
    rounding = options["rounding"]
    interval = printed_interval(mean, options.get("decimals"), rounding).scaled(Fraction(n * items))
    found = interval.integers()
    if found is None:
        return []
    first, last = found
    scale = options.get("scale")
    if scale is not None:
        low, high = scale
        first, last = max(first, low * n * items), min(last, high * n * items)
    return list(range(first, last + 1))


@grim_options
def grim_consistent(mean: str | float, n: int, **options: Unpack[GrimOptions]) -> bool:
    """True when a mean of ``n`` whole-number answers (``items`` per person) can print as ``mean``:
    :func:`grim_totals` finds a total. Options: :class:`GrimOptions`.

    ``grim_consistent("5.19", 28) is False``: totals 145 and 146 give 5,18 and 5,21.
    Pass the mean as text (``"5.20"``) so trailing zeros count as printed decimals.
    """
    return bool(grim_totals(mean, n, **options))


def grim_can_fail(n: int, decimals: int, *, items: int = 1) -> bool:
    """False when every mean with ``decimals`` decimals passes GRIM for ``n`` respondents.

    A printed mean stands for an interval of width 10⁻ᵈ; times N = n · items it is at least 1 wide
    when N ≥ 10ᵈ, so it always holds a whole total and GRIM cannot fail (Brown & Heathers 2017:
    the test needs N < 10ᵈ). A check then reports "GRIM niet toepasbaar", not "klopt".
    """
    if n < 1 or items < 1 or decimals < 0:
        raise ValueError("n en items moeten minstens 1 zijn en decimalen niet negatief")
    return bool(n * items < 10**decimals)
