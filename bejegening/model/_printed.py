"""How a figure was printed: the decimals of a published percentage, read from its text.

A printed percentage such as "20,8 %" stands for every value that rounds to 20,8, so its number
of decimals is a fact of the source, not of the float it is stored as.  It is read once, when a
finding is loaded (:class:`~bejegening.model.Finding`), and every layer reads it from there.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

__all__ = ["printed_decimals", "text_decimals"]

_PRINTED_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:%|procent)", re.IGNORECASE)


def _decimals(text: str) -> int:
    """Decimals of a number as written: ``"21,0"`` → 1 (trailing zeros count), ``"21"`` → 0."""
    return max(0, -int(Decimal(text).as_tuple().exponent))


def text_decimals(text: str) -> int:
    """Decimals of a number kept as printed text (a mean or SD): ``"0,50"`` → 2, ``"1"`` → 0.

    Means and standard deviations are stored as the text they were printed as, so their
    trailing zeros survive; this reads the precision from that text (decimal comma or point).
    Raises ``ValueError`` for text that is not a plain decimal number.
    """
    try:
        return _decimals(text.strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"geen getal: {text!r}") from None


def printed_decimals(value: float, printed: str | None = None, cell: str | None = None) -> int:
    """Number of decimals a percentage was printed with (0 for "21 %", 1 for "20,8 %").

    In order: the printed text (``printed``, e.g. the finding's figure or quote) when it shows
    this value (``"21,0 %"`` → 1); else the text of the data cell it was read from (``cell``,
    ``"21,0"`` → 1: trailing zeros count); else the value itself (``20.5`` → 1, ``21.0`` → 0).
    """
    exact = Decimal(repr(float(value)))
    if printed:
        for match in _PRINTED_NUMBER.finditer(printed):
            text = match.group(1).replace(",", ".")
            if Decimal(text) == exact:
                return _decimals(text)
    if cell is not None:
        text = cell.strip().replace(",", ".")
        try:
            if Decimal(text) == exact:
                return _decimals(text)
        except InvalidOperation:
            pass
    exponent = exact.normalize().as_tuple().exponent
    return max(0, -int(exponent))
