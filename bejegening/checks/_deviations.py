"""Rule family "standard deviations": a printed SD must be possible with its mean and n.

- ``debit``: a mean of yes/no answers scored 0/1 (scale 0–1) fixes its SD: k ones among n give
  mean k/n and SD ``√(k(n − k) / (n(n − 1)))`` (DEBIT; Heathers & Brown 2019,
  :func:`~bejegening.checks.debit_ones`);
- ``grimmer``: n whole answers with total T and sum of squares Q have SD ``√((Q − T²/n)/(n − 1))``
  with Q and T both even or both odd (GRIMMER; Anaya 2016, Allard 2018,
  :func:`~bejegening.checks.grimmer_sums`).

A finding is checked here when it prints a mean with an ``sd`` (:attr:`Finding.sd`); its row
follows the mean's GRIM row. The SD is the sample SD (divisor n − 1).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Protocol

from bejegening._nl import format_int, format_number
from bejegening.checks._context import SortKey, SurveyContext
from bejegening.checks._debit import debit_ones
from bejegening.checks._grim import grim_totals, printed_interval
from bejegening.checks._grimmer import grimmer_sums
from bejegening.checks._rounding import Rounding
from bejegening.checks._rules import CheckRow, CheckRule, CheckStatus, RuleInfo
from bejegening.checks._text import and_list
from bejegening.model import Finding

__all__ = ["RULES", "check", "deviation_row"]

RULES = (
    RuleInfo(
        CheckRule.debit,
        "Standaardafwijking bij ja/nee",
        "Bij ja/nee-antwoorden (0 of 1) ligt de standaardafwijking vast zodra het gemiddelde en "
        "het aantal personen bekend zijn; de gedrukte standaardafwijking moet daarbij passen "
        "(DEBIT-toets).",
    ),
    RuleInfo(
        CheckRule.grimmer,
        "Standaardafwijking",
        "Een standaardafwijking van antwoorden in hele getallen moet mogelijk zijn bij het "
        "gedrukte gemiddelde en het aantal personen (GRIMMER-toets).",
    ),
)


class _RowMaker(Protocol):
    """The row builder of :func:`deviation_row`: status, Dutch text, consistent n."""

    def __call__(self, status: CheckStatus, text: str, found: list[int] | None = None) -> CheckRow: ...


def check(ctx: SurveyContext) -> list[tuple[SortKey, CheckRow]]:
    """A row per finding that prints a mean with its SD, right after that mean's GRIM row."""
    means = [f for f in ctx.bundle.findings if f.mean is not None]
    return [(ctx.key(None, 9, i, 1), deviation_row(ctx, f)) for i, f in enumerate(means) if f.sd is not None]


def _shown(text: str) -> str:
    return text.strip().replace(".", ",")


def _sd_text(variance: Fraction, decimals: int) -> str:
    return format_number(math.sqrt(variance), decimals + 2)


def deviation_row(ctx: SurveyContext, finding: Finding) -> CheckRow:
    """The DEBIT (scale 0–1) or GRIMMER row of one finding with a mean and an SD."""
    assert finding.mean is not None and finding.sd is not None
    binary = finding.scale_min == 0 and finding.scale_max == 1
    rule = CheckRule.debit if binary else CheckRule.grimmer
    mean, sd = finding.mean, finding.sd
    figure = finding.figure or f"gemiddelde {_shown(mean)} (SD {_shown(sd)})"
    n = finding.base if finding.base is not None else finding.count

    def row(status: CheckStatus, text: str, found: list[int] | None = None) -> CheckRow:
        return ctx.row(
            finding,
            rule,
            status,
            text,
            figure=figure,
            consistent_n=found or [],
            rounding=ctx.rounding.value,
            decimals=finding.sd_decimals,
        )

    if n is None:
        return row(CheckStatus.niet_toetsbaar, f"SD {_shown(sd)} zonder n: niet na te rekenen.")
    if n < 2:
        return row(CheckStatus.niet_toetsbaar, "Een standaardafwijking vraagt minstens 2 personen.")
    if binary:
        return _debit(mean, sd, n, ctx.rounding, row)
    if (finding.items or 1) > 1:
        return row(
            CheckStatus.niet_toetsbaar,
            f"SD {_shown(sd)} van een gemiddelde over {finding.items} vragen: GRIMMER toetst alleen "
            "de standaardafwijking van antwoorden op één vraag.",
        )
    return _grimmer(mean, sd, n, ctx.rounding, row)


