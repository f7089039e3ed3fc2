"""Largest-remainder rounding: displayed integer percentages that add up to exactly 100."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

__all__ = ["largest_remainder", "largest_remainder_expr"]


def largest_remainder(values: Sequence[float], total: int = 100) -> list[int]:
    """Round non-negative ``values`` to integers that add up to ``total`` (Hamilton's method).

    The values are scaled to ``total``, every value is rounded down, and the units still missing
    go to the values with the largest remainders (ties: the earlier value first).
    ``largest_remainder([1/3, 1/3, 1/3]) == [34, 33, 33]``. All zeros give all zeros.

    Reference: the Hamilton (largest remainder) apportionment method; see M. L. Balinski &
    H. P. Young (2001), Fair Representation, 2nd ed.
    """
    if any(v < 0 for v in values):
        raise ValueError("largest_remainder verwacht getallen ≥ 0")
    whole = sum(values)
    if whole <= 0:
        return [0 for _ in values]
    # Rounded to 9 decimals so that 28.999999999999996 (0.29 × 100) counts as 29.
    scaled = [round(v * total / whole, 9) for v in values]
    floors = [int(s) for s in scaled]
    missing = total - sum(floors)
    ranked = sorted(range(len(values)), key=lambda i: (-(scaled[i] - floors[i]), i))
    for i in ranked[:missing]:
        floors[i] += 1
    return floors


def largest_remainder_expr(share: pl.Expr, group: Sequence[str], position: pl.Expr) -> pl.Expr:
    """Polars expression: integer percentages of ``share`` (fractions) per ``group`` adding to 100.

    ``position`` breaks ties (lower first). Only meaningful where the shares of a group add up
    to 1; callers apply it to such partitions and plain rounding elsewhere.
    """
    whole = share.sum().over(group)
    scaled = pl.when(whole > 0).then((share * 100.0 / whole).round(9)).otherwise(0.0)
    floor = scaled.floor()
    remainder = scaled - floor
    missing = (100.0 - floor.sum().over(group)).round(0)
    # Order within the group by remainder (desc), then position (asc).
    rank = pl.struct((-remainder).alias("r"), position.alias("p")).rank("ordinal").over(group)
    result = floor + pl.when((rank <= missing) & (whole > 0)).then(1.0).otherwise(0.0)
    return pl.when(share.is_not_null()).then(result.cast(pl.Int64))
