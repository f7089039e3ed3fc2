"""Check every published figure of a survey; one row per figure and rule (the check result table).

Rules, in the order they appear per question:

``count_percentage``
    Published (count, percentage) pairs of one question that are about the same group share one
    base n.  Every n consistent with all pairs at once is listed; when there is none, the
    largest group of pairs that does share a base is taken as the reference and the other pairs
    are the odd ones out, with what they would have been ("25 van n≈83 is 30%, niet 25%").
``base_stated``
    A base n printed in the source is compared with the bases the figures allow.
``percentage_base`` / ``count_base``
    A percentage without a count (or a count without a percentage) is checked against the base:
    "7% van 50" is impossible because 3 of 50 is 6% and 4 of 50 is 8%.
``percentage_sum`` / ``count_sum``
    One answer per person (single choice): printed percentages cannot add up to more than 100
    beyond what rounding explains, and counts cannot add up to more than the base.  When a
    source lists every option, the percentages must reach 100 too.
``respondents``
    Bases cannot exceed the number of respondents a source states.
``verbal``
    A finding in words ("een ruime meerderheid") is compared with the figures of its options
    where they exist, and otherwise carried as an interval (see :mod:`._lexicon`).
``significance``
    A source's claim that outcomes are "significant" is set against what the data can test.
``no_figure``
    A statement without any number or quantifier: recorded, nothing to check.

Means of integer scales (GRIM) are checked by :func:`check_means`, because the survey files
do not yet carry published means.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

import polars as pl

from bejegening._nl import format_int, format_number
from bejegening.checks._counts import (
    DEFAULT_MAX_N,
    BaseRange,
    PercentagePair,
    largest_consistent_subsets,
    pair_ranges,
    possible_counts,
    printed_percentage,
)
from bejegening.checks._grim import grim_totals, mean_decimals
from bejegening.checks._lexicon import (
    QuantifierInterval,
    QuantifierKind,
    lookup_quantifier,
)
from bejegening.checks._rounding import (
    Rounding,
    RoundingInterval,
    round_fraction,
    rounding_interval,
    scaled_value,
)
from bejegening.checks._text import and_list, bases_text, pct, printed_pct
from bejegening.checks._verbal import is_comparison
from bejegening.io import SurveyBundle
from bejegening.model import ClaimKind, Finding, Question, QuestionType, Sampling

__all__ = [
    "CHECK_SCHEMA",
    "CheckRule",
    "CheckStatus",
    "base_candidates",
    "check_all",
    "check_means",
    "check_survey",
    "inferred_bases",
]


class CheckStatus(StrEnum):
    """Outcome of one check."""

    consistent = "consistent"
    """The figure fits (with the other figures it was checked against)."""
    inconsistent = "inconsistent"
    """The figure cannot be right together with the others (or on its own)."""
    niet_toetsbaar = "niet_toetsbaar"
    """Nothing to check it against: no figures, no base, or no size named."""


class CheckRule(StrEnum):
    """Which rule produced a row (see the module docstring)."""

    count_percentage = "count_percentage"
    base_stated = "base_stated"
    percentage_base = "percentage_base"
    count_base = "count_base"
    percentage_sum = "percentage_sum"
    count_sum = "count_sum"
    respondents = "respondents"
    mean = "mean"
    verbal = "verbal"
    significance = "significance"
    no_figure = "no_figure"


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
class _Row:
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


def _frame(rows: Iterable[_Row]) -> pl.DataFrame:
    return pl.DataFrame([r.as_dict() for r in rows], schema=dict(CHECK_SCHEMA))


# --------------------------------------------------------------------------------------------
# Context: one survey, one rounding rule.


@dataclass
class _Pair:
    finding: Finding
    pair: PercentagePair
    own: BaseRange

    @property
    def count(self) -> int:
        return self.pair.count

    @property
    def decimals(self) -> int:
        return self.pair.printed_decimals

    @property
    def printed(self) -> str:
        return printed_pct(self.pair.percentage, self.decimals)


@dataclass(frozen=True)
class _Bounds:
    """What the figures say about the share of some options (fractions, rounding included)."""

    low: Fraction
    high: Fraction
    text: str
    """The reasoning in Dutch."""
    missing: str = ""
    """Labels of options in the share that have no figure."""
    known: Fraction = Fraction(0)
    """Printed total of the options that do have a figure."""


@dataclass
class _Group:
    """Count/percentage pairs of one question about one group of people."""

    key: tuple[str, str | None]
    label: str
    pairs: list[_Pair]
    best: list[tuple[frozenset[int], BaseRange]]

    @property
    def all_fit(self) -> bool:
        return bool(self.best) and len(self.best[0][0]) == len(self.pairs)

    def bases(self) -> list[int]:
        """Bases of the largest consistent subsets (union): the conservative inferred base set."""
        found: set[int] = set()
        for _, bases in self.best:
            found.update(bases.values())
        return sorted(found)


class _Checker:
    def __init__(self, bundle: SurveyBundle, rounding: Rounding, decimals: int | None, max_n: int) -> None:
        self.bundle = bundle
        self.survey = bundle.id
        self.rounding = rounding
        self.decimals = decimals
        self.max_n = max_n
        self.questions = {q.id: q for q in bundle.questions}
        self.groups = self._groups()

    # ---- helpers ---------------------------------------------------------------------------

    def digits(self, finding: Finding) -> int:
        """Printed decimals of a finding's percentage (a larger ``decimals`` override wins)."""
        assert finding.percentage is not None
        own = finding.percentage_decimals or 0
        return max(own, self.decimals) if self.decimals is not None else own

    def interval(self, finding: Finding) -> RoundingInterval:
        assert finding.percentage is not None
        d = self.digits(finding)
        return rounding_interval(scaled_value(finding.percentage, d), d, self.rounding)

    def figure(self, finding: Finding) -> str:
        if finding.figure:
            return finding.figure
        parts = []
        if finding.count is not None:
            parts.append(f"{format_int(finding.count)} personen")
        if finding.percentage is not None:
            parts.append(printed_pct(finding.percentage, self.digits(finding)))
        if finding.quantifier:
            parts.append(finding.quantifier)
        return " / ".join(parts) if parts else (finding.statement or finding.id)

    def question_label(self, question_id: str | None) -> str:
        if question_id is None or question_id not in self.questions:
            return "deze bevinding"
        return self.questions[question_id].label_lower

    def row(
        self, finding: Finding | None, rule: CheckRule, status: CheckStatus, explanation: str, **kw: Any
    ) -> _Row:
        question = kw.pop("question", finding.question if finding is not None else None)
        figure = kw.pop("figure", self.figure(finding) if finding is not None else "")
        return _Row(
            survey=self.survey,
            question=question,
            figure=figure,
            status=status,
            explanation=explanation,
            rule=rule,
            finding=finding.id if finding is not None else None,
            **kw,
        )

    def _groups(self) -> dict[tuple[str, str | None], _Group]:
        members: dict[tuple[str, str | None], list[Finding]] = {}
        for finding in self.bundle.findings:
            if finding.count is None or finding.percentage is None:
                continue
            members.setdefault(self.group_key(finding), []).append(finding)
        groups = {}
        for key, findings in members.items():
            pairs = [PercentagePair(f.count or 0, f.percentage or 0.0, self.digits(f)) for f in findings]
            ranges = pair_ranges(pairs, rounding=self.rounding, max_n=self.max_n)
            best = largest_consistent_subsets(pairs, rounding=self.rounding, max_n=self.max_n)
            groups[key] = _Group(
                key=key,
                label=self.question_label(findings[0].question),
                pairs=[_Pair(f, p, r) for f, p, r in zip(findings, pairs, ranges, strict=True)],
                best=best,
            )
        return groups

    @staticmethod
    def group_key(finding: Finding) -> tuple[str, str | None]:
        """Figures of one question about the same group of people share one base."""
        return (finding.question or f"_{finding.id}", finding.base_description)

    def stated_base(self, question_id: str, about: str | None) -> int | None:
        """The base a source prints for figures of this question about this group, if any."""
        for finding in self.bundle.findings:
            if (
                finding.question == question_id
                and finding.base_description == about
                and finding.base is not None
            ):
                return finding.base
        return None

    # ---- rule: counts against percentages -----------------------------------------------------

    def count_percentage_rows(self, group: _Group) -> list[_Row]:
        rows = []
        in_every = frozenset.intersection(*(m for m, _ in group.best)) if group.best else frozenset[int]()
        for i, item in enumerate(group.pairs):
            kw: dict[str, Any] = {
                "figure_n": item.own.values(),
                "rounding": self.rounding.value,
                "decimals": item.decimals,
            }
            if group.all_fit:
                bases = group.best[0][1]
                rows.append(
                    self.row(
                        item.finding,
                        CheckRule.count_percentage,
                        CheckStatus.consistent,
                        self._fits_text(group, item, bases),
                        consistent_n=bases.values(),
                        **kw,
                    )
                )
            elif not group.best:
                rows.append(
                    self.row(
                        item.finding,
                        CheckRule.count_percentage,
                        CheckStatus.inconsistent,
                        f"Klopt niet: bij geen enkele n tot {format_int(self.max_n)} is "
                        f"{format_int(item.count)} van n afgerond {item.printed}.",
                        **kw,
                    )
                )
            elif i in in_every:
                shared = _union(r for m, r in group.best if i in m)
                odd = [p for j, p in enumerate(group.pairs) if j not in in_every]
                text = (
                    f"Klopt met {self._others(group, i, in_every)}: samen passen ze bij "
                    f"{bases_text(shared, max_n=self.max_n)}. "
                    + self._example(item, _middle(shared, self.max_n))
                    + f" Maar {and_list([self._fig(p) for p in odd])} "
                    + ("past" if len(odd) == 1 else "passen")
                    + " daar niet bij (zie de regel daarvan)."
                )
                rows.append(
                    self.row(
                        item.finding,
                        CheckRule.count_percentage,
                        CheckStatus.consistent,
                        text,
                        consistent_n=shared,
                        **kw,
                    )
                )
            else:
                rows.append(self._odd_row(group, i, item, kw))
        return rows

    def _fig(self, item: _Pair) -> str:
        return f"{format_int(item.count)} ({item.printed})"

    def _others(self, group: _Group, i: int, members: frozenset[int]) -> str:
        others = [self._fig(group.pairs[j]) for j in sorted(members) if j != i]
        return f"{and_list(others)} bij {group.label}" if others else f"de andere cijfers van {group.label}"

    def _example(self, item: _Pair, n: int) -> str:
        exact = Fraction(100 * item.count, n)
        return (
            f"Bij n = {format_int(n)}: {format_int(item.count)} van {format_int(n)} is "
            f"{pct(exact, item.decimals + 1)}, afgerond {item.printed}."
        )

    def _fits_text(self, group: _Group, item: _Pair, bases: BaseRange) -> str:
        where = bases_text(bases)
        example = self._example(item, bases.middle())
        if len(group.pairs) == 1:
            return f"Klopt: past bij {where}. {example}"
        return f"Klopt: de {len(group.pairs)} cijfers van {group.label} passen samen bij {where}. {example}"

    def _odd_row(self, group: _Group, i: int, item: _Pair, kw: dict[str, Any]) -> _Row:
        reference = _union(r for m, r in group.best if i not in m)
        n = _middle(reference, self.max_n)
        would_be = printed_percentage(item.count, n, decimals=item.decimals, rounding=self.rounding)
        count_at_n = int(round_fraction(_exact(item.pair.percentage) * n / 100, 0, self.rounding))
        suggested = (
            f"{format_int(item.count)} van n≈{format_int(n)} is {pct(would_be, item.decimals)}, "
            f"niet {item.printed}"
        )
        own = (
            f"Op zichzelf past dit cijfer alleen bij {bases_text(item.own)}."
            if not item.own.empty
            else f"Op zichzelf past dit cijfer bij geen enkele n tot {format_int(self.max_n)}."
        )
        reverse = (
            f"omgekeerd is {item.printed} van {format_int(n)} ongeveer {format_int(count_at_n)} "
            f"personen, niet {format_int(item.count)}"
        )
        in_some = any(i in m for m, _ in group.best)
        if in_some:
            rivals = sorted({j for m, _ in group.best if i not in m for j in m} - {i})
            rival_text = and_list([self._fig(group.pairs[j]) for j in rivals])
            text = (
                f"Past niet samen met {rival_text}: ze passen niet bij dezelfde n. Welk cijfer "
                f"afwijkt, valt uit de cijfers niet af te leiden. Zonder dit cijfer passen de andere "
                f"bij {bases_text(reference, max_n=self.max_n)}; bij n≈{format_int(n)} zou dit "
                f"{pct(would_be, item.decimals)} zijn, niet {item.printed} ({reverse}). {own}"
            )
        else:
            members = sorted({j for m, _ in group.best for j in m})
            text = (
                f"Klopt niet: {self._others(group, -1, frozenset(members))} passen samen bij "
                f"{bases_text(reference, max_n=self.max_n)}, maar dit cijfer past daar niet bij. "
                f"Bij n≈{format_int(n)} zou {format_int(item.count)} van {format_int(n)} afgerond "
                f"{pct(would_be, item.decimals)} zijn, niet {item.printed}; {reverse}. {own} "
                "Of het aantal of het percentage verkeerd is, staat niet vast."
            )
        return self.row(
            item.finding,
            CheckRule.count_percentage,
            CheckStatus.inconsistent,
            text,
            consistent_n=_union(r for m, r in group.best if i in m),
            suggested=suggested,
            **kw,
        )

    # ---- rule: a base printed in the source ---------------------------------------------------

    def base_stated_row(self, group: _Group, item: _Pair) -> _Row | None:
        base = item.finding.base
        if base is None:
            return None
        inferred = _union(r for m, r in group.best if any(group.pairs[j] is item for j in m))
        at_base = (
            printed_percentage(item.count, base, decimals=item.decimals, rounding=self.rounding)
            if base
            else None
        )
        kw: dict[str, Any] = {
            "consistent_n": inferred,
            "figure_n": item.own.values(),
            "rounding": self.rounding.value,
            "decimals": item.decimals,
        }
        if base in inferred:
            text = (
                f"De bron noemt n = {format_int(base)}; dat past bij de cijfers: "
                f"{format_int(item.count)} van {format_int(base)} is afgerond {item.printed}."
            )
            return self.row(item.finding, CheckRule.base_stated, CheckStatus.consistent, text, **kw)
        if base in item.own:
            text = (
                f"De bron noemt n = {format_int(base)}. Dat past bij dit cijfer, maar niet bij de "
                f"andere cijfers van {group.label} (die passen bij {bases_text(inferred, max_n=self.max_n)})."
            )
        elif at_base is None:
            text = f"De bron noemt n = 0, maar er zijn {format_int(item.count)} personen genoemd."
        else:
            text = (
                f"De bron noemt n = {format_int(base)}, maar {format_int(item.count)} van "
                f"{format_int(base)} is afgerond {pct(at_base, item.decimals)}, niet {item.printed}. "
                f"Uit de cijfers volgt {bases_text(inferred, max_n=self.max_n)}."
            )
        return self.row(item.finding, CheckRule.base_stated, CheckStatus.inconsistent, text, **kw)

    # ---- rules: a percentage or a count on its own ----------------------------------------------

    def inferred_for(self, finding: Finding) -> list[int]:
        group = self.groups.get(self.group_key(finding))
        return group.bases() if group is not None else []

    def percentage_only_row(self, finding: Finding) -> _Row:
        assert finding.percentage is not None
        d = self.digits(finding)
        printed = printed_pct(finding.percentage, d)
        kw: dict[str, Any] = {"rounding": self.rounding.value, "decimals": d}
        candidates = [finding.base] if finding.base is not None else self.inferred_for(finding)
        source = "de bron noemt" if finding.base is not None else "uit de andere cijfers volgt"
        if not candidates:
            return self.row(
                finding,
                CheckRule.percentage_base,
                CheckStatus.niet_toetsbaar,
                f"Alleen een percentage ({printed}), zonder aantal en zonder n: er valt niets na te rekenen.",
                **kw,
            )
        fitting = [
            n
            for n in candidates
            if n > 0 and possible_counts(finding.percentage, n, decimals=d, rounding=self.rounding)
        ]
        if fitting:
            n = fitting[len(fitting) // 2]
            counts = possible_counts(finding.percentage, n, decimals=d, rounding=self.rounding)
            text = (
                f"Klopt: {source} {bases_text(candidates, max_n=self.max_n)}; bij n = {format_int(n)} "
                f"is {printed} gelijk aan {and_list([format_int(c) for c in counts], word='of')} personen."
            )
            return self.row(
                finding, CheckRule.percentage_base, CheckStatus.consistent, text, consistent_n=fitting, **kw
            )
        n = candidates[len(candidates) // 2]
        lower = int(_exact(finding.percentage) * n / 100)
        options = [c for c in (lower, lower + 1) if 0 <= c <= n]
        shown = and_list(
            [
                f"{format_int(c)} van {format_int(n)} is "
                f"{pct(printed_percentage(c, n, decimals=d, rounding=self.rounding), d)}"
                for c in options
            ]
        )
        text = (
            f"Klopt niet: {source} {bases_text(candidates, max_n=self.max_n)}, maar geen heel aantal "
            f"personen geeft dan {printed}: {shown}."
        )
        return self.row(finding, CheckRule.percentage_base, CheckStatus.inconsistent, text, **kw)

    def count_only_row(self, finding: Finding) -> _Row:
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
            return self.row(
                finding, CheckRule.count_base, status, text, consistent_n=[finding.base] if ok else []
            )
        inferred = self.inferred_for(finding)
        if not inferred:
            return self.row(
                finding,
                CheckRule.count_base,
                CheckStatus.niet_toetsbaar,
                f"Alleen een aantal ({format_int(count)} personen), zonder percentage en zonder n: "
                "er valt niets na te rekenen.",
            )
        fitting = [n for n in inferred if n >= count]
        if fitting:
            return self.row(
                finding,
                CheckRule.count_base,
                CheckStatus.consistent,
                f"Klopt: {format_int(count)} personen past binnen {bases_text(fitting, max_n=self.max_n)} "
                "(uit de andere cijfers van deze vraag).",
                consistent_n=fitting,
            )
        return self.row(
            finding,
            CheckRule.count_base,
            CheckStatus.inconsistent,
            f"Klopt niet: {format_int(count)} personen is meer dan de n die uit de andere cijfers volgt "
            f"({bases_text(inferred, max_n=self.max_n)}).",
        )

    # ---- rules: sums within a single-choice question -------------------------------------------

    def disjoint(self, question: Question, attribute: str, about: str | None) -> list[Finding]:
        """Findings of a question about one group (``about``: the base description) and about
        non-overlapping options, that carry ``attribute``; single options before combinations."""
        chosen: list[Finding] = []
        used: set[str] = set()
        candidates = [
            f
            for f in self.bundle.findings
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
        order = {f.id: i for i, f in enumerate(self.bundle.findings)}
        return sorted(chosen, key=lambda f: order[f.id])

    def covers_all(self, question: Question, findings: Sequence[Finding]) -> bool:
        covered = {o for f in findings for o in f.options}
        return (
            question.options_complete
            and bool(question.options)
            and covered >= {o.id for o in question.options}
        )

    def percentage_sum_row(self, question: Question, about: str | None) -> _Row | None:
        findings = self.disjoint(question, "percentage", about)
        if len(findings) < 2:
            return None
        intervals = [self.interval(f) for f in findings]
        printed = [printed_pct(f.percentage or 0.0, self.digits(f)) for f in findings]
        total = sum((_exact(f.percentage or 0.0) for f in findings), Fraction(0))
        decimals = max(self.digits(f) for f in findings)
        low = sum((i.low for i in intervals), Fraction(0))
        high = sum((i.high for i in intervals), Fraction(0))
        low_open = any(not i.low_closed for i in intervals)
        high_open = any(not i.high_closed for i in intervals)
        figure = " + ".join(printed) + f" = {pct(total, decimals)}"
        span = (
            f"met afronding kan het werkelijke totaal {pct(max(low, Fraction(0)), decimals + 1)} tot "
            f"{pct(high, decimals + 1)} zijn"
        )
        complete = self.covers_all(question, findings)
        over = low > 100 or (low == 100 and low_open)
        under = complete and (high < 100 or (high == 100 and high_open))
        kw: dict[str, Any] = {
            "question": question.id,
            "figure": figure,
            "rounding": self.rounding.value,
            "decimals": decimals,
        }
        if over:
            text = (
                f"Klopt niet: de percentages van {self.question_label(question.id)} tellen op tot "
                f"{pct(total, decimals)}; {span}. Bij één antwoord per persoon kan dat niet boven 100% "
                "uitkomen."
            )
            return self.row(None, CheckRule.percentage_sum, CheckStatus.inconsistent, text, **kw)
        if under:
            text = (
                f"Klopt niet: de bron noemt alle antwoorden van {self.question_label(question.id)}, maar "
                f"de percentages tellen op tot {pct(total, decimals)}; {span}. Dat komt niet op 100%."
            )
            return self.row(None, CheckRule.percentage_sum, CheckStatus.inconsistent, text, **kw)
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
        text = (
            f"Klopt: de percentages tellen op tot {pct(total, decimals)} ({span}), niet meer dan 100%. {tail}"
        )
        return self.row(None, CheckRule.percentage_sum, CheckStatus.consistent, text, **kw)

    def count_sum_row(self, question: Question, about: str | None) -> _Row | None:
        findings = self.disjoint(question, "count", about)
        if len(findings) < 2:
            return None
        total = sum(f.count or 0 for f in findings)
        figure = " + ".join(format_int(f.count) for f in findings) + f" = {format_int(total)}"
        kw: dict[str, Any] = {"question": question.id, "figure": figure}
        complete = self.covers_all(question, findings)
        stated = self.stated_base(question.id, about)
        if stated is not None:
            bases, where = [stated], f"de n = {format_int(stated)} die de bron noemt"
        else:
            group = self.groups.get((question.id, about))
            bases = group.bases() if group is not None else []
            where = f"de n die uit de percentages volgt ({bases_text(bases, max_n=self.max_n)})"
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
            return self.row(None, CheckRule.count_sum, CheckStatus.inconsistent, text, **kw)
        text = f"Klopt: de aantallen tellen op tot {format_int(total)}, niet meer dan {where}."
        if not complete and fitting == [total]:
            text += " Samen zijn ze precies n: voor andere antwoorden blijft niemand over."
        elif not complete and min(fitting) == total:
            text += (
                f" Bij n = {format_int(total)} blijft voor andere antwoorden niemand over; bij een "
                "grotere n wel."
            )
        return self.row(None, CheckRule.count_sum, CheckStatus.consistent, text, consistent_n=fitting, **kw)

    def respondents_row(self, group: _Group) -> _Row | None:
        respondents = self.bundle.survey.respondents
        bases = group.bases()
        if respondents is None or not bases:
            return None
        question = group.pairs[0].finding.question
        fitting = [n for n in bases if n <= respondents]
        figure = f"n = {bases_text(bases, max_n=self.max_n).removeprefix('n = ')}"
        if fitting:
            text = (
                f"Klopt: {bases_text(fitting, max_n=self.max_n)} is niet meer dan de "
                f"{format_int(respondents)} deelnemers die de bron noemt."
            )
            return self.row(
                None,
                CheckRule.respondents,
                CheckStatus.consistent,
                text,
                question=question,
                figure=figure,
                consistent_n=fitting,
            )
        text = (
            f"Klopt niet: uit de cijfers van {group.label} volgt {bases_text(bases, max_n=self.max_n)}, "
            f"meer dan de {format_int(respondents)} deelnemers die de bron noemt."
        )
        return self.row(
            None, CheckRule.respondents, CheckStatus.inconsistent, text, question=question, figure=figure
        )

    # ---- rule: verbal claims --------------------------------------------------------------------

    def verbal_row(self, finding: Finding) -> _Row:
        assert finding.quantifier is not None
        phrase = finding.quantifier
        entry = lookup_quantifier(phrase)
        if entry is None:
            return self.row(
                finding,
                CheckRule.verbal,
                CheckStatus.niet_toetsbaar,
                f"'{phrase}' staat niet in de woordenlijst van deze controle; het is niet getoetst.",
            )
        kw: dict[str, Any] = {}
        if entry.has_interval:
            kw = {
                "interval_low": entry.low,
                "interval_high": entry.high,
                "interval_unit": "count" if entry.kind is QuantifierKind.number else "fraction",
            }
        meaning = f"'{phrase}' betekent hier {entry.describe()}."
        if entry.kind is QuantifierKind.reference:
            about = f" ({finding.base_description})" if finding.base_description else ""
            text = (
                f"'{phrase}' verwijst naar een ander cijfer in de bron{about}. Het heeft geen eigen "
                "omvang, en deze controle neemt geen getal over dat de bron niet zelf bij deze "
                "uitspraak noemt. Niet toetsbaar."
            )
            return self.row(finding, CheckRule.verbal, CheckStatus.niet_toetsbaar, text)
        if entry.kind is QuantifierKind.vague:
            text = entry.explanation + self._own_figures(finding) + " Niet toetsbaar."
            return self.row(finding, CheckRule.verbal, CheckStatus.niet_toetsbaar, text)
        if is_comparison(finding):
            text = (
                f"{meaning} Maar hier vergelijkt de bron twee groepen met elkaar ('ten opzichte van'); "
                "dat zegt niets over het aandeel van het geheel, en de omvang van de andere groep "
                "staat er niet in. Daarom wordt er geen bandbreedte getoond. Niet toetsbaar."
            )
            return self.row(finding, CheckRule.verbal, CheckStatus.niet_toetsbaar, text)
        if entry.kind is QuantifierKind.number:
            text = (
                f"{meaning} Dit is een aantal, geen aandeel; zonder totaal aantal deelnemers valt er "
                "geen percentage uit af te leiden. Getoond als bandbreedte, niet als getal."
            )
            return self.row(finding, CheckRule.verbal, CheckStatus.niet_toetsbaar, text, **kw)
        if finding.percentage is not None:
            return self._verbal_own_percentage(finding, entry, kw)
        bounds = self._share_bounds(finding)
        if bounds is None:
            text = (
                f"{meaning} De bron geeft geen aantallen of percentages om dit mee te vergelijken; "
                "het wordt getoond als bandbreedte, niet als getal."
            )
            return self.row(finding, CheckRule.verbal, CheckStatus.niet_toetsbaar, text, **kw)
        return self._verdict(finding, entry, bounds, kw)

    def _own_figures(self, finding: Finding) -> str:
        if finding.question is None or not finding.options:
            return ""
        direct = [
            f
            for f in self.bundle.findings
            if f.question == finding.question
            and set(f.options) == set(finding.options)
            and (f.count is not None or f.percentage is not None)
        ]
        if not direct:
            return ""
        labels = self._labels(finding.question, finding.options)
        return f" Voor {labels} noemt de bron zelf: {and_list([self.figure(f) for f in direct])}."

    def _labels(self, question_id: str, options: Iterable[str]) -> str:
        question = self.questions[question_id]
        return " + ".join(question.option(o).label for o in options)

    def _verbal_own_percentage(self, finding: Finding, entry: QuantifierInterval, kw: dict[str, Any]) -> _Row:
        interval = self.interval(finding).scaled(Fraction(1, 100))
        text = f"De bron noemt zelf {self.figure(finding)}."
        return self._verdict(finding, entry, _Bounds(interval.low, interval.high, text), kw)

    def _share_bounds(self, finding: Finding) -> _Bounds | None:
        """Bounds (fractions) of the share of the finding's options from the question's percentages."""
        if finding.question is None or not finding.options or finding.question not in self.questions:
            return None
        question = self.questions[finding.question]
        wanted = set(finding.options)
        others = [
            f
            for f in self.bundle.findings
            if f.question == question.id
            and f.base_description == finding.base_description
            and f.percentage is not None
            and f.id != finding.id
            and f.options
        ]
        labels = self._labels(question.id, finding.options)
        direct = [f for f in others if set(f.options) == wanted]
        if direct:
            interval = self.interval(direct[0]).scaled(Fraction(1, 100))
            return _Bounds(
                interval.low, interval.high, f"De bron noemt voor {labels} zelf {self.figure(direct[0])}."
            )
        if question.type not in (QuestionType.single, QuestionType.likert):
            return None
        singles = {f.options[0]: f for f in others if len(f.options) == 1}
        known_in = [singles[o] for o in finding.options if o in singles]
        unknown_in = [o for o in finding.options if o not in singles]
        known_out = [f for o, f in singles.items() if o not in wanted]
        if not known_in and not known_out:
            return None
        in_low = sum((self.interval(f).low for f in known_in), Fraction(0)) / 100
        in_high = sum((self.interval(f).high for f in known_in), Fraction(0)) / 100
        out_low = sum((self.interval(f).low for f in known_out), Fraction(0)) / 100
        ceiling = 1 - out_low
        high = ceiling if unknown_in else min(in_high, ceiling)
        parts = [self._option_figure(question, f) for f in known_in]
        decimals = max((self.digits(f) for f in known_in + known_out), default=0)
        known_total = sum((_exact(f.percentage or 0.0) for f in known_in), Fraction(0))
        text = f"Volgens de cijfers van {self.question_label(question.id)}: "
        if parts:
            text += " + ".join(parts) + (f" = {pct(known_total, decimals)}" if len(parts) > 1 else "")
        missing = and_list([question.option(o).label for o in unknown_in])
        if unknown_in:
            text += ("; voor " if parts else "voor ") + f"{missing} staat geen cijfer in de bron"
        text += ". "
        if known_out and (unknown_in or ceiling < in_high):
            out_text = and_list([self._option_figure(question, f) for f in known_out])
            text += (
                f"Omdat {out_text} {'is' if len(known_out) == 1 else 'zijn'}, kan {labels} samen "
                f"hoogstens {pct(ceiling * 100, decimals + 1)} zijn. "
            )
        return _Bounds(max(in_low, Fraction(0)), high, text.strip(), missing, known_total / 100)

    def _option_figure(self, question: Question, finding: Finding) -> str:
        label = question.option(finding.options[0]).label
        return f"{label} {printed_pct(finding.percentage or 0.0, self.digits(finding))}"

    def _verdict(
        self, finding: Finding, entry: QuantifierInterval, bounds: _Bounds, kw: dict[str, Any]
    ) -> _Row:
        assert entry.low is not None and entry.high is not None
        low, high, figures, missing, known = (
            bounds.low,
            bounds.high,
            bounds.text,
            bounds.missing,
            bounds.known,
        )
        meaning = f"'{finding.quantifier}' betekent hier {entry.describe()}."
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
            return self.row(
                finding,
                CheckRule.verbal,
                CheckStatus.consistent,
                f"{base} Dat valt binnen '{phrase}': klopt.",
                **kw,
            )
        if below or above:
            return self.row(
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
            verdict = (
                f"Het aandeel kan binnen en buiten '{phrase}' liggen; met deze cijfers niet te beslissen."
            )
        return self.row(finding, CheckRule.verbal, CheckStatus.niet_toetsbaar, f"{base} {verdict}", **kw)

    # ---- rule: significance claims ----------------------------------------------------------------

    def significance_rows(self) -> list[_Row]:
        rows = []
        survey = self.bundle.survey
        for claim in self.bundle.spec.claims:
            if claim.kind is not ClaimKind.significance:
                continue
            targets: list[str | None] = list(claim.questions) or [None]
            for question_id in targets:
                rows.append(
                    self.row(
                        None,
                        CheckRule.significance,
                        CheckStatus.niet_toetsbaar,
                        self._significance_text(claim.text, question_id, survey.respondents, survey.sampling),
                        question=question_id,
                        figure=claim.text,
                        claim=claim.id,
                    )
                )
        return rows

    def _significance_text(
        self, claim: str, question_id: str | None, respondents: int | None, sampling: Sampling | None
    ) -> str:
        parts = [
            f"De bron noemt de uitkomsten 'significant' (\"{claim.strip()}\"), maar zegt niet "
            "waarmee vergeleken is en welke toets gebruikt is."
        ]
        parts.append(
            "Er is niets om mee te vergelijken: één enquête, één meting, geen andere groep en geen "
            "eerdere meting."
        )
        if respondents is None:
            bases = self.groups.get((question_id, None)) if question_id else None
            inferred = bases.bases() if bases is not None else []
            if inferred:
                parts.append(
                    "Het aantal deelnemers staat er niet in; uit de percentages volgt "
                    f"{bases_text(inferred, max_n=self.max_n)}."
                )
            else:
                parts.append("Het aantal deelnemers staat er niet in.")
        parts.append(
            "Eén percentage is op zichzelf niet 'significant'. Hooguit kun je toetsen of een "
            "aandeel afwijkt van een vergelijkingswaarde, maar die noemt de bron niet."
        )
        if sampling is not Sampling.probability:
            parts.append(
                "Ook staat er niet in dat de deelnemers willekeurig gekozen zijn; dan zou een toets "
                "alleen toevalsruis beschrijven, niet of de uitkomst voor alle cliënten geldt."
            )
        parts.append("Niet toetsbaar met deze gegevens.")
        return " ".join(parts)

    # ---- all rows -----------------------------------------------------------------------------------

    def rows(self) -> list[_Row]:
        question_order = {q.id: i for i, q in enumerate(self.bundle.questions)}
        keyed: list[tuple[tuple[int, int, int, int], _Row]] = []

        def add(question: str | None, stage: int, index: int, row: _Row | None, sub: int = 0) -> None:
            if row is not None:
                position = (
                    question_order.get(question, len(question_order)) if question else len(question_order)
                )
                keyed.append(((position, stage, index, sub), row))

        finding_order = {f.id: i for i, f in enumerate(self.bundle.findings)}
        for group in self.groups.values():
            for sub, (item, row) in enumerate(
                zip(group.pairs, self.count_percentage_rows(group), strict=True)
            ):
                index = finding_order[item.finding.id]
                add(item.finding.question, 0, index, row)
                add(item.finding.question, 0, index, self.base_stated_row(group, item), sub + 1)
            first = group.pairs[0].finding
            add(first.question, 1, finding_order[first.id], self.respondents_row(group))
        for finding in self.bundle.findings:
            index = finding_order[finding.id]
            if finding.count is not None and finding.percentage is not None:
                if finding.quantifier:
                    add(finding.question, 0, index, self.verbal_row(finding), 9)
                continue
            if finding.quantifier:
                row = self.verbal_row(finding)
            elif finding.percentage is not None:
                row = self.percentage_only_row(finding)
            elif finding.count is not None:
                row = self.count_only_row(finding)
            else:
                row = self.row(
                    finding,
                    CheckRule.no_figure,
                    CheckStatus.niet_toetsbaar,
                    "Een uitspraak zonder aantal, percentage of omschrijving van een aandeel: er valt "
                    "niets na te rekenen.",
                )
            add(finding.question, 0 if finding.question else 3, index, row)
        for i, question in enumerate(self.bundle.questions):
            if question.type in (QuestionType.single, QuestionType.likert):
                groups = dict.fromkeys(
                    f.base_description for f in self.bundle.findings if f.question == question.id
                )
                for j, about in enumerate(groups):
                    add(question.id, 2, i, self.percentage_sum_row(question, about), 2 * j)
                    add(question.id, 2, i, self.count_sum_row(question, about), 2 * j + 1)
        for i, row in enumerate(self.significance_rows()):
            add(None, 4, i, row)
        keyed.sort(key=lambda item: item[0])
        return [row for _, row in keyed]


def _exact(value: float) -> Fraction:
    """A printed number as an exact fraction (``20.3`` is 203/10, not its binary neighbour)."""
    return Fraction(Decimal(repr(float(value))))


def _union(ranges: Iterable[BaseRange]) -> list[int]:
    found: set[int] = set()
    for r in ranges:
        found.update(r.values())
    return sorted(found)


def _middle(values: Sequence[int], max_n: int) -> int:
    if not values:
        raise ValueError("geen n om mee te rekenen")
    if max(values) >= max_n:
        return min(values)
    return values[(len(values) - 1) // 2]


# --------------------------------------------------------------------------------------------
# Public API.


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
    checked = _frame(_Checker(bundle, rounding, decimals, max_n).rows())
    means = [f for f in bundle.findings if f.mean is not None]
    if not means:
        return checked
    frame = pl.DataFrame(
        {
            "survey": [bundle.id] * len(means),
            "question": [f.question for f in means],
            "mean": [f.mean for f in means],
            "n": [f.base if f.base is not None else f.count for f in means],
            "items": [f.items for f in means],
            "scale_min": [f.scale_min for f in means],
            "scale_max": [f.scale_max for f in means],
            "figure": [f.figure for f in means],
            "finding": [f.id for f in means],
        },
        schema={
            "survey": pl.String,
            "question": pl.String,
            "mean": pl.String,
            "n": pl.Int64,
            "items": pl.Int64,
            "scale_min": pl.Int64,
            "scale_max": pl.Int64,
            "figure": pl.String,
            "finding": pl.String,
        },
    )
    return pl.concat([checked, check_means(frame, rounding=rounding)], how="vertical")


def check_all(
    bundles: Iterable[SurveyBundle],
    *,
    rounding: Rounding = Rounding.half_up,
    decimals: int | None = None,
    max_n: int = DEFAULT_MAX_N,
) -> pl.DataFrame:
    """:func:`check_survey` for several surveys, in the given order, as one table."""
    frames = [check_survey(b, rounding=rounding, decimals=decimals, max_n=max_n) for b in bundles]
    return pl.concat(frames, how="vertical") if frames else _frame([])


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
    rows: list[_Row] = []
    columns = set(means.columns)
    for record in means.iter_rows(named=True):
        mean_text = str(record["mean"]).strip()
        n = record.get("n")
        items = int(record["items"]) if "items" in columns and record["items"] is not None else 1
        scale = None
        if (
            {"scale_min", "scale_max"} <= columns
            and record["scale_min"] is not None
            and record["scale_max"] is not None
        ):
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
                _Row(
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
            rows.append(
                _Row(status=CheckStatus.consistent, explanation=text, consistent_n=[int(n)], **common)
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
            _Row(
                status=CheckStatus.inconsistent,
                explanation=f"Klopt niet: gemiddelde {shown} is onmogelijk; {reason}",
                **common,
            )
        )
    return _frame(rows)


def _outside(value: Fraction, scale: tuple[int, int]) -> bool:
    return value < scale[0] or value > scale[1]
