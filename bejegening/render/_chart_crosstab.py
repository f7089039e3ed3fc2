"""Chart type "crosstab": an answer distribution per group, its display rows and the Dutch
description.

The rows feed both the chart and its description, so the two always state the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import polars as pl

from bejegening.render._charts import (
    Chart,
    FrameLike,
    _bar_labels,
    _data,
    _pct_axis,
    _title,
    _upper,
    display_frame,
)
from bejegening.render._charts_prep import (
    _CROSSTAB_REQUIRED,
    CROSSTAB_COLUMNS,
    _frame,
)
from bejegening.render._charts_text import (
    count_text,
    join_dutch,
    pct_text,
    quoted,
)
from bejegening.render._theme import (
    BAR,
    BAR_STROKE,
)

__all__ = [
    "CrosstabRows",
    "crosstab_chart",
    "crosstab_description",
    "crosstab_rows",
]


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
            reason = record.get("suppression_reason")
            text = f"niet getoond: {reason}" if reason else "onderdrukt: te weinig antwoorden"
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
    frame = display_frame(
        rows,
        (
            "option",
            "label",
            "option_sort",
            "group",
            "group_sort",
            "value",
            "n",
            "base",
            "suppressed",
            "text",
            "text_x",
        ),
    ).sort("option_sort", "group_sort")
    return CrosstabRows(
        frame, str(questions[0]) if questions else None, groups, [str(x) for x in option_labels]
    )


def crosstab_description(
    crosstab: FrameLike,
    *,
    group_title: str | None = None,
    question_text: str | None = None,
    decimals: int = 0,
) -> str:
    """The Dutch description of :func:`crosstab_chart`."""
    rows = crosstab_rows(crosstab, decimals)
    subject = (
        f"de vraag {quoted(question_text)}"
        if question_text
        else (f"vraag {rows.question}" if rows.question else "een vraag")
    )
    by = f" per {group_title}" if group_title else " per groep"
    sentences = [f"Staafdiagrammen van de antwoorden op {subject}{by}, als percentage van elke groep."]
    frame = rows.frame
    for option in frame.get_column("option").unique(maintain_order=True).to_list():
        cells = frame.filter(pl.col("option") == option).to_dicts()
        shown = [
            f"{pct_text(c['value'], decimals)} bij {c['group']}"
            + (
                f" ({count_text(c['n'])} van {count_text(c['base'])})"
                if c["n"] is not None and c["base"] is not None
                else ""
            )
            for c in cells
            if c["value"] is not None
        ]
        hidden_cells = [c for c in cells if c["suppressed"]]
        hidden = [str(c["group"]) for c in hidden_cells]
        text = f"{quoted(str(cells[0]['label']))}: {join_dutch(shown) if shown else 'geen getoonde cijfers'}"
        if hidden:
            if all(str(c["text"]).startswith("niet getoond: ") for c in hidden_cells):
                reasons: dict[str, list[str]] = {}
                for c in hidden_cells:
                    reasons.setdefault(str(c["text"]).removeprefix("niet getoond: "), []).append(
                        str(c["group"])
                    )
                text += "".join(
                    f"; bij {join_dutch(where)} niet getoond ({why})" for why, where in reasons.items()
                )
            else:
                text += f"; bij {join_dutch(hidden)} te weinig antwoorden om te tonen"
        sentences.append(text + ".")
    return " ".join(sentences)


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
        "Bij ‘niet getoond’ staat waarom: te weinig personen, of afgeschermd tegen terugrekenen"
        if frame.filter(pl.col("text").str.starts_with("niet getoond")).height
        else "‘onderdrukt’: te weinig antwoorden om te tonen zonder iemand herkenbaar te maken",
    ]
    description = crosstab_description(
        crosstab, group_title=group_title, question_text=question_text, decimals=decimals
    )
    heading = question_text or (f"Vraag {rows.question}" if rows.question else "Kruistabel")
    return chart.properties(title=_title(heading, subtitle), description=description)
