"""The input contracts of the charts (columns and types) and the checks every ``*_rows`` function
of a chart-type module runs on its input.  Nothing here draws.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from bejegening._nl import round_half_up
from bejegening.stats import FREQUENCY_CONTRACT

__all__ = [
    "COMPARISON_COLUMNS",
    "CROSSTAB_COLUMNS",
    "FREQUENCY_COLUMNS",
    "VERBAL_COLUMNS",
]

FREQUENCY_COLUMNS: Mapping[str, pl.DataType] = {
    **FREQUENCY_CONTRACT,
    "pct_published_decimals": pl.Int64(),
}
"""The Frequency table contract (``bejegening.stats``) and the printed decimals of
``pct_published`` (optional: when null, read from the value); extra columns are ignored."""

_FREQUENCY_REQUIRED = ("question", "option", "label", "n", "base", "pct")

COMPARISON_COLUMNS: Mapping[str, pl.DataType] = {
    "question": pl.String(),
    "option": pl.String(),
    "label": pl.String(),
    "group_a": pl.String(),
    "group_b": pl.String(),
    "pct_a": pl.Float64(),
    "pct_b": pl.Float64(),
    "diff": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "p_adjusted": pl.Float64(),
    "adjustment": pl.String(),
    "significant": pl.Boolean(),
}
_COMPARISON_REQUIRED = (
    "option",
    "label",
    "pct_a",
    "pct_b",
    "diff",
    "ci_low",
    "ci_high",
    "p_adjusted",
    "significant",
)

CROSSTAB_COLUMNS: Mapping[str, pl.DataType] = {
    "question": pl.String(),
    "option": pl.String(),
    "label": pl.String(),
    "order": pl.Int64(),
    "group": pl.String(),
    "n": pl.Int64(),
    "base": pl.Int64(),
    "pct": pl.Float64(),
    "suppressed": pl.Boolean(),
    "suppression_reason": pl.String(),
}
_CROSSTAB_REQUIRED = ("option", "label", "group", "n", "base", "pct")

VERBAL_COLUMNS: Mapping[str, pl.DataType] = {
    "finding": pl.String(),
    "statement": pl.String(),
    "quantifier": pl.String(),
    "low": pl.Float64(),
    "high": pl.Float64(),
    "base_description": pl.String(),
}
_VERBAL_REQUIRED = ("finding", "quantifier", "low", "high")


def _frame(
    frame: pl.DataFrame | pl.LazyFrame,
    columns: Mapping[str, pl.DataType],
    required: Sequence[str],
    what: str,
) -> pl.DataFrame:
    """Collect, check required columns, add missing optional ones as null, cast to the contract."""
    data = frame.collect() if isinstance(frame, pl.LazyFrame) else frame
    missing = [name for name in required if name not in data.columns]
    if missing:
        raise ValueError(
            f"{what}: kolom(men) {', '.join(missing)} ontbreken; verwacht minstens {', '.join(required)}"
        )
    exprs: list[pl.Expr] = []
    for name, dtype in columns.items():
        if name in data.columns:
            exprs.append(pl.col(name).cast(dtype, strict=False).alias(name))
        else:
            exprs.append(pl.lit(None, dtype=dtype).alias(name))
    for name, dtype in columns.items():
        if (
            name in data.columns
            and data[name].null_count() != data.select(exprs).get_column(name).null_count()
        ):
            raise ValueError(f"{what}: kolom {name} bevat waarden die geen {dtype} zijn")
    return data.select(exprs)


def _one(values: Sequence[object]) -> object | None:
    distinct = {value for value in values if value is not None}
    return next(iter(distinct)) if len(distinct) == 1 else None


def _printed_differs(pct: float | None, printed: float | None, decimals: int) -> bool:
    """True when the computed share, rounded as printed (``decimals``), is not the printed percentage."""
    if pct is None or printed is None:
        return False
    return round_half_up(pct * 100, decimals) != round_half_up(printed * 100, decimals)
