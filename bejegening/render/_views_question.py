"""View models of questions: the question page's view (:class:`QuestionView`: its table rows,
base, checks, findings, open answers, breakdowns…) and the entry that names a question on
other pages (survey page, tracker).

Frozen values built once per build from a :class:`~bejegening.report.SurveyReport`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from bejegening._nl import format_int, format_pct
from bejegening.io import SurveyBundle
from bejegening.model import Finding, Question, Theme
from bejegening.render._assets import ChartAsset
from bejegening.render._breakdown_view import BreakdownView, breakdown_views, suppression_reasons
from bejegening.render._citation import SourceRef
from bejegening.render._grid_view import GridGroupView, GridView, grid_group_views, grid_merges, grid_view
from bejegening.render._numeric_view import NumericView, numeric_view
from bejegening.render._pages_links import question_page
from bejegening.render._tree import chart_key
from bejegening.render._views_checks import Badge, CheckRowView, question_check_rows, summary_badge
from bejegening.render._views_findings import FindingRow
from bejegening.render._views_recs import RecommendationView, recommendations_for_question, source_title
from bejegening.report import BaseSource, QuestionBase, SurveyReport
from bejegening.report._headlines import Headline
from bejegening.stats import REMAINDER_OPTION, hidden_share, suppression_reason

__all__ = [
    "BaseInfo",
    "FrequencyRow",
    "HiddenShare",
    "MergeNote",
    "OpenAnswer",
    "QuestionEntry",
    "QuestionView",
    "frequency_rows",
    "question_entry",
    "question_view",
]


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


_TYPE = {
    "single": "één antwoord kiezen",
    "multiple": "meer antwoorden mogelijk",
    "likert": "antwoordschaal",
    "open": "open vraag",
    "numeric": "getal invullen",
}
"""Question type in plain Dutch, as the question page says it ("Soort vraag: …")."""


def _interval_text(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return "onbekend"
    return f"{format_pct(low, 1)} tot {format_pct(high, 1)}"


@dataclass(frozen=True)
class FrequencyRow:
    """One answer's row of a question's table (a Frequency table row as the page shows it).

    ``pct`` is the computed share (a fraction), ``pct_published`` the printed one with its
    printed decimals; ``suppression`` is "primary" (a small cell) or "secondary" (hidden so a
    small cell cannot be worked out), ``reason`` says why in Dutch; ``remainder`` marks the
    "Niet gepubliceerd" row (answers the source does not name). ``n_text`` and ``pct_text``
    replace ``n`` and ``pct`` when the remainder is a range (the inferred base is not unique).
    """

    option: str
    label: str
    n: int | None
    pct: float | None
    pct_published: float | None
    pct_published_decimals: int | None
    interval: str
    remainder: bool
    suppressed: bool
    suppression: str | None
    reason: str
    sampling_note: bool
    n_text: str | None = None
    pct_text: str | None = None


def frequency_rows(report: SurveyReport, question: str) -> tuple[FrequencyRow, ...]:
    """The rows of one question's table: options in questionnaire order, the remainder last,
    as the chart shows them.

    The unpublished remainder of a partly published question is left out when it holds 0 people
    and the base is stated or uniquely inferred (everyone is in the published figures); when the
    inferred base is not unique (``candidates`` 79–81) its count and share are ranges
    (``n_text``, ``pct_text``, no margin), since each base gives another remainder.
    """
    base = report.bases.get(question)
    spread = (
        (base.candidates[0], base.candidates[-1])
        if base is not None and base.source is BaseSource.inferred and len(base.candidates) > 1
        else None
    )
    frame = (
        report.question_frequencies(question)
        .with_columns((pl.col("option") == REMAINDER_OPTION).alias("_remainder"))
        .sort(["_remainder", "order"], nulls_last=True)
    )
    rows = []
    for row in frame.iter_rows(named=True):
        kind = row.get("suppression") or ("primary" if row.get("suppressed") else None)
        n = row["n"]
        interval = _interval_text(row.get("ci_low"), row.get("ci_high"))
        n_text = pct_text = None
        if row["_remainder"] and isinstance(n, int) and row.get("base") is not None:
            if spread is not None and row["base"] == spread[0]:
                # n is base − published for the smallest base; each larger base adds its difference.
                high = n + spread[1] - spread[0]
                n_text = f"{format_int(n)} tot {format_int(high)}"
                pct_text = _interval_text(n / spread[0], high / spread[1])
                interval = f"onbekend: het totaal is {format_int(spread[0])} tot {format_int(spread[1])}"
            elif spread is None and n == 0:
                continue  # everyone who answered is in the published figures: no empty row
        rows.append(
            FrequencyRow(
                option=row["option"],
                label=row["label"],
                n=n,
                pct=row["pct"],
                pct_published=row.get("pct_published"),
                pct_published_decimals=row.get("pct_published_decimals"),
                interval=interval,
                remainder=bool(row["_remainder"]),
                suppressed=bool(row.get("suppressed")),
                suppression=kind,
                reason=suppression_reason(kind, report.survey.small_cell_threshold),
                sampling_note=bool(row.get("sampling_note")),
                n_text=n_text,
                pct_text=pct_text,
            )
        )
    return tuple(rows)


@dataclass(frozen=True)
class BaseInfo:
    """The base of a question's table and what its rows say about it: ``base`` (None: unknown),
    ``inferred`` (worked out from printed counts and percentages), and whether any row carries a
    sampling note, is suppressed (primary, secondary) or is the remainder; ``complete``: the
    published counts add up to the (stated or unique) base, so no one is left unpublished."""

    base: int | None
    inferred: bool
    sampling_note: bool
    suppressed: bool
    primary: bool
    secondary: bool
    remainder: bool
    complete: bool


def _base_info(rows: Sequence[FrequencyRow], base: QuestionBase | None) -> BaseInfo:
    published = [r for r in rows if not r.remainder]
    counts = [r.n for r in published if isinstance(r.n, int)]
    return BaseInfo(
        base=base.n if base is not None else None,
        inferred=base is not None and base.source is BaseSource.inferred,
        sampling_note=any(r.sampling_note for r in rows),
        suppressed=any(r.suppressed for r in rows),
        primary=any(r.suppression == "primary" for r in rows),
        secondary=any(r.suppression == "secondary" for r in rows),
        remainder=any(r.remainder for r in rows),
        complete=bool(published)
        and base is not None
        and base.n is not None
        and len(base.candidates) <= 1
        and len(counts) == len(published)
        and sum(counts) == base.n,
    )


@dataclass(frozen=True)
class HiddenShare:
    """How much suppression hides of a question (``stats.hidden_share``): answer ``options``,
    ``hidden_options``, the ``base``, ``hidden_n`` (people in hidden cells, None when unknown) and
    ``mostly_hidden`` (half or more of the options or of the people)."""

    options: int
    hidden_options: int
    base: int | None
    hidden_n: int | None
    mostly_hidden: bool


def _hidden(report: SurveyReport, question: str) -> HiddenShare | None:
    own = report.question_frequencies(question)
    if own.is_empty() or not bool(own["suppressed"].fill_null(False).any()):
        return None
    shares = hidden_share(own).to_dicts()
    if not shares:
        return None
    share = shares[0]
    return HiddenShare(
        options=share["options"],
        hidden_options=share["hidden_options"],
        base=share["base"],
        hidden_n=share["hidden_n"],
        mostly_hidden=bool(share["mostly_hidden"]),
    )


@dataclass(frozen=True)
class MergeNote:
    """Answer options shown merged (``label``) instead of hidden; ``shown``: the merged row is
    shown (False: even merged it is too small)."""

    label: str
    part_labels: tuple[str, ...]
    shown: bool


@dataclass(frozen=True)
class OpenAnswer:
    """A published (redacted) open answer and how many gave exactly it."""

    answer: str
    count: int


def _open_answers(report: SurveyReport, question: str) -> tuple[OpenAnswer, ...]:
    if not report.survey.publish_open_answers:
        return ()
    grouped = report.grouped_open_answers.filter(pl.col("question") == question)
    return tuple(OpenAnswer(answer, count) for answer, count in grouped.select("answer", "count").iter_rows())


def _sources(bundle: SurveyBundle, findings: Iterable[Finding]) -> tuple[SourceRef, ...]:
    """Distinct (source, section) pairs of some findings, in order of appearance."""
    seen: dict[tuple[str, str | None], None] = {}
    for finding in findings:
        seen.setdefault((finding.source.source, finding.source.section), None)
    return tuple(SourceRef(source, source_title(bundle, source), section) for source, section in seen)


@dataclass(frozen=True)
class QuestionView:
    """Everything the pages show about one question, built once per build.

    The question page shows all of it; the survey, method, theme and tracker pages use parts
    (label, path, rows, base, badge). ``inconsistent``: ids of its findings the checks rate
    inconsistent; ``inconsistent_options``: options whose single printed figure is one of them.
    """

    bundle: SurveyBundle
    question: Question
    label: str
    type: str
    """The question type in Dutch words."""
    path: str
    own: bool
    """Counted from the council's own answers (no "in de bron" column)."""
    rows: tuple[FrequencyRow, ...]
    base: BaseInfo
    base_candidates: tuple[int, ...]
    """Every base that fits the printed figures (an inferred base is the smallest)."""
    checks: tuple[CheckRowView, ...]
    badge: Badge | None
    chart: ChartAsset | None
    findings: tuple[FindingRow, ...]
    sources: tuple[SourceRef, ...]
    verbal: tuple[FindingRow, ...]
    """Its findings in words without a count."""
    recommendations: tuple[RecommendationView, ...]
    open_answers: tuple[OpenAnswer, ...]
    publishes_open_answers: bool
    themes: tuple[Theme, ...]
    k: int
    """The small-cell threshold."""
    reasons: Mapping[str, str]
    """Why a cell is hidden, in Dutch, per kind ("primary", "secondary")."""
    hidden: HiddenShare | None
    merges: tuple[MergeNote, ...]
    per_group: tuple[BreakdownView, ...]
    grid: GridView | None
    """A grid question's table (its items' boxes and net scores); None for other questions."""
    grid_groups: tuple[GridGroupView, ...]
    """A grid question's "Per groep" sections (share agreeing per item and group)."""
    grid_merges: tuple[MergeNote, ...]
    """Options merged for every item of a grid (each once)."""
    numeric: NumericView | None
    """A numeric question's figures and histogram groups; None for other questions."""
    lead: Headline | None
    inconsistent: frozenset[str]
    inconsistent_options: frozenset[str]

    @property
    def text(self) -> str:
        """The question as asked."""
        return self.question.text


