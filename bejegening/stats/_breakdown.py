"""Breakdowns of every closed question by every background variable, as they may be published.

For one survey and its background variables (``responses.background``), per variable:

- the crosstab (:func:`bejegening.crosstab`: column percentages with Wilson intervals per group)
  of the substantive answers only ("weet niet" per group is not published), with small cells
  suppressed (:func:`bejegening.suppress_crosstab`); a group that answered a
  question with fewer than *k* people is *too small to show*: all its cells are hidden (as
  primary suppression, so the secondary rules protect them in the row totals too) and its base
  is withheld;
- per single-choice or Likert question, one test of independence over the groups that are shown
  and the substantive options: Fisher's exact test when an expected count is below 5 (2×2 exact;
  larger tables by Monte Carlo with a fixed seed, so builds are reproducible: scipy's
  ``fisher_exact`` with ``MonteCarloMethod``), else Pearson's chi-square; with Cramér's V;
- the p-values of all tests of the survey adjusted together with Holm's method: only an adjusted
  p below ``alpha`` counts as a difference (``significant``);
- per question and variable, the difference between the two largest shown groups in the share
  of the most chosen answer shown for both, with Newcombe's hybrid score interval
  (:func:`bejegening.newcombe_difference`), only when both cells are shown.

Weighted answers: percentages are weighted; the test is the one :func:`bejegening.crosstab` gives
for weighted answers over the shown groups (Rao-Scott corrected chi-square), never Fisher.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from bejegening.model import Question, QuestionType, Sampling, Valence
from bejegening.stats._compare import holm_adjust, newcombe_difference
from bejegening.stats._crosstab import chi_square_test, crosstab
from bejegening.stats._frames import FrameLike
from bejegening.stats._suppress import suppress_crosstab

__all__ = [
    "BREAKDOWN_TESTS_SCHEMA",
    "DIFFERENCES_SCHEMA",
    "FISHER_RESAMPLES",
    "FISHER_SEED",
    "Breakdowns",
    "breakdowns",
    "independence_test",
]

FISHER_SEED = 20240501
"""Seed of the Monte Carlo Fisher test for tables larger than 2×2 (reproducible builds)."""
FISHER_RESAMPLES = 20_000
"""Monte Carlo resamples of that test (standard error of p below 0,004)."""

BREAKDOWN_TESTS_SCHEMA: dict[str, pl.DataType] = {
    "survey": pl.String(),
    "question": pl.String(),
    "by": pl.String(),
    "test": pl.String(),
    "statistic": pl.Float64(),
    "dof": pl.Int64(),
    "p_value": pl.Float64(),
    "p_holm": pl.Float64(),
    "tests_in_survey": pl.Int64(),
    "cramers_v": pl.Float64(),
    "n": pl.Float64(),
    "groups": pl.Int64(),
    "min_expected": pl.Float64(),
    "significant": pl.Boolean(),
}
"""One row per (single/Likert question, background variable) with at least two shown groups:
``test`` is ``"chi2"`` or ``"fisher"``; ``p_holm`` is Holm-adjusted over all ``tests_in_survey``
tests; ``significant`` is ``p_holm < alpha``."""

DIFFERENCES_SCHEMA: dict[str, pl.DataType] = {
    "survey": pl.String(),
    "question": pl.String(),
    "by": pl.String(),
    "option": pl.String(),
    "label": pl.String(),
    "group_a": pl.String(),
    "group_b": pl.String(),
    "n_a": pl.Int64(),
    "base_a": pl.Int64(),
    "n_b": pl.Int64(),
    "base_b": pl.Int64(),
    "pct_a": pl.Float64(),
    "pct_b": pl.Float64(),
    "diff": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
}
"""The difference ``pct_a − pct_b`` (fractions) with its Newcombe interval."""


@dataclass(frozen=True)
class Breakdowns:
    """Result of :func:`breakdowns`."""

    table: pl.DataFrame
    """Suppressed crosstab rows (``bejegening.CROSSTAB_SCHEMA`` plus ``suppressed``,
    ``suppression`` and ``too_small``: the group is too small to show for this question)."""
    tests: pl.DataFrame
    """See :data:`BREAKDOWN_TESTS_SCHEMA`."""
    differences: pl.DataFrame
    """See :data:`DIFFERENCES_SCHEMA`."""


def independence_test(counts: np.ndarray, *, weighted: bool = False) -> dict[str, float | int | str]:
    """Test of independence of an options × groups table of counts (empty rows/columns dropped).

    Fisher's exact test when an expected count is below 5 (unweighted only): exact for 2×2,
    Monte Carlo (:data:`FISHER_RESAMPLES`, seed :data:`FISHER_SEED`) for larger tables; else
    Pearson's chi-square without continuity correction. Cramér's V always from the chi-square
    statistic. Returns ``test, statistic, dof, p_value, cramers_v, n, min_expected``.
    """
    array = np.asarray(counts, dtype=np.float64)
    array = array[array.sum(axis=1) > 0][:, array.sum(axis=0) > 0]
    chi = chi_square_test(array)
    result: dict[str, float | int | str] = {
        "test": "chi2",
        "statistic": chi.statistic,
        "dof": chi.dof,
        "p_value": chi.p_value,
        "cramers_v": chi.cramers_v,
        "n": chi.n,
        "min_expected": chi.min_expected,
    }
    if weighted or array.shape[0] < 2 or array.shape[1] < 2 or not chi.min_expected < 5:
        return result
    from scipy import stats as scipy_stats  # noqa: PLC0415  (slow import, deferred)

    table = array.astype(np.int64)
    if table.shape == (2, 2):
        fisher = scipy_stats.fisher_exact(table)
    else:
        method = scipy_stats.MonteCarloMethod(
            n_resamples=FISHER_RESAMPLES, rng=np.random.default_rng(FISHER_SEED)
        )
        fisher = scipy_stats.fisher_exact(table, method=method)
    result["test"] = "fisher"
    result["p_value"] = float(fisher.pvalue)
    return result


_ADJUSTED = ("p_holm", "tests_in_survey", "significant")
_SUBSTANTIVE = (pl.col("valence") != Valence.non_substantive.value).fill_null(True)


def _tested(question: Question) -> bool:
    return question.type in (QuestionType.single, QuestionType.likert)


def breakdowns(
    answers: FrameLike,
    questions: Sequence[Question],
    background: Sequence[str],
    *,
    survey_id: str,
    k: int,
    alpha: float = 0.05,
    weight: str | None = None,
    sampling: Sampling | str | None = None,
) -> Breakdowns:
    """Crosstabs, tests and group differences of every closed question by each of ``background``.

    ``answers`` is long form with the background columns (:func:`bejegening.answers_from_wide`
    with ``background=...``); ``k`` the survey's small-cell threshold. See the module docstring
    for the rules. Raises nothing for empty input: the frames are then empty.
    """
    lazy = answers.lazy() if isinstance(answers, pl.DataFrame) else answers
    tables: list[pl.DataFrame] = []
    test_rows: list[dict[str, object]] = []
    diff_rows: list[dict[str, object]] = []
    by_id = {q.id: q for q in questions}
    for by in background:
        ct = crosstab(lazy, questions, by, survey_id=survey_id, weight=weight, sampling=sampling)
        # Only the substantive answers: publishing "weet niet" per group next to the valid base
        # would give away a second total per group (and these rows are nearly always small).
        table = ct.table.filter(_SUBSTANTIVE).with_columns(pl.col("group").cast(pl.String))
        # A group is too small when fewer than k people gave it a substantive answer (multiple
        # response: answered the question).
        group_base = pl.col("base").filter(_SUBSTANTIVE).max().over("question", "group")
        table = table.with_columns((group_base.fill_null(0) < k).alias("too_small"))
        withheld = table.with_columns(
            pl.col("too_small").alias("suppressed"),
            pl.when(pl.col("too_small")).then(None).otherwise(pl.col("base")).alias("base"),
        )
        protected = suppress_crosstab(withheld, k, questions=questions)
        tables.append(protected)
        for (question_id,), part in protected.group_by("question", maintain_order=True):
            question = by_id.get(str(question_id))
            if question is None:
                continue
            shown = part.filter(~pl.col("too_small"))
            groups = shown.get_column("group").unique(maintain_order=True).to_list()
            if _tested(question) and len(groups) >= 2:
                raw = table.filter((pl.col("question") == question_id) & ~pl.col("too_small") & _SUBSTANTIVE)
                options = raw.get_column("option").unique(maintain_order=True).to_list()
                counts = np.array(
                    [
                        [
                            float(raw.filter((pl.col("option") == o) & (pl.col("group") == g))["n"].sum())
                            for g in groups
                        ]
                        for o in options
                    ]
                )
                result = independence_test(counts, weighted=weight is not None)
                if weight is not None:
                    result = _weighted_test(
                        lazy,
                        question,
                        by,
                        groups,
                        survey_id=survey_id,
                        weight=weight,
                        sampling=sampling,
                        fallback=result,
                    )
                if result["p_value"] is not None and not np.isnan(float(result["p_value"])):
                    test_rows.append(
                        {
                            "survey": survey_id,
                            "question": question_id,
                            "by": by,
                            "groups": len(groups),
                            **result,
                        }
                    )
            diff = _difference(survey_id, by, question, shown, table)
            if diff is not None:
                diff_rows.append(diff)
    unadjusted = {c: t for c, t in BREAKDOWN_TESTS_SCHEMA.items() if c not in _ADJUSTED}
    tests = pl.DataFrame(test_rows, schema=unadjusted)
    adjusted = holm_adjust(tests["p_value"].to_numpy()) if tests.height else np.array([])
    tests = tests.with_columns(
        pl.Series("p_holm", adjusted, dtype=pl.Float64),
        pl.lit(tests.height, dtype=pl.Int64).alias("tests_in_survey"),
    ).with_columns((pl.col("p_holm") < alpha).alias("significant"))
    table = pl.concat(tables, how="vertical") if tables else pl.DataFrame()
    return Breakdowns(
        table=table,
        tests=tests.select(pl.col(c).cast(t) for c, t in BREAKDOWN_TESTS_SCHEMA.items()),
        differences=pl.DataFrame(diff_rows, schema=DIFFERENCES_SCHEMA),
    )


def _weighted_test(
    answers: pl.LazyFrame,
    question: Question,
    by: str,
    groups: Sequence[str],
    *,
    survey_id: str,
    weight: str,
    sampling: Sampling | str | None,
    fallback: dict[str, float | int | str],
) -> dict[str, float | int | str]:
    """Weighted answers: the test :func:`bejegening.crosstab` gives over the shown groups
    (Rao-Scott corrected chi-square), with Cramér's V from the unweighted table."""
    shown = answers.filter(pl.col(by).cast(pl.String).is_in(list(groups)))
    tests = crosstab(shown, [question], by, survey_id=survey_id, weight=weight, sampling=sampling).tests
    rows = tests.filter(pl.col("question") == question.id).to_dicts()
    if not rows or rows[0]["p_value"] is None:
        return fallback
    row = rows[0]
    return {
        **fallback,
        "test": str(row.get("test") or "rao_scott"),
        "statistic": row["chi2"] if row.get("chi2") is not None else fallback["statistic"],
        "p_value": float(row["p_value"]),
    }


