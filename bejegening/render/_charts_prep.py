"""Preparation of computed frames for charts: checked columns, display values and Dutch labels.

Each chart type has one ``*_rows`` function.  Its result feeds both the chart and the chart's
Dutch description, so the two always state the same numbers.  Nothing here draws.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import polars as pl

from bejegening._nl import round_half_up
from bejegening.checks import finding_interval
from bejegening.model import Finding, Question
from bejegening.render._charts_text import (
    count_text,
    interval_text,
    p_text,
    pct_text,
    quoted,
    signed_points_text,
    wrap,
)
from bejegening.render._theme import (
    BAR,
    NON_SUBSTANTIVE,
    diverging_colours,
    label_colour,
)
from bejegening.stats import FREQUENCY_CONTRACT, REMAINDER_OPTION

__all__ = [
    "ADJUSTMENT_NAMES",
    "COMPARISON_COLUMNS",
    "CROSSTAB_COLUMNS",
    "FREQUENCY_COLUMNS",
    "PART_LABELS",
    "VERBAL_COLUMNS",
    "ComparisonRows",
    "CrosstabRows",
    "LikertRows",
    "SingleRows",
    "VerbalRows",
    "comparison_rows",
    "crosstab_rows",
    "likert_rows",
    "single_rows",
    "verbal_findings_frame",
    "verbal_rows",
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


# --------------------------------------------------------------------------------------------------
# Single choice (with the unknown remainder of a partly published question)

Part = Literal["answer", "non_substantive", "remainder"]
PART_LABELS: Mapping[str, str] = {
    "answer": "Antwoorden",
    "non_substantive": "Geen inhoudelijk antwoord",
    "remainder": "Niet gepubliceerd",
}


@dataclass(frozen=True)
class SingleRows:
    """One question, ready to draw: ``frame`` has one row per option (see :func:`single_rows`)."""

    frame: pl.DataFrame
    question: str
    base: int | None
    base_inferred: bool
    sampling_note: bool
    non_substantive_base: int | None
    remainder_kind: str | None
    """None (no remainder row), ``pct`` (known share), ``rest`` (100% minus the published
    shares), ``unknown`` (a share is missing) or ``over`` (published shares exceed 100%)."""
    published_total: float | None
    """Sum of the shown shares of the answer rows (for the remainder text)."""


def single_rows(freq: pl.DataFrame | pl.LazyFrame, decimals: int = 0) -> SingleRows:
    """Display rows of one single-choice question.

    Columns: ``option, label, part, part_label, sort, value, value_kind, n, ci_low, ci_high,
    text, text_x, fill, printed, tip_pct, tip_n, tip_ci, tip_source``.  ``value`` is ``pct`` (the
    computed share), or the printed percentage when no share can be computed; a suppressed cell has
    no value.  The remainder row's value is its computed share, else 100% minus the shown shares
    (``value_kind == "rest"``), else unknown.
    """
    data = _frame(freq, FREQUENCY_COLUMNS, _FREQUENCY_REQUIRED, "frequentietabel")
    questions = data.get_column("question").unique().to_list()
    if len(questions) != 1:
        raise ValueError(f"frequentietabel: verwacht precies één vraag, kreeg {len(questions)}: {questions}")
    data = data.with_columns(
        pl.col("suppressed").fill_null(False),
        pl.col("published").fill_null(False),
        pl.when((pl.col("option") == REMAINDER_OPTION) | (pl.col("valence") == "remainder"))
        .then(pl.lit("remainder"))
        .when(pl.col("valence") == "non_substantive")
        .then(pl.lit("non_substantive"))
        .otherwise(pl.lit("answer"))
        .alias("part"),
    ).with_row_index("_position")
    data = data.with_columns(
        pl.when(pl.col("suppressed"))
        .then(None)
        .otherwise(pl.coalesce("pct", "pct_published"))
        .alias("value"),
        pl.when(pl.col("suppressed"))
        .then(pl.lit("suppressed"))
        .when(pl.col("pct").is_not_null())
        .then(pl.lit("pct"))
        .when(pl.col("pct_published").is_not_null())
        .then(pl.lit("printed"))
        .otherwise(pl.lit("unknown"))
        .alias("value_kind"),
    )
    answers = data.filter(pl.col("part") != "remainder")
    shown = answers.filter(pl.col("part") == "answer").get_column("value")
    published_total = None if shown.null_count() else float(shown.sum())

    remainder_kind: str | None = None
    remainder = data.filter(pl.col("part") == "remainder")
    if remainder.height:
        if remainder.get_column("value").null_count() == 0:
            remainder_kind = "pct"
        else:
            all_values = answers.get_column("value")
            if all_values.null_count() or all_values.len() == 0:
                remainder_kind = "unknown"
            else:
                rest = 1.0 - float(all_values.sum())
                remainder_kind = "rest" if rest >= -1e-9 else "over"
                data = data.with_columns(
                    pl.when(pl.col("part") == "remainder")
                    .then(pl.lit(max(rest, 0.0) if rest >= -1e-9 else None, dtype=pl.Float64))
                    .otherwise(pl.col("value"))
                    .alias("value"),
                    pl.when(pl.col("part") == "remainder")
                    .then(pl.lit(remainder_kind))
                    .otherwise(pl.col("value_kind"))
                    .alias("value_kind"),
                )

    records = data.sort(
        pl.col("part").replace_strict(
            {"answer": 0, "non_substantive": 1, "remainder": 2}, return_dtype=pl.Int64
        ),
        pl.col("order"),
        pl.col("_position"),
        nulls_last=True,
    ).to_dicts()
    rows: list[dict[str, object]] = []
    for sort, record in enumerate(records):
        rows.append(_single_display(record, sort, decimals))
    frame = pl.DataFrame(
        rows,
        schema={
            "option": pl.String,
            "label": pl.String,
            "part": pl.String,
            "part_label": pl.String,
            "sort": pl.Int64,
            "value": pl.Float64,
            "value_kind": pl.String,
            "n": pl.Int64,
            "ci_low": pl.Float64,
            "ci_high": pl.Float64,
            "text": pl.String,
            "text_x": pl.Float64,
            "fill": pl.String,
            "printed": pl.String,
            "tip_pct": pl.String,
            "tip_n": pl.String,
            "tip_ci": pl.String,
            "tip_source": pl.String,
        },
    )
    answer_rows = data.filter(pl.col("part") == "answer")
    ns_rows = data.filter(pl.col("part") == "non_substantive")
    base = _one(answer_rows.get_column("base").to_list()) if answer_rows.height else None
    return SingleRows(
        frame=frame,
        question=str(questions[0]),
        base=base if isinstance(base, int) else None,
        base_inferred=bool(data.get_column("base_inferred").fill_null(False).any()),
        sampling_note=bool(data.get_column("sampling_note").fill_null(False).any()),
        non_substantive_base=_int_or_none(_one(ns_rows.get_column("base").to_list()))
        if ns_rows.height
        else None,
        remainder_kind=remainder_kind,
        published_total=published_total,
    )


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _single_display(record: Mapping[str, object], sort: int, decimals: int) -> dict[str, object]:
    value = record["value"] if isinstance(record["value"], float) else None
    n = record["n"] if isinstance(record["n"], int) else None
    kind = str(record["value_kind"])
    part = str(record["part"])
    pct = record["pct"] if isinstance(record["pct"], float) else None
    printed_value = record["pct_published"] if isinstance(record["pct_published"], float) else None
    ci_low = record["ci_low"] if kind == "pct" and isinstance(record["ci_low"], float) else None
    ci_high = record["ci_high"] if kind == "pct" and isinstance(record["ci_high"], float) else None
    printed = ""
    printed_decimals = (
        record["pct_published_decimals"]
        if isinstance(record.get("pct_published_decimals"), int)
        else _printed_decimals(printed_value)
    )
    assert isinstance(printed_decimals, int)
    if kind == "suppressed":
        text = "te weinig antwoorden (niet getoond)"
    elif kind == "unknown" and part == "remainder":
        text = "omvang onbekend"
    elif kind == "unknown":
        text = "aantal niet gepubliceerd"
    elif kind == "over":
        text = "onbekend (gepubliceerde percentages tellen op tot meer dan 100%)"
    elif kind == "rest":
        text = f"{pct_text(value, decimals)} (rest tot 100%)"
    else:
        # A share is never shown coarser than the source printed it ("20,8 %" stays 20,8%).
        shown = max(decimals, printed_decimals) if printed_value is not None else decimals
        text = pct_text(value, shown) + (f" ({count_text(n)})" if n is not None else "")
        if kind == "pct" and _printed_differs(pct, printed_value, printed_decimals):
            printed = pct_text(printed_value, printed_decimals)
            text += f" · bron: {printed}"
        elif kind == "printed":
            text += " (zoals gepubliceerd)"
    text_x = max(value or 0.0, ci_high or 0.0)
    source = "gepubliceerd" if record["published"] else "berekend"
    if kind == "pct" and record["published"]:
        source = "berekend uit gepubliceerd aantal"
    return {
        "option": record["option"],
        "label": record["label"],
        "part": part,
        "part_label": PART_LABELS[part],
        "sort": sort,
        "value": value,
        "value_kind": kind,
        "n": n,
        "ci_low": ci_low,
        "ci_high": ci_high,
        "text": text,
        "text_x": text_x,
        "fill": NON_SUBSTANTIVE if part == "non_substantive" else BAR,
        "printed": printed,
        "tip_pct": pct_text(value, max(decimals, 1)) if value is not None else "onbekend",
        "tip_n": count_text(n),
        "tip_ci": interval_text(ci_low, ci_high, max(decimals, 1)) or "geen",
        "tip_source": source,
    }


def _printed_decimals(printed: float | None) -> int:
    """Fallback for frames without ``pct_published_decimals``: the decimals of the value itself."""
    if printed is None:
        return 0
    text = repr(round(printed * 100, 6)).rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


# --------------------------------------------------------------------------------------------------
# Likert


@dataclass(frozen=True)
class LikertRows:
    """Likert items ready to draw.

    ``segments``: one row per (item, substantive option) with ``item, item_label, item_sort,
    option, label, scale_sort, colour, text_colour, value, x0, x1, text, side``.
    ``totals``: per item ``item, item_label, item_sort, negative, neutral, positive, base,
    x_negative, x_positive, text_negative, text_positive``.
    ``apart``: per (item, option shown apart: non-substantive, and neutral when ``neutral="apart"``)
    ``item, item_label, item_sort, option, label, value, n, base, text``.
    """

    segments: pl.DataFrame
    totals: pl.DataFrame
    apart: pl.DataFrame
    scale: list[tuple[str, str, str]]
    """(label, colour, valence) of the substantive options in diverging order."""
    sampling_note: bool


def _scale_key(record: Mapping[str, object]) -> tuple[int, int]:
    order, position = record["order"], record["_position"]
    return (order if isinstance(order, int) else 0, position if isinstance(position, int) else 0)


def _scale(records: list[dict[str, object]]) -> list[dict[str, object]]:
    """Substantive options in diverging order (negative … neutral … positive)."""
    substantive = [r for r in records if r["valence"] in {"negative", "neutral", "positive"}]
    substantive.sort(key=_scale_key)
    negatives = [i for i, r in enumerate(substantive) if r["valence"] == "negative"]
    positives = [i for i, r in enumerate(substantive) if r["valence"] == "positive"]
    if negatives and positives and sum(negatives) / len(negatives) > sum(positives) / len(positives):
        substantive.reverse()
    rank = {"negative": 0, "neutral": 1, "positive": 2}
    return sorted(substantive, key=lambda r: rank[str(r["valence"])])


def likert_rows(
    freq: pl.DataFrame | pl.LazyFrame,
    *,
    item_labels: Mapping[str, str] | None = None,
    order: Literal["questionnaire", "positive"] = "questionnaire",
    neutral: Literal["split", "apart"] = "split",
    decimals: int = 0,
) -> LikertRows:
    """Diverging layout of one block of Likert items (questions sharing one answer scale).

    Shares are ``pct`` as computed (for substantive options: of the substantive answers).  The
    negative options lie left of zero with the strongest outermost, the positive right; the
    neutral option is split around zero (or drawn apart with "weet niet").
    """
    data = _frame(freq, FREQUENCY_COLUMNS, _FREQUENCY_REQUIRED, "frequentietabel")
    data = data.with_row_index("_position")
    items = list(dict.fromkeys(data.get_column("question").to_list()))
    if item_labels is not None:
        unknown = [item for item in items if item not in item_labels]
        if unknown:
            raise ValueError(f"likert: geen label voor vraag/vragen {', '.join(unknown)}")
        items = [item for item in item_labels if item in set(items)]
    labels = {item: (item_labels or {}).get(item, item) for item in items}
    rows_of = {item: "\n".join(wrap(label, 32)) for item, label in labels.items()}

    first = data.filter(pl.col("question") == items[0]).to_dicts() if items else []
    scale_records = _scale(first)
    scale_labels = [str(r["label"]) for r in scale_records]
    count = {
        v: sum(1 for r in scale_records if r["valence"] == v) for v in ("negative", "neutral", "positive")
    }
    colours = diverging_colours(count["negative"], count["neutral"], count["positive"])
    colour_of = dict(zip(scale_labels, colours, strict=True))
    valence_of = {str(r["label"]): str(r["valence"]) for r in scale_records}

    segments: list[dict[str, object]] = []
    totals: list[dict[str, object]] = []
    apart: list[dict[str, object]] = []
    for item in items:
        records = data.filter(pl.col("question") == item).to_dicts()
        scale = _scale(records)
        if [str(r["label"]) for r in scale] != scale_labels:
            raise ValueError(
                f"likert: vraag {item} heeft een andere antwoordschaal dan {items[0]} "
                f"({[r['label'] for r in scale]} tegenover {scale_labels})"
            )
        share = {str(r["label"]): (r["pct"] if isinstance(r["pct"], float) else None) for r in scale}
        neg = sum(v or 0.0 for k, v in share.items() if valence_of[k] == "negative")
        neu = sum(v or 0.0 for k, v in share.items() if valence_of[k] == "neutral")
        pos = sum(v or 0.0 for k, v in share.items() if valence_of[k] == "positive")
        drawn_neutral = neu if neutral == "split" else 0.0
        start = -(neg + drawn_neutral / 2)
        base = _one([r["base"] for r in scale])
        totals.append(
            {
                "item": item,
                "item_label": labels[item],
                "item_row": rows_of[item],
                "negative": neg,
                "neutral": neu,
                "positive": pos,
                "base": base,
                "x_negative": start,
                "x_positive": start + neg + drawn_neutral + pos,
                "text_negative": pct_text(neg, decimals),
                "text_positive": pct_text(pos, decimals),
            }
        )
        for record in scale:
            label = str(record["label"])
            value = share[label]
            if record["valence"] == "neutral" and neutral == "apart":
                apart.append(_apart_row(item, labels[item], rows_of[item], record, decimals))
                continue
            width = value or 0.0
            colour = colour_of[label]
            segments.append(
                {
                    "item": item,
                    "item_label": labels[item],
                    "item_row": rows_of[item],
                    "option": record["option"],
                    "label": label,
                    "scale_sort": scale_labels.index(label),
                    "colour": colour,
                    "text_colour": label_colour(colour),
                    "value": value,
                    "x0": start,
                    "x1": start + width,
                    "text": pct_text(value, decimals) if width >= 0.06 else "",
                    "tip_pct": pct_text(value, max(decimals, 1)),
                    "tip_n": count_text(record["n"] if isinstance(record["n"], int) else None),
                    "side": str(record["valence"]),
                }
            )
            start += width
        for record in records:
            if record["valence"] == "non_substantive":
                apart.append(_apart_row(item, labels[item], rows_of[item], record, decimals))

    totals_frame = pl.DataFrame(
        totals,
        schema={
            "item": pl.String,
            "item_label": pl.String,
            "item_row": pl.String,
            "negative": pl.Float64,
            "neutral": pl.Float64,
            "positive": pl.Float64,
            "base": pl.Int64,
            "x_negative": pl.Float64,
            "x_positive": pl.Float64,
            "text_negative": pl.String,
            "text_positive": pl.String,
        },
    )
    if order == "positive":
        ranked = totals_frame.sort(["positive", "negative"], descending=[True, False], maintain_order=True)
    else:
        ranked = totals_frame
    item_sort = {item: index for index, item in enumerate(ranked.get_column("item").to_list())}
    sort_expr = pl.col("item").replace_strict(item_sort, return_dtype=pl.Int64).alias("item_sort")
    segment_frame = pl.DataFrame(
        segments,
        schema={
            "item": pl.String,
            "item_label": pl.String,
            "item_row": pl.String,
            "option": pl.String,
            "label": pl.String,
            "scale_sort": pl.Int64,
            "colour": pl.String,
            "text_colour": pl.String,
            "value": pl.Float64,
            "x0": pl.Float64,
            "x1": pl.Float64,
            "text": pl.String,
            "tip_pct": pl.String,
            "tip_n": pl.String,
            "side": pl.String,
        },
    ).with_columns(sort_expr)
    apart_frame = pl.DataFrame(
        apart,
        schema={
            "item": pl.String,
            "item_label": pl.String,
            "item_row": pl.String,
            "option": pl.String,
            "label": pl.String,
            "value": pl.Float64,
            "n": pl.Int64,
            "base": pl.Int64,
            "text": pl.String,
        },
    ).with_columns(sort_expr)
    scale_info = [(label, colour_of[label], valence_of[label]) for label in scale_labels]
    if neutral == "apart":
        scale_info = [entry for entry in scale_info if entry[2] != "neutral"]
    return LikertRows(
        segments=segment_frame.sort(["item_sort", "scale_sort"]),
        totals=ranked.with_columns(sort_expr).sort("item_sort"),
        apart=apart_frame.sort("item_sort"),
        scale=scale_info,
        sampling_note=bool(data.get_column("sampling_note").fill_null(False).any()),
    )


def _apart_row(
    item: str, item_label: str, item_row: str, record: Mapping[str, object], decimals: int
) -> dict[str, object]:
    value = record["pct"] if isinstance(record["pct"], float) else None
    n = record["n"] if isinstance(record["n"], int) else None
    text = pct_text(value, decimals) + (f" ({count_text(n)})" if n is not None else "")
    return {
        "item": item,
        "item_label": item_label,
        "item_row": item_row,
        "option": record["option"],
        "label": record["label"],
        "value": value,
        "n": n,
        "base": record["base"] if isinstance(record["base"], int) else None,
        "text": text,
    }


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


ADJUSTMENT_NAMES: Mapping[str, str] = {
    "holm": "Holm",
    "bh": "Benjamini-Hochberg",
    "fdr_bh": "Benjamini-Hochberg",
    "bonferroni": "Bonferroni",
    "none": "geen",
}


def comparison_rows(
    comparison: pl.DataFrame | pl.LazyFrame,
    *,
    group_labels: Mapping[str, str] | None = None,
    decimals: int = 0,
) -> ComparisonRows:
    """Rows of a comparison of two groups (see :func:`bejegening.render.comparison_chart`)."""
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
    points: list[dict[str, object]] = []
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
        for group, key in ((group_a, "pct_a"), (group_b, "pct_b")):
            points.append(
                {
                    "label": label,
                    "sort": sort,
                    "group": group,
                    "pct": record[key],
                    "text": pct_text(record[key], decimals),
                }
            )
    frame = pl.DataFrame(
        rows,
        schema={
            "label": pl.String,
            "sort": pl.Int64,
            "pct_a": pl.Float64,
            "pct_b": pl.Float64,
            "diff": pl.Float64,
            "ci_low": pl.Float64,
            "ci_high": pl.Float64,
            "text_a": pl.String,
            "text_b": pl.String,
            "text_diff": pl.String,
            "text_ci": pl.String,
            "verdict": pl.String,
            "significant": pl.Boolean,
            "p_text": pl.String,
        },
    )
    point_frame = pl.DataFrame(
        points,
        schema={
            "label": pl.String,
            "sort": pl.Int64,
            "group": pl.String,
            "pct": pl.Float64,
            "text": pl.String,
        },
    )
    return ComparisonRows(frame, point_frame, group_a, group_b, adjustment)


# --------------------------------------------------------------------------------------------------
# Crosstab


@dataclass(frozen=True)
class CrosstabRows:
    """Crosstab cells: ``frame`` has ``option, label, option_sort, group, group_sort, value, n,
    base, suppressed, text, text_x``."""

    frame: pl.DataFrame
    question: str | None
    groups: list[str]
    options: list[str]


def crosstab_rows(crosstab: pl.DataFrame | pl.LazyFrame, decimals: int = 0) -> CrosstabRows:
    """Rows of a crosstab of one question by a background variable."""
    data = _frame(crosstab, CROSSTAB_COLUMNS, _CROSSTAB_REQUIRED, "kruistabel")
    questions = data.get_column("question").drop_nulls().unique().to_list()
    if len(questions) > 1:
        raise ValueError(f"kruistabel: verwacht één vraag, kreeg {len(questions)}: {questions}")
    data = data.with_row_index("_position").with_columns(pl.col("suppressed").fill_null(False))
    option_order = (
        data.group_by("option", maintain_order=True)
        .agg(pl.col("order").min(), pl.col("_position").min(), pl.col("label").first())
        .sort("order", "_position", nulls_last=True)
    )
    options = option_order.get_column("option").to_list()
    option_labels = option_order.get_column("label").to_list()
    groups = list(dict.fromkeys(data.get_column("group").to_list()))
    rows: list[dict[str, object]] = []
    for record in data.to_dicts():
        suppressed = bool(record["suppressed"]) or (record["pct"] is None and record["n"] is None)
        value = None if suppressed else record["pct"]
        if bool(record["suppressed"]):
            text = "onderdrukt: te weinig antwoorden"
        elif value is None:
            text = "onbekend"
        else:
            text = pct_text(value, decimals)
            if record["n"] is not None and record["base"] is not None:
                text += f" ({count_text(record['n'])} van {count_text(record['base'])})"
        rows.append(
            {
                "option": record["option"],
                "label": record["label"],
                "option_sort": options.index(record["option"]),
                "group": record["group"],
                "group_sort": groups.index(record["group"]),
                "value": value,
                "n": None if suppressed else record["n"],
                "base": record["base"],
                "suppressed": bool(record["suppressed"]),
                "text": text,
                "text_x": value or 0.0,
            }
        )
    frame = pl.DataFrame(
        rows,
        schema={
            "option": pl.String,
            "label": pl.String,
            "option_sort": pl.Int64,
            "group": pl.String,
            "group_sort": pl.Int64,
            "value": pl.Float64,
            "n": pl.Int64,
            "base": pl.Int64,
            "suppressed": pl.Boolean,
            "text": pl.String,
            "text_x": pl.Float64,
        },
    ).sort("option_sort", "group_sort")
    return CrosstabRows(
        frame, str(questions[0]) if questions else None, groups, [str(x) for x in option_labels]
    )


# --------------------------------------------------------------------------------------------------
# Verbal findings


@dataclass(frozen=True)
class VerbalRows:
    """Verbal findings: ``frame`` has ``finding, sort, row_label, statement, quantifier, low, high,
    base_description, text, has_interval``."""

    frame: pl.DataFrame


def verbal_rows(findings: pl.DataFrame | pl.LazyFrame, decimals: int = 0, wrap_width: int = 46) -> VerbalRows:
    """Rows of verbal findings with the interval their quantifier stands for (null when none)."""
    data = _frame(findings, VERBAL_COLUMNS, _VERBAL_REQUIRED, "uitspraken")
    bad = data.filter(
        (pl.col("low").is_not_null() & pl.col("high").is_not_null() & (pl.col("low") > pl.col("high")))
        | (pl.col("low") < 0)
        | (pl.col("high") > 1)
    )
    if bad.height:
        raise ValueError(
            "uitspraken: low en high moeten fracties zijn met 0 ≤ low ≤ high ≤ 1; fout bij "
            + ", ".join(bad.get_column("finding").to_list())
        )
    rows: list[dict[str, object]] = []
    for sort, record in enumerate(data.to_dicts()):
        statement = record["statement"] or record["finding"]
        low, high = record["low"], record["high"]
        has_interval = low is not None and high is not None and not (math.isnan(low) or math.isnan(high))
        quantifier = str(record["quantifier"] or "")
        if has_interval:
            text = f"{quoted(quantifier)}: {pct_text(low, decimals)}–{pct_text(high, decimals)}"
        else:
            text = f"{quoted(quantifier)}: geen aandeel (niet in een percentage te vertalen)"
        rows.append(
            {
                "finding": record["finding"],
                "sort": sort,
                "row_label": "\n".join(wrap(str(statement), wrap_width)),
                "statement": statement,
                "quantifier": quantifier,
                "low": low if has_interval else None,
                "high": high if has_interval else None,
                "base_description": record["base_description"],
                "text": text,
                "text_x": high if has_interval else 0.0,
                "has_interval": has_interval,
            }
        )
    frame = pl.DataFrame(
        rows,
        schema={
            "finding": pl.String,
            "sort": pl.Int64,
            "row_label": pl.String,
            "statement": pl.String,
            "quantifier": pl.String,
            "low": pl.Float64,
            "high": pl.Float64,
            "base_description": pl.String,
            "text": pl.String,
            "text_x": pl.Float64,
            "has_interval": pl.Boolean,
        },
    )
    return VerbalRows(frame)


def verbal_findings_frame(
    findings: Sequence[Finding],
    questions: Sequence[Question] = (),
    *,
    question: str | None = None,
) -> pl.DataFrame:
    """The input of :func:`verbal_findings_chart` from published findings with a quantifier.

    One row per finding that has a ``quantifier`` (optionally only those about ``question``):
    ``finding, statement, quantifier, low, high, base_description`` (:data:`VERBAL_COLUMNS`), with
    ``low``/``high`` from :func:`bejegening.checks.finding_interval` (null when the words name
    no share, or compare two groups).  A finding without a statement but with a question and
    options gets the statement "antwoordt X of Y op vraag N", built from ``questions``.
    """
    by_id = {q.id: q for q in questions}
    rows: list[dict[str, object]] = []
    for finding in findings:
        if finding.quantifier is None or (question is not None and finding.question != question):
            continue
        interval = finding_interval(finding)
        statement = finding.statement
        if statement is None and finding.question in by_id:
            asked = by_id[finding.question]
            labels = [option.label for option in asked.options if option.id in finding.options]
            choice = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} of {labels[-1]}"
            statement = f"antwoordt {choice} op {asked.label_lower}"
        rows.append(
            {
                "finding": finding.id,
                "statement": statement,
                "quantifier": finding.quantifier,
                "low": interval[0] if interval else None,
                "high": interval[1] if interval else None,
                "base_description": finding.base_description,
            }
        )
    return pl.DataFrame(rows, schema=dict(VERBAL_COLUMNS))
