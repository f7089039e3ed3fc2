"""What every rule family needs about one survey: printed decimals, figures, groups of pairs.

:class:`SurveyContext` is built once per survey and rounding rule; the count/percentage pairs of
each question (per group of people) and the bases they allow are computed here once, and every
family reads them (the count-sum, respondents and significance rules, and the report's inferred
bases through the ``count_percentage`` rows).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from bejegening._nl import format_int
from bejegening.checks._counts import (
    BaseRange,
    PercentagePair,
    largest_consistent_subsets,
    pair_ranges,
)
from bejegening.checks._rounding import Rounding, RoundingInterval, rounding_interval, scaled_value
from bejegening.checks._rules import CheckRow, CheckRule, CheckStatus
from bejegening.checks._text import printed_pct
from bejegening.io import SurveyBundle
from bejegening.model import Finding

__all__ = ["Group", "Pair", "SortKey", "SurveyContext", "exact", "middle", "union"]

SortKey = tuple[int, int, int, int]
"""Where a row goes in the table: (question position, stage, finding or question index, sub)."""


@dataclass
class Pair:
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


@dataclass
class Group:
    """Count/percentage pairs of one question about one group of people."""

    key: tuple[str, str | None]
    label: str
    pairs: list[Pair]
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


class SurveyContext:
    """One survey checked under one rounding rule (``decimals``: printed-decimals override)."""

    def __init__(self, bundle: SurveyBundle, rounding: Rounding, decimals: int | None, max_n: int) -> None:
        self.bundle = bundle
        self.survey = bundle.id
        self.rounding = rounding
        self.decimals = decimals
        self.max_n = max_n
        self.questions = {q.id: q for q in bundle.questions}
        self.question_order = {q.id: i for i, q in enumerate(bundle.questions)}
        self.finding_order = {f.id: i for i, f in enumerate(bundle.findings)}
        self.groups = self._groups()

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
    ) -> CheckRow:
        question = kw.pop("question", finding.question if finding is not None else None)
        figure = kw.pop("figure", self.figure(finding) if finding is not None else "")
        return CheckRow(
            survey=self.survey,
            question=question,
            figure=figure,
            status=status,
            explanation=explanation,
            rule=rule,
            finding=finding.id if finding is not None else None,
            **kw,
        )

    def _groups(self) -> dict[tuple[str, str | None], Group]:
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
            groups[key] = Group(
                key=key,
                label=self.question_label(findings[0].question),
                pairs=[Pair(f, p, r) for f, p, r in zip(findings, pairs, ranges, strict=True)],
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

    def inferred_for(self, finding: Finding) -> list[int]:
        group = self.groups.get(self.group_key(finding))
        return group.bases() if group is not None else []

    def key(self, question: str | None, stage: int, index: int, sub: int = 0) -> SortKey:
        """The sort key of a row: questionnaire order first, rows about no question last."""
        order = self.question_order
        position = order.get(question, len(order)) if question else len(order)
        return (position, stage, index, sub)


def exact(value: float) -> Fraction:
    """A printed number as an exact fraction (``20.3`` is 203/10, not its binary neighbour)."""
    return Fraction(Decimal(repr(float(value))))


def union(ranges: Iterable[BaseRange]) -> list[int]:
    found: set[int] = set()
    for r in ranges:
        found.update(r.values())
    return sorted(found)


def middle(values: Sequence[int], max_n: int) -> int:
    if not values:
        raise ValueError("geen n om mee te rekenen")
    if max(values) >= max_n:
        return min(values)
    return values[(len(values) - 1) // 2]
