"""Chart type "single choice": one question's answers as bars (and the unknown remainder of a
partly published question), its display rows and its Dutch description.

The rows feed both the chart and its description, so the two always state the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import altair as alt
import polars as pl

from bejegening.render._charts import (
    BAR_HEIGHT,
    BAR_OFFSET,
    LABEL_CHAR,
    PHONE_WIDTH,
    REMAINDER_DASH,
    ROW_STEP,
    STEP,
    SUBTITLE_CHAR,
    Chart,
    FrameLike,
    _bar_labels,
    _chars,
    _confidence_label,
    _data,
    _fit_meta,
    _pct_axis,
    _remainder_bars,
    _title,
    answer_tooltip,
    display_frame,
    x_value,
)
from bejegening.render._charts_describe import (
    _answer_phrase,
    _confidence_text,
)
from bejegening.render._charts_prep import (
    _FREQUENCY_REQUIRED,
    FREQUENCY_COLUMNS,
    _frame,
    _one,
    _printed_differs,
)
from bejegening.render._charts_text import (
    count_text,
    interval_text,
    join_dutch,
    pct_text,
    quoted,
    wrap,
)
from bejegening.render._theme import (
    BAR,
    BAR_STROKE,
    INK,
    MUTED_INK,
    NON_SUBSTANTIVE,
    REMAINDER,
    REMAINDER_STROKE,
    WHITE,
)
from bejegening.stats import REMAINDER_OPTION

__all__ = [
    "PART_LABELS",
    "Part",
    "SingleRows",
    "partial_distribution_chart",
    "partial_distribution_description",
    "single_choice_chart",
    "single_choice_description",
    "single_rows",
]


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
    base_range: tuple[int, int] | None = None
    """Smallest and largest base that fit the printed figures, when the base is inferred."""
    remainder_range: tuple[int, int] | None = None
    """The unpublished remainder as a range of counts, when the inferred base is not unique."""
    remainder_empty: bool = False
    """True when the remainder row was left out because it holds 0 people."""


def single_rows(
    freq: pl.DataFrame | pl.LazyFrame, decimals: int = 0, *, base_range: tuple[int, int] | None = None
) -> SingleRows:
    """Display rows of one single-choice question.

    Columns: ``option, label, part, part_label, sort, value, value_kind, n, ci_low, ci_high,
    text, text_x, fill, printed, tip_pct, tip_n, tip_ci, tip_source``.  ``value`` is ``pct`` (the
    computed share), or the printed percentage when no share can be computed; a suppressed cell has
    no value.  The remainder row's value is its computed share, else 100% minus the shown shares
    (``value_kind == "rest"``), else unknown.

    The printed percentage is the headline: when the share computed from the count rounds to
    another figure, ``value`` is the printed one, the text names the computed one as
    "berekend" and no interval is drawn (it belongs to the computed share).  An empty remainder
    (0 people, base stated or unique) is left out.  With ``base_range`` (smallest, largest base
    that fit, when the base is inferred and not unique) the remainder's count is a range.
    """
    data = _frame(
        freq, {**FREQUENCY_COLUMNS, "suppression_reason": pl.String()}, _FREQUENCY_REQUIRED, "frequentietabel"
    )
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
    answer_counts = [r["n"] for r in records if r["part"] == "answer"]
    inferred = bool(data.get_column("base_inferred").fill_null(False).any())
    spread = base_range if inferred and base_range is not None and base_range[0] != base_range[1] else None
    remainder_range: tuple[int, int] | None = None
    if spread is not None and all(isinstance(n, int) for n in answer_counts):
        published = sum(int(n) for n in answer_counts if isinstance(n, int))
        if spread[0] - published >= 0:
            remainder_range = (spread[0] - published, spread[1] - published)
    rows: list[dict[str, object]] = []
    remainder_empty = False
    for record in records:
        if record["part"] == "remainder" and remainder_range is None and record["n"] == 0:
            remainder_empty = True
            continue  # everyone who answered is in the published figures: no empty row
        rows.append(_single_display(record, len(rows), decimals, remainder_range, spread))
    frame = display_frame(
        rows,
        (
            "option",
            "label",
            "part",
            "part_label",
            "sort",
            "value",
            "value_kind",
            "n",
            "ci_low",
            "ci_high",
            "text",
            "text_x",
            "fill",
            "printed",
            "computed",
            "tip_pct",
            "tip_n",
            "tip_ci",
            "tip_source",
        ),
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
        base_range=spread,
        remainder_range=remainder_range,
        remainder_empty=remainder_empty,
    )


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _single_display(
    record: Mapping[str, object],
    sort: int,
    decimals: int,
    remainder_range: tuple[int, int] | None = None,
    base_range: tuple[int, int] | None = None,
) -> dict[str, object]:
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
        reason = record.get("suppression_reason")
        text = f"niet getoond: {reason}" if reason else "te weinig antwoorden (niet getoond)"
    elif kind == "unknown" and part == "remainder":
        text = "omvang onbekend"
    elif kind == "unknown":
        text = "aantal niet gepubliceerd"
    elif kind == "over":
        text = "onbekend (gepubliceerde percentages tellen op tot meer dan 100%)"
    elif kind == "rest":
        text = f"{pct_text(value, decimals)} (rest tot 100%)"
    elif part == "remainder" and remainder_range is not None and base_range is not None:
        low, high = remainder_range
        text = (
            f"{interval_text(low / base_range[0], high / base_range[1], decimals)} "
            f"({count_text(low)} tot {count_text(high)})"
        )
        n, ci_low, ci_high = None, None, None
    elif kind == "pct" and _printed_differs(pct, printed_value, printed_decimals):
        # The printed figure is the headline; the recomputed share is secondary and labelled.
        printed = pct_text(printed_value, printed_decimals)
        value, ci_low, ci_high = printed_value, None, None
        text = f"{printed} ({count_text(n)}) · ✗ berekend: {pct_text(pct, decimals)}"
    else:
        # A share is never shown coarser than the source printed it ("20,8 %" stays 20,8%).
        shown = max(decimals, printed_decimals) if printed_value is not None else decimals
        text = pct_text(value, shown) + (f" ({count_text(n)})" if n is not None else "")
        if kind == "printed":
            text += " (zoals gepubliceerd)"
    text_x = max(value or 0.0, ci_high or 0.0)
    source = "gepubliceerd" if record["published"] else "berekend"
    if printed:
        source = "gepubliceerd; het aantal gedeeld door n geeft een ander percentage"
    elif kind == "pct" and record["published"]:
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
        "computed": pct_text(pct, decimals) if printed else "",
        "tip_pct": pct_text(value, max(decimals, 1)) if value is not None else "onbekend",
        "tip_n": (
            f"{count_text(remainder_range[0])} tot {count_text(remainder_range[1])}"
            if part == "remainder" and remainder_range is not None
            else count_text(n)
        ),
        "tip_ci": interval_text(ci_low, ci_high, max(decimals, 1)) or "geen",
        "tip_source": f"afgeschermd: {record['suppression_reason']}"
        if kind == "suppressed" and record.get("suppression_reason")
        else source,
    }


def _printed_decimals(printed: float | None) -> int:
    """Fallback for frames without ``pct_published_decimals``: the decimals of the value itself."""
    if printed is None:
        return 0
    text = repr(round(printed * 100, 6)).rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def single_choice_description(
    freq: FrameLike,
    *,
    question_text: str | None = None,
    decimals: int = 0,
    confidence: float = 0.95,
    base_range: tuple[int, int] | None = None,
) -> str:
    """The Dutch description of :func:`single_choice_chart`.

    >>> # "Staafdiagram bij de vraag ‘…’. Van de 77 mensen die deze vraag beantwoordden, antwoordde
    >>> #  21% ‘Vakkundig’ (16), 47% ‘Overdreven’ (36) en 32% ‘Bedreigend’ (25). …"
    """
    rows = single_rows(freq, decimals, base_range=base_range)
    records = rows.frame.to_dicts()
    answers = [r for r in records if r["part"] == "answer"]
    apart = [r for r in records if r["part"] == "non_substantive"]
    remainder = [r for r in records if r["part"] == "remainder"]
    subject = f"de vraag {quoted(question_text)}" if question_text else f"vraag {rows.question}"
    sentences = [f"Staafdiagram bij {subject}."]
    phrases = [_answer_phrase(r, decimals) for r in answers]
    if rows.base is not None:
        who = f"Van de {count_text(rows.base)} mensen die deze vraag beantwoordden"
        if rows.base_range is not None:
            who = (
                f"Van de {count_text(rows.base_range[0])} tot {count_text(rows.base_range[1])} mensen "
                "die deze vraag beantwoordden"
            )
        if rows.base_inferred:
            who += " (een aantal dat de bron niet noemt maar dat uit de gepubliceerde aantallen volgt)"
        sentences.append(f"{who}, antwoordde {join_dutch(phrases)}.")
    else:
        sentences.append(
            f"Hoeveel mensen deze vraag beantwoordden, is onbekend. Gepubliceerd: {join_dutch(phrases)}."
        )
    if apart:
        phrases_apart = [_answer_phrase(r, decimals) for r in apart]
        base_apart = (
            f" van alle {count_text(rows.non_substantive_base)} antwoorden"
            if rows.non_substantive_base
            else ""
        )
        sentences.append(
            f"Los daarvan, als geen inhoudelijk antwoord{base_apart}: {join_dutch(phrases_apart)}."
        )
    if remainder and rows.remainder_range is not None:
        low, high = rows.remainder_range
        sentences.append(
            f"Wat de overige {count_text(low)} tot {count_text(high)} mensen "
            "antwoordden, is niet gepubliceerd; hoeveel precies, hangt af van het totaal, dat de "
            "bron niet noemt."
        )
    elif remainder:
        sentences.append(
            _remainder_sentence(remainder[0], rows.remainder_kind, rows.published_total, decimals)
        )
    elif rows.remainder_empty:
        sentences.append("De gepubliceerde antwoorden omvatten iedereen die de vraag beantwoordde.")
    if any(r["ci_low"] is not None for r in records):
        level = _confidence_text(confidence)
        text = f"De lijntjes bij de balken tonen het {level}-betrouwbaarheidsinterval"
        if rows.sampling_note:
            text += (
                "; dat beschrijft alleen toevalsvariatie, want de deelnemers meldden zich zelf aan"
                " of de werving is onbekend"
            )
        sentences.append(text + ".")
    return " ".join(sentences)


def _remainder_sentence(
    row: Mapping[str, object], kind: str | None, published_total: float | None, decimals: int
) -> str:
    value = row["value"] if isinstance(row["value"], float) else None
    n = row["n"] if isinstance(row["n"], int) else None
    if kind == "pct" and n == 0:
        return "De gepubliceerde antwoorden omvatten iedereen die de vraag beantwoordde."
    if kind == "pct":
        who = (
            f"de overige {count_text(n)} mensen ({pct_text(value, decimals)})"
            if n is not None
            else (f"de overige {pct_text(value, decimals)}")
        )
        return f"Wat {who} antwoordden, is niet gepubliceerd."
    if kind == "rest":
        return (
            f"De gepubliceerde percentages tellen op tot {pct_text(published_total, decimals)}; "
            f"de overige {pct_text(value, decimals)} is niet gepubliceerd."
        )
    if kind == "over":
        return (
            f"De gepubliceerde percentages tellen op tot {pct_text(published_total, decimals)}, "
            "meer dan 100%; hoe groot het niet-gepubliceerde deel is, is onbekend."
        )
    return "Niet alle antwoorden zijn gepubliceerd; hoe groot het niet-gepubliceerde deel is, is onbekend."


def partial_distribution_description(
    freq: FrameLike, *, question_text: str | None = None, decimals: int = 0
) -> str:
    """The Dutch description of :func:`partial_distribution_chart`."""
    rows = single_rows(freq, decimals)
    records = rows.frame.to_dicts()
    shown = [r for r in records if r["part"] != "remainder"]
    remainder = [r for r in records if r["part"] == "remainder"]
    subject = f"de vraag {quoted(question_text)}" if question_text else f"vraag {rows.question}"
    sentences = [
        f"Gestapelde balk van alle antwoorden op {subject}, met apart wat niet is gepubliceerd.",
    ]
    if rows.base is not None:
        sentences.append(f"Aantal mensen dat de vraag beantwoordde: {count_text(rows.base)}.")
    sentences.append(f"Gepubliceerd: {join_dutch([_answer_phrase(r, decimals) for r in shown])}.")
    if remainder:
        sentences.append(
            _remainder_sentence(remainder[0], rows.remainder_kind, rows.published_total, decimals)
        )
    else:
        sentences.append("Alle antwoordmogelijkheden zijn gepubliceerd.")
    return " ".join(sentences)


# --------------------------------------------------------------------------------------------------
# 1. Single choice (+ remainder panel) and 3. partially published distributions


def single_choice_chart(
    freq: FrameLike,
    *,
    question_text: str | None = None,
    decimals: int = 0,
    confidence: float = 0.95,
    width: int = PHONE_WIDTH,
    base_range: tuple[int, int] | None = None,
) -> Chart:
    """Horizontal bars of one single-choice question, laid out for a phone, with the interval.

    ``freq`` is the Frequency table of one question (``bejegening.stats.frequencies`` or
    ``published_frequencies``).  Each answer is a row: its label on a line of its own above the
    bar (so long labels need no side margin and the chart fits a 360 px screen at full size), the
    bar, the interval as a line with end ticks, and the figure right of it.  Options keep
    questionnaire order; non-substantive answers ("weet niet") are grey and outlined; the unknown
    remainder of a partly published question (``option == "_niet_gepubliceerd"``) is a dashed
    grey bar labelled "Niet gepubliceerd", left out when it is empty (0 people), so no bar is
    silently shorter and no empty row is drawn.  The figure is the printed percentage when the
    source prints one; a share recomputed from the count that differs from it is secondary and
    labelled (``21% (26) · berekend: 33%``).  ``base_range`` (smallest, largest base that fits the
    printed figures) turns the count of the remainder into a range when the base is inferred and
    not unique.  The title is the question text; the subtitle gives n and what the lines mean.
    """
    rows = single_rows(freq, decimals, base_range=base_range)
    frame = rows.frame
    x_scale = alt.Scale(domain=[0, 1], nice=False)
    y = alt.Y("label:N", sort=alt.EncodingSortField("sort", op="min"), title=None, axis=None)
    tooltip = [
        *answer_tooltip(),
        alt.Tooltip("tip_ci:N", title=f"{_confidence_label(confidence)}-interval"),
        alt.Tooltip("tip_source:N", title="Herkomst"),
    ]
    base = alt.Chart()
    bars = (
        base.transform_filter(alt.datum.part != "remainder")
        .mark_bar(height=BAR_HEIGHT, yOffset=BAR_OFFSET, strokeWidth=1)
        .encode(
            x=alt.X(
                "value:Q",
                scale=x_scale,
                axis=_pct_axis("Percentage van wie de vraag beantwoordde", titleLimit=width),
            ),
            y=y,
            fill=alt.Fill("fill:N", scale=None),
            stroke=alt.StrokeValue(BAR_STROKE),
            tooltip=tooltip,
        )
    )
    remainder = (
        base.transform_filter(alt.datum.part == "remainder")
        .mark_bar(
            height=BAR_HEIGHT,
            yOffset=BAR_OFFSET,
            fill=REMAINDER,
            stroke=REMAINDER_STROKE,
            strokeDash=REMAINDER_DASH,
            strokeWidth=1.5,
        )
        .encode(x=alt.X("value:Q", scale=x_scale), y=y, tooltip=tooltip)
    )
    has_interval = "isValid(datum.ci_low) && isValid(datum.ci_high)"
    interval = base.transform_filter(has_interval)
    whisker = interval.mark_rule(color=INK, strokeWidth=1.5, yOffset=BAR_OFFSET).encode(
        x=alt.X("ci_low:Q", scale=x_scale), x2=alt.X2("ci_high:Q"), y=y
    )
    ends = [
        interval.mark_tick(color=INK, thickness=1.5, size=BAR_HEIGHT - 4, yOffset=BAR_OFFSET).encode(
            x=alt.X(f"{end}:Q", scale=x_scale), y=y
        )
        for end in ("ci_low", "ci_high")
    ]
    names = base.mark_text(align="left", baseline="bottom", dy=-2, fontWeight="bold", color=INK).encode(
        x=x_value(0), y=y, text=alt.Text("label:N")
    )
    # The figure right of the bar and its interval; on the label's line, right-aligned, when the
    # bar reaches so far right that the figure would not fit after it. Both follow the plot
    # width signal, so the page can widen the chart to its column (site.js) and keep the layout.
    fits = f"datum.text_x * width + 6 + {LABEL_CHAR} * length(datum.text) <= width + 8"
    beside = base.transform_filter(fits)
    above = base.transform_filter(f"!({fits})")
    figures = [
        beside.mark_text(align="left", baseline="middle", dx=6, dy=BAR_OFFSET, color=INK).encode(
            x=alt.X("text_x:Q", scale=x_scale), y=y, text=alt.Text("text:N")
        ),
        above.mark_text(align="right", baseline="bottom", dy=-2, color=INK).encode(
            x=x_value("width"), y=y, text=alt.Text("text:N")
        ),
    ]
    layers = [bars, whisker, *ends, names, *figures]
    if frame.filter(pl.col("part") == "remainder").height:
        layers.insert(1, remainder)
    sentences = _single_subtitle_sentences(rows, confidence)
    subtitle = [line for text in sentences for line in wrap(text, _chars(width, SUBTITLE_CHAR))]
    description = single_choice_description(
        freq, question_text=question_text, decimals=decimals, confidence=confidence, base_range=base_range
    )
    heading = question_text or f"Vraag {rows.question}"
    title = _title(heading, subtitle, width)
    chart: Chart = alt.layer(*layers, data=_data(frame)).properties(width=width, height=alt.Step(ROW_STEP))
    return chart.properties(title=title, description=description, usermeta=_fit_meta(heading, sentences))


def _single_subtitle_sentences(rows: Any, confidence: float) -> list[str]:
    lines = []
    if rows.base is not None:
        text = f"n = {_count(rows.base)}"
        if rows.base_range is not None and rows.base_range[0] != rows.base_range[1]:
            text = f"n = {_count(rows.base_range[0])} tot {_count(rows.base_range[1])}"
        if rows.base_inferred:
            text += " (niet in de bron; afgeleid uit de gepubliceerde aantallen)"
        lines.append(text)
    else:
        lines.append("Aantal mensen dat de vraag beantwoordde: onbekend")
    frame = rows.frame
    if frame.get_column("ci_low").drop_nulls().len():
        text = f"Lijntjes: {_confidence_label(confidence)}-betrouwbaarheidsinterval"
        if rows.sampling_note:
            text += " (alleen toevalsvariatie: zelfselectie of onbekende werving)"
        lines.append(text)
    if frame.get_column("printed").str.len_chars().sum():
        lines.append(
            "Percentage zoals de bron het drukt; ✗ klopt niet: aantal gedeeld door n (‘berekend’) wijkt af"
        )
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
    tooltip = answer_tooltip()
    base = alt.Chart()
    known = (
        base.transform_filter(alt.datum.part != "remainder")
        .mark_bar(height={"band": 0.7}, stroke=WHITE, strokeWidth=1.5)
        .encode(
            x=alt.X("x0:Q", scale=scale, axis=_pct_axis("Deel van alle antwoorden")),
            x2=alt.X2("x1:Q"),
            y=y,
            fill=alt.Fill("fill:N", scale=None),
            tooltip=tooltip,
        )
    )
    rest = _remainder_bars(base).encode(x=alt.X("x0:Q", scale=scale), x2=alt.X2("x1:Q"), y=y, tooltip=tooltip)
    rest_label = (
        base.transform_filter((alt.datum.part == "remainder") & (alt.datum.row == all_label))
        .transform_filter("datum.x1 - datum.x0 >= 0.2")
        .mark_text(baseline="middle", color=INK, fontStyle="italic")
        .encode(x=alt.X("x_mid:Q", scale=scale), y=y, text=alt.TextValue("niet gepubliceerd"))
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
