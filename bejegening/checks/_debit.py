"""DEBIT: can a reported mean and SD of binary (0/1) data come from n respondents?

A yes/no question scored 0/1 with k ones among n has mean k/n and sample SD
``√(k(n − k) / (n(n − 1)))``; a reported pair is consistent when some whole k gives a mean and an
SD that both round to the printed figures. Checked exactly (fractions; the SD by its square).

Reference: J. A. J. Heathers & N. J. L. Brown (2019), "DEBIT: A simple consistency test for binary
data", OSF preprint, https://osf.io/5vb3u; the exact form follows the R package scrutiny
(L. Jung), ``debit(formula = "exact")``, whose test cases are ported in the tests.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TypedDict, Unpack

from bejegening._options import keyword_options
from bejegening.checks._grim import printed_interval
from bejegening.checks._rounding import Rounding, RoundingInterval

__all__ = ["debit_consistent", "debit_ones", "sd_in_interval"]


class PrintedMeanSd(TypedDict, total=False):
    """How a mean and its SD were printed, for DEBIT and GRIMMER (:func:`debit_ones`,
    :func:`debit_consistent`, :func:`~bejegening.checks.grimmer_sums`,
    :func:`~bejegening.checks.grimmer_consistent`).

    ``decimals_mean`` and ``decimals_sd``: printed decimals (default: as printed; pass the figures
    as text, ``"0.50"``, so trailing zeros count); ``rounding``: the rule the publisher rounded
    by (default half-up).
    """

    decimals_mean: int | None
    decimals_sd: int | None
    rounding: Rounding


printed_options = keyword_options(PrintedMeanSd, rounding=Rounding.half_up)


def sd_in_interval(variance: Fraction, interval: RoundingInterval) -> bool:
    """True when ``√variance`` lies in ``interval`` (compared exactly by squares)."""
    root_above = (
        True
        if interval.low < 0 or (interval.low == 0 and interval.low_closed)
        else (variance >= interval.low**2 if interval.low_closed else variance > interval.low**2)
    )
    if interval.high <= 0:
        return variance == 0 and interval.high == 0 and interval.high_closed
    root_below = variance <= interval.high**2 if interval.high_closed else variance < interval.high**2
    return root_above and root_below


@printed_options
def debit_ones(mean: str | float, sd: str | float, n: int, **printed: Unpack[PrintedMeanSd]) -> list[int]:
    """The numbers of ones k (0 ≤ k ≤ n) whose mean k/n and SD print as ``mean`` and ``sd``.

    Pass the figures as text (``"0.50"``) so trailing zeros count as printed decimals; options:
    :class:`PrintedMeanSd`. Raises ``ValueError`` (Dutch) for n < 2, a mean outside 0–1 or a
    negative SD.
    """
    if n < 2:
        raise ValueError("DEBIT vraagt n van minstens 2 (een SD van één antwoord bestaat niet)")
    rounding = printed["rounding"]
    mean_interval = printed_interval(mean, printed.get("decimals_mean"), rounding)
    sd_interval = printed_interval(sd, printed.get("decimals_sd"), rounding)
    if mean_interval.high < 0 or mean_interval.low > 1:
        raise ValueError(f"het gemiddelde van ja/nee-antwoorden ligt tussen 0 en 1, niet {mean}")
    if sd_interval.high < 0:
        raise ValueError(f"een standaardafwijking is niet negatief: {sd}")
    found = mean_interval.scaled(n).integers()
    if found is None:
        return []
    first, last = max(found[0], 0), min(found[1], n)
    return [
        k for k in range(first, last + 1) if sd_in_interval(Fraction(k * (n - k), n * (n - 1)), sd_interval)
    ]


@printed_options
def debit_consistent(mean: str | float, sd: str | float, n: int, **printed: Unpack[PrintedMeanSd]) -> bool:
    """True when a 0/1 variable of ``n`` respondents can have this printed mean and SD:
    :func:`debit_ones` finds a number of ones. Options: :class:`PrintedMeanSd`.

    ``debit_consistent("0.53", "0.50", 1683)`` is True (884–900 ones); ``("0.05", "0.21", 20)``
    is False: one 1 in 20 has SD 0.2236 (prints 0.22), two have 0.3078.
    """
    return bool(debit_ones(mean, sd, n, **printed))
