"""Headline findings: the few results a reader should see first, in plain Dutch.

A headline is one sentence per result, built from the statistics and worded with the checker's
quantifier lexicon (:data:`bejegening.checks.QUANTIFIER_LEXICON`), so that the words and the
number can never disagree: "Bijna de helft (47%) noemt het fouilleren ‘overdreven’" is written
only because 47% lies in the lexicon's interval for "bijna de helft" (40% to 50%). The subject
comes from the question (``Question.subject``, else its text), never "Vraag 7, antwoord …".

Selection, per survey: published figures of single options first (one per question): those a
recommendation rests on before the others, figures the check finds consistent before the
others, then the larger share first; then findings in words with a share interval. A figure the
check rates inconsistent is kept, but always carries its flag and explanation
(:attr:`Headline.flag`), and no lexicon word or margin is attached to it (which of its numbers
is right is unknown).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from bejegening._nl import format_int, format_number, format_pct
from bejegening.checks import QUANTIFIER_LEXICON, QuantifierKind, finding_interval
from bejegening.io import SurveyBundle
from bejegening.model import Finding, Question

__all__ = [
    "HEADLINE_PHRASES",
    "Headline",
    "grid_headline",
    "headline_phrase",
    "headlines",
    "numeric_headline",
]

HEADLINE_PHRASES: tuple[str, ...] = (
    "de helft",
    "bijna de helft",
    "ruim de helft",
    "een derde",
    "bijna een derde",
    "ruim een derde",
    "twee derde",
    "bijna twee derde",
    "ruim twee derde",
    "een kwart",
    "bijna een kwart",
    "ruim een kwart",
    "drie kwart",
    "bijna drie kwart",
    "ruim drie kwart",
    "een vijfde",
    "een op de tien",
    "de overgrote meerderheid",
    "bijna iedereen",
)
"""Lexicon phrases a headline may use for a share: the ones that name a size precisely enough
(at most 12 percentage points wide, or the extremes)."""

_MAX_WIDTH = 0.2


@dataclass(frozen=True)
class Headline:
    """One headline finding of a survey, ready to print (plain text; the page escapes it).

    Built by :func:`headlines` (also :attr:`bejegening.report.SurveyReport.headlines`), never by
    hand: the sentence's quantifier word is chosen only when the share lies in its interval in
    :data:`bejegening.checks.QUANTIFIER_LEXICON`, and ``margin`` is the confidence interval of the
    share from the frequency table's ``ci_low``/``ci_high`` (the Wilson score interval unless a
    design says otherwise; Wilson 1927), as percentages in Dutch notation.
    A figure the checker rates inconsistent has ``flag`` set and no lexicon word or margin.

    Example: ``Headline(survey="wpi-amsterdam-2017-2018", sentence="Bijna de helft (47%) noemt
    het fouilleren ‘overdreven’", margin="marge 36%–58%", question="q7", finding="q7-overdreven",
    share=0.47)``; :attr:`text` joins sentence and margin into one printed sentence.
    """

    survey: str
    sentence: str
    """The finding in one sentence, without the margin and the full stop."""
    margin: str | None
    """``marge 36–58%`` (the confidence interval of the share), when known."""
    question: str | None
    """Question id the headline links to (its page); ``None`` for a finding in words."""
    finding: str
    """Finding id (the anchor on the page of findings in words)."""
    flag: str | None = None
    """Why the figure does not add up (the checker's explanation), when it is inconsistent."""
    share: float | None = None
    """The share (0..1) the sentence is about (for words: the low end of their interval), for
    ordering."""

    @property
    def text(self) -> str:
        """The whole sentence: ``Bijna de helft (47%) noemt het fouilleren ‘overdreven’; marge
        36%–58%.``"""
        return self.sentence + (f"; {self.margin}" if self.margin else "") + "."


def headline_phrase(share: float) -> str | None:
    """The most precise phrase of :data:`HEADLINE_PHRASES` whose lexicon interval holds ``share``.

    Among phrases that fit, the narrowest interval wins, then the one whose middle is closest.
    ``None`` when no phrase fits precisely enough: then a headline gives only the number.

    >>> headline_phrase(0.47), headline_phrase(0.21), headline_phrase(0.39)
    ('bijna de helft', 'een vijfde', 'ruim een derde')
    """
    best: tuple[float, float, str] | None = None
    for phrase in HEADLINE_PHRASES:
        entry = QUANTIFIER_LEXICON[phrase]
        if entry.kind is not QuantifierKind.share or entry.low is None or entry.high is None:
            continue
        if not entry.contains(share):
            continue
        width = entry.high - entry.low
        if width > _MAX_WIDTH:
            continue
        key = (round(width, 6), abs((entry.low + entry.high) / 2 - share), phrase)
        if best is None or key < best:
            best = key
    return best[2] if best is not None else None


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _subject(question: Question) -> str:
    return question.subject if question.subject else f"bij de vraag ‘{question.text}’"


def _figure_sentence(share: float, printed: bool, label: str, question: Question) -> str:
    pct = format_pct(share)
    phrase = headline_phrase(share) if printed else None
    who = f"{_capital(phrase)} ({pct})" if phrase else pct
    if question.subject:
        return f"{who} noemt {question.subject} ‘{label.lower()}’"
    return f"{who} antwoordt ‘{label}’ {_subject(question)}"


def _flags(checks: pl.DataFrame, survey: str) -> dict[str, str]:
    """Finding id → the explanation of its (first) inconsistent check."""
    if checks.is_empty():
        return {}
    rows = checks.filter(
        (pl.col("survey") == survey) & (pl.col("status") == "inconsistent") & pl.col("finding").is_not_null()
    )
    flags: dict[str, str] = {}
    for row in rows.iter_rows(named=True):
        flags.setdefault(str(row["finding"]), str(row["explanation"]))
    return flags


def _option_row(frequencies: pl.DataFrame, survey: str, question: str, option: str) -> dict[str, Any] | None:
    if frequencies.is_empty():
        return None
    rows = frequencies.filter(
        (pl.col("survey") == survey) & (pl.col("question") == question) & (pl.col("option") == option)
    ).to_dicts()
    return rows[0] if rows else None


def _figure_headline(
    bundle: SurveyBundle, finding: Finding, frequencies: pl.DataFrame, flags: dict[str, str]
) -> Headline | None:
    if finding.question is None or len(finding.options) != 1:
        return None
    question = bundle.question(finding.question)
    label = question.option(finding.options[0]).label
    row = _option_row(frequencies, bundle.id, question.id, finding.options[0])
    flag = flags.get(finding.id)
    share = finding.percentage / 100 if finding.percentage is not None else None
    if share is None and row is not None and row.get("pct") is not None:
        share = float(row["pct"])
    if share is None:
        return None
    if flag is not None:
        # Which of its numbers is right is unknown: the figure exactly as printed, no lexicon word.
        printed = finding.figure or format_pct(share)
        if question.subject:
            sentence = f"Volgens de bron noemen {printed} {question.subject} ‘{label.lower()}’"
        else:
            sentence = f"Volgens de bron antwoorden {printed} ‘{label}’ {_subject(question)}"
        sentence += ", maar dat aantal en dat percentage passen niet bij elkaar"
        return Headline(bundle.id, sentence, None, question.id, finding.id, flag, share)
    margin = None
    if row is not None and row.get("ci_low") is not None and row.get("ci_high") is not None:
        margin = f"marge {format_pct(row['ci_low'])}–{format_pct(row['ci_high'])}"
    sentence = _figure_sentence(share, finding.percentage is not None, label, question)
    return Headline(bundle.id, sentence, margin, question.id, finding.id, None, share)


def _largest_answer(bundle: SurveyBundle, question: Question, frequencies: pl.DataFrame) -> Headline | None:
    """The answer most people chose, from the (suppressed) frequency table of an answers file."""
    if frequencies.is_empty():
        return None
    rows = frequencies.filter(
        (pl.col("survey") == bundle.id)
        & (pl.col("question") == question.id)
        & pl.col("pct").is_not_null()
        & ~pl.col("suppressed").fill_null(False)
        & ~pl.col("valence").fill_null("").is_in(["non_substantive", "remainder"])
    ).sort("pct", descending=True)
    if rows.is_empty():
        return None
    row = rows.row(0, named=True)
    margin = None
    if row.get("ci_low") is not None and row.get("ci_high") is not None:
        margin = f"marge {format_pct(row['ci_low'])}–{format_pct(row['ci_high'])}"
    sentence = _figure_sentence(float(row["pct"]), True, str(row["label"]), question)
    return Headline(
        bundle.id, sentence, margin, question.id, f"{question.id}.{row['option']}", None, row["pct"]
    )


def _verbal_headline(bundle: SurveyBundle, finding: Finding) -> Headline | None:
    interval = finding_interval(finding)
    if interval is None or finding.quantifier is None or finding.statement is None:
        return None
    low, high = interval
    who = _capital(finding.quantifier)
    if finding.base_description:
        who += f" van de {finding.base_description}"
    span = f"{format_pct(low)}–{format_pct(high)}"
    sentence = f"{who} ({span}) {finding.statement}"
    return Headline(bundle.id, sentence, None, finding.question, finding.id, None, low)


def _margin(low: float | None, high: float | None) -> str | None:
    return f"marge {format_pct(low)}–{format_pct(high)}" if low is not None and high is not None else None


def grid_headline(survey: str, question: Question, summary: pl.DataFrame | None) -> Headline | None:
    """The sentence a grid question's page leads with: the statement with the largest share
    agreeing (top-2-box) and the one with the smallest, each with its margin.

    ``summary``: the grid's :func:`bejegening.report.report_grids` rows (protected: a share not
    shown is null). Only shown shares are compared and named, so nothing hidden leaks; when a
    share is hidden the sentence says "van de getoonde uitspraken". The quantifier word comes from
    :func:`headline_phrase`; margins are the Wilson intervals of the table. ``None`` when no
    share is shown.
    """
    if summary is None or summary.is_empty():
        return None
    rows = summary.sort("rank").to_dicts()
    shown = [r for r in rows if r["top_pct"] is not None and r["base"]]
    if not shown:
        return None
    high = max(shown, key=lambda r: float(r["top_pct"]))
    low = min(shown, key=lambda r: float(r["top_pct"]))
    share = float(high["top_pct"])
    phrase = headline_phrase(share)
    who = f"{_capital(phrase)} ({format_pct(share)})" if phrase else format_pct(share)

    def statement(row: dict[str, Any]) -> str:
        return "‘" + str(row["item_text"]).strip().rstrip(".") + "’"

    sentence = f"{who} is het eens met {statement(high)}"
    high_margin = _margin(high["top_ci_low"], high["top_ci_high"])
    finding = f"{question.id}.{high['item']}"
    if low is high or float(low["top_pct"]) == share:
        return Headline(survey, sentence, high_margin, question.id, finding, None, share)
    which = "de uitspraken" if len(shown) == len(rows) else "de getoonde uitspraken"
    if sum(1 for r in shown if float(r["top_pct"]) == share) == 1:
        sentence += f", het meest van {which}"
    if high_margin:
        sentence += f" ({high_margin})"
    low_margin = _margin(low["top_ci_low"], low["top_ci_high"])
    least = "het minst" if sum(1 for r in shown if r["top_pct"] == low["top_pct"]) == 1 else "even weinig"
    sentence += f"; {least} eens is men met {statement(low)}: {format_pct(float(low['top_pct']))}"
    if low_margin:
        sentence += f" ({low_margin})"
    return Headline(survey, sentence, None, question.id, finding, None, share)


def _number(value: float) -> str:
    """Whole numbers without decimals, others with one (as the numeric question's table)."""
    return format_number(value, 0) if float(value).is_integer() else format_number(value, 1)


def numeric_headline(
    survey: str, question: Question, summary: pl.DataFrame, *, weighted: bool = False
) -> Headline | None:
    """The sentence a numeric question's page leads with: the mean, how many people gave a
    number, and the mean's margin (the t interval of the protected summary,
    :func:`bejegening.report.report_numeric`). ``None`` without answers or below the small-cell
    threshold (then only n is published). ``weighted``: the survey's answers carry a weight."""
    rows = summary.filter(pl.col("question") == question.id).to_dicts() if not summary.is_empty() else []
    if not rows or rows[0]["too_few"] or rows[0]["mean"] is None:
        return None
    row = rows[0]
    what = "Het gewogen gemiddelde" if weighted else "Het gemiddelde"
    sentence = f"{what} antwoord is {_number(row['mean'])}, van {format_int(row['n'])} deelnemers"
    sentence += " die een getal invulden"
    margin = None
    if row["ci_low"] is not None and row["ci_high"] is not None:
        margin = f"marge {_number(row['ci_low'])} tot {_number(row['ci_high'])}"
    return Headline(survey, sentence, margin, question.id, f"{question.id}.gemiddelde")


def headlines(
    bundle: SurveyBundle, frequencies: pl.DataFrame, checks: pl.DataFrame, *, limit: int = 6
) -> tuple[Headline, ...]:
    """The survey's headline findings, most important first (at most ``limit``; see the module).

    ``frequencies`` follows the Frequency table contract (the site's suppressed table: margins
    come from its ``ci_low``/``ci_high``), ``checks`` the Check result table.
    """
    flags = _flags(checks, bundle.id)
    cited = {fid for rec in bundle.recommendations for fid in rec.findings}
    cited_questions = {qid for rec in bundle.recommendations for qid in rec.questions}
    figures: list[tuple[tuple[int, int, float], Headline]] = []
    for finding in bundle.findings:
        if finding.quantifier is not None and finding.count is None and finding.percentage is None:
            continue
        headline = _figure_headline(bundle, finding, frequencies, flags)
        if headline is None or headline.share is None:
            continue
        important = finding.id in cited or (finding.question in cited_questions and not finding.options)
        key = (0 if important else 1, 1 if headline.flag else 0, -headline.share)
        figures.append((key, headline))
    # Questions computed from an answers file (no published figure): their largest answer.
    published = {f.question for f in bundle.findings if f.question is not None}
    for question in bundle.questions:
        if question.id in published:
            continue
        computed = _largest_answer(bundle, question, frequencies)
        if computed is not None:
            figures.append(((1, 0, -(computed.share or 0.0)), computed))
    figures.sort(key=lambda pair: pair[0])
    chosen: list[Headline] = []
    seen_questions: set[str] = set()
    for _, headline in figures:
        if headline.question in seen_questions:
            continue
        seen_questions.add(str(headline.question))
        chosen.append(headline)
    verbal: list[tuple[tuple[int, float], Headline]] = []
    for finding in bundle.findings:
        if finding.count is not None or finding.percentage is not None:
            continue
        verbal_headline = _verbal_headline(bundle, finding)
        if verbal_headline is None or (finding.question is not None and finding.question in seen_questions):
            continue
        verbal.append(((0 if finding.id in cited else 1, -(verbal_headline.share or 0.0)), verbal_headline))
    verbal.sort(key=lambda pair: pair[0])
    chosen += [headline for _, headline in verbal]
    return tuple(chosen[:limit])
