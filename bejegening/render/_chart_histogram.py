"""Chart type "histogram": how the answers to a numeric question are spread over groups of
values, laid out for a phone, and its Dutch description.

The groups come from :func:`bejegening.stats.histogram_bins` (each holds at least k people, so
no bar points at one person). Each group is a row: its range on a line above the bar, the bar
(number of people), and the count with its share right of the bar.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from bejegening.render._altair import alt
from bejegening.render._charts import (
    BAR_HEIGHT,
    BAR_OFFSET,
    PHONE_WIDTH,
    ROW_STEP,
    SUBTITLE_CHAR,
    Chart,
    _chars,
    _data,
    _fit_meta,
    _title,
    x_value,
)
from bejegening.render._charts_text import count_text, join_dutch, pct_text, quoted, wrap
from bejegening.render._numeric_view import bin_label
from bejegening.render._theme import BAR, BAR_STROKE, INK

__all__ = ["histogram_chart", "histogram_description", "histogram_rows"]


def histogram_rows(bins: pl.DataFrame) -> list[dict[str, Any]]:
    """One row per group: ``sort``, ``label`` (``0 t/m 4``), ``n``, ``share`` (of all answers in
    the groups) and ``text`` (``22 (36%)``)."""
    total = int(bins.get_column("n").sum()) if bins.height else 0
    rows = []
    for index, b in enumerate(bins.sort("low").iter_rows(named=True)):
        share = b["n"] / total if total else None
        rows.append(
            {
                "sort": index,
                "label": bin_label(b["low"], b["high"], b["integer"]),
                "n": int(b["n"]),
                "share": share,
                "text": f"{count_text(int(b['n']))} ({pct_text(share)})",
            }
        )
    return rows


def histogram_description(bins: pl.DataFrame, *, title: str | None = None, k: int | None = None) -> str:
    """The Dutch description of :func:`histogram_chart`."""
    rows = histogram_rows(bins)
    about = f" van de antwoorden op {quoted(title)}" if title else ""
    total = sum(int(r["n"]) for r in rows)
    parts = [f"{r['label']}: {count_text(int(r['n']))} personen ({pct_text(r['share'])})" for r in rows]
    sentence = (
        f"Staafdiagram{about}: {count_text(total)} antwoorden in {len(rows)} groepen. {join_dutch(parts)}."
    )
    if k is not None:
        sentence += f" Groepen met minder dan {k} personen zijn samengevoegd met de groep ernaast."
    return sentence


def histogram_chart(
    bins: pl.DataFrame,
    *,
    title: str | None = None,
    k: int | None = None,
    width: int = PHONE_WIDTH,
) -> Chart:
    """Horizontal bars of the groups of a numeric question's answers (number of people).

    ``bins``: :func:`bejegening.stats.histogram_bins` rows of one question; ``k`` the threshold
    the groups were joined at (named in the subtitle and description).
    """
    rows = histogram_rows(bins)
    upper = max([int(r["n"]) for r in rows] + [1]) * 1.3
    x_scale = alt.Scale(domain=[0, upper], nice=False)
    y = alt.Y("label:N", sort=alt.EncodingSortField("sort", op="min"), title=None, axis=None)
    base = alt.Chart(_data(rows))
    bars = base.mark_bar(
        height=BAR_HEIGHT, yOffset=BAR_OFFSET, fill=BAR, stroke=BAR_STROKE, strokeWidth=1
    ).encode(
        x=alt.X(
            "n:Q",
            scale=x_scale,
            axis=alt.Axis(title="Aantal personen", grid=True, tickMinStep=1, format="d", titleLimit=width),
        ),
        y=y,
        tooltip=[
            alt.Tooltip("label:N", title="Antwoord"),
            alt.Tooltip("text:N", title="Aantal (percentage)"),
        ],
    )
    names = base.mark_text(align="left", baseline="bottom", dy=-2, fontWeight="bold", color=INK).encode(
        x=x_value(0), y=y, text=alt.Text("label:N")
    )
    figures = base.mark_text(align="left", baseline="middle", dx=6, dy=BAR_OFFSET, color=INK).encode(
        x=alt.X("n:Q", scale=x_scale), y=y, text=alt.Text("text:N")
    )
    subtitle_text = "Aantal personen per groep van antwoorden"
    if k is not None:
        subtitle_text += f"; elke groep telt minstens {k} personen"
    subtitle = wrap(subtitle_text, _chars(width, SUBTITLE_CHAR))
    chart: Chart = alt.layer(bars, names, figures).properties(width=width, height=alt.Step(ROW_STEP))
    # Marks sit by scale or at x = 0: the page may widen the chart to its column (site.js).
    heading = title or "Verdeling"
    return chart.properties(
        title=_title(heading, subtitle, width),
        description=histogram_description(bins, title=title, k=k),
        usermeta=_fit_meta(heading, [subtitle_text]),
    )
