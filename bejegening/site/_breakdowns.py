"""Chart rows of the "Per groep" breakdowns (computed once per survey in the report:
``SurveyReport.breakdowns``), with the reason of every hidden cell."""

from __future__ import annotations

import polars as pl

from bejegening.render._breakdown_view import too_small_reason
from bejegening.stats import with_suppression_reason

__all__ = ["crosstab_chart_frame"]


def crosstab_chart_frame(part: pl.DataFrame, k: int) -> pl.DataFrame:
    """The rows of one question × background variable for ``render.crosstab_chart``, with the
    reason of each hidden cell (``stats.with_suppression_reason``; a group too small to show says
    so instead)."""
    rows = with_suppression_reason(part, k)
    return rows.with_columns(
        pl.when(pl.col("too_small"))
        .then(pl.lit(too_small_reason(k)))
        .otherwise(pl.col("suppression_reason"))
        .alias("suppression_reason")
    )
