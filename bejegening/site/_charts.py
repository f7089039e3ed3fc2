"""The charts of the site: one job per chart (build, spec, static SVG), in worker processes when
there are many.

Building a chart (Altair), turning it into a spec and rendering the SVG (vl-convert) cost about
0,13 s per chart on one core, so a site with hundreds of questions renders its charts in two
worker processes (one per core). A worker costs seconds to start (Python, Altair, vl-convert's
JavaScript runtime), so a few charts are rendered in this process. The self-hosted chart script
(about 1 MB, seconds to bundle) is written in a thread meanwhile, once per process.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from bejegening.render import (
    BUNDLE_NAME,
    FINDINGS_CHART,
    ChartAsset,
    chart_key,
    chart_spec,
    render_svg,
    single_choice_chart,
    spec_json,
    verbal_findings_chart,
    verbal_findings_frame,
    write_vega_bundle,
)
from bejegening.report import SurveyReport

__all__ = [
    "CHARTS_DIR",
    "FINDINGS_CHART",
    "PARALLEL_CHARTS",
    "SCRIPTS_DIR",
    "ChartJob",
    "build_charts",
    "chart_jobs",
]

CHARTS_DIR = "grafieken"
"""Folder (in the docs folder) with the static SVG and the Vega-Lite spec of every chart."""
SCRIPTS_DIR = "assets/bejegening"
"""Folder (in the docs folder) of the self-hosted chart script, next to the theme's site.js."""
PARALLEL_CHARTS = 50
"""From this many charts on, they render in worker processes (measured on 2 cores: starting the
workers costs about 3 s, a chart about 0,13 s; 200 charts take 26 s in one process, 18 s in two)."""

_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([0-9.]+)"[^>]*?\bheight="([0-9.]+)"')


@dataclass(frozen=True)
class ChartJob:
    """One chart to draw: its key (``survey/question``), data and title (picklable)."""

    key: str
    label: str
    kind: str
    """``single`` (a question's Frequency table rows) or ``verbal`` (findings in words)."""
    frame: pl.DataFrame
    title: str

    @property
    def name(self) -> str:
        """File name stem: ``survey.question``."""
        return self.key.replace("/", ".")


@dataclass(frozen=True)
class _Drawn:
    key: str
    description: str
    width: int | None
    height: int | None


def chart_jobs(reports: Sequence[SurveyReport]) -> list[ChartJob]:
    """One chart per closed question with a known count, and one per survey for findings in words.

    Planned once per build; :func:`build_charts` draws them.
    """
    jobs: list[ChartJob] = []
    for report in reports:
        bundle = report.bundle
        own = report.frequencies
        for question in bundle.questions:
            rows = own.filter(pl.col("question") == question.id)
            if rows.is_empty() or rows.get_column("n").drop_nulls().is_empty():
                continue
            label = question.label
            jobs.append(
                ChartJob(
                    chart_key(bundle.id, question.id), label, "single", rows, f"{label}: {question.text}"
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


def _draw(job: ChartJob, folder: str) -> _Drawn:
    """Build, spec and render one chart; write ``name.svg`` and ``name.vl.json`` (any process)."""
    if job.kind == "verbal":
        chart = verbal_findings_chart(job.frame, title=job.title)
    else:
        chart = single_choice_chart(job.frame, question_text=job.title)
    spec = chart_spec(chart)
    svg = render_svg(spec, chart_id=f"bj-{job.name}")
    target = Path(folder)
    (target / f"{job.name}.svg").write_text(svg, encoding="utf-8")
    (target / f"{job.name}.vl.json").write_text(spec_json(spec), encoding="utf-8")
    size = _SIZE.search(svg)
    return _Drawn(
        job.key,
        str(spec.get("description") or ""),
        round(float(size.group(1))) if size else None,
        round(float(size.group(2))) if size else None,
    )


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
    jobs: Sequence[ChartJob],
    docs_dir: Path,
    *,
    advance: Callable[[str], None] = lambda _key: None,
    workers: int | None = None,
) -> dict[str, ChartAsset]:
    """Render the charts of ``jobs`` (:func:`chart_jobs`) into ``docs_dir/grafieken`` and write
    the chart script.

    ``workers``: processes to render in (default: one per core when there are at least
    :data:`PARALLEL_CHARTS` charts, else this process). Returns the assets by chart key.
    """
    folder = docs_dir / CHARTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    if workers is None:
        workers = min(os.cpu_count() or 1, len(jobs)) if len(jobs) >= PARALLEL_CHARTS else 1
    drawn: dict[str, _Drawn] = {}
    with ThreadPoolExecutor(max_workers=1) as thread:
        script = thread.submit(_write_chart_script, docs_dir / SCRIPTS_DIR)
        if workers <= 1:
            for job in jobs:
                drawn[job.key] = _draw(job, str(folder))
                advance(job.key)
        else:
            # vl-convert's runtime must not be forked once started: start workers from a server.
            method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
            context = multiprocessing.get_context(method)
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                futures: list[Future[_Drawn]] = [pool.submit(_draw, job, str(folder)) for job in jobs]
                for future in as_completed(futures):
                    result = future.result()
                    drawn[result.key] = result
                    advance(result.key)
        script.result()
    by_key = {job.key: job for job in jobs}
    return {
        key: ChartAsset(
            image=f"{CHARTS_DIR}/{by_key[key].name}.svg",
            spec=f"{CHARTS_DIR}/{by_key[key].name}.vl.json",
            description=drawn[key].description,
            title=f"Grafiek: {by_key[key].label}",
            width=drawn[key].width,
            height=drawn[key].height,
        )
        for key in (job.key for job in jobs)
    }
