"""One survey's report: every derived fact the site, the downloads and the CLI show, computed once.

:func:`build_report` turns a :class:`~bejegening.SurveyBundle` into a :class:`SurveyReport`, a
frozen value that holds the check result table, the frequency tables (small cells suppressed),
per question the base used and how it was found, the meaning of each finding in words, the
crosstabs and the redacted open answers.  Every fact has one function computing it here:

=====================  =====================================================================
fact                   computed by
=====================  =====================================================================
checks                 :func:`bejegening.checks.check_survey`
frequencies            :func:`report_frequencies` (the publishing policy)
bases                  :func:`question_bases` (inferred ones from
                       :func:`bejegening.checks.base_candidates`)
verbal meanings        :func:`bejegening.checks.verbal_meaning`
crosstabs              :func:`report_crosstabs`
grids                  :func:`report_grids`, per group :func:`report_grid_groups`
numeric questions      :func:`report_numeric`
open answers           :func:`report_open_answers`
=====================  =====================================================================

The parts that read the answers file (frequencies of a survey with answers, crosstabs, open
answers) are computed on first use and then kept, so ``bejegening check`` never reads answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType

import polars as pl

from bejegening.checks import (
    DEFAULT_MAX_N,
    Rounding,
    VerbalMeaning,
    base_candidates,
    check_survey,
    verbal_meaning,
)
from bejegening.io import SurveyBundle
from bejegening.model import Question, QuestionType, Survey, answered_questions
from bejegening.report._headlines import Headline, grid_headline, headlines, numeric_headline
from bejegening.stats import (
    OPEN_ANSWERS_SCHEMA,
    REMAINDER_OPTION,
    Breakdowns,
    CategoryMerge,
    ProtectedFrequencies,
    answers_from_wide,
    breakdowns,
    crosstab,
    frequencies,
    grid_summary,
    group_open_answers,
    histogram_bins,
    merge_small_categories,
    numeric_summary,
    protect_numeric_summary,
    publishable_open_answers,
    published_frequencies,
    recode_answers,
    suppress_crosstab,
    suppress_small_cells,
)

__all__ = [
    "BaseSource",
    "NumericReport",
    "QuestionBase",
    "SurveyReport",
    "build_report",
    "build_reports",
    "question_bases",
    "report_breakdowns",
    "report_crosstabs",
    "report_frequencies",
    "report_grid_groups",
    "report_grids",
    "report_numeric",
    "report_open_answers",
    "report_tables",
]


class BaseSource(StrEnum):
    """How the base n of a question's percentages was found."""

    stated = "stated"
    """The source prints it."""
    counted = "counted"
    """Counted in the answers file."""
    inferred = "inferred"
    """Not printed: the smallest n that fits the printed counts and percentages (see ``candidates``)."""
    unknown = "unknown"
    """Neither printed, counted nor inferable: no percentages or intervals are computed."""


@dataclass(frozen=True)
class QuestionBase:
    """The base n a question's figures are computed with, and how it was found.

    ``n`` is the base used (the valid answers for single choice and Likert questions), ``None``
    when unknown; ``candidates`` every n the printed figures fit (ascending; only for
    ``inferred``, where ``n`` is the smallest: the widest interval, never more precision than the
    figures support).
    """

    question: str
    n: int | None
    source: BaseSource
    candidates: tuple[int, ...] = ()


def report_frequencies(bundle: SurveyBundle, checks: pl.DataFrame) -> pl.DataFrame:
    """The frequency tables of one survey as published (the one publishing policy).

    Computed from the answers when the survey has an answers file (small answer categories
    merged first when the survey sets ``merge_small_categories``), else from its published
    figures with the bases the checks infer (:func:`question_bases`) where the source states none;
    then small cells are suppressed at the survey's threshold (published figures never are).
    Columns: :data:`bejegening.stats.FREQUENCY_SCHEMA` plus ``suppression`` (``"primary"`` or
    ``"secondary"``: why a cell is hidden).
    """
    return report_tables(bundle, checks).frequencies


