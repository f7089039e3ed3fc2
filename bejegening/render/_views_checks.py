"""View models of the check results: badges, rows, per-question groups and the Cijfercontrole page.

Frozen values built once per build from a :class:`~bejegening.report.SurveyReport`'s check
table (:data:`bejegening.checks.CHECK_SCHEMA`); the templates only lay them out. The Dutch
words of a status live in :data:`CHECK_LABELS`; a rule's name and explanation come from
:data:`bejegening.checks.RULES` (written once, also used by the CLI).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from bejegening.checks import RULES
from bejegening.io import SurveyBundle
from bejegening.render._pages_links import findings_page, question_page
from bejegening.report import SurveyReport

__all__ = [
    "CHECK_LABELS",
    "RULE_NAMES",
    "RULE_TEXTS",
    "SURVEY_WIDE_RULES",
    "Badge",
    "CheckCounts",
    "CheckFold",
    "CheckGroup",
    "CheckRowView",
    "ChecksPage",
    "LexiconEntry",
    "RuleView",
    "SurveyChecks",
    "SurveyWideRemark",
    "WrongFigure",
    "checks_page",
    "question_check_rows",
    "status_badge",
    "summary_badge",
    "survey_check_counts",
]

CHECK_LABELS: Mapping[str, tuple[str, str, str]] = {
    "consistent": ("\u2713", "Klopt", "ok"),
    "inconsistent": ("\u2717", "Klopt niet", "fout"),
    "niet_toetsbaar": ("?", "Niet te controleren", "open"),
}
"""Check status → (icon, word, css modifier). The word is always shown: never colour alone."""

RULE_NAMES: Mapping[str, str] = {rule: info.name for rule, info in RULES.items()}
"""Dutch name of each check rule (from :data:`bejegening.checks.RULES`)."""

RULE_TEXTS: Mapping[str, str] = {rule: info.explanation for rule, info in RULES.items()}
"""Dutch explanation of each check rule for visitors (from :data:`bejegening.checks.RULES`)."""

SURVEY_WIDE_RULES = ("significance",)
"""Check rules about a claim over a whole survey: reported once per survey, not per question."""


@dataclass(frozen=True)
class Badge:
    """A status shown as icon (hidden from screen readers) and word; ``kind`` is the css modifier."""

    icon: str
    word: str
    kind: str


def status_badge(status: str) -> Badge:
    """The badge of one check status (an unknown status shows its own name, as "open")."""
    icon, word, kind = CHECK_LABELS.get(status, ("?", status, "open"))
    return Badge(icon, word, kind)


@dataclass(frozen=True)
class CheckRowView:
    """One row of the check table as a page shows it."""

    figure: str | None
    """The figure as printed."""
    status: str
    explanation: str | None
    rule: str
    finding: str | None
    badge: Badge


def _row_view(row: Mapping[str, Any]) -> CheckRowView:
    status = str(row["status"])
    return CheckRowView(
        figure=row["figure"],
        status=status,
        explanation=row["explanation"],
        rule=str(row["rule"]),
        finding=row["finding"],
        badge=status_badge(status),
    )


def question_check_rows(report: SurveyReport, question: str | None) -> tuple[CheckRowView, ...]:
    """Check rows of one question (``None``: about no question), without the survey-wide ones."""
    rows = report.question_checks(question).filter(~pl.col("rule").is_in(SURVEY_WIDE_RULES))
    return tuple(_row_view(row) for row in rows.iter_rows(named=True))


_BADGE_WORDS = {
    "inconsistent": ("Het cijfer klopt niet", "klopt niet", "kloppen niet"),
    "niet_toetsbaar": ("Het cijfer is niet te controleren", "niet te controleren", "niet te controleren"),
}
"""Per status worse than consistent, worst first: the badge's words for a question with one
figure, and after "n van de m cijfers" for one and for several."""


def summary_badge(rows: Sequence[CheckRowView]) -> Badge | None:
    """One badge for a question: the worst status of its checks, with counts (None: no checks)."""
    if not rows:
        return None
    total = len(rows)
    for status, (alone, one, several) in _BADGE_WORDS.items():
        count = sum(1 for r in rows if r.status == status)
        if count:
            icon, _, kind = CHECK_LABELS[status]
            word = alone if total == 1 else f"{count} van de {total} cijfers {one if count == 1 else several}"
            return Badge(icon, word, kind)
    icon, _, kind = CHECK_LABELS["consistent"]
    return Badge(icon, "Alle cijfers kloppen" if total > 1 else "Het cijfer klopt", kind)


@dataclass(frozen=True)
class SurveyWideRemark:
    """A survey-wide rule (:data:`SURVEY_WIDE_RULES`) once per survey: its worst status and the
    explanation all its rows share; ``questions``: how many questions it was checked for."""

    rule: str
    figure: str | None
    status: str
    badge: Badge
    explanation: str
    questions: int


def _common_explanation(texts: Sequence[str]) -> str:
    """The sentences all explanations share (a per-question "n = …" sentence differs: dropped)."""
    if len(set(texts)) == 1:
        return texts[0]
    split = [[s.strip() for s in text.split(". ") if s.strip()] for text in texts]
    common = [sentence for sentence in split[0] if all(sentence in other for other in split[1:])]
    text = ". ".join(common)
    return text if text.endswith(".") else text + "."


def survey_wide_remarks(report: SurveyReport) -> tuple[SurveyWideRemark, ...]:
    """One remark per survey-wide rule that has rows."""
    selected = report.checks.filter(pl.col("rule").is_in(SURVEY_WIDE_RULES))
    remarks = []
    for rule in SURVEY_WIDE_RULES:
        rows = selected.filter(pl.col("rule") == rule).to_dicts()
        if not rows:
            continue
        statuses = {str(r["status"]) for r in rows}
        status = "inconsistent" if "inconsistent" in statuses else str(rows[0]["status"])
        remarks.append(
            SurveyWideRemark(
                rule=rule,
                figure=rows[0]["figure"],
                status=status,
                badge=status_badge(status),
                explanation=_common_explanation([str(r["explanation"]) for r in rows]),
                questions=len({r["question"] for r in rows if r["question"] is not None}),
            )
        )
    return tuple(remarks)


@dataclass(frozen=True)
class CheckCounts:
    """How many checks of a survey (its questions, findings in words and survey-wide remarks)
    have each status; ``total`` counts them all."""

    consistent: int
    inconsistent: int
    niet_toetsbaar: int
    total: int


def survey_check_counts(report: SurveyReport) -> CheckCounts:
    """The check counts of one survey, survey-wide rules counted once."""
    statuses = [r.status for r in question_check_rows(report, None)]
    statuses += [r.status for q in report.bundle.questions for r in question_check_rows(report, q.id)]
    statuses += [r.status for r in survey_wide_remarks(report)]
    return CheckCounts(
        consistent=statuses.count("consistent"),
        inconsistent=statuses.count("inconsistent"),
        niet_toetsbaar=statuses.count("niet_toetsbaar"),
        total=len(statuses),
    )


@dataclass(frozen=True)
class CheckGroup:
    """The check rows of one question (or of the findings without a question) and its page."""

    title: str
    """ "Vraag 7: text", or "Bevindingen zonder vraag"."""
    target: str
    """Docs path of the question page (or of the findings page)."""
    rows: tuple[CheckRowView, ...]


@dataclass(frozen=True)
class WrongFigure:
    """A figure that does not add up, with the question (group) it belongs to: its title, and
    its page, where the figure is."""

    row: CheckRowView
    group: CheckGroup


@dataclass(frozen=True)
class CheckFold:
    """The rows of one status ("Klopt", "Niet te controleren"), folded away, per question."""

    status: str
    """ "consistent" or "niet_toetsbaar" (what is inconsistent is never folded away)."""
    title: str
    count: int
    """Rows in all its groups."""
    groups: tuple[CheckGroup, ...]


@dataclass(frozen=True)
class SurveyChecks:
    """One survey's section of the Cijfercontrole page."""

    bundle: SurveyBundle
    counts: CheckCounts
    groups: tuple[CheckGroup, ...]
    """Per question (findings without a question first), in questionnaire order."""
    wrong: tuple[WrongFigure, ...]
    """Shown first, unfolded."""
    folds: tuple[CheckFold, ...]
    remarks: tuple[SurveyWideRemark, ...]


