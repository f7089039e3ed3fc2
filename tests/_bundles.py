"""A FICTIONAL survey bundle built in memory (no folder on disk), for the checker's tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bejegening import Finding, Organisation, Population, Question, Source, Survey
from bejegening.io import SurveyBundle
from bejegening.model import Claim, SurveyFile


def fictional_bundle(
    questions: Sequence[Question],
    findings: Sequence[Finding],
    *,
    respondents: int | None = None,
    claims: Sequence[Claim] = (),
) -> SurveyBundle:
    """A bundle of a fictional survey with these questions and findings (all from source "bron")."""
    spec = SurveyFile(
        survey=Survey(
            id="fictief",
            title="Fictieve enquête (verzonnen cijfers)",
            organisation=Organisation(name="Fictieve dienst"),
            population=Population(description="Fictieve cliënten"),
            respondents=respondents,
            sources=[Source(id="bron", title="Fictieve bron")],
        ),
        questions=list(questions),
        claims=list(claims),
    )
    return SurveyBundle(path=Path("fictief"), spec=spec, findings=tuple(findings), fingerprint="0" * 64)
