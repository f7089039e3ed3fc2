"""Rule family "means": a printed mean of an integer scale must be possible (GRIM).

A mean is consistent when some whole total of answers divided by ``n · items`` rounds to it
(Brown & Heathers 2017).  :func:`check_means` checks a table of means; :func:`check` the means a
survey's findings print.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import polars as pl

from bejegening._nl import format_int, format_number
from bejegening.checks._context import SortKey, SurveyContext
from bejegening.checks._grim import grim_can_fail, grim_totals, mean_decimals
from bejegening.checks._rounding import Rounding, scaled_value
from bejegening.checks._rules import CheckRow, CheckRule, CheckStatus, RuleInfo, check_frame
from bejegening.checks._text import and_list

__all__ = ["RULES", "check", "check_means", "mean_rows"]

RULES = (
    RuleInfo(
        CheckRule.mean,
        "Gemiddelde",
        "Een gemiddelde van hele getallen moet mogelijk zijn bij het aantal personen (GRIM-toets).",
    ),
)


def check(ctx: SurveyContext) -> list[tuple[SortKey, CheckRow]]:
    """A row per finding that prints a mean; after every other row, in finding order."""
    bundle = ctx.bundle
    records = [
        {
            "survey": bundle.id,
            "question": f.question,
            "mean": f.mean,
            "n": f.base if f.base is not None else f.count,
            "items": f.items,
            "scale_min": f.scale_min,
            "scale_max": f.scale_max,
            "figure": f.figure,
            "finding": f.id,
        }
        for f in bundle.findings
        if f.mean is not None
    ]
    return [(ctx.key(None, 9, i), row) for i, row in enumerate(_rows(records, ctx.rounding))]


def check_means(
    means: pl.DataFrame,
    *,
    rounding: Rounding = Rounding.half_up,
) -> pl.DataFrame:
    """GRIM-check reported means of integer scales; returns the check result table.

    ``means`` has columns ``survey``, ``question``, ``mean`` (String, as printed, so trailing
    zeros count: ``"3.40"``), ``n`` (Int64, null when unknown) and optionally ``items``
    (questions averaged, default 1), ``scale_min``/``scale_max`` (the answer scale, e.g. 1 and
    5), ``figure`` (as printed) and ``finding``.  A mean is consistent when some whole total of
    answers divided by ``n · items`` rounds to it (Brown & Heathers 2017).
    """
    return check_frame(mean_rows(means, rounding=rounding))


def mean_rows(means: pl.DataFrame, *, rounding: Rounding = Rounding.half_up) -> list[CheckRow]:
    """The rows of :func:`check_means`."""
    return _rows(means.iter_rows(named=True), rounding)


def _rows(records: Iterable[Mapping[str, Any]], rounding: Rounding) -> list[CheckRow]:
    """One row per mean: ``records`` have the columns of :func:`check_means` (optional ones may
    be missing); a survey's findings and a table of means are checked by this one loop."""
    rows: list[CheckRow] = []
    for record in records:
        mean_text = str(record["mean"]).strip()
        n = record.get("n")
        items = int(record["items"]) if record.get("items") is not None else 1
        scale = None
        if record.get("scale_min") is not None and record.get("scale_max") is not None:
            scale = (int(record["scale_min"]), int(record["scale_max"]))
        d = mean_decimals(mean_text)
        shown = mean_text.replace(".", ",")
        figure = record.get("figure") or f"gemiddelde {shown}"
        common: dict[str, Any] = {
            "survey": record["survey"],
            "question": record.get("question"),
            "figure": figure,
            "rule": CheckRule.mean,
            "finding": record.get("finding"),
            "rounding": rounding.value,
            "decimals": d,
        }
        if n is None:
            rows.append(
                CheckRow(
                    status=CheckStatus.niet_toetsbaar,
                    explanation=f"Gemiddelde {shown} zonder n: niet na te rekenen.",
                    **common,
                )
            )
            continue
        totals = grim_totals(mean_text, int(n), items=items, decimals=d, rounding=rounding, scale=scale)
        per = f"{format_int(int(n))} personen" + (f" × {items} vragen" if items > 1 else "")
        if totals:
            t = totals[0]
            text = (
                f"Klopt: een totaal van {format_int(t)} punten over {per} geeft "
                f"{format_number(float(Fraction(t, int(n) * items)), d + 1)}, afgerond {shown}."
            )
            if not grim_can_fail(int(n), d, items=items):
                text += (
                    f" Dit zegt weinig: bij {per} past elk gemiddelde met {d} "
                    f"{'decimaal' if d == 1 else 'decimalen'} "
                    f"(de GRIM-toets kan alleen iets vinden bij minder dan {format_int(10**d)} antwoorden)."
                )
            rows.append(
                CheckRow(status=CheckStatus.consistent, explanation=text, consistent_n=[int(n)], **common)
            )
            continue
        total_n = int(n) * items
        value = Fraction(scaled_value(mean_text, d), 10**d)
        below = int(value * total_n)
        neighbours = [t for t in (below, below + 1) if t >= 0]
        shown_neighbours = and_list(
            [f"{format_int(t)} geeft {format_number(float(Fraction(t, total_n)), d + 1)}" for t in neighbours]
        )
        reason = (
            f"met {per} kan het totaal alleen een heel getal zijn: {shown_neighbours}."
            if scale is None or not _outside(value, scale)
            else f"het gemiddelde ligt buiten de schaal {scale[0]}–{scale[1]}."
        )
        rows.append(
            CheckRow(
                status=CheckStatus.inconsistent,
                explanation=f"Klopt niet: gemiddelde {shown} is onmogelijk; {reason}",
                **common,
            )
        )
    return rows


def _outside(value: Fraction, scale: tuple[int, int]) -> bool:
    return value < scale[0] or value > scale[1]
