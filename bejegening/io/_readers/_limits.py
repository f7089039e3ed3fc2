"""Limits on the shape of a file of answers: columns in the header and characters in one cell.

Both limits are Excel's own (a sheet has at most 16,384 columns, a cell at most 32,767
characters), so a file that Excel can hold always passes and a hostile file (a CSV with a
million columns, a 50 MB cell) is refused with one Dutch message instead of being read, echoed
or published.  Tests pass smaller limits through :class:`ReadLimits`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bejegening.io._readers._text import shorten
from bejegening.model import Problem

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "ReadLimits",
    "header_problem",
    "long_cell_message",
]

MAX_COLUMNS = 16_384
"""Most columns in a header (Excel's maximum, column XFD)."""
MAX_CELL_CHARS = 32_767
"""Most characters in one cell (Excel's maximum)."""


@dataclass(frozen=True)
class ReadLimits:
    """Bounds checked while a file of answers is read (defaults: Excel's own limits)."""

    columns: int = MAX_COLUMNS
    """Most columns in the header row."""
    cell_chars: int = MAX_CELL_CHARS
    """Most characters in one cell (header or answer)."""


DEFAULT_LIMITS = ReadLimits()


def _nl(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def header_problem(
    display: str, header: Sequence[str], header_row: int, limits: ReadLimits
) -> Problem | None:
    """A Dutch error when the header has more columns than ``limits.columns`` or a header cell
    longer than ``limits.cell_chars`` characters, else None.

    ``header_row`` is the row as the spreadsheet shows it (0 for SPSS, whose variable names are no
    row); the message names the first column past the limit.
    """
    row = header_row if header_row > 0 else None
    if len(header) > limits.columns:
        first = limits.columns  # 0-based index of the first column too many
        name = header[first].strip()
        return Problem(
            file=display,
            field=shorten(name, 40) or f"kolom {_nl(first + 1)}",
            message=(
                f"de kopregel heeft {_nl(len(header))} kolommen; hoogstens {_nl(limits.columns)} "
                f"(zoveel als een Excel-werkblad kan hebben), dus kolom {_nl(first + 1)} en verder "
                "zijn te veel. Controleer het scheidingsteken, of sla alleen de kolommen met "
                "antwoorden op"
            ),
            row=row,
        )
    for index, cell in enumerate(header):
        if len(cell) > limits.cell_chars:
            return Problem(
                file=display,
                field=f"kolom {_nl(index + 1)}",
                value=cell,
                message=(
                    f"kolomnaam is {_nl(len(cell))} tekens lang; hoogstens {_nl(limits.cell_chars)} "
                    "tekens per cel (zoveel als Excel in een cel toelaat). Staat de kopregel wel op "
                    "de eerste rij, en is het scheidingsteken juist?"
                ),
                row=row,
            )
    return None


def long_cell_message(limits: ReadLimits) -> str:
    """The Dutch message for an answer cell longer than ``limits.cell_chars`` characters."""
    return (
        f"cel is langer dan {_nl(limits.cell_chars)} tekens (zoveel als Excel in een cel toelaat); "
        "kort de tekst in, of controleer of hier gegevens van meer cellen in één cel staan "
        "(een aanhalingsteken dat nergens gesloten wordt)"
    )
