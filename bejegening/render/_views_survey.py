"""View models of a survey as a whole: who took part, its summary, and the home, survey list and
survey pages.

Frozen values built once per build from each :class:`~bejegening.report.SurveyReport`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bejegening.io import SurveyBundle
from bejegening.model import Finding, Status
from bejegening.render._citation import SourceRef
from bejegening.render._views_checks import CheckCounts, survey_check_counts
from bejegening.render._views_question import QuestionEntry
from bejegening.render._views_recs import RecommendationView
from bejegening.report import SurveyReport
from bejegening.report._headlines import Headline

__all__ = [
    "HOME_HEADLINES",
    "HeadlineGroup",
    "HomePage",
    "Participants",
    "StatusRow",
    "SurveyPage",
    "SurveySummary",
    "home_page",
    "participants",
    "survey_summary",
]

HOME_HEADLINES = 3
"""Headline findings per survey on the home page (all of a survey's on its own page)."""


@dataclass(frozen=True)
class Participants:
    """Who took part: ``n`` (counted from the answers, else as the source states, else None),
    ``counted`` (True when counted), ``stated`` (the source's number), ``invited``,
    ``response_rate`` (n / invited, a fraction), ``population`` and ``population_share``
    (n / population size, only when the number invited is unknown); None when unknown."""

    n: int | None
    counted: bool
    stated: int | None
    invited: int | None
    response_rate: float | None
    population: int | None
    population_share: float | None


def participants(bundle: SurveyBundle) -> Participants:
    """Who took part in one survey (see :class:`Participants`)."""
    survey = bundle.survey
    data = bundle.responses_data
    n = data.counted if data is not None else survey.respondents
    invited = survey.invited
    population = survey.population.size
    return Participants(
        n=n,
        counted=data is not None,
        stated=survey.respondents,
        invited=invited,
        response_rate=n / invited if n is not None and invited else None,
        population=population,
        population_share=n / population if n is not None and population and invited is None else None,
    )


@dataclass(frozen=True)
class SurveySummary:
    """One survey in a few facts (home, survey list, survey page)."""

    bundle: SurveyBundle
    participants: Participants
    own: bool
    """The figures are counted from the council's own answers (not taken from a source)."""
    questions: int
    findings: int
    recommendations: int
    checks: CheckCounts
    loose_findings: tuple[Finding, ...]
    """Findings that belong to no question (shown on the "Bevindingen in woorden" page)."""
    sources: tuple[SourceRef, ...]
    """The survey's sources, without section (each is cited in full on the method page)."""


def survey_summary(report: SurveyReport) -> SurveySummary:
    """The summary of one survey."""
    bundle = report.bundle
    return SurveySummary(
        bundle=bundle,
        participants=participants(bundle),
        own=bundle.responses_data is not None,
        questions=len(bundle.questions),
        findings=len(bundle.findings),
        recommendations=len(bundle.recommendations),
        checks=survey_check_counts(report),
        loose_findings=tuple(f for f in bundle.findings if f.question is None),
        sources=tuple(SourceRef(s.id, s.title, None) for s in bundle.survey.sources),
    )


@dataclass(frozen=True)
class HeadlineGroup:
    """A survey's first headlines on the home page."""

    summary: SurveySummary
    headlines: tuple[Headline, ...]
    """At most :data:`HOME_HEADLINES`."""


@dataclass(frozen=True)
class StatusRow:
    """One row of the home page's status table: per survey, how many recommendations have it."""

    status: str
    counts: tuple[int, ...]
    """Per survey, in site order."""


@dataclass(frozen=True)
class HomePage:
    """The home page: headlines first, then the surveys and where their recommendations stand."""

    headline_groups: tuple[HeadlineGroup, ...]
    summaries: tuple[SurveySummary, ...]
    matrix: tuple[StatusRow, ...]
    """Only statuses some recommendation has, in :class:`~bejegening.model.Status` order."""
    total_recommendations: int


def home_page(summaries: Sequence[SurveySummary], headlines: Mapping[str, Sequence[Headline]]) -> HomePage:
    """The home page; ``headlines``: per survey id its headlines for the survey page."""
    bundles = [s.bundle for s in summaries]
    # Surveys whose headlines have margins (measured shares) first, then those in words.
    leading = sorted(
        (s for s in summaries if headlines[s.bundle.id]),
        key=lambda s: not any(h.margin for h in headlines[s.bundle.id]),
    )
    return HomePage(
        headline_groups=tuple(
            HeadlineGroup(s, tuple(headlines[s.bundle.id][:HOME_HEADLINES])) for s in leading
        ),
        summaries=tuple(summaries),
        matrix=tuple(
            StatusRow(
                s.value, tuple(sum(1 for r in b.recommendations if r.current_status is s) for b in bundles)
            )
            for s in Status
            if any(r.current_status is s for b in bundles for r in b.recommendations)
        ),
        total_recommendations=sum(len(b.recommendations) for b in bundles),
    )


@dataclass(frozen=True)
class SurveyPage:
    """The page of one survey."""

    summary: SurveySummary
    headlines: tuple[Headline, ...]
    """Its most important findings first (at most ``SURVEY_HEADLINES``)."""
    questions: tuple[QuestionEntry, ...]
    recommendations: tuple[RecommendationView, ...]
