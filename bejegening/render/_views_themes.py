"""View models of the theme pages: per theme, what each survey says about it, side by side."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bejegening.io import SurveyBundle
from bejegening.model import Cause
from bejegening.render._views_findings import FindingRow
from bejegening.render._views_question import QuestionView
from bejegening.render._views_recs import RecommendationView

__all__ = ["ThemeSurvey", "ThemeView", "theme_views"]


@dataclass(frozen=True)
class ThemeSurvey:
    """What one survey has on a theme: questions, findings in words, causes, recommendations."""

    bundle: SurveyBundle
    questions: tuple[QuestionView, ...]
    findings: tuple[FindingRow, ...]
    """Only findings in words that belong to no question (a question's own are on its page)."""
    causes: tuple[Cause, ...]
    recommendations: tuple[RecommendationView, ...]


@dataclass(frozen=True)
class ThemeView:
    """One theme over all surveys (the first description any survey gives)."""

    id: str
    label: str
    description: str | None
    surveys: tuple[ThemeSurvey, ...]
    """Only surveys with something on the theme, in site order."""


def theme_views(
    bundles: Sequence[SurveyBundle],
    questions: Mapping[tuple[str, str], QuestionView],
    finding_rows: Mapping[str, Mapping[str, FindingRow]],
    recs: Mapping[tuple[str, str], RecommendationView],
) -> tuple[ThemeView, ...]:
    """Themes over all surveys, merged by id, in order of first appearance. ``questions`` and
    ``recs`` are keyed by (survey, id), ``finding_rows`` by survey then finding id."""
    found: dict[str, tuple[str, str | None, list[ThemeSurvey]]] = {}
    for bundle in bundles:
        for theme in bundle.themes:
            label, description, surveys = found.setdefault(theme.id, (theme.label, theme.description, []))
            if description is None and theme.description:
                found[theme.id] = (label, theme.description, surveys)
            part = ThemeSurvey(
                bundle=bundle,
                questions=tuple(questions[bundle.id, q.id] for q in bundle.questions if theme.id in q.themes),
                findings=tuple(
                    finding_rows[bundle.id][f.id]
                    for f in bundle.findings
                    if f.question is None and theme.id in f.themes
                ),
                causes=tuple(c for c in bundle.causes if theme.id in c.themes),
                recommendations=tuple(
                    recs[bundle.id, r.id] for r in bundle.recommendations if theme.id in r.themes
                ),
            )
            if part.questions or part.findings or part.causes or part.recommendations:
                surveys.append(part)
    return tuple(
        ThemeView(theme_id, label, description, tuple(surveys))
        for theme_id, (label, description, surveys) in found.items()
    )
