"""Rule family "respondents": bases cannot exceed the number of respondents a source states."""

from __future__ import annotations

from bejegening._nl import format_int
from bejegening.checks._context import Group, SortKey, SurveyContext
from bejegening.checks._rules import CheckRow, CheckRule, CheckStatus, RuleInfo
from bejegening.checks._text import bases_text

__all__ = ["RULES", "check"]

RULES = (
    RuleInfo(
        CheckRule.respondents,
        "Aantal deelnemers",
        "Het totaal bij een vraag is niet groter dan het aantal deelnemers van het onderzoek.",
    ),
)


def check(ctx: SurveyContext) -> list[tuple[SortKey, CheckRow]]:
    """Per group of (count, percentage) pairs: its bases against the stated number of respondents."""
    rows: list[tuple[SortKey, CheckRow]] = []
    for group in ctx.groups.values():
        row = respondents_row(ctx, group)
        if row is not None:
            first = group.pairs[0].finding
            rows.append((ctx.key(first.question, 1, ctx.finding_order[first.id]), row))
    return rows


def respondents_row(ctx: SurveyContext, group: Group) -> CheckRow | None:
    respondents = ctx.bundle.survey.respondents
    bases = group.bases()
    if respondents is None or not bases:
        return None
    question = group.pairs[0].finding.question
    fitting = [n for n in bases if n <= respondents]
    figure = f"n = {bases_text(bases, max_n=ctx.max_n).removeprefix('n = ')}"
    if fitting:
        text = (
            f"Klopt: {bases_text(fitting, max_n=ctx.max_n)} is niet meer dan de "
            f"{format_int(respondents)} deelnemers die de bron noemt."
        )
        return ctx.row(
            None,
            CheckRule.respondents,
            CheckStatus.consistent,
            text,
            question=question,
            figure=figure,
            consistent_n=fitting,
        )
    text = (
        f"Klopt niet: uit de cijfers van {group.label} volgt {bases_text(bases, max_n=ctx.max_n)}, "
        f"meer dan de {format_int(respondents)} deelnemers die de bron noemt."
    )
    return ctx.row(
        None, CheckRule.respondents, CheckStatus.inconsistent, text, question=question, figure=figure
    )
