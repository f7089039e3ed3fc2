"""View model of the "Adviezen" (tracker) page: every recommendation, and what has none."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bejegening.io import SurveyBundle
from bejegening.model import Status
from bejegening.render._views_question import QuestionEntry
from bejegening.render._views_recs import RecommendationView, recommendations_for_question

__all__ = ["TrackerPage", "tracker_page"]


@dataclass(frozen=True)
class TrackerPage:
    """The "Adviezen" page: every recommendation, what has none, and the statuses in use."""

    bundles: tuple[SurveyBundle, ...]
    recs: tuple[RecommendationView, ...]
    without_recommendation: tuple[QuestionEntry, ...]
    """Questions no recommendation cites."""
    without_evidence: tuple[RecommendationView, ...]
    statuses: tuple[str, ...]
    """The statuses at least one recommendation has, in :class:`~bejegening.model.Status` order."""


def tracker_page(
    bundles: Sequence[SurveyBundle],
    views: Mapping[tuple[str, str], RecommendationView],
    questions: Mapping[tuple[str, str], QuestionEntry],
) -> TrackerPage:
    """The tracker over ``bundles``; ``views``: every recommendation's view by (survey, id),
    ``questions``: every question's entry by (survey, id)."""
    recs = tuple(views[b.id, r.id] for b in bundles for r in b.recommendations)
    without = tuple(
        questions[b.id, q.id]
        for b in bundles
        for q in b.questions
        if not recommendations_for_question(b, q.id)
    )
    return TrackerPage(
        bundles=tuple(bundles),
        recs=recs,
        without_recommendation=without,
        without_evidence=tuple(r for r in recs if not r.rec.has_evidence),
        statuses=tuple(s.value for s in Status if any(r.status == s.value for r in recs)),
    )
