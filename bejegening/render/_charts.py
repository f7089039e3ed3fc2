"""What every chart type shares: title, axes, value labels, the remainder bar, the ``Chart`` type.

Each chart type is one module (``_chart_single``, ``_chart_likert``, ``_chart_comparison``,
``_chart_crosstab``, ``_chart_verbal``) holding its display rows, its builder and its description.
Every builder returns an ``alt.Chart``-like object (layer, facet or concat) with

- a Dutch ``description`` stating the key numbers (see :mod:`._charts_describe`);
- a title and a subtitle that say what the numbers are (base, interval, source);
- all number labels written by :mod:`bejegening._nl` (``47%``, ``21,3%``, ``1.234``);
- meaning that never depends on colour alone (labels, positions, shapes, words).

The styling (fonts, sizes, palette, Dutch locale) comes from the ``bejegening`` theme, applied
when the chart is turned into a spec by :func:`bejegening.render.chart_spec` (and so by every
render function).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import polars as pl

from bejegening.render._altair import alt
from bejegening.render._charts_text import pct_text, wrap
from bejegening.render._theme import (
    INK,
    MUTED_INK,
    REMAINDER,
    REMAINDER_STROKE,
)

__all__ = [
    "Chart",
]

FrameLike = pl.DataFrame | pl.LazyFrame
if TYPE_CHECKING:
    Chart = alt.TopLevelMixin
    """What every chart builder returns (an Altair top-level chart: layer, facet or concat)."""


def __getattr__(name: str) -> Any:
    if name == "Chart":  # resolved on use, so importing this module does not import Altair
        return alt.TopLevelMixin
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


TITLE_WIDTH = 64
"""Characters per title line."""
STEP = 30
"""Pixels per bar row."""
REMAINDER_DASH = [5, 3]
PHONE_WIDTH = 290
"""Plot width of the phone-first charts: with the padding the SVG is about 310 px wide, so it is
shown at full size (text 12 px and more) in the 328 px content column of a 360 px screen."""
ROW_STEP = 44
"""Pixels per answer row of a phone-first chart: the label line above and the bar below."""
BAR_HEIGHT = 16
BAR_OFFSET = 9
"""The bar sits this many pixels below the row's middle; the label sits above the middle."""
TITLE_CHAR = 9.2
"""Average width of a character of the 15 px bold title (DejaVu Sans), in pixels."""
SUBTITLE_CHAR = 7.0
"""Average width of a character of the 12 px subtitle, in pixels."""
LABEL_CHAR = 7.2
"""Average width of a character of a 12 px label, in pixels."""


def _chars(width: int, char: float) -> int:
    """Characters of text that fit in ``width`` pixels at ``char`` pixels per character."""
    return max(16, int(width / char))


def _fit_meta(title: str, subtitle: list[str]) -> dict[str, object]:
    """``usermeta`` of a phone-first chart: the page may widen it to its column.

    The site's embed script (:data:`bejegening.render._vega.EMBED_SCRIPT`) sets the plot width
    to the width of the column and wraps ``title`` and the ``subtitle`` sentences again for it,
    at :data:`TITLE_CHAR` and :data:`SUBTITLE_CHAR` pixels per character. Every mark of such a
    chart is placed by scale or by the ``width`` signal, never at a fixed pixel, so it stays
    laid out at any width; the static image keeps the phone width.
    """
    return {
        "bejegening": {
            "fit": True,
            "title": " ".join(title.split()),
            "subtitle": subtitle,
            "title_char": TITLE_CHAR,
            "subtitle_char": SUBTITLE_CHAR,
        }
    }


def _title(text: str, subtitle: list[str], width: int | None = None) -> alt.TitleParams:
    chars = TITLE_WIDTH if width is None else _chars(width, TITLE_CHAR)
    return alt.TitleParams(text=wrap(text, chars), subtitle=subtitle or alt.Undefined, anchor="start")


def _upper(values: list[float | None], *, minimum: float = 0.2) -> float:
    """Right end of a percentage axis: the largest value plus room for labels, in tenths, ≤ 1."""
    largest = max([v for v in values if v is not None] + [0.0])
    if largest > 0.7:
        return max(1.0, largest)
    return max(minimum, min(1.0, math.ceil((largest + 0.05) * 10) / 10))


def _pct_axis(title: str | None, **extra: Any) -> alt.Axis:
    return alt.Axis(format=".0%", title=title, grid=True, **extra)


