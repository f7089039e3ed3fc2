"""Chart rows of the "Per groep" breakdowns (computed once per survey in the report:
``SurveyReport.breakdowns``), with the reason of every hidden cell."""

from __future__ import annotations

import polars as pl

from bejegening.render._breakdown_view import too_small_reason
from bejegening.stats import (
    suppression_reason,
)

__all__ = ["crosstab_chart_frame"]


def crosstab_chart_frame(part: pl.DataFrame, k: int) -> pl.DataFrame:
    """The rows of one question × background variable for ``render.crosstab_chart``, with the
    reason of each hidden cell (``suppression_reason``)."""
    reason = (
        pl.when(pl.col("too_small"))
        .then(pl.lit(too_small_reason(k)))
        .when(pl.col("suppression") == "secondary")
        .then(pl.lit(suppression_reason("secondary", k)))
        .when(pl.col("suppressed"))
        .then(pl.lit(suppression_reason("primary", k)))
        .otherwise(pl.lit(None, dtype=pl.String))
    )
    return part.with_columns(reason.alias("suppression_reason"))
