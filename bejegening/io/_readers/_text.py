"""Text helpers shared by the readers: tolerant comparison of values and Dutch numbers."""

from __future__ import annotations

import re
import unicodedata

import polars as pl

__all__ = ["norm", "number_expr", "shorten"]

_INTEGRAL = re.compile(r"^([+-]?\d+)\.0+$")
_NUMBER = r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$"


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

    Text that is not a plain number (``"abc"``, ``"inf"``, ``"12 jaar"``) gives null.
    """
    text = raw.str.strip_chars()
    dutch = text.str.contains(r"^[+-]?[0-9.]*,[0-9]*$")
    english = text.str.contains(r"^[+-]?[0-9,]*\.[0-9]*$")
    cleaned = (
        pl.when(dutch)
        .then(text.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True))
        .when(english)
        .then(text.str.replace_all(",", "", literal=True))
        .otherwise(text)
    )
    return pl.when(cleaned.str.contains(_NUMBER)).then(cleaned.cast(pl.Float64, strict=False))


def shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for messages."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
