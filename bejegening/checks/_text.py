"""Dutch wording shared by the checks: percentages, bases and lists of figures."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from bejegening._nl import format_int, format_number
from bejegening.checks._counts import BaseRange

__all__ = ["and_list", "bases_short", "bases_text", "pct", "printed_pct"]


def pct(value: Fraction | float, decimals: int = 0) -> str:
    """A percentage (in percent units, not a fraction): ``20.78 → "20,8%"`` with one decimal."""
    return format_number(float(value), decimals) + "%"


def printed_pct(percentage: float, decimals: int) -> str:
    """A published percentage as printed: ``21.0, 0 → "21%"``."""
    return format_number(percentage, decimals) + "%"


def _runs(values: Sequence[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for value in sorted(set(values)):
        if runs and value == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], value)
        else:
            runs.append((value, value))
    return runs


def bases_text(bases: BaseRange | Sequence[int], *, max_n: int | None = None) -> str:
    """Bases in words: ``n = 77``, ``n = 72 of 73``, ``n = 79 tot en met 81``, ``n ≥ 201``."""
    if isinstance(bases, BaseRange):
        if bases.empty:
            return "geen enkele n"
        if bases.open_ended:
            return f"elke n vanaf {format_int(bases.first)}"
        values: Sequence[int] = bases.values()
    else:
        values = bases
        if max_n is not None and values and max(values) >= max_n:
            return f"elke n vanaf {format_int(min(values))}"
    if not values:
        return "geen enkele n"
    parts = []
    for first, last in _runs(values):
        if first == last:
            parts.append(format_int(first))
        elif last == first + 1:
            parts.append(f"{format_int(first)} of {format_int(last)}")
        else:
            parts.append(f"{format_int(first)} tot en met {format_int(last)}")
    return "n = " + and_list(parts, word="of")


def bases_short(values: Sequence[int], *, max_n: int | None = None) -> str:
    """Bases for a table cell: ``77``, ``79–81``, ``≥ 201``; ``—`` when empty."""
    if not values:
        return "—"
    if max_n is not None and max(values) >= max_n:
        return f"≥ {format_int(min(values))}"
    return ", ".join(
        format_int(a) if a == b else f"{format_int(a)}–{format_int(b)}" for a, b in _runs(values)
    )


def and_list(items: Sequence[str], *, word: str = "en") -> str:
    """``a``, ``a en b``, ``a, b en c`` (or with ``of``)."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {word} " + items[-1]
