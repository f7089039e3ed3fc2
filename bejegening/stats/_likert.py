"""Likert scales: diverging order, top/bottom boxes, net score and mean score."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import polars as pl

from bejegening.model import Option, Question, QuestionType, Valence
from bejegening.stats._intervals import IntervalMethod, net_score_interval, proportion_interval

__all__ = ["LIKERT_SCHEMA", "box_size", "diverging_order", "likert_summary"]

BOX_COLUMNS: dict[str, pl.DataType] = {
    "base": pl.Int64(),
    "n_effective": pl.Float64(),
    "box": pl.Int64(),
    **{
        f"{side}_{name}": dtype
        for side in ("top", "bottom")
        for name, dtype in (
            ("options", pl.List(pl.String())),
            ("n", pl.Int64()),
            ("pct", pl.Float64()),
            ("ci_low", pl.Float64()),
            ("ci_high", pl.Float64()),
        )
    },
    "net": pl.Float64(),
    "net_ci_low": pl.Float64(),
    "net_ci_high": pl.Float64(),
}
"""The box columns shared by :data:`LIKERT_SCHEMA` and the grid table: base, effective n, box
size, per box (``top``, ``bottom``) its options, count, share and interval, and the net score."""

LIKERT_SCHEMA: dict[str, pl.DataType] = {
    "survey": pl.String(),
    "question": pl.String(),
    **BOX_COLUMNS,
    "mean": pl.Float64(),
    "mean_ci_low": pl.Float64(),
    "mean_ci_high": pl.Float64(),
    "sd": pl.Float64(),
    "n_non_substantive": pl.Int64(),
}
"""One row per Likert question: top-box and bottom-box shares of the substantive answers with
Wilson/Clopper-Pearson intervals, net score (top − bottom) with its interval, and the mean of the
option scores with a t interval (null when an option has no score or a figure is unknown)."""

_RANK = {Valence.negative: 0, Valence.neutral: 1, Valence.positive: 2}


def _substantive(option: Option) -> bool:
    return option.valence is not Valence.non_substantive


def diverging_order(question: Question) -> list[str]:
    """Option ids in diverging order: negative … neutral … positive, non-substantive last.

    The scale runs in questionnaire order (or by score when every substantive option has one),
    turned round when it starts at the positive end; options with a valence are then grouped
    negative, neutral, positive (stable within a group; options without a valence keep their
    place in the scale). Non-substantive options ("weet niet") follow, apart from the scale.
    """
    options = question.ordered_options()
    scale = [o for o in options if _substantive(o)]
    if scale and all(o.score is not None for o in scale):
        scale = sorted(scale, key=lambda o: o.score if o.score is not None else 0.0)
    ranks = [_RANK[o.valence] for o in scale if o.valence is not None]
    positions = [i for i, o in enumerate(scale) if o.valence is not None]
    if len(ranks) >= 2:
        # Correlation sign between position and valence rank: negative means positive-first.
        slope = np.polyfit(positions, ranks, 1)[0] if len(set(positions)) > 1 else 0.0
        if slope < 0:
            scale = scale[::-1]
    if all(o.valence is not None for o in scale):
        scale = sorted(scale, key=lambda o: _RANK[o.valence] if o.valence is not None else 1)
    return [o.id for o in scale] + [o.id for o in options if not _substantive(o)]


def box_size(k: int) -> int:
    """Options in a top or bottom box: 2 on scales of 4 or more points, else 1."""
    return 2 if k >= 4 else 1


def _nullable(value: float) -> float | None:
    return None if value is None or not np.isfinite(value) else float(value)


def likert_summary(
    freq: pl.DataFrame,
    questions: Sequence[Question],
    *,
    confidence: float = 0.95,
    method: IntervalMethod = "wilson",
) -> pl.DataFrame:
    """Top-2/bottom-2 box, net score and mean score of every Likert question in ``freq``.

    ``freq`` is a frequency table (:func:`frequencies` or :func:`published_frequencies`). Shares
    are of the substantive answers (non-substantive answers are counted apart). Boxes are the
    two most positive and the two most negative options in :func:`diverging_order` (one each on
    scales of fewer than 4 points).

    - top/bottom share p with a Wilson (or Clopper-Pearson) interval on the (effective) base;
    - net score ``top − bottom`` with the Wald interval of a difference of two multinomial
      shares, ``var = (p_t + p_b − (p_t − p_b)²) / n`` (:func:`net_score_interval`), clipped to
      [−1, 1];
    - mean of the option scores ``m = Σ pₖsₖ`` with ``sd² = n/(n − 1) · Σ pₖ(sₖ − m)²`` and the
      t interval ``m ± t₁₋α/₂,ₙ₋₁ · sd/√n`` (n = Kish's effective n for weighted tables).
    """
    rows: list[dict[str, Any]] = []
    for question in questions:
        if question.type is not QuestionType.likert or not question.options:
            continue
        part = freq.filter(pl.col("question") == question.id)
        if part.is_empty():
            continue
        by_option = {row["option"]: row for row in part.iter_rows(named=True)}
        order = diverging_order(question)
        scale = [o for o in order if _substantive(question.option(o))]
        k = box_size(len(scale))
        bottom, top = scale[:k], scale[-k:]
        first = by_option.get(scale[0], {}) if scale else {}
        base = first.get("base")
        n_eff = first.get("n_effective")
        n_eff = float(n_eff) if n_eff is not None else (float(base) if base is not None else None)
        pcts = [by_option.get(o, {}).get("pct") for o in scale]
        counts = [by_option.get(o, {}).get("n") for o in scale]
        known = all(p is not None for p in pcts) and n_eff is not None and n_eff > 0
        row: dict[str, Any] = {
            "survey": first.get("survey"),
            "question": question.id,
            "base": base,
            "n_effective": n_eff,
            "box": k,
            "top_options": top,
            "bottom_options": bottom,
            "top_n": sum(c for c in counts[-k:]) if all(c is not None for c in counts[-k:]) else None,
            "bottom_n": sum(c for c in counts[:k]) if all(c is not None for c in counts[:k]) else None,
            "n_non_substantive": first.get("n_non_substantive"),
        }
        if known and n_eff is not None:
            p = np.array(pcts, dtype=np.float64)
            p_top, p_bottom = float(p[-k:].sum()), float(p[:k].sum())
            low, high = proportion_interval(
                [p_top * n_eff, p_bottom * n_eff], [n_eff, n_eff], method=method, confidence=confidence
            )
            net = p_top - p_bottom
            net_low, net_high = net_score_interval(p_top, p_bottom, n_eff, confidence=confidence)
            row |= {
                "top_pct": p_top,
                "top_ci_low": _nullable(low[0]),
                "top_ci_high": _nullable(high[0]),
                "bottom_pct": p_bottom,
                "bottom_ci_low": _nullable(low[1]),
                "bottom_ci_high": _nullable(high[1]),
                "net": net,
                "net_ci_low": net_low,
                "net_ci_high": net_high,
            }
            scores = [question.option(o).score for o in scale]
            if all(s is not None for s in scores) and n_eff > 1:
                s = np.array(scores, dtype=np.float64)
                mean = float((p * s).sum())
                sd = float(np.sqrt((p * (s - mean) ** 2).sum() * n_eff / (n_eff - 1.0)))
                from scipy import stats  # noqa: PLC0415  (slow import, deferred)

                t = float(stats.t.ppf(0.5 + confidence / 2.0, n_eff - 1.0))
                row |= {
                    "mean": mean,
                    "sd": sd,
                    "mean_ci_low": mean - t * sd / np.sqrt(n_eff),
                    "mean_ci_high": mean + t * sd / np.sqrt(n_eff),
                }
        rows.append(row)
    return pl.DataFrame(rows, schema=LIKERT_SCHEMA)
