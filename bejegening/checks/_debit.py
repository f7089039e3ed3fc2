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

from bejegening.checks._grim import printed_interval
from bejegening.checks._rounding import Rounding, RoundingInterval

__all__ = ["debit_consistent", "debit_ones", "sd_in_interval"]


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


def debit_ones(
    mean: str | float,
    sd: str | float,
    n: int,
    *,
    decimals_mean: int | None = None,
    decimals_sd: int | None = None,
    rounding: Rounding = Rounding.half_up,
) -> list[int]:
    """The numbers of ones k (0 ≤ k ≤ n) whose mean k/n and SD print as ``mean`` and ``sd``.

    Pass the figures as text (``"0.50"``) so trailing zeros count as printed decimals. Raises
    ``ValueError`` (Dutch) for n < 2, a mean outside 0–1 or a negative SD.
    """
    if n < 2:
        raise ValueError("DEBIT vraagt n van minstens 2 (een SD van één antwoord bestaat niet)")
    mean_interval = printed_interval(mean, decimals_mean, rounding)
    sd_interval = printed_interval(sd, decimals_sd, rounding)
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


def debit_consistent(
    mean: str | float,
    sd: str | float,
    n: int,
    *,
    decimals_mean: int | None = None,
    decimals_sd: int | None = None,
    rounding: Rounding = Rounding.half_up,
) -> bool:
    """True when a 0/1 variable of ``n`` respondents can have this printed mean and SD.

    ``debit_consistent("0.53", "0.50", 1683)`` is True (884–900 ones); ``("0.05", "0.21", 20)``
    is False: one 1 in 20 has SD 0.2236 (prints 0.22), two have 0.3078.
    """
    return bool(
        debit_ones(mean, sd, n, decimals_mean=decimals_mean, decimals_sd=decimals_sd, rounding=rounding)
    )
