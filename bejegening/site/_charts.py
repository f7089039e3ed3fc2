"""The charts of the site: one job per chart, its spec built here, drawn by the one batch
renderer (:func:`bejegening.render.render_batch`) with a cache by spec hash.

A spec costs about 0,1-0,3 s to build (Altair); drawing it about 0,07 s (vl-convert). With a
cache folder, only charts whose spec changed since an earlier build are drawn, so a second
``build`` or a ``serve`` rebuild after one edit redraws only that edit's charts. The
self-hosted chart script (about 1 MB, seconds to bundle) is written in a thread meanwhile, and
cached too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from bejegening.render import (
    BUNDLE_NAME,
    FINDINGS_CHART,
    ChartAsset,
    chart_key,
    chart_spec,
    crosstab_chart,
    render_batch,
    single_choice_chart,
    verbal_findings_chart,
    verbal_findings_frame,
    write_vega_bundle,
)
from bejegening.render._breakdown_view import background_labels
from bejegening.render._theme import dark_spec
from bejegening.report import BaseSource, SurveyReport
from bejegening.site._breakdowns import crosstab_chart_frame
from bejegening.stats import with_suppression_reason

__all__ = ["CHARTS_DIR", "FINDINGS_CHART", "SCRIPTS_DIR", "ChartJob", "build_charts", "chart_jobs"]

CHARTS_DIR = "grafieken"
"""Folder (in the docs folder) with the static SVG and the Vega-Lite spec of every chart."""
SCRIPTS_DIR = "assets/bejegening"
"""Folder (in the docs folder) of the self-hosted chart script, next to the theme's site.js."""


@dataclass(frozen=True)
class ChartJob:
    """One chart to draw: its key (``survey/question``), data and title (picklable)."""

    key: str
    label: str
    kind: str
    """``single`` (a question's Frequency table rows), ``crosstab`` (a question by a background
    variable) or ``verbal`` (findings in words)."""
    frame: pl.DataFrame
    title: str
    group_title: str | None = None
    """Name of the background variable (``crosstab`` only)."""
    base_range: tuple[int, int] | None = None
    """Smallest and largest base that fit the printed figures (an inferred base, not unique)."""

    @property
    def name(self) -> str:
        """File name stem: ``survey.question``."""
        return self.key.replace("/", ".")


def chart_jobs(reports: Sequence[SurveyReport]) -> list[ChartJob]:
    """One chart per closed question with a known count, and one per survey for findings in words.

    Planned once per build; :func:`build_charts` draws them.
    """
    jobs: list[ChartJob] = []
    for report in reports:
        bundle = report.bundle
        own = report.frequencies
        jobs += _crosstab_jobs(report)
        for question in bundle.questions:
            rows = own.filter(pl.col("question") == question.id)
            if rows.is_empty() or rows.get_column("n").drop_nulls().is_empty():
                continue
            rows = with_suppression_reason(rows, bundle.survey.small_cell_threshold)
            label = question.label
            base = report.bases.get(question.id)
            fitting = base.candidates if base is not None and base.source is BaseSource.inferred else ()
            jobs.append(
                ChartJob(
                    chart_key(bundle.id, question.id),
                    label,
                    "single",
                    rows,
                    f"{label}: {question.text}",
                    base_range=(fitting[0], fitting[-1]) if fitting else None,
                )
            )
        # Findings in words that belong to no question (a question's own are on its page).
        verbal = verbal_findings_frame([f for f in bundle.findings if f.question is None], bundle.questions)
        if verbal.is_empty():
            continue
        jobs.append(
            ChartJob(
                chart_key(bundle.id),
                "Bevindingen in woorden",
                "verbal",
                verbal,
                f"Bevindingen in woorden: {bundle.survey.title}",
            )
        )
    return jobs


