"""Everything the site shows, computed from the bundles: frequencies, checks, charts, lexicon.

The published frequency tables use the bases the checks infer when a source states none (WPI),
and small cells are suppressed per survey before anything is published (tables, charts and
downloads all read the suppressed frame).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from bejegening.checks import (
    check_all,
    finding_interval,
    inferred_bases,
    is_comparison,
    lexicon_frame,
    lookup_quantifier,
)
from bejegening.io import SurveyBundle
from bejegening.model import answered_questions
from bejegening.render import ChartAsset
from bejegening.site._charts import build_charts, chart_jobs
from bejegening.stats import (
    FREQUENCY_SCHEMA,
    OPEN_ANSWERS_SCHEMA,
    answers_from_wide,
    frequencies,
    publishable_open_answers,
    published_frequencies,
    suppress_small_cells,
)

__all__ = ["Computed", "compute_site", "site_frequencies"]

Stage = Callable[[str, int | None], Callable[[str], None]]


@dataclass(frozen=True)
class Computed:
    """The computed inputs of the pages."""

    frequencies: pl.DataFrame
    checks: pl.DataFrame
    lexicon: pl.DataFrame
    verbal_meanings: Mapping[str, str]
    open_answers: pl.DataFrame
    """Redacted open answers (``survey, question, answer``) of surveys that publish them."""
    charts: Mapping[str, ChartAsset] = field(default_factory=dict)


def site_frequencies(bundles: Sequence[SurveyBundle], checks: pl.DataFrame) -> pl.DataFrame:
    """Frequencies of every survey as the site publishes them, small cells suppressed.

    Only the columns of the Frequency table contract are kept (in contract order).
    """
    frames = []
    for bundle in bundles:
        frame = _survey_frequencies(bundle, checks)
        frames.append(
            suppress_small_cells(frame, bundle.survey.small_cell_threshold, questions=bundle.questions)
        )
    columns = list(_CONTRACT)
    if not frames:
        return pl.DataFrame(schema={c: FREQUENCY_SCHEMA[c] for c in columns})
    return pl.concat([f.select(columns) for f in frames], how="vertical")


_CONTRACT = (
    "survey",
    "question",
    "option",
    "label",
    "order",
    "valence",
    "n",
    "base",
    "pct",
    "ci_low",
    "ci_high",
    "published",
    "pct_published",
    "pct_published_decimals",
    "base_inferred",
    "sampling_note",
    "suppressed",
)


def _survey_frequencies(bundle: SurveyBundle, checks: pl.DataFrame) -> pl.DataFrame:
    """Computed from the answers when the survey has them, else the published figures.

    Published figures use the bases the checks infer when the source states none.
    """
    wide = bundle.responses()
    if wide is not None and bundle.responses_data is not None:
        weight = bundle.responses_data.weight
        answered = answered_questions(bundle.questions)  # a grid's items, each a question
        answers = answers_from_wide(wide, answered, weight=weight, background=bundle.design_columns)
        return frequencies(
            answers,
            answered,
            survey_id=bundle.id,
            population_size=bundle.survey.population.size,
            sampling=bundle.survey.sampling,
            weight=weight,
            design=bundle.design,
        )
    own = checks.filter(pl.col("survey") == bundle.id)
    bases = inferred_bases(own, survey=bundle.id) if not own.is_empty() else {}
    return published_frequencies(bundle, bases=bases)


def _verbal_meanings(bundles: Sequence[SurveyBundle]) -> dict[str, str]:
    """Per verbal finding: what its words mean in numbers (Dutch), from the checks' lexicon."""
    meanings = {}
    for bundle in bundles:
        for finding in bundle.findings:
            if finding.quantifier is None:
                continue
            entry = lookup_quantifier(finding.quantifier)
            if is_comparison(finding):
                meanings[finding.id] = "een vergelijking van twee groepen, geen deel van het geheel"
            elif entry is None:
                meanings[finding.id] = "niet in de woordenlijst"
            elif finding_interval(finding) is None and not entry.has_interval:
                meanings[finding.id] = "geen getal (" + entry.describe() + ")"
            else:
                meanings[finding.id] = entry.describe()
    return meanings


def _open_answers(bundles: Sequence[SurveyBundle]) -> pl.DataFrame:
    """Redacted open answers, only of surveys that set ``publish_open_answers: true``."""
    frames = []
    for bundle in bundles:
        wide = bundle.responses()
        if not bundle.survey.publish_open_answers or wide is None:
            continue
        frames.append(
            publishable_open_answers(
                wide, bundle.questions, survey_id=bundle.id, names=bundle.survey.redact_names
            )
        )
    if not frames:
        return pl.DataFrame(schema=OPEN_ANSWERS_SCHEMA)
    return pl.concat(frames, how="vertical")


def chart_count(bundles: Sequence[SurveyBundle], freq: pl.DataFrame) -> int:
    """Number of charts the site will have (for the progress bar)."""
    return len(chart_jobs(bundles, freq))


def compute_site(
    bundles: Sequence[SurveyBundle],
    docs_dir: Path,
    *,
    on_stage: Stage,
    lap: Callable[[str], None],
) -> Computed:
    """Checks, frequencies and charts for the site; chart files are written into ``docs_dir``."""
    on_stage("Cijfers berekenen en controleren", 1)
    checks = check_all(bundles)
    frequencies = site_frequencies(bundles, checks)
    lexicon = lexicon_frame()
    meanings = _verbal_meanings(bundles)
    lap("rekenen")
    jobs = chart_count(bundles, frequencies)
    charts = build_charts(bundles, frequencies, docs_dir, advance=on_stage("Grafieken maken", jobs))
    lap("grafieken")
    return Computed(frequencies, checks, lexicon, meanings, _open_answers(bundles), charts)
