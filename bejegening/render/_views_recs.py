"""View models of recommendations: what each rests on and its status history.

Frozen values built once per build from a survey bundle; every page that lists a
recommendation (survey, question, theme, findings in words, the tracker) shows the same
:class:`RecommendationView`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from bejegening.io import SurveyBundle
from bejegening.model import Recommendation, Status, Theme
from bejegening.render._pages_links import TRACKER_PAGE, anchor, findings_page, question_page, survey_page

__all__ = [
    "STATUS_EXPLANATIONS",
    "STATUS_LABELS",
    "Evidence",
    "EvidenceLink",
    "HistoryEntry",
    "RecommendationView",
    "recommendation_view",
    "recommendations_for_question",
    "source_title",
]

STATUS_LABELS: Mapping[Status, str] = {
    Status.uitgebracht: "Uitgebracht",
    Status.reactie_ontvangen: "Reactie ontvangen",
    Status.overgenomen: "Overgenomen",
    Status.deels_overgenomen: "Deels overgenomen",
    Status.niet_overgenomen: "Niet overgenomen",
    Status.in_uitvoering: "In uitvoering",
    Status.uitgevoerd: "Uitgevoerd",
    Status.onbekend: "Onbekend",
}
"""Recommendation status in words (Dutch)."""

STATUS_EXPLANATIONS: Mapping[Status, str] = {
    Status.uitgebracht: "Het advies is gegeven. Een reactie is (nog) niet bekend.",
    Status.reactie_ontvangen: "De organisatie heeft gereageerd.",
    Status.overgenomen: "De organisatie neemt het advies over.",
    Status.deels_overgenomen: "De organisatie neemt een deel van het advies over.",
    Status.niet_overgenomen: "De organisatie neemt het advies niet over.",
    Status.in_uitvoering: "De organisatie is bezig het advies uit te voeren.",
    Status.uitgevoerd: "Het advies is uitgevoerd.",
    Status.onbekend: "Wat er met het advies gebeurd is, is niet bekend.",
}
"""What each recommendation status means, in one plain Dutch sentence."""


def source_title(bundle: SurveyBundle, source_id: str) -> str:
    """The title of one of a survey's sources (its id when the survey does not name it)."""
    for source in bundle.survey.sources:
        if source.id == source_id:
            return source.title
    return source_id


def recommendations_for_question(bundle: SurveyBundle, question: str) -> list[Recommendation]:
    """The recommendations that cite a question, directly or through one of its findings."""
    findings = {f.id for f in bundle.findings if f.question == question}
    return [
        rec
        for rec in bundle.recommendations
        if question in rec.questions or findings.intersection(rec.findings)
    ]


@dataclass(frozen=True)
class Evidence:
    """One thing a recommendation rests on: a question, a finding or a cause, and where it is."""

    kind: Literal["vraag", "bevinding", "oorzaak"]
    text: str
    short: str
    """Short name in the tracker table ("Vraag 7", "Bevinding", "Oorzaak")."""
    target: str
    fragment: str | None


@dataclass(frozen=True)
class EvidenceLink:
    """A link in the tracker table's "Onderbouwing" column ("Vraag 7", "2 bevindingen")."""

    text: str
    target: str
    """Docs path it links to."""
    fragment: str | None
    """Anchor on that page (None: the top)."""


@dataclass(frozen=True)
class HistoryEntry:
    """One step in a recommendation's history; ``source``: the title of the source saying so."""

    date: dt.date | None
    """None: the source gives no date (shown as "datum onbekend", never filled in)."""
    status: str
    """A :class:`~bejegening.model.Status` value."""
    note: str | None
    source: str | None
    section: str | None
    """Where in the source (None: not stated)."""


@dataclass(frozen=True)
class RecommendationView:
    """A recommendation as the pages show it; ``anchor``: its entry on the tracker page."""

    bundle: SurveyBundle
    rec: Recommendation
    status: str
    evidence: tuple[Evidence, ...]
    evidence_summary: tuple[EvidenceLink, ...]
    history: tuple[HistoryEntry, ...]
    """Oldest first; steps without a date keep their order, before the dated ones."""
    latest: dt.date | None
    latest_sort: str
    anchor: str
    source_title: str
    themes: tuple[Theme, ...]


def _evidence(bundle: SurveyBundle, rec: Recommendation) -> list[Evidence]:
    evidence = []
    for question_id in rec.questions:
        question = bundle.question(question_id)
        evidence.append(
            Evidence(
                "vraag",
                f"{question.label}: {question.text}",
                question.label,
                question_page(bundle.id, question.id),
                None,
            )
        )
    for finding_id in rec.findings:
        finding = bundle.finding(finding_id)
        if finding.question is not None and finding.question in rec.questions:
            continue
        if finding.question is not None:
            question = bundle.question(finding.question)
            target, fragment = question_page(bundle.id, question.id), None
            short = question.label
        else:
            target, fragment = findings_page(bundle.id), anchor("bevinding", finding.id)
            short = "Bevinding"
        text = finding.statement or finding.figure or finding.id
        if finding.quantifier and finding.statement:
            text = f"{finding.quantifier}: {finding.statement}"
        evidence.append(Evidence("bevinding", text, short, target, fragment))
    causes = {c.id: c for c in bundle.causes}
    for cause_id in rec.causes:
        evidence.append(
            Evidence(
                "oorzaak",
                causes[cause_id].text,
                "Oorzaak",
                survey_page(bundle.id),
                anchor("oorzaak", cause_id),
            )
        )
    return evidence


def _evidence_summary(evidence: Sequence[Evidence], own_anchor: str) -> list[EvidenceLink]:
    """Questions by name; findings and causes counted, linking to the recommendation's entry."""
    summary = [EvidenceLink(e.short, e.target, None) for e in evidence if e.kind == "vraag"]
    for kind, one, many in (("bevinding", "bevinding", "bevindingen"), ("oorzaak", "oorzaak", "oorzaken")):
        count = sum(1 for e in evidence if e.kind == kind)
        if count:
            summary.append(EvidenceLink(f"{count} {one if count == 1 else many}", TRACKER_PAGE, own_anchor))
    return summary


def recommendation_view(bundle: SurveyBundle, rec: Recommendation) -> RecommendationView:
    """The view of one recommendation of ``bundle``."""
    evidence = _evidence(bundle, rec)
    history = sorted(enumerate(rec.history), key=lambda pair: (pair[1].date or dt.date.min, pair[0]))
    dates = [event.date for event in rec.history if event.date is not None]
    latest = max(dates) if dates else None
    own_anchor = anchor("advies", bundle.id, rec.id)
    return RecommendationView(
        bundle=bundle,
        rec=rec,
        status=rec.current_status.value,
        evidence=tuple(evidence),
        evidence_summary=tuple(_evidence_summary(evidence, own_anchor)),
        history=tuple(
            HistoryEntry(
                date=event.date,
                status=event.status.value,
                note=event.note,
                source=source_title(bundle, event.source.source) if event.source else None,
                section=event.source.section if event.source else None,
            )
            for _, event in history
        ),
        latest=latest,
        latest_sort=latest.isoformat() if latest else "0000-00-00",
        anchor=own_anchor,
        source_title=source_title(bundle, rec.source.source),
        themes=tuple(t for t in bundle.themes if t.id in rec.themes),
    )
