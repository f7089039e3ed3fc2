"""View of a numeric question's figures: n, mean with its interval, median, quartiles, the
smallest and largest answer (only when enough people share them) and the histogram's groups,
in Dutch text (:class:`bejegening.report.NumericReport`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from bejegening._nl import format_int, format_number, format_pct
from bejegening.model import Question, QuestionType

if TYPE_CHECKING:
    from bejegening.report import SurveyReport

__all__ = ["PROTECTED", "NumericBin", "NumericView", "bin_label", "number_text", "numeric_view"]

PROTECTED = "niet getoond om personen te beschermen"
"""Said instead of a smallest or largest answer that fewer than k people gave."""


def number_text(value: float | None, decimals: int = 1) -> str:
    """A number in Dutch notation: whole numbers without decimals (``5``), others with
    ``decimals`` (``7,8``); ``None`` → ``onbekend``."""
    if value is not None and float(value).is_integer():
        return format_number(value, 0)
    return format_number(value, decimals)


def bin_label(low: float, high: float, integer: bool) -> str:
    """A histogram group in words: ``0 t/m 4`` for whole numbers (``[0, 5)``), ``3`` for a
    group of one value, else ``0 tot 2,5``."""
    if integer:
        last = high - 1
        return number_text(low) if last <= low else f"{number_text(low)} t/m {number_text(last)}"
    return f"{number_text(low, 2)} tot {number_text(high, 2)}"


@dataclass(frozen=True)
class NumericBin:
    """One histogram group: its label, count and share of the answers."""

    label: str
    n: int
    count: str
    pct: str


@dataclass(frozen=True)
class NumericView:
    """The figures of one numeric question, as text."""

    n: str
    n_missing: str
    too_few: bool
    mean: str
    mean_interval: str
    sd: str
    median: str
    q1: str
    q3: str
    minimum: str
    maximum: str
    min_shown: bool
    max_shown: bool
    bins: tuple[NumericBin, ...]
    weighted: bool


def numeric_view(question: Question, report: SurveyReport) -> NumericView | None:
    """The view of a numeric ``question`` of ``report``; None for other questions or without
    answers."""
    if question.type is not QuestionType.numeric:
        return None
    summary = report.numeric.summary.filter(pl.col("question") == question.id)
    if summary.is_empty():
        return None
    row = summary.row(0, named=True)
    bins = report.numeric.histograms.filter(pl.col("question") == question.id)
    total = int(bins.get_column("n").sum()) if bins.height else 0
    data = report.bundle.responses_data
    return NumericView(
        n=format_int(row["n"]),
        n_missing=format_int(row["n_missing"]),
        too_few=bool(row["too_few"]),
        mean=number_text(row["mean"]),
        mean_interval=(
            f"{number_text(row['ci_low'])} tot {number_text(row['ci_high'])}"
            if row["ci_low"] is not None and row["ci_high"] is not None
            else ""
        ),
        sd=number_text(row["sd"]),
        median=number_text(row["median"]),
        q1=number_text(row["q1"]),
        q3=number_text(row["q3"]),
        minimum=number_text(row["min"]) if row["min_shown"] else PROTECTED,
        maximum=number_text(row["max"]) if row["max_shown"] else PROTECTED,
        min_shown=bool(row["min_shown"]),
        max_shown=bool(row["max_shown"]),
        bins=tuple(
            NumericBin(
                label=bin_label(b["low"], b["high"], b["integer"]),
                n=int(b["n"]),
                count=format_int(b["n"]),
                pct=format_pct(b["n"] / total, 0) if total else "",
            )
            for b in bins.iter_rows(named=True)
        ),
        weighted=data is not None and data.weight is not None,
    )
