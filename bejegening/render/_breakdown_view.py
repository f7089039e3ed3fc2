"""View models of the "Per groep" sections of a question page (one per background variable).

Frozen values for ``_breakdown.md.j2``, built once per build: the groups with their column
percentages and intervals, the groups too small to show, the test of independence in one Dutch
sentence and the difference between the two largest groups. The word "verschil" appears only
where the Holm-adjusted test says there is one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import polars as pl

from bejegening._nl import format_number, format_pct
from bejegening.io import SurveyBundle
from bejegening.model import Question, QuestionType
from bejegening.render._assets import ChartAsset
from bejegening.render._charts_text import MINUS, interval_text, signed_points_text
from bejegening.stats import Breakdowns, suppression_reason

__all__ = [
    "BreakdownCell",
    "BreakdownGroup",
    "BreakdownView",
    "background_labels",
    "breakdown_views",
    "difference_sentence",
    "p_text",
    "suppression_reasons",
    "test_sentence",
    "too_small_reason",
]

_TEST_NAMES = {
    "chi2": "chi-kwadraattoets",
    "fisher": "exacte toets van Fisher",
    "rao_scott": "chi-kwadraattoets met Rao-Scott-correctie voor de weging",
}


def background_labels(bundle: SurveyBundle) -> dict[str, str]:
    """Background variable id → its name on the site (the column header in the answers file)."""
    responses = bundle.spec.responses
    if responses is None:
        return {}
    return {key: column.strip() or key for key, column in responses.background.items()}


def suppression_reasons(k: int) -> Mapping[str, str]:
    """Why a cell is hidden, in Dutch, per kind ("primary", "secondary"; ``stats.suppression_reason``)."""
    return MappingProxyType({kind: suppression_reason(kind, k) for kind in ("primary", "secondary")})


def too_small_reason(k: int) -> str:
    """Why a group is not shown: "groep te klein: minder dan {k} personen"."""
    return f"groep te klein: {suppression_reason('primary', k)}"


def p_text(p: float) -> str:
    """A p-value in Dutch: ``p < 0,001`` or ``p = 0,034``."""
    return "p < 0,001" if p < 0.001 else f"p = {format_number(p, 3)}"


def test_sentence(test: Mapping[str, Any] | None, label: str, question: Question, groups_shown: int) -> str:
    """The test of one question by one background variable in one plain Dutch sentence."""
    if question.type is QuestionType.multiple:
        return "Bij deze vraag kon iemand meer antwoorden kiezen; daarvoor doen we geen toets."
    if test is None:
        if groups_shown < 2:
            return "Er zijn minder dan twee groepen groot genoeg om te tonen; daarom is er geen toets."
        return "Hier valt niets te toetsen: er is maar één antwoord gegeven."
    details = (
        f"{_TEST_NAMES.get(str(test['test']), str(test['test']))}, {p_text(float(test['p_value']))}; "
        f"na Holm-correctie voor alle {int(test['tests_in_survey'])} toetsen van dit onderzoek "
        f"{p_text(float(test['p_holm']))}; Cramér's V = {format_number(float(test['cramers_v']), 2)}"
    )
    if test["significant"]:
        return f"De toets wijst op een verschil tussen de groepen ({details})."
    return (
        f"De toets laat niet zien dat de antwoorden per {label.lower()} uiteenlopen: wat u hieronder "
        f"ziet, kan toeval zijn ({details})."
    )


def _points(value: float) -> str:
    return signed_points_text(value, 1, minus=MINUS)


def difference_sentence(diff: Mapping[str, Any], significant: bool, confidence: float) -> str:
    """The difference of the two largest groups with its Newcombe interval, in Dutch."""
    shares = (
        f"{diff['group_a']} {format_pct(diff['pct_a'], 1)} ({diff['n_a']} van {diff['base_a']}), "
        f"{diff['group_b']} {format_pct(diff['pct_b'], 1)} ({diff['n_b']} van {diff['base_b']})"
    )
    margin = (
        f"{format_pct(confidence)}-marge {_points(diff['ci_low'])} tot {_points(diff['ci_high'])} procentpunt"
    )
    if significant:
        return (
            f'Antwoord "{diff["label"]}" in de twee grootste groepen: {shares}. Het verschil is '
            f"{_points(diff['diff'])} procentpunt ({margin}, Newcombe)."
        )
    return (
        f'Antwoord "{diff["label"]}" in de twee grootste groepen: {shares}; '
        f"{diff['group_a']} min {diff['group_b']} is {_points(diff['diff'])} procentpunt ({margin}, "
        "Newcombe). Volgens de toets kan dat toeval zijn."
    )


@dataclass(frozen=True)
class BreakdownCell:
    """One option's share within one group: ``pct`` (a fraction) with its interval in Dutch, or
    the kind of suppression and its short label."""

    pct: float | None
    n: int | None
    interval: str
    suppression: str | None
    short: str


@dataclass(frozen=True)
class BreakdownGroup:
    """One group's row: its base (None: unknown) and a cell per option; ``too_small``: the group is
    not shown."""

    group: str
    base: int | None
    """People in the group who answered (the largest option base)."""
    too_small: bool
    cells: tuple[BreakdownCell, ...]
    """In the order of :attr:`BreakdownView.options`."""


@dataclass(frozen=True)
class BreakdownView:
    """The "Per groep" section of a question for one background variable (``by``)."""

    by: str
    label: str
    """Its name on the site: the column header in the answers file."""
    anchor: str
    """``per-<by>``: the section's heading id."""
    options: tuple[str, ...]
    """Option labels, in questionnaire order (the table's columns)."""
    groups: tuple[BreakdownGroup, ...]
    too_small: tuple[str, ...]
    """Names of the groups too small to show."""
    too_small_reason: str
    sentence: str
    """The test of independence in one Dutch sentence."""
    significant: bool
    difference: str | None
    """The difference of the two largest groups with its interval, in Dutch (None: none)."""
    chart: ChartAsset | None
    primary: bool
    secondary: bool
    reasons: Mapping[str, str]
    """Why a cell is hidden, per kind ("primary", "secondary")."""
    k: int


