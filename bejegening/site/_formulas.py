"""Spreadsheet formula injection: text cells of downloads never start a formula.

OWASP's CSV-injection advice: a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is run as a formula by Excel and LibreOffice (``=HYPERLINK(…)`` opens a web
page).  Such text cells get a leading apostrophe, which spreadsheets show as nothing and treat as
"this is text".  Numbers are untouched: numeric columns keep their type, and a text cell that is
only a number (``-5``, ``+3,5``, ``-12%``) is no formula and stays as it is.
"""

from __future__ import annotations

import polars as pl

__all__ = ["FORMULA_PREFIXES", "neutralise_formulas", "neutralise_text"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet cell a formula (OWASP)."""

_PLAIN_NUMBER = r"^[+-]?[0-9]+(?:[.,][0-9]+)*%?$"
_STARTS_FORMULA = r"^[=+\-@\t\r]"


def neutralise_text(value: str) -> str:
    """``"'=HYPERLINK(…)"`` for ``"=HYPERLINK(…)"``; other text and plain numbers unchanged."""
    import re  # noqa: PLC0415  (tiny; keeps the module's import surface to polars)

    if value.startswith(FORMULA_PREFIXES) and not re.match(_PLAIN_NUMBER, value):
        return "'" + value
    return value


def neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with every text cell that would start a formula prefixed by ``'``.

    Only String columns change; the shape, the column names and every other type stay.
    """
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    if not text:
        return frame
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(_STARTS_FORMULA) & ~pl.col(name).str.contains(_PLAIN_NUMBER))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in text
    )
