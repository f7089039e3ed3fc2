"""Rule family "sums": the figures of one single-choice question added up.

``percentage_sum`` / ``count_sum``
    One answer per person (single choice): printed percentages cannot add up to more than 100
    beyond what rounding explains, and counts cannot add up to more than the base.  When a
    source lists every option, the percentages must reach 100 too.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from bejegening._nl import format_int
from bejegening.checks._context import SortKey, SurveyContext, exact
from bejegening.checks._rules import CheckRow, CheckRule, CheckStatus, RuleInfo
from bejegening.checks._text import bases_text, pct, printed_pct
from bejegening.model import Finding, Question, QuestionType

__all__ = ["RULES", "check"]

RULES = (
    RuleInfo(
        CheckRule.percentage_sum,
        "Optellen van percentages",
        "Bij één antwoord per persoon tellen de percentages op tot hoogstens 100% (plus wat "
        "afronden verklaart). Noemt de bron alle antwoorden, dan moeten ze ook 100% halen.",
    ),
    RuleInfo(
        CheckRule.count_sum,
        "Optellen van aantallen",
        "Bij één antwoord per persoon is de som van de aantallen niet groter dan het totaal.",
    ),
)


def check(ctx: SurveyContext) -> list[tuple[SortKey, CheckRow]]:
    """Per single-choice or Likert question and group of people: the sum of percentages and of counts."""
    rows: list[tuple[SortKey, CheckRow]] = []
    for i, question in enumerate(ctx.bundle.questions):
        if question.type not in (QuestionType.single, QuestionType.likert):
            continue
        groups = dict.fromkeys(f.base_description for f in ctx.bundle.findings if f.question == question.id)
        for j, about in enumerate(groups):
            for sub, row in (
                (2 * j, percentage_sum_row(ctx, question, about)),
                (2 * j + 1, count_sum_row(ctx, question, about)),
            ):
                if row is not None:
                    rows.append((ctx.key(question.id, 2, i, sub), row))
    return rows


def disjoint(ctx: SurveyContext, question: Question, attribute: str, about: str | None) -> list[Finding]:
    """Findings of a question about one group (``about``: the base description) and about
    non-overlapping options, that carry ``attribute``; single options before combinations."""
    chosen: list[Finding] = []
    used: set[str] = set()
    candidates = [
        f
        for f in ctx.bundle.findings
        if f.question == question.id
        and f.base_description == about
        and f.options
        and getattr(f, attribute) is not None
    ]
    for finding in sorted(candidates, key=lambda f: len(f.options)):
        options = set(finding.options)
        if options & used:
            continue
        chosen.append(finding)
        used |= options
    order = {f.id: i for i, f in enumerate(ctx.bundle.findings)}
    return sorted(chosen, key=lambda f: order[f.id])


def covers_all(ctx: SurveyContext, question: Question, findings: Sequence[Finding]) -> bool:
    covered = {o for f in findings for o in f.options}
    return (
        question.options_complete and bool(question.options) and covered >= {o.id for o in question.options}
    )


def percentage_sum_row(ctx: SurveyContext, question: Question, about: str | None) -> CheckRow | None:
    findings = disjoint(ctx, question, "percentage", about)
    if len(findings) < 2:
        return None
    intervals = [ctx.interval(f) for f in findings]
    printed = [printed_pct(f.percentage or 0.0, ctx.digits(f)) for f in findings]
    total = sum((exact(f.percentage or 0.0) for f in findings), Fraction(0))
    decimals = max(ctx.digits(f) for f in findings)
    low = sum((i.low for i in intervals), Fraction(0))
    high = sum((i.high for i in intervals), Fraction(0))
    low_open = any(not i.low_closed for i in intervals)
    high_open = any(not i.high_closed for i in intervals)
    figure = " + ".join(printed) + f" = {pct(total, decimals)}"
    span = (
        f"met afronding kan het werkelijke totaal {pct(max(low, Fraction(0)), decimals + 1)} tot "
        f"{pct(high, decimals + 1)} zijn"
    )
    complete = covers_all(ctx, question, findings)
    over = low > 100 or (low == 100 and low_open)
    under = complete and (high < 100 or (high == 100 and high_open))
    kw: dict[str, Any] = {
        "question": question.id,
        "figure": figure,
        "rounding": ctx.rounding.value,
        "decimals": decimals,
    }
    if over:
        text = (
            f"Klopt niet: de percentages van {ctx.question_label(question.id)} tellen op tot "
            f"{pct(total, decimals)}; {span}. Bij één antwoord per persoon kan dat niet boven 100% "
            "uitkomen."
        )
        return ctx.row(None, CheckRule.percentage_sum, CheckStatus.inconsistent, text, **kw)
    if under:
        text = (
            f"Klopt niet: de bron noemt alle antwoorden van {ctx.question_label(question.id)}, maar "
            f"de percentages tellen op tot {pct(total, decimals)}; {span}. Dat komt niet op 100%."
        )
        return ctx.row(None, CheckRule.percentage_sum, CheckStatus.inconsistent, text, **kw)
    if complete:
        tail = "De bron noemt alle antwoorden, en die komen samen op 100%."
    elif high >= 100:
        tail = (
            "De genoemde antwoorden kunnen samen al (bijna) iedereen zijn: voor de andere "
            "antwoorden blijft hoogstens " + pct(max(Fraction(0), 100 - low), decimals + 1) + " over."
        )
    else:
        tail = (
            "De bron noemt niet alle antwoorden; de rest, ongeveer "
            + pct(100 - total, decimals)
            + ", staat er niet in."
        )
    text = f"Klopt: de percentages tellen op tot {pct(total, decimals)} ({span}), niet meer dan 100%. {tail}"
    return ctx.row(None, CheckRule.percentage_sum, CheckStatus.consistent, text, **kw)


def count_sum_row(ctx: SurveyContext, question: Question, about: str | None) -> CheckRow | None:
    findings = disjoint(ctx, question, "count", about)
    if len(findings) < 2:
        return None
    total = sum(f.count or 0 for f in findings)
    figure = " + ".join(format_int(f.count) for f in findings) + f" = {format_int(total)}"
    kw: dict[str, Any] = {"question": question.id, "figure": figure}
    complete = covers_all(ctx, question, findings)
    stated = ctx.stated_base(question.id, about)
    if stated is not None:
        bases, where = [stated], f"de n = {format_int(stated)} die de bron noemt"
    else:
        group = ctx.groups.get((question.id, about))
        bases = group.bases() if group is not None else []
        where = f"de n die uit de percentages volgt ({bases_text(bases, max_n=ctx.max_n)})"
    if not bases:
        return None
    fitting = [n for n in bases if (n == total if complete else n >= total)]
    if not fitting:
        if complete and total < max(bases):
            text = (
                f"Klopt niet: de bron noemt alle antwoorden, maar de aantallen tellen op tot "
                f"{format_int(total)}, niet tot {where}."
            )
        else:
            text = f"Klopt niet: de aantallen tellen op tot {format_int(total)}, meer dan {where}."
        return ctx.row(None, CheckRule.count_sum, CheckStatus.inconsistent, text, **kw)
    text = f"Klopt: de aantallen tellen op tot {format_int(total)}, niet meer dan {where}."
    if not complete and fitting == [total]:
        text += " Samen zijn ze precies n: voor andere antwoorden blijft niemand over."
    elif not complete and min(fitting) == total:
        text += (
            f" Bij n = {format_int(total)} blijft voor andere antwoorden niemand over; bij een grotere n wel."
        )
    return ctx.row(None, CheckRule.count_sum, CheckStatus.consistent, text, consistent_n=fitting, **kw)
