"""Check every published figure of a survey; one row per figure and rule (the check result table).

The rules come in families, one module per family; each declares its rules (:class:`RuleInfo`:
id, Dutch name, Dutch explanation) as ``RULES`` and checks one survey with ``check(context)``,
returning its rows with their place in the table.  A new family is one module added to
:data:`FAMILIES`:

=========================  ==================================================================
module                     rules
=========================  ==================================================================
:mod:`._pairs`             ``count_percentage``, ``base_stated``
:mod:`._respondents`       ``respondents``
:mod:`._single`            ``percentage_base``, ``count_base``, ``no_figure``
:mod:`._verbal`            ``verbal``
:mod:`._sums`              ``percentage_sum``, ``count_sum``
:mod:`._significance`      ``significance``
:mod:`._means`             ``mean`` (GRIM)
:mod:`._deviations`        ``debit`` (DEBIT), ``grimmer`` (GRIMMER)
=========================  ==================================================================

Rows are ordered per question (questionnaire order): its pairs (each with the base printed
beside it), the respondents check, the sums; then findings about no question, significance
claims and means (each mean followed by its SD's DEBIT or GRIMMER row).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Protocol

import polars as pl

from bejegening.checks import (
    _deviations,
    _means,
    _pairs,
    _respondents,
    _significance,
    _single,
    _sums,
    _verbal,
)
from bejegening.checks._context import SortKey, SurveyContext
from bejegening.checks._counts import DEFAULT_MAX_N
from bejegening.checks._rounding import Rounding
from bejegening.checks._rules import CheckRow, CheckRule, RuleInfo, check_frame
from bejegening.io import SurveyBundle

__all__ = [
    "FAMILIES",
    "RULES",
    "RuleFamily",
    "base_candidates",
    "check_all",
    "check_survey",
    "inferred_bases",
]


class RuleFamily(Protocol):
    """A rule family module: its rules and the check of one survey."""

    RULES: tuple[RuleInfo, ...]

    def check(self, ctx: SurveyContext) -> list[tuple[SortKey, CheckRow]]: ...


def _family(module: RuleFamily) -> RuleFamily:
    """A module as a rule family (type-checked against :class:`RuleFamily`)."""
    return module


FAMILIES: tuple[RuleFamily, ...] = tuple(
    _family(module)
    for module in (_pairs, _respondents, _single, _verbal, _sums, _significance, _means, _deviations)
)
"""Every rule family, in the order their rows are collected (the table is then sorted)."""

RULES: Mapping[str, RuleInfo] = MappingProxyType(
    {info.rule.value: info for family in FAMILIES for info in family.RULES}
)
"""Rule id → its Dutch name and explanation, for the CLI and the site."""


def check_survey(
    bundle: SurveyBundle,
    *,
    rounding: Rounding = Rounding.half_up,
    decimals: int | None = None,
    max_n: int = DEFAULT_MAX_N,
) -> pl.DataFrame:
    """Check every published figure of one survey; returns the check result table.

    ``rounding`` is the rule the publisher is assumed to have used (half-up by default);
    ``decimals`` the printed decimals of percentages (``None``: as printed per figure; a
    figure printed with more decimals keeps its own); ``max_n`` the largest base searched.
    Columns: see :data:`CHECK_SCHEMA`.  Never changes a figure: it only says whether it fits.
    """
    if max_n < 1:
        raise ValueError("max_n moet minstens 1 zijn")
    ctx = SurveyContext(bundle, rounding, decimals, max_n)
    keyed = [item for family in FAMILIES for item in family.check(ctx)]
    keyed.sort(key=lambda item: item[0])
    return check_frame(row for _, row in keyed)


def check_all(
    bundles: Iterable[SurveyBundle],
    *,
    rounding: Rounding = Rounding.half_up,
    decimals: int | None = None,
    max_n: int = DEFAULT_MAX_N,
) -> pl.DataFrame:
    """:func:`check_survey` for several surveys, in the given order, as one table."""
    frames = [check_survey(b, rounding=rounding, decimals=decimals, max_n=max_n) for b in bundles]
    return pl.concat(frames, how="vertical") if frames else check_frame([])


def base_candidates(checks: pl.DataFrame, *, survey: str | None = None) -> dict[str, tuple[int, ...]]:
    """Per question: every base n its published (count, percentage) figures fit, ascending.

    The one place a question's inferred base is read from the check result table: the union of
    ``consistent_n`` over the question's ``count_percentage`` rows, i.e. the bases of the largest
    consistent subsets of its pairs (when one figure is an odd one out, as in WPI question 6,
    the others still pin the base down).  Questions without such pairs, or where no n fits any
    of them, are left out.  A table of several surveys needs ``survey=``.
    """
    frame = checks.filter(
        pl.col("rule") == CheckRule.count_percentage.value, pl.col("question").is_not_null()
    )
    if survey is not None:
        frame = frame.filter(pl.col("survey") == survey)
    elif checks.get_column("survey").n_unique() > 1:
        raise ValueError("de tabel bevat meer dan één enquête; geef survey= op")
    result = (
        frame.select("question", "consistent_n")
        .explode("consistent_n")
        .drop_nulls("consistent_n")
        .group_by("question", maintain_order=True)
        .agg(pl.col("consistent_n").unique().sort())
    )
    return {str(q): tuple(int(n) for n in ns) for q, ns in result.iter_rows()}


def inferred_bases(
    checks: pl.DataFrame | SurveyBundle,
    *,
    survey: str | None = None,
    rounding: Rounding = Rounding.half_up,
) -> dict[str, int]:
    """Per question: the base n to use for intervals when the source states none.

    The *smallest* of :func:`base_candidates`.  Why smallest: every candidate fits the published
    figures equally well, and a smaller n gives a wider confidence interval, so the site never
    claims more precision than the figures support.  ``checks`` is a check result table (several
    surveys need ``survey=``) or a bundle (checked with ``rounding``).
    """
    if isinstance(checks, SurveyBundle):
        checks = check_survey(checks, rounding=rounding)
    return {q: ns[0] for q, ns in base_candidates(checks, survey=survey).items()}