def _difference(
    survey_id: str, by: str, question: Question, shown: pl.DataFrame, raw: pl.DataFrame
) -> dict[str, object] | None:
    """The two largest shown groups' shares of the most chosen substantive answer that is shown for
    both (by overall count), and their difference; None when there is no such answer."""
    sub = shown.filter(_SUBSTANTIVE)
    if sub.is_empty():
        return None
    bases = (
        sub.group_by("group", maintain_order=True)
        .agg(pl.col("base").max())
        .drop_nulls()
        .sort(["base", "group"], descending=[True, False])
    )
    if bases.height < 2:
        return None
    group_a, group_b = bases["group"][0], bases["group"][1]
    totals = (
        raw.filter(pl.col("question") == question.id)
        .group_by("option", maintain_order=True)
        .agg(pl.col("n").sum())
        .sort("n", descending=True, maintain_order=True)
    )
    candidates = [o for o in totals["option"].to_list() if o in set(sub["option"].to_list())]
    for option in candidates:
        cells = sub.filter(pl.col("option") == option)
        a = cells.filter(pl.col("group") == group_a).to_dicts()
        b = cells.filter(pl.col("group") == group_b).to_dicts()
        if a and b and not a[0]["suppressed"] and not b[0]["suppressed"]:
            break
    else:
        return None
    a_row, b_row = a[0], b[0]
    diff, low, high = newcombe_difference(a_row["n"], a_row["base"], b_row["n"], b_row["base"])
    return {
        "survey": survey_id,
        "question": question.id,
        "by": by,
        "option": option,
        "label": a_row["label"],
        "group_a": group_a,
        "group_b": group_b,
        "n_a": a_row["n"],
        "base_a": a_row["base"],
        "n_b": b_row["n"],
        "base_b": b_row["base"],
        "pct_a": a_row["pct"],
        "pct_b": b_row["pct"],
        "diff": diff,
        "ci_low": low,
        "ci_high": high,
    }