def report_tables(bundle: SurveyBundle, checks: pl.DataFrame) -> ProtectedFrequencies:
    """:func:`report_frequencies` with the questions as counted (a grid's items, merged options)
    and the merges made (:func:`bejegening.stats.merge_small_categories`)."""
    k = bundle.survey.small_cell_threshold
    wide = bundle.responses()
    if wide is None or bundle.responses_data is None:
        inferred = base_candidates(checks, survey=bundle.id) if not checks.is_empty() else {}
        table = published_frequencies(bundle, bases={q: ns[0] for q, ns in inferred.items()})
        return ProtectedFrequencies(
            suppress_small_cells(table, k, questions=bundle.questions), tuple(bundle.questions), ()
        )
    weight = bundle.responses_data.weight
    answered = answered_questions(bundle.questions)  # a grid's items, each a question
    answers = answers_from_wide(wide, answered, weight=weight, background=bundle.design_columns)

    def count(frame: pl.LazyFrame, asked: Sequence[Question]) -> pl.DataFrame:
        return frequencies(
            frame,
            asked,
            survey_id=bundle.id,
            population_size=bundle.survey.population.size,
            sampling=bundle.survey.sampling,
            weight=weight,
            design=bundle.design,
        )

    table = count(answers, answered)
    counted: list[Question] = list(answered)
    merges: list[CategoryMerge] = []
    if bundle.survey.merge_small_categories:
        counted, merges = merge_small_categories(table, answered, k)
        if merges:
            table = count(recode_answers(answers, merges), counted)
    return ProtectedFrequencies(
        suppress_small_cells(table, k, questions=counted), tuple(counted), tuple(merges)
    )


def question_bases(bundle: SurveyBundle, freq: pl.DataFrame, checks: pl.DataFrame) -> dict[str, QuestionBase]:
    """Per question (questionnaire order): the base its figures use and how it was found.

    A grid's items are questions of their own here (``<question>.<item>``).  Read from the
    frequency table (``base``, ``base_inferred``, ``published``) of
    :func:`report_frequencies`; the candidates of an inferred base come from
    :func:`bejegening.checks.base_candidates`.  Questions without a frequency table but with
    printed (count, percentage) pairs get their inferred base too.
    """
    candidates = base_candidates(checks, survey=bundle.id) if not checks.is_empty() else {}
    counted = bundle.responses_data is not None
    result: dict[str, QuestionBase] = {}
    for question in answered_questions(bundle.questions):
        rows = freq.filter(pl.col("question") == question.id, pl.col("option") != REMAINDER_OPTION)
        if rows.is_empty():
            if question.id in candidates:
                fitting = candidates[question.id]
                result[question.id] = QuestionBase(question.id, fitting[0], BaseSource.inferred, fitting)
            continue
        answer_rows = rows.filter(pl.col("valence").fill_null("") != "non_substantive")
        bases = (answer_rows if not answer_rows.is_empty() else rows).get_column("base").drop_nulls()
        n = int(bases[0]) if not bases.is_empty() else None
        if n is None:
            source = BaseSource.unknown
        elif counted:
            source = BaseSource.counted
        elif bool(rows.get_column("base_inferred").fill_null(False).any()):
            source = BaseSource.inferred
        else:
            source = BaseSource.stated
        fitting = candidates.get(question.id, ()) if source is BaseSource.inferred else ()
        result[question.id] = QuestionBase(question.id, n, source, fitting)
    return result


