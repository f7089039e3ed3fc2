"""Dutch formatting of numbers and dates, shared by every layer (imports nothing of ours).

``format_pct(0.213, 1) == "21,3%"``, ``format_int(1234) == "1.234"``,
``format_date(date(2018, 3, 21)) == "21 maart 2018"``. ``None`` becomes ``"onbekend"``.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["MONTHS", "UNKNOWN", "format_date", "format_int", "format_number", "format_pct", "round_half_up"]

UNKNOWN = "onbekend"
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def round_half_up(value: float, decimals: int = 0) -> Decimal:
    """Round as people expect (2,5 → 3), not banker's rounding; exact on the decimal string."""
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(value: float | int | None, decimals: int = 0) -> str:
    """A number with Dutch separators: ``1.234,5``; ``None``/NaN → ``onbekend``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return UNKNOWN
    rounded = round_half_up(float(value), decimals) if decimals or isinstance(value, float) else value
    text = f"{rounded:,.{decimals}f}" if decimals else f"{int(rounded):,}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_int(value: int | None) -> str:
    """An integer with a Dutch thousands separator: ``1.234``."""
    return format_number(value, 0)


def format_pct(fraction: float | None, decimals: int = 0) -> str:
    """A fraction as a Dutch percentage: ``0.213`` → ``21%`` (``21,3%`` with one decimal)."""
    if fraction is None or (isinstance(fraction, float) and math.isnan(fraction)):
        return UNKNOWN
    return format_number(fraction * 100, decimals) + "%"


def format_date(value: dt.date | None) -> str:
    """``21 maart 2018``; ``None`` → ``datum onbekend``."""
    if value is None:
        return "datum onbekend"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
