"""Frequency tables: computed from answers or counts, or transcribed from published findings.

Every table follows the "Frequency table" contract (see :data:`FREQUENCY_SCHEMA`): one row per
(survey, question, option), with n, base, the valid percentage as a fraction, its interval, and
flags that say where the figure comes from and how far it can be trusted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, Required, TypedDict, Unpack

import numpy as np
import polars as pl

from bejegening._options import keyword_options
from bejegening.model import Finding, Question, QuestionType, SampleDesign, Sampling, Valence
from bejegening.stats._design import DesignIntervalMethod, design_proportions
from bejegening.stats._frames import (
    NONE_OPTION,
    REMAINDER_OPTION,
    RESPONDENTS_OPTION,
    FrameLike,
    option_row,
    option_spec,
    questionnaire_order,
)
from bejegening.stats._intervals import IntervalMethod, interval_expr, proportion_interval
from bejegening.stats._rounding import largest_remainder_expr

__all__ = [
    "CONTRACT_COLUMNS",
    "ESTIMATE_SCHEMA",
    "FREQUENCY_CONTRACT",
    "FREQUENCY_SCHEMA",
    "OPTION_ROW_SCHEMA",
    "frequencies",
    "frequencies_from_counts",
    "frequency_plan",
    "published_frequencies",
    "sampling_note",
    "with_design_intervals",
]

OPTION_ROW_SCHEMA: dict[str, pl.DataType] = {
    "survey": pl.String(),
    "question": pl.String(),
    "option": pl.String(),
    "label": pl.String(),
    "order": pl.Int64(),
    "valence": pl.String(),
}
"""Leading columns of every per-option table (frequency table, crosstab): which option of which
question of which survey, with its label, questionnaire order and valence."""

ESTIMATE_SCHEMA: dict[str, pl.DataType] = {
    "n": pl.Int64(),
    "base": pl.Int64(),
    "pct": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
}
"""Count, base, percentage (fraction) and its interval, as in every per-option table."""

FREQUENCY_CONTRACT: dict[str, pl.DataType] = {
    **OPTION_ROW_SCHEMA,
    **ESTIMATE_SCHEMA,
    "published": pl.Boolean(),
    "pct_published": pl.Float64(),
    "base_inferred": pl.Boolean(),
    "sampling_note": pl.Boolean(),
    "suppressed": pl.Boolean(),
}
"""The agreed "Frequency table" contract: its 16 columns and their types, in order."""

FREQUENCY_SCHEMA: dict[str, pl.DataType] = {
    **FREQUENCY_CONTRACT,
    # Additions after the contract columns:
    "n_missing": pl.Int64(),
    "n_non_substantive": pl.Int64(),
    "n_rejected": pl.Int64(),
    "pct_display": pl.Int64(),
    "n_effective": pl.Float64(),
    "method": pl.String(),
    "pct_published_decimals": pl.Int64(),
}
"""Columns and types of a frequency table: the contract (:data:`FREQUENCY_CONTRACT`), then the
additions: ``n_missing`` (no answer), ``n_non_substantive`` ("weet niet" and the like, kept out of
the valid percentage), ``n_rejected`` (answers that are not an option of the question), all per
question; ``pct_display`` (integer percent, largest-remainder rounded so a question's valid
percentages add up to exactly 100), ``n_effective`` (the n behind the interval: Kish's effective n
for weighted data), ``method`` (interval method) and ``pct_published_decimals`` (the decimals the
printed percentage was printed with, :attr:`~bejegening.Finding.percentage_decimals`; null for
computed rows)."""

CONTRACT_COLUMNS: tuple[str, ...] = tuple(FREQUENCY_CONTRACT)

_CLOSED = (QuestionType.single, QuestionType.likert, QuestionType.multiple)

PARTITIONED = pl.col("type").is_in([QuestionType.single.value, QuestionType.likert.value])
"""Row of a question whose answers partition the respondents (single choice, Likert)."""
NON_SUBSTANTIVE = pl.col("valence") == Valence.non_substantive.value
"""Row of a "weet niet"-like option, kept out of the valid percentage."""
SUBSTANTIVE = NON_SUBSTANTIVE.is_null() | ~NON_SUBSTANTIVE
"""Row of an option that counts towards the valid percentage (valence unknown counts)."""


def option_base(column: str, over: str | list[str]) -> pl.Expr:
    """Base of a row, summing ``column`` (``n``, ``w`` or ``w2``) within ``over``.

    Single/Likert: the substantive answers (valid percentage) — or, on a non-substantive row, all
    answers; multiple response: the respondents who answered (the ``_resp_<column>`` column).
    """
    return (
        pl.when(~PARTITIONED)
        .then(pl.col(f"_resp_{column}").fill_null(0))
        .when(SUBSTANTIVE)
        .then(pl.col(column).filter(SUBSTANTIVE).sum().over(over))
        .otherwise(pl.col(column).sum().over(over))
    )


def share_and_effective_n(weighted: bool) -> tuple[pl.Expr, pl.Expr]:
    """The share ``n / base`` (weighted: ``w / _W``) and the n behind its interval (the base;
    weighted: Kish's effective n ``_W² / _W2``). Needs ``base`` or ``_W``/``_W2`` (:func:`option_base`)."""
    if weighted:
        pct = pl.col("w") / pl.col("_W")
        n_eff = pl.when(pl.col("_W2") > 0).then(pl.col("_W") ** 2 / pl.col("_W2")).otherwise(0.0)
    else:
        pct = pl.col("n").cast(pl.Float64) / pl.col("base").cast(pl.Float64)
        n_eff = pl.col("base").cast(pl.Float64)
    return pct, n_eff


def sampling_note(sampling: Sampling | str | None) -> bool:
    """True when an interval only describes sampling noise: opt-in or unknown sampling."""
    return sampling is None or Sampling(sampling) is not Sampling.probability


class TableOptions(TypedDict, total=False):
    """Keyword parameters of every per-option table (:func:`bejegening.stats.crosstab_from_counts`):
    ``survey_id`` (required), ``confidence`` (default 0.95), ``method`` (the interval's, default
    ``"wilson"``) and ``sampling`` (default unknown). Their meaning: :func:`frequencies`."""

    survey_id: Required[str]
    confidence: float
    method: IntervalMethod
    sampling: Sampling | str | None


class FrequencyOptions(TableOptions, total=False):
    """Keyword parameters of :func:`frequencies_from_counts`: :class:`TableOptions` and
    ``population_size`` and ``min_cell`` (default None). Their meaning: :func:`frequencies`."""

    population_size: int | None
    min_cell: int | None


class TabulateOptions(FrequencyOptions, total=False):
    """Keyword parameters of :func:`frequencies` and :func:`bejegening.stats.tabulate`:
    :class:`FrequencyOptions` and how the answers are weighted, ``weight`` and ``design`` (default
    None), ``respondent`` (default ``"respondent"``) and ``weighted_method`` (default ``"logit"``).
    Their meaning: :func:`frequencies`."""

    weight: str | None
    respondent: str
    design: SampleDesign | None
    weighted_method: DesignIntervalMethod


_TABLE_DEFAULTS: dict[str, object] = {"confidence": 0.95, "method": "wilson"}
"""The defaults of :class:`TableOptions` that are not None (the one place they are written)."""
table_options = keyword_options(TableOptions, **_TABLE_DEFAULTS)
frequency_options = keyword_options(FrequencyOptions, **_TABLE_DEFAULTS)
tabulate_options = keyword_options(
    TabulateOptions, **_TABLE_DEFAULTS, respondent="respondent", weighted_method="logit"
)


def _empty() -> pl.DataFrame:
    return pl.DataFrame(schema=FREQUENCY_SCHEMA)


def _round_half_up_pct(pct: pl.Expr) -> pl.Expr:
    return ((pct * 100.0).round(9) + 0.5).floor().cast(pl.Int64)


def _closed(questions: Sequence[Question]) -> list[Question]:
    return [q for q in questions if q.type in _CLOSED and q.options]


@tabulate_options
def frequency_plan(
    counts: FrameLike, questions: Sequence[Question], **options: Unpack[TabulateOptions]
) -> pl.LazyFrame:
    """:func:`frequencies_from_counts` as a lazy query (to collect together with other queries).

    Takes :func:`bejegening.stats.tabulate`'s options; how the answers are weighted is for
    :func:`with_design_intervals`, after the query."""
    closed = _closed(questions)
    if not closed:
        return _empty().lazy()
    method = options["method"]
    frame = counts.lazy()
    weighted = "w" in frame.collect_schema()
    values = ["n", *(["w", "w2"] if weighted else [])]
    ids = [q.id for q in closed]
    frame = (
        frame.filter(pl.col("question").is_in(ids)).group_by("question", "option").agg(pl.col(values).sum())
    )
    spec = option_spec(closed).lazy()
    known = spec.select("question", "option", pl.lit(True).alias("_known"))
    reserved = pl.col("option").is_in([NONE_OPTION, RESPONDENTS_OPTION])
    per_question = (
        frame.join(known, on=["question", "option"], how="left")
        .group_by("question")
        .agg(
            pl.col("n").filter(pl.col("option").is_null()).sum().alias("n_missing"),
            pl.col("n")
            .filter(pl.col("option").is_not_null() & pl.col("_known").is_null() & ~reserved)
            .sum()
            .alias("n_rejected"),
            pl.col(values).filter(pl.col("option") == RESPONDENTS_OPTION).sum().name.prefix("_resp_"),
        )
    )
    table = (
        spec.join(frame, on=["question", "option"], how="left", maintain_order="left")
        .with_columns(pl.col(values).fill_null(0))
        .join(per_question, on="question", how="left", maintain_order="left")
        .with_columns(pl.col("n_missing", "n_rejected").fill_null(0))
    )
    table = table.with_columns(
        option_base("n", "question").cast(pl.Int64).alias("base"),
        pl.col("n").filter(NON_SUBSTANTIVE).sum().over("question").cast(pl.Int64).alias("n_non_substantive"),
        *(
            [option_base("w", "question").alias("_W"), option_base("w2", "question").alias("_W2")]
            if weighted
            else []
        ),
        SUBSTANTIVE.alias("_sub"),
    )
    pct, n_eff = share_and_effective_n(weighted)
    table = table.with_columns(
        pl.when(pl.col("base") > 0).then(pct).alias("pct"), n_eff.alias("n_effective")
    ).with_columns(
        interval_expr(
            pl.col("pct") * pl.col("n_effective"),
            pl.col("n_effective"),
            method=method,
            confidence=options["confidence"],
            population_size=options.get("population_size"),
        ).alias("_ci"),
        (PARTITIONED & pl.col("_sub")).alias("_part"),
    )
    table = table.with_columns(
        pl.col("_ci").struct.field("ci_low"),
        pl.col("_ci").struct.field("ci_high"),
        pl.when(pl.col("_part"))
        .then(largest_remainder_expr(pl.col("pct"), ["question", "_part"], pl.col("order")))
        .otherwise(_round_half_up_pct(pl.col("pct")))
        .alias("pct_display"),
    )
    min_cell = options.get("min_cell")
    suppressed = (pl.col("n") > 0) & (pl.col("n") < min_cell) if min_cell is not None else pl.lit(False)
    table = table.with_columns(suppressed.alias("suppressed")).with_columns(
        pl.when(~pl.col("suppressed")).then(pl.col(c)).alias(c)
        for c in ("n", "pct", "ci_low", "ci_high", "pct_display")
    )
    return (
        table.with_columns(
            pl.lit(options["survey_id"]).alias("survey"),
            pl.lit(False).alias("published"),
            pl.lit(None, dtype=pl.Float64).alias("pct_published"),
            pl.lit(None, dtype=pl.Int64).alias("pct_published_decimals"),
            pl.lit(False).alias("base_inferred"),
            pl.lit(sampling_note(options.get("sampling"))).alias("sampling_note"),
            pl.lit(method).alias("method"),
            questionnaire_order(ids).alias("_q"),
        )
        .sort("_q", "order")
        .select(pl.col(name).cast(dtype) for name, dtype in FREQUENCY_SCHEMA.items())
    )


@frequency_options
def frequencies_from_counts(
    counts: FrameLike, questions: Sequence[Question], **options: Unpack[FrequencyOptions]
) -> pl.DataFrame:
    """Frequency table from a counts frame (see :func:`bejegening.answer_counts`).

    Group columns in ``counts`` are summed over. Weighted when ``counts`` has ``w``/``w2``.
    See :func:`frequencies` for the meaning of every column and parameter (:class:`FrequencyOptions`).
    """
    if isinstance(counts, pl.LazyFrame):
        # The (possibly large) count runs on the default engine; the small rest in memory.
        counts = counts.collect()
    return frequency_plan(counts, questions, **options).collect(engine="in-memory")


@tabulate_options
def frequencies(
    answers: FrameLike, questions: Sequence[Question], **options: Unpack[TabulateOptions]
) -> pl.DataFrame:
    """Frequency table of every closed question from respondent-level answers (long form).

    One row per option in questionnaire order; options nobody chose have n = 0.

    - ``base``: single and Likert questions: the substantive answers (the valid percentage
      leaves out no answer and "weet niet"); on a non-substantive option's row: all answers.
      Multiple response: the respondents who answered the question (percentage of respondents,
      not of answers, so percentages may add up to more than 100).
    - ``pct`` = n / base (weighted: Σw / Σw of the base) as a fraction; ``pct_display`` integer
      percentages, largest-remainder rounded so the valid percentages of a single or Likert
      question add up to exactly 100.
    - ``ci_low``/``ci_high``: unweighted, without a ``design``: Wilson score (default) or
      Clopper-Pearson interval at ``confidence``, with the finite population correction when
      ``population_size`` is known. Weighted, or with a ``design`` (strata, clusters, population
      sizes; :class:`bejegening.SampleDesign`): by ``weighted_method``, default ``logit`` (R's
      ``svyciprop``, on the Taylor-linearised SE with the design's degrees of freedom; see
      :func:`bejegening.design_proportions`), ``n_effective`` then the design's effective n
      p(1 − p)/V; ``kish_wilson``/``kish_clopper_pearson``: ``method``'s interval on Kish's
      effective n (the earlier approximation).
    - ``sampling_note`` is true unless ``sampling`` is ``probability``: for opt-in (or unknown)
      samples the interval describes sampling noise only, not self-selection.
    - ``n_missing``, ``n_non_substantive``, ``n_rejected`` (not an option of the question) per
      question: together with the option counts they account for every input row.
    - ``min_cell``: cells with 0 < n < min_cell are marked ``suppressed`` and their n, pct and
      interval set to null (primary suppression only).

    Example::

        freq = bejegening.frequencies(answers, survey.questions, survey_id=survey.id)

    The same table as :func:`bejegening.stats.tabulate` without ``by`` (one code path); the
    keyword parameters are declared once, in :class:`TabulateOptions`.
    """
    from bejegening.stats._tabulate import tabulate  # noqa: PLC0415  (it builds on this module)

    return tabulate(answers, questions, **options).frequencies


@tabulate_options
def with_design_intervals(
    table: pl.DataFrame, answers: FrameLike, questions: Sequence[Question], **options: Unpack[TabulateOptions]
) -> pl.DataFrame:
    """A frequency table's weighted intervals by ``weighted_method`` — the one place that decides them.

    ``table`` is :func:`frequencies_from_counts` over the counts of ``answers`` (the long form,
    with the ``weight`` and design columns). Unweighted without a ``design``, or with a ``kish_*``
    method, ``table`` is returned unchanged (its interval is ``method``'s on the base, or on
    Kish's effective n). Otherwise ``ci_low``/``ci_high`` (fractions) and ``n_effective`` come from
    :func:`bejegening.design_proportions` (Taylor-linearised SE, logit interval as R survey's
    ``svyciprop(method = "logit")``; Korn & Graubard 1999, §5.2) and ``method`` says
    ``weighted_method``; a share of 0 or 1 gets the Kish-Wilson interval; suppressed
    cells keep a null interval. ``population_size`` without a ``design`` is a simple random
    sample from that population (finite population correction).
    """
    weight, design = options.get("weight"), options.get("design")
    weighted_method = options["weighted_method"]
    if (weight is None and design is None) or weighted_method.startswith("kish_"):
        return table
    population_size = options.get("population_size")
    if design is None and population_size is not None:
        design = SampleDesign(population_size=population_size)
    frame = answers.lazy()
    respondent = options["respondent"]
    if respondent != "respondent" and respondent in frame.collect_schema():
        frame = frame.rename({respondent: "respondent"})
    estimates = design_proportions(
        frame,
        questions,
        weight=weight,
        design=design,
        confidence=options["confidence"],
        method=weighted_method,
    ).select(
        "question",
        "option",
        pl.col("ci_low").alias("_lo"),
        pl.col("ci_high").alias("_hi"),
        pl.col("n_effective").alias("_ne"),
    )
    return (
        table.join(estimates, on=["question", "option"], how="left", maintain_order="left")
        .with_columns(
            pl.when(~pl.col("suppressed")).then(pl.col("_lo")).alias("ci_low"),
            pl.when(~pl.col("suppressed")).then(pl.col("_hi")).alias("ci_high"),
            pl.col("_ne").alias("n_effective"),
            pl.lit(weighted_method).alias("method"),
        )
        .select(list(FREQUENCY_SCHEMA))
    )


def _single_option_figures(findings: Sequence[Finding], question_id: str) -> dict[str, Finding]:
    figures: dict[str, Finding] = {}
    for finding in findings:
        if (
            finding.question == question_id
            and len(finding.options) == 1
            and (finding.count is not None or finding.percentage is not None)
            and finding.options[0] not in figures
        ):
            figures[finding.options[0]] = finding
    return figures


def published_frequencies(
    bundle: Any,
    *,
    bases: Mapping[str, int] | None = None,
    confidence: float = 0.95,
    method: IntervalMethod = "wilson",
) -> pl.DataFrame:
    """Frequency table of a survey's published figures (a :class:`~bejegening.SurveyBundle`).

    Uses single-option findings with a count and/or a percentage. Per question the base is the
    base stated in the findings (``base_inferred = False``; the most frequent one if they
    differ), else ``bases[question]`` when the caller supplies one, e.g. inferred from
    count/percentage consistency (``base_inferred = True``), else unknown: then ``pct`` and the
    interval are null while ``pct_published`` still holds the printed percentage as a fraction.

    Options without a published figure have n null. Questions whose options are not all
    reported (``options_complete: false``) get an extra row ``_niet_gepubliceerd`` (valence
    ``remainder``, computed: ``published = False``) holding base − Σ published counts when the
    base is known (null when unknown or when the published counts exceed the base).
    ``pct_display`` is largest-remainder rounded where a question's counts add up to its base.
    """
    questions = _closed(bundle.questions)
    if not questions:
        return _empty()
    note = sampling_note(bundle.survey.sampling)
    rows: list[dict[str, Any]] = []
    for question in questions:
        figures = _single_option_figures(bundle.findings, question.id)
        stated = Counter(f.base for f in bundle.findings if f.question == question.id and f.base is not None)
        base: int | None
        if stated:
            base, inferred = stated.most_common(1)[0][0], False
        elif bases is not None and bases.get(question.id) is not None:
            base, inferred = int(bases[question.id]), True
        else:
            base, inferred = None, False
        published_sum = 0
        options = question.ordered_options()
        for position, option in enumerate(options, start=1):
            finding = figures.get(option.id)
            count = finding.count if finding is not None else None
            published_sum += count or 0
            rows.append(
                {
                    **option_row(question, position, option),
                    "n": count,
                    "base": base,
                    "published": True,
                    "pct_published": (
                        finding.percentage / 100.0
                        if finding is not None and finding.percentage is not None
                        else None
                    ),
                    "pct_published_decimals": (finding.percentage_decimals if finding is not None else None),
                    "base_inferred": inferred,
                }
            )
        if not question.options_complete:
            remainder = base - published_sum if base is not None else None
            rows.append(
                {
                    "question": question.id,
                    "option": REMAINDER_OPTION,
                    "label": "Niet gepubliceerd",
                    "order": len(options) + 1,
                    "valence": "remainder",
                    "n": remainder if remainder is not None and remainder >= 0 else None,
                    "base": base,
                    "published": False,
                    "pct_published": None,
                    "pct_published_decimals": None,
                    "base_inferred": inferred,
                }
            )
    # rows is not empty: every closed question has options. Its columns are typed as in the contract.
    table = pl.DataFrame(rows, schema={name: FREQUENCY_SCHEMA[name] for name in rows[0]})
    table = table.with_columns(
        pl.when(pl.col("base") > 0)
        .then(pl.col("n").cast(pl.Float64) / pl.col("base").cast(pl.Float64))
        .alias("pct"),
        pl.col("base").cast(pl.Float64).alias("n_effective"),
    )
    n = table["n"].cast(pl.Float64).fill_null(np.nan).to_numpy()
    nobs = table["base"].cast(pl.Float64).fill_null(np.nan).to_numpy()
    low, high = proportion_interval(n, nobs, method=method, confidence=confidence)
    # Largest remainder only where the known counts of a question add up to its base.
    complete = (pl.col("n").sum().over("question") == pl.col("base")) & pl.col("n").is_not_null().all().over(
        "question"
    )
    return (
        table.with_columns(
            pl.Series("ci_low", low).fill_nan(None),
            pl.Series("ci_high", high).fill_nan(None),
            pl.lit(bundle.id).alias("survey"),
            pl.lit(note).alias("sampling_note"),
            pl.lit(False).alias("suppressed"),
            pl.lit(None, dtype=pl.Int64).alias("n_missing"),
            pl.lit(None, dtype=pl.Int64).alias("n_non_substantive"),
            pl.lit(None, dtype=pl.Int64).alias("n_rejected"),
            pl.lit(method).alias("method"),
        )
        .with_columns(
            pl.when(complete)
            .then(largest_remainder_expr(pl.col("pct"), ["question"], pl.col("order")))
            .otherwise(_round_half_up_pct(pl.col("pct")))
            .alias("pct_display")
        )
        .select(pl.col(name).cast(dtype) for name, dtype in FREQUENCY_SCHEMA.items())
    )