def _cell(cell: Mapping[str, Any], k: int) -> BreakdownCell:
    kind = cell.get("suppression") if cell.get("suppressed") else None
    low, high = cell.get("ci_low"), cell.get("ci_high")
    return BreakdownCell(
        pct=cell.get("pct"),
        n=cell.get("n"),
        interval=interval_text(low, high, 1),
        suppression=kind,
        short=suppression_reason(kind, k, short=True) if kind else "",
    )


def breakdown_views(
    bundle: SurveyBundle,
    question: Question,
    tables: Breakdowns | None,
    charts: Mapping[str, ChartAsset],
    *,
    confidence: float = 0.95,
) -> tuple[BreakdownView, ...]:
    """One view per background variable with a crosstab of this question (empty if none)."""
    if tables is None or tables.table.is_empty():
        return ()
    k = bundle.survey.small_cell_threshold
    labels = background_labels(bundle)
    own = tables.table.filter(pl.col("question") == question.id)
    views = []
    for (by,), part in own.group_by("by", maintain_order=True):
        label = labels.get(str(by), str(by))
        options = (
            part.group_by("option", maintain_order=True)
            .agg(pl.col("label").first(), pl.col("order").min())
            .sort("order", nulls_last=True, maintain_order=True)
        )
        option_ids = options["option"].to_list()
        groups = []
        for (group,), cells in part.group_by("group", maintain_order=True):
            by_option = {c["option"]: c for c in cells.to_dicts()}
            bases = [int(b) for b in cells["base"].drop_nulls().to_list()]
            groups.append(
                BreakdownGroup(
                    group=str(group),
                    base=max(bases) if bases else None,
                    too_small=bool(cells["too_small"].any()),
                    cells=tuple(_cell(by_option.get(option, {}), k) for option in option_ids),
                )
            )
        tests = tables.tests.filter((pl.col("question") == question.id) & (pl.col("by") == by)).to_dicts()
        test = tests[0] if tests else None
        shown = [g for g in groups if not g.too_small]
        diffs = tables.differences.filter(
            (pl.col("question") == question.id) & (pl.col("by") == by)
        ).to_dicts()
        significant = bool(test and test["significant"])
        kinds = {c.suppression for g in shown for c in g.cells if c.suppression}
        views.append(
            BreakdownView(
                by=str(by),
                label=label,
                anchor=f"per-{by}",
                options=tuple(options["label"].to_list()),
                groups=tuple(groups),
                too_small=tuple(g.group for g in groups if g.too_small),
                too_small_reason=too_small_reason(k),
                sentence=test_sentence(test, label, question, len(shown)),
                significant=significant,
                difference=difference_sentence(diffs[0], significant, confidence) if diffs else None,
                chart=charts.get(f"{bundle.id}/{question.id}/per/{by}"),
                primary="primary" in kinds,
                secondary="secondary" in kinds,
                reasons=suppression_reasons(k),
                k=k,
            )
        )
    return tuple(views)
