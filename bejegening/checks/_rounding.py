"""Rounding rules and exact interval arithmetic for printed (rounded) figures.

A printed figure such as "21 %" stands for every true value that the publisher's rounding rule
turns into 21.  All arithmetic here is exact (integers and :class:`fractions.Fraction`), so
that a value exactly on a rounding boundary (20,5) is judged by the rule, not by binary floating
point noise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from bejegening.model import printed_decimals

__all__ = [
    "Rounding",
    "RoundingInterval",
    "printed_decimals",
    "round_fraction",
    "rounding_interval",
    "scaled_value",
]


class Rounding(StrEnum):
    """How a publisher rounds a figure to the printed number of decimals.

    ``half_up`` is what people and most spreadsheets do (20,5 → 21; for negative values away
    from zero); ``half_even`` is banker's rounding (20,5 → 20, 21,5 → 22); ``half_down`` rounds
    halves down (20,5 → 20); ``truncate`` drops the decimals (20,9 → 20).
    """

    half_up = "half_up"
    half_even = "half_even"
    half_down = "half_down"
    truncate = "truncate"

    @property
    def label(self) -> str:
        """Dutch name of the rule, for reports."""
        return _LABELS[self]


_LABELS = {
    Rounding.half_up: "gewoon afronden (0,5 naar boven)",
    Rounding.half_even: "bankiersafronding (0,5 naar even)",
    Rounding.half_down: "0,5 naar beneden afronden",
    Rounding.truncate: "afkappen",
}


@dataclass(frozen=True, slots=True)
class RoundingInterval:
    """All true values that print as one rounded figure: from ``low`` to ``high``.

    ``low_closed``/``high_closed`` say whether the end itself rounds to the printed figure.
    """

    low: Fraction
    high: Fraction
    low_closed: bool
    high_closed: bool

    def contains(self, value: Fraction) -> bool:
        """True when ``value`` rounds to the printed figure."""
        above = value >= self.low if self.low_closed else value > self.low
        below = value <= self.high if self.high_closed else value < self.high
        return above and below

    def scaled(self, factor: Fraction | int) -> RoundingInterval:
        """The interval multiplied by a positive ``factor``."""
        return RoundingInterval(self.low * factor, self.high * factor, self.low_closed, self.high_closed)

    def integers(self) -> tuple[int, int] | None:
        """The first and last integer inside the interval, or ``None`` when there is none."""
        first = math.ceil(self.low)
        if not self.low_closed and first == self.low:
            first += 1
        last = math.floor(self.high)
        if not self.high_closed and last == self.high:
            last -= 1
        return (first, last) if first <= last else None


def scaled_value(value: float | str | Decimal, decimals: int) -> int:
    """The printed value times ``10**decimals`` as an exact integer (``20.5, 1 → 205``).

    Raises :class:`ValueError` when the value has more decimals than ``decimals``.
    """
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).replace(",", "."))
    shifted = exact.scaleb(decimals)
    if shifted != shifted.to_integral_value():
        raise ValueError(f"{value} heeft meer dan {decimals} decimalen")
    return int(shifted)


def rounding_interval(scaled: int, decimals: int, rounding: Rounding) -> RoundingInterval:
    """True values that ``rounding`` turns into ``scaled / 10**decimals``.

    For a non-negative printed value ``v`` with ``d`` decimals and ``h = 0,5 · 10**-d``:
    half-up ``[v − h, v + h)``; half-down ``(v − h, v + h]``; half-even closed when the last
    printed digit is even, open when odd; truncation ``[v, v + 10**-d)``.  Negative values are
    mirrored (rounding is symmetric around zero for every rule here).
    """
    if scaled < 0:
        mirror = rounding_interval(-scaled, decimals, rounding)
        return RoundingInterval(-mirror.high, -mirror.low, mirror.high_closed, mirror.low_closed)
    unit = Fraction(1, 10**decimals)
    centre = scaled * unit
    if rounding is Rounding.truncate:
        if scaled == 0:
            # Truncation towards zero: everything in (−unit, unit) prints as 0.
            return RoundingInterval(-unit, unit, False, False)
        return RoundingInterval(centre, centre + unit, True, False)
    half = unit / 2
    if rounding is Rounding.half_up:
        closed = (True, False)
    elif rounding is Rounding.half_down:
        closed = (False, True)
    else:
        even = scaled % 2 == 0
        closed = (even, even)
    if scaled == 0:
        # Symmetric around zero: −h rounds like +h.
        return RoundingInterval(-half, half, closed[1], closed[1])
    return RoundingInterval(centre - half, centre + half, *closed)


def round_fraction(value: Fraction, decimals: int, rounding: Rounding) -> Fraction:
    """Round an exact value to ``decimals`` with ``rounding`` (the inverse of :func:`rounding_interval`)."""
    unit = Fraction(1, 10**decimals)
    sign = -1 if value < 0 else 1
    units = abs(value) / unit
    whole = math.floor(units)
    rest = units - whole
    if rounding is Rounding.truncate:
        result = whole
    elif rest > Fraction(1, 2):
        result = whole + 1
    elif rest < Fraction(1, 2):
        result = whole
    elif rounding is Rounding.half_up:
        result = whole + 1
    elif rounding is Rounding.half_down:
        result = whole
    else:
        result = whole + (whole % 2)
    return sign * result * unit
