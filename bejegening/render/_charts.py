"""Chart builders: pure functions from computed frames to Altair charts.

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
from collections.abc import Mapping
from typing import Any, Literal

import altair as alt
import polars as pl

from bejegening.render._charts_describe import (
    comparison_description,
    crosstab_description,
    likert_description,
    partial_distribution_description,
    single_choice_description,
    verbal_findings_description,
)
from bejegening.render._charts_prep import (
    PART_LABELS,
    comparison_rows,
    crosstab_rows,
    likert_rows,
    single_rows,
    verbal_rows,
)
from bejegening.render._charts_text import count_text, pct_text, wrap
from bejegening.render._theme import (
    BAND,
    BAND_STROKE,
    BAR,
    BAR_STROKE,
    INK,
    MUTED_INK,
    NON_SUBSTANTIVE,
    REMAINDER,
    REMAINDER_STROKE,
    SERIES,
    WHITE,
)

__all__ = [
    "Chart",
    "comparison_chart",
    "crosstab_chart",
    "likert_chart",
    "partial_distribution_chart",
    "single_choice_chart",
    "verbal_findings_chart",
]

FrameLike = pl.DataFrame | pl.LazyFrame
Chart = alt.TopLevelMixin

TITLE_WIDTH = 64
"""Characters per title line."""
STEP = 30
"""Pixels per bar row."""
REMAINDER_DASH = [5, 3]


def _title(text: str, subtitle: list[str]) -> alt.TitleParams:
    return alt.TitleParams(text=wrap(text, TITLE_WIDTH), subtitle=subtitle or alt.Undefined, anchor="start")


def _upper(values: list[float | None], *, minimum: float = 0.2) -> float:
    """Right end of a percentage axis: the largest value plus room for labels, in tenths, ≤ 1."""
    largest = max([v for v in values if v is not None] + [0.0])
    if largest > 0.7:
        return max(1.0, largest)
    return max(minimum, min(1.0, math.ceil((largest + 0.05) * 10) / 10))


def _pct_axis(title: str | None, **extra: Any) -> alt.Axis:
    return alt.Axis(format=".0%", title=title, grid=True, **extra)


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
        x=alt.X(x, scale=scale), y=y, text=text
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


# --------------------------------------------------------------------------------------------------
# 1. Single choice (+ remainder panel) and 3. partially published distributions


def single_choice_chart(
    freq: FrameLike,
    *,
    question_text: str | None = None,
    decimals: int = 0,
    confidence: float = 0.95,
    width: int = 400,
) -> Chart:
    """Horizontal bars of one single-choice question, with the interval as error bars.

    ``freq`` is the Frequency table of one question (``bejegening.stats.frequencies`` or
    ``published_frequencies``).  Options keep questionnaire order; non-substantive answers
    ("weet niet") get their own grey, outlined panel; the unknown remainder of a partly published
    question (``option == "_niet_gepubliceerd"``) gets its own "Niet gepubliceerd" panel with a
    dashed grey bar and a text label, so no bar is silently shorter.  Labels show the share and
    the count (``47% (36)``) and, when the share computed from the count differs from the printed
    percentage, what the source printed (``· bron: 21%``).  The title is the question text; the
    subtitle gives n (and whether it was inferred) and what the whiskers mean.
    """
    rows = single_rows(freq, decimals)
    frame = rows.frame
    upper = _upper(frame.get_column("value").to_list() + frame.get_column("ci_high").to_list())
    x_scale = alt.Scale(domain=[0, upper], nice=False)
    y = alt.Y("label:N", sort=alt.EncodingSortField("sort", op="min"), title=None)
    tooltip = [
        alt.Tooltip("label:N", title="Antwoord"),
        alt.Tooltip("tip_pct:N", title="Percentage"),
        alt.Tooltip("tip_n:N", title="Aantal"),
        alt.Tooltip("tip_ci:N", title=f"{_confidence_label(confidence)}-interval"),
        alt.Tooltip("tip_source:N", title="Herkomst"),
    ]
    base = alt.Chart()
    bars = (
        base.transform_filter(alt.datum.part != "remainder")
        .mark_bar(height={"band": 0.7}, strokeWidth=1)
        .encode(
            x=alt.X("value:Q", scale=x_scale, axis=_pct_axis("Percentage van wie de vraag beantwoordde")),
            y=y,
            fill=alt.Fill("fill:N", scale=None),
            stroke=alt.value(BAR_STROKE),
            tooltip=tooltip,
        )
    )
    remainder = _remainder_bars(base).encode(x=alt.X("value:Q", scale=x_scale), y=y, tooltip=tooltip)
    whiskers = (
        base.transform_filter("isValid(datum.ci_low) && isValid(datum.ci_high)")
        .mark_errorbar(ticks={"size": 10, "thickness": 1.5}, color=INK, thickness=1.5)
        .encode(x=alt.X("ci_low:Q", scale=x_scale, title=None), x2="ci_high:Q", y=y)
    )
    labels = _bar_labels(base, x_scale, y)
    layers = [bars, whiskers, labels]
    if frame.filter(pl.col("part") == "remainder").height:
        layers.insert(1, remainder)
    subtitle = _single_subtitle(rows, confidence)
    description = single_choice_description(
        freq, question_text=question_text, decimals=decimals, confidence=confidence
    )
    title = _title(question_text or f"Vraag {rows.question}", subtitle)
    parts = [p for p in ("answer", "non_substantive", "remainder") if p in set(frame.get_column("part"))]
    if len(parts) == 1:
        chart: Chart = alt.layer(*layers, data=_data(frame)).properties(width=width, height=alt.Step(STEP))
    else:
        panels = [
            alt.layer(*layers, data=_data(frame.filter(pl.col("part") == part))).properties(
                width=width,
                height=alt.Step(STEP),
                title=alt.TitleParams(PART_LABELS[part], fontSize=13, offset=6, frame="group"),
            )
            for part in parts
        ]
        chart = alt.vconcat(*panels, spacing=14)
    return chart.properties(title=title, description=description)


def _single_subtitle(rows: Any, confidence: float) -> list[str]:
    lines = []
    if rows.base is not None:
        text = f"n = {_count(rows.base)}"
        if rows.base_inferred:
            text += " (niet in de bron; afgeleid uit de gepubliceerde aantallen)"
        lines.append(text)
    else:
        lines.append("Aantal mensen dat de vraag beantwoordde: onbekend")
    frame = rows.frame
    if frame.get_column("ci_low").drop_nulls().len():
        text = f"Streepjes: {_confidence_label(confidence)}-betrouwbaarheidsinterval"
        if rows.sampling_note:
            text += " (alleen toevalsvariatie: zelfselectie of onbekende werving)"
        lines.append(text)
    if frame.get_column("printed").str.len_chars().sum():
        lines.append("‘bron:’ het percentage zoals de bron het afdrukt, als dat afwijkt")
    return lines


def _count(value: int) -> str:
    return count_text(value)


def partial_distribution_chart(
    freq: FrameLike,
    *,
    question_text: str | None = None,
    decimals: int = 0,
    width: int = 400,
) -> Chart:
    """All answers of a partly published question as one 100% bar, with the remainder explicit.

    The top row "Alle antwoorden" is a stacked bar: each published option a segment and the
    unknown remainder (``_niet_gepubliceerd``) a dashed grey segment labelled "Niet
    gepubliceerd".  Below it, one row per segment repeats that segment at the same position with
    its name and numbers, so each segment is identified by position and text, not by colour.
    When the remainder's share is unknown but every published share is known, the remainder is
    100% minus their sum (labelled "rest tot 100%"); when the published shares add up to more
    than 100%, the bar runs past the dashed 100% line and the remainder is "onbekend".
    """
    rows = single_rows(freq, decimals)
    frame = rows.frame.with_columns(pl.col("value").fill_null(0.0).alias("width"))
    frame = frame.with_columns(
        (pl.col("width").cum_sum() - pl.col("width")).alias("x0"),
        pl.col("width").cum_sum().alias("x1"),
    )
    total = float(frame.get_column("width").sum())
    upper = max(1.0, total)
    scale = alt.Scale(domain=[0, upper], nice=False)
    all_label = "Alle antwoorden"
    segment = frame.with_columns(
        pl.lit(all_label).alias("row"),
        pl.lit(-1, dtype=pl.Int64).alias("row_sort"),
        pl.lit("").alias("row_text"),
    )
    detail = frame.with_columns(
        pl.col("label").alias("row"),
        pl.col("sort").alias("row_sort"),
        pl.col("text").alias("row_text"),
    )
    data = pl.concat([segment, detail]).with_columns(
        pl.when(pl.col("part") == "remainder")
        .then(pl.lit(REMAINDER))
        .when(pl.col("part") == "non_substantive")
        .then(pl.lit(NON_SUBSTANTIVE))
        .otherwise(pl.lit(BAR))
        .alias("fill"),
        (pl.col("x0") + pl.col("x1")).truediv(2).alias("x_mid"),
    )
    data = data.select(
        "row", "row_sort", "label", "part", "x0", "x1", "x_mid", "fill", "row_text", "tip_pct", "tip_n"
    )
    y = alt.Y("row:N", sort=alt.EncodingSortField("row_sort", op="min"), title=None)
    tooltip = [
        alt.Tooltip("label:N", title="Antwoord"),
        alt.Tooltip("tip_pct:N", title="Percentage"),
        alt.Tooltip("tip_n:N", title="Aantal"),
    ]
    base = alt.Chart()
    known = (
        base.transform_filter(alt.datum.part != "remainder")
        .mark_bar(height={"band": 0.7}, stroke=WHITE, strokeWidth=1.5)
        .encode(
            x=alt.X("x0:Q", scale=scale, axis=_pct_axis("Deel van alle antwoorden")),
            x2="x1:Q",
            y=y,
            fill=alt.Fill("fill:N", scale=None),
            tooltip=tooltip,
        )
    )
    rest = _remainder_bars(base).encode(x=alt.X("x0:Q", scale=scale), x2="x1:Q", y=y, tooltip=tooltip)
    rest_label = (
        base.transform_filter((alt.datum.part == "remainder") & (alt.datum.row == all_label))
        .transform_filter("datum.x1 - datum.x0 >= 0.2")
        .mark_text(baseline="middle", color=INK, fontStyle="italic")
        .encode(x=alt.X("x_mid:Q", scale=scale), y=y, text=alt.value("niet gepubliceerd"))
    )
    texts = _bar_labels(base, scale, y, where=alt.datum.row != all_label, x="x1:Q", text="row_text:N")
    hundred = (
        alt.Chart(_data([{"x": 1.0}]))
        .mark_rule(color=MUTED_INK, strokeDash=[2, 2], strokeWidth=1)
        .encode(x=alt.X("x:Q", scale=scale))
    )
    subtitle = []
    if rows.base is not None:
        subtitle.append(
            f"n = {_count(rows.base)}"
            + (" (niet in de bron; afgeleid uit de gepubliceerde aantallen)" if rows.base_inferred else "")
        )
    subtitle.append("Gestippeld grijs: antwoorden die de bron niet publiceert")
    description = partial_distribution_description(freq, question_text=question_text, decimals=decimals)
    chart = alt.layer(known, rest, rest_label, texts, hundred, data=_data(data)).properties(
        width=width,
        height=alt.Step(STEP),
        title=_title(question_text or f"Vraag {rows.question}", subtitle),
        description=description,
    )
    return chart


# --------------------------------------------------------------------------------------------------
# 2. Likert


def likert_chart(
    freq: FrameLike,
    *,
    item_labels: Mapping[str, str] | None = None,
    title: str | None = None,
    order: Literal["questionnaire", "positive"] = "questionnaire",
    neutral: Literal["split", "apart"] = "split",
    decimals: int = 0,
    width: int = 360,
) -> Chart:
    """Diverging stacked bars of a block of Likert items that share one answer scale.

    ``freq`` is a Frequency table with one question per item.  Negative answers lie left of zero
    (strongest outermost), positive answers right; the neutral answer is split around zero
    (``neutral="split"``) or shown apart (``"apart"``).  Non-substantive answers ("weet niet")
    are always shown apart, in a grey panel to the right.  Items follow the questionnaire (the
    order of ``item_labels``, else of the frame) or ``order="positive"`` (share positive,
    largest first).  Each end carries the total negative and positive share as text; segments
    of at least 6% carry their share; the legend lists the scale in the same left-to-right order.
    """
    rows = likert_rows(freq, item_labels=item_labels, order=order, neutral=neutral, decimals=decimals)
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
    labels = [entry[0] for entry in rows.scale]
    colours = [entry[1] for entry in rows.scale]
    bars = (
        alt.Chart(_data(segments))
        .mark_bar(height={"band": 0.7}, stroke=INK, strokeWidth=0.5)
        .encode(
            x=alt.X(
                "x0:Q",
                scale=scale,
                axis=alt.Axis(
                    format=".0%",
                    labelExpr="format(abs(datum.value), '.0%')",
                    title="← negatief      |      positief →",
                    grid=True,
                ),
            ),
            x2="x1:Q",
            y=y,
            color=alt.Color(
                "label:N",
                scale=alt.Scale(domain=labels, range=colours),
                legend=alt.Legend(title=None, orient="bottom", direction="horizontal", symbolType="square"),
                sort=labels,
            ),
            tooltip=[
                alt.Tooltip("item_label:N", title="Uitspraak"),
                alt.Tooltip("label:N", title="Antwoord"),
                alt.Tooltip("tip_pct:N", title="Percentage"),
                alt.Tooltip("tip_n:N", title="Aantal"),
            ],
        )
    )
    segment_text = (
        alt.Chart(_data(segments))
        .transform_calculate(x_mid="(datum.x0 + datum.x1) / 2")
        .mark_text(baseline="middle", fontSize=11)
        .encode(
            x=alt.X("x_mid:Q", scale=scale),
            y=y,
            text="text:N",
            color=alt.Color("text_colour:N", scale=None),
        )
    )
    total_data = _data(totals)
    left = (
        alt.Chart(total_data)
        .mark_text(align="right", baseline="middle", dx=-6, fontWeight="bold")
        .encode(x=alt.X("x_negative:Q", scale=scale), y=y, text="text_negative:N")
    )
    right = (
        alt.Chart(total_data)
        .mark_text(align="left", baseline="middle", dx=6, fontWeight="bold")
        .encode(x=alt.X("x_positive:Q", scale=scale), y=y, text="text_positive:N")
    )
    zero = alt.Chart(_data([{"x": 0}])).mark_rule(color=INK, strokeWidth=1).encode(x="x:Q")
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
                x=alt.X("value:Q", scale=apart_scale), y=apart_y, text="text:N"
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
    description = likert_description(
        freq, item_labels=item_labels, title=title, order=order, neutral=neutral, decimals=decimals
    )
    return chart.properties(
        title=_title(title or "Stellingen", subtitle),
        description=description,
    )


# --------------------------------------------------------------------------------------------------
# 4. Comparison


def comparison_chart(
    comparison: FrameLike,
    *,
    group_labels: Mapping[str, str] | None = None,
    title: str | None = None,
    decimals: int = 0,
    confidence: float = 0.95,
    width: int = 200,
) -> Chart:
    """Dot-and-interval chart comparing two surveys, waves or groups, option by option.

    ``comparison`` has one row per option and the columns ``option, label, group_a, group_b,
    pct_a, pct_b, diff, ci_low, ci_high, p_adjusted, significant`` (optional ``question`` and
    ``adjustment``); ``survey_a``/``survey_b`` are accepted for ``group_a``/``group_b``, so the
    output of :func:`bejegening.stats.compare_proportions` fits as it is.  ``diff`` must be
    ``pct_a − pct_b`` (fractions), ``ci_low``/``ci_high`` its interval, ``p_adjusted`` the p-value
    after the adjustment for multiple comparisons and ``significant`` whether it is below alpha.
    ``group_labels`` maps group ids to display names.

    Left: the two percentages per option as a circle (group A) and a square (group B) on one
    line.  Middle: the difference in percentage points with its interval and a zero line;
    significant differences are filled, others open.  Right: the verdict in words ("verschil
    significant (p = 0,012)" / "geen significant verschil (p = 0,41)").
    """
    rows = comparison_rows(comparison, group_labels=group_labels, decimals=decimals)
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
        .encode(x=alt.X("pct_a:Q", scale=pct_scale, axis=_pct_axis("Percentage")), x2="pct_b:Q", y=y)
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
            x2="ci_high:Q",
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
            stroke=alt.value(INK),
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
        .encode(x=alt.value(0), y=y_hidden, text="verdict:N")
    )
    verdict_plain = (
        alt.Chart(diff_data)
        .transform_filter("!datum.significant")
        .mark_text(align="left", baseline="middle", color=INK)
        .encode(x=alt.value(0), y=y_hidden, text="verdict:N")
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
    description = comparison_description(
        comparison, group_labels=group_labels, title=title, decimals=decimals, confidence=confidence
    )
    heading = title or f"{rows.group_a} vergeleken met {rows.group_b}"
    chart: Chart = (
        alt.hconcat(left, middle, verdict, spacing=16)
        .resolve_scale(y="shared", color="independent", shape="independent")
        .properties(title=_title(heading, subtitle), description=description)
    )
    return chart


# --------------------------------------------------------------------------------------------------
# 5. Crosstab


def crosstab_chart(
    crosstab: FrameLike,
    *,
    group_title: str | None = None,
    question_text: str | None = None,
    decimals: int = 0,
    width: int = 320,
) -> Chart:
    """Grouped bars of one question by a background variable, small cells marked suppressed.

    ``crosstab`` has one row per (option, group) with ``question, option, label, group, n, base,
    pct, suppressed`` (optional ``order``; ``bejegening.stats.crosstab(...).table`` after
    ``suppress_small_cells`` fits).  ``pct`` is the share within the group (column percentage).
    One panel per option (questionnaire order), one bar per group, each labelled ``45% (54 van
    120)``; a suppressed cell draws no bar but the words "onderdrukt: te weinig antwoorden".
    """
    rows = crosstab_rows(crosstab, decimals)
    frame = rows.frame
    upper = _upper(frame.get_column("value").to_list(), minimum=0.5)
    scale = alt.Scale(domain=[0, upper], nice=False)
    y = alt.Y("group:N", sort=alt.EncodingSortField("group_sort", op="min"), title=None)
    base = alt.Chart()
    bars = (
        base.transform_filter("isValid(datum.value)")
        .mark_bar(height={"band": 0.7}, fill=BAR, stroke=BAR_STROKE, strokeWidth=1)
        .encode(
            x=alt.X("value:Q", scale=scale, axis=_pct_axis("Percentage binnen de groep")),
            y=y,
            tooltip=[
                alt.Tooltip("label:N", title="Antwoord"),
                alt.Tooltip("group:N", title=group_title or "Groep"),
                alt.Tooltip("text:N", title="Percentage (aantal)"),
            ],
        )
    )
    texts = _bar_labels(base, scale, y, where="!datum.suppressed")
    hidden = _bar_labels(base, scale, y, where="datum.suppressed", muted=True)
    labels = rows.options
    chart = (
        alt.layer(bars, texts, hidden)
        .properties(width=width, height=alt.Step(26))
        .facet(
            row=alt.Row("label:N", sort=labels, header=alt.Header(title=None)),
            data=_data(frame),
            spacing=14,
        )
    )
    subtitle = [
        f"Per {group_title}: percentage van elke groep" if group_title else "Percentage van elke groep",
        "‘onderdrukt’: te weinig antwoorden om te tonen zonder iemand herkenbaar te maken",
    ]
    description = crosstab_description(
        crosstab, group_title=group_title, question_text=question_text, decimals=decimals
    )
    heading = question_text or (f"Vraag {rows.question}" if rows.question else "Kruistabel")
    return chart.properties(title=_title(heading, subtitle), description=description)


# --------------------------------------------------------------------------------------------------
# 6. Verbal findings


def verbal_findings_chart(
    findings: FrameLike,
    *,
    title: str | None = None,
    decimals: int = 0,
    width: int = 280,
) -> Chart:
    """Interval bands for findings published in words ("bijna de helft"), labelled as such.

    ``findings`` has one row per finding with ``finding, statement, quantifier, low, high,
    base_description``; ``low``/``high`` are the fractions the quantifier stands for
    (``bejegening.checks.quantifier_interval``), null when the words name no share ("veel",
    "een tiental").  Each finding is a row labelled with its statement; the band spans the
    interval and is labelled ``‘bijna de helft’: 40%–50%``; findings without an interval say so in
    words.  A dashed line marks one half.  Title and subtitle say that the bands are derived
    from words, not measured.
    """
    rows = verbal_rows(findings, decimals)
    frame = rows.frame
    lines = max([label.count("\n") + 1 for label in frame.get_column("row_label").to_list()] + [1])
    step = max(STEP, LINE_HEIGHT * lines + 10)
    scale = alt.Scale(domain=[0, 1], nice=False)
    y = alt.Y(
        "row_label:N",
        sort=alt.EncodingSortField("sort", op="min"),
        title=None,
        axis=_multiline_axis(labelLimit=360),
    )
    base = alt.Chart()
    band = (
        base.transform_filter("datum.has_interval")
        .mark_bar(height={"band": 0.55}, fill=BAND, stroke=BAND_STROKE, strokeWidth=1.5)
        .encode(
            x=alt.X("low:Q", scale=scale, axis=_pct_axis("Bereik afgeleid uit woorden (deel van de groep)")),
            x2="high:Q",
            y=y,
            tooltip=[
                alt.Tooltip("statement:N", title="Uitspraak"),
                alt.Tooltip("quantifier:N", title="Woorden in de bron"),
                alt.Tooltip("text:N", title="Afgeleid bereik"),
                alt.Tooltip("base_description:N", title="Over wie"),
            ],
        )
    )
    texts = _bar_labels(base, scale, y, where="datum.has_interval")
    no_interval = _bar_labels(base, scale, y, where="!datum.has_interval", muted=True)
    half = (
        alt.Chart(_data([{"x": 0.5}]))
        .mark_rule(color=MUTED_INK, strokeDash=[3, 3])
        .encode(x=alt.X("x:Q", scale=scale))
    )
    subtitle = [
        "Geen gemeten percentages: de bron gebruikt woorden, de balk toont het bereik dat daarbij hoort",
        "Gestippelde lijn: de helft",
    ]
    description = verbal_findings_description(findings, decimals=decimals)
    return alt.layer(half, band, texts, no_interval, data=_data(frame)).properties(
        width=width,
        height=alt.Step(step),
        title=_title(title or "Uitspraken in woorden, vertaald naar een bereik", subtitle),
        description=description,
    )
