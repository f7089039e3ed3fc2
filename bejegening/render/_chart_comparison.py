"""Chart type "comparison": differences between two groups with their intervals, the display rows
and the Dutch description.

The rows feed both the chart and its description, so the two always state the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypedDict, Unpack

import altair as alt
import polars as pl

from bejegening._options import keyword_options
from bejegening.render._charts import (
    STEP,
    Chart,
    FrameLike,
    _confidence_label,
    _data,
    _pct_axis,
    _ticks,
    _title,
    _upper,
    display_frame,
    x_value,
)
from bejegening.render._charts_describe import (
    _confidence_text,
)
from bejegening.render._charts_prep import (
    _COMPARISON_REQUIRED,
    COMPARISON_COLUMNS,
    _frame,
    _one,
)
from bejegening.render._charts_text import (
    p_text,
    pct_text,
    points_text,
    quoted,
    signed_points_text,
)
from bejegening.render._theme import (
    INK,
    MUTED_INK,
    SERIES,
    WHITE,
)

__all__ = [
    "ADJUSTMENT_NAMES",
    "ComparisonLayout",
    "ComparisonRows",
    "comparison_chart",
    "comparison_description",
    "comparison_rows",
]


# --------------------------------------------------------------------------------------------------
# Comparison


@dataclass(frozen=True)
class ComparisonRows:
    """Comparison rows: ``frame`` has ``label, sort, pct_a, pct_b, diff, ci_low, ci_high,
    text_a, text_b, text_diff, verdict, significant, p_text``; ``points`` is the long form for
    the two groups (``label, sort, group, pct, text``)."""

    frame: pl.DataFrame
    points: pl.DataFrame
    group_a: str
    group_b: str
    adjustment: str | None
    decimals: int
    """Decimals of the percentages and differences shown."""


class ComparisonLayout(TypedDict, total=False):
    """How a comparison is shown (keyword parameters of :func:`comparison_rows`,
    :func:`comparison_chart` and :func:`comparison_description`), both optional: ``group_labels``
    (group id → display name; default the ids) and ``decimals`` (of the percentages and
    differences shown; default 0)."""

    group_labels: Mapping[str, str] | None
    decimals: int


_layout = keyword_options(ComparisonLayout, decimals=0)


ADJUSTMENT_NAMES: Mapping[str, str] = {
    "holm": "Holm",
    "bh": "Benjamini-Hochberg",
    "fdr_bh": "Benjamini-Hochberg",
    "bonferroni": "Bonferroni",
    "none": "geen",
}


@_layout
def comparison_rows(
    comparison: pl.DataFrame | pl.LazyFrame, **layout: Unpack[ComparisonLayout]
) -> ComparisonRows:
    """Rows of a comparison of two groups (see :func:`bejegening.render.comparison_chart`;
    ``layout``: :class:`ComparisonLayout`, its defaults applied here)."""
    group_labels = layout.get("group_labels")
    decimals = layout["decimals"]
    data = comparison.collect() if isinstance(comparison, pl.LazyFrame) else comparison
    renames = {
        old: new for old, new in (("survey_a", "group_a"), ("survey_b", "group_b")) if old in data.columns
    }
    data = data.rename({old: new for old, new in renames.items() if new not in data.columns})
    data = _frame(data, COMPARISON_COLUMNS, _COMPARISON_REQUIRED, "vergelijking")
    mismatch = data.filter(
        (pl.col("diff") - (pl.col("pct_a") - pl.col("pct_b"))).abs() > 1e-9,
    )
    if mismatch.height:
        raise ValueError(
            "vergelijking: diff moet pct_a − pct_b zijn; afwijkend bij "
            + ", ".join(mismatch.get_column("option").to_list())
        )
    names = group_labels or {}
    raw_a = _one(data.get_column("group_a").to_list())
    raw_b = _one(data.get_column("group_b").to_list())
    group_a = names.get(str(raw_a), str(raw_a)) if raw_a is not None else "A"
    group_b = names.get(str(raw_b), str(raw_b)) if raw_b is not None else "B"
    adjustment_raw = _one(data.get_column("adjustment").to_list())
    adjustment = ADJUSTMENT_NAMES.get(str(adjustment_raw), str(adjustment_raw)) if adjustment_raw else None
    several_questions = data.get_column("question").n_unique() > 1
    rows: list[dict[str, object]] = []
    for sort, record in enumerate(data.to_dicts()):
        label = str(record["label"])
        if several_questions and record["question"] is not None:
            label = f"{record['question']}: {label}"
        diff = record["diff"]
        p_adjusted = record["p_adjusted"]
        significant = record["significant"]
        if diff is None or p_adjusted is None or significant is None:
            verdict = "niet te toetsen"
        elif significant:
            verdict = f"verschil significant ({p_text(p_adjusted)})"
        else:
            verdict = f"geen significant verschil ({p_text(p_adjusted)})"
        rows.append(
            {
                "label": label,
                "sort": sort,
                "pct_a": record["pct_a"],
                "pct_b": record["pct_b"],
                "diff": diff,
                "ci_low": record["ci_low"],
                "ci_high": record["ci_high"],
                "text_a": pct_text(record["pct_a"], decimals),
                "text_b": pct_text(record["pct_b"], decimals),
                "text_diff": signed_points_text(diff, decimals) if diff is not None else "onbekend",
                "text_ci": (
                    f"{signed_points_text(record['ci_low'], decimals)} tot "
                    f"{signed_points_text(record['ci_high'], decimals)}"
                    if record["ci_low"] is not None and record["ci_high"] is not None
                    else "geen"
                ),
                "verdict": verdict,
                "significant": bool(significant),
                "p_text": p_text(p_adjusted),
            }
        )
    frame = display_frame(
        rows,
        (
            "label",
            "sort",
            "pct_a",
            "pct_b",
            "diff",
            "ci_low",
            "ci_high",
            "text_a",
            "text_b",
            "text_diff",
            "text_ci",
            "verdict",
            "significant",
            "p_text",
        ),
    )
    # The long form of the two groups' columns: per option group A, then group B.
    point_frame = pl.concat(
        [
            frame.select(
                "label",
                "sort",
                pl.lit(group, dtype=pl.String).alias("group"),
                pl.col(f"pct_{side}").alias("pct"),
                pl.col(f"text_{side}").alias("text"),
            )
            for group, side in ((group_a, "a"), (group_b, "b"))
        ]
    ).sort("sort", maintain_order=True)
    return ComparisonRows(frame, point_frame, group_a, group_b, adjustment, decimals)


@_layout
def comparison_description(
    comparison: FrameLike,
    *,
    title: str | None = None,
    confidence: float = 0.95,
    **layout: Unpack[ComparisonLayout],
) -> str:
    """The Dutch description of :func:`comparison_chart` (``layout``: :class:`ComparisonLayout`)."""
    return _description(comparison_rows(comparison, **layout), title, confidence)


def _description(rows: ComparisonRows, title: str | None, confidence: float) -> str:
    a, b, decimals = rows.group_a, rows.group_b, rows.decimals
    about = f" ({title})" if title else ""
    level = _confidence_text(confidence)
    intro = (
        f"Vergelijking van {a} en {b}{about} per antwoord: de twee percentages en het verschil in "
        f"procentpunten met een {level}-interval."
    )
    if rows.adjustment and rows.adjustment != "geen":
        intro += f" De p-waarden zijn gecorrigeerd voor meerdere vergelijkingen ({rows.adjustment})."
    sentences = [intro]
    for row in rows.frame.to_dicts():
        diff = row["diff"]
        if diff is None:
            sentences.append(
                f"{quoted(str(row['label']))}: {a} {row['text_a']}, {b} {row['text_b']}; niet te toetsen."
            )
            continue
        if signed_points_text(diff, decimals) in {"0", "0," + "0" * decimals}:
            direction = "geen verschil"
        else:
            direction = f"{a} {points_text(diff, decimals)} {'hoger' if diff > 0 else 'lager'}"
        sentences.append(
            f"{quoted(str(row['label']))}: {a} {row['text_a']}, {b} {row['text_b']}, {direction} "
            f"(interval {row['text_ci']} procentpunt); {row['verdict']}."
        )
    return " ".join(sentences)


# --------------------------------------------------------------------------------------------------
# 4. Comparison


@_layout
def comparison_chart(
    comparison: FrameLike,
    *,
    title: str | None = None,
    confidence: float = 0.95,
    width: int = 200,
    **layout: Unpack[ComparisonLayout],
) -> Chart:
    """Dot-and-interval chart comparing two surveys, waves or groups, option by option.

    ``comparison`` has one row per option and the columns ``option, label, group_a, group_b,
    pct_a, pct_b, diff, ci_low, ci_high, p_adjusted, significant`` (optional ``question`` and
    ``adjustment``); ``survey_a``/``survey_b`` are accepted for ``group_a``/``group_b``, so the
    output of :func:`bejegening.stats.compare_proportions` fits as it is.  ``diff`` must be
    ``pct_a − pct_b`` (fractions), ``ci_low``/``ci_high`` its interval, ``p_adjusted`` the p-value
    after the adjustment for multiple comparisons and ``significant`` whether it is below alpha.
    ``layout``: :class:`ComparisonLayout` (``group_labels`` maps group ids to display names).

    Left: the two percentages per option as a circle (group A) and a square (group B) on one
    line.  Middle: the difference in percentage points with its interval and a zero line;
    significant differences are filled, others open.  Right: the verdict in words ("verschil
    significant (p = 0,012)" / "geen significant verschil (p = 0,41)").
    """
    rows = comparison_rows(comparison, **layout)
    frame = rows.frame
    points = rows.points
    y = alt.Y("label:N", sort=alt.EncodingSortField("sort", op="min"), title=None)
    y_hidden = alt.Y("label:N", sort=alt.EncodingSortField("sort", op="min"), axis=None)
    upper = _upper(frame.get_column("pct_a").to_list() + frame.get_column("pct_b").to_list())
    pct_scale = alt.Scale(domain=[0, upper], nice=False)
    groups = [rows.group_a, rows.group_b]
    connector = (
        alt.Chart(_data(frame))
        .mark_rule(color=MUTED_INK, strokeWidth=1.5)
        .encode(x=alt.X("pct_a:Q", scale=pct_scale, axis=_pct_axis("Percentage")), x2=alt.X2("pct_b:Q"), y=y)
    )
    dots = (
        alt.Chart(_data(points))
        .mark_point(filled=True, size=90, opacity=1)
        .encode(
            x=alt.X("pct:Q", scale=pct_scale),
            y=y,
            color=alt.Color(
                "group:N", scale=alt.Scale(domain=groups, range=list(SERIES)), legend=alt.Legend(title=None)
            ),
            shape=alt.Shape("group:N", scale=alt.Scale(domain=groups, range=["circle", "square"])),
            tooltip=[
                alt.Tooltip("label:N", title="Antwoord"),
                alt.Tooltip("group:N", title="Groep"),
                alt.Tooltip("text:N", title="Percentage"),
            ],
        )
    )
    left = alt.layer(connector, dots).properties(width=width, height=alt.Step(STEP), title="Percentages")
    reach = max(
        [
            abs(v)
            for v in frame.get_column("ci_low").drop_nulls().to_list()
            + frame.get_column("ci_high").drop_nulls().to_list()
        ]
        + [0.05]
    )
    reach = math.ceil(reach * 20) / 20
    diff_scale = alt.Scale(domain=[-reach, reach], nice=False)
    diff_data = _data(frame)
    zero = (
        alt.Chart(_data([{"x": 0}]))
        .mark_rule(color=INK, strokeWidth=1)
        .encode(x=alt.X("x:Q", scale=diff_scale))
    )
    interval = (
        alt.Chart(diff_data)
        .transform_filter("isValid(datum.ci_low) && isValid(datum.ci_high)")
        .mark_errorbar(ticks={"size": 10, "thickness": 1.5}, color=INK, thickness=1.5)
        .encode(
            x=alt.X(
                "ci_low:Q",
                scale=diff_scale,
                axis=alt.Axis(
                    labelExpr="(datum.value > 0 ? '+' : '') + format(datum.value * 100, '.0f')",
                    title="Verschil in procentpunten",
                    grid=True,
                    values=_ticks(reach),
                ),
            ),
            x2=alt.X2("ci_high:Q"),
            y=y_hidden,
        )
    )
    diff_points = (
        alt.Chart(diff_data)
        .transform_filter("isValid(datum.diff)")
        .mark_point(shape="diamond", size=110, strokeWidth=2, opacity=1)
        .encode(
            x=alt.X("diff:Q", scale=diff_scale),
            y=y_hidden,
            fill=alt.condition("datum.significant", alt.value(INK), alt.value(WHITE)),
            stroke=alt.StrokeValue(INK),
            tooltip=[
                alt.Tooltip("label:N", title="Antwoord"),
                alt.Tooltip("text_diff:N", title="Verschil (procentpunt)"),
                alt.Tooltip("text_ci:N", title=f"{_confidence_label(confidence)}-interval"),
                alt.Tooltip("verdict:N", title="Toets"),
            ],
        )
    )
    middle = alt.layer(zero, interval, diff_points).properties(
        width=width, height=alt.Step(STEP), title="Verschil met interval"
    )
    verdict_bold = (
        alt.Chart(diff_data)
        .transform_filter("datum.significant")
        .mark_text(align="left", baseline="middle", color=INK, fontWeight="bold")
        .encode(x=x_value(0), y=y_hidden, text=alt.Text("verdict:N"))
    )
    verdict_plain = (
        alt.Chart(diff_data)
        .transform_filter("!datum.significant")
        .mark_text(align="left", baseline="middle", color=INK)
        .encode(x=x_value(0), y=y_hidden, text=alt.Text("verdict:N"))
    )
    verdict = alt.layer(verdict_bold, verdict_plain).properties(
        width=200, height=alt.Step(STEP), title="Toets"
    )
    subtitle = [
        f"Streepjes: {_confidence_label(confidence)}-interval van het verschil"
        + (
            f"; p-waarden gecorrigeerd ({rows.adjustment})"
            if rows.adjustment and rows.adjustment != "geen"
            else ""
        ),
        f"Verschil = {rows.group_a} − {rows.group_b}; gevulde ruit: significant, open ruit: niet significant",
    ]
    description = _description(rows, title, confidence)
    heading = title or f"{rows.group_a} vergeleken met {rows.group_b}"
    chart: Chart = (
        alt.hconcat(left, middle, verdict, spacing=16)
        .resolve_scale(y="shared", color="independent", shape="independent")
        .properties(title=_title(heading, subtitle), description=description)
    )
    return chart