def report_crosstabs(bundle: SurveyBundle, by: Sequence[str]) -> dict[str, pl.DataFrame]:
    """Per background column in ``by``: the crosstab of every closed question, small cells suppressed.

    Empty without an answers file.  Cells as :func:`bejegening.stats.crosstab` (``table``) after
    :func:`bejegening.stats.suppress_crosstab` at the survey's threshold.
    """
    wide = bundle.responses()
    if wide is None or bundle.responses_data is None or not by:
        return {}
    weight = bundle.responses_data.weight
    answered = answered_questions(bundle.questions)
    tables = {}
    for column in by:
        answers = answers_from_wide(wide, answered, weight=weight, background=[column])
        table = crosstab(
            answers,
            answered,
            column,
            survey_id=bundle.id,
            weight=weight,
            sampling=bundle.survey.sampling,
        ).table
        tables[column] = suppress_crosstab(
            table, bundle.survey.small_cell_threshold, by=(), questions=bundle.questions
        )
    return tables


def report_breakdowns(bundle: SurveyBundle, tables: ProtectedFrequencies) -> Breakdowns | None:
    """Crosstabs, tests and differences of every closed question (as counted, merged options
    included) by every background variable of ``responses.background``
    (:func:`bejegening.stats.breakdowns`); None without answers or background variables."""
    wide = bundle.responses()
    data = bundle.responses_data
    if wide is None or data is None or not data.background:
        return None
    background = list(data.background)
    answers = answers_from_wide(wide, tables.questions, weight=data.weight, background=background)
    return breakdowns(
        recode_answers(answers, tables.merges),
        tables.questions,
        background,
        survey_id=bundle.id,
        k=bundle.survey.small_cell_threshold,
        weight=data.weight,
        sampling=bundle.survey.sampling,
    )


def report_grids(bundle: SurveyBundle, tables: ProtectedFrequencies) -> dict[str, pl.DataFrame]:
    """Per grid question (questionnaire order): its items' top-2-box, bottom-2-box and net score
    from the published frequency table (:func:`bejegening.stats.grid_summary`; a figure that
    would reveal a suppressed cell is null), in the grid's ``items_order``."""
    return {
        q.id: grid_summary(tables.frequencies, q, merges=tables.merges) for q in bundle.questions if q.is_grid
    }


def report_grid_groups(
    bundle: SurveyBundle, tables: Breakdowns | None, merges: Sequence[CategoryMerge]
) -> dict[str, pl.DataFrame]:
    """Per grid question: its items' boxes and net scores within every group of every background
    variable, from the suppressed crosstabs (:func:`bejegening.stats.grid_summary` of each
    group's column, so a figure that would reveal a suppressed cell is null), with the columns
    ``by``, ``group`` and ``too_small`` (the group is too small to show) in front. Empty
    without breakdowns."""
    if tables is None or tables.table.is_empty():
        return {}
    result = {}
    for question in bundle.questions:
        if not question.is_grid:
            continue
        items = [answered.id for answered in question.item_questions()]
        part = tables.table.filter(pl.col("question").is_in(items))
        frames = [
            grid_summary(cells, question, merges=merges).select(
                pl.lit(str(by)).alias("by"),
                pl.lit(str(group)).alias("group"),
                pl.lit(bool(cells["too_small"].any())).alias("too_small"),
                pl.all(),
            )
            for (by, group), cells in part.group_by("by", "group", maintain_order=True)
        ]
        if frames:
            result[question.id] = pl.concat(frames)
    return result


@dataclass(frozen=True)
class NumericReport:
    """The numeric questions of a survey as published.

    ``summary``: one row per numeric question with the columns of
    :func:`bejegening.stats.numeric_summary` after
    :func:`bejegening.stats.protect_numeric_summary` (nothing but n below the threshold; min and
    max only when enough people share them); ``histograms``: the bins of every question with at
    least ``k`` answers (:func:`bejegening.stats.histogram_bins`, each bin ≥ ``k`` answers).
    """

    summary: pl.DataFrame
    histograms: pl.DataFrame


