"""The check result table: statuses, rules, columns, one row, and each rule's Dutch name and text.

A rule family (one module per family: ``_pairs``, ``_sums``, ``_single``, ``_respondents``,
``_verbal``, ``_significance``, ``_means``, ``_deviations``) declares its rules as
:class:`RuleInfo` values: the rule id, its Dutch name and its Dutch explanation, written once
and shown by both the CLI (``bejegening check``) and the site (Cijfercontrole page).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import polars as pl

from bejegening.checks._status import CheckStatus

__all__ = ["CHECK_SCHEMA", "CheckRow", "CheckRule", "CheckStatus", "RuleInfo", "check_frame"]


class CheckRule(StrEnum):
    """Which rule produced a row (see :mod:`bejegening.checks` and each family's module)."""

    count_percentage = "count_percentage"
    base_stated = "base_stated"
    percentage_base = "percentage_base"
    count_base = "count_base"
    percentage_sum = "percentage_sum"
    count_sum = "count_sum"
    respondents = "respondents"
    mean = "mean"
    debit = "debit"
    grimmer = "grimmer"
    verbal = "verbal"
    significance = "significance"
    no_figure = "no_figure"


@dataclass(frozen=True)
class RuleInfo:
    """One rule as visitors read it: its Dutch ``name`` and ``explanation`` (written once here,
    shown by the CLI and the site)."""

    rule: CheckRule
    name: str
    explanation: str


CHECK_SCHEMA: Mapping[str, pl.DataType] = {
    "survey": pl.String(),
    "question": pl.String(),
    "figure": pl.String(),
    "status": pl.String(),
    "consistent_n": pl.List(pl.Int64()),
    "explanation": pl.String(),
    "rule": pl.String(),
    "finding": pl.String(),
    # Added after the agreed columns:
    "suggested": pl.String(),
    "figure_n": pl.List(pl.Int64()),
    "rounding": pl.String(),
    "decimals": pl.Int64(),
    "interval_low": pl.Float64(),
    "interval_high": pl.Float64(),
    "interval_unit": pl.String(),
    "claim": pl.String(),
}
"""Columns of the check result table.

``consistent_n``: bases consistent with this figure together with the figures it was checked
against (empty when none); ``figure_n``: bases consistent with this figure on its own;
``suggested``: what an odd figure would have been; ``rounding``/``decimals``: the rounding rule
assumed; ``interval_low``/``interval_high``/``interval_unit`` (``fraction`` or ``count``): the
interval a verbal quantifier stands for; ``claim``: the claim id for ``significance`` rows.
"""


@dataclass
class CheckRow:
    """One row of the check result table (see :data:`CHECK_SCHEMA`)."""

    survey: str
    question: str | None
    figure: str
    status: CheckStatus
    explanation: str
    rule: CheckRule
    finding: str | None = None
    consistent_n: list[int] = field(default_factory=list)
    suggested: str | None = None
    figure_n: list[int] = field(default_factory=list)
    rounding: str | None = None
    decimals: int | None = None
    interval_low: float | None = None
    interval_high: float | None = None
    interval_unit: str | None = None
    claim: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in CHECK_SCHEMA}


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, StrEnum) else value


def check_frame(rows: Iterable[CheckRow]) -> pl.DataFrame:
    """Rows as a check result table (columns and types of :data:`CHECK_SCHEMA`)."""
    return pl.DataFrame([r.as_dict() for r in rows], schema=dict(CHECK_SCHEMA))
