"""Counts against percentages: which bases n make published (count, percentage) pairs possible.

A pair "26 personen, ofwel 21 %" is consistent with a base ``n`` when ``100 · 26 / n`` rounds
to 21 under the publisher's rounding rule.  For a fixed count the computed percentage falls as
``n`` grows, so the bases of one pair always form one unbroken range; the bases of several pairs
of the same question are the overlap of their ranges.  When the ranges do not overlap, the
largest group of pairs that do share a base is the best explanation, and the other pairs are
the odd ones out (compare the GRIM test of Brown & Heathers 2017, applied to percentages).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from bejegening.checks._rounding import (
    Rounding,
    RoundingInterval,
    printed_decimals,
    round_fraction,
    rounding_interval,
    scaled_value,
)

__all__ = [
    "BaseRange",
    "PercentagePair",
    "consistent_bases",
    "largest_consistent_subsets",
    "pair_ranges",
    "percentage_bases",
    "possible_counts",
    "printed_percentage",
]

DEFAULT_MAX_N = 10_000


@dataclass(frozen=True, slots=True)
class PercentagePair:
    """A published count with its published percentage (as printed: 21 for "21 %")."""

    count: int
    percentage: float
    decimals: int | None = None
    """Printed decimals of the percentage; ``None``: read from the value (21.0 → 0, 20.5 → 1)."""

    @property
    def printed_decimals(self) -> int:
        """The decimals used for this pair."""
        return self.decimals if self.decimals is not None else printed_decimals(self.percentage)

    def interval(self, rounding: Rounding) -> RoundingInterval:
        """True percentages that print as this percentage."""
        d = self.printed_decimals
        return rounding_interval(scaled_value(self.percentage, d), d, rounding)


@dataclass(frozen=True, slots=True)
class BaseRange:
    """Bases ``first..last`` (inclusive); ``open_ended`` when the data set no upper limit.

    An open-ended range stops at the search limit ``max_n`` only because the search stops there.
    """

    first: int
    last: int
    open_ended: bool = False

    @property
    def empty(self) -> bool:
        """True when no base fits."""
        return self.first > self.last

    def values(self) -> list[int]:
        """The bases as a list."""
        return list(range(self.first, self.last + 1))

    def __contains__(self, n: object) -> bool:
        return isinstance(n, int) and self.first <= n <= self.last

    def intersect(self, other: BaseRange) -> BaseRange:
        """Bases in both ranges."""
        return BaseRange(
            max(self.first, other.first),
            min(self.last, other.last),
            self.open_ended and other.open_ended,
        )

    def middle(self) -> int:
        """A representative base: the middle of the range (the lower end when open-ended)."""
        return self.first if self.open_ended else (self.first + self.last) // 2


EMPTY = BaseRange(1, 0)


def _pair_range(pair: PercentagePair, rounding: Rounding, max_n: int) -> BaseRange:
    """Bases n (1 ≤ n ≤ max_n, n ≥ count) for which ``100·count/n`` prints as the percentage."""
    interval = pair.interval(rounding)
    lowest = max(1, pair.count)
    if pair.count == 0:
        return BaseRange(lowest, max_n, True) if interval.contains(Fraction(0)) else EMPTY
    c = 100 * pair.count
    # 100c/n ∈ [lo, hi)  ⇔  n ∈ (100c/hi, 100c/lo]  (ends swap their closedness).
    if interval.high <= 0:
        return EMPTY
    first_bound = Fraction(c) / interval.high
    first_closed = interval.high_closed
    if interval.low <= 0:
        n_range = RoundingInterval(first_bound, Fraction(max_n), first_closed, True).integers()
        if n_range is None:
            return EMPTY
        return BaseRange(max(lowest, n_range[0]), n_range[1], True)
    n_range = RoundingInterval(
        first_bound, Fraction(c) / interval.low, first_closed, interval.low_closed
    ).integers()
    if n_range is None:
        return EMPTY
    return BaseRange(max(lowest, n_range[0]), min(max_n, n_range[1]), False)


def percentage_bases(
    count: int,
    percentage: float,
    *,
    decimals: int | None = None,
    rounding: Rounding = Rounding.half_up,
    max_n: int = DEFAULT_MAX_N,
) -> list[int]:
    """Every base ``n ≤ max_n`` for which ``count`` of ``n`` prints as ``percentage``.

    ``percentage_bases(16, 21) == [75, 76, 77, 78]`` (16/74 = 21,6% and 16/79 = 20,3% do not fit).
    """
    return _pair_range(PercentagePair(count, percentage, decimals), rounding, max_n).values()


def _common(pairs: Sequence[PercentagePair], rounding: Rounding, max_n: int) -> BaseRange:
    common = BaseRange(1, max_n, True)
    for pair in pairs:
        common = common.intersect(_pair_range(pair, rounding, max_n))
    return common


def consistent_bases(
    pairs: Iterable[PercentagePair | tuple[int, float]],
    *,
    rounding: Rounding = Rounding.half_up,
    max_n: int = DEFAULT_MAX_N,
) -> list[int]:
    """Every base ``n ≤ max_n`` consistent with all (count, percentage) pairs at once.

    ``consistent_bases([(16, 21), (36, 47), (25, 32)]) == [77]`` (WPI question 7).
    """
    return _common(_as_pairs(pairs), rounding, max_n).values()


def _as_pairs(pairs: Iterable[PercentagePair | tuple[int, float]]) -> list[PercentagePair]:
    return [p if isinstance(p, PercentagePair) else PercentagePair(p[0], p[1]) for p in pairs]


def largest_consistent_subsets(
    pairs: Iterable[PercentagePair | tuple[int, float]],
    *,
    rounding: Rounding = Rounding.half_up,
    max_n: int = DEFAULT_MAX_N,
) -> list[tuple[frozenset[int], BaseRange]]:
    """The largest groups of pairs (by position) that share at least one base, with those bases.

    Usually there is one such group; the pairs outside it are the odd ones out.  Several groups
    of the same size mean the figures alone cannot tell which pair is wrong.  An empty list
    means that no pair fits any base on its own.
    """
    items = _as_pairs(pairs)
    ranges = [_pair_range(p, rounding, max_n) for p in items]
    # The overlap of a group of ranges starts at one of their first bases: try each.
    found: dict[frozenset[int], BaseRange] = {}
    for candidate in sorted({r.first for r in ranges if not r.empty}):
        members = frozenset(i for i, r in enumerate(ranges) if candidate in r)
        if members and members not in found:
            common = BaseRange(1, max_n, True)
            for i in members:
                common = common.intersect(ranges[i])
            found[members] = common
    if not found:
        return []
    size = max(len(m) for m in found)
    best = [(m, r) for m, r in found.items() if len(m) == size]
    best.sort(key=lambda item: (item[1].first, sorted(item[0])))
    return best


def pair_ranges(
    pairs: Sequence[PercentagePair], *, rounding: Rounding, max_n: int = DEFAULT_MAX_N
) -> list[BaseRange]:
    """The bases of each pair on its own."""
    return [_pair_range(p, rounding, max_n) for p in pairs]


def printed_percentage(
    count: int, n: int, *, decimals: int = 0, rounding: Rounding = Rounding.half_up
) -> Fraction:
    """The percentage ``count`` of ``n`` prints as, under ``rounding`` (exact)."""
    return round_fraction(Fraction(100 * count, n), decimals, rounding)


def possible_counts(
    percentage: float,
    n: int,
    *,
    decimals: int | None = None,
    rounding: Rounding = Rounding.half_up,
) -> list[int]:
    """Whole counts ``0..n`` of ``n`` people that print as ``percentage`` (GRIM for percentages).

    ``possible_counts(7, 50) == []``: 3 of 50 is 6% and 4 of 50 is 8%, so 7% of 50 is impossible.
    """
    d = decimals if decimals is not None else printed_decimals(percentage)
    interval = rounding_interval(scaled_value(percentage, d), d, rounding).scaled(Fraction(n, 100))
    found = interval.integers()
    if found is None:
        return []
    first, last = max(0, found[0]), min(n, found[1])
    return list(range(first, last + 1))
