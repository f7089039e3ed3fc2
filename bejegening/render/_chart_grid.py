"""Chart type "grid": all items (statements) of a grid question in one diverging stacked bar
chart, laid out for a phone, and its Dutch description.

Each item is a block: the statement on its own line(s), below it one bar with the negative
answers left of zero and the positive answers right (strongest outermost; the totals at both
ends), and below the bar one line with what is shown apart: the neutral answer, "weet niet" and
the share hidden to protect small numbers.  The rows come from
:func:`bejegening.render.likert_rows` (neutral apart), so the chart and its description state
the same numbers.  The layout is in pixels (a y scale of one unit per pixel), so labels never
collide with bars whatever their length.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from bejegening.render._altair import alt
from bejegening.render._chart_likert import LikertRows, likert_rows, scale_colour, segment_tooltip
from bejegening.render._charts import (
    BAR_HEIGHT,
    LABEL_CHAR,
    PHONE_WIDTH,
    SUBTITLE_CHAR,
    Chart,
    FrameLike,
    _chars,
    _data,
    _fit_meta,
    _title,
    x_value,
)
from bejegening.render._charts_text import count_text, join_dutch, pct_text, quoted, wrap
from bejegening.render._theme import INK

__all__ = ["grid_chart", "grid_description", "grid_layout"]

LINE = 15
"""Pixels per text line."""
GAP = 14
"""Pixels between two items."""
END_TEXT = 34
"""Pixels kept free beyond each bar end for its total ("100%")."""


def _apart_text(item: str, rows: LikertRows, total: Mapping[str, Any], decimals: int) -> str:
    """The line under an item's bar: neutral, "weet niet" and the hidden share."""
    parts = []
    for record in rows.apart.filter(pl.col("item") == item).iter_rows(named=True):
        value = record["value"]
        if value is None:
            parts.append(f"{record['label']}: niet getoond")
        elif record["n"] is not None:
            parts.append(f"{record['label']}: {pct_text(value, decimals)} ({count_text(record['n'])})")
        else:
            parts.append(f"{record['label']}: {pct_text(value, decimals)}")
    if total["hidden"]:
        parts.append(f"samen niet getoond (kleine aantallen): {pct_text(total['hidden'], decimals)}")
    return " · ".join(parts)


def grid_layout(
    freq: FrameLike,
    *,
    item_labels: Mapping[str, str],
    decimals: int = 0,
    width: int = PHONE_WIDTH,
) -> tuple[LikertRows, pl.DataFrame, pl.DataFrame]:
    """The chart's rows: (:class:`LikertRows` with neutral apart, the segments with their pixel
    position ``y0``/``y1``, one row per item with ``label_y``, ``label``, ``bar_y``, ``apart_y``,
    ``apart_text``, the end totals and ``height``). Items follow the order of ``item_labels``."""
    rows = likert_rows(freq, item_labels=item_labels, neutral="apart", decimals=decimals)
    chars = _chars(width, LABEL_CHAR)
    blocks: list[dict[str, Any]] = []
    y = 0.0
    offsets: dict[str, float] = {}
    for total in rows.totals.iter_rows(named=True):
        lines = wrap(str(total["item_label"]), chars)
        bar_y = y + LINE * len(lines) + 4
        offsets[str(total["item"])] = bar_y
        apart = _apart_text(str(total["item"]), rows, total, decimals)
        apart_lines = wrap(apart, chars) if apart else []
        blocks.append(
            {
                **total,
                "label": "\n".join(lines),
                "label_y": y,
                "bar_y": bar_y,
                "bar_mid": bar_y + BAR_HEIGHT / 2,
                "apart_y": bar_y + BAR_HEIGHT + 4,
                "apart_text": "\n".join(apart_lines),
                "base_text": count_text(total["base"]) if total["base"] is not None else "onbekend",
            }
        )
        y = bar_y + BAR_HEIGHT + 4 + LINE * len(apart_lines) + GAP
    # A side drawn as one segment has its share at the bar's end already: no text inside.
    alone = pl.len().over("item", "side") == 1
    segments = rows.segments.with_columns(
        pl.col("item").replace_strict(offsets, return_dtype=pl.Float64).alias("y0"),
        pl.when(alone).then(pl.lit("")).otherwise(pl.col("text")).alias("text"),
    ).with_columns((pl.col("y0") + BAR_HEIGHT).alias("y1"))
    items = pl.DataFrame(blocks).with_columns(pl.lit(y - GAP).alias("height"))
    return rows, segments, items


def grid_description(
    freq: FrameLike,
    *,
    item_labels: Mapping[str, str],
    title: str | None = None,
    decimals: int = 0,
) -> str:
    """The Dutch description of :func:`grid_chart` (the page carries it: vl-convert's SVG drops
    the spec's description)."""
    rows = likert_rows(freq, item_labels=item_labels, neutral="apart", decimals=decimals)
    sentences = [
        rows.opening(title) + "per uitspraak de negatieve antwoorden links van het midden, de positieve "
        "rechts; neutraal, ‘weet niet’ en wat niet getoond wordt staan apart onder de balk."
    ]
    sides = (("positive", "eens (positief)"), ("negative", "oneens (negatief)"))
    for total in rows.totals.to_dicts():
        parts = rows.side_phrases(total, sides, decimals)
        apart = _apart_text(str(total["item"]), rows, total, decimals)
        base = total["base"]
        of = f" van {count_text(base)} inhoudelijke antwoorden" if isinstance(base, int) else ""
        sentences.append(
            f"{quoted(str(total['item_label']))}: {join_dutch(parts)}{of}"
            + (f"; apart: {apart}" if apart else "")
            + "."
        )
    return " ".join(sentences)


