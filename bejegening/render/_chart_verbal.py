"""Chart type "findings in words": the interval each verbal finding stands for, its display rows
and the Dutch description.

The rows feed both the chart and its description, so the two always state the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from bejegening.checks import finding_interval
from bejegening.model import Finding, Question
from bejegening.render._altair import alt
from bejegening.render._charts import (
    LABEL_CHAR,
    LINE_HEIGHT,
    PHONE_WIDTH,
    SUBTITLE_CHAR,
    FrameLike,
    _chars,
    _data,
    _fit_meta,
    _pct_axis,
    _title,
    display_frame,
    x_value,
)
from bejegening.render._charts_prep import (
    _VERBAL_REQUIRED,
    VERBAL_COLUMNS,
    _frame,
)
from bejegening.render._charts_text import (
    count_text,
    pct_text,
    quoted,
    range_text,
    sentence_start,
    wrap,
)
from bejegening.render._theme import (
    BAND_STROKE,
    INK,
    MUTED_INK,
)

if TYPE_CHECKING:
    from bejegening.render._charts import Chart

__all__ = [
    "VerbalRows",
    "verbal_findings_chart",
    "verbal_findings_description",
    "verbal_findings_frame",
    "verbal_rows",
]


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
                "row_label": "\n".join(
                    wrap(
                        sentence_start(f"{quantifier} {statement}" if quantifier else str(statement)),
                        wrap_width,
                    )
                ),
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
    frame = display_frame(
        rows,
        (
            "finding",
            "sort",
            "row_label",
            "statement",
            "quantifier",
            "low",
            "high",
            "base_description",
            "text",
            "text_x",
            "has_interval",
        ),
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


def verbal_findings_description(findings: FrameLike, *, decimals: int = 0) -> str:
    """The Dutch description of :func:`verbal_findings_chart`."""
    rows = verbal_rows(findings, decimals)
    sentences = [
        "Deze uitspraken noemen geen percentages maar woorden. De lijnen tonen het bereik dat bij "
        "die woorden hoort; dat bereik is afgeleid uit de woorden, niet gemeten."
    ]
    for row in rows.frame.to_dicts():
        who = f" van de {row['base_description']}" if row["base_description"] else ""
        quantity = sentence_start(quoted(str(row["quantifier"])))
        if row["has_interval"]:
            extent = range_text(row["low"], row["high"], decimals)
        else:
            extent = "geen percentage: niet als aandeel te vertalen"
        sentences.append(f"{quantity}{who}: {row['statement']} ({extent}).")
    return " ".join(sentences)


# --------------------------------------------------------------------------------------------------
# 6. Verbal findings


def verbal_findings_chart(
    findings: FrameLike,
    *,
    title: str | None = None,
    decimals: int = 0,
    width: int = PHONE_WIDTH,
) -> Chart:
    """Findings published in words ("bijna de helft") drawn as ranges, laid out for a phone.

    ``findings`` has one row per finding with ``finding, statement, quantifier, low, high,
    base_description``; ``low``/``high`` are the fractions the quantifier stands for
    (``bejegening.checks.quantifier_interval``), null when the words name no share ("veel",
    "een tiental").  Each finding with a range is a row: its statement on the lines above, and
    the range as an interval mark (a line with end ticks, no filled bar: a vaguer phrase is a
    longer line, never a bigger bar), labelled ``‘bijna de helft’: 40%–50%``.  Findings whose
    words name no share are not drawn (no empty rows); the description lists them in words.  A
    dashed line marks one half.  Title and subtitle say that the ranges are derived from words.
    """
    rows = verbal_rows(findings, decimals, wrap_width=_chars(width, LABEL_CHAR))
    frame = rows.frame.filter(pl.col("has_interval"))
    lines = max([label.count("\n") + 1 for label in frame.get_column("row_label").to_list()] + [1])
    step = LINE_HEIGHT * lines + 30
    offset = step / 2 - 10
    scale = alt.Scale(domain=[0, 1], nice=False)
    y = alt.Y("row_label:N", sort=alt.EncodingSortField("sort", op="min"), title=None, axis=None)
    tooltip = [
        alt.Tooltip("statement:N", title="Uitspraak"),
        alt.Tooltip("quantifier:N", title="Woorden in de bron"),
        alt.Tooltip("text:N", title="Afgeleid bereik"),
        alt.Tooltip("base_description:N", title="Over wie"),
    ]
    base = alt.Chart()
    line = base.mark_rule(color=BAND_STROKE, strokeWidth=3, yOffset=offset).encode(
        x=alt.X(
            "low:Q",
            scale=scale,
            axis=_pct_axis("Bereik afgeleid uit woorden (deel van de groep)", titleLimit=width),
        ),
        x2=alt.X2("high:Q"),
        y=y,
        tooltip=tooltip,
    )
    ends = [
        base.mark_tick(color=BAND_STROKE, thickness=2, size=14, yOffset=offset).encode(
            x=alt.X(f"{end}:Q", scale=scale), y=y, tooltip=tooltip
        )
        for end in ("low", "high")
    ]
    # The statement ends just above its own line: one text layer per number of lines, as the
    # first line's position depends on how many follow.
    counts = sorted({label.count("\n") + 1 for label in frame.get_column("row_label").to_list()})
    names = [
        base.transform_filter(f"length(split(datum.row_label, '\\n')) == {count}")
        .mark_text(
            align="left",
            baseline="bottom",
            dy=offset - 9 - (count - 1) * LINE_HEIGHT,
            lineBreak="\n",
            lineHeight=LINE_HEIGHT,
            color=INK,
        )
        .encode(x=x_value(0), y=y, text=alt.Text("row_label:N"))
        for count in counts
    ]
    # The range in numbers: right of the line, or left of it when the line reaches far right.
    right = base.transform_filter("datum.high <= 0.62").mark_text(
        align="left", baseline="middle", dx=8, dy=offset, color=INK
    )
    left = base.transform_filter("datum.high > 0.62").mark_text(
        align="right", baseline="middle", dx=-8, dy=offset, color=INK
    )
    texts = [
        right.encode(x=alt.X("high:Q", scale=scale), y=y, text=alt.Text("short:N")),
        left.encode(x=alt.X("low:Q", scale=scale), y=y, text=alt.Text("short:N")),
    ]
    half = (
        alt.Chart(_data([{"x": 0.5}]))
        .mark_rule(color=MUTED_INK, strokeDash=[3, 3])
        .encode(x=alt.X("x:Q", scale=scale))
    )
    subtitle_text = [
        "Geen gemeten percentages: de bron gebruikt woorden; de lijn toont het bereik dat daarbij hoort",
        "Gestippelde lijn: de helft",
    ]
    skipped = rows.frame.height - frame.height
    if skipped:
        subtitle_text.append(
            f"{count_text(skipped)} uitspraken zonder aandeel (zoals ‘een tiental’) staan niet in de grafiek"
        )
    subtitle = [part for text in subtitle_text for part in wrap(text, _chars(width, SUBTITLE_CHAR))]
    description = verbal_findings_description(findings, decimals=decimals)
    frame = frame.with_columns(pl.col("text").str.replace(r"^.*?: ", "").alias("short"))
    heading = title or "Uitspraken in woorden, vertaald naar een bereik"
    return alt.layer(half, line, *ends, *names, *texts, data=_data(frame)).properties(
        width=width,
        height=alt.Step(step),
        title=_title(heading, subtitle, width),
        description=description,
        usermeta=_fit_meta(heading, subtitle_text),
    )
