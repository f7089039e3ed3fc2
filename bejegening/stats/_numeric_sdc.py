"""Disclosure control for numeric answers: which summary figures and which histogram may be
published without showing a single person's answer.

A mean, an interval or a quartile of at least ``k`` answers mixes many people; the smallest and
the largest answer, however, each belong to somebody, and a histogram bar of one or two people
points at them.  The rules (the threshold rule and global recoding of statistical disclosure
control; A. Hundepool et al., *Statistical Disclosure Control*, Wiley 2012):

- fewer than ``k`` answers: nothing but the count is shown;
- the minimum (maximum) is shown only when at least ``k`` respondents gave exactly that value,
  otherwise it is null and the page says "niet getoond om personen te beschermen";
- the histogram's bins are recoded (global recoding of adjacent bins) until every bin holds at
  least ``k`` answers or none: no bin is suppressed, so no bin can be derived from the total.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

__all__ = ["HISTOGRAM_SCHEMA", "histogram_bins", "nice_bin_width", "protect_numeric_summary"]

HISTOGRAM_SCHEMA: dict[str, pl.DataType] = {
    "question": pl.String(),
    "low": pl.Float64(),
    "high": pl.Float64(),
    "n": pl.Int64(),
    "integer": pl.Boolean(),
}
"""One row per histogram bin ``[low, high)`` (the last one closed): ``n`` answers in it;
``integer`` is true when every answer is a whole number (the bin is then ``low`` to ``high − 1``
inclusive)."""

_NICE = (1.0, 2.0, 2.5, 5.0, 10.0)
MAX_BINS = 10
"""Most bins a histogram starts with (before small bins are joined)."""


def nice_bin_width(span: float, *, bins: int = MAX_BINS, integer: bool = False) -> float:
    """The smallest "nice" width (1, 2, 2.5 or 5 times a power of ten) giving at most ``bins``
    bins over ``span``; at least 1 for whole numbers (2.5 is then skipped)."""
    if span <= 0:
        return 1.0
    raw = span / bins
    exponent = math.floor(math.log10(raw))
    for factor in _NICE:
        width = factor * 10.0**exponent
        if integer and (width < 1 or width != math.floor(width)):
            continue
        if width >= raw - 1e-12:
            return width
    return 10.0 ** (exponent + 1)


def histogram_bins(values: npt.ArrayLike, k: int, *, question: str = "") -> pl.DataFrame:
    """Histogram of ``values`` (missing values left out) in nice equal bins, then adjacent bins
    joined until each holds at least ``k`` answers.

    Bins start at a multiple of the width (:func:`nice_bin_width`, at most :data:`MAX_BINS`
    bins), so the edges are round numbers and never an answer's exact value unless it is round.
    Joining runs left to right: a bin with fewer than ``k`` answers (empty ones too) takes in the
    next, and a last bin still short joins the one before. Fewer than ``k`` answers in all gives
    no bins. Columns: :data:`HISTOGRAM_SCHEMA`.
    """
    x = np.asarray(values, dtype=np.float64)
    x = x[np.isfinite(x)]
    if x.size < max(k, 1):
        return pl.DataFrame(schema=HISTOGRAM_SCHEMA)
    integer = bool(np.all(x == np.floor(x)))
    low_value, high_value = float(x.min()), float(x.max())
    width = nice_bin_width(high_value - low_value, integer=integer)
    start = math.floor(low_value / width) * width
    count = max(1, math.floor((high_value - start) / width) + 1)
    edges = [start + i * width for i in range(count + 1)]
    counts = [int(c) for c in np.histogram(x, bins=np.asarray(edges))[0]]
    # numpy's last bin is closed; ours are [low, high) and the last one reaches past the maximum,
    # so counting with numpy is right because the maximum is < edges[-1].
    groups: list[list[Any]] = []
    current: list[Any] | None = None
    for i, c in enumerate(counts):
        if current is None:
            current = [edges[i], edges[i + 1], c]
        else:
            current[1], current[2] = edges[i + 1], current[2] + c
        if current[2] >= k:
            groups.append(current)
            current = None
    if current is not None:
        if groups:
            groups[-1][1], groups[-1][2] = current[1], groups[-1][2] + current[2]
        else:
            groups.append(current)
    return pl.DataFrame(
        [
            {"question": question, "low": float(lo), "high": float(hi), "n": int(n), "integer": integer}
            for lo, hi, n in groups
        ],
        schema=HISTOGRAM_SCHEMA,
    )


def _shared(values: npt.NDArray[np.float64], value: float | None, k: int) -> bool:
    return value is not None and int(np.count_nonzero(values == value)) >= k


def protect_numeric_summary(
    summary: pl.DataFrame, values: Mapping[str, npt.ArrayLike], k: int
) -> pl.DataFrame:
    """``summary`` (:func:`bejegening.stats.numeric_summary` by question) with the disclosure
    rules applied: every figure but ``n``/``n_missing`` null when ``n < k``; ``min``/``max`` null
    unless at least ``k`` answers equal them. Adds ``min_shown`` and ``max_shown`` (booleans) and
    ``too_few`` (n < k). ``values``: per question its answers (missing ones may be NaN)."""
    rows = []
    figures = [c for c in summary.columns if c not in ("question", "n", "n_missing")]
    for row in summary.iter_rows(named=True):
        x = np.asarray(values.get(str(row["question"]), []), dtype=np.float64)
        x = x[np.isfinite(x)]
        too_few = (row["n"] or 0) < k
        out = dict(row)
        if too_few:
            out |= {c: None for c in figures}
        min_shown = not too_few and _shared(x, row.get("min"), k)
        max_shown = not too_few and _shared(x, row.get("max"), k)
        if not min_shown:
            out["min"] = None
        if not max_shown:
            out["max"] = None
        rows.append(out | {"min_shown": min_shown, "max_shown": max_shown, "too_few": too_few})
    schema = dict(summary.schema) | {
        "min_shown": pl.Boolean(),
        "max_shown": pl.Boolean(),
        "too_few": pl.Boolean(),
    }
    return pl.DataFrame(rows, schema=schema)
