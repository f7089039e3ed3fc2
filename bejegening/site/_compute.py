"""Everything the site shows, computed from the bundles: frequencies, checks, charts, lexicon.

The published frequency tables use the bases the checks infer when a source states none (WPI),
and small cells are suppressed per survey before anything is published (tables, charts and
downloads all read the suppressed frame).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import altair as alt
import polars as pl

from bejegening.checks import check_all, inferred_bases, lexicon_frame, lookup_quantifier
from bejegening.io import SurveyBundle
from bejegening.render import (
    BUNDLE_NAME,
    ChartAsset,
    chart_spec,
    render_charts,
    single_choice_chart,
    verbal_findings_chart,
    write_vega_bundle,
)
from bejegening.stats import (
    FREQUENCY_SCHEMA,
    answers_from_wide,
    frequencies,
    published_frequencies,
    suppress_small_cells,
)

__all__ = ["CHARTS_DIR", "SCRIPTS_DIR", "Computed", "build_charts", "compute_site", "site_frequencies"]

CHARTS_DIR = "grafieken"
"""Folder (in the docs folder) with the static SVG and the Vega-Lite spec of every chart."""
SCRIPTS_DIR = "assets/bejegening"
"""Folder (in the docs folder) of the self-hosted chart script, next to the theme's site.js."""
FINDINGS_CHART = "_bevindingen"
PARALLEL_CHARTS = 60
"""From this many charts on, they render in worker processes (measured on 2 cores: a worker
costs about 5 s to start, a chart about 0,2 s)."""

Stage = Callable[[str, int | None], Callable[[str], None]]


@dataclass(frozen=True)
class Computed:
    """The computed inputs of the pages."""

    frequencies: pl.DataFrame
    checks: pl.DataFrame
    lexicon: pl.DataFrame
    verbal_meanings: Mapping[str, str]
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
        answers = answers_from_wide(wide, bundle.questions, weight=weight)
        return frequencies(
            answers,
            bundle.questions,
            survey_id=bundle.id,
            population_size=bundle.survey.population.size,
            sampling=bundle.survey.sampling,
            weight=weight,
        )
    own = checks.filter(pl.col("survey") == bundle.id)
    bases = inferred_bases(own, survey=bundle.id) if not own.is_empty() else {}
    return published_frequencies(bundle, bases=bases)


def _verbal_meanings(bundles: Sequence[SurveyBundle]) -> dict[str, str]:
    meanings = {}
    for bundle in bundles:
        for finding in bundle.findings:
            if finding.quantifier is None:
                continue
            entry = lookup_quantifier(finding.quantifier)
            meanings[finding.id] = entry.describe() if entry is not None else "niet in de woordenlijst"
    return meanings


def _question_charts(
    bundles: Sequence[SurveyBundle], freq: pl.DataFrame
) -> dict[str, tuple[str, alt.TopLevelMixin]]:
    """One chart per closed question with at least one known count (key ``survey/question``)."""
    charts: dict[str, tuple[str, alt.TopLevelMixin]] = {}
    for bundle in bundles:
        own = freq.filter(pl.col("survey") == bundle.id)
        for question in bundle.questions:
            rows = own.filter(pl.col("question") == question.id)
            if rows.is_empty() or rows.get_column("n").drop_nulls().is_empty():
                continue
            label = f"Vraag {question.number}" if question.number else f"Vraag {question.id}"
            chart = single_choice_chart(rows, question_text=f"{label}: {question.text}")
            charts[f"{bundle.id}/{question.id}"] = (label, chart)
        loose = [f for f in bundle.findings if f.question is None and f.quantifier is not None]
        if loose:
            verbal: list[dict[str, object]] = []
            for finding in loose:
                entry = lookup_quantifier(finding.quantifier or "")
                share = entry is not None and entry.kind.value == "share" and entry.has_interval
                verbal.append(
                    {
                        "finding": finding.id,
                        "statement": finding.statement,
                        "quantifier": finding.quantifier,
                        "low": entry.low if share and entry is not None else None,
                        "high": entry.high if share and entry is not None else None,
                        "base_description": finding.base_description,
                    }
                )
            frame = pl.DataFrame(
                verbal,
                schema={
                    "finding": pl.String,
                    "statement": pl.String,
                    "quantifier": pl.String,
                    "low": pl.Float64,
                    "high": pl.Float64,
                    "base_description": pl.String,
                },
            )
            chart = verbal_findings_chart(frame, title=f"Bevindingen in woorden: {bundle.survey.title}")
            charts[f"{bundle.id}/{FINDINGS_CHART}"] = ("Bevindingen in woorden", chart)
    return charts


_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([0-9.]+)"[^>]*?\bheight="([0-9.]+)"')


_CHART_SCRIPT: dict[str, str] = {}


def _write_chart_script(folder: Path) -> None:
    """Write the chart script; bundled once per process (later builds, e.g. ``serve``, reuse it)."""
    cached = _CHART_SCRIPT.get(BUNDLE_NAME)
    if cached is None:
        path = write_vega_bundle(folder, filename=BUNDLE_NAME)
        _CHART_SCRIPT[BUNDLE_NAME] = path.read_text(encoding="utf-8")
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / BUNDLE_NAME).write_text(cached, encoding="utf-8")


def build_charts(
    bundles: Sequence[SurveyBundle], freq: pl.DataFrame, docs_dir: Path
) -> dict[str, ChartAsset]:
    """Render every chart of the site into ``docs_dir/grafieken`` and write the chart script."""
    charts = _question_charts(bundles, freq)
    names = {key: key.replace("/", ".") for key in charts}
    folder = docs_dir / CHARTS_DIR
    # The chart script takes seconds to bundle; it runs in a thread while the charts render.
    # Worker processes pay seconds of start-up each, so few charts render in this process.
    workers = None if len(charts) >= PARALLEL_CHARTS else 1
    with ThreadPoolExecutor(max_workers=1) as pool:
        bundle = pool.submit(_write_chart_script, docs_dir / SCRIPTS_DIR)
        render_charts({names[key]: chart for key, (_, chart) in charts.items()}, folder, workers=workers)
        bundle.result()
    assets: dict[str, ChartAsset] = {}
    for key, (label, chart) in charts.items():
        spec = chart_spec(chart)
        svg = (folder / f"{names[key]}.svg").read_text(encoding="utf-8")
        size = _SIZE.search(svg)
        assets[key] = ChartAsset(
            image=f"{CHARTS_DIR}/{names[key]}.svg",
            spec=f"{CHARTS_DIR}/{names[key]}.vl.json",
            description=str(spec.get("description") or ""),
            title=f"Grafiek: {label}",
            width=round(float(size.group(1))) if size else None,
            height=round(float(size.group(2))) if size else None,
        )
    return assets


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
    on_stage("Grafieken maken", 1)
    charts = build_charts(bundles, frequencies, docs_dir)
    lap("grafieken")
    return Computed(frequencies, checks, lexicon, meanings, charts)
