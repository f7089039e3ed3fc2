"""Crosstabs by a background variable, with tests of independence and effect size."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Unpack

import numpy as np
import numpy.typing as npt
import polars as pl

from bejegening.model import Question, QuestionType, SampleDesign, Sampling, Valence
from bejegening.stats._frames import (
    RESPONDENTS_OPTION,
    FrameLike,
    answer_counts,
    option_spec,
    questionnaire_order,
)
from bejegening.stats._frequencies import (
    ESTIMATE_SCHEMA,
    OPTION_ROW_SCHEMA,
    PARTITIONED,
    SUBSTANTIVE,
    TableOptions,
    TabulateOptions,
    option_base,
    sampling_note,
    share_and_effective_n,
    table_options,
    tabulate_options,
)
from bejegening.stats._intervals import IntervalMethod, interval_expr
from bejegening.stats._rao_scott import rao_scott_test

__all__ = [
    "CROSSTAB_SCHEMA",
    "TESTS_SCHEMA",
    "ChiSquareResult",
    "Crosstab",
    "chi_square_test",
    "cramers_v",
    "crosstab",
    "crosstab_from_counts",
    "crosstab_plan",
    "finish_crosstab",
    "fisher_exact_test",
    "with_design_tests",
]

CROSSTAB_SCHEMA: dict[str, pl.DataType] = {
    **OPTION_ROW_SCHEMA,
    "by": pl.String(),
    "group": pl.String(),
    **ESTIMATE_SCHEMA,
    "expected": pl.Float64(),
    "n_effective": pl.Float64(),
    "sampling_note": pl.Boolean(),
}
"""One row per question × option × group: count, column base, column percentage (fraction) with
its interval, and the expected count under independence (substantive options of single and
Likert questions; null elsewhere)."""

TESTS_SCHEMA: dict[str, pl.DataType] = {
    "survey": pl.String(),
    "question": pl.String(),
    "by": pl.String(),
    "n": pl.Float64(),
    "rows": pl.Int64(),
    "cols": pl.Int64(),
    "chi2": pl.Float64(),
    "dof": pl.Int64(),
    "p_value": pl.Float64(),
    "cramers_v": pl.Float64(),
    "min_expected": pl.Float64(),
    "cells_expected_below_5": pl.Int64(),
    "fisher_p": pl.Float64(),
    "weighted": pl.Boolean(),
    "warning": pl.String(),
    "test": pl.String(),
    "p_first_order": pl.Float64(),
    "f": pl.Float64(),
    "ndf": pl.Float64(),
    "ddf": pl.Float64(),
    "mean_deff": pl.Float64(),
}
"""One row per single/Likert question: Pearson's chi-square test of independence (no continuity
correction), Cramér's V, the smallest expected count, Fisher's exact p for a 2×2 table with an
expected count below 5, and a Dutch warning when expected counts are below 5. ``n`` is the
table total (Kish-effective for weighted data from counts). ``test`` names the test: ``pearson``
(unweighted counts); ``pearson_kish`` for weighted counts without the respondents' rows
(:func:`crosstab_from_counts`): Pearson's X² on the weighted table rescaled to Kish's effective n,
a first-order approximation that ignores how the design effect differs between cells, so not
equivalent to Rao-Scott (it can give a different conclusion); or ``rao_scott`` for weighted or
complex-sample answers (:func:`crosstab` or :func:`bejegening.stats.tabulate` with a weight or a design):
then ``chi2`` is Pearson's X² of the weighted table scaled to the n respondents, ``p_value`` the
second-order Rao-Scott p (F with ``ndf``, ``ddf``), ``p_first_order`` the first-order p, ``mean_deff``
the mean generalised design effect, and no Fisher test (it would ignore the weights)."""


@dataclass(frozen=True)
class ChiSquareResult:
    """Result of :func:`chi_square_test`."""

    statistic: float
    dof: int
    p_value: float
    expected: npt.NDArray[np.float64]
    min_expected: float
    cells_expected_below_5: int
    cramers_v: float
    n: float


def _clean_table(table: Any) -> npt.NDArray[np.float64]:
    array = np.asarray(table, dtype=np.float64)
    if array.ndim != 2:
        raise ValueError("verwacht een tabel met twee dimensies")
    kept: npt.NDArray[np.float64] = array[array.sum(axis=1) > 0][:, array.sum(axis=0) > 0]
    return kept


def chi_square_test(table: Any, *, yates: bool = False) -> ChiSquareResult:
    """Pearson's chi-square test of independence for an r × c contingency table.

    ``X² = Σ (O − E)² / E`` with ``E = row total × column total / n`` and
    ``(r − 1)(c − 1)`` degrees of freedom, after dropping empty rows and columns. ``yates``
    applies the continuity correction for 2×2 tables (off by default). Uses
    :func:`scipy.stats.chi2_contingency`.

    Reference: K. Pearson (1900), Philosophical Magazine 50:157-175; A. Agresti (2013),
    Categorical Data Analysis, 3rd ed., §3.2.
    """
    array = _clean_table(table)
    if array.shape[0] < 2 or array.shape[1] < 2:
        return ChiSquareResult(
            float("nan"), 0, float("nan"), array, float("nan"), 0, float("nan"), float(array.sum())
        )
    from scipy import stats  # noqa: PLC0415  (slow import, deferred)

    result = stats.chi2_contingency(array, correction=yates)
    expected = np.asarray(result.expected_freq, dtype=np.float64)
    n = float(array.sum())
    statistic = float(result.statistic)
    return ChiSquareResult(
        statistic=statistic,
        dof=int(result.dof),
        p_value=float(result.pvalue),
        expected=expected,
        min_expected=float(expected.min()),
        cells_expected_below_5=int((expected < 5).sum()),
        cramers_v=float(np.sqrt(statistic / (n * (min(array.shape) - 1)))),
        n=n,
    )


def cramers_v(table: Any) -> float:
    """Cramér's V, the effect size of an r × c table: ``√(X² / (n · (min(r, c) − 1)))``.

    0 = independence, 1 = perfect association. Empty rows and columns are dropped first; NaN
    when fewer than two rows or columns remain.

    Reference: H. Cramér (1946), Mathematical Methods of Statistics, p. 282.
    """
    return chi_square_test(table).cramers_v


def fisher_exact_test(table: Any) -> float:
    """Two-sided p-value of Fisher's exact test for a 2×2 table (:func:`scipy.stats.fisher_exact`).

    The exact alternative to the chi-square test when expected counts are small.

    Reference: R. A. Fisher (1935), Journal of the Royal Statistical Society 98:39-82.
    """
    array = np.asarray(table)
    if array.shape != (2, 2):
        raise ValueError("Fisher's exacte toets verwacht een 2×2-tabel")
    from scipy import stats  # noqa: PLC0415  (slow import, deferred)

    return float(stats.fisher_exact(array.astype(np.int64)).pvalue)


@dataclass(frozen=True)
class Crosstab:
    """A crosstab: cells (:data:`CROSSTAB_SCHEMA`) and one test row per question
    (:data:`TESTS_SCHEMA`)."""

    table: pl.DataFrame
    tests: pl.DataFrame


@tabulate_options
def crosstab_plan(
    counts: FrameLike, questions: Sequence[Question], by: str, **options: Unpack[TabulateOptions]
) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """Lazy queries for the cells and the tests of :func:`crosstab_from_counts` (before Fisher).

    Takes :func:`bejegening.stats.tabulate`'s options; uses those of
    :class:`~bejegening.stats._frequencies.TableOptions`."""
    survey_id = options["survey_id"]
    closed = [q for q in questions if q.options and q.type is not QuestionType.open]
    frame = counts.lazy()
    weighted = "w" in frame.collect_schema()
    values = ["n", *(["w", "w2"] if weighted else [])]
    frame = (
        frame.filter(pl.col(by).is_not_null())
        .rename({by: "group"})
        .with_columns(pl.col("group").cast(pl.String))
        .group_by("question", "option", "group")
        .agg(pl.col(values).sum())
    )
    spec = option_spec(closed).filter(pl.col("type") != QuestionType.numeric.value).lazy()
    groups = frame.select("question", "group").unique()
    respondents = frame.filter(pl.col("option") == RESPONDENTS_OPTION).select(
        "question", "group", *(pl.col(v).alias(f"_resp_{v}") for v in values)
    )
    cells = (
        spec.join(groups, on="question", how="inner")
        .join(frame, on=["question", "option", "group"], how="left")
        .with_columns(pl.col(values).fill_null(0))
        .join(respondents, on=["question", "group"], how="left")
        .sort("question", "order", "group")  # a fixed order makes the float sums reproducible
    )
    cell = ["question", "group"]
    cells = cells.with_columns(
        option_base("n", cell).cast(pl.Int64).alias("base"),
        *([option_base("w", cell).alias("_W"), option_base("w2", cell).alias("_W2")] if weighted else []),
        (PARTITIONED & SUBSTANTIVE).alias("_tested"),
    )
    pct, n_eff = share_and_effective_n(weighted)
    tested = pl.col("_tested")
    # Tests on substantive cells of single/Likert questions; weighted tables are rescaled to
    # the Kish effective n of the whole question (a first-order correction for unequal weights
    # only: from counts alone the per-cell design effects of Rao & Scott 1981 are unknown).
    observed: pl.Expr = pl.when(tested).then(pl.col("w") if weighted else pl.col("n").cast(pl.Float64))
    if weighted:
        total_w = pl.col("w").filter(tested).sum().over("question")
        total_w2 = pl.col("w2").filter(tested).sum().over("question")
        observed = observed * total_w / total_w2
    cells = cells.with_columns(
        pl.when(pl.col("base") > 0).then(pct).alias("pct"), n_eff.alias("n_effective"), observed.alias("_o")
    )
    row_total = pl.col("_o").sum().over("question", "option")
    col_total = pl.col("_o").sum().over("question", "group")
    grand = pl.col("_o").sum().over("question")
    cells = cells.with_columns(
        pl.when(tested & (row_total > 0) & (col_total > 0))
        .then(row_total * col_total / grand)
        .alias("expected"),
        (row_total > 0).alias("_row_used"),
        (col_total > 0).alias("_col_used"),
        interval_expr(
            pl.col("pct") * pl.col("n_effective"),
            pl.col("n_effective"),
            method=options["method"],
            confidence=options["confidence"],
        ).alias("_ci"),
    )
    contribution = (pl.col("_o") - pl.col("expected")) ** 2 / pl.col("expected")
    question_order = questionnaire_order(q.id for q in closed)
    tests = (
        cells.filter(tested)
        .group_by("question")
        .agg(
            pl.col("_o").sum().alias("n"),
            pl.col("option").filter(pl.col("_row_used")).n_unique().cast(pl.Int64).alias("rows"),
            pl.col("group").filter(pl.col("_col_used")).n_unique().cast(pl.Int64).alias("cols"),
            contribution.sum().alias("chi2"),
            pl.col("expected").min().alias("min_expected"),
            (pl.col("expected") < 5).sum().cast(pl.Int64).alias("cells_expected_below_5"),
            pl.col("expected").count().cast(pl.Int64).alias("_cells"),
        )
        .with_columns(((pl.col("rows") - 1) * (pl.col("cols") - 1)).alias("dof"))
        .with_columns(
            pl.when(pl.col("dof") > 0).then(pl.col("chi2")).alias("chi2"),
            pl.when(pl.col("dof") > 0)
            .then((pl.col("chi2") / (pl.col("n") * (pl.min_horizontal("rows", "cols") - 1))).sqrt())
            .alias("cramers_v"),
        )
        .with_columns(
            pl.struct("chi2", "dof")
            .map_batches(_chi2_sf, return_dtype=pl.Float64, is_elementwise=True)
            .alias("p_value"),
            pl.lit(survey_id).alias("survey"),
            pl.lit(by).alias("by"),
            pl.lit(weighted).alias("weighted"),
            pl.lit("pearson_kish" if weighted else "pearson").alias("test"),
            pl.lit(None, dtype=pl.Float64).alias("fisher_p"),
            question_order.alias("_q"),
        )
        .sort("_q")
    )
    table = cells.with_columns(
        pl.col("_ci").struct.field("ci_low"),
        pl.col("_ci").struct.field("ci_high"),
        pl.lit(survey_id).alias("survey"),
        pl.lit(by).alias("by"),
        pl.lit(sampling_note(options.get("sampling"))).alias("sampling_note"),
        question_order.alias("_q"),
    ).sort("_q", "order", "group")
    return table, tests


def _chi2_sf(batch: pl.Series) -> pl.Series:
    parts = batch.struct.unnest()
    chi2 = parts["chi2"].cast(pl.Float64).fill_null(np.nan).to_numpy()
    dof = parts["dof"].cast(pl.Float64).fill_null(0).to_numpy()
    from scipy import stats  # noqa: PLC0415  (slow import, deferred)

    with np.errstate(invalid="ignore"):
        p = np.where(dof > 0, stats.chi2.sf(chi2, np.maximum(dof, 1.0)), np.nan)
    return pl.Series("p_value", p).fill_nan(None)


def finish_crosstab(table: pl.DataFrame, tests: pl.DataFrame) -> Crosstab:
    """Add Fisher's exact test (unweighted 2×2 tables with an expected count below 5: on weighted
    tables it would ignore the weights) and the warnings."""
    small = tests.filter(
        ~pl.col("weighted") & (pl.col("rows") == 2) & (pl.col("cols") == 2) & (pl.col("min_expected") < 5)
    )
    if small.height:
        fisher: dict[str, float] = {}
        used = table.filter(
            pl.col("_tested")
            & pl.col("_row_used")
            & pl.col("_col_used")
            & pl.col("question").is_in(small["question"].to_list())
        )
        for (question_id,), block in used.group_by("question", maintain_order=True):
            fisher[str(question_id)] = fisher_exact_test(block["n"].to_numpy().reshape(2, 2))
        tests = tests.with_columns(
            pl.col("question").replace_strict(fisher, default=None, return_dtype=pl.Float64).alias("fisher_p")
        )
    below = pl.col("cells_expected_below_5")
    warning = pl.format(
        "{} van de {} cellen hebben een verwachte frequentie onder 5; "
        "de chi-kwadraattoets is daar niet betrouwbaar",
        below,
        pl.col("_cells"),
    ) + pl.when(pl.col("fisher_p").is_not_null()).then(pl.lit(" (zie Fishers exacte toets)")).otherwise(
        pl.lit("")
    )
    tests = tests.with_columns(pl.when(below > 0).then(warning).alias("warning"))
    for column in ("p_first_order", "f", "ndf", "ddf", "mean_deff"):
        if column not in tests.columns:
            tests = tests.with_columns(pl.lit(None, dtype=pl.Float64).alias(column))
    if "test" not in tests.columns:
        tests = tests.with_columns(pl.lit("pearson").alias("test"))
    return Crosstab(
        table=table.select(pl.col(name).cast(dtype) for name, dtype in CROSSTAB_SCHEMA.items()),
        tests=tests.select(pl.col(name).cast(dtype) for name, dtype in TESTS_SCHEMA.items()),
    )


@table_options
def crosstab_from_counts(
    counts: FrameLike, questions: Sequence[Question], by: str, **options: Unpack[TableOptions]
) -> Crosstab:
    """Crosstab of every closed question by group column ``by`` of a counts frame.

    Answers with an unknown group (null) are left out. See :func:`crosstab` (its options:
    :class:`~bejegening.stats._frequencies.TableOptions`).

    Weighted counts (columns ``w``, ``w2``) carry no respondents, strata or clusters, so no
    design-based test can be computed from them: the test is then Pearson's X² on the weighted
    table rescaled to Kish's effective n, (Σw)²/Σw² of the question's tested answers (``test =
    "pearson_kish"``; Kish 1965, *Survey Sampling*, §11.7). That corrects for unequal weights
    only, not for how the design effect differs between cells, and is *not* equivalent to
    Rao-Scott (the conclusion at 5% can differ). Where the respondents' answers exist, use
    :func:`crosstab` or :func:`bejegening.stats.tabulate` with ``weight``/``design``: they report
    Rao and Scott's test (``test = "rao_scott"``, R's ``svychisq``). No Fisher test on weighted
    counts.
    """
    if isinstance(counts, pl.LazyFrame):
        # The (possibly large) count runs on the default engine; the small rest in memory.
        counts = counts.collect()
    table, tests = crosstab_plan(counts, questions, by, **options)
    collected_table, collected_tests = pl.collect_all([table, tests], engine="in-memory")
    return finish_crosstab(collected_table, collected_tests)


def crosstab(
    answers: FrameLike,
    questions: Sequence[Question],
    by: str,
    *,
    survey_id: str,
    weight: str | None = None,
    confidence: float = 0.95,
    method: IntervalMethod = "wilson",
    sampling: Sampling | str | None = None,
    respondent: str = "respondent",
    design: SampleDesign | None = None,
) -> Crosstab:
    """Crosstab of every closed question by the background column ``by`` of long-form answers.

    ``table``: counts, column bases and column percentages (fractions) with intervals per
    question × option × group (same base rules as :func:`frequencies`: substantive answers
    for single/Likert, respondents for multiple response). ``tests``: per single/Likert question
    Pearson's chi-square test of independence over the substantive options (scipy's chi-square
    distribution; no continuity correction), Cramér's V, Fisher's exact test when the table is
    2×2 and an expected count is below 5, and a Dutch ``warning`` when expected counts are below 5.
    With ``weight`` or a ``design`` (:class:`bejegening.SampleDesign`), percentages are weighted
    and the test is Rao and Scott's (:func:`bejegening.stats.rao_scott_test`, R's ``svychisq``) over
    the substantive answers, with the design's strata and clusters; no Fisher test then.
    (:func:`crosstab_from_counts` has only counts: its weighted test is Kish's first-order
    rescaling, ``test = "pearson_kish"``.)
    """
    counts = answer_counts(answers, questions, by=[by], weight=weight, respondent=respondent)
    result = crosstab_from_counts(
        counts, questions, by, survey_id=survey_id, confidence=confidence, method=method, sampling=sampling
    )
    return with_design_tests(result, answers, questions, by, weight=weight, design=design)


def with_design_tests(
    result: Crosstab,
    answers: FrameLike,
    questions: Sequence[Question],
    by: str,
    *,
    weight: str | None,
    design: SampleDesign | None,
) -> Crosstab:
    """A crosstab's tests by Rao and Scott (:func:`rao_scott_tests`) when the answers are weighted
    or come with a ``design`` — the one place that decides them; otherwise ``result`` unchanged."""
    if weight is None and design is None:
        return result
    return Crosstab(
        table=result.table,
        tests=rao_scott_tests(answers, questions, by, result.tests, weight=weight, design=design),
    )


def rao_scott_tests(
    answers: FrameLike,
    questions: Sequence[Question],
    by: str,
    tests: pl.DataFrame,
    *,
    weight: str | None,
    design: SampleDesign | None,
) -> pl.DataFrame:
    """Replace the tests of weighted/complex-sample crosstabs by Rao-Scott's."""
    frame = answers.lazy().with_columns(pl.col("question").cast(pl.String), pl.col("option").cast(pl.String))
    by_id = {q.id: q for q in questions}
    replaced = []
    for row in tests.iter_rows(named=True):
        question = by_id[row["question"]]
        keep = [o.id for o in question.options if o.valence is not Valence.non_substantive]
        row |= {"fisher_p": None, "weighted": True, "test": "rao_scott"}
        try:
            found = rao_scott_test(
                frame.filter(pl.col("question") == question.id),
                "option",
                by,
                weight=weight,
                design=design,
                keep=keep,
            )
        except ValueError:
            row |= {"chi2": None, "p_value": None, "cramers_v": None}
        else:
            row |= {
                "n": float(found.n),
                "chi2": found.pearson,
                "dof": found.dof,
                "p_value": found.p_value,
                "p_first_order": found.first_order_p,
                "f": found.f,
                "ndf": found.ndf,
                "ddf": found.ddf,
                "mean_deff": found.mean_deff,
                "cramers_v": float(np.sqrt(found.pearson / (found.n * (min(found.rows, found.cols) - 1)))),
            }
            if row["warning"] is not None:
                row["warning"] = row["warning"].replace(" (zie Fishers exacte toets)", "")
        replaced.append(row)
    return pl.DataFrame(replaced, schema=TESTS_SCHEMA)