def _crosstab_jobs(report: SurveyReport) -> list[ChartJob]:
    """Charts of the "Per groep" sections: key ``survey/question/per/background``."""
    tables = report.breakdowns
    if tables is None or tables.table.is_empty():
        return []
    bundle = report.bundle
    k = bundle.survey.small_cell_threshold
    labels = background_labels(bundle)
    jobs = []
    for (question_id, by), part in tables.table.group_by("question", "by", maintain_order=True):
        if part.get_column("n").drop_nulls().is_empty() or "." in str(question_id):
            continue
        question = bundle.question(str(question_id))
        label = question.label
        jobs.append(
            ChartJob(
                f"{bundle.id}/{question_id}/per/{by}",
                f"{label} per {labels.get(str(by), str(by))}",
                "crosstab",
                crosstab_chart_frame(part, k),
                f"{label}: {question.text}",
                labels.get(str(by), str(by)),
            )
        )
    return jobs


def _spec(job: ChartJob) -> dict[str, Any]:
    """The job's Vega-Lite spec (theme applied)."""
    if job.kind == "verbal":
        return chart_spec(verbal_findings_chart(job.frame, title=job.title))
    if job.kind == "crosstab":
        return chart_spec(crosstab_chart(job.frame, group_title=job.group_title, question_text=job.title))
    return chart_spec(single_choice_chart(job.frame, question_text=job.title, base_range=job.base_range))


DARK_SUFFIX = ".donker"
"""File name suffix of a chart's dark version (``survey.q7.donker.svg``)."""


_CHART_SCRIPT: dict[str, str] = {}


def _write_chart_script(folder: Path, cache_dir: Path | None) -> None:
    """Write the chart script; bundled once per process (later builds, e.g. ``serve``, reuse it)."""
    cached = _CHART_SCRIPT.get(BUNDLE_NAME)
    if cached is None:
        path = write_vega_bundle(folder, filename=BUNDLE_NAME, cache_dir=cache_dir)
        _CHART_SCRIPT[BUNDLE_NAME] = path.read_text(encoding="utf-8")
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / BUNDLE_NAME).write_text(cached, encoding="utf-8")


def build_charts(
    jobs: Sequence[ChartJob],
    docs_dir: Path,
    *,
    advance: Callable[[str], None] = lambda _key: None,
    workers: int | None = None,
    cache_dir: Path | None = None,
) -> dict[str, ChartAsset]:
    """Render the charts of ``jobs`` (:func:`chart_jobs`) into ``docs_dir/grafieken`` and write
    the chart script.

    ``cache_dir``: drawings by spec hash from earlier builds (never inside the published site);
    only charts missing there are drawn. ``workers``: processes to draw in (default: one per
    core when there is much to draw, see :func:`bejegening.render.render_batch`). Returns the
    assets by chart key.
    """
    by_name = {job.name: job for job in jobs}
    with ThreadPoolExecutor(max_workers=1) as thread:
        script = thread.submit(_write_chart_script, docs_dir / SCRIPTS_DIR, cache_dir)
        specs: dict[str, dict[str, Any]] = {}
        for job in jobs:
            spec = _spec(job)
            specs[job.name] = spec
            specs[job.name + DARK_SUFFIX] = dark_spec(spec)
        drawn = render_batch(
            specs,
            docs_dir / CHARTS_DIR,
            workers=workers,
            cache_dir=cache_dir,
            on_done=lambda name: advance(by_name[name].key) if name in by_name else None,
        )
        script.result()
    return {
        job.key: ChartAsset(
            image=f"{CHARTS_DIR}/{job.name}.svg",
            spec=f"{CHARTS_DIR}/{job.name}.vl.json",
            image_dark=f"{CHARTS_DIR}/{job.name}{DARK_SUFFIX}.svg",
            spec_dark=f"{CHARTS_DIR}/{job.name}{DARK_SUFFIX}.vl.json",
            description=drawn[job.name].description,
            title=f"Grafiek: {job.label}",
            width=drawn[job.name].width,
            height=drawn[job.name].height,
        )
        for job in jobs
    }
