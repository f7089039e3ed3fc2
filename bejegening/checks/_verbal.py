"""Rule family "verbal": a finding in words, its meaning in numbers, and the check against the figures.

``verbal``
    A finding in words ("een ruime meerderheid") is compared with the figures of its options
    where they exist, and otherwise carried as an interval (see :mod:`._lexicon`).

One owner for a verbal finding's meaning: the ``verbal`` rule, the site's "betekent" column and
the verbal-findings chart all read :func:`verbal_meaning` (or :func:`finding_interval`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from bejegening.checks._context import SortKey, SurveyContext, exact
from bejegening.checks._lexicon import QuantifierInterval, QuantifierKind, lookup_quantifier
from bejegening.checks._rules import CheckRow, CheckRule, CheckStatus, RuleInfo
from bejegening.checks._text import and_list, pct, printed_pct
from bejegening.model import Finding, Question, QuestionType

__all__ = ["RULES", "VerbalMeaning", "check", "finding_interval", "is_comparison", "verbal_meaning"]

RULES = (
    RuleInfo(
        CheckRule.verbal,
        "Woorden in plaats van getallen",
        'Een uitkomst in woorden ("bijna de helft") vergelijken we met de cijfers, als die er zijn. '
        "Anders laten we zien wat het woord in cijfers betekent.",
    ),
)

_COMPARISON = re.compile(r"\bten opzichte van\b|\bvergeleken met\b", re.IGNORECASE)


def is_comparison(finding: Finding) -> bool:
    """True when a verbal finding compares two groups ("in de meerderheid ten opzichte van …").

    Such a quantifier says nothing about the share of the whole group, so it has no interval.
    """
    context = " ".join(filter(None, [finding.statement, finding.source.quote, finding.base_description]))
    return bool(_COMPARISON.search(context))


@dataclass(frozen=True)
class VerbalMeaning:
    """The meaning of one finding in words.

    ``low``/``high``: the interval the words stand for (fractions 0–1 for a share, persons for a
    number; ``unit`` says which), ``None`` when the words name no share (a comparison, a vague
    word, a reference, or a phrase not in the lexicon). ``text``: the meaning in Dutch words.
    """

    finding: str
    quantifier: str
    low: float | None
    high: float | None
    unit: str | None
    """``fraction``, ``count`` or ``None``."""
    text: str

    @property
    def interval(self) -> tuple[float, float] | None:
        """``(low, high)``, or ``None`` when the words name no interval."""
        return (self.low, self.high) if self.low is not None and self.high is not None else None


def verbal_meaning(finding: Finding) -> VerbalMeaning | None:
    """The meaning of a finding's quantifier (``None`` when it has none).

    The interval is the lexicon's (:func:`~bejegening.checks.lookup_quantifier`), except that a
    comparison between two groups (:func:`is_comparison`) has no interval of the whole.
    """
    if finding.quantifier is None:
        return None
    entry = lookup_quantifier(finding.quantifier)
    low = high = None
    unit = None
    if is_comparison(finding):
        text = "een vergelijking van twee groepen, geen deel van het geheel"
    elif entry is None:
        text = "niet in de woordenlijst"
    elif not entry.has_interval:
        text = "geen getal (" + entry.describe() + ")"
    else:
        text = entry.describe()
        low, high = entry.low, entry.high
        unit = "count" if entry.kind is QuantifierKind.number else "fraction"
    return VerbalMeaning(finding.id, finding.quantifier, low, high, unit, text)


def finding_interval(finding: Finding) -> tuple[float, float] | None:
    """The share (fractions) a verbal finding stands for, or ``None`` when it names no share.

    :func:`verbal_meaning`'s interval when it is a share: a count ("een tiental"), a vague word,
    a reference or a comparison between two groups has none.
    """
    meaning = verbal_meaning(finding)
    if meaning is None or meaning.unit != "fraction":
        return None
    return meaning.interval


def check(ctx: SurveyContext) -> list[tuple[SortKey, CheckRow]]:
    """A row per finding in words; after its own figures when it prints a count and percentage too."""
    rows: list[tuple[SortKey, CheckRow]] = []
    for finding in ctx.bundle.findings:
        if not finding.quantifier:
            continue
        index = ctx.finding_order[finding.id]
        if finding.count is not None and finding.percentage is not None:
            key = ctx.key(finding.question, 0, index, 9)
        else:
            key = ctx.key(finding.question, 0 if finding.question else 3, index)
        rows.append((key, verbal_row(ctx, finding)))
    return rows


@dataclass(frozen=True)
class Bounds:
    """What the figures say about the share of some options (fractions, rounding included)."""

    low: Fraction
    high: Fraction
    text: str
    """The reasoning in Dutch."""
    missing: str = ""
    """Labels of options in the share that have no figure."""
    known: Fraction = Fraction(0)
    """Printed total of the options that do have a figure."""


def verbal_row(ctx: SurveyContext, finding: Finding) -> CheckRow:
    assert finding.quantifier is not None
    entry = lookup_quantifier(finding.quantifier)
    interval = verbal_meaning(finding)
    kw: dict[str, Any] = {}
    if interval is not None and interval.interval is not None:
        kw = {"interval_low": interval.low, "interval_high": interval.high, "interval_unit": interval.unit}
    reason = _untestable(ctx, finding, entry)
    if reason is not None:
        return ctx.row(finding, CheckRule.verbal, CheckStatus.niet_toetsbaar, reason, **kw)
    assert entry is not None
    if finding.percentage is not None:
        return _verbal_own_percentage(ctx, finding, entry, kw)
    bounds = _share_bounds(ctx, finding)
    if bounds is None:
        text = (
            f"{_says(finding, entry)} De bron geeft geen aantallen of percentages om dit mee te "
            "vergelijken; het wordt getoond als bandbreedte, niet als getal."
        )
        return ctx.row(finding, CheckRule.verbal, CheckStatus.niet_toetsbaar, text, **kw)
    return _verdict(ctx, finding, entry, bounds, kw)


def _untestable(ctx: SurveyContext, finding: Finding, entry: QuantifierInterval | None) -> str | None:
    """Why the words themselves cannot be checked against a share (Dutch), or ``None`` when they
    name a share: a phrase not in the lexicon, a reference, a vague word, a comparison between two
    groups or a number of people. (Only a number carries an interval; the others have none.)"""
    phrase = finding.quantifier
    if entry is None:
        return f"'{phrase}' staat niet in de woordenlijst van deze controle; het is niet getoetst."
    meaning = _says(finding, entry)
    if entry.kind is QuantifierKind.reference:
        about = f" ({finding.base_description})" if finding.base_description else ""
        return (
            f"'{phrase}' verwijst naar een ander cijfer in de bron{about}. Het heeft geen eigen "
            "omvang, en deze controle neemt geen getal over dat de bron niet zelf bij deze "
            "uitspraak noemt. Niet toetsbaar."
        )
    if entry.kind is QuantifierKind.vague:
        return entry.explanation + _own_figures(ctx, finding) + " Niet toetsbaar."
    if is_comparison(finding):
        return (
            f"{meaning} Maar hier vergelijkt de bron twee groepen met elkaar ('ten opzichte van'); "
            "dat zegt niets over het aandeel van het geheel, en de omvang van de andere groep "
            "staat er niet in. Daarom wordt er geen bandbreedte getoond. Niet toetsbaar."
        )
    if entry.kind is QuantifierKind.number:
        return (
            f"{meaning} Dit is een aantal, geen aandeel; zonder totaal aantal deelnemers valt er "
            "geen percentage uit af te leiden. Getoond als bandbreedte, niet als getal."
        )
    return None


def _says(finding: Finding, entry: QuantifierInterval) -> str:
    """The sentence a verbal row's reasoning starts with: "'<phrase>' betekent hier <interval>."."""
    return f"'{finding.quantifier}' betekent hier {entry.describe()}."


