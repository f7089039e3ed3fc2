"""Chart type "findings in words": the interval each verbal finding stands for, its display rows
and the Dutch description.

The rows feed both the chart and its description, so the two always state the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import polars as pl

from bejegening.checks import finding_interval
from bejegening.model import Finding, Question
from bejegening.render._charts import (
    LINE_HEIGHT,
    STEP,
    Chart,
    FrameLike,
    _bar_labels,
    _data,
    _multiline_axis,
    _pct_axis,
    _title,
)
from bejegening.render._charts_prep import (
    _VERBAL_REQUIRED,
    VERBAL_COLUMNS,
    _frame,
)
from bejegening.render._charts_text import (
    pct_text,
    quoted,
    range_text,
    sentence_start,
    wrap,
)
from bejegening.render._theme import (
    BAND,
    BAND_STROKE,
    MUTED_INK,
)

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


def verbal_findings_description(findings: FrameLike, *, decimals: int = 0) -> str:
    """The Dutch description of :func:`verbal_findings_chart`."""
    rows = verbal_rows(findings, decimals)
    sentences = [
        "Deze uitspraken noemen geen percentages maar woorden. De balken tonen het bereik dat bij "
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
