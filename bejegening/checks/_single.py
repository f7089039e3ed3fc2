"""Rule family "single figures": a percentage or a count printed on its own, or no figure at all.

``percentage_base`` / ``count_base``
    A percentage without a count (or a count without a percentage) is checked against the base:
    "7% van 50" is impossible because 3 of 50 is 6% and 4 of 50 is 8%.
``no_figure``
    A statement without any number or quantifier: recorded, nothing to check.
"""

from __future__ import annotations

from typing import Any

from bejegening._nl import format_int
from bejegening.checks._context import SortKey, SurveyContext, exact
from bejegening.checks._counts import possible_counts, printed_percentage
from bejegening.checks._rules import CheckRow, CheckRule, CheckStatus, RuleInfo
from bejegening.checks._text import and_list, bases_text, pct, printed_pct
from bejegening.model import Finding

__all__ = ["RULES", "check"]

RULES = (
    RuleInfo(
        CheckRule.percentage_base,
        "Percentage zonder aantal",
        "Een percentage zonder aantal moet mogelijk zijn bij het totaal.",
    ),
    RuleInfo(
        CheckRule.count_base,
        "Aantal zonder percentage",
        "Een aantal zonder percentage mag niet groter zijn dan het totaal.",
    ),
    RuleInfo(
        CheckRule.no_figure,
        "Geen getal",
        "Een uitspraak zonder getal of woord voor een aantal: er is niets na te rekenen.",
    ),
)


def check(ctx: SurveyContext) -> list[tuple[SortKey, CheckRow]]:
    """A row per finding with only a percentage, only a count, or no figure (nor mean) and no words."""
    rows: list[tuple[SortKey, CheckRow]] = []
    for finding in ctx.bundle.findings:
        if finding.quantifier or (finding.count is not None and finding.percentage is not None):
            continue  # words: the verbal family; a pair: the pairs family
        if finding.percentage is not None:
            row = percentage_only_row(ctx, finding)
        elif finding.count is not None:
            row = count_only_row(ctx, finding)
        elif finding.mean is not None:
            continue  # a mean (and its SD): the means and deviations families
        else:
            row = ctx.row(
                finding,
                CheckRule.no_figure,
                CheckStatus.niet_toetsbaar,
                "Een uitspraak zonder aantal, percentage of omschrijving van een aandeel: er valt "
                "niets na te rekenen.",
            )
        index = ctx.finding_order[finding.id]
        rows.append((ctx.key(finding.question, 0 if finding.question else 3, index), row))
    return rows


def percentage_only_row(ctx: SurveyContext, finding: Finding) -> CheckRow:
    assert finding.percentage is not None
    d = ctx.digits(finding)
    printed = printed_pct(finding.percentage, d)
    kw: dict[str, Any] = {"rounding": ctx.rounding.value, "decimals": d}
    candidates = [finding.base] if finding.base is not None else ctx.inferred_for(finding)
    source = "de bron noemt" if finding.base is not None else "uit de andere cijfers volgt"
    if not candidates:
        return ctx.row(
            finding,
            CheckRule.percentage_base,
            CheckStatus.niet_toetsbaar,
            f"Alleen een percentage ({printed}), zonder aantal en zonder n: er valt niets na te rekenen.",
            **kw,
        )
    fitting = [
        n
        for n in candidates
        if n > 0 and possible_counts(finding.percentage, n, decimals=d, rounding=ctx.rounding)
    ]
    if fitting:
        n = fitting[len(fitting) // 2]
        counts = possible_counts(finding.percentage, n, decimals=d, rounding=ctx.rounding)
        text = (
            f"Klopt: {source} {bases_text(candidates, max_n=ctx.max_n)}; bij n = {format_int(n)} "
            f"is {printed} gelijk aan {and_list([format_int(c) for c in counts], word='of')} personen."
        )
        return ctx.row(
            finding, CheckRule.percentage_base, CheckStatus.consistent, text, consistent_n=fitting, **kw
        )
    n = candidates[len(candidates) // 2]
    lower = int(exact(finding.percentage) * n / 100)
    options = [c for c in (lower, lower + 1) if 0 <= c <= n]
    shown = and_list(
        [
            f"{format_int(c)} van {format_int(n)} is "
            f"{pct(printed_percentage(c, n, decimals=d, rounding=ctx.rounding), d)}"
            for c in options
        ]
    )
    text = (
        f"Klopt niet: {source} {bases_text(candidates, max_n=ctx.max_n)}, maar geen heel aantal "
        f"personen geeft dan {printed}: {shown}."
    )
    return ctx.row(finding, CheckRule.percentage_base, CheckStatus.inconsistent, text, **kw)


def count_only_row(ctx: SurveyContext, finding: Finding) -> CheckRow:
    assert finding.count is not None
    count = finding.count
    if finding.base is not None:
        ok = count <= finding.base
        verdict = "Klopt: " if ok else "Klopt niet: "
        relation = "niet meer dan" if ok else "meer dan"
        text = (
            f"{verdict}{format_int(count)} personen is {relation} de n = {format_int(finding.base)} "
            "die de bron noemt."
        )
        status = CheckStatus.consistent if ok else CheckStatus.inconsistent
        return ctx.row(finding, CheckRule.count_base, status, text, consistent_n=[finding.base] if ok else [])
    inferred = ctx.inferred_for(finding)
    if not inferred:
        return ctx.row(
            finding,
            CheckRule.count_base,
            CheckStatus.niet_toetsbaar,
            f"Alleen een aantal ({format_int(count)} personen), zonder percentage en zonder n: "
            "er valt niets na te rekenen.",
        )
    fitting = [n for n in inferred if n >= count]
    if fitting:
        return ctx.row(
            finding,
            CheckRule.count_base,
            CheckStatus.consistent,
            f"Klopt: {format_int(count)} personen past binnen {bases_text(fitting, max_n=ctx.max_n)} "
            "(uit de andere cijfers van deze vraag).",
            consistent_n=fitting,
        )
    return ctx.row(
        finding,
        CheckRule.count_base,
        CheckStatus.inconsistent,
        f"Klopt niet: {format_int(count)} personen is meer dan de n die uit de andere cijfers volgt "
        f"({bases_text(inferred, max_n=ctx.max_n)}).",
    )
