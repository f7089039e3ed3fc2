"""What the Dutch chart descriptions share (each chart type's description lives in its module).

Descriptions state the key numbers in sentences, for screen readers and alt text.

Every builder in :mod:`bejegening.render` puts the matching description in the Vega-Lite spec
(``description``; vega-embed makes it the chart's ``aria-label``) and :func:`render_svg` writes it
into the SVG's ``<desc>``.  The functions here can also be called on their own, e.g. for the text
alternative next to an ``<img>``.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from bejegening.render._charts_text import (
    count_text,
    pct_text,
    quoted,
)

__all__ = []

FrameLike = pl.DataFrame | pl.LazyFrame


def _confidence_text(confidence: float) -> str:
    return pct_text(confidence, 0 if round(confidence * 100, 6).is_integer() else 1)


def _answer_phrase(row: Mapping[str, object], decimals: int) -> str:
    label = quoted(str(row["label"]))
    kind = row["value_kind"]
    value = row["value"] if isinstance(row["value"], float) else None
    n = row["n"] if isinstance(row["n"], int) else None
    if kind == "suppressed":
        text = str(row.get("text") or "")
        if text.startswith("niet getoond: "):
            return f"{label} niet getoond ({text.removeprefix('niet getoond: ')})"
        return f"{label} te weinig keer om te tonen"
    if kind == "unknown":
        return f"{label} (aantal niet gepubliceerd)"
    details = []
    if n is not None:
        details.append(count_text(n))
    if row["printed"]:
        details.append(f"zoals de bron het drukt; het aantal gedeeld door het totaal is {row['computed']}")
    if kind == "printed":
        details.append("percentage zoals gepubliceerd")
    suffix = f" ({'; '.join(details)})" if details else ""
    return f"{pct_text(value, decimals)} {label}{suffix}"
