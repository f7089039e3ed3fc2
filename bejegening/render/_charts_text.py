"""Dutch text pieces for charts: number labels, intervals, p-values, wrapped titles.

All numbers go through :mod:`bejegening._nl`, so a chart's labels, its description and the site's
data table print the same figure the same way (``47%``, ``21,3%``, ``1.234``).
"""

from __future__ import annotations

import math
import textwrap

from bejegening._nl import UNKNOWN, format_int, format_number, format_pct

__all__ = [
    "MINUS",
    "count_text",
    "interval_text",
    "join_dutch",
    "p_text",
    "pct_text",
    "points_text",
    "quoted",
    "range_text",
    "sentence_start",
    "signed_points_text",
    "wrap",
]


def pct_text(fraction: float | None, decimals: int = 0) -> str:
    """``0.4675`` → ``47%``; ``None`` → ``onbekend``."""
    return format_pct(fraction, decimals)


def count_text(count: int | None) -> str:
    """``1234`` → ``1.234``; ``None`` → ``onbekend``."""
    return format_int(count)


def interval_text(low: float | None, high: float | None, decimals: int = 0) -> str:
    """A percentage interval for tables and tooltips: ``12%–31%``; empty when unknown."""
    if low is None or high is None:
        return ""
    return f"{pct_text(low, decimals)}–{pct_text(high, decimals)}"


def range_text(low: float | None, high: float | None, decimals: int = 0) -> str:
    """A percentage interval in a sentence: ``tussen 12% en 31%``."""
    if low is None or high is None:
        return UNKNOWN
    return f"tussen {pct_text(low, decimals)} en {pct_text(high, decimals)}"


def points_text(difference: float, decimals: int = 0) -> str:
    """An unsigned difference of fractions in percentage points: ``0.09`` → ``9 procentpunt``."""
    return f"{format_number(abs(difference) * 100, decimals)} procentpunt"


MINUS = "\u2212"
"""The sign of a negative difference in the pages' tables and sentences ("−", U+2212)."""


def signed_points_text(difference: float, decimals: int = 0, *, minus: str = "-") -> str:
    """A signed difference in percentage points: ``+9``, ``-4``, and no sign when it rounds to zero
    (``0``); ``minus`` is the sign of a negative one (the pages use :data:`MINUS`, chart labels the
    hyphen)."""
    value = format_number(abs(difference) * 100, decimals)
    if value.strip("0,") == "":
        return value
    return ("+" if difference > 0 else minus) + value


def p_text(p_value: float | None) -> str:
    """A p-value in Dutch notation: ``p = 0,41``, ``p = 0,012``, ``p < 0,001``."""
    if p_value is None or math.isnan(p_value):
        return "p onbekend"
    if p_value < 0.001:
        return "p < 0,001"
    if p_value >= 0.1:
        return f"p = {format_number(p_value, 2)}"
    return f"p = {format_number(p_value, 3)}"


def quoted(text: str) -> str:
    """Dutch single quotes: ``‘Overdreven’``."""
    return f"\u2018{text}\u2019"


def join_dutch(parts: list[str]) -> str:
    """``a``, ``a en b``, ``a, b en c``."""
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " en " + parts[-1]


def sentence_start(text: str) -> str:
    """Capitalise the first letter (keeps a leading quote mark)."""
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
    return text


def wrap(text: str, width: int) -> list[str]:
    """Break text into lines of at most ``width`` characters (one line when it fits)."""
    lines = textwrap.wrap(" ".join(text.split()), width=width, break_long_words=False)
    return lines or [""]
