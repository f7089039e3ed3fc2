"""View models of findings as the source prints them, and the "Bevindingen in woorden" page.

Frozen values built once per build from a :class:`~bejegening.report.SurveyReport`: each
finding with the title of its source, its anchor, the meaning of its words in figures
(:attr:`~bejegening.report.SurveyReport.verbal`) and the recommendations that cite it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bejegening.io import SurveyBundle
from bejegening.model import Finding
from bejegening.render._assets import ChartAsset
from bejegening.render._citation import SourceRef
from bejegening.render._pages_links import anchor
from bejegening.render._views_checks import CheckRowView, question_check_rows
from bejegening.render._views_recs import RecommendationView, source_title
from bejegening.report import SurveyReport

__all__ = ["NOT_IN_LEXICON", "FindingRow", "FindingsPage", "finding_row", "findings_page_view"]

NOT_IN_LEXICON = "niet in de woordenlijst"
"""Shown as the meaning of a verbal quantifier the lexicon does not know."""


@dataclass(frozen=True)
class FindingRow:
    """A finding as printed, with what the pages say about it."""

    finding: Finding
    source_title: str
    anchor: str
    """Its row on the findings page (``bevinding-<id>``)."""
    interval: str
    """What its words mean in figures ("40% tot 50%"), or :data:`NOT_IN_LEXICON`."""
    citing: tuple[RecommendationView, ...]
    """The recommendations that cite it."""


def finding_row(
    report: SurveyReport, finding: Finding, recs: Mapping[tuple[str, str], RecommendationView]
) -> FindingRow:
    """The row of one finding; ``recs``: every recommendation's view by (survey, id)."""
    bundle = report.bundle
    meaning = report.verbal.get(finding.id)
    return FindingRow(
        finding=finding,
        source_title=source_title(bundle, finding.source.source),
        anchor=anchor("bevinding", finding.id),
        interval=meaning.text if meaning else NOT_IN_LEXICON,
        citing=tuple(recs[bundle.id, r.id] for r in bundle.recommendations if finding.id in r.findings),
    )


@dataclass(frozen=True)
class FindingsPage:
    """The page of a survey's findings that belong to no question."""

    bundle: SurveyBundle
    rows: tuple[FindingRow, ...]
    checks: tuple[CheckRowView, ...]
    chart: ChartAsset | None
    sources: tuple[SourceRef, ...]
    """The sources these findings come from, in order of first use."""


def findings_page_view(
    report: SurveyReport,
    rows: Mapping[str, FindingRow],
    chart: ChartAsset | None,
) -> FindingsPage:
    """The findings page of ``report``'s survey; ``rows``: every finding's row by id."""
    bundle = report.bundle
    loose = [f for f in bundle.findings if f.question is None]
    return FindingsPage(
        bundle=bundle,
        rows=tuple(rows[f.id] for f in loose),
        checks=question_check_rows(report, None),
        chart=chart,
        sources=tuple(
            SourceRef(sid, source_title(bundle, sid), None)
            for sid in dict.fromkeys(f.source.source for f in loose)
        ),
    )