def report_numeric(bundle: SurveyBundle) -> NumericReport:
    """The protected summaries and histograms of the numeric questions (:class:`NumericReport`);
    empty without an answers file. Weighted surveys get the weighted mean and quartiles; the
    histogram counts people (unweighted)."""
    wide = bundle.responses()
    numeric = [q for q in bundle.questions if q.type is QuestionType.numeric]
    k = bundle.survey.small_cell_threshold
    empty = NumericReport(
        protect_numeric_summary(
            numeric_summary(pl.DataFrame({"question": [], "value": []}), questions=[]), {}, k
        ),
        histogram_bins([], k),
    )
    if wide is None or bundle.responses_data is None or not numeric:
        return empty
    weight = bundle.responses_data.weight
    answers = answers_from_wide(wide, numeric, weight=weight).collect()
    summary = numeric_summary(answers, questions=numeric, weight=weight)
    values = {
        q.id: answers.filter(pl.col("question") == q.id).get_column("value").drop_nulls().to_numpy()
        for q in numeric
    }
    histograms = pl.concat([histogram_bins(values[q.id], k, question=q.id) for q in numeric])
    return NumericReport(protect_numeric_summary(summary, values, k), histograms)


def report_open_answers(bundle: SurveyBundle) -> pl.DataFrame:
    """Redacted open answers (``survey, question, answer``), only when the survey publishes them."""
    wide = bundle.responses()
    if not bundle.survey.publish_open_answers or wide is None:
        return pl.DataFrame(schema=OPEN_ANSWERS_SCHEMA)
    return publishable_open_answers(
        wide, bundle.questions, survey_id=bundle.id, names=bundle.survey.redact_names
    )