@dataclass(frozen=True)
class RuleView:
    """A check rule as the page explains it (name and explanation from ``checks.RULES``)."""

    id: str
    """The rule id (:class:`bejegening.checks.CheckRule`)."""
    name: str
    text: str | None
    """None: the rule has no explanation for visitors."""


@dataclass(frozen=True)
class LexiconEntry:
    """One verbal quantifier and what it means in figures."""

    phrase: str
    interval: str
    explanation: str


@dataclass(frozen=True)
class ChecksPage:
    """The Cijfercontrole page: surveys with figures that do not add up first."""

    surveys: tuple[SurveyChecks, ...]
    rules: tuple[RuleView, ...]
    lexicon: tuple[LexiconEntry, ...]


_FOLDS = (("consistent", "Klopt"), ("niet_toetsbaar", "Niet te controleren"))


def survey_checks(report: SurveyReport) -> SurveyChecks:
    """The checks of one survey grouped per question, what is wrong first."""
    bundle = report.bundle
    groups: list[CheckGroup] = []
    loose = question_check_rows(report, None)
    if loose:
        groups.append(CheckGroup("Bevindingen zonder vraag", findings_page(bundle.id), loose))
    for question in bundle.questions:
        rows = question_check_rows(report, question.id)
        if rows:
            groups.append(
                CheckGroup(f"{question.label}: {question.text}", question_page(bundle.id, question.id), rows)
            )
    wrong = tuple(
        WrongFigure(row, group) for group in groups for row in group.rows if row.status == "inconsistent"
    )
    folds = []
    for status, title in _FOLDS:
        chosen = [
            CheckGroup(group.title, group.target, tuple(r for r in group.rows if r.status == status))
            for group in groups
        ]
        chosen = [group for group in chosen if group.rows]
        if chosen:
            folds.append(CheckFold(status, title, sum(len(group.rows) for group in chosen), tuple(chosen)))
    return SurveyChecks(
        bundle=bundle,
        counts=survey_check_counts(report),
        groups=tuple(groups),
        wrong=wrong,
        folds=tuple(folds),
        remarks=survey_wide_remarks(report),
    )


def checks_page(reports: Sequence[SurveyReport], lexicon: pl.DataFrame | None) -> ChecksPage:
    """The Cijfercontrole page over all surveys; ``lexicon``: ``checks.lexicon_frame()`` or None."""
    per_survey = sorted((survey_checks(report) for report in reports), key=lambda s: -len(s.wrong))
    rules = sorted({str(r) for report in reports for r in report.checks.get_column("rule")})
    entries = () if lexicon is None else lexicon.select("phrase", "interval", "explanation").iter_rows()
    return ChecksPage(
        surveys=tuple(per_survey),
        rules=tuple(RuleView(r, RULE_NAMES.get(r, r), RULE_TEXTS.get(r)) for r in rules),
        lexicon=tuple(LexiconEntry(str(p), str(i), str(e)) for p, i, e in entries),
    )
