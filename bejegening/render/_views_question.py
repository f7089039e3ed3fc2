"""View models of questions: the entry that names a question on other pages (survey, tracker).

Frozen values built once per build from a :class:`~bejegening.report.SurveyReport`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bejegening.model import Question
from bejegening.render._pages_links import question_page
from bejegening.render._views_checks import Badge, question_check_rows, summary_badge
from bejegening.report import SurveyReport

__all__ = ["QuestionEntry", "question_entry"]


@dataclass(frozen=True)
class QuestionEntry:
    """A question in a list on another page: "Vraag 7: text", its page, survey and check badge."""

    label: str
    text: str
    path: str
    survey_title: str
    badge: Badge | None


def question_entry(report: SurveyReport, question: Question) -> QuestionEntry:
    """How other pages name and link ``question`` of ``report``'s survey."""
    return QuestionEntry(
        label=question.label,
        text=question.text,
        path=question_page(report.id, question.id),
        survey_title=report.survey.title,
        badge=summary_badge(question_check_rows(report, question.id)),
    )
