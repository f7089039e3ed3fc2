"""View model of a survey's method page (the AAPOR disclosure elements, in plain Dutch)."""

from __future__ import annotations

from dataclasses import dataclass

from bejegening.io import SurveyBundle
from bejegening.model import Mode, Sampling, Survey
from bejegening.render._views_question import QuestionView
from bejegening.render._views_survey import Participants, participants

__all__ = ["MethodPage", "method_page_view"]

_SAMPLING = {
    Sampling.probability: (
        "Kanssteekproef: de deelnemers zijn door loting gekozen uit de hele groep.",
        True,
    ),
    Sampling.opt_in: (
        "Zelfselectie (opt-in): iedereen die de uitnodiging zag, kon meedoen. Wie meedoet, is "
        "niet door loting gekozen.",
        False,
    ),
}
_MODE = {
    Mode.online: "Online vragenlijst",
    Mode.phone: "Telefonisch",
    Mode.paper: "Vragenlijst op papier",
    Mode.interview: "Persoonlijk gesprek (interview)",
    Mode.mixed: "Gemengd (meer dan één manier)",
}


@dataclass(frozen=True)
class MethodPage:
    """How a survey was done: ``sampling`` and ``mode`` in Dutch words (None: not known),
    ``probability`` (a probability sample), its questions and who took part."""

    bundle: SurveyBundle
    survey: Survey
    sampling: str | None
    probability: bool
    mode: str | None
    questions: tuple[QuestionView, ...]
    participants: Participants


def method_page_view(bundle: SurveyBundle, questions: tuple[QuestionView, ...]) -> MethodPage:
    """The method page of ``bundle``; ``questions``: the views of its questions, in order."""
    survey = bundle.survey
    sampling = _SAMPLING.get(survey.sampling) if survey.sampling is not None else None
    return MethodPage(
        bundle=bundle,
        survey=survey,
        sampling=sampling[0] if sampling else None,
        probability=bool(sampling and sampling[1]),
        mode=_MODE.get(survey.mode) if survey.mode is not None else None,
        questions=questions,
        participants=participants(bundle),
    )