def _own_figures(ctx: SurveyContext, finding: Finding) -> str:
    if finding.question is None or not finding.options:
        return ""
    direct = [
        f
        for f in ctx.bundle.findings
        if f.question == finding.question
        and set(f.options) == set(finding.options)
        and (f.count is not None or f.percentage is not None)
    ]
    if not direct:
        return ""
    labels = _labels(ctx, finding.question, finding.options)
    return f" Voor {labels} noemt de bron zelf: {and_list([ctx.figure(f) for f in direct])}."


def _labels(ctx: SurveyContext, question_id: str, options: Iterable[str]) -> str:
    question = ctx.questions[question_id]
    return " + ".join(question.option(o).label for o in options)


def _verbal_own_percentage(
    ctx: SurveyContext, finding: Finding, entry: QuantifierInterval, kw: dict[str, Any]
) -> CheckRow:
    interval = ctx.interval(finding).scaled(Fraction(1, 100))
    text = f"De bron noemt zelf {ctx.figure(finding)}."
    return _verdict(ctx, finding, entry, Bounds(interval.low, interval.high, text), kw)


def _share_bounds(ctx: SurveyContext, finding: Finding) -> Bounds | None:
    """Bounds (fractions) of the share of the finding's options from the question's percentages."""
    if finding.question is None or not finding.options or finding.question not in ctx.questions:
        return None
    question = ctx.questions[finding.question]
    wanted = set(finding.options)
    others = [
        f
        for f in ctx.bundle.findings
        if f.question == question.id
        and f.base_description == finding.base_description
        and f.percentage is not None
        and f.id != finding.id
        and f.options
    ]
    labels = _labels(ctx, question.id, finding.options)
    direct = [f for f in others if set(f.options) == wanted]
    if direct:
        interval = ctx.interval(direct[0]).scaled(Fraction(1, 100))
        return Bounds(
            interval.low, interval.high, f"De bron noemt voor {labels} zelf {ctx.figure(direct[0])}."
        )
    if question.type not in (QuestionType.single, QuestionType.likert):
        return None
    singles = {f.options[0]: f for f in others if len(f.options) == 1}
    known_in = [singles[o] for o in finding.options if o in singles]
    unknown_in = [o for o in finding.options if o not in singles]
    known_out = [f for o, f in singles.items() if o not in wanted]
    if not known_in and not known_out:
        return None
    in_low = sum((ctx.interval(f).low for f in known_in), Fraction(0)) / 100
    in_high = sum((ctx.interval(f).high for f in known_in), Fraction(0)) / 100
    out_low = sum((ctx.interval(f).low for f in known_out), Fraction(0)) / 100
    ceiling = 1 - out_low
    high = ceiling if unknown_in else min(in_high, ceiling)
    parts = [_option_figure(ctx, question, f) for f in known_in]
    decimals = max((ctx.digits(f) for f in known_in + known_out), default=0)
    known_total = sum((exact(f.percentage or 0.0) for f in known_in), Fraction(0))
    text = f"Volgens de cijfers van {ctx.question_label(question.id)}: "
    if parts:
        text += " + ".join(parts) + (f" = {pct(known_total, decimals)}" if len(parts) > 1 else "")
    missing = and_list([question.option(o).label for o in unknown_in])
    if unknown_in:
        text += ("; voor " if parts else "voor ") + f"{missing} staat geen cijfer in de bron"
    text += ". "
    if known_out and (unknown_in or ceiling < in_high):
        out_text = and_list([_option_figure(ctx, question, f) for f in known_out])
        text += (
            f"Omdat {out_text} {'is' if len(known_out) == 1 else 'zijn'}, kan {labels} samen "
            f"hoogstens {pct(ceiling * 100, decimals + 1)} zijn. "
        )
    return Bounds(max(in_low, Fraction(0)), high, text.strip(), missing, known_total / 100)