def question_view(
    report: SurveyReport,
    question: Question,
    *,
    charts: Mapping[str, ChartAsset],
    confidence: float,
    finding_rows: Mapping[str, FindingRow],
    recs: Mapping[tuple[str, str], RecommendationView],
    lead: Headline | None,
) -> QuestionView:
    """The view of ``question`` of ``report``'s survey. ``charts``: the site's chart files by key;
    ``finding_rows``: the survey's finding rows by id; ``recs``: every recommendation's view by
    (survey, id); ``lead``: the headline the page leads with."""
    bundle = report.bundle
    k = bundle.survey.small_cell_threshold
    rows = frequency_rows(report, question.id)
    checks = question_check_rows(report, question.id)
    findings = [f for f in bundle.findings if f.question == question.id]
    base = report.bases.get(question.id)
    inconsistent = frozenset(r.finding for r in checks if r.status == "inconsistent" and r.finding)
    return QuestionView(
        bundle=bundle,
        question=question,
        label=question.label,
        type=_TYPE.get(question.type.value, question.type.value),
        path=question_page(bundle.id, question.id),
        own=bundle.responses_data is not None,
        rows=rows,
        base=_base_info(rows, base),
        base_candidates=tuple(base.candidates) if base is not None else (),
        checks=checks,
        badge=summary_badge(checks),
        chart=charts.get(chart_key(bundle.id, question.id)),
        findings=tuple(finding_rows[f.id] for f in findings),
        sources=_sources(bundle, findings),
        verbal=tuple(finding_rows[f.id] for f in findings if f.quantifier is not None and f.count is None),
        recommendations=tuple(
            recs[bundle.id, r.id] for r in recommendations_for_question(bundle, question.id)
        ),
        open_answers=_open_answers(report, question.id),
        publishes_open_answers=bundle.survey.publish_open_answers,
        themes=tuple(t for t in bundle.themes if t.id in question.themes),
        k=k,
        reasons=suppression_reasons(k),
        hidden=_hidden(report, question.id),
        merges=tuple(
            MergeNote(
                m.label,
                tuple(m.part_labels),
                not any(r.suppressed for r in rows if r.option == m.option),
            )
            for m in report.merges
            if m.question == question.id
        ),
        per_group=breakdown_views(bundle, question, report.breakdowns, charts, confidence=confidence),
        grid=grid_view(question, report.grids.get(question.id)),
        grid_groups=grid_group_views(
            question,
            report.grid_groups.get(question.id),
            [
                breakdown_views(bundle, item, report.breakdowns, charts, confidence=confidence)
                for item in (question.item_questions() if question.is_grid else [])
            ],
        ),
        grid_merges=tuple(MergeNote(label, parts, True) for label, parts in grid_merges(report, question)),
        numeric=numeric_view(question, report),
        lead=lead,
        inconsistent=inconsistent,
        inconsistent_options=frozenset(
            option for f in findings if f.id in inconsistent and len(f.options) == 1 for option in f.options
        ),
    )
