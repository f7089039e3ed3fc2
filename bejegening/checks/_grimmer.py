"""GRIMMER: can a reported SD of whole-number answers go with the reported mean and n?

For n whole answers with total T (a GRIM total of the mean) and sum of squares Q (a whole
number), the sample SD is ``√((Q − T²/n)/(n − 1))``. A reported SD is consistent when some GRIM
total T and whole Q give an SD that rounds to it, with Q ≡ T (mod 2) (x² and x are both even or
both odd, so Σx² and Σx are too). Checked exactly (fractions; the SD by its square).

Reference: A. Anaya (2016), "The GRIMMER test: A method for testing the validity of reported
measures of variability", PeerJ Preprints 4:e2400v1; the parity step as in Anaya's ``aGrimmer``
and R scrutiny's ``grimmer()`` (L. Jung), whose cases the tests port.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Unpack

from bejegening._options import keyword_options
from bejegening.checks._debit import PrintedMeanSd, sd_in_interval
from bejegening.checks._grim import grim_totals, printed_interval
from bejegening.checks._rounding import Rounding

__all__ = ["grimmer_consistent", "grimmer_sums"]


class GrimmerOptions(PrintedMeanSd, total=False):
    """How a mean and SD were printed (:class:`~bejegening.checks._debit.PrintedMeanSd`), and
    ``items``: questions averaged per person (default 1)."""

    items: int


grimmer_options = keyword_options(GrimmerOptions, items=1, rounding=Rounding.half_up)


@grimmer_options
def grimmer_sums(
    mean: str | float, sd: str | float, n: int, **options: Unpack[GrimmerOptions]
) -> list[tuple[int, int]]:
    """Pairs (total T, sum of squares Q) of ``n · items`` whole answers that print as ``mean`` and
    ``sd``; options: :class:`GrimmerOptions`. Raises ``ValueError`` (Dutch) for n < 2 or a
    negative SD."""
    if n < 2:
        raise ValueError("GRIMMER vraagt n van minstens 2 (een SD van één antwoord bestaat niet)")
    items = options["items"]
    rounding = options["rounding"]
    sd_interval = printed_interval(sd, options.get("decimals_sd"), rounding)
    if sd_interval.high < 0:
        raise ValueError(f"een standaardafwijking is niet negatief: {sd}")
    count = n * items
    low_sd = max(sd_interval.low, Fraction(0))
    pairs = []
    for total in grim_totals(mean, n, items=items, decimals=options.get("decimals_mean"), rounding=rounding):
        base = Fraction(total * total, count)
        low_q = math.ceil((count - 1) * low_sd**2 + base)
        high_q = math.floor((count - 1) * sd_interval.high**2 + base)
        for q in range(low_q, high_q + 1):
            if (q - total) % 2:
                continue
            variance = (q - base) / (count - 1)
            if variance < 0:
                continue
            if sd_in_interval(variance, sd_interval):
                pairs.append((total, q))
    return pairs


@grimmer_options
def grimmer_consistent(mean: str | float, sd: str | float, n: int, **options: Unpack[GrimmerOptions]) -> bool:
    """True when ``n`` whole-number answers can have this printed mean and SD (GRIM and GRIMMER):
    :func:`grimmer_sums` finds a pair. Options: :class:`GrimmerOptions`.

    ``grimmer_consistent("3.00", "1.58", 5)`` is True (1, 2, 3, 4, 5); ``("3.00", "1.50", 5)`` is
    False: it needs Σx² = 54 with Σx = 15, one even and one odd.
    """
    return bool(grimmer_sums(mean, sd, n, **options))