@dataclass(frozen=True, eq=False)
class SurveyReport:
    """Everything published about one survey, each fact computed once (see :func:`build_report`).

    ``checks``: the check result table (:data:`bejegening.checks.CHECK_SCHEMA`);
    ``frequencies``: the frequency tables as published (:func:`report_frequencies`; small cells
    suppressed); ``bases``: per question id its :class:`QuestionBase`; ``verbal``: per finding id
    the meaning of its words (:class:`~bejegening.checks.VerbalMeaning`); ``crosstabs``: per
    background column the suppressed crosstab; ``open_answers``: redacted open answers (empty
    unless the survey publishes them); ``headlines``: the headline findings.  Frequencies, bases,
    crosstabs, open answers and headlines are computed on first use, once.
    """

    bundle: SurveyBundle
    checks: pl.DataFrame
    verbal: Mapping[str, VerbalMeaning]
    rounding: Rounding = Rounding.half_up
    max_n: int = DEFAULT_MAX_N
    by: tuple[str, ...] = field(default=())
    """Background columns to crosstab by."""

    @property
    def id(self) -> str:
        """The survey id."""
        return self.bundle.id

    @property
    def survey(self) -> Survey:
        """The survey's metadata."""
        return self.bundle.survey

    @property
    def questions(self) -> tuple[Question, ...]:
        """The questions, in questionnaire order."""
        return tuple(self.bundle.questions)

    @cached_property
    def tables(self) -> ProtectedFrequencies:
        """The frequency tables as published, the questions as counted and the merged options
        (:func:`report_tables`)."""
        return report_tables(self.bundle, self.checks)

    @property
    def frequencies(self) -> pl.DataFrame:
        """The frequency tables as published (:func:`report_frequencies`)."""
        return self.tables.frequencies

    @property
    def merges(self) -> tuple[CategoryMerge, ...]:
        """Answer options merged instead of suppressed (``merge_small_categories``)."""
        return self.tables.merges

    @cached_property
    def breakdowns(self) -> Breakdowns | None:
        """The "Per groep" breakdowns by every background variable (:func:`report_breakdowns`)."""
        return report_breakdowns(self.bundle, self.tables)

    @cached_property
    def grids(self) -> Mapping[str, pl.DataFrame]:
        """Per grid question: its items' boxes and net scores (:func:`report_grids`)."""
        return MappingProxyType(report_grids(self.bundle, self.tables))

    @cached_property
    def grid_groups(self) -> Mapping[str, pl.DataFrame]:
        """Per grid question: its items' boxes per background group (:func:`report_grid_groups`)."""
        return MappingProxyType(report_grid_groups(self.bundle, self.breakdowns, self.merges))

    @cached_property
    def numeric(self) -> NumericReport:
        """The numeric questions' protected summaries and histograms (:func:`report_numeric`)."""
        return report_numeric(self.bundle)

    @cached_property
    def grouped_open_answers(self) -> pl.DataFrame:
        """Published open answers, identical ones once with their ``count``."""
        return group_open_answers(self.open_answers)

    @cached_property
    def bases(self) -> Mapping[str, QuestionBase]:
        """Per question id: the base used and how it was found (:func:`question_bases`)."""
        return MappingProxyType(question_bases(self.bundle, self.frequencies, self.checks))

    @cached_property
    def crosstabs(self) -> Mapping[str, pl.DataFrame]:
        """Per background column in ``by``: the suppressed crosstab (:func:`report_crosstabs`)."""
        return MappingProxyType(report_crosstabs(self.bundle, self.by))

    @cached_property
    def open_answers(self) -> pl.DataFrame:
        """Redacted open answers (:func:`report_open_answers`)."""
        return report_open_answers(self.bundle)

    @cached_property
    def headlines(self) -> tuple[Headline, ...]:
        """Every headline finding, most important first (:func:`bejegening.report.headlines`);
        each question's first one is what its page leads with."""
        limit = len(self.bundle.findings) + len(self.bundle.questions)
        return headlines(self.bundle, self.frequencies, self.checks, limit=limit)

    @cached_property
    def leads(self) -> Mapping[str, Headline]:
        """Per question id, the sentence its page leads with: the question's first headline; for
        a grid or numeric question without one, :func:`grid_headline` (the statements agreed with
        most and least) or :func:`numeric_headline` (the mean with its margin)."""
        leads: dict[str, Headline] = {}
        for headline in self.headlines:
            if headline.question is not None:
                leads.setdefault(headline.question, headline)
        data = self.bundle.responses_data
        weighted = data is not None and data.weight is not None
        for question in self.bundle.questions:
            if question.id in leads:
                continue
            lead = None
            if question.is_grid:
                lead = grid_headline(self.id, question, self.grids.get(question.id))
            elif question.type is QuestionType.numeric:
                lead = numeric_headline(self.id, question, self.numeric.summary, weighted=weighted)
            if lead is not None:
                leads[question.id] = lead
        return MappingProxyType(leads)

    def question_checks(self, question: str | None) -> pl.DataFrame:
        """Check rows of one question (``None``: rows about no question), in table order."""
        if question is None:
            return self.checks.filter(pl.col("question").is_null())
        return self.checks.filter(pl.col("question") == question)

    def question_frequencies(self, question: str) -> pl.DataFrame:
        """Frequency rows of one question."""
        return self.frequencies.filter(pl.col("question") == question)


def build_report(
    bundle: SurveyBundle,
    *,
    rounding: Rounding = Rounding.half_up,
    max_n: int = DEFAULT_MAX_N,
    by: Sequence[str] = (),
) -> SurveyReport:
    """The report of one survey: its checks (with ``rounding`` and ``max_n``, see
    :func:`bejegening.checks.check_survey`), frequencies, bases, verbal meanings, crosstabs by the
    background columns ``by`` and open answers.  Raises ``ValueError`` when ``max_n < 1``.
    """
    checks = check_survey(bundle, rounding=rounding, max_n=max_n)
    meanings = {f.id: m for f in bundle.findings if (m := verbal_meaning(f)) is not None}
    return SurveyReport(
        bundle=bundle,
        checks=checks,
        verbal=MappingProxyType(meanings),
        rounding=rounding,
        max_n=max_n,
        by=tuple(by),
    )


def build_reports(
    bundles: Iterable[SurveyBundle],
    *,
    rounding: Rounding = Rounding.half_up,
    max_n: int = DEFAULT_MAX_N,
) -> tuple[SurveyReport, ...]:
    """:func:`build_report` of every bundle, in order."""
    return tuple(build_report(b, rounding=rounding, max_n=max_n) for b in bundles)