def grid_chart(
    freq: FrameLike,
    *,
    item_labels: Mapping[str, str],
    title: str | None = None,
    decimals: int = 0,
    width: int = PHONE_WIDTH,
) -> Chart:
    """Diverging stacked bars of every item of a grid question, one block per item.

    ``freq`` is the frequency table of the items (one question per item, one shared scale, small
    cells suppressed: a null share is left out of the bar and counted in "niet getoond");
    ``item_labels`` maps each item's question id to its statement, in the order to draw them.
    Shares of the substantive answers; "weet niet" as a share of all answers.
    """
    rows, segments, items = grid_layout(freq, item_labels=item_labels, decimals=decimals, width=width)
    height = float(items.get_column("height").to_list()[0]) + 4
    reach_neg = max([-float(v) for v in items.get_column("x_negative").to_list()] + [0.1])
    reach_pos = max([float(v) for v in items.get_column("x_positive").to_list()] + [0.1])
    # Room for the end totals: END_TEXT pixels at each end of the plot.
    span = (reach_neg + reach_pos) / (1.0 - 2.0 * END_TEXT / width)
    margin = span * END_TEXT / width
    x_scale = alt.Scale(domain=[-(reach_neg + margin), reach_pos + margin], nice=False, zero=False)
    y_scale = alt.Scale(domain=[height, 0], nice=False, zero=False)
    bars = (
        alt.Chart(_data(segments))
        .mark_rect(stroke=INK, strokeWidth=0.5)
        .encode(
            x=alt.X(
                "x0:Q",
                scale=x_scale,
                axis=alt.Axis(
                    labelExpr="format(abs(datum.value), '.0%')",
                    title="← oneens (negatief) | eens (positief) →",
                    grid=False,
                    tickCount=5,
                    titleLimit=width,
                ),
            ),
            x2=alt.X2("x1:Q"),
            y=alt.Y("y0:Q", scale=y_scale, axis=None),
            y2=alt.Y2("y1:Q"),
            color=scale_colour(rows, columns=2),
            tooltip=segment_tooltip(),
        )
    )
    segment_text = (
        alt.Chart(_data(segments))
        .transform_calculate(x_mid="(datum.x0 + datum.x1) / 2", y_mid="(datum.y0 + datum.y1) / 2")
        .mark_text(baseline="middle", fontSize=11)
        .encode(
            x=alt.X("x_mid:Q", scale=x_scale),
            y=alt.Y("y_mid:Q", scale=y_scale),
            text=alt.Text("text:N"),
            color=alt.Color("text_colour:N", scale=None),
        )
    )
    block = alt.Chart(_data(items))
    names = block.mark_text(
        align="left", baseline="top", fontWeight="bold", color=INK, lineBreak="\n", lineHeight=LINE
    ).encode(x=x_value(0), y=alt.Y("label_y:Q", scale=y_scale), text=alt.Text("label:N"))
    left = block.mark_text(align="right", baseline="middle", dx=-4, fontWeight="bold", color=INK).encode(
        x=alt.X("x_negative:Q", scale=x_scale),
        y=alt.Y("bar_mid:Q", scale=y_scale),
        text=alt.Text("text_negative:N"),
    )
    right = block.mark_text(align="left", baseline="middle", dx=4, fontWeight="bold", color=INK).encode(
        x=alt.X("x_positive:Q", scale=x_scale),
        y=alt.Y("bar_mid:Q", scale=y_scale),
        text=alt.Text("text_positive:N"),
    )
    apart = block.mark_text(align="left", baseline="top", color=INK, lineBreak="\n", lineHeight=LINE).encode(
        x=x_value(0), y=alt.Y("apart_y:Q", scale=y_scale), text=alt.Text("apart_text:N")
    )
    zero = (
        block.transform_calculate(zero="0", top="datum.bar_y - 3", bottom=f"datum.bar_y + {BAR_HEIGHT + 3}")
        .mark_rule(color=INK, strokeWidth=1.5)
        .encode(x=alt.X("zero:Q", scale=x_scale), y=alt.Y("top:Q", scale=y_scale), y2=alt.Y2("bottom:Q"))
    )
    sentences = [
        "Percentages van de inhoudelijke antwoorden (zonder ‘weet niet’); aan de uiteinden: "
        "totaal oneens en totaal eens. ‘Weet niet’: percentage van alle antwoorden"
    ]
    subtitle = [line for text in sentences for line in wrap(text, _chars(width, SUBTITLE_CHAR))]
    description = grid_description(freq, item_labels=item_labels, title=title, decimals=decimals)
    chart: Chart = alt.layer(bars, segment_text, zero, names, left, right, apart).properties(
        width=width, height=height
    )
    # Every mark sits by scale or at x = 0, so the page may widen the chart to its column (site.js);
    # the statements keep their phone-width line breaks there.
    heading = title or "Stellingen"
    return chart.properties(
        title=_title(heading, subtitle, width),
        description=description,
        usermeta=_fit_meta(heading, sentences),
    )