DISPLAY_TYPES: Mapping[str, type[pl.DataType]] = {
    **dict.fromkeys(
        (
            "finding",
            "item",
            "item_label",
            "item_row",
            "option",
            "label",
            "row_label",
            "statement",
            "quantifier",
            "base_description",
            "part",
            "part_label",
            "value_kind",
            "group",
            "side",
            "colour",
            "text_colour",
            "fill",
            "text",
            "text_a",
            "text_b",
            "text_diff",
            "text_ci",
            "text_negative",
            "text_positive",
            "printed",
            "computed",
            "verdict",
            "p_text",
            "tip_pct",
            "tip_n",
            "tip_ci",
            "tip_source",
        ),
        pl.String,
    ),
    **dict.fromkeys(("sort", "option_sort", "group_sort", "scale_sort", "n", "base"), pl.Int64),
    **dict.fromkeys(
        (
            "value",
            "pct_a",
            "pct_b",
            "diff",
            "ci_low",
            "ci_high",
            "low",
            "high",
            "negative",
            "neutral",
            "positive",
            "hidden",
            "x0",
            "x1",
            "x_negative",
            "x_positive",
            "text_x",
        ),
        pl.Float64,
    ),
    **dict.fromkeys(
        ("significant", "suppressed", "has_interval", "negative_known", "neutral_known", "positive_known"),
        pl.Boolean,
    ),
}
"""The type of every column of the chart types' display rows, by name: a name means the same kind
of value in every chart type (words and labels, whole numbers and row order, fractions and
positions on the x axis, yes/no)."""


def display_frame(rows: Sequence[Mapping[str, object]], columns: Sequence[str]) -> pl.DataFrame:
    """The display ``rows`` as a frame of ``columns`` in that order, each typed by
    :data:`DISPLAY_TYPES` (so also when there are no rows)."""
    return pl.DataFrame(rows, schema={name: DISPLAY_TYPES[name] for name in columns})


def _data(frame: pl.DataFrame | list[dict[str, Any]]) -> alt.Data:
    """Inline rows (plain JSON values): stable specs, no external data."""
    rows = frame.to_dicts() if isinstance(frame, pl.DataFrame) else frame
    data: alt.Data = alt.Data(values=rows)  # type: ignore[no-untyped-call]
    return data


LINE_HEIGHT = 15


def _multiline_axis(**extra: Any) -> alt.Axis:
    """A y axis whose labels may hold line breaks (``\\n``), each block centred on its row."""
    lines = "length(split(datum.label, '\\n'))"
    offsets = [{"test": f"{lines} == {n}", "value": -(n - 1) * LINE_HEIGHT / 2} for n in range(2, 7)]
    return alt.Axis(
        labelExpr="split(datum.label, '\\n')",
        labelLineHeight=LINE_HEIGHT,
        labelOffset={"condition": offsets, "value": 0},
        **extra,
    )


def _ticks(reach: float) -> list[float]:
    """Symmetric tick values for a difference axis from ``-reach`` to ``reach``."""
    step = 0.05 if reach <= 0.2 else 0.1 if reach <= 0.5 else 0.25
    count = math.floor(reach / step + 1e-9)
    return [round(k * step, 10) for k in range(-count, count + 1)]


def _confidence_label(confidence: float) -> str:
    return pct_text(confidence, 0 if round(confidence * 100, 6).is_integer() else 1)


def x_value(value: float | str) -> alt.XValue:
    """``alt.value(value)`` for the x channel, as its channel object: given a plain dict, Altair
    finds the channel class by hashing every schema class (about 15 ms a call, half the time of
    a small chart's spec)."""
    return alt.XValue(value)  # type: ignore[no-untyped-call]


def answer_tooltip() -> list[alt.Tooltip]:
    """The tooltip of an answer's bar or segment: the answer, its percentage and its count (the
    display columns ``label``, ``tip_pct`` and ``tip_n``)."""
    return [
        alt.Tooltip("label:N", title="Antwoord"),
        alt.Tooltip("tip_pct:N", title="Percentage"),
        alt.Tooltip("tip_n:N", title="Aantal"),
    ]


def _bar_labels(
    base: alt.Chart,
    scale: alt.Scale,
    y: alt.Y,
    *,
    where: Any = None,
    x: str = "text_x:Q",
    text: str = "text:N",
    muted: bool = False,
) -> alt.Chart:
    """Text just right of ``x`` (a bar end) on the rows ``where`` selects: ink, or muted italic for
    words that stand in for a missing value."""
    chart = base.transform_filter(where) if where is not None else base
    style: dict[str, Any] = {"color": MUTED_INK, "fontStyle": "italic"} if muted else {"color": INK}
    labels: alt.Chart = chart.mark_text(align="left", baseline="middle", dx=6, **style).encode(
        x=alt.X(x, scale=scale), y=y, text=alt.Text(text)
    )
    return labels


def _remainder_bars(base: alt.Chart) -> alt.Chart:
    """The unknown remainder (``part == "remainder"``): near-white bar with a dashed outline."""
    bars: alt.Chart = base.transform_filter(alt.datum.part == "remainder").mark_bar(
        height={"band": 0.7},
        fill=REMAINDER,
        stroke=REMAINDER_STROKE,
        strokeDash=REMAINDER_DASH,
        strokeWidth=1.5,
    )
    return bars
