"""All tables of a survey from one pass over the answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Unpack

import polars as pl

from bejegening.model import Question
from bejegening.stats._crosstab import Crosstab, crosstab_plan, finish_crosstab, with_design_tests
from bejegening.stats._frames import FrameLike, answer_counts, answers_from_wide, counts_from_wide
from bejegening.stats._frequencies import (
    TabulateOptions,
    frequency_plan,
    tabulate_options,
    with_design_intervals,
)

__all__ = ["Tables", "tabulate"]


@dataclass(frozen=True)
class Tables:
    """Result of :func:`tabulate`."""

    counts: pl.DataFrame
    """The canonical counts frame (mergeable with counts of other partitions)."""
    frequencies: pl.DataFrame
    """Frequency table (see :func:`bejegening.frequencies`)."""
    crosstab: Crosstab | None
    """Crosstab by the background variable, when one was given."""


@tabulate_options
def tabulate(
    answers: FrameLike,
    questions: Sequence[Question],
    *,
    by: str | None = None,
    form: Literal["long", "wide"] = "long",
    delimiter: str = "|",
    streaming: bool = False,
    **options: Unpack[TabulateOptions],
) -> Tables:
    """Frequencies of every closed question and, with ``by``, its crosstab — from one scan.

    The answers (a DataFrame, or a LazyFrame such as ``pl.scan_parquet(...)``) are counted once
    per question × option (× group); frequencies are the margins of those counts, so a 10
    million answer survey costs one ``group_by``. ``form="wide"`` takes the wide form (one row per
    respondent, see :func:`bejegening.answers_from_wide`) and counts it column by column
    (:func:`bejegening.stats.counts_from_wide`). ``streaming=True`` runs the count with the
    polars streaming engine (answers larger than memory). Other parameters
    (:class:`~bejegening.stats._frequencies.TabulateOptions`) as in :func:`bejegening.frequencies`
    and :func:`bejegening.crosstab`.

    With a ``weight`` or a ``design`` (:class:`bejegening.SampleDesign`) the frequencies'
    intervals (``ci_low``/``ci_high``, fractions) and ``n_effective`` are those of
    :func:`bejegening.frequencies` with the same ``weighted_method`` — one code path: by default
    ``logit``, the logit interval on the Taylor-linearised design-based SE with the design's
    degrees of freedom, as R survey's ``svyciprop(method = "logit")`` (Korn & Graubard 1999,
    §5.2; :func:`bejegening.design_proportions`); ``kish_wilson``/``kish_clopper_pearson``:
    ``method``'s interval on Kish's effective n. Unweighted answers without a ``design`` keep
    ``method``'s interval on the base (Wilson by default). The design-based step reads the
    answers once more.

    With ``by`` and a ``weight`` or ``design``, the crosstab's tests are Rao and Scott's
    design-based tests (``test = "rao_scott"``, R's ``svychisq``), as in
    :func:`bejegening.crosstab`: the answers are at hand, so the Kish rescaling that
    :func:`bejegening.stats.crosstab_from_counts` falls back on is not used. That step reads the
    answers once more per closed question.

    Raises ``ValueError`` (Dutch) as :func:`bejegening.design_proportions` for a missing design
    column, a stratum with one PSU or bad weights.
    """
    weight, design = options.get("weight"), options.get("design")
    respondent = options["respondent"]
    groups = [by] if by else []
    if form == "wide":
        plan = counts_from_wide(answers, questions, by=groups, weight=weight, delimiter=delimiter)
    else:
        plan = answer_counts(answers, questions, by=groups, weight=weight, respondent=respondent)
    counts = plan.collect(engine="streaming" if streaming else "auto")
    freq_plan = frequency_plan(counts, questions, **options)
    designed = weight is not None or design is not None
    long = answers
    if designed and form == "wide":
        extra = [c for c in (design.strata, design.clusters) if c] if design else []
        long = answers_from_wide(
            answers,
            questions,
            respondent=respondent,
            weight=weight,
            background=list(dict.fromkeys(c for c in [by, *extra] if c)),
            delimiter=delimiter,
        )
    if not by:
        freq = with_design_intervals(freq_plan.collect(engine="in-memory"), long, questions, **options)
        return Tables(counts=counts, frequencies=freq, crosstab=None)
    table_plan, tests_plan = crosstab_plan(counts, questions, by, **options)
    freq, table, tests = pl.collect_all([freq_plan, table_plan, tests_plan], engine="in-memory")
    crosstab = finish_crosstab(table, tests)
    return Tables(
        counts=counts,
        frequencies=with_design_intervals(freq, long, questions, **options),
        crosstab=with_design_tests(crosstab, long, questions, by, weight=weight, design=design),
    )
