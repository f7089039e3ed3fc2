"""Rule family "pairs": a count and a percentage printed together, and a base printed beside them.

``count_percentage``
    Published (count, percentage) pairs of one question that are about the same group share one
    base n.  Every n consistent with all pairs at once is listed; when there is none, the
    largest group of pairs that does share a base is taken as the reference and the other pairs
    are the odd ones out, with what they would have been ("25 van n≈83 is 30%, niet 25%").
``base_stated``
    A base n printed in the source is compared with the bases the figures allow.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from bejegening._nl import format_int
from bejegening.checks._context import Group, Pair, SortKey, SurveyContext, exact, middle, union
from bejegening.checks._counts import BaseRange, printed_percentage
from bejegening.checks._rounding import round_fraction
from bejegening.checks._rules import CheckRow, CheckRule, CheckStatus, RuleInfo
from bejegening.checks._text import and_list, bases_text, pct

__all__ = ["RULES", "check"]

RULES = (
    RuleInfo(
        CheckRule.count_percentage,
        "Aantal en percentage",
        "Aantal en percentage horen bij hetzelfde totaal. We zoeken elk totaal waarbij alle aantallen "
        "en percentages van een vraag samen kloppen (na afronden). Is er geen, dan zoeken we de "
        "grootste groep cijfers die wel samen kloppen. De andere cijfers kloppen dan niet.",
    ),
    RuleInfo(
        CheckRule.base_stated,
        "Totaal in de bron",
        "Een totaal dat in de bron staat, moet passen bij de aantallen en percentages.",
    ),
)


def check(ctx: SurveyContext) -> list[tuple[SortKey, CheckRow]]:
    """A row per printed (count, percentage) pair, and one per base printed beside it."""
    rows: list[tuple[SortKey, CheckRow]] = []
    for group in ctx.groups.values():
        for sub, (item, row) in enumerate(zip(group.pairs, count_percentage_rows(ctx, group), strict=True)):
            index = ctx.finding_order[item.finding.id]
            rows.append((ctx.key(item.finding.question, 0, index), row))
            stated = base_stated_row(ctx, group, item)
            if stated is not None:
                rows.append((ctx.key(item.finding.question, 0, index, sub + 1), stated))
    return rows


def count_percentage_rows(ctx: SurveyContext, group: Group) -> list[CheckRow]:
    rows = []
    in_every = frozenset.intersection(*(m for m, _ in group.best)) if group.best else frozenset[int]()
    for i, item in enumerate(group.pairs):
        kw: dict[str, Any] = {
            "figure_n": item.own.values(),
            "rounding": ctx.rounding.value,
            "decimals": item.decimals,
        }
        if group.all_fit:
            bases = group.best[0][1]
            rows.append(
                ctx.row(
                    item.finding,
                    CheckRule.count_percentage,
                    CheckStatus.consistent,
                    _fits_text(ctx, group, item, bases),
                    consistent_n=bases.values(),
                    **kw,
                )
            )
        elif not group.best:
            rows.append(
                ctx.row(
                    item.finding,
                    CheckRule.count_percentage,
                    CheckStatus.inconsistent,
                    f"Klopt niet: bij geen enkele n tot {format_int(ctx.max_n)} is "
                    f"{format_int(item.count)} van n afgerond {item.printed}.",
                    **kw,
                )
            )
        elif i in in_every:
            shared = union(r for m, r in group.best if i in m)
            odd = [p for j, p in enumerate(group.pairs) if j not in in_every]
            text = (
                f"Klopt met {_others(ctx, group, i, in_every)}: samen passen ze bij "
                f"{bases_text(shared, max_n=ctx.max_n)}. "
                + _example(ctx, item, middle(shared, ctx.max_n))
                + f" Maar {and_list([_fig(ctx, p) for p in odd])} "
                + ("past" if len(odd) == 1 else "passen")
                + " daar niet bij (zie de regel daarvan)."
            )
            rows.append(
                ctx.row(
                    item.finding,
                    CheckRule.count_percentage,
                    CheckStatus.consistent,
                    text,
                    consistent_n=shared,
                    **kw,
                )
            )
        else:
            rows.append(_odd_row(ctx, group, i, item, kw))
    return rows


def _fig(ctx: SurveyContext, item: Pair) -> str:
    return f"{format_int(item.count)} ({item.printed})"


def _others(ctx: SurveyContext, group: Group, i: int, members: frozenset[int]) -> str:
    others = [_fig(ctx, group.pairs[j]) for j in sorted(members) if j != i]
    return f"{and_list(others)} bij {group.label}" if others else f"de andere cijfers van {group.label}"


def _example(ctx: SurveyContext, item: Pair, n: int) -> str:
    exact = Fraction(100 * item.count, n)
    return (
        f"Bij n = {format_int(n)}: {format_int(item.count)} van {format_int(n)} is "
        f"{pct(exact, item.decimals + 1)}, afgerond {item.printed}."
    )


def _fits_text(ctx: SurveyContext, group: Group, item: Pair, bases: BaseRange) -> str:
    where = bases_text(bases)
    example = _example(ctx, item, bases.middle())
    if len(group.pairs) == 1:
        return f"Klopt: past bij {where}. {example}"
    return f"Klopt: de {len(group.pairs)} cijfers van {group.label} passen samen bij {where}. {example}"


def _odd_row(ctx: SurveyContext, group: Group, i: int, item: Pair, kw: dict[str, Any]) -> CheckRow:
    reference = union(r for m, r in group.best if i not in m)
    n = middle(reference, ctx.max_n)
    would_be = printed_percentage(item.count, n, decimals=item.decimals, rounding=ctx.rounding)
    count_at_n = int(round_fraction(exact(item.pair.percentage) * n / 100, 0, ctx.rounding))
    suggested = (
        f"{format_int(item.count)} van n≈{format_int(n)} is {pct(would_be, item.decimals)}, "
        f"niet {item.printed}"
    )
    own = (
        f"Op zichzelf past dit cijfer alleen bij {bases_text(item.own)}."
        if not item.own.empty
        else f"Op zichzelf past dit cijfer bij geen enkele n tot {format_int(ctx.max_n)}."
    )
    reverse = (
        f"omgekeerd is {item.printed} van {format_int(n)} ongeveer {format_int(count_at_n)} "
        f"personen, niet {format_int(item.count)}"
    )
    in_some = any(i in m for m, _ in group.best)
    if in_some:
        rivals = sorted({j for m, _ in group.best if i not in m for j in m} - {i})
        rival_text = and_list([_fig(ctx, group.pairs[j]) for j in rivals])
        text = (
            f"Past niet samen met {rival_text}: ze passen niet bij dezelfde n. Welk cijfer "
            f"afwijkt, valt uit de cijfers niet af te leiden. Zonder dit cijfer passen de andere "
            f"bij {bases_text(reference, max_n=ctx.max_n)}; bij n≈{format_int(n)} zou dit "
            f"{pct(would_be, item.decimals)} zijn, niet {item.printed} ({reverse}). {own}"
        )
    else:
        members = sorted({j for m, _ in group.best for j in m})
        text = (
            f"Klopt niet: {_others(ctx, group, -1, frozenset(members))} passen samen bij "
            f"{bases_text(reference, max_n=ctx.max_n)}, maar dit cijfer past daar niet bij. "
            f"Bij n≈{format_int(n)} zou {format_int(item.count)} van {format_int(n)} afgerond "
            f"{pct(would_be, item.decimals)} zijn, niet {item.printed}; {reverse}. {own} "
            "Of het aantal of het percentage verkeerd is, staat niet vast."
        )
    return ctx.row(
        item.finding,
        CheckRule.count_percentage,
        CheckStatus.inconsistent,
        text,
        consistent_n=union(r for m, r in group.best if i in m),
        suggested=suggested,
        **kw,
    )


def base_stated_row(ctx: SurveyContext, group: Group, item: Pair) -> CheckRow | None:
    base = item.finding.base
    if base is None:
        return None
    inferred = union(r for m, r in group.best if any(group.pairs[j] is item for j in m))
    at_base = (
        printed_percentage(item.count, base, decimals=item.decimals, rounding=ctx.rounding) if base else None
    )
    kw: dict[str, Any] = {
        "consistent_n": inferred,
        "figure_n": item.own.values(),
        "rounding": ctx.rounding.value,
        "decimals": item.decimals,
    }
    if base in inferred:
        text = (
            f"De bron noemt n = {format_int(base)}; dat past bij de cijfers: "
            f"{format_int(item.count)} van {format_int(base)} is afgerond {item.printed}."
        )
        return ctx.row(item.finding, CheckRule.base_stated, CheckStatus.consistent, text, **kw)
    if base in item.own:
        text = (
            f"De bron noemt n = {format_int(base)}. Dat past bij dit cijfer, maar niet bij de "
            f"andere cijfers van {group.label} (die passen bij {bases_text(inferred, max_n=ctx.max_n)})."
        )
    elif at_base is None:
        text = f"De bron noemt n = 0, maar er zijn {format_int(item.count)} personen genoemd."
    else:
        text = (
            f"De bron noemt n = {format_int(base)}, maar {format_int(item.count)} van "
            f"{format_int(base)} is afgerond {pct(at_base, item.decimals)}, niet {item.printed}. "
            f"Uit de cijfers volgt {bases_text(inferred, max_n=ctx.max_n)}."
        )
    return ctx.row(item.finding, CheckRule.base_stated, CheckStatus.inconsistent, text, **kw)