def _debit(mean: str, sd: str, n: int, rounding: Rounding, row: _RowMaker) -> CheckRow:
    shown_mean, shown_sd = _shown(mean), _shown(sd)
    try:
        ones = debit_ones(mean, sd, n, rounding=rounding)
    except ValueError as error:
        return row(CheckStatus.inconsistent, f"Klopt niet: {error}.")
    d_sd = len(shown_sd.partition(",")[2])
    people = f"{format_int(n)} personen"
    if ones:
        k = ones[0]
        many = f"{format_int(ones[0])} tot en met {format_int(ones[-1])}" if len(ones) > 1 else format_int(k)
        return row(
            CheckStatus.consistent,
            f"Klopt: {many} keer ja van {people} geeft gemiddelde {shown_mean} en SD "
            f"{_sd_text(Fraction(k * (n - k), n * (n - 1)), d_sd)} (bij {format_int(k)}), "
            f"afgerond {shown_sd}.",
            [n],
        )
    interval = printed_interval(mean, None, rounding).scaled(n).integers()
    if interval is None or interval[1] < 0 or interval[0] > n:
        return row(
            CheckStatus.inconsistent,
            f"Klopt niet: geen aantal ja-antwoorden van {people} geeft gemiddelde {shown_mean} "
            "(zie de controle van het gemiddelde).",
        )
    ks = list(range(max(interval[0], 0), min(interval[1], n) + 1))
    low, high = (Fraction(k * (n - k), n * (n - 1)) for k in (ks[0], ks[-1]))
    shown = sorted({_sd_text(low, d_sd), _sd_text(high, d_sd)})
    if ks[0] < n / 2 < ks[-1]:
        shown = sorted({*shown, _sd_text(Fraction(n * n // 4, n * (n - 1)), d_sd)})
    sds = shown[0] if len(shown) == 1 else f"tussen {shown[0]} en {shown[-1]}"
    return row(
        CheckStatus.inconsistent,
        f"Klopt niet: bij gemiddelde {shown_mean} en {people} ({format_int(ks[0])}"
        + (f" tot en met {format_int(ks[-1])}" if len(ks) > 1 else "")
        + f" keer ja) is de SD {sds}, niet {shown_sd}.",
    )


def _grimmer(mean: str, sd: str, n: int, rounding: Rounding, row: _RowMaker) -> CheckRow:
    shown_mean, shown_sd = _shown(mean), _shown(sd)
    d_sd = len(shown_sd.partition(",")[2])
    people = f"{format_int(n)} personen"
    try:
        pairs = grimmer_sums(mean, sd, n, rounding=rounding)
    except ValueError as error:
        return row(CheckStatus.inconsistent, f"Klopt niet: {error}.")
    if pairs:
        total, squares = pairs[0]
        variance = (squares - Fraction(total * total, n)) / (n - 1)
        return row(
            CheckStatus.consistent,
            f"Klopt: {people} met een totaal van {format_int(total)} en een kwadratensom van "
            f"{format_int(squares)} geven gemiddelde {shown_mean} en SD {_sd_text(variance, d_sd)}, "
            f"afgerond {shown_sd}.",
            [n],
        )
    totals = grim_totals(mean, n, rounding=rounding)
    if not totals:
        return row(
            CheckStatus.inconsistent,
            f"Klopt niet: gemiddelde {shown_mean} is al onmogelijk bij {people} (zie de controle "
            "van het gemiddelde), dus de SD ook.",
        )
    low_sd = Fraction(printed_interval(sd, None, rounding).low)
    parts = []
    for total in totals:
        base = Fraction(total * total, n)
        below = math.floor((n - 1) * max(low_sd, Fraction(0)) ** 2 + base)
        if (below - total) % 2:
            below -= 1
        near = and_list(
            [
                f"{format_int(q)} (SD {_sd_text((q - base) / (n - 1), d_sd)})"
                for q in (below, below + 2)
                if q >= base
            ]
        )
        parity = "oneven" if total % 2 else "even"
        parts.append(
            f"bij een totaal van {format_int(total)} ({parity}) is de som van de kwadraten van de "
            f"antwoorden een {parity} heel getal en komen {near} het dichtst bij"
        )
    return row(
        CheckStatus.inconsistent,
        f"Klopt niet: SD {shown_sd} is onmogelijk bij gemiddelde {shown_mean} en {people}: "
        + "; ".join(parts)
        + ".",
    )
