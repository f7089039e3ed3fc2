"""Text helpers shared by the readers: tolerant comparison of values and Dutch numbers."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

__all__ = ["norm", "number_expr", "shorten"]

_INTEGRAL = re.compile(r"^([+-]?\d+)\.0+$")


def norm(value: object) -> str:
    """The form in which values and headers are compared: case, spacing and Unicode form ignored.

    ``"  Zeer  GOED "`` and ``"zeer goed"`` compare equal; a code written by Excel or SPSS as
    ``"1.0"`` equals ``"1"``.
    """
    text = unicodedata.normalize("NFKC", str(value))
    text = " ".join(text.split()).casefold()
    match = _INTEGRAL.match(text)
    return match.group(1) if match else text


def number_expr(raw: pl.Expr) -> pl.Expr:
    """Parse numbers written the Dutch way (``3,5``, ``1.234,5``) or the English way (``3.5``).

    A comma makes it Dutch (points are thousands separators), unless a point follows the last
    comma (``1,234.5``, English).  Text that is not a finite number (``"abc"``, ``"inf"``,
    ``"12 jaar"``, ``"1,2,3"``) gives null.  Only literal string operations, so it is cheap on
    millions of cells.
    """
    import polars as pl  # noqa: PLC0415  (norm is used without polars, e.g. by `validate`)

    text = raw.str.strip_chars()
    comma = text.str.contains(",", literal=True)
    english = comma & text.str.contains(r",[0-9]*\.[0-9]*$")
    cleaned = (
        pl.when(english)
        .then(text.str.replace_all(",", "", literal=True))
        .when(comma)
        .then(text.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True))
        .otherwise(text)
    )
    value = cleaned.cast(pl.Float64, strict=False)
    return pl.when(value.is_finite()).then(value)


def shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for messages."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
