"""Chart type "Likert": items on one answer scale as diverging stacked bars, their display rows
and the
Dutch description.

The rows feed both the chart and its description, so the two always state the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypedDict, Unpack

import altair as alt
import polars as pl

from bejegening._options import keyword_options
from bejegening.render._charts import (
    LINE_HEIGHT,
    STEP,
    Chart,
    FrameLike,
    _data,
    _multiline_axis,
    _pct_axis,
    _title,
    _upper,
    answer_tooltip,
    display_frame,
)
from bejegening.render._charts_prep import (
    _FREQUENCY_REQUIRED,
    FREQUENCY_COLUMNS,
    _frame,
    _one,
)
from bejegening.render._charts_text import (
    count_text,
    join_dutch,
    pct_text,
    quoted,
    wrap,
)
from bejegening.render._theme import (
    INK,
    NON_SUBSTANTIVE,
    REMAINDER_STROKE,
    diverging_colours,
    label_colour,
)

__all__ = [
    "LikertLayout",
    "LikertRows",
    "likert_chart",
    "likert_description",
    "likert_rows",
]


# --------------------------------------------------------------------------------------------------
# Likert


class LikertLayout(TypedDict, total=False):
    """How a block of Likert items is laid out (keyword parameters of :func:`likert_rows`,
    :func:`likert_chart` and :func:`likert_description`), all optional:

    - ``item_labels``: item (question id) → label, in the order to show them; default the frame's
      ids in its order. An item without a label raises ``ValueError``.
    - ``order``: ``"questionnaire"`` (default: that order) or ``"positive"`` (share positive,
      largest first).
    - ``neutral``: ``"split"`` (default: the neutral answer split around zero) or ``"apart"``.
    - ``decimals``: of the percentages shown (default 0).
    """

    item_labels: Mapping[str, str] | None
    order: Literal["questionnaire", "positive"]
    neutral: Literal["split", "apart"]
    decimals: int


_layout = keyword_options(LikertLayout, order="questionnaire", neutral="split", decimals=0)


@dataclass(frozen=True)
class LikertRows:
    """Likert items ready to draw.

    ``segments``: one row per (item, substantive option) with ``item, item_label, item_sort,
    option, label, scale_sort, colour, text_colour, value, x0, x1, text, side``.
    ``totals``: per item ``item, item_label, item_sort, negative, neutral, positive, base,
    x_negative, x_positive, text_negative, text_positive``, whether each side's total is known
    (``negative_known``, …: false when a cell on that side is suppressed; its text is then
    empty) and ``hidden``, the share of the substantive answers in suppressed cells (0 if none).
    ``apart``: per (item, option shown apart: non-substantive, and neutral when ``neutral="apart"``)
    ``item, item_label, item_sort, option, label, value, n, base, text``.
    """

    segments: pl.DataFrame
    totals: pl.DataFrame
    apart: pl.DataFrame
    scale: list[tuple[str, str, str]]
    """(label, colour, valence) of the substantive options in diverging order."""
    sampling_note: bool
    neutral: Literal["split", "apart"]
    """Where the neutral answer is drawn (:class:`LikertLayout`)."""
    decimals: int
    """Decimals of the percentages shown."""

    def opening(self, title: str | None) -> str:
        """How a description of these items opens (the Likert and the grid chart's alike), e.g.
        ``Gestapeld staafdiagram over ‘Bejegening’ van 3 uitspraken: ``."""
        about = f" over {quoted(title)}" if title else ""
        count = self.totals.height
        return f"Gestapeld staafdiagram{about} van {count} {'uitspraak' if count == 1 else 'uitspraken'}: "

    @staticmethod
    def side_phrases(
        total: Mapping[str, Any], sides: tuple[tuple[str, str], ...], decimals: int
    ) -> list[str]:
        """An item's total share per side in words (``47% positief``), or ``positief niet getoond``
        when a cell on that side is suppressed; ``sides``: (side, word) in the order to name them."""
        return [
            f"{pct_text(total[side], decimals)} {word}" if total[f"{side}_known"] else f"{word} niet getoond"
            for side, word in sides
        ]


_ITEM_KEYS = ("item", "item_label", "item_row")
"""The columns that name an item (its id, statement and wrapped statement), in all three frames."""
_SEGMENT_KEYS = (*_ITEM_KEYS, "option", "label")
"""The columns that name an item's answer option, in the segments and in the options shown apart."""


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


@_layout
def likert_rows(freq: pl.DataFrame | pl.LazyFrame, **layout: Unpack[LikertLayout]) -> LikertRows:
    """Diverging layout of one block of Likert items (questions sharing one answer scale).

    Shares are ``pct`` as computed (for substantive options: of the substantive answers).  The
    negative options lie left of zero with the strongest outermost, the positive right; the
    neutral option is split around zero (or drawn apart with "weet niet"). ``layout``:
    :class:`LikertLayout` (its defaults are applied here).
    """
    item_labels = layout.get("item_labels")
    order = layout["order"]
    neutral = layout["neutral"]
    decimals = layout["decimals"]
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
        # A suppressed cell (share null) makes its side's total unknown; the shown shares leave
        # ``hidden`` (1 − their sum) unaccounted for, which follows from the shown figures.
        hidden_sides = {valence_of[k] for k, v in share.items() if v is None}
        hidden = 1.0 - sum(v for v in share.values() if v is not None) if hidden_sides else 0.0
        named = {"item": item, "item_label": labels[item], "item_row": rows_of[item]}
        totals.append(
            {
                **named,
                "negative": neg,
                "neutral": neu,
                "positive": pos,
                "base": base,
                "x_negative": start,
                "x_positive": start + neg + drawn_neutral + pos,
                "text_negative": "" if "negative" in hidden_sides else pct_text(neg, decimals),
                "text_positive": "" if "positive" in hidden_sides else pct_text(pos, decimals),
                "negative_known": "negative" not in hidden_sides,
                "neutral_known": "neutral" not in hidden_sides,
                "positive_known": "positive" not in hidden_sides,
                "hidden": max(0.0, hidden),
            }
        )
        for record in scale:
            label = str(record["label"])
            value = share[label]
            if record["valence"] == "neutral" and neutral == "apart":
                apart.append(_apart_row(named, record, decimals))
                continue
            width = value or 0.0
            colour = colour_of[label]
            segments.append(
                {
                    **named,
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
                apart.append(_apart_row(named, record, decimals))

    totals_frame = display_frame(
        totals,
        (
            *_ITEM_KEYS,
            "negative",
            "neutral",
            "positive",
            "base",
            "x_negative",
            "x_positive",
            "text_negative",
            "text_positive",
            "negative_known",
            "neutral_known",
            "positive_known",
            "hidden",
        ),
    )
    if order == "positive":
        ranked = totals_frame.sort(["positive", "negative"], descending=[True, False], maintain_order=True)
    else:
        ranked = totals_frame
    item_sort = {item: index for index, item in enumerate(ranked.get_column("item").to_list())}
    sort_expr = pl.col("item").replace_strict(item_sort, return_dtype=pl.Int64).alias("item_sort")
    segment_frame = display_frame(
        segments,
        (
            *_SEGMENT_KEYS,
            "scale_sort",
            "colour",
            "text_colour",
            "value",
            "x0",
            "x1",
            "text",
            "tip_pct",
            "tip_n",
            "side",
        ),
    ).with_columns(sort_expr)
    apart_frame = display_frame(apart, (*_SEGMENT_KEYS, "value", "n", "base", "text")).with_columns(sort_expr)
    scale_info = [(label, colour_of[label], valence_of[label]) for label in scale_labels]
    if neutral == "apart":
        scale_info = [entry for entry in scale_info if entry[2] != "neutral"]
    return LikertRows(
        segments=segment_frame.sort(["item_sort", "scale_sort"]),
        totals=ranked.with_columns(sort_expr).sort("item_sort"),
        apart=apart_frame.sort("item_sort"),
        scale=scale_info,
        sampling_note=bool(data.get_column("sampling_note").fill_null(False).any()),
        neutral=neutral,
        decimals=decimals,
    )


def _apart_row(named: Mapping[str, str], record: Mapping[str, object], decimals: int) -> dict[str, object]:
    """An option shown apart; ``named``: the item's :data:`_ITEM_KEYS` values."""
    value = record["pct"] if isinstance(record["pct"], float) else None
    n = record["n"] if isinstance(record["n"], int) else None
    text = pct_text(value, decimals) + (f" ({count_text(n)})" if n is not None else "")
    return {
        **named,
        "option": record["option"],
        "label": record["label"],
        "value": value,
        "n": n,
        "base": record["base"] if isinstance(record["base"], int) else None,
        "text": text,
    }


@_layout
def likert_description(freq: FrameLike, *, title: str | None = None, **layout: Unpack[LikertLayout]) -> str:
    """The Dutch description of :func:`likert_chart` (``layout``: :class:`LikertLayout`)."""
    return _description(likert_rows(freq, **layout), title)


def _description(rows: LikertRows, title: str | None) -> str:
    neutral, decimals = rows.neutral, rows.decimals
    sentences = [
        rows.opening(title)
        + "negatieve antwoorden links van het midden, positieve rechts"
        + (", neutrale verdeeld over beide kanten." if neutral == "split" else ", neutrale apart.")
    ]
    sides = (("positive", "positief"), ("negative", "negatief"), ("neutral", "neutraal"))
    for total in rows.totals.to_dicts():
        parts = rows.side_phrases(total, sides, decimals)
        if total["hidden"]:
            parts.append(f"{pct_text(total['hidden'], decimals)} niet getoond (kleine aantallen)")
        base = total["base"]
        suffix = f" (van {count_text(base)} inhoudelijke antwoorden)" if isinstance(base, int) else ""
        sentences.append(f"{quoted(str(total['item_label']))}: {join_dutch(parts)}{suffix}.")
    apart = rows.apart.filter(pl.col("option").is_not_null()).to_dicts()
    if apart:
        phrases = [
            f"{pct_text(r['value'], decimals)} {quoted(str(r['label']))} bij {quoted(str(r['item_label']))}"
            for r in apart
        ]
        sentences.append(f"Apart getoond: {join_dutch(phrases)}.")
    return " ".join(sentences)


# --------------------------------------------------------------------------------------------------
# 2. Likert


def scale_colour(rows: LikertRows, **legend: Any) -> alt.Color:
    """The segments' colour: the scale's labels in diverging order with their colours, as a
    legend below the chart (``legend`` overrides its settings)."""
    labels = [entry[0] for entry in rows.scale]
    colours = [entry[1] for entry in rows.scale]
    settings: dict[str, Any] = {
        "title": None,
        "orient": "bottom",
        "direction": "horizontal",
        "symbolType": "square",
    } | legend
    return alt.Color(
        "label:N",
        scale=alt.Scale(domain=labels, range=colours),
        legend=alt.Legend(**settings),
        sort=labels,
    )


def segment_tooltip() -> list[alt.Tooltip]:
    """The tooltip of a segment: statement, answer, percentage and count."""
    return [alt.Tooltip("item_label:N", title="Uitspraak"), *answer_tooltip()]


@_layout
def likert_chart(
    freq: FrameLike, *, title: str | None = None, width: int = 360, **layout: Unpack[LikertLayout]
) -> Chart:
    """Diverging stacked bars of a block of Likert items that share one answer scale.

    ``freq`` is a Frequency table with one question per item.  Negative answers lie left of zero
    (strongest outermost), positive answers right; the neutral answer is split around zero
    (``neutral="split"``) or shown apart (``"apart"``).  Non-substantive answers ("weet niet")
    are always shown apart, in a grey panel to the right.  Items follow the questionnaire (the
    order of ``item_labels``, else of the frame) or ``order="positive"`` (share positive,
    largest first).  Each end carries the total negative and positive share as text; segments
    of at least 6% carry their share; the legend lists the scale in the same left-to-right order.
    ``layout``: :class:`LikertLayout`.
    """
    rows = likert_rows(freq, **layout)
    segments = rows.segments
    totals = rows.totals
    reach = max(
        [
            abs(v)
            for v in totals.get_column("x_negative").to_list() + totals.get_column("x_positive").to_list()
        ]
        + [0.5]
    )
    reach = min(1.0, math.ceil((reach + 0.12) * 10) / 10)
    scale = alt.Scale(domain=[-reach, reach], nice=False)
    y = alt.Y(
        "item_row:N",
        sort=alt.EncodingSortField("item_sort", op="min"),
        title=None,
        axis=_multiline_axis(),
    )
    bars = (
        alt.Chart(_data(segments))
        .mark_bar(height={"band": 0.7}, stroke=INK, strokeWidth=0.5)
        .encode(
            x=alt.X(
                "x0:Q",
                scale=scale,
                axis=_pct_axis(
                    "← negatief      |      positief →", labelExpr="format(abs(datum.value), '.0%')"
                ),
            ),
            x2=alt.X2("x1:Q"),
            y=y,
            color=scale_colour(rows),
            tooltip=segment_tooltip(),
        )
    )
    segment_text = (
        alt.Chart(_data(segments))
        .transform_calculate(x_mid="(datum.x0 + datum.x1) / 2")
        .mark_text(baseline="middle", fontSize=11)
        .encode(
            x=alt.X("x_mid:Q", scale=scale),
            y=y,
            text=alt.Text("text:N"),
            color=alt.Color("text_colour:N", scale=None),
        )
    )
    total_data = _data(totals)
    left = (
        alt.Chart(total_data)
        .mark_text(align="right", baseline="middle", dx=-6, fontWeight="bold")
        .encode(x=alt.X("x_negative:Q", scale=scale), y=y, text=alt.Text("text_negative:N"))
    )
    right = (
        alt.Chart(total_data)
        .mark_text(align="left", baseline="middle", dx=6, fontWeight="bold")
        .encode(x=alt.X("x_positive:Q", scale=scale), y=y, text=alt.Text("text_positive:N"))
    )
    zero = alt.Chart(_data([{"x": 0}])).mark_rule(color=INK, strokeWidth=1).encode(x=alt.X("x:Q"))
    lines = max([label.count("\n") + 1 for label in totals.get_column("item_row").to_list()] + [1])
    step = max(STEP, LINE_HEIGHT * lines + 8)
    main = alt.layer(bars, segment_text, left, right, zero).properties(width=width, height=alt.Step(step))
    chart: Chart = main
    apart = rows.apart
    if apart.height:
        apart_upper = _upper(apart.get_column("value").to_list(), minimum=0.2)
        apart_scale = alt.Scale(domain=[0, apart_upper], nice=False)
        apart_y = alt.Y("item_row:N", sort=alt.EncodingSortField("item_sort", op="min"), axis=None)
        panels = []
        for label in apart.get_column("label").unique(maintain_order=True).to_list():
            own = alt.Chart(_data(apart.filter(pl.col("label") == label)))
            panel_bars = own.mark_bar(
                height={"band": 0.7}, fill=NON_SUBSTANTIVE, stroke=REMAINDER_STROKE, strokeWidth=1
            ).encode(
                x=alt.X("value:Q", scale=apart_scale, axis=_pct_axis(None, tickCount=2)),
                y=apart_y,
                tooltip=[
                    alt.Tooltip("item_label:N", title="Uitspraak"),
                    alt.Tooltip("label:N", title="Antwoord"),
                    alt.Tooltip("text:N", title="Percentage (aantal)"),
                ],
            )
            panel_text = own.mark_text(align="left", baseline="middle", dx=4).encode(
                x=alt.X("value:Q", scale=apart_scale), y=apart_y, text=alt.Text("text:N")
            )
            panels.append(
                alt.layer(panel_bars, panel_text).properties(
                    width=80, height=alt.Step(step), title=alt.TitleParams(f"Apart: {label}", fontSize=12)
                )
            )
        chart = alt.hconcat(main, *panels, spacing=20).resolve_scale(y="shared", color="independent")
    subtitle = [
        "Percentages van de inhoudelijke antwoorden; getallen aan de uiteinden: totaal negatief en positief"
    ]
    return chart.properties(
        title=_title(title or "Stellingen", subtitle),
        description=_description(rows, title),
    )