def _option_figure(ctx: SurveyContext, question: Question, finding: Finding) -> str:
    label = question.option(finding.options[0]).label
    return f"{label} {printed_pct(finding.percentage or 0.0, ctx.digits(finding))}"


def _verdict(
    ctx: SurveyContext, finding: Finding, entry: QuantifierInterval, bounds: Bounds, kw: dict[str, Any]
) -> CheckRow:
    assert entry.low is not None and entry.high is not None
    low, high, figures, missing, known = (
        bounds.low,
        bounds.high,
        bounds.text,
        bounds.missing,
        bounds.known,
    )
    meaning = _says(finding, entry)
    span = (
        f"Het werkelijke aandeel ligt dus tussen {pct(low * 100, 1)} en {pct(high * 100, 1)} "
        "(afronding meegerekend)."
    )
    phrase = finding.quantifier
    lex_low, lex_high = Fraction(entry.low), Fraction(entry.high)
    inside = entry.contains(low) and entry.contains(high)
    below = high < lex_low or (high == lex_low and not entry.low_inclusive)
    above = low > lex_high or (low == lex_high and not entry.high_inclusive)
    base = f"{meaning} {figures} {span}"
    if inside:
        return ctx.row(
            finding,
            CheckRule.verbal,
            CheckStatus.consistent,
            f"{base} Dat valt binnen '{phrase}': klopt.",
            **kw,
        )
    if below or above:
        return ctx.row(
            finding,
            CheckRule.verbal,
            CheckStatus.inconsistent,
            f"{base} Dat valt helemaal buiten '{phrase}': klopt niet.",
            **kw,
        )
    if missing and lex_low > known:
        need = (lex_low - known) * 100
        verdict = (
            f"'{phrase}' kan kloppen, maar alleen als {missing} minstens ongeveer "
            f"{pct(need, 0)} is; dat staat niet in de bron. Met deze cijfers niet toetsbaar."
        )
    else:
        verdict = f"Het aandeel kan binnen en buiten '{phrase}' liggen; met deze cijfers niet te beslissen."
    return ctx.row(finding, CheckRule.verbal, CheckStatus.niet_toetsbaar, f"{base} {verdict}", **kw)
